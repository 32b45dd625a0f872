/**
 * The API restarted in the middle of `pulumi up`: the emulator (its own process, with a data
 * directory) is killed with SIGKILL during the uploads and started again on the same port. It
 * loses nothing it acknowledged (every object the state recorded is still there, content
 * included), and the stack converges: the running `pulumi up` rides the outage out on its
 * retries, and a next `pulumi up` leaves everything exactly once.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  callDomain,
  emulatorStats,
  startEmulatorProcess,
  TestStack,
  twilioApi,
  type EmulatorProcess,
} from "../e2e/harness";
import { assertConverged } from "./convergence";

const HELLO = `exports.handler = (context, event, callback) => callback(null, "restarted " + context.GREETING);\n`;

describe("reliability: the emulator killed and restarted mid-deploy", function () {
  this.timeout(600_000);
  let dataDir: string;
  let emulator: EmulatorProcess;
  let stack: TestStack;
  const serviceName = `restart-${process.pid}`;
  const flags = (port: number) => [
    "--port",
    String(port),
    "--data-dir",
    dataDir,
    "--build-delay-ms",
    "1000",
    "--latency-ms",
    "100",
  ];

  before(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-restart-"));
    emulator = await startEmulatorProcess(flags(0));
    stack = await TestStack.create({
      example: "hello-world",
      apiUrl: emulator.url,
      config: { serviceName },
      secretConfig: { greeting: "Hi" },
    });
    stack.writeFile("functions/hello.js", HELLO);
  });
  after(async () => {
    await stack?.dispose();
    emulator?.child.kill("SIGTERM");
    await emulator?.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("loses nothing it acknowledged, and the stack converges", async () => {
    const up = stack.run(["up", "--yes", "--skip-preview"]);
    for (;;) {
      const { calls } = await emulatorStats(emulator.url);
      if (Object.keys(calls).some((route) => route.startsWith("POST ") && route.endsWith("/Versions"))) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    emulator.child.kill("SIGKILL");
    assert.strictEqual((await emulator.exited).signal, "SIGKILL");
    emulator = await startEmulatorProcess(flags(emulator.port));
    const interrupted = await up;

    // Everything the state holds was acknowledged by the emulator before or after the restart.
    const { resources } = await stack.checkpoint();
    const serviceSid = resources.find((r) => r.type === "Service")?.id;
    assert.ok(serviceSid, `the Service was acknowledged before the uploads: ${interrupted.stdout}`);
    for (const resource of resources.filter((r) =>
      ["Environment", "Function", "Asset", "Variable", "Build"].includes(r.type),
    )) {
      const segment = { Environment: "Environments", Function: "Functions", Asset: "Assets", Build: "Builds" }[
        resource.type
      ];
      const itemPath = segment
        ? `/Services/${serviceSid}/${segment}/${resource.id}`
        : `/Services/${serviceSid}/Environments/${resource.outputs.environmentSid}/Variables/${resource.id}`;
      await twilioApi(emulator.url, "GET", itemPath);
    }
    const hello = resources.find((r) => r.type === "Function" && r.outputs.path === "/hello");
    assert.ok(hello, `the state records the /hello Function: ${interrupted.stdout}\n${interrupted.stderr}`);
    const { content } = await twilioApi(
      emulator.url,
      "GET",
      `/Services/${serviceSid}/Functions/${hello.id}/Versions/${hello.outputs.latestVersionSid}/Content`,
    );
    assert.strictEqual(content, HELLO);

    await stack.up();
    await assertConverged(emulator.url, stack, {
      serviceName,
      environments: { dev: { GREETING: "Hi" } },
      functions: ["/hello"],
      assets: ["/message.txt"],
    });
    const { urls } = await stack.outputs();
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/hello"), {
      status: 200,
      body: "restarted Hi",
    });
    assert.strictEqual(
      interrupted.code,
      0,
      `the interrupted up rode the restart out on its retries:\n${interrupted.stdout}\n${interrupted.stderr}`,
    );
  });
});
