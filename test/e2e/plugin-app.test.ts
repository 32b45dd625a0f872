/**
 * ServerlessApp constructed by the provider plugin (examples/plugin-app) through the real CLI,
 * what the multi-env scenario (run on both paths in serverless-app.test.ts) does not cover: a
 * gated environment waits for `pulumi-twilio-serverless promote`, whose approval (stack config
 * `twilio-serverless:approved`) reaches the plugin's Construct; a second stack with
 * `ownsService: false` finds the Service (a ServiceReference) and its destroy leaves it.
 */
import * as assert from "assert";
import { startEmulator } from "../../emulator";
import { callDomain, packageCli, pluginEnv, TestStack, twilioApi } from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe("e2e: ServerlessApp on the provider plugin", function () {
  this.timeout(600_000);
  let emulator: Emulator;
  let stack: TestStack;
  const serviceName = `papp-${process.pid}`;

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    stack = await TestStack.create({
      example: "plugin-app",
      apiUrl: emulator.url,
      config: { serviceName, greeting: "Hi" },
      env: pluginEnv(),
    });
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("deploys dev and prod from one build", async () => {
    await stack.up();
    const { urls } = await stack.outputs();
    assert.strictEqual(urls.dev.buildSid, urls.prod.buildSid);
    assert.strictEqual((await callDomain(emulator.url, urls.prod.domainName, "/hello")).body, "Hello, World!");
  });

  it("holds a gated environment until promote approves a Build, then deploys that one", async () => {
    await stack.mustRun(["config", "set", "gated", "true"]);
    const waiting = await stack.up();
    assert.match(
      waiting.stdout,
      /environments\.stage: no Build approved from dev yet, so it serves nothing: run `npx pulumi-twilio-serverless promote --from dev --to stage`/,
    );
    const held = (await stack.outputs()).urls;
    assert.strictEqual(held.stage.buildSid, "");
    assert.notStrictEqual((await callDomain(emulator.url, held.stage.domainName, "/hello")).status, 200);

    const promote = await packageCli(stack, ["promote", "--from", "dev", "--to", "stage", "--stack", stack.stackName]);
    assert.strictEqual(promote.code, 0, promote.output);
    assert.match(promote.output, new RegExp(`approving ${held.dev.buildSid} from dev`));

    await stack.up();
    const approved = (await stack.outputs()).urls;
    assert.strictEqual(approved.stage.buildSid, held.dev.buildSid);
    // prod runs the same Build with the same (default) greeting.
    const prodServes = await callDomain(emulator.url, approved.prod.domainName, "/hello");
    assert.strictEqual(approved.prod.buildSid, approved.stage.buildSid);
    assert.deepStrictEqual(await callDomain(emulator.url, approved.stage.domainName, "/hello"), prodServes);
    await stack.mustRun(["preview", "--expect-no-changes"]);
  });

  it("a second stack with ownsService: false finds the Service by name, and its destroy leaves it", async () => {
    const other = await stack.sibling({
      stackName: `${stack.stackName}b`,
      config: { serviceName, ownsService: "false" },
      env: pluginEnv(),
    });
    const waiting = await other.up();
    assert.match(waiting.stdout, /environments\.review: no Build approved from dev yet/);
    const { serviceSid, urls } = await stack.outputs();
    assert.strictEqual((await other.outputs()).serviceSid, serviceSid);
    const state = JSON.parse(await other.exportState()) as { deployment: { resources: { type: string }[] } };
    const types = state.deployment.resources.map((r) => r.type);
    assert.ok(types.includes("twilio-serverless:index:ServiceReference"), types.join(", "));
    assert.ok(!types.includes("twilio-serverless:index:Service"), types.join(", "));

    await other.mustRun(["destroy", "--yes", "--skip-preview"]);
    assert.strictEqual((await twilioApi(emulator.url, "GET", `/Services/${serviceSid}`)).sid, serviceSid);
    assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/hello")).status, 200);
  });
});
