/**
 * Moving a dynamic stack to the provider plugin, as docs/plugin.md says (its "Moving a dynamic
 * stack" section; the commands here are the ones written there). examples/hello-world deployed
 * with the dynamic ServerlessApp moves two ways: to single resources (`import-file`, `pulumi
 * import --file`, `pulumi state delete` of the dynamic resources, the program switched to
 * examples/hello-world/after-move.ts), and keeping the component (`import-file --app`, the state
 * delete first, the import, and only the program's import line switched to dist/native). Each
 * way: no Twilio object is created or deleted by the move, the preview after it shows no change,
 * the function still serves, and a later one-file change deploys with one upload.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { startEmulator } from "../../emulator";
import {
  callDomain,
  emulatorStats,
  packageCli,
  pluginEnv,
  pointAtPlugin,
  resetStats,
  TestStack,
  type RunResult,
} from "./harness";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type StateResource = { urn: string; type: string; parent?: string };

const UPLOAD_ROUTES = [
  "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions",
  "POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions",
];
const APP_TYPE = "twilio-serverless:index:ServerlessApp";

interface Move {
  stack: TestStack;
  serviceName: string;
  resources: () => Promise<StateResource[]>;
  /** The package's CLI in the stack's folder; fails the test on a non-zero exit. */
  cli: (args: string[]) => Promise<void>;
}

/**
 * examples/hello-world on the dynamic path, then `move` (the commands of one way), then what
 * holds after either way. The emulator's counts start after the dynamic deploy.
 */
function describeMove(title: string, prefix: string, move: (m: Move) => Promise<void>): void {
  describe(`e2e: a dynamic stack moved to the provider plugin, ${title}`, function () {
    this.timeout(600_000);
    let emulator: Emulator;
    let stack: TestStack;
    const serviceName = `${prefix}-${process.pid % 100000}`;
    const resources = async () =>
      (JSON.parse(await stack.exportState()) as { deployment: { resources: StateResource[] } }).deployment.resources;

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

    it("moves with no Twilio write, and the preview after it shows no change", async () => {
      await stack.up();
      const { helloUrl } = await stack.outputs();
      const dynamic = (await resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/"));
      assert.equal(dynamic.length, 7, dynamic.map((r) => r.type).join(", "));
      await resetStats(emulator.url);

      const cli = async (args: string[]) => {
        const made = await packageCli(stack, args);
        assert.equal(made.code, 0, made.output);
      };
      await move({ stack, serviceName, resources, cli });
      assert.deepEqual(
        (await resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")),
        [],
        "no dynamic resource is left",
      );
      const preview = await stack.run(["preview", "--expect-no-changes", "--diff"]);
      assert.equal(preview.code, 0, preview.stdout + preview.stderr);

      const { calls, writes } = await emulatorStats(emulator.url);
      assert.equal(writes, 0, `no Twilio write during the move: ${JSON.stringify(calls)}`);
      assert.deepEqual(await callDomain(emulator.url, new URL(helloUrl).host, "/hello?name=Ada"), {
        status: 200,
        body: "Hello, Ada!",
      });
    });

    it("deploys a later one-file change with one upload", async () => {
      await resetStats(emulator.url);
      stack.writeFile(
        "functions/hello.js",
        `exports.handler = (context, event, callback) => callback(null, "moved");\n`,
      );
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
}

const imported = (result: RunResult, count: number) => {
  assert.equal(result.code, 0, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`= ${count} imported`));
};

describeMove("to single resources", "moved", async ({ stack, serviceName, resources, cli }) => {
  // 1. The import file for the Service, then the import (the objects come in by sid).
  await cli(["import-file", "--service", serviceName, "--directory", ".", "--out", "import.json"]);
  imported(await stack.run(["import", "--file", "import.json", "--generate-code=false", "--yes"]), 7);
  // 2. The dynamic resources leave the state: the component, and its children with it.
  const app = (await resources()).find((r) => r.type === APP_TYPE)!;
  await stack.mustRun(["state", "delete", app.urn, "--target-dependents", "--yes"]);
  assert.equal((await resources()).filter((r) => r.type === APP_TYPE).length, 0);
  // 3. The program on the plugin's resources.
  fs.copyFileSync(stack.file("after-move.ts"), stack.file("index.ts"));
});

describeMove("keeping ServerlessApp", "kept", async ({ stack, serviceName, resources, cli }) => {
  // 1. The import file, with the component and each resource as its child.
  await cli([
    "import-file",
    "--service",
    serviceName,
    "--app",
    "hello-world",
    "--directory",
    ".",
    "--out",
    "import.json",
  ]);
  // 2. A copy of the state, then the dynamic component and its children leave it (the plugin's
  //    component has the same URN: it must go before the import creates it again).
  await stack.mustRun(["stack", "export", "--file", "before-move.json"]);
  const app = (await resources()).find((r) => r.type === APP_TYPE)!;
  await stack.mustRun(["state", "delete", app.urn, "--target-dependents", "--yes"]);
  // 3. The import: the component, then its children by sid.
  imported(await stack.run(["import", "--file", "import.json", "--generate-code=false", "--yes"]), 8);
  const moved = (await resources()).filter((r) => r.type.startsWith("twilio-serverless:index:"));
  assert.deepEqual(
    moved.filter((r) => r.type !== APP_TYPE).map((r) => r.parent),
    Array(7).fill(app.urn),
    "each imported resource is a child of the component, at the URN the dynamic one had",
  );
  // 4. The same program, its import switched to the plugin's component.
  pointAtPlugin(stack.file("index.ts"));
});
