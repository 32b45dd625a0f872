/**
 * The Pulumi YAML program users copy (examples/yaml-app: `runtime: yaml`, the plugin's
 * ServerlessApp with dev and prod, prod promoting dev's build) through the real CLI and the YAML
 * language host: deploys, serves, no-ops with zero API calls, and its drift check passes until an
 * out-of-band Deployment, which it then finds.
 */
import * as assert from "assert";
import { callDomain, e2eStack, emulatorStats, pluginEnv, resetStats, twilioApi } from "./harness";

describe("e2e: the YAML program (examples/yaml-app)", function () {
  this.timeout(600_000);
  const e2e = e2eStack({
    example: "yaml-app",
    config: { serviceName: `yaml-${process.pid}`, greeting: "Hi" },
    env: pluginEnv(),
  });

  it("deploys dev and prod from one build and serves both", async () => {
    await e2e.stack.up();
    const { urls } = await e2e.stack.outputs();
    assert.match(urls.dev.buildSid, /^ZB[0-9a-f]{32}$/);
    assert.strictEqual(urls.prod.buildSid, urls.dev.buildSid);
    assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello?name=Ada"), {
      status: 200,
      body: "Hi, Ada!",
    });
    assert.strictEqual((await callDomain(e2e.emulator.url, urls.prod.domainName, "/hello")).body, "Hello, World!");
  });

  it("makes no API call at all on an up with nothing changed", async () => {
    await resetStats(e2e.emulator.url);
    await e2e.stack.up();
    assert.deepStrictEqual((await emulatorStats(e2e.emulator.url)).calls, {});
  });

  it("passes preview --refresh --expect-no-changes, and fails it after a Deployment made elsewhere", async () => {
    await e2e.stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
    const { serviceSid, urls } = await e2e.stack.outputs();
    await twilioApi(e2e.emulator.url, "POST", `/Services/${serviceSid}/Environments/${urls.prod.sid}/Deployments`, {});
    const drift = await e2e.stack.run(["preview", "--refresh", "--expect-no-changes", "--diff"]);
    assert.notStrictEqual(drift.code, 0, `${drift.stdout}\n${drift.stderr}`);
    assert.match(drift.stdout, /twilio-serverless:index:Deployment/);
  });
});
