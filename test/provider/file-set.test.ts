/**
 * FileSet and FileCleanup against the emulator: what each operation uploads or deletes (counted
 * by the emulator), refresh drift, failures mid-update, and the take-over of what an
 * interrupted run made.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { createDeployment } from "../../provider/client/api/deployments";
import {
  createFile,
  createVersion,
  deleteFile,
  fetchFunctionVersionContent,
  listFiles,
  type FileKind,
} from "../../provider/client/api/files";
import { buildOperations } from "../../provider/resources/build";
import { UNKNOWN } from "../../provider/resources/common";
import { fileCleanupOperations as cleanup } from "../../provider/resources/file-cleanup";
import { fileSetOperations as ops, type FileSetOutputs } from "../../provider/resources/file-set";
import { useStage } from "./fixtures";
import { checked, create, diff, read, update, useEmulator, useTempDir, type Created } from "./helpers";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

type Spec = { kind: "function" | "asset"; source: string; visibility?: string; contentType?: string };

describe("FileSet resource", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const temp = useTempDir();
  let counter = 0;

  /** A fresh project folder (each test its own paths, so take-overs never cross tests). */
  function project(files: Record<string, string>): {
    dir: string;
    write(name: string, text: string): void;
    prefix: string;
  } {
    counter += 1;
    const dir = path.join(temp.dir, `p${counter}`);
    const write = (name: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    };
    for (const [name, text] of Object.entries(files)) write(name, text);
    return { dir, write, prefix: `/s${counter}` };
  }

  const inputs = (dir: string, files: Record<string, Spec>) => ({
    serviceSid: stage.serviceSid,
    directory: dir,
    files,
  });

  /** Calls made since the last call of the returned function, by route. */
  async function callCounter(): Promise<() => Promise<Record<string, number>>> {
    let before = await emulator.calls();
    return async () => {
      const now = await emulator.calls();
      const delta = Object.fromEntries(
        Object.entries(now)
          .map(([route, n]) => [route, n - (before[route] ?? 0)])
          .filter(([, n]) => n !== 0),
      );
      before = now;
      return delta;
    };
  }
  const writes = (calls: Record<string, number>) =>
    Object.fromEntries(
      Object.entries(calls).filter(([route]) => route.startsWith("POST ") || route.startsWith("DELETE ")),
    );

  const named = async (kind: FileKind, name: string) =>
    (await listFiles(emulator.outOfBand, kind, stage.serviceSid)).filter((f) => f.friendly_name === name);

  it('check names each bad entry as files["/x"].field, with the fix, before any call', async () => {
    const p = project({ "functions/ok.js": "exports.handler = () => 1;" });
    const result = await ops.check(
      {},
      {
        serviceSid: "nope",
        directory: p.dir,
        files: {
          "no-slash": { kind: "function", source: "functions/ok.js" },
          "/a b": { kind: "function", source: "functions/ok.js" },
          "/nokind": { source: "functions/ok.js" },
          "/badkind": { kind: "script", source: "functions/ok.js" },
          "/vis": { kind: "function", source: "functions/ok.js", visibility: "secret" },
          "/typed": { kind: "function", source: "functions/ok.js", contentType: "text/plain" },
          "/missing": { kind: "asset", source: "assets/missing.css" },
          "/typo": { kind: "asset", source: "functions/ok.js", content: "x" },
          "/badtype": { kind: "asset", source: "functions/ok.js", contentType: "not a type" },
          "/notobject": "functions/ok.js",
        },
      },
    );
    const reasons = (result.failures ?? []).map((f) => `${f.property}: ${f.reason}`);
    const expect = [
      /^serviceSid: serviceSid must be a Service sid/,
      /^files: files\["no-slash"\]: the served path "no-slash" must start with "\/" \(e\.g\. "\/no-slash"\)\.$/,
      /^files: files\["\/a b"\]: the served path "\/a b" contains " "/,
      /^files: files\["\/nokind"\]\.kind is required: "function" or "asset"\.$/,
      /^files: files\["\/badkind"\]\.kind must be one of "function", "asset", got "script"\.$/,
      /^files: files\["\/vis"\]\.visibility must be one of "public", "protected", "private", got "secret"\.$/,
      /^files: files\["\/typed"\]\.contentType applies to Assets only/,
      new RegExp(
        `^files: files\\["/missing"\\]\\.source file "assets/missing.css" does not exist \\(relative paths start at ${p.dir}\\)\\.$`,
      ),
      /^files: files\["\/typo"\]\.content is not a field of a FileSet entry; use kind, source, visibility, contentType\.$/,
      /^files: files\["\/badtype"\]\.contentType "not a type" is not valid: use a MIME type such as "text\/css"\.$/,
      /^files: files\["\/notobject"\] must be an object \{ kind, source, visibility\?, contentType\? \}, got "functions\/ok\.js"\.$/,
    ];
    assert.equal(reasons.length, expect.length, reasons.join("\n"));
    expect.forEach((pattern, index) => assert.match(reasons[index], pattern));
    assert.match(
      (await ops.check({}, { serviceSid: stage.serviceSid, files: ["/x"] })).failures![0].reason,
      /files must be a map of served path/,
    );
  });

  it("check stores one line per path with the hash, and lets unknowns through", async () => {
    const p = project({ "functions/hi.js": "hi", "assets/style.css": "body {}" });
    const result = await checked(
      ops,
      inputs(p.dir, {
        "/hi": { kind: "function", source: "functions/hi.js", visibility: "protected" },
        "/style.css": { kind: "asset", source: "assets/style.css" },
      }),
    );
    assert.deepEqual(result, {
      serviceSid: stage.serviceSid,
      directory: p.dir,
      "/hi": `function | protected | sha256:${sha256("hi")} | functions/hi.js`,
      "/style.css": `asset | public | text/css | sha256:${sha256("body {}")} | assets/style.css`,
    });
    const preview = await checked(ops, {
      serviceSid: UNKNOWN,
      directory: p.dir,
      files: { "/hi": { kind: "function", source: UNKNOWN }, "/u": UNKNOWN },
    });
    assert.equal(preview["/hi"], UNKNOWN);
    assert.equal(preview["/u"], UNKNOWN);
    assert.equal(
      ((await checked(ops, { serviceSid: UNKNOWN, files: UNKNOWN })) as unknown as Record<string, unknown>).files,
      UNKNOWN,
    );
  });

  it("creates every file, diffs without a call, uploads only what changed, and leaves removed files to FileCleanup", async () => {
    const p = project({
      "functions/a.js": "exports.handler = (c, e, cb) => cb(null, 'a');",
      "functions/b.js": "b",
      "assets/x.txt": "x",
      "assets/y.css": "y",
    });
    const files: Record<string, Spec> = {
      [`${p.prefix}/a`]: { kind: "function", source: "functions/a.js" },
      [`${p.prefix}/b`]: { kind: "function", source: "functions/b.js" },
      [`${p.prefix}/x.txt`]: { kind: "asset", source: "assets/x.txt" },
      [`${p.prefix}/y.css`]: { kind: "asset", source: "assets/y.css", visibility: "private" },
    };
    const calls = await callCounter();
    const created = await create(ops, inputs(p.dir, files));
    const made = await calls();
    assert.equal(made["POST /v1/Services/{ServiceSid}/Functions"], 2);
    assert.equal(made["POST /v1/Services/{ServiceSid}/Assets"], 2);
    assert.equal(made["POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"], 2);
    assert.equal(made["POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions"], 2);
    const a = created.outs.files[`${p.prefix}/a`];
    assert.match(a.sid, /^ZH[0-9a-f]{32}$/);
    assert.equal((await named("function", `${p.prefix}/a`)).length, 1, "friendlyName is the path");
    assert.equal(created.outs.files[`${p.prefix}/y.css`].contentType, "text/css");
    assert.equal(created.outs.files[`${p.prefix}/y.css`].visibility, "private");
    assert.deepEqual(created.outs.functionVersions, [a.versionSid, created.outs.files[`${p.prefix}/b`].versionSid]);
    assert.equal(created.outs.assetVersions.length, 2);
    assert.equal(
      await fetchFunctionVersionContent(emulator.outOfBand, stage.serviceSid, a.sid, a.versionSid),
      "exports.handler = (c, e, cb) => cb(null, 'a');",
    );

    await calls();
    assert.equal((await diff(ops, created, inputs(p.dir, files))).diff.changes, false);
    assert.deepEqual(await calls(), {}, "check and diff make no call");

    // Content, visibility, content type: one Version each, in the same container.
    p.write("functions/a.js", "exports.handler = (c, e, cb) => cb(null, 'a2');");
    const changed: Record<string, Spec> = {
      ...files,
      [`${p.prefix}/b`]: { kind: "function", source: "functions/b.js", visibility: "protected" },
      [`${p.prefix}/x.txt`]: { kind: "asset", source: "assets/x.txt", contentType: "text/markdown" },
    };
    const updated = await update(ops, created, inputs(p.dir, changed));
    assert.deepEqual(writes(await calls()), {
      "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": 2,
      "POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions": 1,
    });
    assert.equal(updated.outs.files[`${p.prefix}/a`].sid, a.sid);
    assert.notEqual(updated.outs.files[`${p.prefix}/a`].versionSid, a.versionSid);
    assert.equal(
      updated.outs.files[`${p.prefix}/y.css`].versionSid,
      created.outs.files[`${p.prefix}/y.css`].versionSid,
    );

    // A new path (a rename is a removal and an addition) and a removed one: one container and one upload, no delete.
    const { [`${p.prefix}/b`]: removed, ...rest } = changed;
    const renamed = { ...rest, [`${p.prefix}/b-renamed`]: removed };
    const moved = await update(ops, updated, inputs(p.dir, renamed));
    assert.deepEqual(writes(await calls()), {
      "POST /v1/Services/{ServiceSid}/Functions": 1,
      "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": 1,
    });
    assert.equal(moved.outs.files[`${p.prefix}/b`], undefined);
    assert.equal(moved.outs.functionVersions.length, 2);
    assert.equal(
      (await named("function", `${p.prefix}/b`)).length,
      1,
      "the removed file is still there, for FileCleanup",
    );

    // The same content from elsewhere: the outputs follow, nothing is uploaded.
    const elsewhere = project({
      "functions/a.js": fs.readFileSync(path.join(p.dir, "functions/a.js"), "utf8"),
      "functions/b.js": "b",
      "assets/x.txt": "x",
      "assets/y.css": "y",
    });
    const relocated = await update(ops, moved, inputs(elsewhere.dir, renamed));
    assert.deepEqual(writes(await calls()), {});
    assert.equal(relocated.outs.directory, elsewhere.dir);

    await ops.delete(relocated.id, relocated.outs);
    await ops.delete(relocated.id, relocated.outs);
    for (const servedPath of Object.keys(renamed)) {
      assert.deepEqual(
        await named(servedPath.endsWith(".txt") || servedPath.endsWith(".css") ? "asset" : "function", servedPath),
        [],
      );
    }
  });

  it("replaces when moved to another Service", async () => {
    const p = project({ "a.txt": "a" });
    const files: Record<string, Spec> = { [`${p.prefix}/a.txt`]: { kind: "asset", source: "a.txt" } };
    const created = await create(ops, inputs(p.dir, files));
    const moved = await diff(ops, created, { ...inputs(p.dir, files), serviceSid: `ZS${"2".repeat(32)}` });
    assert.deepEqual(moved.diff.replaces, ["serviceSid"]);
    await ops.delete(created.id, created.outs);
  });

  it("refresh shows a Version made elsewhere and a deleted file, in outputs and inputs, and the update heals both", async () => {
    const p = project({ "f.js": "exports.handler = () => 'f';", "g.js": "exports.handler = () => 'g';", "a.txt": "a" });
    const files: Record<string, Spec> = {
      [`${p.prefix}/f`]: { kind: "function", source: "f.js" },
      [`${p.prefix}/g`]: { kind: "function", source: "g.js" },
      [`${p.prefix}/a.txt`]: { kind: "asset", source: "a.txt" },
    };
    const created = await create(ops, inputs(p.dir, files));
    assert.deepEqual((await read(ops, created)).outs, created.outs, "nothing changed, nothing drifts");

    const f = created.outs.files[`${p.prefix}/f`];
    const a = created.outs.files[`${p.prefix}/a.txt`];
    const upload = (kind: FileKind, sid: string, servedPath: string, text: string) =>
      createVersion(emulator.outOfBand, kind, stage.serviceSid, sid, {
        path: servedPath,
        visibility: "public",
        content: { text },
        contentType: "text/plain",
      });
    await upload("function", f.sid, `${p.prefix}/f`, "exports.handler = () => 'changed';");
    await upload("asset", a.sid, `${p.prefix}/a.txt`, "changed");
    await deleteFile(emulator.outOfBand, "function", stage.serviceSid, created.outs.files[`${p.prefix}/g`].sid);

    const result = await ops.read(created.id, created.outs);
    const refreshed = result.props as FileSetOutputs;
    assert.equal(refreshed.files[`${p.prefix}/f`].contentHash, sha256("exports.handler = () => 'changed';"));
    assert.match(refreshed.files[`${p.prefix}/a.txt`].contentHash, /^unreadable:ZN[0-9a-f]{32}$/);
    assert.equal(refreshed.files[`${p.prefix}/g`], undefined);
    assert.equal(refreshed.functionVersions.length, 1);
    const refreshedInputs = result.inputs as unknown as Record<string, string>;
    assert.equal(
      refreshedInputs[`${p.prefix}/f`],
      `function | public | sha256:${sha256("exports.handler = () => 'changed';")} | f.js`,
    );
    assert.equal(refreshedInputs[`${p.prefix}/g`], undefined);

    const current: Created<FileSetOutputs> = { id: created.id, outs: refreshed };
    const drift = await diff(ops, current, inputs(p.dir, files));
    assert.equal(drift.diff.changes, true);
    const healed = await update(ops, current, inputs(p.dir, files));
    assert.equal(healed.outs.files[`${p.prefix}/f`].contentHash, sha256("exports.handler = () => 'f';"));
    assert.equal(healed.outs.files[`${p.prefix}/a.txt`].contentHash, sha256("a"));
    assert.equal((await named("function", `${p.prefix}/g`)).length, 1, "the deleted file is made again");
    assert.equal((await diff(ops, await read(ops, healed), inputs(p.dir, files))).diff.changes, false);
    await ops.delete(healed.id, healed.outs);
  });

  it("a retry after a failure mid-update converges: no duplicate container, nothing lost", async () => {
    const p = project({ "one.js": "1", "two.js": "2", "three.txt": "3", "four.txt": "4" });
    const base: Record<string, Spec> = { [`${p.prefix}/one`]: { kind: "function", source: "one.js" } };
    const created = await create(ops, inputs(p.dir, base));
    const grown: Record<string, Spec> = {
      ...base,
      [`${p.prefix}/two`]: { kind: "function", source: "two.js" },
      [`${p.prefix}/three.txt`]: { kind: "asset", source: "three.txt" },
      [`${p.prefix}/four.txt`]: { kind: "asset", source: "four.txt" },
    };
    p.write("one.js", "1 changed");
    const { inputs: news } = await diff(ops, created, inputs(p.dir, grown));
    // The file vanishes between check and update: its upload fails while the others go through.
    fs.renameSync(path.join(p.dir, "four.txt"), path.join(p.dir, "four.keep"));
    await assert.rejects(ops.update(created.id, created.outs, news), (error: Error) => {
      assert.match(
        error.message,
        new RegExp(
          `^Uploading failed for 1 of 4 files:\\n${p.prefix}/four.txt: uploading a Version of Asset ZH[0-9a-f]{32} .*Unable to open file`,
        ),
      );
      return true;
    });
    assert.deepEqual(await named("asset", `${p.prefix}/four.txt`), [], "the container whose upload failed is removed");

    // The state still holds the old outputs (a dynamic provider cannot return partial ones): retry from them.
    fs.renameSync(path.join(p.dir, "four.keep"), path.join(p.dir, "four.txt"));
    const retried = await update(ops, created, inputs(p.dir, grown));
    for (const [kind, servedPath] of [
      ["function", "two"],
      ["asset", "three.txt"],
      ["asset", "four.txt"],
    ] as const) {
      const containers = await named(kind, `${p.prefix}/${servedPath}`);
      assert.equal(containers.length, 1, `${servedPath}: one container`);
      assert.equal(retried.outs.files[`${p.prefix}/${servedPath}`].sid, containers[0].sid);
    }
    assert.equal(retried.outs.files[`${p.prefix}/one`].sid, created.outs.files[`${p.prefix}/one`].sid);
    assert.equal(retried.outs.files[`${p.prefix}/one`].contentHash, sha256("1 changed"));
    assert.equal((await diff(ops, retried, inputs(p.dir, grown))).diff.changes, false);
    await ops.delete(retried.id, retried.outs);
  });

  it("takes over a container of its path that no Build holds, never one a Build holds (another resource's)", async () => {
    const p = project({ "f.js": "exports.handler = () => 1;", "g.js": "exports.handler = () => 2;" });
    const orphan = await createFile(emulator.outOfBand, "function", stage.serviceSid, `${p.prefix}/f`);
    const owned = await createFile(emulator.outOfBand, "function", stage.serviceSid, `${p.prefix}/g`);
    const version = await createVersion(emulator.outOfBand, "function", stage.serviceSid, owned.sid, {
      path: `${p.prefix}/g`,
      visibility: "public",
      content: { text: "exports.handler = () => 0;" },
      contentType: "application/javascript",
    });
    const build = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [version.sid] });
    const created = await create(
      ops,
      inputs(p.dir, {
        [`${p.prefix}/f`]: { kind: "function", source: "f.js" },
        [`${p.prefix}/g`]: { kind: "function", source: "g.js" },
      }),
    );
    assert.equal(created.outs.files[`${p.prefix}/f`].sid, orphan.sid);
    assert.notEqual(created.outs.files[`${p.prefix}/g`].sid, owned.sid);
    assert.equal((await named("function", `${p.prefix}/g`)).length, 2);
    await ops.delete(created.id, created.outs);
    await buildOperations.delete(build.id, build.outs);
  });
});

describe("FileCleanup resource", () => {
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const container = async (kind: FileKind, name: string) =>
    (await createFile(emulator.outOfBand, kind, stage.serviceSid, name)).sid;
  const exists = async (kind: FileKind, sid: string) =>
    (await listFiles(emulator.outOfBand, kind, stage.serviceSid)).some((f) => f.sid === sid);
  const seeing = (files: Record<string, "function" | "asset">) => ({ serviceSid: stage.serviceSid, files });

  it("check stores one key per path and names bad entries", async () => {
    assert.deepEqual(await checked(cleanup, seeing({ "/a": "function", "/b.css": "asset" })), {
      serviceSid: stage.serviceSid,
      "/a": "function",
      "/b.css": "asset",
    });
    const result = await cleanup.check({}, { serviceSid: stage.serviceSid, files: { a: "function", "/b": "script" } });
    assert.deepEqual(
      result.failures?.map((f) => f.reason),
      ['files["a"]: a served path starts with "/".', 'files["/b"] must be "function" or "asset", got "script".'],
    );
  });

  it("deletes the containers of paths it saw before and no longer sees, of that kind only, and makes no call otherwise", async () => {
    const [f1, f2, a1, sameNameAsset] = [
      await container("function", "/c/f1"),
      await container("function", "/c/f2"),
      await container("asset", "/c/a1"),
      await container("asset", "/c/f2"),
    ];
    const created = await create(cleanup, seeing({ "/c/f1": "function", "/c/f2": "function", "/c/a1": "asset" }));
    assert.ok(await exists("function", f1), "create deletes nothing");
    const before = await emulator.calls();
    const grown = await update(
      cleanup,
      created,
      seeing({ "/c/f1": "function", "/c/f2": "function", "/c/a1": "asset", "/c/new": "asset" }),
    );
    assert.deepEqual(await emulator.calls(), before, "an added path only gets remembered");
    assert.equal(
      (
        await diff(
          cleanup,
          grown,
          seeing({ "/c/new": "asset", "/c/a1": "asset", "/c/f2": "function", "/c/f1": "function" }),
        )
      ).diff.changes,
      false,
    );

    // /c/f1 removed, /c/f2 became an asset: the Functions go, the Asset of the same name stays.
    await deleteFile(emulator.outOfBand, "function", stage.serviceSid, f1); // already gone: fine
    await update(cleanup, grown, seeing({ "/c/f2": "asset", "/c/a1": "asset", "/c/new": "asset" }));
    assert.ok(!(await exists("function", f2)));
    assert.ok(await exists("asset", sameNameAsset));
    assert.ok(await exists("asset", a1));
  });

  it("a failed delete fails the update; the retry from the old outputs deletes", async () => {
    const a = await container("asset", "/r/a");
    const created = await create(cleanup, seeing({ "/r/a": "asset", "/r/b": "asset" }));
    const { inputs: news } = await diff(cleanup, created, seeing({ "/r/b": "asset" }));
    const token = process.env.TWILIO_AUTH_TOKEN;
    process.env.TWILIO_AUTH_TOKEN = "0".repeat(32);
    try {
      await assert.rejects(cleanup.update(created.id, created.outs, news), /401/);
    } finally {
      process.env.TWILIO_AUTH_TOKEN = token;
    }
    assert.ok(await exists("asset", a));
    await update(cleanup, created, seeing({ "/r/b": "asset" }));
    assert.ok(!(await exists("asset", a)));
    await cleanup.delete(created.id, created.outs);
  });

  it("an environment pinned to an older Build keeps serving a file whose container the cleanup deleted", async () => {
    const f = await container("function", "/pinned");
    const version = await createVersion(emulator.outOfBand, "function", stage.serviceSid, f, {
      path: "/pinned",
      visibility: "public",
      content: { text: "exports.handler = (c, e, cb) => cb(null, 'still here');" },
      contentType: "application/javascript",
    });
    const build = await create(buildOperations, { serviceSid: stage.serviceSid, functionVersions: [version.sid] });
    await createDeployment(emulator.outOfBand, stage.serviceSid, stage.environmentSid, build.id);
    const seen = await create(cleanup, seeing({ "/pinned": "function" }));
    await update(cleanup, seen, seeing({}));
    assert.ok(!(await exists("function", f)));
    const served = await fetch(`${emulator.url}/_domains/${stage.domainName}/pinned`);
    assert.equal(served.status, 200);
    assert.equal(await served.text(), "still here");
  });
});
