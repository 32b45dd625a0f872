import * as assert from "node:assert/strict";
import { deleteService, fetchService } from "../../provider/client/api/services";
import { serviceReferenceOperations as ops } from "../../provider/resources/service-reference";
import { serviceOperations } from "../../provider/resources/service";
import { checkFailures, create, read, uniqueName, useEmulator } from "./helpers";

describe("ServiceReference resource (a Service another stack owns)", () => {
  const emulator = useEmulator();

  it("finds the Service by unique name, whatever its case, and never deletes it", async () => {
    const name = uniqueName("shared");
    const owner = await create(serviceOperations, { uniqueName: name });
    const reference = await create(ops, { uniqueName: name.toUpperCase() });
    assert.equal(reference.id, owner.id);
    assert.equal(reference.outs.domainBase, owner.outs.domainBase);
    assert.equal((await read(ops, reference)).outs.sid, owner.id);

    await ops.delete(reference.id, reference.outs);
    assert.equal((await fetchService(emulator.outOfBand, owner.id)).sid, owner.id, "still there");

    await deleteService(emulator.outOfBand, owner.id);
    assert.equal((await ops.read(reference.id, reference.outs)).id, "", "gone when the owner deletes it");
  });

  it("says which stack must run first when the Service does not exist, and checks the name", async () => {
    await assert.rejects(
      create(ops, { uniqueName: uniqueName("missing") }),
      /has no Service of this uniqueName.*`ownsService: false`.*run `pulumi up` on the owning stack first/,
    );
    assert.match(
      (await checkFailures(ops, { uniqueName: "has space" })).uniqueName,
      /use only letters, digits and "-"/,
    );
  });
});
