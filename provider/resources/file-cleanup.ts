/**
 * FileCleanup: deletes the Functions and Assets a FileSet no longer holds, after the Build
 * without them is deployed, never before (issue 5). ServerlessApp makes it depend on every
 * Deployment: when a Build or Deployment fails, it does not run, and everything the running
 * Build was made from stays in place. (An environment pinned to an older Build keeps serving a
 * removed file afterwards too: Twilio, and the emulator, keep a Build's Versions working after
 * their container is deleted.)
 *
 * It remembers the containers it saw (its outputs). An update deletes those it saw before that
 * are no longer current (404 is fine) and then remembers the current ones. A failed delete fails
 * the update, so the state keeps the old outputs and the next `pulumi up` tries again.
 *
 * Delete removes nothing: the FileSet deletes what it holds, and the containers this resource
 * would still delete exist only after a failed cleanup that no `up` retried; they hold no
 * Version of any Build left, and the Service's deletion (or Twilio's retention of unused
 * Versions) removes them.
 */
import * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import { sameSet } from "../client/api/builds";
import { deleteFile, type FileKind } from "../client/api/files";
import { diffByRules, thinProvider, type DiffRules, type ResourceOperations } from "./common";
import { InputChecker } from "./validate";

export interface FileCleanupArgs {
  serviceSid: pulumi.Input<string>;
  /** The Functions (ZH…) in use now: a FileSet's `files` of kind "function". */
  functionSids: pulumi.Input<pulumi.Input<string>[]>;
  /** The Assets (ZH…) in use now. */
  assetSids: pulumi.Input<pulumi.Input<string>[]>;
}

export interface FileCleanupInputs {
  serviceSid: string;
  functionSids: string[];
  assetSids: string[];
}

/** The containers seen at the last cleanup that succeeded. */
export type FileCleanupOutputs = FileCleanupInputs;

const rules: DiffRules<FileCleanupInputs> = {
  replace: ["serviceSid"],
  update: ["functionSids", "assetSids"],
  equal: { functionSids: sameSet, assetSids: sameSet },
};

export const fileCleanupOperations: ResourceOperations<FileCleanupInputs, FileCleanupOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.sid("serviceSid", "ZS");
    checker.sidList("functionSids", "ZH");
    checker.sidList("assetSids", "ZH");
    const inputs = { serviceSid: news.serviceSid, functionSids: news.functionSids ?? [], assetSids: news.assetSids ?? [] } as FileCleanupInputs;
    return { inputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
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
    const client = getClient();
    const current = new Set([...news.functionSids, ...news.assetSids]);
    const stale: [FileKind, string][] = [
      ...olds.functionSids.filter((sid) => !current.has(sid)).map((sid): [FileKind, string] => ["Function", sid]),
      ...olds.assetSids.filter((sid) => !current.has(sid)).map((sid): [FileKind, string] => ["Asset", sid]),
    ];
    const results = await Promise.allSettled(stale.map(([kind, sid]) => unlessNotFound(() => deleteFile(client, kind, news.serviceSid, sid))));
    const failed = results.flatMap((result) => (result.status === "rejected" ? [String(result.reason instanceof Error ? result.reason.message : result.reason)] : []));
    if (failed.length > 0) {
      throw new Error(`Deleting ${failed.length} of ${stale.length} removed files failed (the next pulumi up tries again):\n${failed.join("\n")}`);
    }
    return { outs: news };
  },

  async delete() {
    // See the file comment: what the FileSet holds, it deletes itself.
  },
};

export const fileCleanupProvider = thinProvider("file-cleanup", "fileCleanupOperations");

export class FileCleanup extends pulumi.dynamic.Resource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly functionSids: pulumi.Output<string[]>;
  declare readonly assetSids: pulumi.Output<string[]>;

  constructor(name: string, args: FileCleanupArgs, opts?: pulumi.CustomResourceOptions) {
    super(fileCleanupProvider, name, args, opts, "twilio-serverless", "FileCleanup");
  }
}
