/**
 * ServerlessApp through the real CLI: several environments from one build, promotion and
 * pinning, files removed and renamed, variables changed, and the TwiML example.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator } from "../../emulator";
import { callDomain, signedPost, TestStack, twilioApi } from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe("e2e: ServerlessApp multi-env", function () {
  this.timeout(600_000);
  let emulator: Emulator;
  let stack: TestStack;

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    stack = await TestStack.create({
      example: "multi-env",
      apiUrl: emulator.url,
      config: { serviceName: `multi-${process.pid}` },
    });
    await stack.up();
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("deploys one build to dev, stage and prod, each with its own variables and domain", async () => {
    const { urls } = await stack.outputs();
    const builds = new Set(["dev", "stage", "prod"].map((env) => urls[env].buildSid));
    assert.strictEqual(builds.size, 1, JSON.stringify(urls));
    assert.match(urls.prod.domainName, /^multi-\d+-\d{4}\.twil\.io$/);
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/hello?name=Ada"), {
      status: 200,
      body: "Hey Ada! (dev)",
    });
    assert.deepStrictEqual(await callDomain(emulator.url, urls.prod.domainName, "/hello?name=Ada"), {
      status: 200,
      body: "Good day, Ada. (prod)",
    });
  });

  it("keeps protected functions behind Twilio's signature and private assets off the web", async () => {
    const { urls } = await stack.outputs();
    const domain = urls.stage.domainName;
    assert.strictEqual((await callDomain(emulator.url, domain, "/admin/status", { method: "POST" })).status, 401);
    const signed = await callDomain(
      emulator.url,
      domain,
      "/admin/status",
      signedPost(domain, "/admin/status", { From: "+15550100" }),
    );
    assert.strictEqual(signed.status, 200, signed.body);
    assert.strictEqual(JSON.parse(signed.body).environment, "stage");
    assert.notStrictEqual((await callDomain(emulator.url, domain, "/greetings.json")).status, 200);
    assert.strictEqual(urls.stage.assetUrls["/greetings.json"], undefined);
  });

  it("holds a pinned environment on its build while the others move, then promotes it", async () => {
    const first = (await stack.outputs()).urls;
    await stack.mustRun(["config", "set", "prodBuild", first.prod.buildSid]);
    stack.writeFile(
      "functions/hello.js",
      fs.readFileSync(stack.file("functions/hello.js"), "utf8").replace("${template", "v2 ${template"),
    );
    await stack.up();
    const pinned = (await stack.outputs()).urls;
    assert.notStrictEqual(pinned.dev.buildSid, first.dev.buildSid);
    assert.strictEqual(pinned.stage.buildSid, pinned.dev.buildSid);
    assert.strictEqual(pinned.prod.buildSid, first.prod.buildSid);
    assert.strictEqual(
      (await callDomain(emulator.url, pinned.stage.domainName, "/hello?name=Ada")).body,
      "v2 Hey Ada! (stage)",
    );
    assert.strictEqual(
      (await callDomain(emulator.url, pinned.prod.domainName, "/hello?name=Ada")).body,
      "Good day, Ada. (prod)",
    );

    await stack.mustRun(["config", "rm", "prodBuild"]);
    const steps = await stack.previewSteps();
    assert.deepStrictEqual(steps, { "Deployment::multi-env-prod": "update" });
    await stack.up();
    const promoted = (await stack.outputs()).urls;
    assert.strictEqual(promoted.prod.buildSid, promoted.stage.buildSid);
    // The Build the pin held, which the stack stopped tracking when dev moved on, is gone too.
    const { serviceSid } = await stack.outputs();
    await assert.rejects(
      twilioApi(emulator.url, "GET", `/Services/${serviceSid}/Builds/${first.prod.buildSid}`),
      /404/,
    );
    assert.strictEqual(
      (await callDomain(emulator.url, promoted.prod.domainName, "/hello?name=Ada")).body,
      "v2 Good day, Ada. (prod)",
    );
  });

  it("changes a variable in place: no new build", async () => {
    fs.appendFileSync(stack.file(".env.dev"), "GREETING_STYLE=formal\n");
    const steps = await stack.previewSteps();
    assert.deepStrictEqual(steps, { "Variable::multi-env-dev-GREETING_STYLE": "update" });
    await stack.up();
    const { urls } = await stack.outputs();
    assert.strictEqual(
      (await callDomain(emulator.url, urls.dev.domainName, "/hello?name=Ada")).body,
      "v2 Good day, Ada. (dev)",
    );
  });

  it("removes a deleted file from Twilio after the new build is deployed", async () => {
    const { serviceSid, urls } = await stack.outputs();
    assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/index.html")).status, 200);
    fs.rmSync(stack.file("assets/index.html"));
    const steps = await stack.previewSteps();
    assert.strictEqual(steps["Asset::multi-env:index.html"], "delete");
    assert.strictEqual(steps["Build::multi-env"], "replace");
    await stack.up();
    const after = (await stack.outputs()).urls;
    for (const env of ["dev", "stage", "prod"]) {
      assert.strictEqual((await callDomain(emulator.url, after[env].domainName, "/index.html")).status, 404, env);
    }
    const { assets } = await twilioApi(emulator.url, "GET", `/Services/${serviceSid}/Assets`);
    assert.deepStrictEqual(
      assets.map((a: any) => a.friendly_name),
      ["/greetings.json"],
    );
  });

  it("shows a renamed file as one delete and one create", async () => {
    fs.renameSync(stack.file("functions/hello.js"), stack.file("functions/greet.js"));
    const steps = await stack.previewSteps();
    assert.strictEqual(steps["Function::multi-env:hello"], "delete");
    assert.strictEqual(steps["Function::multi-env:greet"], "create");
    await stack.up();
    const { urls } = await stack.outputs();
    assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/greet?name=Ada")).status, 200);
    assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/hello?name=Ada")).status, 404);
  });
});

describe("e2e: the twiml example", function () {
  this.timeout(300_000);
  let emulator: Emulator;
  let stack: TestStack;

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    stack = await TestStack.create({
      example: "twiml",
      apiUrl: emulator.url,
      config: { serviceName: `twiml-${process.pid}` },
    });
    await stack.up();
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("answers a signed SMS webhook with TwiML", async () => {
    const { smsWebhookUrl } = await stack.outputs();
    const { host, pathname } = new URL(smsWebhookUrl);
    const answer = await callDomain(
      emulator.url,
      host,
      pathname,
      signedPost(host, pathname, { Body: "hi there", From: "+15550100" }),
    );
    assert.strictEqual(answer.status, 200, answer.body);
    assert.match(answer.body, /<Response><Message>You said: hi there<\/Message><\/Response>/);
  });

  it("answers a signed voice webhook with a Say and a Gather", async () => {
    const { voiceWebhookUrl } = await stack.outputs();
    const { host, pathname } = new URL(voiceWebhookUrl);
    const answer = await callDomain(
      emulator.url,
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
