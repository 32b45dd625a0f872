/**
 * `npx pulumi-twilio-serverless logs` as users run it: in the folder of a project deployed with
 * `pulumi up` (examples/hello-world plus two functions that log), through the real Pulumi CLI
 * (the Automation API finds the stack), against the emulator.
 */
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/index";
import { callDomain, configNamespace, e2eStack, emulatorStats, PATHS, REPO } from "./harness";

const LOGS_LIST = "GET /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Logs";

/** The file the package's `bin` names (what npx runs once the package is installed). */
function binPath(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "provider", "package.json"), "utf8"));
  return path.join(REPO, "provider", manifest.bin["pulumi-twilio-serverless"]);
}

interface Running {
  stdout: () => string;
  stderr: () => string;
  signal: (name: NodeJS.Signals) => void;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

for (const programPath of PATHS)
  describe(`e2e: the logs command (${programPath} path)`, function () {
    this.timeout(300_000);
    const e2e = e2eStack({
      example: "hello-world",
      path: programPath,
      config: { serviceName: `logs-${programPath}-${process.pid}` },
    });
    let domainName: string;

    const start = (args: string[], env: Record<string, string> = {}): Running => {
      const child = spawn(process.execPath, [binPath(), "logs", ...args], {
        cwd: e2e.stack.dir,
        env: { ...e2e.stack.env, ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.on("close", (code, signal) => resolve({ code, signal })),
      );
      return { stdout: () => stdout, stderr: () => stderr, signal: (name) => child.kill(name), done };
    };
    const run = async (args: string[], env: Record<string, string> = {}) => {
      const running = start(args, env);
      const { code } = await running.done;
      return { code, stdout: running.stdout(), stderr: running.stderr() };
    };
    const call = async (pathAndQuery: string) => {
      const answer = await callDomain(e2e.emulator.url, domainName, pathAndQuery);
      assert.strictEqual(answer.status, 200, answer.body);
    };
    const waitFor = async (condition: () => boolean | Promise<boolean>) => {
      while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 50));
    };

    before(async () => {
      e2e.stack.writeFile(
        "functions/chatty.js",
        `exports.handler = (context, event, callback) => { console.log("said " + event.n); console.warn("careful " + event.n); callback(null, "ok"); };\n`,
      );
      e2e.stack.writeFile(
        "functions/other.js",
        `exports.handler = (context, event, callback) => { console.error("other " + event.n); callback(null, "ok"); };\n`,
      );
      await e2e.stack.up();
      domainName = (await e2e.stack.outputs()).urls.dev.domainName;
      await call("/chatty?n=1");
      await call("/other?n=1");
    });

    it("prints each line with its time, level and function path, in time order", async () => {
      const result = await run([]);
      assert.strictEqual(result.code, 0, result.stderr);
      const lines = result.stdout.trimEnd().split("\n");
      assert.strictEqual(lines.length, 3, result.stdout);
      assert.match(lines[0], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z INFO {2}\/chatty said 1$/);
      assert.match(lines[1], /^\S+ WARN {2}\/chatty careful 1$/);
      assert.match(lines[2], /^\S+ ERROR \/other other 1$/);
      // eslint-disable-next-line no-control-regex -- an ANSI colour escape is what is asserted
      assert.doesNotMatch(result.stdout, /\x1b\[/, "no color when stdout is not a terminal");
    });

    it("--function filters, --level keeps a minimum, --json prints one object per line", async () => {
      const only = await run(["--function", "/other"]);
      assert.strictEqual(only.code, 0, only.stderr);
      assert.deepStrictEqual(
        only.stdout
          .trimEnd()
          .split("\n")
          .map((line) => line.split(" ").slice(2).join(" ")),
        ["/other other 1"],
      );
      const warnings = await run(["--level", "warn", "--environment", "dev", "--stack", e2e.stack.stackName]);
      assert.deepStrictEqual(
        warnings.stdout
          .trimEnd()
          .split("\n")
          .map((line) => line.split(/ +/).slice(1).join(" ")),
        ["WARN /chatty careful 1", "ERROR /other other 1"],
      );
      const json = await run(["--json", "--function", "/chatty", "--since", "1h"]);
      assert.strictEqual(json.code, 0, json.stderr);
      const objects = json.stdout
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line));
      assert.deepStrictEqual(
        objects.map((o) => [o.level, o.functionPath, o.message]),
        [
          ["info", "/chatty", "said 1"],
          ["warn", "/chatty", "careful 1"],
        ],
      );
      assert.ok(!Number.isNaN(Date.parse(objects[0].time)));
    });

    it("--tail prints a line logged after it started exactly once, and stops on Ctrl-C", async () => {
      const tail = start(["--tail", "--function", "/chatty"], { TWILIO_SERVERLESS_LOGS_POLL_MS: "100" });
      await waitFor(() => tail.stdout().includes("careful 1"));
      await call("/chatty?n=2");
      await waitFor(() => tail.stdout().includes("careful 2"));
      // Several more polls, each of which sees "said 2" again in its window.
      const polls = async () => (await emulatorStats(e2e.emulator.url)).calls[LOGS_LIST] ?? 0;
      const seenAt = await polls();
      await waitFor(async () => (await polls()) >= seenAt + 4);
      tail.signal("SIGINT");
      const { code } = await tail.done;
      assert.strictEqual(code, 0, tail.stderr());
      const messages = tail
        .stdout()
        .trimEnd()
        .split("\n")
        .map((line) => line.split(/ +/).slice(2).join(" "));
      assert.deepStrictEqual(messages, ["/chatty said 1", "/chatty careful 1", "/chatty said 2", "/chatty careful 2"]);
    });

    const ns = configNamespace(programPath);
    it(`reads the credentials from the stack's ${ns}:* config when the environment has none`, async () => {
      await e2e.stack.mustRun(["config", "set", `${ns}:accountSid`, TEST_ACCOUNT_SID]);
      await e2e.stack.mustRun(["config", "set", "--secret", `${ns}:authToken`, TEST_AUTH_TOKEN]);
      try {
        const result = await run(["--function", "/other"], { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "" });
        assert.strictEqual(result.code, 0, result.stderr);
        assert.match(result.stdout, /ERROR \/other other 1/);
        await e2e.stack.mustRun(["config", "set", "--secret", `${ns}:authToken`, "not-the-token"]);
        const refused = await run([], { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "" });
        assert.strictEqual(refused.code, 1);
        assert.strictEqual(refused.stderr.trimEnd().split("\n").length, 1, refused.stderr);
        assert.match(refused.stderr, new RegExp(`401 .*account ${TEST_ACCOUNT_SID}`));
        assert.doesNotMatch(refused.stderr, /not-the-token/);
      } finally {
        await e2e.stack.mustRun(["config", "rm", `${ns}:accountSid`]);
        await e2e.stack.mustRun(["config", "rm", `${ns}:authToken`]);
      }
    });

    it("--help lists every flag", async () => {
      const result = await run(["--help"]);
      assert.strictEqual(result.code, 0);
      for (const flag of [
        "--stack",
        "--environment",
        "--function",
        "--since",
        "--until",
        "--tail",
        "--json",
        "--level",
        "--cwd",
      ]) {
        assert.ok(result.stdout.includes(flag), `--help mentions ${flag}`);
      }
    });

    it("a wrong flag, stack or environment is one clear line and exit code 2", async () => {
      const cases: [string[], RegExp][] = [
        [["--bogus"], /unknown flag --bogus/],
        [["--since", "yesterday"], /--since "yesterday" is neither a duration/],
        [["--level", "debug"], /--level "debug" is not a level: use info, warn, error/],
        [
          ["--environment", "qa"],
          new RegExp(`no environment "qa" in stack "${e2e.stack.stackName}" \\(environments: dev\\)`),
        ],
        [["--stack", "nope"], /no stack "nope" in this project/],
        [
          ["--function", "/nowhere"],
          /no function is served at "\/nowhere" in Environment dev \(its functions: \/chatty, \/hello, \/other\)/,
        ],
      ];
      for (const [args, expected] of cases) {
        const result = await run(args);
        assert.strictEqual(result.code, 2, `${args.join(" ")}: ${result.stderr}`);
        assert.strictEqual(result.stdout, "");
        const lines = result.stderr.trimEnd().split("\n");
        assert.strictEqual(lines.length, 1, result.stderr);
        assert.match(lines[0], expected);
      }
    });
  });
