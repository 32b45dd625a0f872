/**
 * `pulumi up` of examples/multi-env through the real CLI against an emulator that answers a
 * fifth of API calls with 500, 429 (Retry-After) or a dropped connection (before or after the
 * write is applied): the stack converges, exactly once, and serves; protected functions stay
 * behind Twilio's signature. On both paths.
 */
import * as assert from "assert";
import * as path from "path";
import { startEmulator, TEST_AUTH_TOKEN } from "../../emulator";
import { readDotenvFile } from "../../provider/app/dotenv";
import { callDomain, emulatorStats, PATHS, REPO, signedPost, TestStack } from "../e2e/harness";
import { assertConverged, type ExpectedApp } from "./convergence";

const EXAMPLE = path.join(REPO, "examples", "multi-env");

/** What examples/multi-env declares. */
function multiEnvApp(serviceName: string): ExpectedApp {
  const variables = (env: string) => readDotenvFile(`.env.${env}`, EXAMPLE);
  return {
    serviceName,
    environments: { dev: variables("dev"), stage: variables("stage"), prod: variables("prod") },
    functions: ["/admin/status", "/hello"],
    assets: ["/greetings.json", "/index.html"],
  };
}

for (const programPath of PATHS)
  describe(`reliability: pulumi up of multi-env through injected faults (${programPath} path)`, function () {
    this.timeout(600_000);
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    let stack: TestStack;
    const serviceName = `faulty-${programPath}-${process.pid}`;

    before(async () => {
      emulator = await startEmulator({ faultRate: 0.2, seed: 6, buildDelayMs: 200 });
      stack = await TestStack.create({
        example: "multi-env",
        path: programPath,
        apiUrl: emulator.url,
        config: { serviceName },
      });
    });
    after(async () => {
      await stack?.dispose();
      await emulator?.stop();
    });

    it("converges: every object exactly once, the state matches the emulator, every environment serves", async () => {
      await stack.up();
      const { faults } = await emulatorStats(emulator.url);
      const injected = Object.values(faults).reduce((sum, n) => sum + n, 0);
      const drops = (faults["drop-before"] ?? 0) + (faults["drop-after"] ?? 0);
      assert.ok(
        injected >= 3 && drops >= 1,
        `the run met faults, dropped connections among them: ${JSON.stringify(faults)}`,
      );
      await assertConverged(emulator.url, stack, multiEnvApp(serviceName));
      const { urls } = await stack.outputs();
      assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/hello?name=Ada"), {
        status: 200,
        body: "Hey Ada! (dev)",
      });
      assert.deepStrictEqual(await callDomain(emulator.url, urls.stage.domainName, "/hello?name=Ada"), {
        status: 200,
        body: "Hey Ada! (stage)",
      });
      assert.deepStrictEqual(await callDomain(emulator.url, urls.prod.domainName, "/hello?name=Ada"), {
        status: 200,
        body: "Good day, Ada. (prod)",
      });
    });

    it("refreshes through the faults and finds nothing to change", async () => {
      const result = await stack.run(["preview", "--refresh", "--expect-no-changes"]);
      assert.strictEqual(result.code, 0, result.stdout + result.stderr);
    });

    it("keeps protected functions behind a valid Twilio signature", async () => {
      const { urls } = await stack.outputs();
      const domain = urls.prod.domainName;
      const params = { From: "+15550100" };
      const attempts: [string, RequestInit][] = [
        [
          "no signature",
          {
            method: "POST",
            headers: { "content-type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams(params).toString(),
          },
        ],
        ["signed with another token", signedPost(domain, "/admin/status", params, "not-the-auth-token-0000000000000")],
        [
          "signed for other parameters",
          {
            ...signedPost(domain, "/admin/status", { From: "+15550199" }),
            body: new URLSearchParams(params).toString(),
          },
        ],
        ["signed for another path", signedPost(domain, "/hello", params)],
        ["a GET without signature", { method: "GET" }],
      ];
      for (const [what, init] of attempts) {
        const answer = await callDomain(emulator.url, domain, "/admin/status", init);
        assert.strictEqual(answer.status, 401, `${what}: ${answer.status} ${answer.body}`);
      }
      const signed = await callDomain(
        emulator.url,
        domain,
        "/admin/status",
        signedPost(domain, "/admin/status", params, TEST_AUTH_TOKEN),
      );
      assert.strictEqual(signed.status, 200, signed.body);
      assert.strictEqual(JSON.parse(signed.body).environment, "prod");
    });
  });
