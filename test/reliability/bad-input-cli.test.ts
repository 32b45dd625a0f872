/**
 * A few rows of the bad-input catalog (test/provider/bad-input-catalog.ts) through the real CLI, so
 * the message the user reads is checked too: `pulumi up` fails with the one error that names the
 * field or file and the fix, and no write (POST or DELETE, applied or refused) reached the API.
 * Two of them also on the provider plugin (examples/plugin-app): how Pulumi shows its answers.
 */
import * as assert from "assert";
import * as fs from "fs";
import { startEmulator } from "../../emulator";
import { pluginEnv, resetStats, TestStack } from "../e2e/harness";
import { emulatorStats as statsOf, writeRequestsIn } from "../provider/write-requests";

const WRONG_TOKEN = "wrong0token0e0e0e0e0e0e0e0e0e0e0";

describe("reliability: bad input through pulumi up", function () {
  this.timeout(300_000);
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let stack: TestStack;
  /** The same program's component on the provider plugin (examples/plugin-app). */
  let pluginStack: TestStack;
  const serviceName = `badcli-${process.pid}`;

  before(async () => {
    emulator = await startEmulator({ buildDelayMs: 100 });
    stack = await TestStack.create({ example: "hello-world", apiUrl: emulator.url, config: { serviceName } });
    pluginStack = await TestStack.create({
      example: "plugin-app",
      apiUrl: emulator.url,
      config: { serviceName },
      env: pluginEnv(),
    });
  });
  after(async () => {
    await stack?.dispose();
    await pluginStack?.dispose();
    await emulator?.stop();
  });

  /**
   * `pulumi up` must fail, show `message` (the error lines hold nothing else but what `besides`
   * matches), and write nothing.
   */
  async function upFailsWith(
    message: RegExp,
    env: Record<string, string> = {},
    on = stack,
    besides?: RegExp,
  ): Promise<string> {
    await resetStats(emulator.url);
    const result = await on.run(["up", "--yes", "--skip-preview"], env);
    const output = result.stdout + result.stderr;
    assert.notStrictEqual(result.code, 0, output);
    assert.match(output, message);
    // Pulumi repeats a diagnostic under "Diagnostics:"; besides the generic "update failed" line
    // every error line must be this one error, and no stack trace may bury it.
    assert.doesNotMatch(output, /unhandled exception|\n\s+at /, "no stack trace");
    const errors = new Set(
      output
        .split("\n")
        .map((line) => /error: (.*)$/.exec(line)?.[1]?.trim())
        .filter((line): line is string => !!line && line !== "update failed" && !besides?.test(line)),
    );
    assert.strictEqual(errors.size, 1, `one error:\n${[...errors].join("\n")}`);
    assert.match([...errors][0], message);
    assert.deepStrictEqual(writeRequestsIn(await statsOf(emulator.url)), [], "no POST or DELETE reached the API");
    return output;
  }

  /** Runs `action` with these config keys set, then puts the stack's config back. */
  async function withConfig(values: Record<string, string>, action: () => Promise<unknown>): Promise<void> {
    for (const [key, value] of Object.entries(values)) await stack.mustRun(["config", "set", key, value]);
    try {
      await action();
    } finally {
      for (const key of Object.keys(values)) {
        if (key === "serviceName") await stack.mustRun(["config", "set", "serviceName", serviceName]);
        else await stack.mustRun(["config", "rm", key]);
      }
    }
  }

  /** Runs `action` with these files in the project, then removes them (or puts back what was there). */
  async function withFiles(files: Record<string, string | number>, action: () => Promise<unknown>): Promise<void> {
    const before = new Map(
      Object.keys(files).map((name) => [
        name,
        fs.existsSync(stack.file(name)) ? fs.readFileSync(stack.file(name)) : undefined,
      ]),
    );
    for (const [name, content] of Object.entries(files)) {
      if (typeof content === "number") {
        stack.writeFile(name, "");
        fs.truncateSync(stack.file(name), content); // sparse: the size without the bytes
      } else stack.writeFile(name, content);
    }
    try {
      await action();
    } finally {
      for (const [name, previous] of before) {
        if (previous === undefined) fs.rmSync(stack.file(name));
        else fs.writeFileSync(stack.file(name), previous);
      }
    }
  }

  it("a Service name Twilio refuses, named as the user wrote it", async () => {
    await withConfig({ serviceName: "my_app!" }, () =>
      upFailsWith(/serviceName "my_app!" is not valid: use only letters, digits and "-"/),
    );
  });

  it("a Service name of 51 characters", async () => {
    await withConfig({ serviceName: "s".repeat(51) }, () =>
      upFailsWith(/serviceName is 51 characters; Twilio allows at most 50\. Shorten it\./),
    );
  });

  it("a private asset of 11 MB", async () => {
    await withFiles({ "assets/big.private.bin": 11 * 1024 * 1024 }, () =>
      upFailsWith(
        /assets\/big\.private\.bin is 11534336 bytes; Twilio accepts at most 10 MB for private content\. Make it smaller\./,
      ),
    );
  });

  it("51 files in functions/", async () => {
    const functions = Object.fromEntries(
      Array.from({ length: 51 }, (_, i) => [
        `functions/f${String(i + 1).padStart(2, "0")}.js`,
        "exports.handler = (c, e, cb) => cb(null, 'ok');\n",
      ]),
    );
    await withFiles(functions, () =>
      upFailsWith(
        /functions\/f51\.js and 1 more after it: a Build holds at most 50 Function Versions, and this one would hold 52\./,
      ),
    );
  });

  it("runtime node18", async () => {
    await withConfig({ runtime: "node18" }, () =>
      upFailsWith(/runtime "node18" is retired: Twilio refuses Builds on it since 2025-11-10\. Use "node22"/),
    );
  });

  it("node24 with a runtime handler older than 2.1.2 in package.json", async () => {
    const pkg = JSON.parse(fs.readFileSync(stack.file("package.json"), "utf8"));
    const old = JSON.stringify({ ...pkg, dependencies: { "@twilio/runtime-handler": "1.1.0" } }, null, 2);
    await withConfig({ runtime: "node24" }, () =>
      withFiles({ "package.json": old }, () =>
        upFailsWith(
          /package\.json dependencies: @twilio\/runtime-handler "1\.1\.0" is too old for node24: Twilio runs node24 with 2\.1\.2 or later/,
        ),
      ),
    );
  });

  it("a domain suffix over 16 characters", async () => {
    await stack.mustRun(["config", "set", "domainSuffix", "a-very-long-suffix"]);
    try {
      await upFailsWith(/environments\.dev\.domainSuffix is 18 characters; Twilio allows at most 16\. Shorten it\./);
    } finally {
      await stack.mustRun(["config", "rm", "domainSuffix"]);
    }
  });

  it("a file whose name Twilio refuses", async () => {
    stack.writeFile("assets/price#1.txt", "1");
    try {
      await upFailsWith(
        /assets\/price#1\.txt: its path "\/price#1\.txt" contains "#", which Twilio refuses in paths; rename the file/,
      );
    } finally {
      fs.rmSync(stack.file("assets/price#1.txt"));
    }
  });

  it("a wrong auth token, never shown", async () => {
    const output = await upFailsWith(
      /401 .*Twilio refused the credentials of account AC[0-9a-f]{32}: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/,
      { TWILIO_AUTH_TOKEN: WRONG_TOKEN },
    );
    assert.ok(!output.includes(WRONG_TOKEN));
  });

  it("no credentials", async () => {
    await upFailsWith(/Twilio credentials are missing\. Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/, {
      TWILIO_ACCOUNT_SID: "",
      TWILIO_AUTH_TOKEN: "",
    });
  });

  describe("on the provider plugin: the same sentence, alone, no stack trace, no write", () => {
    it("a Service name Twilio refuses, from the plugin's Construct", async () => {
      await pluginStack.mustRun(["config", "set", "serviceName", "my_app!"]);
      try {
        const output = await upFailsWith(
          /serviceName "my_app!" is not valid: use only letters, digits and "-" \(it becomes part of the domain\)\./,
          {},
          pluginStack,
        );
        assert.match(output, /ServerlessApp resource 'app' has a problem: serviceName "my_app!"/);
      } finally {
        await pluginStack.mustRun(["config", "set", "serviceName", serviceName]);
      }
    });

    it("no credentials: named as the plugin's config keys", async () => {
      // A child of the component failing makes the engine (3.248) close the plugin while its
      // Construct still waits for that child; it reports the closed connection on the component too.
      await upFailsWith(
        /Twilio credentials are missing\. .*the stack config keys twilio-serverless:accountSid and twilio-serverless:authToken/,
        { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "" },
        pluginStack,
        /^twilio-serverless:index:ServerlessApp resource 'app' has a problem: grpc: the client connection is closing$/,
      );
    });
  });
});
