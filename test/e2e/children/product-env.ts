/**
 * Not a suite of `npm test` (no `.test.ts`): foreign-environment.test.ts runs it as a child mocha
 * under the repository's .mocharc.json, in a shell full of foreign TWILIO_* values. Unlike the
 * suites, it cleans nothing itself: it sets what a test sets (the emulator's URL and test pair)
 * and lets the provider read everything else from process.env, as the product does. So it passes
 * only while test/hermetic.ts (the root hook) removes the shell's variables before any test.
 */
import * as assert from "node:assert/strict";
import { startEmulator, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../../emulator/index";
import { closeClient, getClient } from "../../../provider/client";
import { listServices } from "../../../provider/client/api/services";

describe("a test that takes process.env as mocha gives it", () => {
  it("the provider, configured from process.env as in a deployment, lists the emulator's Services", async () => {
    const emulator = await startEmulator();
    Object.assign(process.env, {
      TWILIO_SERVERLESS_API_URL: emulator.url,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    });
    try {
      // Any API key, region, edge or client setting left in process.env would change this call.
      assert.deepEqual(await listServices(getClient()), []);
    } finally {
      await closeClient();
      await emulator.stop();
    }
  });
});
