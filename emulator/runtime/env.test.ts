import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ACCOUNT_SID, AUTH_TOKEN, call, environment, fn } from "./fixtures.test";

// Set in the emulator's (this test process's) environment only: no function may see it.
const HOST_ONLY = "TWILIO_SERVERLESS_EMULATOR_TEST_HOST_ONLY";

describe("runtime: process.env of a function", () => {
  let packages: string;
  before(() => {
    process.env[HOST_ONLY] = "host-secret";
    // A Build's installed package, loaded by Node's own loader (not the sandbox's).
    packages = mkdtempSync(join(tmpdir(), "function-env-"));
    mkdirSync(join(packages, "node_modules", "read-env"), { recursive: true });
    writeFileSync(join(packages, "node_modules", "read-env", "index.js"), "module.exports = (k) => process.env[k];\n");
  });
  after(() => {
    delete process.env[HOST_ONLY];
    rmSync(packages, { recursive: true, force: true });
  });

  const READ = `exports.handler = (context, event, callback) => callback(null, {
    variable: process.env.GREETING ?? null,
    hostOnly: process.env.${HOST_ONLY} ?? null,
    home: process.env.HOME ?? null,
    account: process.env.ACCOUNT_SID ?? null,
    token: process.env.AUTH_TOKEN ?? null,
    keys: Object.keys(process.env).sort(),
    fromPackage: require("read-env")("GREETING") ?? null,
    hostOnlyFromPackage: require("read-env")("${HOST_ONLY}") ?? null,
  });`;

  it("holds the environment's Variables and the included credentials, nothing of the emulator's environment", async () => {
    const env = environment([fn("/env", READ)], {
      variables: { GREETING: "ahoy" },
      nodeModules: join(packages, "node_modules"),
    });
    const res = await call(env, "/env");
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.json(), {
      variable: "ahoy",
      hostOnly: null,
      home: null,
      account: ACCOUNT_SID,
      token: AUTH_TOKEN,
      keys: ["ACCOUNT_SID", "AUTH_TOKEN", "GREETING"],
      fromPackage: "ahoy",
      hostOnlyFromPackage: null,
    });
    assert.equal(
      process.env[HOST_ONLY],
      "host-secret",
      "the emulator's own environment is unchanged outside functions",
    );
  });

  it("leaves the credentials out when the Service excludes them", async () => {
    const env = environment([fn("/env", READ)], {
      variables: { GREETING: "ahoy" },
      includeCredentials: false,
      nodeModules: join(packages, "node_modules"),
    });
    assert.deepEqual((await call(env, "/env")).json().keys, ["GREETING"]);
  });

  it("is per invocation: concurrent calls of two environments, and writes, never leak into each other", async () => {
    // Writes its own value, waits (the other invocation runs meanwhile), then reads both back.
    const source = `exports.handler = (context, event, callback) => {
      process.env.WRITTEN = event.mark;
      setTimeout(() => callback(null, { variable: process.env.GREETING, written: process.env.WRITTEN,
        helper: require(Runtime.getFunctions()['helper'].path).greeting() }), 30);
    };`;
    const helper = "exports.greeting = () => process.env.GREETING;";
    const files = () => [fn("/race", source), fn("/helper", helper, "private")];
    const one = environment(files(), { variables: { GREETING: "one" } });
    const two = environment(files(), { variables: { GREETING: "two" } });
    const answers = await Promise.all([
      call(one, "/race", { query: "mark=a" }),
      call(two, "/race", { query: "mark=b" }),
      call(one, "/race", { query: "mark=c" }),
    ]);
    assert.deepEqual(
      answers.map((answer) => answer.json()),
      [
        { variable: "one", written: "a", helper: "one" },
        { variable: "two", written: "b", helper: "two" },
        { variable: "one", written: "c", helper: "one" },
      ],
    );
    assert.equal(process.env.WRITTEN, undefined, "a function's write stays in its invocation");
  });
});
