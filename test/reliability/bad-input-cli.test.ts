/**
 * A few rows of the bad-input catalog (test/provider/bad-input.test.ts) through the real CLI, so
 * the message the user reads is checked too: `pulumi up` fails with the one error that names the
 * field or file and the fix, and nothing was written to the API.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator } from "../../emulator";
import { emulatorStats, resetStats, TestStack } from "../e2e/harness";

const WRONG_TOKEN = "wrong0token0e0e0e0e0e0e0e0e0e0e0";

describe("reliability: bad input through pulumi up", function () {
  this.timeout(300_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let stack: TestStack;
  const serviceName = `badcli-${process.pid}`;

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    stack = await TestStack.create({ example: "hello-world", apiUrl: emulator.url, config: { serviceName } });
  });
  after(async () => {
    await stack?.dispose();
    await emulator?.stop();
  });

  /** `pulumi up` must fail, show `message` (the error lines hold nothing else), and write nothing. */
  async function upFailsWith(message: RegExp, env: Record<string, string> = {}): Promise<string> {
    await resetStats(emulator.url);
    const result = await stack.run(["up", "--yes", "--skip-preview"], env);
    const output = result.stdout + result.stderr;
    assert.notStrictEqual(result.code, 0, output);
    assert.match(output, message);
    // Pulumi repeats a diagnostic under "Diagnostics:"; besides the generic "update failed" line
    // every error line must be this one error, and no stack trace may bury it.
    assert.doesNotMatch(output, /unhandled exception|\n\s+at /, "no stack trace");
    const errors = new Set(
      output.split("\n").map((line) => /error: (.*)$/.exec(line)?.[1]?.trim()).filter((line): line is string => !!line && line !== "update failed"),
    );
    assert.strictEqual(errors.size, 1, `one error:\n${[...errors].join("\n")}`);
    assert.match([...errors][0], message);
    const { writes, calls } = await emulatorStats(emulator.url);
    assert.strictEqual(writes, 0, JSON.stringify(calls));
    return output;
  }

  it("a Service name Twilio refuses", async () => {
    await stack.mustRun(["config", "set", "serviceName", "my_app!"]);
    try {
      await upFailsWith(/uniqueName "my_app!" is not valid: use only letters, digits and "-"/);
    } finally {
      await stack.mustRun(["config", "set", "serviceName", serviceName]);
    }
  });

  it("a domain suffix over 16 characters", async () => {
    await stack.mustRun(["config", "set", "domainSuffix", "a-very-long-suffix"]);
    try {
      await upFailsWith(/environments\.dev\.domainSuffix: "a-very-long-suffix" must be .*at most 16 characters/);
    } finally {
      await stack.mustRun(["config", "rm", "domainSuffix"]);
    }
  });

  it("a file whose name Twilio refuses", async () => {
    stack.writeFile("assets/price#1.txt", "1");
    try {
      await upFailsWith(/assets\/price#1\.txt: its path "\/price#1\.txt" contains "#", which Twilio refuses in a path .*Rename the file/);
    } finally {
      fs.rmSync(stack.file("assets/price#1.txt"));
    }
  });

  it("a wrong auth token, never shown", async () => {
    const output = await upFailsWith(/401 .*Twilio refused the credentials of account AC[0-9a-f]{32}: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/, { TWILIO_AUTH_TOKEN: WRONG_TOKEN });
    assert.ok(!output.includes(WRONG_TOKEN));
  });

  it("no credentials", async () => {
    await upFailsWith(/Twilio credentials are missing\. Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/, { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "" });
  });
});
