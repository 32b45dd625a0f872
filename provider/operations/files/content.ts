/**
 * What one Function or Asset entry needs before any API call, shared by the per-file resources
 * (Function, Asset) and FileSet: checks of its content and settings, the content hash, the
 * default content type, and the upload it becomes.
 */
import { createHash } from "node:crypto";
import { createReadStream, promises as fs, constants as fsConstants } from "node:fs";
import * as path from "node:path";
import { lookup as mimeLookup } from "mime-types";
import type { FileKind } from "../../client/api/files";
import type { VersionContent, VersionUpload } from "../../client/upload";
import { isUnknown, UNKNOWN } from "../common";
import { sizeProblem, VISIBILITIES, type Visibility } from "../../rules";
import type { InputChecker } from "../validate";

export const FUNCTION_CONTENT_TYPE = "application/javascript";
const CONTENT_TYPE_PATTERN = /^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/;

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

/**
 * Checks `source` (exists, is a readable file, within the size limit) and returns its hash.
 * A relative source is taken from `baseDir` (default: the working directory).
 */
export async function checkSource(
  checker: InputChecker,
  source: unknown,
  visibility: unknown,
  baseDir = process.cwd(),
): Promise<string | undefined> {
  if (typeof source !== "string" || source === "") {
    checker.fail("source", `source must be the path of a file, got ${JSON.stringify(source)}.`);
    return undefined;
  }
  const file = path.resolve(baseDir, source);
  let stats;
  try {
    stats = await fs.stat(file);
  } catch {
    checker.fail("source", `source file "${source}" does not exist (relative paths start at ${baseDir}).`);
    return undefined;
  }
  if (!stats.isFile()) {
    checker.fail("source", `source "${source}" is not a file.`);
    return undefined;
  }
  try {
    await fs.access(file, fsConstants.R_OK);
  } catch {
    checker.fail("source", `source file "${source}" is not readable; check its permissions.`);
    return undefined;
  }
  const tooBig = sizeProblem(`source file "${source}"`, stats.size, visibility);
  if (tooBig) {
    checker.fail("source", tooBig);
    return undefined;
  }
  return sha256OfFile(file);
}

export function checkInlineContent(checker: InputChecker, content: unknown, visibility: unknown): string | undefined {
  if (typeof content !== "string") {
    checker.fail("content", `content must be a string, got ${typeof content}.`);
    return undefined;
  }
  const size = Buffer.byteLength(content);
  const tooBig = sizeProblem("content", size, visibility);
  if (tooBig) {
    checker.fail("content", tooBig);
    return undefined;
  }
  return sha256Hex(content);
}

/** The MIME type of the first name with a known extension; unknown while a name is. */
export function defaultContentType(...names: unknown[]): string {
  for (const name of names) {
    if (typeof name === "string" && !isUnknown(name)) {
      const type = mimeLookup(name);
      if (type) return type;
    }
  }
  if (names.some(isUnknown)) return UNKNOWN;
  return "application/octet-stream";
}

/**
 * Checks visibility and content type (Assets only) of one entry and returns both with defaults
 * filled in: visibility "public", an Asset's type from `typeFrom` (its path, then its source).
 */
export function checkVisibilityAndType(
  checker: InputChecker,
  kind: FileKind,
  fields: Record<string, unknown>,
  typeFrom: unknown[],
): { visibility: Visibility; contentType?: string } {
  checker.oneOf("visibility", VISIBILITIES);
  const visibility = (fields.visibility ?? "public") as Visibility;
  if (kind === "function") {
    if (checker.has("contentType")) {
      checker.fail("contentType", "contentType applies to Assets only; a Function is always JavaScript. Remove it.");
    }
    return { visibility };
  }
  checker.string("contentType", { pattern: CONTENT_TYPE_PATTERN, patternHint: 'use a MIME type such as "text/css"' });
  return { visibility, contentType: (fields.contentType as string | undefined) ?? defaultContentType(...typeFrom) };
}

export interface VersionSpec {
  path: string;
  visibility: Visibility;
  /** A file (relative to `baseDir`) … */
  source?: string;
  /** … or inline text. */
  content?: string;
  contentType?: string;
}

/** The upload of a new Version for this spec. */
export function versionUpload(spec: VersionSpec, baseDir = process.cwd()): VersionUpload {
  const content: VersionContent =
    spec.source !== undefined ? { file: path.resolve(baseDir, spec.source) } : { text: spec.content ?? "" };
  return {
    path: spec.path,
    visibility: spec.visibility,
    content,
    contentType: spec.contentType ?? FUNCTION_CONTENT_TYPE,
  };
}
