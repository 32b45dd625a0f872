import * as assert from "node:assert/strict";
import { fetchService, updateService, deleteService } from "../../provider/client/api/services";
import { serviceOperations as ops } from "../../provider/resources/service";
import { UNKNOWN } from "../../provider/resources/common";
import { checkFailures, create, diff, read, uniqueName, update, useEmulator } from "./helpers";

describe("Service resource", () => {
  const emulator = useEmulator();

  describe("check", () => {
    it("names the field and the fix for bad input", async () => {
      const failures = await checkFailures(ops, {
        uniqueName: "has space",
        includeCredentials: "yes",
        friendlyName: "x".repeat(256),
      });
      assert.match(failures.uniqueName, /uniqueName "has space" is not valid: use only letters, digits and "-"/);
      assert.match(failures.includeCredentials, /includeCredentials must be true or false/);
      assert.match(failures.friendlyName, /friendlyName is 256 characters; Twilio allows at most 255/);
      assert.match((await checkFailures(ops, { uniqueName: "a".repeat(51) })).uniqueName, /at most 50/);
      assert.match((await checkFailures(ops, {})).uniqueName, /uniqueName is required/);
    });

    it("lets unknown values through during preview and fills defaults", async () => {
      const result = await ops.check({}, { uniqueName: UNKNOWN });
      assert.deepEqual(result.failures, []);
      assert.equal(result.inputs?.includeCredentials, true);
      assert.equal(result.inputs?.uiEditable, false);
    });
  });

  it("creates, diffs without change, updates, refreshes drift, and deletes (twice)", async () => {
    const name = uniqueName("svc");
    const service = await create(ops, { uniqueName: name, friendlyName: "First" });
    assert.match(service.id, /^ZS[0-9a-f]{32}$/);
    assert.equal(service.outs.sid, service.id);
    assert.match(service.outs.domainBase, new RegExp(`^${name}-\\d{4}$`));
    assert.equal(service.outs.includeCredentials, true);

    const same = await diff(ops, service, { uniqueName: name, friendlyName: "First" });
    assert.equal(same.diff.changes, false);

    const renamed = await update(ops, service, {
      uniqueName: name,
      friendlyName: "Second",
      includeCredentials: false,
      uiEditable: true,
    });
    assert.equal(renamed.outs.friendlyName, "Second");
    const remote = await fetchService(emulator.outOfBand, service.id);
    assert.deepEqual([remote.friendly_name, remote.include_credentials, remote.ui_editable], ["Second", false, true]);

    // Renamed in the console: refresh shows it, and the diff wants it back.
    await updateService(emulator.outOfBand, service.id, {
      friendlyName: "Console",
      includeCredentials: false,
      uiEditable: true,
    });
    const refreshed = await read(ops, renamed);
    assert.equal(refreshed.outs.friendlyName, "Console");
    const drift = await diff(ops, refreshed, {
      uniqueName: name,
      friendlyName: "Second",
      includeCredentials: false,
      uiEditable: true,
    });
    assert.equal(drift.diff.changes, true);
    assert.deepEqual(drift.diff.replaces, []);

    await ops.delete(service.id, refreshed.outs);
    assert.deepEqual(await ops.read(service.id, refreshed.outs), { id: "" });
    await ops.delete(service.id, refreshed.outs);
  });

  it("replaces on a new uniqueName", async () => {
    const name = uniqueName("svc");
    const service = await create(ops, { uniqueName: name });
    const result = await diff(ops, service, { uniqueName: `${name}-b` });
    assert.deepEqual(result.diff.replaces, ["uniqueName"]);
    await ops.delete(service.id, service.outs);
  });

  it("refuses an existing uniqueName unless adopt is set, then takes it over", async () => {
    const name = uniqueName("svc");
    const original = await create(ops, { uniqueName: name, friendlyName: "Original" });
    await assert.rejects(create(ops, { uniqueName: name }), /already exists \(ZS[0-9a-f]{32}\)\. .*set `adopt: true`/);
    const adopted = await create(ops, { uniqueName: name, friendlyName: "Adopted", adopt: true });
    assert.equal(adopted.id, original.id);
    assert.equal((await fetchService(emulator.outOfBand, original.id)).friendly_name, "Adopted");
    await ops.delete(adopted.id, adopted.outs);
  });

  it("reads a Service deleted elsewhere as gone", async () => {
    const service = await create(ops, { uniqueName: uniqueName("svc") });
    await deleteService(emulator.outOfBand, service.id);
    assert.equal((await ops.read(service.id, service.outs)).id, "");
    await ops.delete(service.id, service.outs);
  });
});
