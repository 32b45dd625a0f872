/**
 * One stack per environment and the promotion gate, through the real CLI against the emulator:
 * stacks dev and prod of examples/promotion share one Service (dev owns it); prod deploys only
 * what `pulumi-twilio-serverless promote` approved, recorded in Pulumi.prod.yaml.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator } from "../../emulator";
import { callDomain, packageCli, TestStack, twilioApi } from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

describe("e2e: one stack per environment, prod on approved Builds", function () {
  this.timeout(600_000);
  let emulator: Emulator;
  let dev: TestStack;
  let prod: TestStack;

  const promote = (args: string[]) => packageCli(prod, ["promote", ...args]);
  const mustPromote = async (args: string[]) => {
    const result = await promote(args);
    assert.strictEqual(result.code, 0, `${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  const serves = async (stack: TestStack) => {
    const { url } = await stack.outputs();
    return (await callDomain(emulator.url, new URL(url).host, "/hello")).body;
  };
  const builds = async (serviceSid: string) =>
    ((await twilioApi(emulator.url, "GET", `/Services/${serviceSid}/Builds`)).builds as { sid: string }[])
      .map((build) => build.sid)
      .sort();
  const setRelease = (release: number) =>
    dev.writeFile(
      "functions/hello.js",
      fs.readFileSync(dev.file("functions/hello.js"), "utf8").replace(/release \d+/, `release ${release}`),
    );

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    const config = { serviceName: `promo-${process.pid}` };
    dev = await TestStack.create({ example: "promotion", apiUrl: emulator.url, stackName: "dev", config });
    prod = await dev.sibling({ stackName: "prod", config });
  });
  after(async () => {
    await prod?.dispose();
    await dev?.dispose();
    await emulator?.stop();
  });

  it("prod waits for an approval; promote shows the change, records it in Pulumi.prod.yaml, and up deploys it", async () => {
    await dev.up();
    assert.strictEqual(await serves(dev), "release 1 (dev)");
    const first = await prod.up();
    assert.match(
      first.stdout,
      /no Build approved from dev yet, so it serves nothing: run `npx pulumi-twilio-serverless promote --from dev --to prod`/,
    );
    const { serviceSid } = await dev.outputs();
    assert.strictEqual((await prod.outputs()).serviceSid, serviceSid, "prod found dev's Service by name");
    assert.strictEqual((await prod.outputs()).buildSid, "");
    const functions = (await twilioApi(emulator.url, "GET", `/Services/${serviceSid}/Functions`)).functions;
    assert.strictEqual(functions.length, 1, "prod uploads no files of its own");

    const devBuild = (await dev.outputs()).buildSid;
    const output = await mustPromote(["--from", "dev", "--to", "prod", "--stack", "prod"]);
    assert.match(output, /prod \(stack prod\) runs nothing yet; approving ZB\w+ from dev \(stack dev\)/);
    assert.match(output, /^ {2}\+ \/hello$/m);
    assert.match(output, /^ {2}pulumi up --stack prod$/m);
    const yaml = fs.readFileSync(prod.file("Pulumi.prod.yaml"), "utf8");
    assert.match(yaml, new RegExp(`twilio-serverless:approved:\\n\\s+prod:\\n\\s+build: ${devBuild}\\n\\s+from: dev`));
    assert.ok(!fs.readFileSync(dev.file("Pulumi.dev.yaml"), "utf8").includes("approved"), "dev's config untouched");

    await prod.up();
    assert.strictEqual(await serves(prod), "release 1 (prod)");
    assert.strictEqual((await prod.outputs()).buildSid, devBuild);
  });

  it("a dev change leaves prod untouched until promoted; a rollback is one command", async () => {
    const { serviceSid, buildSid: release1 } = await dev.outputs();
    setRelease(2);
    await dev.up();
    const release2 = (await dev.outputs()).buildSid;
    assert.strictEqual(await serves(dev), "release 2 (dev)");
    assert.strictEqual(await serves(prod), "release 1 (prod)", "prod keeps serving");
    assert.deepStrictEqual(await builds(serviceSid), [release1, release2].sort(), "dev kept the Build prod runs");
    await prod.mustRun(["preview", "--expect-no-changes"]);

    const output = await mustPromote(["--from", "dev", "--to", "prod", "--stack", "prod"]);
    assert.match(output, new RegExp(`prod \\(stack prod\\) runs ${release1}; approving ${release2}`));
    assert.match(output, /^ {2}~ \/hello$/m);
    assert.deepStrictEqual(await prod.previewSteps(), { "Deployment::promotion-prod": "update" });
    await prod.up();
    assert.strictEqual(await serves(prod), "release 2 (prod)");

    const back = await mustPromote(["--rollback", "--to", "prod", "--stack", "prod"]);
    assert.match(back, new RegExp(`rolling back to ${release1}`));
    await prod.up();
    assert.strictEqual(await serves(prod), "release 1 (prod)");
    assert.match(fs.readFileSync(prod.file("Pulumi.prod.yaml"), "utf8"), new RegExp(`previous: ${release2}`));

    for (const stack of [dev, prod]) await stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
  });

  it("refuses to promote what does not exist, naming the fix", async () => {
    const missing = await promote(["--from", "qa", "--to", "prod", "--stack", "prod"]);
    assert.strictEqual(missing.code, 2);
    assert.match(
      missing.stderr,
      /promote: stack "prod" has no environment "qa" and there is no stack "qa": name the stack of qa with --from-stack/,
    );
  });

  it("pulumi destroy of prod leaves dev serving and its Service, and deletes the Builds only prod held", async () => {
    const { serviceSid, buildSid: devBuild } = await dev.outputs();
    const result = await prod.run(["destroy", "--yes", "--skip-preview"]);
    assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    assert.strictEqual(await serves(dev), "release 2 (dev)");
    const environments = (await twilioApi(emulator.url, "GET", `/Services/${serviceSid}/Environments`)).environments;
    assert.deepStrictEqual(
      environments.map((environment: { unique_name: string }) => environment.unique_name),
      ["dev"],
    );
    assert.deepStrictEqual(await builds(serviceSid), [devBuild], "release 1 (prod's alone) deleted, dev's kept");
    await dev.mustRun(["preview", "--refresh", "--expect-no-changes"]);
  });
});
