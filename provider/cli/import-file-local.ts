/**
 * import-file --directory: the imported Functions and Assets against a local twilio-run folder,
 * read as ServerlessApp reads it (app/scan.ts). After the import, a program declares each file
 * with the local file as its content, and Twilio cannot give an Asset's content back, so:
 * - a file in the folder at its path: its local file (a Function whose text differs from the
 *   deployed Version is said: the first `pulumi up` uploads it);
 * - a Function not in the folder: written there from its deployed Version (Twilio serves a
 *   Function Version's content), where scan.ts reads it back at the same path and visibility;
 *   an existing file is never overwritten;
 * - an Asset not in the folder: said, with the file to put there before `pulumi up`;
 * - a local file nothing deployed holds: said (a program declaring it creates it).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { toPosix } from "../app/ignore";
import { InputProblems } from "../app/problems";
import {
  ASSET_FOLDERS,
  FUNCTION_FOLDERS,
  scanProject,
  serverlessPathOf,
  type ScannedEntry,
  type ScanResult,
} from "../app/scan";
import { UsageError } from "./flags";
import type { SnapshotFile } from "./import-file-json";

export interface LocalFile {
  file: SnapshotFile;
  /** The file relative to the folder (with `/`), when there is one (found or written). */
  relativeFile?: string;
  line: string;
}

export interface LocalReport {
  files: LocalFile[];
  /** Local files that no imported Build holds, relative to the folder. */
  notDeployed: string[];
}

/** Reads the deployed text of a Function's Version. */
export type FunctionContent = (file: SnapshotFile) => Promise<string>;

export async function reconcileLocalFiles(
  directory: string,
  files: SnapshotFile[],
  deployedContent: FunctionContent,
): Promise<LocalReport> {
  // A Service nobody has the code of (Functions Classic moved by Twilio): start the folder.
  let scan: ScanResult;
  try {
    fs.mkdirSync(directory, { recursive: true });
    scan = scanProject(directory);
  } catch (error) {
    const problems = error instanceof InputProblems ? error.problems : [(error as Error).message];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : "";
    throw new UsageError(`--directory ${directory}: ${problems[0]}${more}`);
  }
  const local = new Map(scan.entries.map((entry) => [`${entry.kind} ${entry.path}`, entry]));
  const report: LocalReport = { files: [], notDeployed: [] };
  for (const file of files) {
    const entry = local.get(`${file.kind} ${file.path}`);
    local.delete(`${file.kind} ${file.path}`);
    report.files.push(
      entry
        ? await found(file, entry, deployedContent)
        : await notFound(
            file,
            scan.directory,
            file.kind === "function" ? scan.functionsDir : scan.assetsDir,
            deployedContent,
          ),
    );
  }
  report.notDeployed = [...local.values()].map((entry) => entry.relativeFile);
  return report;
}

async function found(file: SnapshotFile, entry: ScannedEntry, deployedContent: FunctionContent): Promise<LocalFile> {
  const said: string[] = [];
  if (entry.visibility !== file.visibility) {
    said.push(`deployed ${file.visibility}, ${entry.visibility} here: the first \`pulumi up\` changes it`);
  }
  if (file.kind === "function" && (await deployedContent(file)) !== fs.readFileSync(entry.file, "utf8")) {
    said.push("differs from the deployed Version: the first `pulumi up` uploads it");
  }
  const line = `${file.path}: ${entry.relativeFile}${said.length ? ` (${said.join("; ")})` : ""}`;
  return { file, relativeFile: entry.relativeFile, line };
}

async function notFound(
  file: SnapshotFile,
  root: string,
  folder: string | undefined,
  deployedContent: FunctionContent,
): Promise<LocalFile> {
  const defaults = file.kind === "function" ? FUNCTION_FOLDERS : ASSET_FOLDERS;
  const base = folder ?? path.join(root, defaults[0]);
  const inFolder = fileNameFor(file);
  const relativeFile = inFolder && toPosix(path.relative(root, path.join(base, inFolder)));
  if (!inFolder || !relativeFile) {
    return { file, line: `${file.path}: not in the folder, and no file name gives this path as ${file.visibility}` };
  }
  if (file.kind === "asset") {
    return {
      file,
      line: `${file.path}: not in the folder; Twilio cannot return an Asset's content: put the file at ${relativeFile} before \`pulumi up\``,
    };
  }
  const target = path.join(base, inFolder);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, await deployedContent(file), { flag: "wx" });
  return {
    file,
    relativeFile,
    line: `${file.path}: not in the folder; written to ${relativeFile} from the deployed Version`,
  };
}

/**
 * The file name (inside the functions or assets folder) that scan.ts reads as this path and
 * visibility: `a/b.protected.js` for the protected Function `/a/b`. Undefined when none does
 * (e.g. a protected Asset without an extension).
 */
export function fileNameFor(file: Pick<SnapshotFile, "kind" | "path" | "visibility">): string | undefined {
  const marker = file.visibility === "public" ? "" : `.${file.visibility}`;
  const inFolder = file.path.replace(/^\//, "");
  const ext = file.kind === "function" ? ".js" : path.posix.extname(inFolder);
  const stem = file.kind === "function" ? inFolder : inFolder.slice(0, inFolder.length - ext.length);
  const candidate = `${stem}${marker}${ext}`;
  try {
    const back = serverlessPathOf(candidate, file.kind);
    return back.path === file.path && back.visibility === file.visibility ? candidate : undefined;
  } catch {
    return undefined;
  }
}
