/**
 * Moving a dynamic stack to the provider plugin, as docs/plugin.md says (its "Moving a dynamic
 * stack" section; the commands here are the ones written there): examples/hello-world deployed
 * with the dynamic ServerlessApp, then `import-file`, `pulumi import --file`, `pulumi state
 * delete` of the dynamic resources and the program switched to examples/hello-world/after-move.ts.
 * No Twilio object is created or deleted by the move, the preview after it shows no change, the
 * function still serves, and a later one-file change deploys with one upload.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import { callDomain, emulatorStats, packageCli, pluginEnv, resetStats, TestStack } from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const UPLOAD_ROUTES = [
  "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions",
  "POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions",
];

describe("e2e: a dynamic stack moved to the provider plugin", function () {
  this.timeout(600_000);
  let emulator: Emulator;
  let stack: TestStack;
  const serviceName = `moved-${process.pid % 100000}`;

  const resources = async () =>
    (JSON.parse(await stack.exportState()) as { deployment: { resources: { urn: string; type: string }[] } }).deployment
      .resources;

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    stack = await TestStack.create({
      example: "hello-world",
      apiUrl: emulator.url,
      config: { serviceName },
      env: pluginEnv(),
    });
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  it("imports by sid, forgets the dynamic resources, and previews no change, creating and deleting nothing", async () => {
    await stack.up();
    const { helloUrl } = await stack.outputs();
    const domainName = new URL(helloUrl).host;
    const dynamic = (await resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
    assert.equal(dynamic.length, 7, dynamic.map((r) => r.type).join(", "));
    await resetStats(emulator.url);

    // 1. The import file for the Service, then the import (the objects come in by sid).
    const made = await packageCli(stack, [
      "import-file",
      "--service",
      serviceName,
      "--directory",
      ".",
      "--out",
      "import.json",
    ]);
    assert.equal(made.code, 0, made.output);
    const imported = await stack.run(["import", "--file", "import.json", "--generate-code=false", "--yes"]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /= 7 imported/);
    // 2. The dynamic resources leave the state: the component, and its children with it.
    const app = (await resources()).find((r) => r.type === "twilio-serverless:index:ServerlessApp")!;
    await stack.mustRun(["state", "delete", app.urn, "--target-dependents", "--yes"]);
    const left = await resources();
    assert.deepEqual(
      left.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/") || r.type.endsWith("ServerlessApp")),
      [],
    );
    // 3. The program on the plugin's resources.
    fs.copyFileSync(stack.file("after-move.ts"), stack.file("index.ts"));
    const preview = await stack.run(["preview", "--expect-no-changes", "--diff"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);

    const { calls, writes } = await emulatorStats(emulator.url);
    assert.equal(writes, 0, `no Twilio write during the move: ${JSON.stringify(calls)}`);
    assert.deepEqual(await callDomain(emulator.url, domainName, "/hello?name=Ada"), {
      status: 200,
      body: "Hello, Ada!",
    });
  });

  it("deploys a later one-file change with one upload", async () => {
    await resetStats(emulator.url);
    stack.writeFile("functions/hello.js", `exports.handler = (context, event, callback) => callback(null, "moved");\n`);
    await stack.up();
    const { calls } = await emulatorStats(emulator.url);
    assert.deepEqual(
      UPLOAD_ROUTES.map((route) => calls[route] ?? 0),
      [1, 0],
      JSON.stringify(calls),
    );
    const { helloUrl } = await stack.outputs();
    assert.equal((await callDomain(emulator.url, new URL(helloUrl).host, "/hello")).body, "moved");
    await stack.mustRun(["preview", "--expect-no-changes"]);
  });
});
