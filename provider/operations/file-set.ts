/**
 * FileSet: the Functions and Assets of a project as one resource. A resource per file costs the
 * Pulumi engine about 27 ms per file on every `pulumi up`, changed or not (BENCHMARKS.md);
 * one resource for all files keeps a no-op or a one-file change flat in N, while the preview
 * still names each changed file (see files/set-entries.ts for how).
 *
 * Each file is a Function or Asset named after its served path (friendlyName = path, as the
 * per-file resources of ServerlessApp are). Create and update upload only new and changed
 * files, through the client's bound on requests in flight. Update never deletes: a file removed
 * from the set is still served by the Build that environments run until the new one is deployed,
 * so its container is deleted afterwards by FileCleanup (file-cleanup.ts). Delete removes every
 * container the set holds.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import { deleteFile, type FileKind } from "../client/api/files";
import { filesOfRun } from "../client/api/run-lists";
import type { FileResource } from "../client/api/types";
import { GONE, isUnknown, sameValue, type ResourceOperations } from "./common";
import { findUnrecordedFiles } from "./files/containers";
import { listedFile } from "./files/drift";
import { versionUpload } from "./files/content";
import { forEachSettled } from "./settled";
import { builtVersions } from "./retention";
import { reconcileFile, type ReconcileContext } from "./files/reconcile";
import { refreshVersion } from "./files/refresh";
import {
  baseDirOf,
  changedPaths,
  checkFileSet,
  entriesOf,
  inputsOf,
  plansOf,
  type DeployedEntry,
  type FileSetEntry,
  type FileSetInputs,
  type FileSetOutputs,
} from "./files/set-entries";

export type { DeployedEntry, FileSetEntry, FileSetInputs, FileSetOutputs } from "./files/set-entries";

export interface FileSetEntryArgs {
  kind: "function" | "asset";
  /** The file to upload; relative paths start at `directory` (else the working directory). */
  source: string;
  /** "public" (default), "protected" or "private". */
  visibility?: "public" | "protected" | "private";
  /** Assets only: the MIME type; default from the path's (or source's) extension. */
  contentType?: string;
}

export interface FileSetArgs {
  /** Changing it replaces the set (every file is made again in the new Service). */
  serviceSid: pulumi.Input<string>;
  /** Served path ("/hello", "/img/logo.png") → the file served there. */
  files: pulumi.Input<Record<string, pulumi.Input<FileSetEntryArgs>>>;
  /** Where relative sources are; keeps absolute paths (which differ per machine) out of the state. */
  directory?: pulumi.Input<string>;
}

function outputsOf(
  inputs: { serviceSid: string; directory?: string },
  files: Record<string, DeployedEntry>,
): FileSetOutputs {
  const paths = Object.keys(files).sort();
  const versions = (kind: FileSetEntry["kind"]) =>
    paths.filter((p) => files[p].kind === kind).map((p) => files[p].versionSid);
  const outputs: FileSetOutputs = {
    serviceSid: inputs.serviceSid,
    files: {},
    functionVersions: versions("function"),
    assetVersions: versions("asset"),
  };
  if (inputs.directory !== undefined) outputs.directory = inputs.directory;
  for (const servedPath of paths) outputs.files[servedPath] = files[servedPath];
  return outputs;
}

/**
 * Brings what is deployed to what the inputs say, one file entry at a time (files/entry.ts plans,
 * files/reconcile.ts carries out: keep, renew unless a Build holds it, upload into the existing
 * container, create or take over). Paths no longer in the inputs are left for FileCleanup.
 *
 * A dynamic provider cannot return outputs together with an error, so when some files fail
 * the state keeps the previous outputs. What the failed attempt did is then not recorded, and
 * the next attempt converges without duplicates: Versions it uploaded are uploaded again (the
 * unrecorded ones are in no Build: harmless, and Twilio removes them after 7 days), and
 * containers it made for new paths hold no Version any Build has, so the next attempt takes
 * them over by friendly name instead of making a second one.
 */
async function deploy(news: FileSetInputs, deployed: Record<string, DeployedEntry>): Promise<FileSetOutputs> {
  const { serviceSid } = news;
  const baseDir = baseDirOf(news);
  const desired = entriesOf(news);
  const plans = plansOf(deployed, desired);
  const items = [...desired].map(([servedPath, entry]) => {
    const plan = plans.get(servedPath);
    if (typeof entry === "string" || plan === undefined)
      throw new Error(`files["${servedPath}"] is not known; it must be by the time of a deploy.`);
    return { servedPath, entry, plan };
  });
  const unrecorded: Partial<Record<FileKind, Promise<Map<string, FileResource>>>> = {};
  let kept: Promise<Set<string>> | undefined;
  const context: ReconcileContext = {
    serviceSid,
    /** Listed only when a kept Version may expire. */
    keptVersions: () => (kept ??= builtVersions(serviceSid)),
    /** One listing per kind for all new paths, made only when there are any. */
    unrecorded: async (kind, friendlyName) =>
      (
        await (unrecorded[kind] ??= findUnrecordedFiles(
          kind,
          serviceSid,
          items.filter((item) => item.plan === "create" && item.entry.kind === kind).map((item) => item.servedPath),
        ))
      ).get(friendlyName),
  };

  const files: Record<string, DeployedEntry> = {};
  await forEachSettled(
    items,
    (item) => item.servedPath,
    "Uploading",
    async ({ servedPath, entry, plan }) => {
      const recorded: DeployedEntry | undefined = deployed[servedPath];
      const upload = () =>
        versionUpload(
          { path: servedPath, visibility: entry.visibility, source: entry.source, contentType: entry.contentType },
          baseDir,
        );
      const file = await reconcileFile(plan, { kind: entry.kind, friendlyName: servedPath, recorded, upload }, context);
      files[servedPath] =
        file.uploaded || !recorded
          ? {
              ...entry,
              sid: file.sid,
              versionSid: file.versionSid,
              path: servedPath,
              versionCreated: file.versionCreated,
              versionBuilt: false,
            }
          : {
              ...recorded,
              source: entry.source,
              ...(file.versionBuilt !== undefined && { versionBuilt: file.versionBuilt }),
            };
    },
  );
  return outputsOf(news, files);
}

export const fileSetOperations: ResourceOperations<FileSetInputs, FileSetOutputs> = {
  check: (_olds, news) => checkFileSet(news),

  async diff(_id, olds, news) {
    const replaces = isUnknown(news.serviceSid) || news.serviceSid !== olds.serviceSid ? ["serviceSid"] : [];
    const inputs = news as unknown as Record<string, unknown>;
    const deployed = olds.files ?? {};
    const desired = entriesOf(news);
    const plans = plansOf(deployed, desired);
    const changes =
      replaces.length > 0 ||
      isUnknown(inputs.files) ||
      !sameValue(olds.directory, news.directory) ||
      changedPaths(deployed, desired, plans).length > 0 ||
      // A Version Twilio may delete before this up's Build holds it: the update checks and renews it.
      [...plans.values()].includes("renew");
    return { changes, replaces };
  },

  async create(inputs) {
    const outs = await deploy(inputs, {});
    return { id: `${inputs.serviceSid}/files`, outs };
  },

  async read(id, props) {
    const entries = Object.entries(props.files ?? {});
    const existing = new Map<FileKind, Set<string>>();
    const kinds = [...new Set(entries.map(([, entry]) => entry.kind))];
    // The lists the reads below use, all at once (each is made once per provider run).
    const [listings, builtOrGone] = await Promise.all([
      Promise.all(kinds.map((kind) => unlessNotFound(() => filesOfRun(kind, props.serviceSid)))),
      entries.length > 0 ? unlessNotFound(() => builtVersions(props.serviceSid)) : new Set<string>(),
    ]);
    for (const [index, listed] of listings.entries()) {
      if (!listed) return GONE;
      existing.set(kinds[index], new Set(listed.map((file) => file.sid)));
    }
    const built = builtOrGone ?? new Set<string>();
    const files: Record<string, DeployedEntry> = {};
    await Promise.all(
      entries.map(async ([servedPath, entry]) => {
        const kind = entry.kind;
        // A container deleted outside Pulumi (or by Twilio's retention) drops out of the map: the next up makes it again.
        if (!existing.get(kind)!.has(entry.sid) && !(await listedFile(kind, props.serviceSid, entry.sid))) return;
        files[servedPath] = { ...entry, ...(await refreshVersion(kind, props.serviceSid, entry, async () => built)) };
      }),
    );
    const outputs = outputsOf(props, files);
    // The inputs too, so that the next preview shows the drift line by line.
    return { id, props: outputs, inputs: inputsOf(outputs) };
  },

  async update(_id, olds, news) {
    return { outs: await deploy(news, olds.files ?? {}) };
  },

  async delete(_id, props) {
    const client = getClient();
    const entries = Object.entries(props.files ?? {});
    await forEachSettled(
      entries,
      ([servedPath]) => servedPath,
      "Deleting",
      async ([, entry]) => {
        await unlessNotFound(() => deleteFile(client, entry.kind, props.serviceSid, entry.sid));
      },
    );
  },
};
