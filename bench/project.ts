/**
 * The project every contender deploys: a twilio-run folder (functions/, assets/, .env) of N files
 * with mixed sizes, generated deterministically so runs and machines compare.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Twilio builds hold at most 50 Function Versions; everything past that is an asset. */
export const MAX_FUNCTIONS = 50;
/** The variable both tools set on the environment. */
export const VARIABLES = { GREETING: "Hello from the bench" };
/** The file a one-file change rewrites. */
export const CHANGED_FILE = "functions/fn-0000.js";

const ASSET_KINDS = [
  {
    folder: "css",
    ext: ".css",
    line: (i: number) => `.rule-${i} { color: #${((i * 2654435761) % 0xffffff).toString(16).padStart(6, "0")}; }\n`,
  },
  { folder: "data", ext: ".json", line: (i: number) => `${JSON.stringify({ id: i, label: `item ${i}` })}\n` },
  { folder: "img", ext: ".svg", line: (i: number) => `<rect x="${i % 97}" y="${i % 89}" width="4" height="4"/>\n` },
  { folder: "docs", ext: ".txt", line: (i: number) => `line ${i}: the quick brown fox jumps over the lazy dog\n` },
  { folder: "pages", ext: ".html", line: (i: number) => `<p id="p${i}">paragraph ${i}</p>\n` },
];

export interface GeneratedProject {
  dir: string;
  functions: number;
  assets: number;
  totalBytes: number;
}

export function functionCount(files: number): number {
  return Math.min(MAX_FUNCTIONS, Math.max(1, Math.round(files / 5)));
}

/** Mostly small files, every tenth a few KB, every fiftieth about 24 KB. */
export function fileSize(index: number): number {
  if (index % 50 === 7) return 24 * 1024;
  if (index % 10 === 3) return 3 * 1024;
  return 300 + ((index * 37) % 900);
}

/** Repeats `line` until the text reaches `size` bytes (ASCII, so length = bytes). */
function fill(header: string, size: number, line: (i: number) => string): string {
  let text = header;
  for (let i = 0; text.length < size; i++) text += line(i);
  return text.slice(0, Math.max(size, header.length));
}

export function functionSource(index: number, stamp: string): string {
  const header =
    `// bench function ${index} (${stamp})\n` +
    `exports.handler = (context, event, callback) => callback(null, { fn: ${index}, greeting: context.GREETING });\n`;
  return fill(header, fileSize(index), (i) => `// padding ${index}.${i} lorem ipsum dolor sit amet\n`);
}

function functionFileName(index: number): string {
  const name = `fn-${String(index).padStart(4, "0")}`;
  return index % 10 === 9 ? `${name}.protected.js` : `${name}.js`;
}

function assetFileName(index: number): string {
  const kind = ASSET_KINDS[index % ASSET_KINDS.length];
  const name = `asset-${String(index).padStart(4, "0")}`;
  return path.join(kind.folder, index % 40 === 11 ? `${name}.private${kind.ext}` : `${name}${kind.ext}`);
}

/** Writes the project into `dir` (emptied first). */
export function generateProject(dir: string, files: number): GeneratedProject {
  fs.rmSync(dir, { recursive: true, force: true });
  const functions = functionCount(files);
  let totalBytes = 0;
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.writeFileSync(path.join(dir, relative), text);
    totalBytes += Buffer.byteLength(text);
  };
  for (let index = 0; index < functions; index++) {
    write(path.join("functions", functionFileName(index)), functionSource(index, "v0"));
  }
  for (let index = functions; index < files; index++) {
    const kind = ASSET_KINDS[index % ASSET_KINDS.length];
    write(path.join("assets", assetFileName(index)), fill(`/* bench asset ${index} */\n`, fileSize(index), kind.line));
  }
  fs.writeFileSync(
    path.join(dir, ".env"),
    Object.entries(VARIABLES)
      .map(([key, value]) => `${key}=${value}\n`)
      .join(""),
  );
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name: "bench-project", private: true, dependencies: {} }, null, 2),
  );
  return { dir, functions, assets: files - functions, totalBytes };
}

/** Rewrites one function with new content (a new stamp each time), as a developer's edit would. */
export function changeOneFile(dir: string, stamp: string): string {
  fs.writeFileSync(path.join(dir, CHANGED_FILE), functionSource(0, stamp));
  return CHANGED_FILE;
}
