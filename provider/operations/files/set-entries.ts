/**
 * FileSet's inputs, without API calls: how `check` validates and hashes each file, and the shape
 * it stores them in.
 *
 * Dynamic providers (Pulumi 3.248) cannot return a detailed diff, so the CLI diffs the stored
 * inputs itself: it names every changed top-level key on the summary line and, with `--diff`,
 * prints every key, the unchanged ones as context. So `check` stores each file as a top-level
 * key (its served path, which always starts with "/" and so never meets `serviceSid` or
 * `directory`) holding one line of text:
 *
 *     ~ FileSet app update [diff: ~/hello]                        (pulumi preview)
 *     ~ /hello: "function | public | sha256:fb6f… | functions/hello.js" => "… sha256:87b9… …"
 *
 * A map of objects would print seven lines per file, and the summary would say only `~files`.
 */
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import { ConcurrencyLimit } from "../../client/retry";
import { containsUnknown, isUnknown, UNKNOWN } from "../common";
import { checkSource, checkVisibilityAndType } from "./content";
import { FILE_KINDS, servedPathProblem, type FileKind, type Visibility } from "../../rules";
import { InputChecker } from "../validate";
import type { VersionRetention } from "../retention";
import { planFile, type FilePlan, type WantedVersion } from "./entry";

/** One file of the set as `check` leaves it. */
export interface FileSetEntry {
  kind: FileKind;
  visibility: Visibility;
  /** Assets only. */
  contentType?: string;
  /** sha256 (hex) of the content; after a refresh found a Version made elsewhere, as Function/Asset do. */
  contentHash: string;
  /** The file, relative to `directory` (or absolute). */
  source: string;
}

/** One file as deployed: the entry, its container and the Version this set uploaded. */
export interface DeployedEntry extends FileSetEntry, VersionRetention {
  /** The Function or Asset (ZH…). */
  sid: string;
  /** The Version the Build takes (ZN…); "" when a refresh found none. */
  versionSid: string;
  /** The path of that Version: the map key, unless it was changed outside Pulumi. */
  path: string;
}

/** The checked inputs: `serviceSid`, `directory`, and one line per served path (see `entryLine`). */
export interface FileSetInputs {
  serviceSid: string;
  directory?: string;
  [servedPath: `/${string}`]: string;
}

export interface FileSetOutputs {
  serviceSid: string;
  directory?: string;
  /** Served path → what is deployed there. */
  files: Record<string, DeployedEntry>;
  /** The Versions of the functions, for the Build (sorted by path). */
  functionVersions: string[];
  /** The Versions of the assets, for the Build (sorted by path). */
  assetVersions: string[];
}

const SEPARATOR = " | ";
const ENTRY_FIELDS = ["kind", "source", "visibility", "contentType"];
/** Files hashed at once by `check` (each holds a file descriptor). */
const HASH_CONCURRENCY = 16;

/** The stored line of an entry: kind | visibility | [contentType |] sha256:hash | source (source last: it may hold anything). */
export function entryLine(entry: FileSetEntry): string {
  const hash = /^[0-9a-f]{64}$/.test(entry.contentHash) ? `sha256:${entry.contentHash}` : entry.contentHash;
  const type = entry.kind === "asset" ? [entry.contentType ?? ""] : [];
  return [entry.kind, entry.visibility, ...type, hash, entry.source].join(SEPARATOR);
}

export function parseEntryLine(line: string): FileSetEntry {
  const parts = line.split(SEPARATOR);
  const kind = parts[0] as FileKind;
  const hashAt = kind === "asset" ? 3 : 2;
  const hash = parts[hashAt] ?? "";
  const entry: FileSetEntry = {
    kind,
    visibility: parts[1] as Visibility,
    contentHash: hash.startsWith("sha256:") ? hash.slice("sha256:".length) : hash,
    source: parts.slice(hashAt + 1).join(SEPARATOR),
  };
  if (kind === "asset") entry.contentType = parts[2];
  return entry;
}

export function isServedPathKey(key: string): key is `/${string}` {
  return key.startsWith("/");
}

/** The entries of checked inputs by served path; UNKNOWN where a preview does not know one yet. */
export function entriesOf(inputs: FileSetInputs): Map<string, FileSetEntry | typeof UNKNOWN> {
  const entries = new Map<string, FileSetEntry | typeof UNKNOWN>();
  for (const [key, line] of Object.entries(inputs)) {
    if (isServedPathKey(key)) entries.set(key, isUnknown(line) ? UNKNOWN : parseEntryLine(line));
  }
  return entries;
}

/** The checked inputs that describe these outputs (what `read` hands back, so a refresh's drift shows in the next preview). */
export function inputsOf(outputs: FileSetOutputs): FileSetInputs {
  const inputs: FileSetInputs = { serviceSid: outputs.serviceSid };
  if (outputs.directory !== undefined) inputs.directory = outputs.directory;
  for (const [servedPath, entry] of Object.entries(outputs.files)) {
    if (isServedPathKey(servedPath)) inputs[servedPath] = entryLine(entry);
  }
  return inputs;
}

/** Where relative sources are taken from. */
export function baseDirOf(inputs: { directory?: string }): string {
  return inputs.directory ? path.resolve(inputs.directory) : process.cwd();
}

/** What an entry wants served at `servedPath`, in files/entry.ts's terms. */
export function wantedAt(servedPath: string, entry: FileSetEntry): WantedVersion {
  const { kind, visibility, contentType, contentHash } = entry;
  return { kind, path: servedPath, visibility, contentType, contentHash };
}

/** Each wanted path's plan (files/entry.ts; no HTTP); undefined where a preview does not know the entry yet. */
export function plansOf(
  deployed: Record<string, DeployedEntry>,
  desired: Map<string, FileSetEntry | typeof UNKNOWN>,
): Map<string, FilePlan | undefined> {
  const plans = new Map<string, FilePlan | undefined>();
  for (const [servedPath, entry] of desired) {
    plans.set(
      servedPath,
      typeof entry === "string" ? undefined : planFile(deployed[servedPath], wantedAt(servedPath, entry), servedPath),
    );
  }
  return plans;
}

/** Served paths that are new, gone, or differ (in content or in anything stored, the source included). */
export function changedPaths(
  deployed: Record<string, DeployedEntry>,
  desired: Map<string, FileSetEntry | typeof UNKNOWN>,
  plans = plansOf(deployed, desired),
): string[] {
  const changed = new Set(Object.keys(deployed).filter((servedPath) => !desired.has(servedPath)));
  for (const [servedPath, entry] of desired) {
    const plan = plans.get(servedPath);
    const served = plan === "up to date" || plan === "renew";
    if (typeof entry === "string" || !served || deployed[servedPath]?.source !== entry.source) changed.add(servedPath);
  }
  return [...changed].sort();
}

/** A failure about one entry, named `files["/x"].field` as the user wrote it. */
function entryFailure(label: string, failure: pulumi.dynamic.CheckFailure): pulumi.dynamic.CheckFailure {
  const { property, reason } = failure;
  // Most reasons begin with the field's name: "visibility must be one of …".
  const rest = reason.startsWith(`${property} `) ? reason.slice(property.length) : `: ${reason}`;
  return { property: "files", reason: `${label}.${property}${rest}` };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

interface CheckedEntry {
  /** The stored line; UNKNOWN while a preview does not know the entry; undefined after failures. */
  line?: string;
  failures: pulumi.dynamic.CheckFailure[];
}

async function checkEntry(servedPath: string, spec: unknown, baseDir: string): Promise<CheckedEntry> {
  const failures: pulumi.dynamic.CheckFailure[] = [];
  const label = `files[${JSON.stringify(servedPath)}]`;
  const pathProblem = servedPathProblem(servedPath);
  if (pathProblem)
    failures.push({
      property: "files",
      reason: `${label}: the served path ${JSON.stringify(servedPath)} ${pathProblem}`,
    });
  if (isUnknown(spec)) return { line: UNKNOWN, failures };
  if (!isPlainObject(spec)) {
    failures.push({
      property: "files",
      reason: `${label} must be an object { kind, source, visibility?, contentType? }, got ${JSON.stringify(spec)}.`,
    });
    return { failures };
  }
  const checker = new InputChecker(spec);
  for (const field of Object.keys(spec)) {
    if (!ENTRY_FIELDS.includes(field))
      checker.fail(field, `${field} is not a field of a FileSet entry; use ${ENTRY_FIELDS.join(", ")}.`);
  }
  let typed: { visibility: Visibility; contentType?: string } | undefined;
  if (!checker.has("kind")) {
    checker.fail("kind", 'kind is required: "function" or "asset".');
  } else {
    checker.oneOf("kind", FILE_KINDS);
    if (FILE_KINDS.includes(spec.kind as FileKind)) {
      typed = checkVisibilityAndType(checker, spec.kind as FileKind, spec, [servedPath, spec.source]);
      if (typed.contentType?.includes("|")) checker.fail("contentType", 'contentType must not contain "|".');
    }
  }
  if (containsUnknown(spec) || baseDir === UNKNOWN) {
    failures.push(...checker.failures.map((failure) => entryFailure(label, failure)));
    return { line: UNKNOWN, failures };
  }
  const contentHash = await checkSource(checker, spec.source, typed?.visibility, baseDir);
  failures.push(...checker.failures.map((failure) => entryFailure(label, failure)));
  if (failures.length > 0 || !typed || contentHash === undefined) return { failures };
  return {
    line: entryLine({ kind: spec.kind as FileKind, ...typed, contentHash, source: spec.source as string }),
    failures,
  };
}

/** FileSet's `check`: every entry validated (failures name `files["/x"].field`) and hashed. */
export async function checkFileSet(news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult<FileSetInputs>> {
  const checker = new InputChecker(news);
  checker.sid("serviceSid", "ZS");
  checker.string("directory", { required: false });
  const inputs: Record<string, unknown> = { serviceSid: news.serviceSid };
  if (checker.has("directory")) inputs.directory = news.directory;
  const failures = checker.failures;
  const files = news.files;
  if (isUnknown(files)) {
    inputs.files = UNKNOWN;
  } else if (!isPlainObject(files)) {
    failures.push({
      property: "files",
      reason:
        'files must be a map of served path → { kind, source, visibility?, contentType? }, e.g. { "/hello": { kind: "function", source: "functions/hello.js" } }.',
    });
  } else {
    const directory = news.directory;
    const baseDir = isUnknown(directory)
      ? UNKNOWN
      : baseDirOf({ directory: typeof directory === "string" ? directory : undefined });
    const hashing = new ConcurrencyLimit(HASH_CONCURRENCY);
    const checked = await Promise.all(
      Object.entries(files).map(([servedPath, spec]) => hashing.run(() => checkEntry(servedPath, spec, baseDir))),
    );
    Object.keys(files).forEach((servedPath, index) => {
      const { line, failures: entryFailures } = checked[index];
      failures.push(...entryFailures);
      if (line !== undefined) inputs[servedPath] = line;
    });
  }
  return { inputs: inputs as unknown as FileSetInputs, failures };
}
