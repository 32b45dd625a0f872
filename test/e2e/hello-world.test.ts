/**
 * The product as users run it: `pulumi up / preview / refresh / destroy` of examples/hello-world
 * through the real CLI against the emulator, once per path (the dynamic resources, and the same
 * program on the provider plugin); both paths make the same API calls phase by phase.
 */
import * as assert from "assert";
import { TEST_AUTH_TOKEN } from "../../emulator/index";
import {
  callDomain,
  CallsByPath,
  changedProperties,
  e2eStack,
  PATHS,
  twilioApi,
  uploadFunctionVersion,
  waitForBuild,
} from "./harness";

const calls = new CallsByPath();

for (const programPath of PATHS)
  describe(`e2e: hello-world through the Pulumi CLI (${programPath} path)`, function () {
    this.timeout(300_000);
    const serviceName = `hw-${programPath}-${process.pid}`;
    const e2e = e2eStack({
      example: "hello-world",
      path: programPath,
      config: { serviceName },
      secretConfig: { greeting: "Howdy" },
    });

    it("creates everything, serves the function and outputs the domain", async () => {
      await calls.record(e2e, "first deploy", () => e2e.stack.up());
      const outputs = await e2e.stack.outputs();
      const dev = outputs.urls.dev;
      assert.match(dev.domainName, new RegExp(`^${serviceName}-\\d{4}-dev\\.twil\\.io$`));
      assert.strictEqual(outputs.helloUrl, `https://${dev.domainName}/hello`);
      const answer = await callDomain(e2e.emulator.url, dev.domainName, "/hello?name=Ada");
      assert.deepStrictEqual(answer, { status: 200, body: "Howdy, Ada!" });
      const asset = await callDomain(e2e.emulator.url, dev.domainName, "/message.txt");
      assert.strictEqual(asset.status, 200);
    });

    it("makes no API call at all when nothing changed (a resource per file)", async () => {
      const types = (await e2e.stack.checkpoint()).resources.map((r) => r.type);
      assert.ok(types.includes("Function") && !types.includes("FileSet"), `per-file mode: ${types.join()}`);
      assert.deepStrictEqual((await calls.record(e2e, "no-op up", () => e2e.stack.up())).calls, {});
    });

    it("uploads exactly one version when one function changes, and serves the new body", async () => {
      e2e.stack.writeFile(
        "functions/hello.js",
        `exports.handler = (context, event, callback) => callback(null, "changed " + context.GREETING);\n`,
      );
      const steps = await e2e.stack.previewSteps();
      assert.deepStrictEqual(steps, {
        "Function::hello-world:hello": "update",
        "Build::hello-world": "replace",
        "Deployment::hello-world-dev": "update",
      });
      const { calls: made } = await calls.record(e2e, "one-file change", () => e2e.stack.up());
      assert.strictEqual(made["POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"], 1);
      assert.strictEqual(made["POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions"], undefined);
      const { urls } = await e2e.stack.outputs();
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello"), {
        status: 200,
        body: "changed Howdy",
      });
    });

    it("replaces the environment when its domain suffix changes, and the new domain serves", async () => {
      const before = (await e2e.stack.outputs()).urls.dev;
      await e2e.stack.mustRun(["config", "set", "domainSuffix", "devtwo"]);
      const steps = await e2e.stack.previewSteps();
      assert.strictEqual(steps["Environment::hello-world-dev"], "replace");
      await e2e.stack.up();
      const after = (await e2e.stack.outputs()).urls.dev;
      assert.notStrictEqual(after.sid, before.sid);
      assert.match(after.domainName, /-devtwo\.twil\.io$/);
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, after.domainName, "/hello"), {
        status: 200,
        body: "changed Howdy",
      });
      assert.strictEqual((await callDomain(e2e.emulator.url, before.domainName, "/hello")).status, 404);
    });

    const ids = async () => {
      const { serviceSid, urls } = await e2e.stack.outputs();
      return { serviceSid, urls, envPath: `/Services/${serviceSid}/Environments/${urls.dev.sid}` };
    };

    /** The preview fails and its diff shows `property` changing on the resource named `resource`. */
    async function assertDrift(resource: string, property: string): Promise<void> {
      // --show-secrets: a secret's old and new values both print as [secret], so Pulumi lists no change.
      const { result: drift } = await calls.record(e2e, `drift refresh: ${resource}`, () =>
        e2e.stack.run(["preview", "--refresh", "--expect-no-changes", "--diff", "--show-secrets"]),
      );
      assert.notStrictEqual(drift.code, 0, drift.stdout + drift.stderr);
      const changed = changedProperties(drift.stdout);
      assert.ok(
        changed.get(resource)?.includes(property),
        `${resource} shows ${property} changing: ${JSON.stringify([...changed])}\n${drift.stdout}`,
      );
    }

    async function assertPutRight(resource: string): Promise<void> {
      await calls.record(e2e, `up --refresh: ${resource}`, () => e2e.stack.up("--refresh"));
      const clean = await e2e.stack.run(["preview", "--refresh", "--expect-no-changes"]);
      assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
    }

    it("drift, one change at a time: none to start with", async () => {
      const { result: clean } = await calls.record(e2e, "refresh, no drift", () =>
        e2e.stack.run(["preview", "--refresh", "--expect-no-changes"]),
      );
      assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
    });

    it("a clean stack: preview --refresh --diff after the deploy shows no Environment changing (its buildSid)", async () => {
      const clean = await e2e.stack.run(["preview", "--refresh", "--diff"]);
      assert.strictEqual(clean.code, 0, clean.stdout + clean.stderr);
      const environments = [...changedProperties(clean.stdout)].filter(([resource]) =>
        resource.startsWith("Environment::"),
      );
      assert.deepStrictEqual(environments, [], clean.stdout);
    });

    it("drift: a Variable's value changed behind Pulumi's back fails preview --refresh --expect-no-changes naming it; up --refresh puts it right", async () => {
      const { envPath } = await ids();
      const variables = await twilioApi(e2e.emulator.url, "GET", `${envPath}/Variables`);
      const greeting = variables.variables.find((v: any) => v.key === "GREETING");
      await twilioApi(e2e.emulator.url, "POST", `${envPath}/Variables/${greeting.sid}`, { Value: "Drifted" });
      await assertDrift("Variable::hello-world-dev-GREETING", "value");
      await assertPutRight("Variable::hello-world-dev-GREETING");
      const after = await twilioApi(e2e.emulator.url, "GET", `${envPath}/Variables/${greeting.sid}`);
      assert.strictEqual(after.value, "Howdy");
    });

    it("drift: a Function's content (a new Version deployed behind Pulumi's back), named; up --refresh puts it right", async () => {
      const { serviceSid, urls, envPath } = await ids();
      const served = await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello");
      const functions = await twilioApi(e2e.emulator.url, "GET", `/Services/${serviceSid}/Functions`);
      const hello = functions.functions.find((f: any) => f.friendly_name === "/hello");
      assert.ok(hello, "the /hello Function is there");
      const drifted = await uploadFunctionVersion(
        e2e.emulator.url,
        serviceSid,
        hello.sid,
        "/hello",
        `exports.handler = (context, event, callback) => callback(null, "drifted");\n`,
      );
      // Deployed as a Toolkit or Console deploy would: a refresh reads each file's Version from the
      // Service's Builds (one list, not one call per file), so a Version no Build holds, which serves
      // nothing, is not drift (docs/DESIGN.md, "A refresh reads lists, not files").
      const running = await twilioApi(e2e.emulator.url, "GET", `/Services/${serviceSid}/Builds/${urls.dev.buildSid}`);
      const theirs = await twilioApi(e2e.emulator.url, "POST", `/Services/${serviceSid}/Builds`, {
        FunctionVersions: running.function_versions.map((v: any) =>
          v.function_sid === hello.sid ? drifted.sid : v.sid,
        ),
        AssetVersions: running.asset_versions.map((v: any) => v.sid),
        Runtime: running.runtime,
      });
      assert.strictEqual(await waitForBuild(e2e.emulator.url, serviceSid, theirs.sid), "completed");
      await twilioApi(e2e.emulator.url, "POST", `${envPath}/Deployments`, { BuildSid: theirs.sid });
      assert.strictEqual((await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello")).body, "drifted");
      await assertDrift("Function::hello-world:hello", "contentHash");
      await assertPutRight("Function::hello-world:hello");
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello"), served);
    });

    it("drift: another Build deployed to the Environment behind Pulumi's back, named; up --refresh puts it right", async () => {
      const { serviceSid, urls, envPath } = await ids();
      const served = await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello");
      const running = await twilioApi(e2e.emulator.url, "GET", `/Services/${serviceSid}/Builds/${urls.dev.buildSid}`);
      const other = await twilioApi(e2e.emulator.url, "POST", `/Services/${serviceSid}/Builds`, {
        FunctionVersions: running.function_versions.map((v: any) => v.sid),
        Runtime: "node20",
      });
      assert.strictEqual(await waitForBuild(e2e.emulator.url, serviceSid, other.sid), "completed");
      await twilioApi(e2e.emulator.url, "POST", `${envPath}/Deployments`, { BuildSid: other.sid });
      await assertDrift("Deployment::hello-world-dev", "buildSid");
      await assertPutRight("Deployment::hello-world-dev");
      const environment = await twilioApi(e2e.emulator.url, "GET", envPath);
      assert.strictEqual(environment.build_sid, (await e2e.stack.outputs()).urls.dev.buildSid);
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello"), served);
    });

    it("keeps the auth token and variable values out of the state", async () => {
      const state = await e2e.stack.exportState();
      assert.ok(state.includes((await e2e.stack.outputs()).serviceSid), "the export holds the resources");
      assert.ok(!state.includes(TEST_AUTH_TOKEN), "auth token in state");
      assert.ok(!state.includes("Howdy"), "variable value in state");
    });

    it("destroy leaves no service of the stack on the emulator", async () => {
      await e2e.stack.mustRun(["destroy", "--yes", "--skip-preview"]);
      const { services } = await twilioApi(e2e.emulator.url, "GET", "/Services");
      assert.deepStrictEqual(
        services.filter((s: any) => s.unique_name === serviceName),
        [],
      );
    });
  });

describe("e2e: hello-world, both paths", () => {
  it("make the same API calls in each phase (deploy, no-op, one file, refreshes, drift put right)", () => {
    calls.assertSame();
  });
});
