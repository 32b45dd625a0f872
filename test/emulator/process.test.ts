/**
 * The emulator as its own process (the `twilio-serverless-emulator` bin, run from source with
 * ts-node): its one line on start, a clean exit on SIGTERM, and nothing acknowledged lost to kill -9.
 */
import { strict as assert } from "node:assert";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "../../emulator/cli";
import { hermeticEnv } from "../../scripts/hermetic-env";
import twilio from "twilio";
import { TEST_AUTH_TOKEN } from "../../emulator/credentials";
import { Client, startTestEmulator, waitForBuild } from "./helpers";

const REPO = resolve(__dirname, "../..");
const execFileAsync = promisify(execFile);

interface Spawned {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function spawnEmulator(args: string[]): Promise<Spawned> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", ...args], {
    cwd: REPO,
    env: hermeticEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  return new Promise((resolveStart, reject) => {
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/\S+)\n/.exec(stdout);
      if (match) resolveStart({ child, url: match[1], stdout: () => stdout, exited });
    });
    void exited.then(({ code }) => reject(new Error(`emulator exited with ${code} before listening: ${stderr}`)));
  });
}

describe("emulator process", function () {
  it("prints one line with its URL and exits cleanly on SIGTERM", async function () {
    const spawned = await spawnEmulator(["--port", "0", "--build-delay-ms", "10"]);
    assert.match(spawned.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await new Client(spawned.url).call("GET", "/v1/Services")).status, 200);
    spawned.child.kill("SIGTERM");
    assert.deepEqual(await spawned.exited, { code: 0, signal: null });
    assert.equal(spawned.stdout(), `listening on ${spawned.url}\n`);
  });

  it("--pid-file: written once listening, and `kill $(cat FILE)` stops it, removes the file and frees the port", async function () {
    const dir = mkdtempSync(join(tmpdir(), "emulator-pid-"));
    try {
      const pidFile = join(dir, "emulator.pid");
      const spawned = await spawnEmulator(["--port", "0", "--pid-file", pidFile]);
      assert.equal(readFileSync(pidFile, "utf8"), `${spawned.child.pid}\n`);
      const port = Number(new URL(spawned.url).port);
      process.kill(Number(readFileSync(pidFile, "utf8")), "SIGTERM");
      assert.deepEqual(await spawned.exited, { code: 0, signal: null });
      assert.equal(existsSync(pidFile), false, "the pid file is removed at stop");
      const server = createServer();
      await new Promise<void>((done, fail) => server.once("error", fail).listen(port, "127.0.0.1", done));
      await new Promise((done) => server.close(done));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sign prints the X-Twilio-Signature a protected function accepts (the twilio package's, with the bin's auth token)", async function () {
    const { emulator, client } = await startTestEmulator();
    try {
      const service = await client.ok("POST", "/v1/Services", { UniqueName: "signed", FriendlyName: "signed" });
      const base = `/v1/Services/${service.sid}`;
      const fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "secret" });
      const upload = await client.upload(`${base}/Functions/${fn.sid}`, {
        path: "/secret",
        visibility: "protected",
        content: "exports.handler = (c, event, cb) => cb(null, 'to ' + event.To);\n",
      });
      const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [upload.body.sid] });
      assert.equal(await waitForBuild(client, service.sid, build.sid), "completed");
      const environment = await client.ok("POST", `${base}/Environments`, { UniqueName: "dev", DomainSuffix: "dev" });
      await client.ok("POST", `${base}/Environments/${environment.sid}/Deployments`, { BuildSid: build.sid });
      const url = `https://${environment.domain_name}/secret`;
      // Asynchronous, so the in-process emulator keeps serving (and its keep-alive timers keep time) meanwhile.
      const sign = async (...args: string[]) =>
        (
          await execFileAsync(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "sign", ...args],
            { cwd: REPO, env: hermeticEnv(), encoding: "utf8" },
          )
        ).stdout.trim();
      const signature = await sign("--url", url, "--param", "To=+15551111111", "--param", "Body=hi there");
      assert.equal(
        signature,
        twilio.getExpectedTwilioSignature(TEST_AUTH_TOKEN, url, { To: "+15551111111", Body: "hi there" }),
      );
      const post = (headers: Record<string, string>) =>
        fetch(`${emulator.url}/_domains/${environment.domain_name}/secret`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
          body: "To=%2B15551111111&Body=hi+there",
        });
      const signed = await post({ "x-twilio-signature": signature });
      assert.deepEqual([signed.status, await signed.text()], [200, "to +15551111111"]);
      const unsigned = await post({ "x-twilio-signature": await sign("--url", url) });
      assert.equal(unsigned.status, 401, "a signature without the params is refused");
      await assert.rejects(
        sign("--url", `${emulator.url}/_domains/${environment.domain_name}/secret`),
        /sign --url wants the function's URL on Twilio, https:\/\/<domain>\/<path>/,
      );
    } finally {
      await emulator.stop();
    }
  });

  it("exits 1 naming a bad flag", async function () {
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--latency-ms", "soon"],
      { cwd: REPO },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((done) => child.on("exit", done));
    assert.equal(code, 1);
    assert.match(stderr, /--latency-ms needs a number/);
  });

  it("parses every documented flag", function () {
    assert.deepEqual(
      parseArgs([
        "--port",
        "4010",
        "--host=0.0.0.0",
        "--data-dir",
        "/tmp/x",
        "--latency-ms",
        "5",
        "--fault-rate",
        "0.1",
        "--seed",
        "7",
        "--build-delay-ms",
        "0",
      ]),
      { port: 4010, host: "0.0.0.0", dataDir: "/tmp/x", latencyMs: 5, faultRate: 0.1, seed: 7, buildDelayMs: 0 },
    );
    assert.throws(() => parseArgs(["--colour"]), /unknown argument --colour/);
  });

  it("loses nothing it acknowledged when killed with SIGKILL mid-traffic", async function () {
    const dataDir = mkdtempSync(join(tmpdir(), "emulator-kill-"));
    try {
      const spawned = await spawnEmulator(["--data-dir", dataDir]);
      const client = new Client(spawned.url);
      const service = await client.ok("POST", "/v1/Services", { UniqueName: "survivor", FriendlyName: "x" });
      const base = `/v1/Services/${service.sid}`;
      const fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "fn" });
      const acknowledged: { sid: string; content: string }[] = [];
      const variables: string[] = [];
      let next = 0;
      let killed = false;

      const worker = async () => {
        while (!killed) {
          const index = next++;
          const content = `exports.handler = (c, e, cb) => cb(null, ${index});\n`;
          try {
            const upload = await client.upload(`${base}/Functions/${fn.sid}`, {
              path: `/f${index}`,
              visibility: "public",
              content,
            });
            if (upload.status === 201) acknowledged.push({ sid: upload.body.sid, content });
            const created = await client.call("POST", `/v1/Services`, { UniqueName: `s${index}`, FriendlyName: "x" });
            if (created.status === 201) variables.push(created.body.sid);
          } catch {
            return; // the connection died with the process
          }
          if (acknowledged.length >= 60 && !killed) {
            killed = true;
            spawned.child.kill("SIGKILL");
          }
        }
      };
      await Promise.all(Array.from({ length: 8 }, worker));
      assert.equal((await spawned.exited).signal, "SIGKILL");

      const { emulator, client: after } = await startTestEmulator({ dataDir });
      try {
        for (const { sid, content } of acknowledged) {
          const answer = await after.ok("GET", `${base}/Functions/${fn.sid}/Versions/${sid}/Content`);
          assert.equal(answer.content, content);
        }
        for (const sid of variables) assert.equal((await after.call("GET", `/v1/Services/${sid}`)).status, 200);
        assert.ok(acknowledged.length >= 60);
      } finally {
        await emulator.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
