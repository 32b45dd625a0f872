/**
 * The logic Function and Asset share: a named container whose content lives in immutable
 * Versions. A new Version is uploaded only when content, path, visibility (or an asset's
 * content type) changed, or when Twilio may have deleted the recorded one (retention.ts: no
 * Build holds it and it is nearly 7 days old); a friendlyName change only renames.
 */
import { getClient, unlessNotFound } from "../client";
import { deleteFile, renameFile, type FileKind } from "../client/api/files";
import { GONE, changedFields, diffByRules, diffRulesOf, isUnknown, UNKNOWN, type ResourceOperations } from "./common";
import { findUnrecordedFiles } from "./files/containers";
import { listedFile } from "./files/drift";
import { checkInlineContent, checkSource, checkVisibilityAndType, versionUpload } from "./files/content";
import { FILE_KIND_NAMES, FRIENDLY_NAME } from "../rules";
import { InputChecker } from "./validate";
import { builtVersions } from "./retention";
import { planFile, type RecordedFile, type WantedVersion } from "./files/entry";
import { reconcileFile, type ReconcileContext, type ReconciledFile } from "./files/reconcile";
import { refreshVersion } from "./files/refresh";
import { type InputsOf, type OutputsOf } from "../schema/fields";
import { ASSET, FUNCTION } from "../schema/resources";

/** An Asset's fields; a Function has all but contentType (schema/resources.ts). */
export type ServerlessFileInputs = Omit<InputsOf<typeof ASSET>, "contentType"> & { contentType?: string };
export type ServerlessFileOutputs = Omit<OutputsOf<typeof ASSET>, "contentType"> & { contentType?: string };

/** The outputs as one file entry (files/entry.ts): the container is `sid`, else the resource id. */
function recordedOf(kind: FileKind, id: string, outputs: ServerlessFileOutputs): RecordedFile {
  return {
    kind,
    sid: outputs.sid || id,
    versionSid: outputs.latestVersionSid,
    path: outputs.path,
    visibility: outputs.visibility,
    contentType: outputs.contentType,
    contentHash: outputs.contentHash,
    versionCreated: outputs.latestVersionCreated,
    versionBuilt: outputs.latestVersionBuilt,
  };
}

function wantedOf(kind: FileKind, inputs: ServerlessFileInputs): WantedVersion {
  const { path, visibility, contentType, contentHash } = inputs;
  return { kind, path, visibility, contentType, contentHash };
}

/** The outputs of a file whose plan was carried out (files/reconcile.ts). */
function outputsOf(inputs: ServerlessFileInputs, file: ReconciledFile): ServerlessFileOutputs {
  const outputs: ServerlessFileOutputs = { ...inputs, sid: file.sid, latestVersionSid: file.versionSid };
  if (file.versionCreated !== undefined) outputs.latestVersionCreated = file.versionCreated;
  if (file.versionBuilt !== undefined) outputs.latestVersionBuilt = file.versionBuilt;
  return outputs;
}

/** A per-file resource's deploy: it lists only when its plan needs it. */
function contextOf(serviceSid: string): ReconcileContext {
  return {
    serviceSid,
    keptVersions: () => builtVersions(serviceSid),
    unrecorded: async (kind, friendlyName) =>
      (await findUnrecordedFiles(kind, serviceSid, [friendlyName])).get(friendlyName),
  };
}

export function fileOperations(kind: FileKind): ResourceOperations<ServerlessFileInputs, ServerlessFileOutputs> {
  // Those of the Version (files/entry.ts plans the upload), the name (a rename), and source/content
  // themselves, so a moved file shows as an (API-free) update: the schema says which (schema/resources.ts).
  const rules = diffRulesOf<ServerlessFileInputs>(kind === "asset" ? ASSET : FUNCTION);

  return {
    async check(_olds, news) {
      const checker = new InputChecker(news);
      checker.sid("serviceSid", "ZS");
      checker.string("friendlyName", { required: true, ...FRIENDLY_NAME });
      checker.servedPath("path");
      const { visibility, contentType } = checkVisibilityAndType(checker, kind, news, [news.path, news.source]);
      const inputs: Record<string, unknown> = { ...news, visibility };
      if (contentType !== undefined) inputs.contentType = contentType;
      const hasSource = checker.has("source");
      const hasContent = checker.has("content");
      if (hasSource && hasContent) {
        checker.fail("source", "set either source (a file) or content (inline text), not both.");
      } else if (!hasSource && !hasContent) {
        checker.fail(
          "source",
          `set source (the path of a file) or content (inline text) for the ${FILE_KIND_NAMES[kind]}.`,
        );
      } else if (isUnknown(news.source) || isUnknown(news.content)) {
        inputs.contentHash = UNKNOWN;
      } else {
        const hash = hasSource
          ? await checkSource(checker, news.source, visibility)
          : checkInlineContent(checker, news.content, visibility);
        if (hash) inputs.contentHash = hash;
      }
      return { inputs: inputs as unknown as ServerlessFileInputs, failures: checker.failures };
    },

    async diff(id, olds, news) {
      const result = diffByRules(olds as unknown as Record<string, unknown>, news, rules);
      // A Version Twilio may delete before this up's Build holds it: the update checks and renews it.
      if (result.changes || planFile(recordedOf(kind, id, olds), wantedOf(kind, news), news.path) !== "renew")
        return result;
      return { ...result, changes: true };
    },

    async create(inputs) {
      const made = await reconcileFile(
        "create",
        { kind, friendlyName: inputs.friendlyName, upload: () => versionUpload(inputs) },
        contextOf(inputs.serviceSid),
      );
      return { id: made.sid, outs: outputsOf(inputs, made) };
    },

    async read(id, props) {
      const recorded = recordedOf(kind, id, props);
      const file = await unlessNotFound(() => listedFile(kind, props.serviceSid, recorded.sid));
      if (!file) return GONE;
      const version = await refreshVersion(kind, props.serviceSid, recorded, () => builtVersions(props.serviceSid));
      const outputs: ServerlessFileOutputs = {
        ...props,
        friendlyName: file.friendly_name,
        latestVersionSid: version.versionSid,
        contentHash: version.contentHash,
        latestVersionCreated: version.versionCreated,
        latestVersionBuilt: version.versionBuilt,
      };
      if (version.path !== undefined) outputs.path = version.path;
      if (version.visibility !== undefined) outputs.visibility = version.visibility;
      return { id, props: outputs };
    },

    async update(id, olds, news) {
      const recorded = recordedOf(kind, id, olds);
      const plan = planFile(recorded, wantedOf(kind, news), news.path);
      const file = await reconcileFile(
        plan,
        { kind, friendlyName: news.friendlyName, recorded, upload: () => versionUpload(news) },
        contextOf(news.serviceSid),
      );
      // A container made again already has the new friendly name.
      const renamed = changedFields(olds as unknown as Record<string, unknown>, news, rules).includes("friendlyName");
      if (renamed && file.sid === recorded.sid)
        await renameFile(getClient(), kind, news.serviceSid, file.sid, news.friendlyName);
      return { outs: outputsOf(news, file) };
    },

    async delete(id, props) {
      await unlessNotFound(() => deleteFile(getClient(), kind, props.serviceSid, props.sid || id));
    },
  };
}
