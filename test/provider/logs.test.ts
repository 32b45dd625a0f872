/**
 * readLogs / tailLogs against the emulator: two deployed functions that log at every level
 * when called; paging, windows, the level and function filters, paths, and a tail that yields
 * a line logged after it started exactly once.
 */
import * as assert from "node:assert/strict";
import { readLogs, tailLogs, type LogEntry, LogsInputError } from "../../provider/logs/read-logs";
import { buildOperations } from "../../provider/resources/build";
import { deploymentOperations } from "../../provider/resources/deployment";
import { useStage } from "./fixtures";
import { create, useEmulator } from "./helpers";

const LOGS_LIST = "GET /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Logs";

describe("logs library (readLogs, tailLogs)", function () {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  let chattyPath: string;
  let quietPath: string;

  const call = async (path: string, query = "") => {
    const response = await fetch(`${emulator.url}/_domains/${stage.domainName}${path}${query}`);
    assert.equal(response.status, 200, await response.text());
  };
  const target = () => ({ serviceSid: stage.serviceSid, environmentSid: stage.environmentSid });
  const messages = (entries: LogEntry[]) => entries.map((entry) => entry.message);

  before(async () => {
    const chatty = await stage.functionVersion(
      "console.log('said ' + event.n); console.warn('warned ' + event.n); console.error('failed ' + event.n); callback(null, 'ok')",
    );
    const quiet = await stage.functionVersion("console.log('quiet ' + event.n); callback(null, 'ok')");
    const build = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [chatty, quiet] });
    await create(deploymentOperations, {
      serviceSid: stage.serviceSid,
      environmentSid: stage.environmentSid,
      buildSid: build.id,
    });
    const built = await emulator.outOfBand.request<{ function_versions: { sid: string; path: string }[] }>({
      method: "GET",
      path: `/v1/Services/${stage.serviceSid}/Builds/${build.id}`,
      operation: "reading the build",
    });
    chattyPath = built.function_versions.find((v) => v.sid === chatty)!.path;
    quietPath = built.function_versions.find((v) => v.sid === quiet)!.path;
    await call(chattyPath, "?n=1");
    await call(quietPath, "?n=1");
  });

  it("reads every line of the window, oldest first, with level and function path", async () => {
    const entries = await readLogs(target());
    assert.deepEqual(messages(entries), ["said 1", "warned 1", "failed 1", "quiet 1"]);
    assert.deepEqual(
      entries.map((e) => e.level),
      ["info", "warn", "error", "info"],
    );
    assert.deepEqual(
      entries.map((e) => e.functionPath),
      [chattyPath, chattyPath, chattyPath, quietPath],
    );
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1].time <= entries[i].time);
  });

  it("follows more than one page", async () => {
    const before = (await emulator.calls())[LOGS_LIST] ?? 0;
    const entries = await readLogs({ ...target(), pageSize: 1 });
    assert.deepEqual(messages(entries), ["said 1", "warned 1", "failed 1", "quiet 1"]);
    const pages = ((await emulator.calls())[LOGS_LIST] ?? 0) - before;
    assert.ok(pages >= 4, `4 lines at 1 per page took ${pages} request(s)`);
  });

  it("keeps lines at or above the minimum level", async () => {
    assert.deepEqual(messages(await readLogs({ ...target(), level: "warn" })), ["warned 1", "failed 1"]);
    assert.deepEqual(messages(await readLogs({ ...target(), level: "error" })), ["failed 1"]);
  });

  it("filters by function path, and names the deployed paths when the path is unknown", async () => {
    assert.deepEqual(messages(await readLogs({ ...target(), functionPath: quietPath })), ["quiet 1"]);
    await assert.rejects(readLogs({ ...target(), functionPath: "/nowhere" }), (error: Error) => {
      assert.ok(error instanceof LogsInputError);
      assert.match(error.message, /no function is served at "\/nowhere" in Environment dev/);
      assert.ok(error.message.includes(chattyPath) && error.message.includes(quietPath), error.message);
      return true;
    });
  });

  it("reads since and until a time", async () => {
    const first = (await readLogs(target())).at(-1)!;
    // Twilio's Logs carry their own times: wait for the clock to pass the first lines' second.
    while (Math.floor(Date.now() / 1000) * 1000 <= first.time.getTime())
      await new Promise((resolve) => setTimeout(resolve, 50));
    await call(quietPath, "?n=2");
    const all = await readLogs(target());
    const second = all.find((entry) => entry.message === "quiet 2")!;
    assert.ok(second.time > first.time);
    assert.deepEqual(messages(await readLogs({ ...target(), since: second.time })), ["quiet 2"]);
    assert.deepEqual(messages(await readLogs({ ...target(), until: first.time })), [
      "said 1",
      "warned 1",
      "failed 1",
      "quiet 1",
    ]);
    assert.deepEqual(messages(await readLogs({ ...target(), since: new Date(second.time.getTime() + 1000) })), []);
  });

  it("tails: the window first, then a line logged later exactly once", async () => {
    const stop = new AbortController();
    const seen: LogEntry[] = [];
    const iterator = tailLogs({ ...target(), functionPath: quietPath, pollIntervalMs: 20, signal: stop.signal });
    const consumed = (async () => {
      for await (const entry of iterator) seen.push(entry);
    })();
    const polls = async () => (await emulator.calls())[LOGS_LIST] ?? 0;
    const waitFor = async (condition: () => boolean | Promise<boolean>) => {
      while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await waitFor(() => seen.length >= 2);
    assert.deepEqual(messages(seen), ["quiet 1", "quiet 2"]);
    await call(quietPath, "?n=3");
    await waitFor(() => seen.some((entry) => entry.message === "quiet 3"));
    // Several more polls, all of which see "quiet 3" again in their window.
    const after = await polls();
    await waitFor(async () => (await polls()) >= after + 5);
    stop.abort();
    await consumed;
    assert.deepEqual(messages(seen), ["quiet 1", "quiet 2", "quiet 3"]);
    assert.equal(seen[2].functionPath, quietPath);
  });
});
