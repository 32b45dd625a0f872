/**
 * The logic Function and Asset share: a named container whose content lives in immutable
 * Versions. A new Version is uploaded only when content, path, visibility (or an asset's
 * content type) changed; a friendlyName change only renames.
 */
import * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import { createVersion, deleteFile, fetchFile, renameFile, type FileKind } from "../client/api/files";
import { GONE, changedFields, diffByRules, isUnknown, UNKNOWN, DynamicResource, type DiffRules, type ResourceOperations } from "./common";
import { createWithVersion, findUnrecordedFiles, readLatestVersion } from "./file-containers";
import { checkInlineContent, checkSource, checkVisibilityAndType, versionUpload } from "./file-content";
import { FILE_KIND_NAMES, FRIENDLY_NAME, type Visibility } from "../rules";
import { InputChecker } from "./validate";

export interface ServerlessFileInputs {
  serviceSid: string;
  friendlyName: string;
  path: string;
  visibility: Visibility;
  source?: string;
  content?: string;
  /** sha256 (hex) of the content, computed by `check`. */
  contentHash: string;
  /** Assets only. */
  contentType?: string;
}

export interface ServerlessFileOutputs extends ServerlessFileInputs {
  sid: string;
  latestVersionSid: string;
}

export function fileOperations(kind: FileKind): ResourceOperations<ServerlessFileInputs, ServerlessFileOutputs> {
  const versionFields: (keyof ServerlessFileInputs & string)[] = ["contentHash", "path", "visibility"];
  if (kind === "asset") versionFields.push("contentType");
  const rules: DiffRules<ServerlessFileInputs> = {
    replace: ["serviceSid"],
    // source/content themselves are compared too, so a moved file shows as an (API-free) update.
    update: ["friendlyName", ...versionFields, "source", "content"],
  };

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
        checker.fail("source", `set source (the path of a file) or content (inline text) for the ${FILE_KIND_NAMES[kind]}.`);
      } else if (isUnknown(news.source) || isUnknown(news.content)) {
        inputs.contentHash = UNKNOWN;
      } else {
        const hash = hasSource ? await checkSource(checker, news.source, visibility) : checkInlineContent(checker, news.content, visibility);
        if (hash) inputs.contentHash = hash;
      }
      return { inputs: inputs as unknown as ServerlessFileInputs, failures: checker.failures };
    },

    async diff(_id, olds, news) {
      return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
    },

    async create(inputs) {
      const unrecorded = await findUnrecordedFiles(kind, inputs.serviceSid, [inputs.friendlyName]);
      const made = await createWithVersion(kind, inputs.serviceSid, inputs.friendlyName, versionUpload(inputs), unrecorded.get(inputs.friendlyName));
      return { id: made.sid, outs: { ...inputs, sid: made.sid, latestVersionSid: made.versionSid } };
    },

    async read(id, props) {
      const file = await unlessNotFound(() => fetchFile(getClient(), kind, props.serviceSid, id));
      if (!file) return GONE;
      const outputs: ServerlessFileOutputs = { ...props, friendlyName: file.friendly_name };
      const latest = await readLatestVersion(kind, props.serviceSid, id, { versionSid: props.latestVersionSid, contentHash: props.contentHash });
      if (!latest) {
        // No Version at all: nothing is served; an update uploads one again.
        return { id, props: { ...outputs, latestVersionSid: "", contentHash: "" } };
      }
      return {
        id,
        props: { ...outputs, path: latest.path, visibility: latest.visibility, latestVersionSid: latest.versionSid, contentHash: latest.contentHash },
      };
    },

    async update(id, olds, news) {
      const client = getClient();
      const changed = changedFields(olds as unknown as Record<string, unknown>, news, rules);
      let latestVersionSid = olds.latestVersionSid;
      if (changed.includes("friendlyName")) {
        await renameFile(client, kind, news.serviceSid, id, news.friendlyName);
      }
      if (changed.some((field) => (versionFields as string[]).includes(field)) || !latestVersionSid) {
        latestVersionSid = (await createVersion(client, kind, news.serviceSid, id, versionUpload(news))).sid;
      }
      return { outs: { ...news, sid: id, latestVersionSid } };
    },

    async delete(id, props) {
      await unlessNotFound(() => deleteFile(getClient(), kind, props.serviceSid, id));
    },
  };
}

/** The outputs Function and Asset share (each class adds its own). */
export abstract class ServerlessFileResource extends DynamicResource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly path: pulumi.Output<string>;
  declare readonly visibility: pulumi.Output<Visibility>;
  declare readonly source: pulumi.Output<string | undefined>;
  declare readonly content: pulumi.Output<string | undefined>;
  declare readonly sid: pulumi.Output<string>;
  declare readonly latestVersionSid: pulumi.Output<string>;
  /** sha256 (hex) of the uploaded content; for an Asset "unreadable:ZN…" after a refresh found a Version made elsewhere. */
  declare readonly contentHash: pulumi.Output<string>;

  protected constructor(
    providerModuleText: string,
    type: "Function" | "Asset",
    name: string,
    args: object,
    opts?: pulumi.CustomResourceOptions,
  ) {
    const outputs = { visibility: undefined, source: undefined, content: undefined, sid: undefined, latestVersionSid: undefined };
    super(providerModuleText, type, name, { ...outputs, ...args, contentHash: undefined }, opts);
  }
}
