/**
 * The per-run lists (client/api/run-lists.ts): one listing serves a provider run's overlapping
 * calls, and a process that served one operation does not hand its listings to the next.
 */
import * as assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { configureFromStack, resetStackConfig } from "../../provider/client";
import { createFile } from "../../provider/client/api/files";
import { RUN_IDLE_MS, buildsOfRun, filesOfRun } from "../../provider/client/api/run-lists";
import { serviceOperations } from "../../provider/resources/service";
import { create, uniqueName, useEmulator } from "./helpers";

describe("Per-run lists", () => {
  const emulator = useEmulator();
  let serviceSid: string;

  before(async () => {
    const service = await create(serviceOperations, { uniqueName: uniqueName("runlists") });
    serviceSid = service.id;
    emulator.atEnd(() => serviceOperations.delete(service.id, service.outs));
  });

  afterEach(() => resetStackConfig());

  const names = async () => (await filesOfRun("function", serviceSid)).map((file) => file.friendly_name).sort();

  it("are listed once while an operation's calls go on, and again once the process has been idle", async () => {
    configureFromStack({ get: () => undefined }, true);
    const before = await emulator.calls();
    assert.deepEqual(await names(), []);
    await buildsOfRun(serviceSid);
    await createFile(emulator.outOfBand, "function", serviceSid, "/made-during-the-run");
    assert.deepEqual(await names(), [], "the run's listing, as it first saw the Service");
    await buildsOfRun(serviceSid);
    const after = await emulator.calls();
    assert.equal(
      after["GET /v1/Services/{ServiceSid}/Functions"] - (before["GET /v1/Services/{ServiceSid}/Functions"] ?? 0),
      1,
    );
    assert.equal(
      after["GET /v1/Services/{ServiceSid}/Builds"] - (before["GET /v1/Services/{ServiceSid}/Builds"] ?? 0),
      1,
    );

    // The next operation in the same process (as a long-lived `pulumi watch` host would be).
    await sleep(RUN_IDLE_MS + 200);
    assert.deepEqual(await names(), ["/made-during-the-run"]);
  });
});
