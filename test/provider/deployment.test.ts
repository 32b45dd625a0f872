import * as assert from "node:assert/strict";
import { fetchBuild } from "../../provider/client/api/builds";
import { createDeployment, listDeployments } from "../../provider/client/api/deployments";
import { deleteEnvironment, fetchEnvironment } from "../../provider/client/api/environments";
import { buildOperations } from "../../provider/resources/build";
import { UNKNOWN } from "../../provider/resources/common";
import { deploymentOperations as ops } from "../../provider/resources/deployment";
import { environmentOperations } from "../../provider/resources/environment";
import { useStage } from "./fixtures";
import { checkFailures, create, diff, read, update, useEmulator } from "./helpers";

describe("Deployment resource", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const runningBuild = async (environmentSid = stage.environmentSid) =>
    (await fetchEnvironment(emulator.outOfBand, stage.serviceSid, environmentSid)).build_sid;

  it("check names the field and the fix", async () => {
    const failures = await checkFailures(ops, {
      serviceSid: stage.serviceSid,
      environmentSid: stage.serviceSid,
      buildSid: "",
    });
    assert.match(failures.environmentSid, /environmentSid must be an? Environment sid: "ZE" followed by 32 hex digits/);
    assert.match(failures.buildSid, /buildSid must be a Build sid/);
    assert.match(
      (await checkFailures(ops, { serviceSid: stage.serviceSid })).environmentSid,
      /environmentSid is required/,
    );
    assert.deepEqual(
      await checkFailures(ops, {
        serviceSid: stage.serviceSid,
        environmentSid: stage.environmentSid,
        buildSid: UNKNOWN,
      }),
      {},
    );
  });

  it("deploys, deploys again on a new build with a stable id, refreshes, and supersedes on delete (twice)", async () => {
    const first = await stage.build();
    const inputs = { serviceSid: stage.serviceSid, environmentSid: stage.environmentSid, buildSid: first.id };
    const deployment = await create(ops, inputs);
    assert.match(deployment.id, /^ZD[0-9a-f]{32}$/);
    assert.equal(deployment.outs.deploymentSid, deployment.id);
    assert.equal(deployment.outs.environmentBuildSid, first.id);
    assert.equal(await runningBuild(), first.id);
    assert.equal((await diff(ops, deployment, inputs)).diff.changes, false);
    assert.equal((await diff(ops, await read(ops, deployment), inputs)).diff.changes, false);

    const second = await stage.build();
    const redeployed = await update(ops, deployment, { ...inputs, buildSid: second.id });
    assert.equal(redeployed.id, deployment.id, "the id stays");
    assert.notEqual(redeployed.outs.deploymentSid, deployment.outs.deploymentSid);
    assert.equal(await runningBuild(), second.id);

    // The old build is no longer active, so it can go (as after a create-before-delete replacement).
    await buildOperations.delete(first.id, first.outs);

    await ops.delete(redeployed.id, redeployed.outs);
    assert.equal(await runningBuild(), null, "superseded by a Deployment without a Build");
    const deployments = await listDeployments(emulator.outOfBand, stage.serviceSid, stage.environmentSid);
    await ops.delete(redeployed.id, redeployed.outs);
    assert.equal(
      (await listDeployments(emulator.outOfBand, stage.serviceSid, stage.environmentSid)).length,
      deployments.length,
      "nothing more to undo",
    );
    await buildOperations.delete(second.id, second.outs);
  });

  it("refresh shows another build deployed elsewhere, and the update deploys ours again", async () => {
    const ours = await stage.build();
    const theirs = await stage.build();
    const inputs = { serviceSid: stage.serviceSid, environmentSid: stage.environmentSid, buildSid: ours.id };
    const deployment = await create(ops, inputs);
    await createDeployment(emulator.outOfBand, stage.serviceSid, stage.environmentSid, theirs.id);

    const refreshed = await read(ops, deployment);
    assert.equal(refreshed.outs.buildSid, theirs.id);
    assert.equal(refreshed.outs.environmentBuildSid, theirs.id);
    const healed = await update(ops, refreshed, inputs);
    assert.equal(healed.outs.environmentBuildSid, ours.id);
    assert.equal(await runningBuild(), ours.id);

    // Destroying a Deployment whose build is no longer running leaves the environment alone.
    await createDeployment(emulator.outOfBand, stage.serviceSid, stage.environmentSid, theirs.id);
    await ops.delete(healed.id, healed.outs);
    assert.equal(await runningBuild(), theirs.id);
  });

  it("takes over when the environment already runs the build (no second Deployment)", async () => {
    const build = await stage.build();
    const existing = await createDeployment(emulator.outOfBand, stage.serviceSid, stage.environmentSid, build.id);
    const deployment = await create(ops, {
      serviceSid: stage.serviceSid,
      environmentSid: stage.environmentSid,
      buildSid: build.id,
    });
    assert.equal(deployment.id, existing.sid);
  });

  it("replaces on another environment or service, updates on build", async () => {
    const build = await stage.build();
    const inputs = { serviceSid: stage.serviceSid, environmentSid: stage.environmentSid, buildSid: build.id };
    const deployment = await create(ops, inputs);
    const elsewhere = await diff(ops, deployment, { ...inputs, environmentSid: `ZE${"4".repeat(32)}` });
    assert.deepEqual(elsewhere.diff.replaces, ["environmentSid"]);
    const otherService = await diff(ops, deployment, { ...inputs, serviceSid: `ZS${"4".repeat(32)}` });
    assert.deepEqual(otherService.diff.replaces, ["serviceSid"]);
    const preview = await diff(ops, deployment, { ...inputs, buildSid: UNKNOWN });
    assert.deepEqual([preview.diff.changes, preview.diff.replaces], [true, []]);
  });

  it("forgets a Deployment whose environment is gone", async () => {
    const environment = await create(environmentOperations, { serviceSid: stage.serviceSid, uniqueName: "doomed" });
    const build = await stage.build();
    const deployment = await create(ops, {
      serviceSid: stage.serviceSid,
      environmentSid: environment.id,
      buildSid: build.id,
    });
    await deleteEnvironment(emulator.outOfBand, stage.serviceSid, environment.id);
    assert.equal((await ops.read(deployment.id, deployment.outs)).id, "");
    await ops.delete(deployment.id, deployment.outs);
  });

  describe("deleteLeftBuilds (pinned and approved Builds, which no Build resource tracks)", () => {
    const exists = async (sid: string) =>
      fetchBuild(emulator.outOfBand, stage.serviceSid, sid).then(
        () => true,
        () => false,
      );

    it("deletes each Build it leaves unless kept or run by an Environment; a pin removed leaves nothing behind", async () => {
      const [a, b, c, own] = [await stage.build(), await stage.build(), await stage.build(), await stage.build()];
      const other = await create(environmentOperations, { serviceSid: stage.serviceSid, uniqueName: "other" });
      await createDeployment(emulator.outOfBand, stage.serviceSid, other.id, c.id);
      const base = { serviceSid: stage.serviceSid, environmentSid: stage.environmentSid, deleteLeftBuilds: true };

      const onA = await create(ops, { ...base, buildSid: a.id });
      const onB = await update(ops, onA, { ...base, buildSid: b.id, keepBuildSids: [a.id] });
      assert.equal(await runningBuild(), b.id);
      assert.equal(await exists(a.id), true, "the previous Build is kept (rollback)");

      const onC = await update(ops, onB, { ...base, buildSid: c.id, keepBuildSids: [b.id] });
      assert.equal(await exists(a.id), false, "dropped from the kept ones: deleted");
      assert.equal(await exists(b.id), true);

      // The pin removed: the environment deploys a Build a Build resource tracks.
      const onOwn = await update(ops, onC, { ...base, deleteLeftBuilds: undefined, buildSid: own.id });
      assert.equal(await runningBuild(), own.id);
      assert.equal(await exists(b.id), false, "the left pinned Build is deleted");
      assert.equal(await exists(c.id), true, "another Environment runs it: kept");

      // Without the flag (the Build resource's own Builds), nothing is deleted on leaving.
      const next = await stage.build();
      await update(ops, onOwn, { ...base, deleteLeftBuilds: undefined, buildSid: next.id });
      assert.equal(await exists(own.id), true);
      await environmentOperations.delete(other.id, other.outs);
    });

    it("a change of kept Builds alone does not deploy again; state without the inputs shows no change", async () => {
      const [a, b] = [await stage.build(), await stage.build()];
      const plain = { serviceSid: stage.serviceSid, environmentSid: stage.environmentSid, buildSid: a.id };
      const deployment = await create(ops, plain);
      assert.equal(
        (await diff(ops, deployment, { ...plain, deleteLeftBuilds: false, keepBuildSids: [] })).diff.changes,
        false,
      );
      const deploys = async () =>
        (await emulator.calls())["POST /v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Deployments"] ?? 0;
      const before = await deploys();
      const kept = await update(ops, deployment, { ...plain, deleteLeftBuilds: true, keepBuildSids: [b.id] });
      assert.equal(await deploys(), before, "no Deployment asked for");
      assert.equal(kept.outs.deploymentSid, deployment.outs.deploymentSid);
      assert.equal(await exists(b.id), true);
    });

    it("destroy deletes its Build and the kept one, leaving what an Environment runs", async () => {
      const [a, b] = [await stage.build(), await stage.build()];
      const other = await create(environmentOperations, { serviceSid: stage.serviceSid, uniqueName: "other2" });
      await createDeployment(emulator.outOfBand, stage.serviceSid, other.id, b.id);
      const deployment = await create(ops, {
        serviceSid: stage.serviceSid,
        environmentSid: stage.environmentSid,
        buildSid: a.id,
        deleteLeftBuilds: true,
        keepBuildSids: [b.id],
      });
      await ops.delete(deployment.id, deployment.outs);
      assert.equal(await runningBuild(), null);
      assert.equal(await exists(a.id), false);
      assert.equal(await exists(b.id), true, "another Environment runs it");
      await environmentOperations.delete(other.id, other.outs);
    });
  });
});
