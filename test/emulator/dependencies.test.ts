/**
 * Builds install their npm dependencies (from the npm registry, the only network these tests use
 * besides loopback) into a cache shared by equal sets; functions see their Build's packages and
 * Twilio's defaults, nothing else; --dependencies-from resolves offline; --host refusal.
 */
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "../../emulator/cli";
import { TEST_ACCOUNT_SID, TEST_API_KEY } from "../../emulator/credentials";
import { resolveOptions } from "../../emulator/options";
import { freshDataDirEachTest, startTestEmulator, waitForBuild, type Client, type Emulator } from "./helpers";

const REPO = resolve(__dirname, "../..");

// `ms` is tiny, has no dependencies, and is in the emulator's own node_modules too: a function
// must still not see it unless its Build declares it.
const USES_MS = `exports.handler = (context, event, callback) => callback(null, require("ms")("2h") + " " + require("lodash").kebabCase("Hello There"));\n`;
const MS = { name: "ms", version: "2.1.3" };

interface Deployed {
  build: any;
  status: string;
  /** GETs a path on the environment's domain (after deploying the build when it completed). */
  call(path: string): Promise<{ status: number; body: string }>;
}

let counter = 0;

/** A service with one function at /f, built with these dependencies and, if completed, deployed. */
async function deployFunction(
  emulator: Emulator,
  client: Client,
  source: string,
  dependencies: object[],
): Promise<Deployed> {
  counter += 1;
  const service = await client.ok("POST", "/v1/Services", { UniqueName: `deps-${counter}`, FriendlyName: "deps" });
  const base = `/v1/Services/${service.sid}`;
  const fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "f" });
  const upload = await client.upload(`${base}/Functions/${fn.sid}`, {
    path: "/f",
    visibility: "public",
    content: source,
  });
  const build = await client.ok("POST", `${base}/Builds`, {
    FunctionVersions: [upload.body.sid],
    Dependencies: JSON.stringify(dependencies),
  });
  const status = await waitForBuild(client, service.sid, build.sid);
  let domain = "";
  if (status === "completed") {
    const environment = await client.ok("POST", `${base}/Environments`, { UniqueName: "dev", DomainSuffix: "dev" });
    await client.ok("POST", `${base}/Environments/${environment.sid}/Deployments`, { BuildSid: build.sid });
    domain = environment.domain_name;
  }
  return {
    build,
    status,
    call: async (path) => {
      const answer = await fetch(`${emulator.url}/_domains/${domain}${path}`);
      return { status: answer.status, body: await answer.text() };
    },
  };
}

function cacheEntries(dataDir: string): string[] {
  return readdirSync(join(dataDir, "deps")).filter((name) => !name.startsWith("."));
}

describe("emulator build dependencies", function () {
  this.timeout(180_000);
  const tempDir = freshDataDirEachTest("emulator-deps");

  it("installs a declared package and Twilio's defaults; two Builds of one set share one install; a restart reuses it", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    let marker: string;
    try {
      // Two concurrent Builds of the same set: one install, both served.
      const [one, two] = await Promise.all(
        [0, 1].map(() => deployFunction(first.emulator, first.client, USES_MS, [MS])),
      );
      assert.equal(one.status, "completed");
      assert.equal(two.status, "completed");
      assert.deepEqual(await one.call("/f"), { status: 200, body: "7200000 hello-there" });
      assert.deepEqual(await two.call("/f"), { status: 200, body: "7200000 hello-there" });
      const entries = cacheEntries(tempDir());
      assert.equal(entries.length, 1, entries.join(", "));
      assert.ok(existsSync(join(tempDir(), "deps", entries[0], "node_modules", "ms", "package.json")));
      // Left in the install: a reinstall would remove it.
      marker = join(tempDir(), "deps", entries[0], "node_modules", "installed-once");
      writeFileSync(marker, "");
    } finally {
      await first.emulator.stop();
    }
    const second = await startTestEmulator({ dataDir: tempDir() });
    try {
      const again = await deployFunction(second.emulator, second.client, USES_MS, [MS]);
      assert.equal(again.status, "completed");
      assert.deepEqual(await again.call("/f"), { status: 200, body: "7200000 hello-there" });
      assert.ok(existsSync(marker), "the cached install was reused, not redone");
      assert.equal(cacheEntries(tempDir()).length, 1);
    } finally {
      await second.emulator.stop();
    }
  });

  it("serves a package with a relative data directory, as the README starts the emulator (--data-dir .emulator)", async function () {
    const { emulator, client } = await startTestEmulator({ dataDir: relative(process.cwd(), tempDir()) });
    try {
      const deployed = await deployFunction(emulator, client, USES_MS, [MS]);
      assert.equal(deployed.status, "completed");
      assert.deepEqual(await deployed.call("/f"), { status: 200, body: "7200000 hello-there" });
    } finally {
      await emulator.stop();
    }
  });

  it("gives functions the twilio their Build declares: twilio 3 and twilio 5 side by side, as Twilio global, require and client", async function () {
    const source = `exports.handler = (context, event, callback) => {
      const required = require("twilio");
      if (event.twiml) {
        const twiml = new Twilio.twiml.VoiceResponse();
        twiml.dial({ callerId: "+15550000000" }, "+15551111111");
        return callback(null, twiml);
      }
      callback(null, {
        version: require("twilio/package.json").version,
        global: Twilio.twiml.VoiceResponse === required.twiml.VoiceResponse,
        client: context.getTwilioClient() instanceof required.Twilio,
      });
    };\n`;
    const { emulator, client } = await startTestEmulator({ dataDir: tempDir() });
    try {
      const builds = await Promise.all(
        ["3.84.1", "5.0.0"].map((version) => deployFunction(emulator, client, source, [{ name: "twilio", version }])),
      );
      const answers = await Promise.all(builds.map(async (deployed) => JSON.parse((await deployed.call("/f")).body)));
      assert.deepEqual(answers, [
        { version: "3.84.1", global: true, client: true },
        { version: "5.0.0", global: true, client: true },
      ]);
      for (const deployed of builds) {
        const twiml = await deployed.call("/f?twiml=1");
        assert.equal(twiml.status, 200);
        assert.match(twiml.body, /<Response><Dial callerId="\+15550000000">\+15551111111<\/Dial><\/Response>/);
      }
    } finally {
      await emulator.stop();
    }
  });

  it("gives a function Twilio's default lodash without declaring it, and no package its Build does not declare", async function () {
    const { emulator, client } = await startTestEmulator({ dataDir: tempDir() });
    try {
      const deployed = await deployFunction(emulator, client, USES_MS, []);
      assert.equal(deployed.status, "completed");
      const answer = await deployed.call("/f");
      assert.equal(answer.status, 500);
      assert.match(answer.body, /Cannot find module 'ms' required from \/f: .*Add 'ms' to the Build's Dependencies/);
      const lodashOnly = await deployFunction(
        emulator,
        client,
        `exports.handler = (c, e, cb) => cb(null, require("lodash").VERSION + " " + typeof require("fs").readFileSync);\n`,
        [],
      );
      assert.deepEqual(await lodashOnly.call("/f"), { status: 200, body: "4.17.11 function" });
    } finally {
      await emulator.stop();
    }
  });

  it("fails a Build whose package does not exist, or whose version does not, or that is not from the npm registry", async function () {
    const { emulator, client } = await startTestEmulator({ dataDir: tempDir() });
    try {
      for (const dependency of [
        { name: "no-such-package-twilio-emulator-test", version: "1.0.0" },
        { name: "ms", version: "99.99.99" },
        { name: "ms", version: "file:../ms" },
        { name: "ms", version: "github:vercel/ms" },
      ]) {
        const deployed = await deployFunction(emulator, client, USES_MS, [dependency]);
        assert.equal(deployed.status, "failed", JSON.stringify(dependency));
      }
      assert.deepEqual(cacheEntries(tempDir()), [], "a failed install leaves nothing behind");
    } finally {
      await emulator.stop();
    }
  });

  it("resolves from --dependencies-from instead of installing, and fails a Build whose package is not there", async function () {
    const offline = join(tempDir(), "project");
    mkdirSync(join(offline, "node_modules", "greeter"), { recursive: true });
    writeFileSync(
      join(offline, "node_modules", "greeter", "package.json"),
      JSON.stringify({ name: "greeter", version: "1.0.0", main: "main.js" }),
    );
    writeFileSync(join(offline, "node_modules", "greeter", "main.js"), `module.exports = (name) => "hi " + name;\n`);
    const { emulator, client } = await startTestEmulator({ dataDir: tempDir(), dependenciesFrom: offline });
    try {
      const uses = `exports.handler = (c, e, cb) => cb(null, require("greeter")("Ada"));\n`;
      const deployed = await deployFunction(emulator, client, uses, [{ name: "greeter", version: "^1.0.0" }]);
      assert.equal(deployed.status, "completed");
      assert.deepEqual(await deployed.call("/f"), { status: 200, body: "hi Ada" });
      assert.ok(!existsSync(join(tempDir(), "deps")), "nothing was installed");
      const missing = await deployFunction(emulator, client, uses, [{ name: "absent", version: "1.0.0" }]);
      assert.equal(missing.status, "failed");
    } finally {
      await emulator.stop();
    }
    assert.equal(parseArgs(["--dependencies-from", offline]).dependenciesFrom, offline);
  });

  /**
   * Runs `body` with npm pointed at port 9 on loopback (nothing listens: npm fails as offline, fast,
   * with no retries) and the emulator's stderr captured; restores both. Resolves to what was printed.
   */
  async function offline(env: Record<string, string>, body: () => Promise<void>): Promise<string> {
    const overrides: Record<string, string> = {
      npm_config_registry: "http://127.0.0.1:9/",
      npm_config_fetch_retries: "0",
      ...env,
    };
    const saved = Object.fromEntries(Object.keys(overrides).map((key) => [key, process.env[key]]));
    const printed: string[] = [];
    const consoleError = console.error;
    Object.assign(process.env, overrides);
    console.error = (...args: unknown[]) => void printed.push(args.join(" "));
    try {
      await body();
    } finally {
      console.error = consoleError;
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    return printed.join("\n");
  }

  it("says how to use --dependencies-from when the npm registry is out of reach", async function () {
    const printed = await offline({}, async () => {
      const { emulator, client } = await startTestEmulator({ dataDir: tempDir() });
      try {
        // A package that exists nowhere, so no earlier run can have cached its set.
        const deployed = await deployFunction(emulator, client, USES_MS, [
          { name: "offline-only-twilio-emulator-test", version: "1.0.0" },
        ]);
        assert.equal(deployed.status, "failed");
      } finally {
        await emulator.stop();
      }
    });
    assert.match(
      printed,
      /could not be installed: npm said: .*ECONNREFUSED.*to run offline, start the emulator with --dependencies-from DIR \(library: dependenciesFrom\)/,
    );
  });

  it("offline with only Twilio's defaults, completes the Build without them instead of failing it", async function () {
    // An empty machine-wide cache, so the default set is not already there.
    const printed = await offline({ TWILIO_SERVERLESS_EMULATOR_DEPS_CACHE: join(tempDir(), "machine") }, async () => {
      const { emulator, client } = await startTestEmulator({ dataDir: tempDir() });
      try {
        const plain = await deployFunction(
          emulator,
          client,
          `exports.handler = (c, e, cb) => cb(null, "plain");\n`,
          [],
        );
        assert.equal(plain.status, "completed");
        assert.deepEqual(await plain.call("/f"), { status: 200, body: "plain" });
        const lodash = await deployFunction(
          emulator,
          client,
          `exports.handler = (c, e, cb) => cb(null, require("lodash").VERSION);\n`,
          [],
        );
        assert.match((await lodash.call("/f")).body, /Cannot find module 'lodash'/);
      } finally {
        await emulator.stop();
      }
    });
    assert.match(printed, /Twilio's default packages \(lodash, util, xmldom\) are not installed: .*ECONNREFUSED/);
  });

  it("refuses a non-loopback --host with the built-in test credentials, and says how to set real ones", async function () {
    const testPair = { accountSid: TEST_ACCOUNT_SID, authToken: "x", apiKeys: [] };
    assert.throws(
      () => resolveOptions({ host: "0.0.0.0", credentials: testPair }),
      /host 0\.0\.0\.0 .*refuses .*TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, TWILIO_API_KEY and TWILIO_API_SECRET/,
    );
    const own = { accountSid: "AC" + "1".repeat(32), authToken: "secret", apiKeys: [] };
    assert.equal(resolveOptions({ host: "0.0.0.0", credentials: own }).host, "0.0.0.0");
    assert.equal(resolveOptions({ host: "127.0.0.1", credentials: testPair }).host, "127.0.0.1");
    // Real account, but the public test API key still accepted: refused too.
    assert.throws(
      () => resolveOptions({ host: "0.0.0.0", credentials: { ...own, apiKeys: [{ sid: TEST_API_KEY, secret: "x" }] } }),
      /refuses/,
    );

    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TWILIO_")));
    const child = spawn(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", "emulator/cli.ts", "--host", "0.0.0.0"],
      { cwd: REPO, env },
    );
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((done) => child.on("exit", done));
    assert.equal(code, 1);
    assert.match(
      stderr,
      /refuses to listen there with the built-in test credentials\. Set your own in the environment: TWILIO_ACCOUNT_SID/,
    );
  });
});
