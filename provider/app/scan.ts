/**
 * Reads a project folder laid out as the Twilio Serverless Toolkit (twilio-run) expects and
 * lists the Functions and Assets it would deploy. Pure logic over synchronous fs reads, no
 * Pulumi: a component constructor is synchronous and needs the list to declare its children.
 *
 * Rules (from `@twilio-labs/serverless-api` `dist/utils/fs.js`, which `twilio serverless:deploy`
 * uses):
 * - Functions come from the first of `functions/`, `src/` that is a directory; assets from the
 *   first of `assets/`, `static/`. Sub-folders become path segments.
 * - Only `.js` files are Functions; the `.js` is dropped from the path. Other files in the
 *   functions folder are not deployed (reported in `skipped`).
 * - Assets keep their extension.
 * - `name.protected.ext` is protected, `name.private.ext` private, anything else public; the
 *   marker is dropped from the path.
 * - Whitespace becomes `-`; a path Twilio refuses (rules.ts, servedPathProblem) is an error
 *   naming the file.
 * - Two files that land on the same path are an error.
 * Every file's problem is reported at once (InputProblems).
 */
import * as fs from "fs";
import * as path from "path";
import { servedPathProblem, type FileKind, type Visibility } from "../rules";
import { compileIgnorePattern, isIgnored, toPosix, type IgnoreMatcher } from "./ignore";
import { InputProblems } from "./problems";

export interface ScannedEntry {
  kind: FileKind;
  /** Serverless path, e.g. `/hello` or `/img/logo.png`. */
  path: string;
  visibility: Visibility;
  /** Absolute path of the file on disk. */
  file: string;
  /** The file relative to the project directory, with `/` separators (for messages). */
  relativeFile: string;
  /** Pulumi resource name derived from the path: unique within a scan, stable across runs. */
  resourceName: string;
}

export interface ScanOptions {
  /** Extra ignore patterns, added to DEFAULT_IGNORE (see matchesIgnore for the syntax). */
  ignore?: string[];
  /** Functions folder relative to the directory; default: the first of `functions`, `src`. */
  functionsFolder?: string;
  /** Assets folder relative to the directory; default: the first of `assets`, `static`. */
  assetsFolder?: string;
}

export interface ScanResult {
  directory: string;
  functionsDir?: string;
  assetsDir?: string;
  /** Sorted by path. */
  entries: ScannedEntry[];
  /** The folder's package.json `dependencies` ({} when there is none). */
  dependencies: Record<string, string>;
  /** Files in the functions folder that are not deployed (not `.js`), relative to the directory. */
  skipped: string[];
}

/** The Toolkit skips `.DS_Store`; the rest are files nobody means to deploy. */
export const DEFAULT_IGNORE: readonly string[] = [".DS_Store", "Thumbs.db", ".gitkeep", ".git", "node_modules"];

export const FUNCTION_FOLDERS: readonly string[] = ["functions", "src"];
export const ASSET_FOLDERS: readonly string[] = ["assets", "static"];

export function scanProject(directory: string, options: ScanOptions = {}): ScanResult {
  const root = path.resolve(directory);
  if (!isDirectory(root)) {
    throw new Error(
      `directory: "${directory}" is not a folder. Point it at a twilio-run style project (with functions/ and/or assets/).`,
    );
  }
  const ignore = [...DEFAULT_IGNORE, ...(options.ignore ?? [])].map(compileIgnorePattern);
  const functionsDir = findFolder(root, options.functionsFolder, FUNCTION_FOLDERS, "functionsFolder");
  const assetsDir = findFolder(root, options.assetsFolder, ASSET_FOLDERS, "assetsFolder");

  const entries: ScannedEntry[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  for (const [kind, folder] of [
    ["function", functionsDir],
    ["asset", assetsDir],
  ] as const) {
    if (!folder) continue;
    for (const file of listFiles(folder, root, ignore)) {
      const inFolder = toPosix(path.relative(folder, file));
      const relativeFile = toPosix(path.relative(root, file));
      if (kind === "function" && path.extname(file) !== ".js") {
        skipped.push(relativeFile);
        continue;
      }
      let served: ReturnType<typeof serverlessPathOf>;
      try {
        served = serverlessPathOf(inFolder, kind, relativeFile);
      } catch (error) {
        problems.push((error as Error).message);
        continue;
      }
      const { path: servedPath, visibility } = served;
      entries.push({
        kind,
        path: servedPath,
        visibility,
        file,
        relativeFile,
        resourceName: resourceNameFor(servedPath),
      });
    }
  }
  entries.sort((a, b) => compareStrings(a.path, b.path));
  problems.push(...duplicatePathProblems(entries));
  if (problems.length > 0) throw new InputProblems(problems);
  skipped.sort(compareStrings);
  return { directory: root, functionsDir, assetsDir, entries, dependencies: readDependencies(root), skipped };
}

/**
 * The path and visibility of a file, given its location inside the functions or assets folder
 * (`/`-separated). `label` names the file in errors.
 */
export function serverlessPathOf(
  fileInFolder: string,
  kind: FileKind,
  label: string = fileInFolder,
): { path: string; visibility: Visibility } {
  const segments = fileInFolder.split("/");
  const base = segments.pop() as string;
  const ext = path.extname(base);
  let stem = base.slice(0, base.length - ext.length);
  let visibility: Visibility = "public";
  const marker = /\.(protected|private)$/.exec(stem);
  if (ext !== "" && marker) {
    visibility = marker[1] as Visibility;
    stem = stem.slice(0, marker.index);
  }
  const name = kind === "function" && ext === ".js" ? stem : stem + ext;
  const servedPath = ("/" + [...segments, name].join("/")).replace(/\s/g, "-");
  validateServerlessPath(servedPath, label);
  return { path: servedPath, visibility };
}

/** Throws a clear error naming `label` (the file) when Twilio would refuse the path. */
export function validateServerlessPath(servedPath: string, label: string): void {
  if (servedPath.endsWith("/")) {
    throw new Error(
      `${label}: nothing is left of the file name once the .protected/.private marker is dropped. Give the file a name.`,
    );
  }
  // The path comes from the file's name, so renaming the file is the only fix.
  const problem = servedPathProblem(servedPath, "rename the file");
  if (problem) throw new Error(`${label}: its path "${servedPath}" ${problem}`);
}

/**
 * A Pulumi resource name for a path: the path without its leading `/` (`/img/logo.png` →
 * `img/logo.png`). Readable in a preview, and a renamed file gets a new name, so the rename
 * shows as one resource deleted and another created.
 */
export function resourceNameFor(servedPath: string): string {
  return servedPath.replace(/^\/+/, "");
}

/**
 * Packages that deploy the project and never run in a function: `pulumi new` puts them in
 * `dependencies` of the folder that is often also the functions' folder, and the Build would
 * install them on Twilio for nothing.
 */
export function isDeployTooling(name: string): boolean {
  return name.startsWith("@pulumi/") || name === "pulumi-twilio-serverless";
}

/**
 * The `dependencies` of the folder's package.json, as the Toolkit passes them to a build
 * (an empty version becomes `*`), less the deploy tooling. No package.json, or one without
 * dependencies: `{}`.
 */
export function readDependencies(directory: string): Record<string, string> {
  const file = "package.json"; // named as the user knows it, in the project folder
  let text: string;
  try {
    text = fs.readFileSync(path.join(directory, file), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw err;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `${file}: not valid JSON (${(err as Error).message}). Fix the file or pass dependencies explicitly.`,
      { cause: err },
    );
  }
  const deps = (parsed as { dependencies?: unknown } | null)?.dependencies;
  if (deps === undefined || deps === null) return {};
  if (typeof deps !== "object" || Array.isArray(deps)) {
    throw new Error(`${file}: "dependencies" must be an object of package name to version.`);
  }
  const result: Record<string, string> = {};
  for (const [name, version] of Object.entries(deps as Record<string, unknown>)) {
    if (isDeployTooling(name)) continue;
    if (typeof version !== "string") {
      throw new Error(`${file}: dependencies["${name}"] must be a version string, got ${JSON.stringify(version)}.`);
    }
    result[name] = version === "" ? "*" : version;
  }
  return result;
}

/** Files below `folder` (absolute paths), skipping ignored entries; follows symlinks, not loops. */
function listFiles(folder: string, root: string, ignore: readonly IgnoreMatcher[]): string[] {
  const files: string[] = [];
  const walk = (dir: string, ancestors: ReadonlySet<string>): void => {
    const real = fs.realpathSync(dir);
    if (ancestors.has(real)) return; // a symlink back to a folder above: a loop
    const below = new Set(ancestors).add(real);
    for (const name of fs.readdirSync(dir).sort(compareStrings)) {
      const full = path.join(dir, name);
      if (isIgnored(ignore, toPosix(path.relative(root, full)))) continue;
      const stat = fs.statSync(full, { throwIfNoEntry: false });
      if (!stat) continue; // a dangling symlink
      if (stat.isDirectory()) walk(full, below);
      else if (stat.isFile()) files.push(full);
    }
  };
  walk(folder, new Set());
  return files;
}

function findFolder(
  root: string,
  chosen: string | undefined,
  defaults: readonly string[],
  field: string,
): string | undefined {
  if (chosen !== undefined) {
    const full = path.resolve(root, chosen);
    const rel = path.relative(root, full);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
      throw new Error(`${field}: "${chosen}" must name a folder inside "${root}".`);
    }
    if (!isDirectory(full)) {
      throw new Error(
        `${field}: "${full}" is not a folder. Create it or leave ${field} unset to use the defaults (${defaults.join(", ")}).`,
      );
    }
    return full;
  }
  return defaults.map((name) => path.join(root, name)).find(isDirectory);
}

function duplicatePathProblems(sorted: readonly ScannedEntry[]): string[] {
  const problems: string[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a.path === b.path) {
      problems.push(
        `${a.relativeFile} and ${b.relativeFile} would both be served at "${a.path}" (as ${a.kind} and ${b.kind}). Rename one of them.`,
      );
    }
  }
  return problems;
}

function isDirectory(p: string): boolean {
  return fs.statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Code-unit order: stable across machines and locales. */
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
