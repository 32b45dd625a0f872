import assert from "node:assert/strict";
import { call, environment, fn } from "./fixtures.test";

const REQUEST_SID = /^RQ[0-9a-f]{32}$/;

describe("runtime: function logs", () => {
  it("turns console calls into logs with their level, the function sid and a request sid", async () => {
    const source = `exports.handler = (context, event, callback) => {
      console.log('plain', 1, { a: 1 });
      console.info('info');
      console.warn('careful');
      console.error('broken');
      callback(null, 'ok');
    };`;
    const file = fn("/talk", source);
    const res = await call(environment([file]), "/talk");
    assert.deepEqual(
      res.logs.map(({ level, message }) => [level, message]),
      [
        ["info", "plain 1 { a: 1 }"],
        ["info", "info"],
        ["warn", "careful"],
        ["error", "broken"],
      ],
    );
    for (const log of res.logs) {
      assert.equal(log.functionSid, file.sid);
      assert.match(log.requestSid, REQUEST_SID);
    }
    assert.equal(new Set(res.logs.map((log) => log.requestSid)).size, 1);
  });

  it("gives each invocation its own request sid", async () => {
    const env = environment([fn("/one", "exports.handler = (c, e, cb) => { console.log('x'); cb(null, ''); }")]);
    const [first, second] = [await call(env, "/one"), await call(env, "/one")];
    assert.notEqual(first.logs[0].requestSid, second.logs[0].requestSid);
  });

  it("attributes logs of concurrent invocations, across awaits, to the right request", async () => {
    const source = `exports.handler = async (context, event, callback) => {
      console.log('start ' + event.n);
      await new Promise((resolve) => setTimeout(resolve, Number(event.delay)));
      console.log('end ' + event.n);
      callback(null, 'done');
    };`;
    const env = environment([fn("/slow", source)]);
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => call(env, "/slow", { query: `n=${n}&delay=${(5 - n) * 5}` })),
    );
    const sids = new Set<string>();
    results.forEach((res, index) => {
      const n = index + 1;
      assert.deepEqual(
        res.logs.map((log) => log.message),
        [`start ${n}`, `end ${n}`],
      );
      assert.equal(res.logs[0].requestSid, res.logs[1].requestSid);
      sids.add(res.logs[0].requestSid);
    });
    assert.equal(sids.size, 4);
  });

  it("attributes logs of a private module a function requires to the calling function", async () => {
    const helper = "exports.note = (text) => console.warn('helper: ' + text);";
    const main = `exports.handler = (c, e, cb) => { require(Runtime.getFunctions()['helper'].path).note('hi'); cb(null, ''); };`;
    const mainFile = fn("/main", main);
    const res = await call(environment([mainFile, fn("/helper", helper, "private")]), "/main");
    assert.deepEqual(
      res.logs.map(({ level, message, functionSid }) => [level, message, functionSid]),
      [["warn", "helper: hi", mainFile.sid]],
    );
  });
});
