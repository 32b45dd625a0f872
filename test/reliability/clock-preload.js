/**
 * Test tooling, loaded into the Pulumi program and provider processes with
 * NODE_OPTIONS=--require: moves their Date.now() forward by E2E_CLOCK_OFFSET_MS, so the provider
 * sees the days the tests moved the emulator's clock by (Twilio's dates come from that clock).
 * The product has no clock hook of its own; it reads Date.now(), as it does against Twilio.
 */
"use strict";
const offset = Number(process.env.E2E_CLOCK_OFFSET_MS || 0);
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + offset;
}
