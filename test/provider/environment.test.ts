import * as assert from "node:assert/strict";
import { createDeployment } from "../../provider/client/api/deployments";
import { deleteEnvironment, fetchEnvironment } from "../../provider/client/api/environments";
import { UNKNOWN } from "../../provider/resources/common";
import { buildOperations } from "../../provider/resources/build";
import { deploymentOperations } from "../../provider/resources/deployment";
import { environmentOperations as ops } from "../../provider/resources/environment";
import { functionOperations } from "../../provider/resources/function";
import { serviceOperations } from "../../provider/resources/service";
import { checkFailures, create, diff, read, uniqueName, useEmulator, type Created } from "./helpers";
import type { ServiceOutputs } from "../../provider/resources/service";

describe("Environment resource", () => {
  const emulator = useEmulator();
  let service: Created<ServiceOutputs>;
  let serviceSid: string;

  before(async () => {
    service = await create(serviceOperations, { uniqueName: uniqueName("envsvc") });
    serviceSid = service.id;
    emulator.atEnd(() => serviceOperations.delete(service.id, service.outs));
  });

  it("check names the field and the fix", async () => {
    const failures = await checkFailures(ops, {
      serviceSid: "ZE123",
      uniqueName: "-dev",
      domainSuffix: "waytoolongsuffix-x",
      adopt: 1,
    });
    assert.match(failures.serviceSid, /serviceSid must be a Service sid: "ZS" followed by 32 hex digits, got "ZE123"/);
    assert.match(failures.uniqueName, /uniqueName "-dev" is not valid: start with a letter or digit/);
    assert.match(failures.domainSuffix, /domainSuffix is 18 characters; Twilio allows at most 16/);
    assert.match(failures.adopt, /adopt must be true or false/);
    assert.match(
      (await checkFailures(ops, { serviceSid, uniqueName: "dev", domainSuffix: "a_b" })).domainSuffix,
      /use only letters, digits and "-"/,
    );
    assert.deepEqual(await checkFailures(ops, { serviceSid: UNKNOWN, uniqueName: "dev", domainSuffix: UNKNOWN }), {});
  });

  it("creates with domain and url, diffs without change, reads its build, deletes (twice)", async () => {
    const environment = await create(ops, { serviceSid, uniqueName: "dev", domainSuffix: "dev" });
    assert.match(environment.id, /^ZE[0-9a-f]{32}$/);
    assert.equal(environment.outs.domainName, `${service.outs.domainBase}-dev.twil.io`);
    assert.equal(environment.outs.url, `https://${service.outs.domainBase}-dev.twil.io`);
    assert.equal(environment.outs.buildSid, "");

    assert.equal(
      (await diff(ops, environment, { serviceSid, uniqueName: "dev", domainSuffix: "dev" })).diff.changes,
      false,
    );
    const refreshed = await read(ops, environment);
    assert.equal(
      (await diff(ops, refreshed, { serviceSid, uniqueName: "dev", domainSuffix: "dev" })).diff.changes,
      false,
    );

    await ops.delete(environment.id, environment.outs);
    await assert.rejects(fetchEnvironment(emulator.outOfBand, serviceSid, environment.id), /404/);
    await ops.delete(environment.id, environment.outs);
  });

  it("replaces on every input; deletes first when the new one would clash", async () => {
    const environment = await create(ops, { serviceSid, uniqueName: "stage", domainSuffix: "stage" });
    const suffix = await diff(ops, environment, { serviceSid, uniqueName: "stage", domainSuffix: "stg" });
    assert.deepEqual(suffix.diff.replaces, ["domainSuffix"]);
    assert.equal(suffix.diff.deleteBeforeReplace, true, "same uniqueName in the same Service");

    const renamed = await diff(ops, environment, { serviceSid, uniqueName: "staging", domainSuffix: "staging" });
    assert.deepEqual(renamed.diff.replaces, ["uniqueName", "domainSuffix"]);
    assert.equal(renamed.diff.deleteBeforeReplace, false);

    const moved = await diff(ops, environment, {
      serviceSid: `ZS${"1".repeat(32)}`,
      uniqueName: "stage",
      domainSuffix: "stage",
    });
    assert.deepEqual(moved.diff.replaces, ["serviceSid"]);
    assert.equal(moved.diff.deleteBeforeReplace, false, "another Service: no clash");

    const preview = await diff(ops, environment, { serviceSid: UNKNOWN, uniqueName: "stage", domainSuffix: "stage" });
    assert.deepEqual(preview.diff.replaces, ["serviceSid"]);
    await ops.delete(environment.id, environment.outs);
  });

  it("refuses an existing uniqueName unless adopt is set", async () => {
    const original = await create(ops, { serviceSid, uniqueName: "prod" });
    await assert.rejects(
      create(ops, { serviceSid, uniqueName: "prod" }),
      /Environment 'prod' of Service ZS.*already exists.*set `adopt: true`/,
    );
    await assert.rejects(
      create(ops, { serviceSid, uniqueName: "prod", domainSuffix: "p", adopt: true }),
      /has domainSuffix "", not "p"/,
    );
    const adopted = await create(ops, { serviceSid, uniqueName: "prod", adopt: true });
    assert.equal(adopted.id, original.id);
    assert.equal(adopted.outs.domainName, original.outs.domainName);
    await ops.delete(adopted.id, adopted.outs);
  });

  it("a refresh after deployments reads the outputs it stored (what runs now is the Deployment's to show)", async () => {
    const environment = await create(ops, { serviceSid, uniqueName: "deployed", domainSuffix: "deployed" });
    emulator.atEnd(() => ops.delete(environment.id, environment.outs));
    const fn = await create(functionOperations, {
      serviceSid,
      friendlyName: "/refreshed",
      path: "/refreshed",
      content: "exports.handler = (context, event, callback) => callback(null, 'ok');",
    });
    const build = async () => create(buildOperations, { serviceSid, functionVersions: [fn.outs.latestVersionSid] });
    const ours = await build();
    await create(deploymentOperations, { serviceSid, environmentSid: environment.id, buildSid: ours.id });
    assert.deepEqual((await read(ops, environment)).outs, environment.outs, "deployed by the stack");
    const theirs = await build();
    await createDeployment(emulator.outOfBand, serviceSid, environment.id, theirs.id);
    assert.deepEqual((await read(ops, environment)).outs, environment.outs, "deployed elsewhere");
  });

  it("reads an Environment deleted elsewhere as gone", async () => {
    const environment = await create(ops, { serviceSid, uniqueName: "gone" });
    await deleteEnvironment(emulator.outOfBand, serviceSid, environment.id);
    assert.equal((await ops.read(environment.id, environment.outs)).id, "");
    await ops.delete(environment.id, environment.outs);
  });
});
