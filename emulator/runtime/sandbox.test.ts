import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { asset, call, environment, fn } from "./fixtures.test";
import { closeDomainRuntime } from "./index";

describe("runtime: sandboxes, Runtime and require", () => {
  it("lists every function in Runtime.getFunctions() and only private assets in getAssets()", async () => {
    const source = `exports.handler = (c, e, cb) => cb(null, {
      functions: Object.keys(Runtime.getFunctions()).sort(),
      assets: Object.keys(Runtime.getAssets()).sort(),
    });`;
    const env = environment([
      fn("/list", source),
      fn("/utils/format", "exports.x = 1", "private"),
      fn("/guarded", "exports.handler = () => {}", "protected"),
      asset("/names.json", "[]", "private"),
      asset("/style.css", "body{}"),
    ]);
    assert.deepEqual((await call(env, "/list")).json(), {
      functions: ["guarded", "list", "utils/format"],
      assets: ["/names.json"],
    });
  });

  it("lets a public function require a private one through Runtime.getFunctions()", async () => {
    const helper = `
      const counter = { calls: 0 };
      exports.shout = (text) => { counter.calls++; return text.toUpperCase() + '!'; };
      exports.counter = counter;`;
    const main = `exports.handler = (context, event, callback) => {
      const helper = require(Runtime.getFunctions()['utils/shout'].path);
      callback(null, { text: helper.shout(event.text), calls: helper.counter.calls });
    };`;
    const env = environment([fn("/main", main), fn("/utils/shout", helper, "private")]);
    const first = (await call(env, "/main", { query: "text=ahoy" })).json();
    assert.deepEqual(first, { text: "AHOY!", calls: 1 });
    // Loaded once per deployment: the module's state carries over to the next invocation.
    assert.equal((await call(env, "/main", { query: "text=again" })).json().calls, 2);
  });

  it("reads private assets through open() and their path, and requires private JS assets", async () => {
    const source = `const fs = require('fs');
    exports.handler = (context, event, callback) => {
      const asset = Runtime.getAssets()['/names.json'];
      callback(null, {
        opened: JSON.parse(asset.open()),
        read: fs.readFileSync(asset.path, 'utf8').length,
        lib: require(Runtime.getAssets()['/lib.js'].path).twice(21),
      });
    };`;
    const env = environment([
      fn("/names", source),
      asset("/names.json", '["ada","grace"]', "private"),
      asset("/lib.js", "exports.twice = (n) => n * 2;", "private"),
    ]);
    assert.deepEqual((await call(env, "/names")).json(), { opened: ["ada", "grace"], read: 15, lib: 42 });
  });

  it("says Runtime.getSync() is not emulated", async () => {
    const env = environment([fn("/sync", "exports.handler = (c, e, cb) => cb(null, String(Runtime.getSync()))")]);
    const res = await call(env, "/sync");
    assert.equal(res.status, 500);
    assert.match(res.json().message, /getSync\(\) is not emulated/);
  });

  it("resolves Node built-ins and the emulator's packages inside functions", async () => {
    const source = `const path = require('node:path'); const twilio = require('twilio');
    exports.handler = (c, e, cb) => cb(null, { joined: path.join('a', 'b'), twiml: typeof twilio.twiml.VoiceResponse });`;
    const env = environment([fn("/deps", source)]);
    assert.deepEqual((await call(env, "/deps")).json(), { joined: "a/b", twiml: "function" });
  });

  it("answers 500 naming the package when a function requires one the emulator lacks", async () => {
    const env = environment([fn("/needs", "const x = require('left-pad-not-installed'); exports.handler = () => {};")]);
    const res = await call(env, "/needs");
    assert.equal(res.status, 500);
    assert.match(res.json().message, /Cannot find module 'left-pad-not-installed' required from \/needs/);
    assert.equal(res.logs[0].level, "error");
  });

  it("answers 500 when a function exports no handler", async () => {
    const env = environment([fn("/empty", "exports.other = () => {};")]);
    const res = await call(env, "/empty");
    assert.equal(res.status, 500);
    assert.match(res.json().message, /handler/);
  });

  it("keeps two environments served at once apart: globals, Runtime maps and variables", async () => {
    const source = `exports.handler = async (context, event, callback) => {
      globalThis.seen = (globalThis.seen || 0) + 1;
      process.env.WHO = context.WHO;
      await new Promise((resolve) => setTimeout(resolve, 10));
      callback(null, {
        who: context.WHO, envWho: process.env.WHO, seen: globalThis.seen,
        functions: Object.keys(Runtime.getFunctions()).sort(),
      });
    };`;
    const red = environment([fn("/who", source), fn("/red-only", "exports.x = 1", "private")], {
      variables: { WHO: "red" },
    });
    const blue = environment([fn("/who", source)], { variables: { WHO: "blue" } });
    const [fromRed, fromBlue] = await Promise.all([call(red, "/who"), call(blue, "/who")]);
    assert.deepEqual(fromRed.json(), { who: "red", envWho: "red", seen: 1, functions: ["red-only", "who"] });
    assert.deepEqual(fromBlue.json(), { who: "blue", envWho: "blue", seen: 1, functions: ["who"] });
    assert.equal(process.env.WHO, undefined, "the emulator's own process.env is untouched");
  });

  it("keeps one sandbox per deployment, and gives a new deployment a fresh one", async () => {
    const source = "exports.handler = (c, e, cb) => cb(null, { n: (globalThis.n = (globalThis.n || 0) + 1) })";
    const env = environment([fn("/count", source)]);
    await call(env, "/count");
    // The core may describe the same deployment with new objects on every request.
    const sameDeployment = { ...env, files: env.files.map((file) => ({ ...file })) };
    assert.equal((await call(sameDeployment, "/count")).json().n, 2);
    const redeployed = { ...env, deploymentSid: env.deploymentSid.replace(/.$/, "x") };
    assert.equal((await call(redeployed, "/count")).json().n, 1);
  });

  it("removes the files of the sandboxes it closes: one environment's, then all", async () => {
    const source = "exports.handler = (c, e, cb) => cb(null, Runtime.getFunctions()['where'].path)";
    const first = environment([fn("/where", source)]);
    const second = environment([fn("/where", source)]);
    const firstPath = (await call(first, "/where")).text;
    const secondPath = (await call(second, "/where")).text;
    assert.ok(existsSync(firstPath), "functions are written to disk for require()");
    await closeDomainRuntime([first.environmentSid]);
    assert.ok(!existsSync(firstPath));
    assert.ok(existsSync(secondPath));
    await closeDomainRuntime();
    assert.ok(!existsSync(secondPath));
    assert.equal((await call(first, "/where")).status, 200, "a closed environment gets a fresh sandbox");
  });
});
