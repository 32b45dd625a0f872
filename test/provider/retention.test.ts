/**
 * Twilio's retention of unbuilt Versions (provider/operations/retention.ts): what Function, Asset
 * and FileSet plan and upload once their Version is days old and no Build holds it, and the error
 * of a Build refused because a Version vanished. Days pass for the provider by moving its
 * Date.now forward; what Twilio's retention deletes is deleted here out of band (a container), or
 * by the emulator's clock where the test says so.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { deleteFile, listVersions, type FileKind } from "../../provider/client/api/files";
import { assetOperations } from "../../provider/resources/asset";
import { buildOperations } from "../../provider/resources/build";
import type { ResourceOperations } from "../../provider/resources/common";
import { fileSetOperations, type FileSetOutputs } from "../../provider/resources/file-set";
import { FILE_KIND_NAMES } from "../../provider/rules";
import { functionOperations } from "../../provider/resources/function";
import { mayExpire, RENEW_UNBUILT_AFTER_MS } from "../../provider/operations/retention";
import type { ServerlessFileInputs, ServerlessFileOutputs } from "../../provider/resources/serverless-file";
import { useStage, type Stage } from "./fixtures";
import { create, diff, read, update, useEmulator, useTempDir, type Created, type TestEmulator } from "./helpers";

const DAY_MS = 24 * 60 * 60 * 1000;

const KINDS: { kind: FileKind; ops: ResourceOperations<ServerlessFileInputs, ServerlessFileOutputs> }[] = [
  { kind: "function", ops: functionOperations },
  { kind: "asset", ops: assetOperations },
];

/**
 * Runs `action` with the provider's clock `days` ahead (Twilio's dates stay where they were: the
 * in-process emulator's clock is its own, moved only by emulator.advanceClock).
 */
async function daysLater<T>(days: number, action: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => realNow() + days * DAY_MS;
  try {
    return await action();
  } finally {
    Date.now = realNow;
  }
}

/** Write calls since the last call of the returned function, by route. */
async function writeCounterOf(emulator: TestEmulator): Promise<() => Promise<Record<string, number>>> {
  let before = await emulator.calls();
  return async () => {
    const now = await emulator.calls();
    const delta = Object.entries(now)
      .filter(([route]) => route.startsWith("POST ") || route.startsWith("DELETE "))
      .map(([route, n]) => [route, n - (before[route] ?? 0)] as const)
      .filter(([, n]) => n !== 0);
    before = now;
    return Object.fromEntries(delta);
  };
}

/** A completed Build of these Versions. */
function buildOfVersions(stage: Stage, functionVersions: string[], assetVersions: string[]) {
  return create(buildOperations, { serviceSid: stage.serviceSid, functionVersions, assetVersions });
}

describe("retention: Versions no Build holds", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const temp = useTempDir();
  let counter = 0;

  const buildOf = (functionVersions: string[], assetVersions: string[] = []) =>
    buildOfVersions(stage, functionVersions, assetVersions);
  const writeCounter = () => writeCounterOf(emulator);

  describe("mayExpire", () => {
    const now = Date.parse("2026-07-10T00:00:00Z");
    const daysAgo = (days: number) => new Date(now - days * DAY_MS).toISOString();

    it("holds for an unbuilt Version from the renewal age on, never for a built one or an unrecorded one", () => {
      assert.equal(RENEW_UNBUILT_AFTER_MS, 6 * DAY_MS);
      assert.equal(mayExpire({ versionCreated: daysAgo(5.9), versionBuilt: false }, now), false);
      assert.equal(mayExpire({ versionCreated: daysAgo(6), versionBuilt: false }, now), true);
      assert.equal(mayExpire({ versionCreated: daysAgo(40), versionBuilt: false }, now), true);
      assert.equal(mayExpire({ versionCreated: daysAgo(40), versionBuilt: true }, now), false);
      // State of an older release records neither: left alone (a refresh records both).
      assert.equal(mayExpire({}, now), false);
      assert.equal(mayExpire({ versionCreated: daysAgo(40) }, now), false);
      assert.equal(mayExpire({ versionCreated: "not a date", versionBuilt: false }, now), false);
    });
  });

  for (const { kind, ops } of KINDS) {
    const name = FILE_KIND_NAMES[kind];
    describe(name, () => {
      const file = () => {
        counter += 1;
        return {
          serviceSid: stage.serviceSid,
          friendlyName: `/kept-${counter}`,
          path: `/kept-${counter}`,
          content: `exports.handler = (context, event, callback) => callback(null, ${counter});\n`,
        };
      };
      const build = (sid: string) => (kind === "function" ? buildOf([sid]) : buildOf([], [sid]));

      it("records when its Version was uploaded and that no Build holds it yet; diff plans nothing before 6 days", async () => {
        const args = file();
        const made = await create(ops, args);
        assert.equal(made.outs.latestVersionBuilt, false);
        assert.ok(
          Math.abs(Date.parse(made.outs.latestVersionCreated!) - Date.now()) < DAY_MS,
          made.outs.latestVersionCreated,
        );
        assert.equal((await daysLater(5, () => diff(ops, made, args))).diff.changes, false);
        const later = await daysLater(8, () => diff(ops, made, args));
        assert.deepEqual(
          { changes: later.diff.changes, replaces: later.diff.replaces },
          { changes: true, replaces: [] },
        );
      });

      it("8 days later, keeps a Version a Build holds (no write) and records it as built: no change planned after", async () => {
        const args = file();
        const made = await create(ops, args);
        await build(made.outs.latestVersionSid);
        const writes = await writeCounter();
        const checked = await daysLater(8, () => update(ops, made, args));
        assert.deepEqual(await writes(), {}, "no upload, no write");
        assert.equal(checked.outs.latestVersionSid, made.outs.latestVersionSid);
        assert.equal(checked.outs.latestVersionBuilt, true);
        assert.equal((await daysLater(40, () => diff(ops, checked, args))).diff.changes, false);
      });

      it("8 days later, uploads again a Version no Build holds, into the same container", async () => {
        const args = file();
        const made = await create(ops, args);
        const writes = await writeCounter();
        const renewed = await daysLater(8, () => update(ops, made, args));
        assert.deepEqual(Object.values(await writes()), [1], "one write: the upload");
        assert.notEqual(renewed.outs.latestVersionSid, made.outs.latestVersionSid);
        assert.equal(renewed.outs.sid, made.id);
        assert.equal(renewed.outs.latestVersionBuilt, false);
        const versions = await listVersions(emulator.outOfBand, kind, stage.serviceSid, made.id);
        assert.ok(versions.some((version) => version.sid === renewed.outs.latestVersionSid));
      });

      it("makes its container again when retention deleted it, and read and delete follow the new one", async () => {
        const args = file();
        const made = await create(ops, args);
        // What Twilio does to a container whose only Version it deleted.
        await deleteFile(emulator.outOfBand, kind, stage.serviceSid, made.id);
        const writes = await writeCounter();
        const repaired = await daysLater(8, () => update(ops, made, args));
        assert.deepEqual(await writes(), {
          [`POST /v1/Services/{ServiceSid}/${name}s`]: 1,
          [`POST /v1/Services/{ServiceSid}/${name}s/{${name}Sid}/Versions`]: 1,
        });
        assert.notEqual(repaired.outs.sid, made.id, "a new container");
        assert.equal(repaired.outs.friendlyName, args.friendlyName);
        const again = await read(ops, repaired);
        assert.equal(again.outs.latestVersionSid, repaired.outs.latestVersionSid);
        await ops.delete(repaired.id, repaired.outs);
        assert.equal(
          (await ops.read(repaired.id, repaired.outs)).id,
          "",
          "deleted: the new container, through outputs.sid",
        );
      });

      it("refresh records whether a Build holds the Version", async () => {
        const args = file();
        const made = await create(ops, args);
        assert.equal((await read(ops, made)).outs.latestVersionBuilt, false);
        await build(made.outs.latestVersionSid);
        const refreshed = await read(ops, made);
        assert.equal(refreshed.outs.latestVersionBuilt, true);
        assert.equal(refreshed.outs.latestVersionCreated, made.outs.latestVersionCreated);
        assert.equal((await daysLater(8, () => diff(ops, refreshed, args))).diff.changes, false);
      });
    });
  }

  describe("FileSet", () => {
    function project(files: Record<string, string>): { dir: string; prefix: string } {
      counter += 1;
      const dir = path.join(temp.dir, `p${counter}`);
      for (const [name, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        fs.writeFileSync(path.join(dir, name), text);
      }
      return { dir, prefix: `/r${counter}` };
    }

    it("8 days later uploads again exactly the Versions no Build holds, remakes a deleted container, and records the rest as built", async () => {
      const p = project({
        "a.js": "exports.handler = () => 'a';",
        "b.txt": "b",
        "c.js": "exports.handler = () => 'c';",
        "d.js": "exports.handler = () => 'd';",
      });
      const args = {
        serviceSid: stage.serviceSid,
        directory: p.dir,
        files: {
          [`${p.prefix}/a`]: { kind: "function", source: "a.js" },
          [`${p.prefix}/b.txt`]: { kind: "asset", source: "b.txt" },
          [`${p.prefix}/c`]: { kind: "function", source: "c.js" },
          [`${p.prefix}/d`]: { kind: "function", source: "d.js" },
        },
      };
      const made: Created<FileSetOutputs> = await create(fileSetOperations, args);
      const entry = (outs: FileSetOutputs, name: string) => outs.files[`${p.prefix}/${name}`];
      assert.ok(
        Object.values(made.outs.files).every((e) => e.versionBuilt === false && typeof e.versionCreated === "string"),
      );
      // /a and /b.txt were built (a Build that succeeded); /c and /d never were (one that failed).
      await buildOf([entry(made.outs, "a").versionSid], [entry(made.outs, "b.txt").versionSid]);
      await deleteFile(emulator.outOfBand, "function", stage.serviceSid, entry(made.outs, "d").sid);

      assert.equal((await daysLater(5, () => diff(fileSetOperations, made, args))).diff.changes, false);
      const writes = await writeCounter();
      const renewed = await daysLater(8, () => update(fileSetOperations, made, args));
      assert.deepEqual(await writes(), {
        "POST /v1/Services/{ServiceSid}/Functions": 1,
        "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": 2,
      });
      for (const kept of ["a", "b.txt"]) {
        assert.equal(entry(renewed.outs, kept).versionSid, entry(made.outs, kept).versionSid, kept);
        assert.equal(entry(renewed.outs, kept).versionBuilt, true, kept);
      }
      assert.equal(entry(renewed.outs, "c").sid, entry(made.outs, "c").sid, "same container");
      assert.notEqual(entry(renewed.outs, "c").versionSid, entry(made.outs, "c").versionSid);
      assert.notEqual(entry(renewed.outs, "d").sid, entry(made.outs, "d").sid, "made again");
      assert.deepEqual(renewed.outs.functionVersions.length, 3);
      assert.equal((await daysLater(5, () => diff(fileSetOperations, renewed, args))).diff.changes, false);

      // A refresh records what the Build of this up holds.
      await buildOf(
        [entry(renewed.outs, "a").versionSid, entry(renewed.outs, "c").versionSid, entry(renewed.outs, "d").versionSid],
        [entry(renewed.outs, "b.txt").versionSid],
      );
      const refreshed = await read(fileSetOperations, renewed);
      assert.ok(
        Object.values(refreshed.outs.files).every((e) => e.versionBuilt === true),
        JSON.stringify(refreshed.outs.files),
      );
      assert.equal((await daysLater(40, () => diff(fileSetOperations, refreshed, args))).diff.changes, false);
    });
  });

  describe("Build", () => {
    it("refused because a Version vanished: says what happened and the one command that repairs it", async () => {
      const kept = await stage.functionVersion();
      const vanished = `ZN${"0".repeat(31)}1`;
      await assert.rejects(buildOf([kept, vanished]), (error: Error) => {
        assert.match(error.message, new RegExp(`Twilio no longer has Version ${vanished} that this Build names`));
        assert.match(error.message, /after up to 7 days/);
        assert.match(error.message, /Run `pulumi up --refresh`/);
        return true;
      });
    });
  });
});

describe("retention: Versions the emulator's clock deleted", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const temp = useTempDir();
  const buildOf = (functionVersions: string[], assetVersions: string[] = []) =>
    buildOfVersions(stage, functionVersions, assetVersions);
  const writeCounter = () => writeCounterOf(emulator);

  /** Runs `action` with the provider's clock where the emulator's is. */
  async function onEmulatorTime<T>(action: () => Promise<T>): Promise<T> {
    return daysLater((emulator.now().getTime() - Date.now()) / DAY_MS, action);
  }

  it("8 days after a failed Build, the updates upload again what retention deleted, and the Build of them succeeds", async () => {
    const code = (body: string) =>
      `exports.handler = (context, event, callback) => callback(null, ${JSON.stringify(body)});\n`;
    const fileArgs = (name: string) => ({
      serviceSid: stage.serviceSid,
      friendlyName: `/${name}`,
      path: `/${name}`,
      content: code(name),
    });
    const built = await create(functionOperations, fileArgs("built"));
    await buildOf([built.outs.latestVersionSid]);
    // Uploaded by an up whose Build then failed: no Build holds them.
    const fresh = await create(functionOperations, fileArgs("fresh"));
    fs.mkdirSync(path.join(temp.dir, "clock"), { recursive: true });
    fs.writeFileSync(path.join(temp.dir, "clock", "a.txt"), "a");
    const setArgs = {
      serviceSid: stage.serviceSid,
      directory: path.join(temp.dir, "clock"),
      files: { "/clock-a.txt": { kind: "asset", source: "a.txt" } },
    };
    const set: Created<FileSetOutputs> = await create(fileSetOperations, setArgs);

    const deleted = (await emulator.advanceClock(8 * DAY_MS)) as { deleted: Record<string, number> };
    assert.deepEqual(
      {
        functions: deleted.deleted.functions,
        functionVersions: deleted.deleted.functionVersions,
        assets: deleted.deleted.assets,
        assetVersions: deleted.deleted.assetVersions,
      },
      { functions: 1, functionVersions: 1, assets: 1, assetVersions: 1 },
    );

    const writes = await writeCounter();
    const [keptFn, freshFn, renewedSet] = await onEmulatorTime(() =>
      Promise.all([
        update(functionOperations, built, fileArgs("built")),
        update(functionOperations, fresh, fileArgs("fresh")),
        update(fileSetOperations, set, setArgs),
      ]),
    );
    assert.deepEqual(await writes(), {
      "POST /v1/Services/{ServiceSid}/Functions": 1,
      "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": 1,
      "POST /v1/Services/{ServiceSid}/Assets": 1,
      "POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions": 1,
    });
    assert.equal(keptFn.outs.latestVersionSid, built.outs.latestVersionSid);
    assert.equal(keptFn.outs.latestVersionBuilt, true);
    assert.notEqual(freshFn.outs.sid, fresh.id);
    const build = await buildOf(
      [keptFn.outs.latestVersionSid, freshFn.outs.latestVersionSid],
      renewedSet.outs.assetVersions,
    );
    assert.equal(build.outs.status, "completed");
  });
});
