/**
 * The logic Function and Asset share: a named container whose content lives in immutable
 * Versions. A new Version is uploaded only when content, path, visibility (or an asset's
 * content type) changed; a friendlyName change only renames.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createReadStream, promises as fs, constants as fsConstants } from "node:fs";
import { lookup as mimeLookup } from "mime-types";
import { currentProviderRun, getClient, unlessNotFound } from "../client";
import {
  createFile,
  createVersion,
  deleteFile,
  fetchFile,
  fetchFunctionVersionContent,
  latestVersion,
  listFiles,
  listVersions,
  renameFile,
  type FileKind,
} from "../client/api/files";
import { listBuilds, versionSids } from "../client/api/builds";
import type { FileResource } from "../client/api/types";
import type { VersionContent, VersionUpload, Visibility } from "../client/upload";
import { GONE, cleanupAfter, changedFields, diffByRules, isUnknown, UNKNOWN, type DiffRules, type ResourceOperations } from "./common";
import { InputChecker, MAX_CONTENT_BYTES, MAX_FRIENDLY_NAME_LENGTH, MAX_PRIVATE_CONTENT_BYTES, VISIBILITIES } from "./validate";

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

const FUNCTION_CONTENT_TYPE = "application/javascript";

/** What an Asset's contentHash becomes on refresh when another Version appeared: its content cannot be read back. */
export function unreadableContentHash(versionSid: string): string {
  return `unreadable:${versionSid}`;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Hashes a file as a stream (assets may be large). */
export function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("error", reject)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")));
  });
}

function sizeLimit(visibility: unknown): number {
  return visibility === "private" ? MAX_PRIVATE_CONTENT_BYTES : MAX_CONTENT_BYTES;
}

function describeLimit(visibility: unknown): string {
  return visibility === "private" ? "10 MB for private content" : "25 MB";
}

/** Checks `source` (exists, is a readable file, within the size limit) and returns its hash. */
async function checkSource(checker: InputChecker, source: unknown, visibility: unknown): Promise<string | undefined> {
  if (typeof source !== "string" || source === "") {
    checker.fail("source", `source must be the path of a file, got ${JSON.stringify(source)}.`);
    return undefined;
  }
  let stats;
  try {
    stats = await fs.stat(source);
  } catch {
    checker.fail("source", `source file "${source}" does not exist (relative paths start at ${process.cwd()}).`);
    return undefined;
  }
  if (!stats.isFile()) {
    checker.fail("source", `source "${source}" is not a file.`);
    return undefined;
  }
  try {
    await fs.access(source, fsConstants.R_OK);
  } catch {
    checker.fail("source", `source file "${source}" is not readable; check its permissions.`);
    return undefined;
  }
  if (stats.size > sizeLimit(visibility)) {
    checker.fail("source", `source file "${source}" is ${stats.size} bytes; Twilio accepts at most ${describeLimit(visibility)}.`);
    return undefined;
  }
  return sha256OfFile(source);
}

function checkInlineContent(checker: InputChecker, content: unknown, visibility: unknown): string | undefined {
  if (typeof content !== "string") {
    checker.fail("content", `content must be a string, got ${typeof content}.`);
    return undefined;
  }
  const size = Buffer.byteLength(content);
  if (size > sizeLimit(visibility)) {
    checker.fail("content", `content is ${size} bytes; Twilio accepts at most ${describeLimit(visibility)}. Use a smaller file.`);
    return undefined;
  }
  return sha256Hex(content);
}

function defaultContentType(inputs: Record<string, unknown>): string | undefined {
  for (const name of [inputs.path, inputs.source]) {
    if (typeof name === "string" && !isUnknown(name)) {
      const type = mimeLookup(name);
      if (type) return type;
    }
  }
  if (isUnknown(inputs.path) || isUnknown(inputs.source)) return UNKNOWN;
  return "application/octet-stream";
}

function versionUpload(inputs: ServerlessFileInputs): VersionUpload {
  const content: VersionContent = inputs.source !== undefined ? { file: inputs.source } : { text: inputs.content ?? "" };
  return { path: inputs.path, visibility: inputs.visibility, content, contentType: inputs.contentType ?? FUNCTION_CONTENT_TYPE };
}

const listingsOfRun = new Map<string, Promise<FileResource[]>>();

/**
 * The service's Functions or Assets. Within one `pulumi up` (a provider run) they are listed
 * once: what an interrupted earlier `up` left exists before this one starts, and listing before
 * every create made a cold deploy's calls grow with N² (3,193 list pages for 800 files).
 */
function filesOfService(kind: FileKind, serviceSid: string): Promise<FileResource[]> {
  const run = currentProviderRun();
  if (run === undefined) return listFiles(getClient(), kind, serviceSid);
  const key = `${run} ${kind} ${serviceSid}`;
  let listing = listingsOfRun.get(key);
  if (!listing) {
    listing = listFiles(getClient(), kind, serviceSid);
    listingsOfRun.set(key, listing);
    listing.catch(() => listingsOfRun.delete(key));
  }
  return listing;
}

/**
 * A Function/Asset of this friendlyName that an interrupted `pulumi up` made and never recorded:
 * none of its Versions is in any Build, so nothing deployed uses it. Taking it over is what the
 * interrupted create would have done; making another would leave two of the same name.
 */
async function findUnrecordedFile(kind: FileKind, inputs: ServerlessFileInputs): Promise<FileResource | undefined> {
  const client = getClient();
  const file = (await filesOfService(kind, inputs.serviceSid)).find((candidate) => candidate.friendly_name === inputs.friendlyName);
  if (!file) return undefined;
  const versions = new Set((await listVersions(client, kind, inputs.serviceSid, file.sid)).map((version) => version.sid));
  if (versions.size === 0) return file;
  const builds = await listBuilds(client, inputs.serviceSid);
  const built = builds.some((build) =>
    [...versionSids(build.function_versions), ...versionSids(build.asset_versions)].some((sid) => versions.has(sid)),
  );
  return built ? undefined : file;
}

export function fileOperations(kind: FileKind): ResourceOperations<ServerlessFileInputs, ServerlessFileOutputs> {
  const versionFields: (keyof ServerlessFileInputs & string)[] = ["contentHash", "path", "visibility"];
  if (kind === "Asset") versionFields.push("contentType");
  const rules: DiffRules<ServerlessFileInputs> = {
    replace: ["serviceSid"],
    // source/content themselves are compared too, so a moved file shows as an (API-free) update.
    update: ["friendlyName", ...versionFields, "source", "content"],
  };

  async function readContentHash(serviceSid: string, fileSid: string, versionSid: string): Promise<string> {
    if (kind === "Asset") return unreadableContentHash(versionSid);
    return sha256Hex(await fetchFunctionVersionContent(getClient(), serviceSid, fileSid, versionSid));
  }

  return {
    async check(_olds, news) {
      const checker = new InputChecker(news);
      checker.sid("serviceSid", "ZS");
      checker.string("friendlyName", { required: true, maxLength: MAX_FRIENDLY_NAME_LENGTH });
      checker.servedPath("path");
      checker.oneOf("visibility", VISIBILITIES);
      const inputs: Record<string, unknown> = { ...news, visibility: news.visibility ?? "public" };
      if (kind === "Asset") {
        checker.string("contentType", { pattern: /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/, patternHint: 'use a MIME type such as "text/css"' });
        inputs.contentType = news.contentType ?? defaultContentType(news);
      } else if (checker.has("contentType")) {
        checker.fail("contentType", "contentType applies to Assets only; a Function is always JavaScript. Remove it.");
      }
      const hasSource = checker.has("source");
      const hasContent = checker.has("content");
      if (hasSource && hasContent) {
        checker.fail("source", "set either source (a file) or content (inline text), not both.");
      } else if (!hasSource && !hasContent) {
        checker.fail("source", `set source (the path of a file) or content (inline text) for the ${kind}.`);
      } else if (isUnknown(news.source) || isUnknown(news.content)) {
        inputs.contentHash = UNKNOWN;
      } else {
        const hash = hasSource
          ? await checkSource(checker, news.source, inputs.visibility)
          : checkInlineContent(checker, news.content, inputs.visibility);
        if (hash) inputs.contentHash = hash;
      }
      return { inputs: inputs as unknown as ServerlessFileInputs, failures: checker.failures };
    },

    async diff(_id, olds, news) {
      return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
    },

    async create(inputs) {
      const client = getClient();
      const file = (await findUnrecordedFile(kind, inputs)) ?? (await createFile(client, kind, inputs.serviceSid, inputs.friendlyName));
      try {
        const version = await createVersion(client, kind, inputs.serviceSid, file.sid, versionUpload(inputs));
        return { id: file.sid, outs: { ...inputs, sid: file.sid, latestVersionSid: version.sid } };
      } catch (error) {
        // Without a Version the object is useless and unknown to Pulumi: do not leave it behind.
        return cleanupAfter(error, () => deleteFile(client, kind, inputs.serviceSid, file.sid));
      }
    },

    async read(id, props) {
      const client = getClient();
      const file = await unlessNotFound(() => fetchFile(client, kind, props.serviceSid, id));
      if (!file) return GONE;
      const outputs: ServerlessFileOutputs = { ...props, friendlyName: file.friendly_name };
      const latest = await latestVersion(client, kind, props.serviceSid, id);
      if (!latest) {
        // No Version at all: nothing is served; an update uploads one again.
        return { id, props: { ...outputs, latestVersionSid: "", contentHash: "" } };
      }
      outputs.path = latest.path;
      outputs.visibility = latest.visibility;
      if (latest.sid !== props.latestVersionSid) {
        outputs.latestVersionSid = latest.sid;
        outputs.contentHash = await readContentHash(props.serviceSid, id, latest.sid);
      }
      return { id, props: outputs };
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
export abstract class ServerlessFileResource extends pulumi.dynamic.Resource {
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
    provider: pulumi.dynamic.ResourceProvider,
    type: "Function" | "Asset",
    name: string,
    args: object,
    opts?: pulumi.CustomResourceOptions,
  ) {
    const outputs = { visibility: undefined, source: undefined, content: undefined, sid: undefined, latestVersionSid: undefined };
    super(provider, name, { ...outputs, ...args, contentHash: undefined }, opts, "twilio-serverless", type);
  }
}
