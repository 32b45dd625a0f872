/**
 * What a killed `pulumi up` leaves behind (an object made on Twilio whose create the state never
 * recorded) is taken over by the next create, never made twice; what is not provably an orphan
 * (deployed, built, or holding another value) is left alone. Provider operations against the
 * emulator; the CLI side is in kill.test.ts.
 */
import * as assert from "node:assert/strict";
import { createBuild, deleteBuild, fetchBuildStatus, listBuilds } from "../../provider/client/api/builds";
import { createDeployment } from "../../provider/client/api/deployments";
import { createFile, createVersion, listFiles } from "../../provider/client/api/files";
import { createVariable, listVariables } from "../../provider/client/api/variables";
import { assetOperations } from "../../provider/resources/asset";
import { compileError } from "../../provider/operations/build-diagnosis";
import { buildOperations } from "../../provider/resources/build";
import { functionOperations } from "../../provider/resources/function";
import { variableOperations } from "../../provider/resources/variable";
import { useStage } from "../provider/fixtures";
import { create, useEmulator } from "../provider/helpers";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("reliability: orphans of interrupted creates", () => {
  const emulator = useEmulator({ buildDelayMs: 20 });
  const stage = useStage(emulator);

  describe("Function and Asset", () => {
    for (const [kind, ops] of [
      ["function", functionOperations],
      ["asset", assetOperations],
    ] as const) {
      const inputs = (name: string) => ({
        serviceSid: stage.serviceSid,
        friendlyName: name,
        path: `/${name}`,
        content: `exports.handler = () => "${name}";`,
      });
      const named = async (name: string) =>
        (await listFiles(emulator.outOfBand, kind, stage.serviceSid)).filter((f) => f.friendly_name === name);

      it(`${kind}: takes over one of the same name that no Build holds, with or without a Version`, async () => {
        const bare = await createFile(emulator.outOfBand, kind, stage.serviceSid, `${kind}-bare`);
        assert.equal((await create(ops, inputs(`${kind}-bare`))).id, bare.sid);
        const uploaded = await createFile(emulator.outOfBand, kind, stage.serviceSid, `${kind}-uploaded`);
        await createVersion(emulator.outOfBand, kind, stage.serviceSid, uploaded.sid, {
          path: `/${kind}-uploaded`,
          visibility: "public",
          content: { text: "x" },
          contentType: "application/javascript",
        });
        const adopted = await create(ops, inputs(`${kind}-uploaded`));
        assert.equal(adopted.id, uploaded.sid);
        assert.equal((await named(`${kind}-uploaded`)).length, 1);
      });

      it(`${kind}: makes its own when the one of that name is in a Build`, async () => {
        const other = await createFile(emulator.outOfBand, kind, stage.serviceSid, `${kind}-built`);
        const version = await createVersion(emulator.outOfBand, kind, stage.serviceSid, other.sid, {
          path: `/${kind}-built`,
          visibility: "public",
          content: { text: "exports.handler = () => 1;" },
          contentType: "application/javascript",
        });
        await createBuild(emulator.outOfBand, stage.serviceSid, {
          functionVersions: kind === "function" ? [version.sid] : [],
          assetVersions: kind === "asset" ? [version.sid] : [],
          dependencies: [],
          runtime: "node22",
        });
        const made = await create(ops, inputs(`${kind}-built`));
        assert.notEqual(made.id, other.sid);
      });
    }
  });

  describe("Build", () => {
    it("takes over a Build of exactly these inputs that no Environment runs", async () => {
      const version = await stage.functionVersion();
      const orphan = await createBuild(emulator.outOfBand, stage.serviceSid, {
        functionVersions: [version],
        assetVersions: [],
        dependencies: [],
        runtime: "node22",
      });
      const build = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [version] });
      assert.equal(build.id, orphan.sid);
      assert.equal(build.outs.status, "completed");
    });

    it("makes its own when the matching Build is deployed, failed, or differs in runtime or dependencies", async () => {
      const version = await stage.functionVersion();
      const spec = { functionVersions: [version], assetVersions: [], dependencies: [], runtime: "node22" };
      const deployed = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [version] });
      await createDeployment(emulator.outOfBand, stage.serviceSid, stage.environmentSid, deployed.id);
      await createBuild(emulator.outOfBand, stage.serviceSid, { ...spec, runtime: "node20" });
      await createBuild(emulator.outOfBand, stage.serviceSid, {
        ...spec,
        dependencies: [{ name: "axios", version: "1.7.2" }],
      });
      const made = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [version] });
      assert.notEqual(made.id, deployed.id);
      const mine = (await listBuilds(emulator.outOfBand, stage.serviceSid)).filter((b) => b.sid === made.id);
      assert.equal(mine.length, 1);

      const broken = await stage.functionVersion("this is not javascript (");
      const failed = await createBuild(emulator.outOfBand, stage.serviceSid, { ...spec, functionVersions: [broken] });
      while ((await fetchBuildStatus(emulator.outOfBand, stage.serviceSid, failed.sid)).status === "building")
        await sleep(10);
      const error = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [broken] }).catch(
        (e: Error) => e,
      );
      assert.ok(error instanceof Error);
      assert.notEqual(/ZB[0-9a-f]{32}/.exec(error.message)![0], failed.sid, "a failed Build is not taken over");
      await deleteBuild(emulator.outOfBand, stage.serviceSid, made.id);
    });

    it("names the Function that does not compile, the error and the line when a Build fails", async () => {
      const broken = await stage.functionVersion("callback(null, 'x';");
      const error = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [broken] }).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.match(
        String(error),
        /^Error: Build ZB[0-9a-f]{32} of Service ZS[0-9a-f]{32} failed: \/fn-\d+ does not compile: SyntaxError: .+ \(line 1\)\. Fix the function/,
      );
      assert.equal(compileError("exports.handler = () => 1;"), undefined);
      assert.match(
        compileError("const a = 1;\nconst a = 2;")!,
        /^SyntaxError: Identifier 'a' has already been declared \(line 2\)$/,
      );
    });
  });

  describe("Variable", () => {
    const inputs = (key: string, value: string) => ({
      serviceSid: stage.serviceSid,
      environmentSid: stage.environmentSid,
      key,
      value,
    });

    it("takes over one of the same key and value", async () => {
      const orphan = await createVariable(emulator.outOfBand, stage.serviceSid, stage.environmentSid, "ORPHAN", "same");
      assert.equal((await create(variableOperations, inputs("ORPHAN", "same"))).id, orphan.sid);
    });

    it("refuses one of the same key with another value, without echoing either value, and leaves it as it was", async () => {
      await createVariable(emulator.outOfBand, stage.serviceSid, stage.environmentSid, "THEIRS", "their-value-123");
      const error = await create(variableOperations, inputs("THEIRS", "our-value-456")).then(
        () => undefined,
        (e: Error) => e,
      );
      assert.match(
        String(error),
        /Variable 'THEIRS' of Environment ZE[0-9a-f]{32}: the Environment already has it \(ZV[0-9a-f]{32}\) with another value\. Delete it there, or remove/,
      );
      assert.ok(!String(error).includes("their-value-123") && !String(error).includes("our-value-456"));
      const variables = await listVariables(emulator.outOfBand, stage.serviceSid, stage.environmentSid);
      assert.deepEqual(
        variables.filter((v) => v.key === "THEIRS").map((v) => v.value),
        ["their-value-123"],
      );
    });
  });
});
