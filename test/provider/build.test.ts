import * as assert from "node:assert/strict";
import { deleteBuild, fetchBuild } from "../../provider/client/api/builds";
import { createDeployment } from "../../provider/client/api/deployments";
import { buildOperations as ops } from "../../provider/resources/build";
import { UNKNOWN } from "../../provider/resources/common";
import { useStage } from "./fixtures";
import { checkFailures, create, diff, read, useEmulator } from "./helpers";

describe("Build resource", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);

  it("check names the field and the fix", async () => {
    const sid = `ZN${"a".repeat(32)}`;
    const failures = await checkFailures(ops, {
      serviceSid: stage.serviceSid,
      functionVersions: [sid, "ZH123"],
      runtime: "node16",
      timeoutSeconds: 0,
      dependencies: { "Bad Name": "1.0.0", ok: "" },
    });
    assert.match(failures["functionVersions"], /functionVersions\[1\] must be a Function or Asset Version sid/);
    assert.match(failures.runtime, /runtime must be one of "node20", "node22", "node24", got "node16"/);
    assert.match(failures.timeoutSeconds, /timeoutSeconds must be a number from 1 to 3600/);
    assert.match(failures.dependencies, /"Bad Name" is not a valid npm package name|"ok" needs a version string/);
    assert.match(
      (await checkFailures(ops, { serviceSid: stage.serviceSid, functionVersions: [] })).functionVersions,
      /at least one Function or Asset Version/,
    );
    assert.match(
      (await checkFailures(ops, { serviceSid: stage.serviceSid })).functionVersions,
      /at least one Function or Asset Version/,
    );
    assert.deepEqual(
      await checkFailures(ops, { serviceSid: UNKNOWN, functionVersions: UNKNOWN, assetVersions: [UNKNOWN] }),
      {},
    );
  });

  it("creates a completed build, ignores Twilio's default dependencies and version order, reads, deletes (twice)", async () => {
    const f1 = await stage.functionVersion();
    const f2 = await stage.functionVersion();
    const a1 = await stage.assetVersion();
    const inputs = {
      serviceSid: stage.serviceSid,
      functionVersions: [f1, f2],
      assetVersions: [a1],
      dependencies: { axios: "1.7.2" },
    };
    const build = await create(ops, inputs);
    assert.match(build.id, /^ZB[0-9a-f]{32}$/);
    assert.equal(build.outs.status, "completed");
    assert.equal(build.outs.runtime, "node22");
    assert.deepEqual(build.outs.dependencies, { axios: "1.7.2" }, "Twilio's defaults are not outputs");
    const remote = await fetchBuild(emulator.outOfBand, stage.serviceSid, build.id);
    assert.ok(
      (remote.dependencies ?? []).some((dep) => dep.name === "twilio"),
      "the emulator did add its defaults",
    );

    assert.equal((await diff(ops, build, inputs)).diff.changes, false);
    assert.equal(
      (await diff(ops, build, { ...inputs, functionVersions: [f2, f1] })).diff.changes,
      false,
      "order does not matter",
    );
    assert.equal(
      (await diff(ops, build, { ...inputs, timeoutSeconds: 30 })).diff.changes,
      false,
      "timeoutSeconds is not Twilio's",
    );

    const refreshed = await read(ops, build);
    assert.deepEqual(refreshed.outs.functionVersions, [f1, f2]);
    assert.deepEqual(refreshed.outs.dependencies, { axios: "1.7.2" });
    assert.equal((await diff(ops, refreshed, inputs)).diff.changes, false, "no perpetual diff after refresh");

    await ops.delete(build.id, build.outs);
    await assert.rejects(fetchBuild(emulator.outOfBand, stage.serviceSid, build.id), /404/);
    await ops.delete(build.id, build.outs);
  });

  it("keeps a default dependency the user declared", async () => {
    const inputs = {
      serviceSid: stage.serviceSid,
      functionVersions: [await stage.functionVersion()],
      dependencies: { twilio: "5.0.0" },
    };
    const build = await create(ops, inputs);
    assert.deepEqual((await read(ops, build)).outs.dependencies, { twilio: "5.0.0" });
    const dropped = await diff(ops, build, { ...inputs, dependencies: {} });
    assert.deepEqual(dropped.diff.replaces, ["dependencies"]);
    await ops.delete(build.id, build.outs);
  });

  it("replaces, create-before-delete, on any change", async () => {
    const f1 = await stage.functionVersion();
    const inputs = { serviceSid: stage.serviceSid, functionVersions: [f1] };
    const build = await create(ops, inputs);
    const other = await stage.functionVersion();
    const cases: [object, string[]][] = [
      [{ functionVersions: [f1, other] }, ["functionVersions"]],
      [{ assetVersions: [await stage.assetVersion()] }, ["assetVersions"]],
      [{ dependencies: { axios: "1.7.2" } }, ["dependencies"]],
      [{ runtime: "node20" }, ["runtime"]],
      [{ serviceSid: `ZS${"3".repeat(32)}` }, ["serviceSid"]],
      [{ functionVersions: UNKNOWN }, ["functionVersions"]],
    ];
    for (const [change, replaces] of cases) {
      const result = await diff(ops, build, { ...inputs, ...change });
      assert.deepEqual(result.diff.replaces, replaces, JSON.stringify(change));
      assert.equal(result.diff.deleteBeforeReplace, false);
    }
    await ops.delete(build.id, build.outs);
  });

  it("fails with the build sid when Twilio's build fails, and leaves nothing behind", async () => {
    const broken = await stage.functionVersion("this is not javascript (");
    const error = await create(ops, { serviceSid: stage.serviceSid, functionVersions: [broken] }).catch(
      (e: unknown) => e as Error,
    );
    assert.ok(error instanceof Error);
    assert.match(error.message, /^Build ZB[0-9a-f]{32} of Service ZS[0-9a-f]{32} failed: /);
    const sid = /Build (ZB[0-9a-f]{32})/.exec(error.message)![1];
    await assert.rejects(fetchBuild(emulator.outOfBand, stage.serviceSid, sid), /404/);
  });

  it("delete leaves a Build an environment still runs, asking the Environments first, and forgets it", async () => {
    const build = await stage.build();
    await createDeployment(emulator.outOfBand, stage.serviceSid, stage.environmentSid, build.id);
    const deletes = async () => (await emulator.calls())["DELETE /v1/Services/{ServiceSid}/Builds/{Sid}"] ?? 0;
    const before = await deletes();
    await ops.delete(build.id, build.outs);
    assert.equal((await fetchBuild(emulator.outOfBand, stage.serviceSid, build.id)).sid, build.id);
    assert.equal(await deletes(), before, "no DELETE that Twilio would refuse");
  });

  it("reads a Build deleted elsewhere as gone", async () => {
    const build = await stage.build();
    await deleteBuild(emulator.outOfBand, stage.serviceSid, build.id);
    assert.equal((await ops.read(build.id, build.outs)).id, "");
  });

  describe("when Twilio is slow", () => {
    const slowEmulator = useEmulator({ buildDelayMs: 10_000 });
    const slowStage = useStage(slowEmulator);

    it("gives up after timeoutSeconds, naming the build, and removes it", async () => {
      const version = await slowStage.functionVersion();
      const error = await create(ops, {
        serviceSid: slowStage.serviceSid,
        functionVersions: [version],
        timeoutSeconds: 1,
      }).then(
        () => undefined,
        (e: unknown) => e as Error,
      );
      assert.match(
        String(error),
        /Build (ZB[0-9a-f]{32}) of Service ZS[0-9a-f]{32} was still 'building' after 1 s; raise timeoutSeconds/,
      );
      const sid = /Build (ZB[0-9a-f]{32})/.exec(String(error))![1];
      await assert.rejects(fetchBuild(slowEmulator.outOfBand, slowStage.serviceSid, sid), /404/);
    });
  });
});
