import * as assert from "node:assert/strict";
import { deleteVariable, fetchVariable, updateVariable } from "../../provider/client/api/variables";
import { UNKNOWN } from "../../provider/resources/common";
import { environmentOperations } from "../../provider/resources/environment";
import { variableOperations as ops } from "../../provider/resources/variable";
import { useStage } from "./fixtures";
import { checkFailures, create, diff, read, update, useEmulator } from "./helpers";
import { emulatorStats, resetEmulatorStats, writeRequestsIn } from "./write-requests";

describe("Variable resource", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const inputs = (key: string, value: string) => ({
    serviceSid: stage.serviceSid,
    environmentSid: stage.environmentSid,
    key,
    value,
  });

  it("check names the field and the fix, without echoing the value", async () => {
    const secret = "s".repeat(451);
    const failures = await checkFailures(ops, inputs("BAD KEY", secret));
    assert.match(failures.key, /key "BAD KEY" is not valid: use only letters, digits, "_", "." and "-"/);
    assert.match(failures.value, /value is 451 bytes; Twilio allows at most 450/);
    assert.ok(!failures.value.includes(secret));
    assert.match(
      (await checkFailures(ops, inputs("K".repeat(129), "v"))).key,
      /129 characters; Twilio allows at most 128/,
    );
    assert.match((await checkFailures(ops, inputs("EMPTY", ""))).value, /must not be empty/);
    assert.match(
      (await checkFailures(ops, { ...inputs("K", "v"), environmentSid: "dev" })).environmentSid,
      /Environment sid/,
    );
    assert.deepEqual(await checkFailures(ops, { ...inputs("K", UNKNOWN), environmentSid: UNKNOWN }), {});
  });

  it("creates, diffs without change, updates key and value, refreshes drift, deletes (twice)", async () => {
    const variable = await create(ops, inputs("GREETING", "hello"));
    assert.match(variable.id, /^ZV[0-9a-f]{32}$/);
    assert.equal(variable.outs.value, "hello");
    assert.equal((await diff(ops, variable, inputs("GREETING", "hello"))).diff.changes, false);

    const revalued = await update(ops, variable, inputs("GREETING", "bonjour"));
    assert.equal(
      (await fetchVariable(emulator.outOfBand, stage.serviceSid, stage.environmentSid, variable.id)).value,
      "bonjour",
    );
    const rekeyed = await update(ops, revalued, inputs("SALUTATION", "bonjour"));
    assert.equal(rekeyed.id, variable.id);
    assert.equal(
      (await fetchVariable(emulator.outOfBand, stage.serviceSid, stage.environmentSid, variable.id)).key,
      "SALUTATION",
    );

    await updateVariable(
      emulator.outOfBand,
      stage.serviceSid,
      stage.environmentSid,
      variable.id,
      "SALUTATION",
      "changed in console",
    );
    const refreshed = await read(ops, rekeyed);
    assert.equal(refreshed.outs.value, "changed in console");
    const drift = await diff(ops, refreshed, inputs("SALUTATION", "bonjour"));
    assert.deepEqual([drift.diff.changes, drift.diff.replaces], [true, []]);

    await ops.delete(variable.id, refreshed.outs);
    await assert.rejects(fetchVariable(emulator.outOfBand, stage.serviceSid, stage.environmentSid, variable.id), /404/);
    await ops.delete(variable.id, refreshed.outs);
  });

  it("replaces on another environment or service", async () => {
    const variable = await create(ops, inputs("MOVING", "x"));
    assert.deepEqual(
      (await diff(ops, variable, { ...inputs("MOVING", "x"), environmentSid: `ZE${"5".repeat(32)}` })).diff.replaces,
      ["environmentSid"],
    );
    assert.deepEqual(
      (await diff(ops, variable, { ...inputs("MOVING", "x"), serviceSid: `ZS${"5".repeat(32)}` })).diff.replaces,
      ["serviceSid"],
    );
    await ops.delete(variable.id, variable.outs);
  });

  it("reads a Variable deleted elsewhere as gone", async () => {
    const variable = await create(ops, inputs("DOOMED", "x"));
    await deleteVariable(emulator.outOfBand, stage.serviceSid, stage.environmentSid, variable.id);
    assert.equal((await ops.read(variable.id, variable.outs)).id, "");
    await ops.delete(variable.id, variable.outs);
  });

  it("refuses, before writing, a Variable that would take its Environment past 3 KB (error 82006)", async () => {
    const environment = await create(environmentOperations, {
      serviceSid: stage.serviceSid,
      uniqueName: "full",
      domainSuffix: "full",
    });
    const at = (key: string, value: string) => ({ ...inputs(key, value), environmentSid: environment.id });
    // 7 pairs of a 2-character key and a 429-byte value: 7 × (2 + 429 + 6) + 1 = 3060 bytes of JSON.
    for (let i = 0; i < 7; i++) await create(ops, at(`V${i}`, "v".repeat(429)));
    await resetEmulatorStats(emulator.url);
    await assert.rejects(ops.create(at("W", "w".repeat(6))), {
      message:
        `creating Variable 'W' of Environment ${environment.id}: with it, the Environment's 8 Variables take 3073 bytes of the function context (keys and values as JSON); ` +
        "Twilio fails every invocation whose context passes 3 KB (3072 bytes, error 82006: https://www.twilio.com/docs/errors/82006). " +
        "Remove some or shorten them, or keep large data in a private asset.",
    });
    assert.deepEqual(writeRequestsIn(await emulatorStats(emulator.url)), [], "no POST reached the API");
    const fits = await create(ops, at("W", "w".repeat(5))); // exactly 3072 bytes
    await assert.rejects(
      ops.update(fits.id, fits.outs, at("W", "w".repeat(6))),
      /^Error: updating Variable 'W' .* 3073 bytes/,
    );
    assert.equal(
      (await update(ops, fits, at("W", "x".repeat(5)))).outs.value,
      "x".repeat(5),
      "a value of the same size fits",
    );
    await environmentOperations.delete(environment.id, environment.outs);
  });
});
