/**
 * ServerlessApp through the real CLI: several environments from one build, promotion and
 * pinning, files removed and renamed, variables changed, drift put right, once per path (the
 * dynamic resources, and the same program on the provider plugin, which constructs the component
 * with children typed twilio-serverless:index:*); both paths make the same API calls. Then the
 * TwiML example, on both paths too.
 */
import * as assert from "assert";
import * as fs from "fs";
import { callDomain, CallsByPath, e2eStack, PATHS, signedPost, twilioApi } from "./harness";

const calls = new CallsByPath();

for (const programPath of PATHS)
  describe(`e2e: ServerlessApp multi-env (${programPath} path)`, function () {
    this.timeout(600_000);
    const e2e = e2eStack({
      example: "multi-env",
      path: programPath,
      config: { serviceName: `multi-${programPath}-${process.pid}` },
    });

    it("deploys one build to dev, stage and prod, each with its own variables and domain", async () => {
      await calls.record(e2e, "first deploy", () => e2e.stack.up());
      const { urls } = await e2e.stack.outputs();
      const builds = new Set(["dev", "stage", "prod"].map((env) => urls[env].buildSid));
      assert.strictEqual(builds.size, 1, JSON.stringify(urls));
      assert.match(urls.prod.domainName, new RegExp(`^multi-${programPath}-\\d+-\\d{4}\\.twil\\.io$`));
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello?name=Ada"), {
        status: 200,
        body: "Hey Ada! (dev)",
      });
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.prod.domainName, "/hello?name=Ada"), {
        status: 200,
        body: "Good day, Ada. (prod)",
      });
    });

    it("types the component twilio-serverless:index:ServerlessApp, its children by path", async () => {
      const state = JSON.parse(await e2e.stack.exportState()) as { deployment: { resources: { type: string }[] } };
      const types = new Set(state.deployment.resources.map((r) => r.type));
      const [ours, theirs] =
        programPath === "plugin"
          ? ["twilio-serverless:index:", "pulumi-nodejs:dynamic/"]
          : ["pulumi-nodejs:dynamic/twilio-serverless:", "twilio-serverless:index:"];
      assert.ok(types.has("twilio-serverless:index:ServerlessApp"), [...types].join(", "));
      for (const kind of ["Service", "Environment", "Variable", "Function", "Asset", "Build", "Deployment"])
        assert.ok(types.has(`${ours}${kind}`), `${ours}${kind} in ${[...types].join(", ")}`);
      const others = [...types].filter(
        (type) => type.startsWith(theirs) && type !== "twilio-serverless:index:ServerlessApp",
      );
      assert.deepStrictEqual(others, []);
    });

    it("makes no API call at all when nothing changed", async () => {
      assert.deepStrictEqual((await calls.record(e2e, "no-op up", () => e2e.stack.up())).calls, {});
    });

    it("finds prod's build changed outside Pulumi and deploys its own again", async () => {
      const { serviceSid, urls } = await e2e.stack.outputs();
      const served = await callDomain(e2e.emulator.url, urls.prod.domainName, "/hello?name=Ada");
      await twilioApi(
        e2e.emulator.url,
        "POST",
        `/Services/${serviceSid}/Environments/${urls.prod.sid}/Deployments`,
        {},
      );
      const { result: drift } = await calls.record(e2e, "drift refresh", () =>
        e2e.stack.run(["preview", "--refresh", "--expect-no-changes"]),
      );
      assert.notStrictEqual(drift.code, 0, `${drift.stdout}\n${drift.stderr}`);
      await calls.record(e2e, "up --refresh", () => e2e.stack.up("--refresh"));
      await e2e.stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.prod.domainName, "/hello?name=Ada"), served);
    });

    it("keeps protected functions behind Twilio's signature and private assets off the web", async () => {
      const { urls } = await e2e.stack.outputs();
      const domain = urls.stage.domainName;
      assert.strictEqual((await callDomain(e2e.emulator.url, domain, "/admin/status", { method: "POST" })).status, 401);
      const signed = await callDomain(
        e2e.emulator.url,
        domain,
        "/admin/status",
        signedPost(domain, "/admin/status", { From: "+15550100" }),
      );
      assert.strictEqual(signed.status, 200, signed.body);
      assert.strictEqual(JSON.parse(signed.body).environment, "stage");
      assert.notStrictEqual((await callDomain(e2e.emulator.url, domain, "/greetings.json")).status, 200);
      assert.strictEqual(urls.stage.assetUrls["/greetings.json"], undefined);
    });

    it("holds a pinned environment on its build while the others move, then promotes it", async () => {
      const first = (await e2e.stack.outputs()).urls;
      await e2e.stack.mustRun(["config", "set", "prodBuild", first.prod.buildSid]);
      e2e.stack.writeFile(
        "functions/hello.js",
        fs.readFileSync(e2e.stack.file("functions/hello.js"), "utf8").replace("${template", "v2 ${template"),
      );
      await calls.record(e2e, "pin prod, change a file", () => e2e.stack.up());
      const pinned = (await e2e.stack.outputs()).urls;
      assert.notStrictEqual(pinned.dev.buildSid, first.dev.buildSid);
      assert.strictEqual(pinned.stage.buildSid, pinned.dev.buildSid);
      assert.strictEqual(pinned.prod.buildSid, first.prod.buildSid);
      assert.strictEqual(
        (await callDomain(e2e.emulator.url, pinned.stage.domainName, "/hello?name=Ada")).body,
        "v2 Hey Ada! (stage)",
      );
      assert.strictEqual(
        (await callDomain(e2e.emulator.url, pinned.prod.domainName, "/hello?name=Ada")).body,
        "Good day, Ada. (prod)",
      );

      await e2e.stack.mustRun(["config", "rm", "prodBuild"]);
      const steps = await e2e.stack.previewSteps();
      assert.deepStrictEqual(steps, { "Deployment::multi-env-prod": "update" });
      await calls.record(e2e, "unpin: promote", () => e2e.stack.up());
      const promoted = (await e2e.stack.outputs()).urls;
      assert.strictEqual(promoted.prod.buildSid, promoted.stage.buildSid);
      // The Build the pin held, which the stack stopped tracking when dev moved on, is gone too.
      const { serviceSid } = await e2e.stack.outputs();
      await assert.rejects(
        twilioApi(e2e.emulator.url, "GET", `/Services/${serviceSid}/Builds/${first.prod.buildSid}`),
        /404/,
      );
      assert.strictEqual(
        (await callDomain(e2e.emulator.url, promoted.prod.domainName, "/hello?name=Ada")).body,
        "v2 Good day, Ada. (prod)",
      );
    });

    it("changes a variable in place: no new build", async () => {
      fs.appendFileSync(e2e.stack.file(".env.dev"), "GREETING_STYLE=formal\n");
      const steps = await e2e.stack.previewSteps();
      assert.deepStrictEqual(steps, { "Variable::multi-env-dev-GREETING_STYLE": "update" });
      await calls.record(e2e, "change a variable", () => e2e.stack.up());
      const { urls } = await e2e.stack.outputs();
      assert.strictEqual(
        (await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello?name=Ada")).body,
        "v2 Good day, Ada. (dev)",
      );
    });

    it("removes a deleted file from Twilio after the new build is deployed", async () => {
      const { serviceSid, urls } = await e2e.stack.outputs();
      assert.strictEqual((await callDomain(e2e.emulator.url, urls.dev.domainName, "/index.html")).status, 200);
      fs.rmSync(e2e.stack.file("assets/index.html"));
      const steps = await e2e.stack.previewSteps();
      assert.strictEqual(steps["Asset::multi-env:index.html"], "delete");
      assert.strictEqual(steps["Build::multi-env"], "replace");
      await calls.record(e2e, "delete a file", () => e2e.stack.up());
      const after = (await e2e.stack.outputs()).urls;
      for (const env of ["dev", "stage", "prod"]) {
        assert.strictEqual((await callDomain(e2e.emulator.url, after[env].domainName, "/index.html")).status, 404, env);
      }
      const { assets } = await twilioApi(e2e.emulator.url, "GET", `/Services/${serviceSid}/Assets`);
      assert.deepStrictEqual(
        assets.map((a: any) => a.friendly_name),
        ["/greetings.json"],
      );
    });

    it("shows a renamed file as one delete and one create", async () => {
      fs.renameSync(e2e.stack.file("functions/hello.js"), e2e.stack.file("functions/greet.js"));
      const steps = await e2e.stack.previewSteps();
      assert.strictEqual(steps["Function::multi-env:hello"], "delete");
      assert.strictEqual(steps["Function::multi-env:greet"], "create");
      await calls.record(e2e, "rename a file", () => e2e.stack.up());
      const { urls } = await e2e.stack.outputs();
      assert.strictEqual((await callDomain(e2e.emulator.url, urls.dev.domainName, "/greet?name=Ada")).status, 200);
      assert.strictEqual((await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello?name=Ada")).status, 404);
    });
  });

describe("e2e: ServerlessApp multi-env, both paths", () => {
  it("make the same API calls in each phase", () => {
    calls.assertSame();
  });
});

for (const programPath of PATHS)
  describe(`e2e: the twiml example (${programPath} path)`, function () {
    this.timeout(300_000);
    const e2e = e2eStack({
      example: "twiml",
      path: programPath,
      config: { serviceName: `twiml-${programPath}-${process.pid}` },
      up: true,
    });
    it("answers a signed SMS webhook with TwiML", async () => {
      const { smsWebhookUrl } = await e2e.stack.outputs();
      const { host, pathname } = new URL(smsWebhookUrl);
      const answer = await callDomain(
        e2e.emulator.url,
        host,
        pathname,
        signedPost(host, pathname, { Body: "hi there", From: "+15550100" }),
      );
      assert.strictEqual(answer.status, 200, answer.body);
      assert.match(answer.body, /<Response><Message>You said: hi there<\/Message><\/Response>/);
    });

    it("answers a signed voice webhook with a Say and a Gather", async () => {
      const { voiceWebhookUrl } = await e2e.stack.outputs();
      const { host, pathname } = new URL(voiceWebhookUrl);
      const answer = await callDomain(
        e2e.emulator.url,
        host,
        pathname,
        signedPost(host, pathname, { CallSid: "CA" + "0".repeat(32) }),
      );
      assert.strictEqual(answer.status, 200, answer.body);
      assert.match(
        answer.body,
        /<Say>Hello from Pulumi and Twilio<\/Say><Gather numDigits="1" timeout="5"><Say>Press any key.<\/Say><\/Gather>/,
      );
    });
  });
