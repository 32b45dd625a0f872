/**
 * The logic Function and Asset share: a named container whose content lives in immutable
 * Versions. A new Version is uploaded only when content, path, visibility (or an asset's
 * content type) changed, or when Twilio may have deleted the recorded one (retention.ts: no
 * Build holds it and it is nearly 7 days old); a friendlyName change only renames.
 */
import * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import { deleteFile, renameFile, type FileKind } from "../client/api/files";
import {
  GONE,
  changedFields,
  diffByRules,
  diffRulesOf,
  isUnknown,
  UNKNOWN,
  DynamicResource,
  type ResourceOperations,
} from "./common";
import { createWithVersion, findUnrecordedFiles, uploadVersion, type ContainerVersion } from "./file-containers";
import { listedFile, readCurrentVersion } from "./file-drift";
import { checkInlineContent, checkSource, checkVisibilityAndType, versionUpload } from "./file-content";
import { FILE_KIND_NAMES, FRIENDLY_NAME } from "../rules";
import { InputChecker } from "./validate";
import { registeredProperties, type InputsOf, type OutputPropertiesOf, type OutputsOf } from "../schema/fields";
import { ASSET, FUNCTION } from "../schema/resources";
import { builtVersions, mayExpire } from "./retention";

/** An Asset's fields; a Function has all but contentType (schema/resources.ts). */
export type ServerlessFileInputs = Omit<InputsOf<typeof ASSET>, "contentType"> & { contentType?: string };
export type ServerlessFileOutputs = Omit<OutputsOf<typeof ASSET>, "contentType"> & { contentType?: string };

/** The retention record of a file's outputs, in retention.ts's terms. */
function retentionOf(outputs: ServerlessFileOutputs) {
  return { versionCreated: outputs.latestVersionCreated, versionBuilt: outputs.latestVersionBuilt };
}

export function fileOperations(kind: FileKind): ResourceOperations<ServerlessFileInputs, ServerlessFileOutputs> {
  const versionFields: (keyof ServerlessFileInputs)[] = ["contentHash", "path", "visibility"];
  if (kind === "asset") versionFields.push("contentType");
  // source/content themselves are compared too, so a moved file shows as an (API-free) update.
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

    async diff(_id, olds, news) {
      const result = diffByRules(olds as unknown as Record<string, unknown>, news, rules);
      // A Version Twilio may delete before this up's Build holds it: the update checks and renews it.
      return result.changes || !mayExpire(retentionOf(olds)) ? result : { ...result, changes: true };
    },

    async create(inputs) {
      const unrecorded = await findUnrecordedFiles(kind, inputs.serviceSid, [inputs.friendlyName]);
      const made = await createWithVersion(
        kind,
        inputs.serviceSid,
        inputs.friendlyName,
        versionUpload(inputs),
        unrecorded.get(inputs.friendlyName),
      );
      return { id: made.sid, outs: outputsOf(inputs, made) };
    },

    async read(id, props) {
      const sid = props.sid || id;
      const file = await unlessNotFound(() => listedFile(kind, props.serviceSid, sid));
      if (!file) return GONE;
      const outputs: ServerlessFileOutputs = { ...props, friendlyName: file.friendly_name };
      const latest = await readCurrentVersion(kind, props.serviceSid, sid, {
        versionSid: props.latestVersionSid,
        contentHash: props.contentHash,
      });
      if (!latest) {
        // No Version at all: nothing is served; an update uploads one again.
        return {
          id,
          props: {
            ...outputs,
            latestVersionSid: "",
            contentHash: "",
            latestVersionCreated: "",
            latestVersionBuilt: false,
          },
        };
      }
      const built = (await builtVersions(props.serviceSid)).has(latest.versionSid);
      return {
        id,
        props: {
          ...outputs,
          path: latest.path,
          visibility: latest.visibility,
          latestVersionSid: latest.versionSid,
          contentHash: latest.contentHash,
          latestVersionCreated: latest.created,
          latestVersionBuilt: built,
        },
      };
    },

    async update(id, olds, news) {
      const sid = olds.sid || id;
      const changed = changedFields(olds as unknown as Record<string, unknown>, news, rules);
      let upload = changed.some((field) => (versionFields as string[]).includes(field)) || !olds.latestVersionSid;
      let latestVersionBuilt = olds.latestVersionBuilt;
      const expired = !upload && mayExpire(retentionOf(olds));
      if (expired) {
        // Kept only when a Build holds it; else Twilio deletes it (or did): upload it again.
        latestVersionBuilt = (await builtVersions(news.serviceSid)).has(olds.latestVersionSid);
        upload = !latestVersionBuilt;
      }
      if (upload) {
        const made = await uploadVersion(kind, news.serviceSid, sid, news.friendlyName, versionUpload(news), expired);
        // A container made again already has the new friendly name.
        if (made.sid === sid && changed.includes("friendlyName"))
          await renameFile(getClient(), kind, news.serviceSid, sid, news.friendlyName);
        return { outs: outputsOf(news, made) };
      }
      if (changed.includes("friendlyName"))
        await renameFile(getClient(), kind, news.serviceSid, sid, news.friendlyName);
      const outs: ServerlessFileOutputs = { ...news, sid, latestVersionSid: olds.latestVersionSid };
      if (olds.latestVersionCreated !== undefined) outs.latestVersionCreated = olds.latestVersionCreated;
      if (latestVersionBuilt !== undefined) outs.latestVersionBuilt = latestVersionBuilt;
      return { outs };
    },

    async delete(id, props) {
      await unlessNotFound(() => deleteFile(getClient(), kind, props.serviceSid, props.sid || id));
    },
  };
}

/** The outputs of a file whose container and new Version were just made. */
function outputsOf(inputs: ServerlessFileInputs, made: ContainerVersion): ServerlessFileOutputs {
  return {
    ...inputs,
    sid: made.sid,
    latestVersionSid: made.versionSid,
    latestVersionCreated: made.versionCreated,
    latestVersionBuilt: false,
  };
}

/** The Function and Asset classes; their Output properties come from the schema (resources.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class ServerlessFileResource extends DynamicResource {
  protected constructor(
    providerModuleText: string,
    spec: typeof FUNCTION | typeof ASSET,
    name: string,
    args: object,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(providerModuleText, spec.name, name, registeredProperties(spec, args), opts);
  }
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ServerlessFileResource extends OutputPropertiesOf<typeof FUNCTION> {}
