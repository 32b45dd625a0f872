/**
 * FileCleanup: deletes the Functions and Assets of files removed from a FileSet, after the Build
 * without them is deployed, never before (issue 5). ServerlessApp makes it depend on the FileSet
 * and on every Deployment: when a Build or Deployment fails, it does not run, and everything the
 * running Build was made from stays in place. (An environment pinned to an older Build keeps
 * serving a removed file afterwards too: Twilio, and the emulator, keep a Build's Versions
 * working after their container is deleted.)
 *
 * Its input is the set's paths and kinds, which the program knows before any deploy, rather
 * than the FileSet's container sids, which a preview does not know whenever the FileSet
 * changes: so a preview shows it only when files are added or removed, naming them (stored as
 * one key per path, as FileSet does: `~ FileCleanup app update [diff: -/old.html]`).
 *
 * It remembers the paths it saw (its outputs). An update deletes the containers named after a
 * path it saw before and no longer sees, of that kind (FileSet names each container after its
 * path; 404 is fine), then remembers the new paths. A failed delete fails the update, so the
 * state keeps the old outputs and the next `pulumi up` tries again.
 *
 * Delete removes nothing: the FileSet deletes what it holds, and what this resource would still
 * delete exists only after a failed cleanup that no `up` retried; it holds no Version of any
 * Build left, and the Service's deletion (or Twilio's retention of unused Versions) removes it.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import { deleteFile } from "../client/api/files";
import { filesOfRun } from "../client/api/run-lists";
import type { FileResource } from "../client/api/types";
import { isUnknown, UNKNOWN, type ResourceOperations } from "./common";
import { forEachSettled } from "./settled";
import { FILE_KINDS, type FileKind } from "../rules";
import { isServedPathKey } from "./files/set-entries";
import { InputChecker } from "./validate";

export interface FileCleanupArgs {
  serviceSid: pulumi.Input<string>;
  /** The files in use now: served path → "function" or "asset" (as in the FileSet's `files`). */
  files: pulumi.Input<Record<string, pulumi.Input<FileKind>>>;
}

/** `serviceSid` and one key per served path holding its kind. */
export interface FileCleanupInputs {
  serviceSid: string;
  [servedPath: `/${string}`]: FileKind;
}

/** The paths seen at the last cleanup that succeeded. */
export type FileCleanupOutputs = FileCleanupInputs;

function pathsOf(inputs: FileCleanupInputs): Map<string, string> {
  return new Map(Object.entries(inputs).filter(([key]) => isServedPathKey(key)));
}

export const fileCleanupOperations: ResourceOperations<FileCleanupInputs, FileCleanupOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.sid("serviceSid", "ZS");
    const inputs: Record<string, unknown> = { serviceSid: news.serviceSid };
    const files = news.files;
    if (isUnknown(files)) {
      inputs.files = UNKNOWN;
    } else if (typeof files !== "object" || files === null || Array.isArray(files)) {
      checker.fail("files", 'files must be a map of served path → "function" or "asset".');
    } else {
      for (const [servedPath, kind] of Object.entries(files)) {
        if (!isServedPathKey(servedPath))
          checker.fail("files", `files[${JSON.stringify(servedPath)}]: a served path starts with "/".`);
        else if (!isUnknown(kind) && !FILE_KINDS.includes(kind as FileKind)) {
          checker.fail(
            "files",
            `files[${JSON.stringify(servedPath)}] must be "function" or "asset", got ${JSON.stringify(kind)}.`,
          );
        } else inputs[servedPath] = kind;
      }
    }
    return { inputs: inputs as unknown as FileCleanupInputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    const replaces = isUnknown(news.serviceSid) || news.serviceSid !== olds.serviceSid ? ["serviceSid"] : [];
    const [before, after] = [pathsOf(olds), pathsOf(news)];
    const same =
      before.size === after.size &&
      [...after].every(([servedPath, kind]) => !isUnknown(kind) && before.get(servedPath) === kind);
    return {
      changes: replaces.length > 0 || isUnknown((news as unknown as Record<string, unknown>).files) || !same,
      replaces,
    };
  },

  async create(inputs) {
    // Nothing seen before: nothing to delete.
    return { id: `${inputs.serviceSid}/cleanup`, outs: inputs };
  },

  async read(id, props) {
    // Its state is a memory of what it saw, not a Twilio object.
    return { id, props };
  },

  async update(_id, olds, news) {
    const after = pathsOf(news);
    const removed = [...pathsOf(olds)].filter(([servedPath, kind]) => after.get(servedPath) !== kind);
    const client = getClient();
    const doomed: { kind: FileKind; file: FileResource }[] = [];
    for (const kind of FILE_KINDS) {
      const names = new Set(removed.filter(([, k]) => k === kind).map(([servedPath]) => servedPath));
      if (names.size === 0) continue;
      // Listed once per provider run: containers of removed paths were made by earlier runs.
      const containers = await filesOfRun(kind, news.serviceSid);
      doomed.push(...containers.filter((file) => names.has(file.friendly_name)).map((file) => ({ kind, file })));
    }
    await forEachSettled(
      doomed,
      ({ file }) => file.friendly_name,
      "Deleting removed files",
      async ({ kind, file }) => void (await unlessNotFound(() => deleteFile(client, kind, news.serviceSid, file.sid))),
      " (the next pulumi up tries again)",
    );
    return { outs: news };
  },

  async delete() {
    // See the file comment: what the FileSet holds, it deletes itself.
  },
};
