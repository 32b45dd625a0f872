import assert from "node:assert/strict";
import { Store } from "../store/store";
import { newSid, SID_PREFIX } from "./sids";
import { Retention } from "./retention";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("retention on requests (runIfDue)", () => {
  const realNow = Date.now;
  /** The system time the store's clock sees: set before the store is made, so the clock reads it whichever Date.now it keeps. */
  let systemNow = 0;
  beforeEach(() => {
    systemNow = realNow();
    Date.now = () => systemNow;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  /** A Function with no Version: retention deletes it once it is 7 days old. */
  function emptyFunction(store: Store): string {
    const sid = newSid(SID_PREFIX.function);
    store.insert("files", {
      sid,
      accountSid: `AC${"0".repeat(32)}`,
      kind: "function",
      serviceSid: newSid(SID_PREFIX.service),
      friendlyName: "empty",
    });
    return sid;
  }

  it("keeps running after the system clock steps back behind its last run", async () => {
    const store = await Store.open();
    const retention = new Retention(store);
    const start = systemNow;
    systemNow = start + 30 * DAY_MS;
    await retention.runIfDue();
    // The clock steps back (a corrected system clock).
    systemNow = start;
    const file = emptyFunction(store);
    systemNow = start + 8 * DAY_MS;
    await retention.runIfDue();
    assert.equal(store.get("files", file), undefined, "8 days later the empty Function is gone");
  });

  it("still runs at most once a minute of clock time", async () => {
    const store = await Store.open();
    const retention = new Retention(store);
    let runs = 0;
    const run = retention.run.bind(retention);
    retention.run = () => {
      runs++;
      return run();
    };
    const start = systemNow;
    await retention.runIfDue();
    systemNow = start + 59_000;
    await retention.runIfDue();
    assert.equal(runs, 1);
    systemNow = start + 60_000;
    await retention.runIfDue();
    assert.equal(runs, 2);
  });
});
