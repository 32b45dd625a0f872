/**
 * README.md's fenced blocks and what uses each one. consumer.test.ts types the shell blocks of the
 * guide's sections into one bash session, in order, and writes their files into a new project;
 * the README's YAML program runs through the installed plugin. A block none of them uses must be
 * listed in NOT_RUN with the reason (readme.test.ts fails otherwise).
 */
import * as fs from "node:fs";
import * as path from "node:path";

export interface ReadmeBlock {
  /** The fence's info string: sh, ts, yaml… */
  lang: string;
  text: string;
  /** The `## ` heading the block is under. */
  section: string;
  /** 1-based line of the opening fence. */
  line: number;
  /** The file a block writes, named by its first line (`# Pulumi.yaml`, `// index.ts`; `text` is the rest). */
  file?: string;
}

/** The guide a user follows, in README order: consumer.test.ts runs its shell blocks and writes its files. */
export const GUIDE_SECTIONS = [
  "Install",
  "First deploy",
  "Environments and promotion",
  "Drift in CI",
  "Logs",
  "Errors and troubleshooting",
  "Clean up",
] as const;

/** The section whose `Pulumi.yaml` consumer.test.ts deploys through the installed plugin. */
export const YAML_SECTION = "Other languages";

/** Blocks no test runs as written, each with its reason; matched by section and first line. */
export const NOT_RUN: readonly { section: string; firstLine: string; reason: string }[] = [
  {
    section: "Two commands",
    firstLine: "# The demo: examples/hello-world deployed to the embedded emulator, then called. The first run",
    reason:
      "`npm ci && npm test` is this run itself (.ci/run runs it on a fresh clone); `npm ci` would replace the " +
      "node_modules the run uses; the demo's script (scripts/demo.ts) runs in test/e2e/foreign-environment.test.ts",
  },
];

const SHELL = new Set(["sh", "bash"]);
const FILE_LINE = /^(?:#|\/\/) ([\w./-]+\.(?:yaml|js|ts))$/;

export function readmeBlocks(readme: string): ReadmeBlock[] {
  const blocks: ReadmeBlock[] = [];
  const lines = readme.split("\n");
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const heading = /^## (.+)$/.exec(lines[i]);
    if (heading) section = heading[1].trim();
    const fence = /^```(\S*)$/.exec(lines[i]);
    if (!fence) continue;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && lines[i] !== "```"; i++) body.push(lines[i]);
    const file = FILE_LINE.exec(body[0] ?? "")?.[1];
    const text = (file ? body.slice(1) : body).join("\n") + "\n";
    blocks.push({ lang: fence[1], text, section, line: start + 1, file });
  }
  return blocks;
}

export function readReadme(repo: string): ReadmeBlock[] {
  return readmeBlocks(fs.readFileSync(path.join(repo, "README.md"), "utf8"));
}

export type BlockUse = { kind: "run" | "file"; by: string } | { kind: "not run"; reason: string };

/** What uses a block, or undefined when nothing does. */
export function blockUse(block: ReadmeBlock): BlockUse | undefined {
  const inGuide = (GUIDE_SECTIONS as readonly string[]).includes(block.section);
  if (inGuide && SHELL.has(block.lang)) return { kind: "run", by: "consumer.test.ts, typed into bash" };
  if (inGuide && block.file) return { kind: "file", by: "consumer.test.ts, written into the project" };
  if (block.section === YAML_SECTION && block.file === "Pulumi.yaml")
    return { kind: "file", by: "consumer.test.ts, deployed through the installed plugin" };
  const listed = NOT_RUN.find((entry) => entry.section === block.section && block.text.startsWith(entry.firstLine));
  return listed && { kind: "not run", reason: listed.reason };
}

/** The guide's shell blocks, in order, with their section. */
export function guideShellBlocks(blocks: readonly ReadmeBlock[]): ReadmeBlock[] {
  return blocks.filter((block) => blockUse(block)?.kind === "run");
}

/** The guide's files by name (the last block of a name wins). */
export function guideFiles(blocks: readonly ReadmeBlock[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const block of blocks) {
    if (block.file && (GUIDE_SECTIONS as readonly string[]).includes(block.section)) files[block.file] = block.text;
  }
  return files;
}

/** The README's YAML program. */
export function yamlProgram(blocks: readonly ReadmeBlock[]): string | undefined {
  return blocks.find((block) => block.section === YAML_SECTION && block.file === "Pulumi.yaml")?.text;
}
