/**
 * kill -9 of `pulumi up` (the CLI with its language host and provider plugin) at the points that
 * hurt: during the uploads, while a Build runs, after the Build but before the Deployment. After
 * the recovery a user runs (README.md: cancel, refresh --clear-pending-creates, up)
 * the stack converges with nothing duplicated and nothing lost. And a Build that fails fails
 * `pulumi up` naming the Build and the cause, while the environment keeps serving.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator } from "../../emulator";
import { callDomain, emulatorStats, PATHS, resetStats, TestStack, twilioApi } from "../e2e/harness";
import { assertConverged, type ExpectedApp } from "./convergence";

const ROUTES = {
  listServices: "GET /v1/Services",
  createFunction: "POST /v1/Services/{ServiceSid}/Functions",
  createAsset: "POST /v1/Services/{ServiceSid}/Assets",
  createBuild: "POST /v1/Services/{ServiceSid}/Builds",
  createDeployment: "POST /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments",
};

function handler(body: string): string {
  return `exports.handler = (context, event, callback) => callback(null, ${JSON.stringify(body)} + " " + context.GREETING);\n`;
}

for (const programPath of PATHS)
  describe(`reliability: kill -9 of pulumi up, then recovery (${programPath} path)`, function () {
    this.timeout(600_000);
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    let stack: TestStack;
    const serviceName = `killed-${programPath}-${process.pid}`;
    const expected: ExpectedApp = {
      serviceName,
      environments: { dev: { GREETING: "Howdy" } },
      functions: ["/hello"],
      assets: ["/message.txt"],
    };

    /** Runs `pulumi up`, kills it once `route` was called, and checks it died mid-operation. */
    async function killUpAfter(...routes: string[]): Promise<string[]> {
      await resetStats(emulator.url);
      const result = await stack.runAndKill(["up", "--yes", "--skip-preview"], async () => {
        const { calls } = await emulatorStats(emulator.url);
        return routes.some((route) => (calls[route] ?? 0) > 0);
      });
      assert.ok(result.killed, `pulumi up ended before ${routes.join(" or ")}: ${result.stdout}${result.stderr}`);
      return (await stack.checkpoint()).pending;
    }

    async function serves(body: string): Promise<void> {
      const { urls } = await stack.outputs();
      assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/hello"), { status: 200, body });
    }

    before(async () => {
      // Latency widens the windows between the calls the kills aim at; builds take a while.
      emulator = await startEmulator({ buildDelayMs: 2500, latencyMs: 300 });
      stack = await TestStack.create({
        example: "hello-world",
        path: programPath,
        apiUrl: emulator.url,
        config: { serviceName },
        secretConfig: { greeting: "Howdy" },
      });
      stack.writeFile("functions/hello.js", handler("v1"));
    });
    after(async () => {
      await stack?.dispose();
      await emulator?.stop();
    });

    it("recovers from a kill while the Service is created: the user adopts the Service, as the error says", async () => {
      // Killed once the Service was looked up, with its create pending. A create killed after
      // Twilio made the Service but before the state recorded it (one answer in flight: too short
      // a window to hit on purpose) leaves that Service behind: made here as the killed run would.
      const pending = await killUpAfter(ROUTES.listServices);
      assert.deepStrictEqual(pending, ["creating Service::hello-world"]);
      const made = await twilioApi(emulator.url, "POST", "/Services", {
        UniqueName: serviceName,
        FriendlyName: serviceName,
      });
      // A Service is never taken over silently (it could be someone else's): the error says how.
      await stack.mustRun(["cancel", "--yes"]);
      await stack.mustRun(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
      const refused = await stack.run(["up", "--yes", "--skip-preview"]);
      assert.notStrictEqual(refused.code, 0);
      assert.match(
        refused.stdout,
        new RegExp(
          `already exists \\(${made.sid}\\)\\. .*interrupted \`pulumi up\` of this stack made it.*set \`adopt: true\``,
        ),
      );
      const program = fs.readFileSync(stack.file("index.ts"), "utf8");
      stack.writeFile("index.ts", program.replace(/(serviceName: .*\n)/, "$1  adopt: true,\n"));
      await stack.up();
      await assertConverged(emulator.url, stack, expected);
      assert.strictEqual((await stack.outputs()).serviceSid, made.sid);
      await serves("v1 Howdy");
    });

    it("recovers from a kill during the uploads: no duplicate Function or Asset", async () => {
      stack.writeFile("functions/extra.js", handler("extra"));
      stack.writeFile("assets/extra.txt", "extra");
      expected.functions.push("/extra");
      expected.assets.push("/extra.txt");
      const pending = await killUpAfter(ROUTES.createFunction, ROUTES.createAsset);
      assert.ok(pending.length > 0, "the killed run left operations pending");
      await stack.recoverAfterKill();
      await assertConverged(emulator.url, stack, expected);
      await serves("v1 Howdy");
    });

    it("recovers from a kill while a Build runs: the Build is adopted, not made twice", async () => {
      stack.writeFile("functions/hello.js", handler("v2"));
      const pending = await killUpAfter(ROUTES.createBuild);
      assert.ok(pending.includes("creating Build::hello-world"), JSON.stringify(pending));
      await stack.recoverAfterKill();
      await assertConverged(emulator.url, stack, expected);
      await serves("v2 Howdy");
    });

    it("recovers from a kill after the Build, before the Deployment", async () => {
      const running = (await stack.outputs()).urls.dev;
      stack.writeFile("functions/hello.js", handler("v3"));
      // The emulator holds the Deployment request unapplied: the kill lands exactly after the
      // Build and before the Deployment, however fast the machine.
      await fetch(`${emulator.url}/_emulator/hold?route=${encodeURIComponent(ROUTES.createDeployment)}`, {
        method: "POST",
      });
      try {
        await killUpAfter(ROUTES.createDeployment);
      } finally {
        await fetch(`${emulator.url}/_emulator/release`, { method: "POST" });
      }
      const environment = await twilioApi(
        emulator.url,
        "GET",
        `/Services/${(await stack.outputs()).serviceSid}/Environments/${running.sid}`,
      );
      assert.strictEqual(environment.build_sid, running.buildSid, "killed before the new Build was deployed");
      await serves("v2 Howdy");
      await stack.recoverAfterKill();
      await assertConverged(emulator.url, stack, expected);
      await serves("v3 Howdy");
    });

    it("fails up on a Build that fails, naming the Build and the cause, and keeps serving the previous one", async () => {
      stack.writeFile(
        "functions/hello.js",
        "exports.handler = (context, event, callback) => {\n  callback(null, 'unclosed';\n};\n",
      );
      const result = await stack.run(["up", "--yes", "--skip-preview"]);
      assert.notStrictEqual(result.code, 0);
      const output = result.stdout + result.stderr;
      assert.match(output, /Build ZB[0-9a-f]{32} of Service ZS[0-9a-f]{32} failed: .*\/hello.*SyntaxError/);
      await serves("v3 Howdy");
      stack.writeFile("functions/hello.js", handler("v4"));
      await stack.up();
      await assertConverged(emulator.url, stack, expected);
      await serves("v4 Howdy");
    });
  });
