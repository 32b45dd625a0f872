/** Function and Asset share their logic; each behaviour is tested for both, then what differs. */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import {
  createVersion,
  deleteFile,
  fetchFile,
  fetchFunctionVersionContent,
  renameFile,
  type FileKind,
} from "../../provider/client/api/files";
import { assetOperations } from "../../provider/resources/asset";
import { UNKNOWN } from "../../provider/resources/common";
import { functionOperations } from "../../provider/resources/function";
import { serviceOperations } from "../../provider/resources/service";
import type { ServerlessFileInputs, ServerlessFileOutputs } from "../../provider/resources/serverless-file";
import type { ResourceOperations } from "../../provider/resources/common";
import { checkFailures, checked, create, diff, read, uniqueName, update, useEmulator, useTempDir } from "./helpers";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const KINDS: { kind: FileKind; ops: ResourceOperations<ServerlessFileInputs, ServerlessFileOutputs> }[] = [
  { kind: "function", ops: functionOperations },
  { kind: "asset", ops: assetOperations },
];

describe("Function and Asset resources", () => {
  const emulator = useEmulator();
  const temp = useTempDir();
  let serviceSid: string;

  before(async () => {
    const service = await create(serviceOperations, { uniqueName: uniqueName("filesvc") });
    serviceSid = service.id;
    emulator.atEnd(() => serviceOperations.delete(service.id, service.outs));
  });

  function writeFile(name: string, text: string): string {
    const file = path.join(temp.dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  /** A sparse file of `bytes` bytes (no disk or memory cost). */
  function bigFile(name: string, bytes: number): string {
    const file = path.join(temp.dir, name);
    const fd = fs.openSync(file, "w");
    fs.ftruncateSync(fd, bytes);
    fs.closeSync(fd);
    return file;
  }

  async function versionUploads(): Promise<number> {
    const calls = await emulator.calls();
    return Object.entries(calls)
      .filter(([route]) => route.startsWith("POST ") && route.endsWith("/Versions"))
      .reduce((sum, [, count]) => sum + count, 0);
  }

  for (const { kind, ops } of KINDS) {
    describe(kind, () => {
      const base = () => ({ serviceSid, friendlyName: `${kind}-one`, path: `/one-${kind}` });

      it("check names the field and the fix", async () => {
        const failures = await checkFailures(ops, {
          serviceSid: "nope",
          friendlyName: "",
          path: "no-slash",
          visibility: "secret",
          content: "x",
        });
        assert.match(failures.serviceSid, /serviceSid must be a Service sid/);
        assert.match(failures.friendlyName, /friendlyName must not be empty/);
        assert.match(failures.path, /path "no-slash" must start with "\/" \(e.g. "\/no-slash"\)/);
        assert.match(failures.visibility, /visibility must be one of "public", "protected", "private", got "secret"/);

        const paths = {
          "/a/../b": /"\." or "\.\." segments/,
          "/a b": /contains " "/,
          "/a#b": /contains "#"/,
          [`/${"a".repeat(255)}`]: /256 characters/,
        };
        for (const [bad, reason] of Object.entries(paths)) {
          assert.match((await checkFailures(ops, { ...base(), path: bad, content: "x" })).path, reason);
        }
        assert.match(
          (await checkFailures(ops, { ...base(), content: "x", source: "/x" })).source,
          /either source .* or content .*, not both/,
        );
        assert.match((await checkFailures(ops, base())).source, /set source \(the path of a file\) or content/);
        assert.match(
          (await checkFailures(ops, { ...base(), source: path.join(temp.dir, "missing.js") })).source,
          /missing\.js" does not exist/,
        );
        assert.match((await checkFailures(ops, { ...base(), source: temp.dir })).source, /is not a file/);
      });

      it("check refuses content over 25 MB, or 10 MB when private, before any upload", async () => {
        const large = bigFile(`large-${kind}`, 25 * 1024 * 1024 + 1);
        assert.match(
          (await checkFailures(ops, { ...base(), source: large })).source,
          /is 26214401 bytes; Twilio accepts at most 25 MB/,
        );
        const medium = bigFile(`medium-${kind}`, 10 * 1024 * 1024 + 1);
        assert.deepEqual(await checkFailures(ops, { ...base(), source: medium }), {});
        assert.match(
          (await checkFailures(ops, { ...base(), source: medium, visibility: "private" })).source,
          /at most 10 MB for private content/,
        );
      });

      it("check hashes the content and lets unknowns through", async () => {
        const file = writeFile(`hash-${kind}.txt`, "hello hash");
        assert.equal((await checked(ops, { ...base(), source: file })).contentHash, sha256("hello hash"));
        assert.equal((await checked(ops, { ...base(), content: "inline" })).contentHash, sha256("inline"));
        const preview = await checked(ops, {
          serviceSid: UNKNOWN,
          friendlyName: UNKNOWN,
          path: UNKNOWN,
          source: UNKNOWN,
        });
        assert.equal(preview.contentHash, UNKNOWN);
      });

      it("creates with a Version, diffs without change, and updates only what changed", async () => {
        const source = writeFile(`v1-${kind}.js`, "exports.handler = (c, e, cb) => cb(null, 'v1');");
        const inputs = { ...base(), source };
        const created = await create(ops, inputs);
        assert.match(created.id, /^ZH[0-9a-f]{32}$/);
        assert.match(created.outs.latestVersionSid, /^ZN[0-9a-f]{32}$/);
        assert.equal(created.outs.visibility, "public");
        assert.equal((await diff(ops, created, inputs)).diff.changes, false);

        let uploads = await versionUploads();
        const renamed = await update(ops, created, { ...inputs, friendlyName: `${kind}-renamed` });
        assert.equal(renamed.outs.latestVersionSid, created.outs.latestVersionSid, "a rename uploads nothing");
        assert.equal(await versionUploads(), uploads);
        assert.equal(
          (await fetchFile(emulator.outOfBand, kind, serviceSid, created.id)).friendly_name,
          `${kind}-renamed`,
        );

        // The same content from another file: outputs follow, nothing is uploaded.
        const moved = writeFile(`moved-${kind}.js`, fs.readFileSync(source, "utf8"));
        const relocated = await update(ops, renamed, { ...inputs, friendlyName: `${kind}-renamed`, source: moved });
        assert.equal(relocated.outs.source, moved);
        assert.equal(await versionUploads(), uploads);

        let current = relocated;
        const changes: [string, object][] = [
          ["content", { content: "exports.handler = (c, e, cb) => cb(null, 'v2');", source: undefined }],
          ["path", { path: `/two-${kind}` }],
          ["visibility", { visibility: "protected" }],
        ];
        let news: Record<string, unknown> = { ...inputs, friendlyName: `${kind}-renamed`, source: moved };
        for (const [what, change] of changes) {
          news = { ...news, ...change };
          const next = await update(ops, current, news);
          assert.notEqual(next.outs.latestVersionSid, current.outs.latestVersionSid, `${what} uploads a new Version`);
          assert.equal(await versionUploads(), ++uploads);
          current = next;
        }
        assert.equal(current.outs.path, `/two-${kind}`);
        assert.equal(current.outs.visibility, "protected");
        assert.equal((await diff(ops, current, news)).diff.changes, false);
        if (kind === "function") {
          const text = await fetchFunctionVersionContent(
            emulator.outOfBand,
            serviceSid,
            current.id,
            current.outs.latestVersionSid,
          );
          assert.equal(text, "exports.handler = (c, e, cb) => cb(null, 'v2');");
        }
        await ops.delete(current.id, current.outs);
        await ops.delete(current.id, current.outs);
        await assert.rejects(fetchFile(emulator.outOfBand, kind, serviceSid, current.id), /404/);
      });

      it("replaces when moved to another Service", async () => {
        const created = await create(ops, { ...base(), content: "x" });
        const moved = await diff(ops, created, { ...base(), serviceSid: `ZS${"2".repeat(32)}`, content: "x" });
        assert.deepEqual(moved.diff.replaces, ["serviceSid"]);
        await ops.delete(created.id, created.outs);
      });

      it("refresh shows a rename, a Version uploaded elsewhere, and a deletion", async () => {
        const inputs = { ...base(), friendlyName: `${kind}-drift`, path: `/drift-${kind}`, content: "original" };
        const created = await create(ops, inputs);

        await renameFile(emulator.outOfBand, kind, serviceSid, created.id, "console-name");
        await createVersion(emulator.outOfBand, kind, serviceSid, created.id, {
          path: `/drift-${kind}`,
          visibility: "public",
          content: { text: "changed elsewhere" },
          contentType: "text/plain",
        });
        const refreshed = await read(ops, created);
        assert.equal(refreshed.outs.friendlyName, "console-name");
        assert.notEqual(refreshed.outs.latestVersionSid, created.outs.latestVersionSid);
        assert.notEqual(refreshed.outs.contentHash, created.outs.contentHash);
        if (kind === "function") assert.equal(refreshed.outs.contentHash, sha256("changed elsewhere"));
        else assert.equal(refreshed.outs.contentHash, `unreadable:${refreshed.outs.latestVersionSid}`);

        const drift = await diff(ops, refreshed, inputs);
        assert.equal(drift.diff.changes, true);
        assert.deepEqual(drift.diff.replaces, []);
        const healed = await update(ops, refreshed, inputs);
        assert.equal(healed.outs.contentHash, sha256("original"));
        assert.equal(
          (await read(ops, healed)).outs.contentHash,
          sha256("original"),
          "refresh keeps our own version's hash",
        );

        await deleteFile(emulator.outOfBand, kind, serviceSid, created.id);
        assert.equal((await ops.read(created.id, healed.outs)).id, "");
        await ops.delete(created.id, healed.outs);
      });
    });
  }

  describe("what differs", () => {
    it("an Asset's contentType defaults from its path and a change uploads a new Version", async () => {
      const inputs = { serviceSid, friendlyName: "style", path: "/style.css", content: "body {}" };
      const asset = await create(assetOperations, inputs);
      assert.equal(asset.outs.contentType, "text/css");
      const retyped = await update(assetOperations, asset, { ...inputs, contentType: "text/plain" });
      assert.notEqual(retyped.outs.latestVersionSid, asset.outs.latestVersionSid);
      assert.match(
        (await checkFailures(assetOperations, { ...inputs, contentType: "not a type" })).contentType,
        /use a MIME type such as "text\/css"/,
      );
      await assetOperations.delete(asset.id, retyped.outs);
    });

    it("an Asset from a large file arrives whole (streamed multipart)", async () => {
      const bytes = 6 * 1024 * 1024 + 17;
      const file = path.join(temp.dir, "large.bin");
      fs.writeFileSync(file, Buffer.alloc(bytes, 7));
      const uploaded = async () =>
        ((await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as { bytes_uploaded: number }).bytes_uploaded;
      const before = await uploaded();
      const asset = await create(assetOperations, {
        serviceSid,
        friendlyName: "large",
        path: "/large.bin",
        source: file,
      });
      assert.equal(asset.outs.contentType, "application/octet-stream");
      assert.equal((await uploaded()) - before, bytes);
      await assetOperations.delete(asset.id, asset.outs);
    });

    it("a Function refuses a contentType", async () => {
      const failures = await checkFailures(functionOperations, {
        serviceSid,
        friendlyName: "f",
        path: "/f",
        content: "x",
        contentType: "text/plain",
      });
      assert.match(failures.contentType, /applies to Assets only/);
    });
  });
});
