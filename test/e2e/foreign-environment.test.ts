/**
 * The demo and the tests give the same result in a Twilio developer's shell: foreign TWILIO_*
 * and PULUMI_* values (real-looking credentials, an API key, a region, a Pulumi Cloud backend
 * and token, broken client settings) change nothing, and none of them is sent anywhere: a trap
 * server on loopback stands where they point and must see no request.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/index";
import { hermeticEnv } from "../../scripts/hermetic-env";
import { REPO } from "./harness";

const FOREIGN_SECRETS = {
  TWILIO_ACCOUNT_SID: "AC" + "f0".repeat(16),
  TWILIO_AUTH_TOKEN: "foreignauthtoken" + "f1".repeat(8),
  TWILIO_API_KEY: "SK" + "f2".repeat(16),
  TWILIO_API_SECRET: "foreignapisecret" + "f3".repeat(8),
  PULUMI_ACCESS_TOKEN: "pul-foreign" + "f4".repeat(16),
  PULUMI_CONFIG_PASSPHRASE: "foreign-passphrase",
};

/** What a developer's shell may hold; `trap` is the origin every foreign endpoint points at. */
function foreignEnv(trap: string, home: string): Record<string, string> {
  return {
    ...FOREIGN_SECRETS,
    TWILIO_REGION: "ie1",
    TWILIO_EDGE: "dublin",
    TWILIO_SERVERLESS_API_URL: trap,
    TWILIO_SERVERLESS_UPLOAD_URL: trap,
    // Invalid on purpose: the provider refuses them, so any that leaked would fail the run.
    TWILIO_SERVERLESS_CONCURRENCY: "foreign",
    TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS: "foreign",
    TWILIO_SERVERLESS_RETRY_BUDGET_MS: "foreign",
    PULUMI_BACKEND_URL: trap,
    PULUMI_HOME: home,
  };
}

/** A loopback server that records every request it gets (and answers 500). */
async function startTrap(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(`${request.method} ${request.url} ${request.headers.authorization ?? ""}`);
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function runNode(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** Every file's text under `dir`. */
function allText(dir: string): string {
  if (!fs.existsSync(dir)) return "";
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "latin1"))
    .join("\n");
}

async function servicesStatus(url: string, username: string, password: string): Promise<number> {
  const response = await fetch(`${url}/v1/Services`, {
    headers: { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` },
  });
  await response.text();
  return response.status;
}

describe("a shell holding foreign TWILIO_* and PULUMI_* values", function () {
  this.timeout(10 * 60_000);
  let scratch: string;
  let trap: Awaited<ReturnType<typeof startTrap>>;

  before(async () => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "foreign-env-"));
    trap = await startTrap();
  });
  after(async () => {
    await trap.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("startEmulator() accepts its test pair, not the environment's credentials", async () => {
    const foreign = foreignEnv(trap.url, path.join(scratch, "home"));
    const saved = Object.fromEntries(Object.keys(foreign).map((name) => [name, process.env[name]]));
    Object.assign(process.env, foreign);
    let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
    try {
      emulator = await startEmulator({ buildDelayMs: 20 });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    try {
      assert.equal(await servicesStatus(emulator.url, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN), 200);
      assert.equal(
        await servicesStatus(emulator.url, FOREIGN_SECRETS.TWILIO_ACCOUNT_SID, FOREIGN_SECRETS.TWILIO_AUTH_TOKEN),
        401,
      );
    } finally {
      await emulator.stop();
    }
  });

  it("the emulator's bin takes TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN of its environment", async () => {
    const child = spawn(
      process.execPath,
      [path.join(REPO, "emulator", "bin", "twilio-serverless-emulator.js"), "--port", "0"],
      {
        env: hermeticEnv(process.env, {
          TWILIO_ACCOUNT_SID: FOREIGN_SECRETS.TWILIO_ACCOUNT_SID,
          TWILIO_AUTH_TOKEN: FOREIGN_SECRETS.TWILIO_AUTH_TOKEN,
        }),
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
          const match = /listening on (\S+)\n/.exec(out);
          if (match) resolve(match[1]);
        });
        child.on("exit", (code) => reject(new Error(`emulator exited ${code}`)));
      });
      assert.equal(
        await servicesStatus(url, FOREIGN_SECRETS.TWILIO_ACCOUNT_SID, FOREIGN_SECRETS.TWILIO_AUTH_TOKEN),
        200,
      );
      assert.equal(await servicesStatus(url, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN), 401);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("a test that reads process.env as the product does passes under mocha's own config (test/hermetic.ts cleans it)", async () => {
    const mocha = path.join(REPO, "node_modules", "mocha", "bin", "mocha.js");
    const files = ["test/e2e/children/product-env.ts"];
    const { code, output } = await runNode([mocha, ...files], {
      ...hermeticEnv(),
      ...foreignEnv(trap.url, path.join(scratch, "home")),
    });
    assert.equal(code, 0, output);
    assert.match(output, /\b\d+ passing/);
    assert.doesNotMatch(output, /failing/);
    assert.deepEqual(trap.requests, [], "nothing reached the foreign endpoints");
  });

  it("npm run demo deploys and answers as in a clean shell, and sends none of them anywhere", async () => {
    const demoDir = path.join(scratch, "demo");
    const home = path.join(scratch, "foreign-pulumi-home");
    const stack = `foreign${process.pid}`;
    try {
      const env = { ...hermeticEnv(), ...foreignEnv(trap.url, home) };
      const { code, output } = await runNode(
        ["-r", "ts-node/register/transpile-only", "scripts/demo.ts", "--dir", demoDir, "--stack", stack],
        env,
      );
      assert.equal(code, 0, output);
      assert.match(output, /GET https:\/\/\S+\/hello\?name=Pulumi → 200 Hello, Pulumi!/);
      assert.deepEqual(trap.requests, [], "nothing reached the foreign endpoints");
      assert.equal(fs.existsSync(home), false, "the foreign PULUMI_HOME is not used");
      const written = allText(demoDir) + output;
      for (const [name, value] of Object.entries(FOREIGN_SECRETS))
        assert.ok(!written.includes(value), `${name} shows in the demo's state or output`);
    } finally {
      fs.rmSync(path.join(REPO, `Pulumi.${stack}.yaml`), { force: true });
    }
  });
});
