import { strict as assert } from "node:assert";
import { Clock } from "./clock";

describe("emulator Clock", () => {
  it("is not moved by a stubbed Date.now (the provider's clock in the same process); advance moves it", () => {
    const clock = new Clock();
    const realNow = Date.now;
    const week = 7 * 24 * 60 * 60 * 1000;
    Date.now = () => realNow() + week;
    let during: number;
    try {
      during = clock.nowMs();
    } finally {
      Date.now = realNow;
    }
    assert.ok(Math.abs(during - Date.now()) < 60_000, `the emulator's time stayed: ${new Date(during).toISOString()}`);
    clock.advance(week);
    assert.ok(Math.abs(clock.nowMs() - (Date.now() + week)) < 60_000);
  });
});
