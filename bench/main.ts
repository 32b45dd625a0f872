/**
 * `npm run bench`: our deploy beside the Twilio Serverless Toolkit and the floors, on the
 * emulator, for each project size; prints the table and writes it into BENCHMARKS.md.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseBenchArgs, type BenchOptions } from "./options";
import { procAvailable } from "./measure";
import { pulumiBinDir } from "./pulumi";
import {
  callsTable,
  checkGoals,
  goalsList,
  resultsTable,
  summarize,
  variantsTable,
  type GoalCheck,
  type Row,
} from "./report";
import { checkPluginGoals, PLUGIN_VARIANTS, pluginTable } from "./plugin-report";
import { measureSize, type Sample } from "./scenarios";
import { findVariants, MAIN_VARIANT, TS_VARIANT_NAME, type Variant } from "./variants";

const REPO = path.resolve(__dirname, __filename.endsWith(".ts") ? ".." : "../../..");
export function sectionMarkers(section: string): { start: string; end: string } {
  return {
    start: `<!-- bench:${section}:start (written by \`npm run bench\`; edit outside these markers) -->`,
    end: `<!-- bench:${section}:end -->`,
  };
}

export interface BenchReport {
  options: BenchOptions;
  machine: string;
  samples: Sample[];
  rows: Row[];
  goals: GoalCheck[];
  markdown: string;
}

function describeMachine(loadBefore: number[], loadAfter: number[]): string {
  const cpus = os.cpus();
  let pulumiVersion = "unknown";
  try {
    pulumiVersion = execFileSync(path.join(pulumiBinDir(REPO), "pulumi"), ["version"], { encoding: "utf8" }).trim();
  } catch {
    // Reported as unknown.
  }
  const load = (values: number[]) => values.map((v) => v.toFixed(2)).join(" / ");
  const git = (...args: string[]) => execFileSync("git", args, { cwd: REPO, encoding: "utf8" }).trim();
  let revision = "unknown revision";
  try {
    const dirty = git("status", "--porcelain", "--", "provider", "emulator") !== "";
    revision = `commit ${git("rev-parse", "--short", "HEAD")}${dirty ? " with uncommitted changes in provider/ or emulator/" : ""}`;
  } catch {
    // Not a git checkout.
  }
  return [
    `${cpus.length} × ${cpus[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()}`,
    `Node ${process.version}, Pulumi CLI ${pulumiVersion}, @twilio-labs/serverless-api ${packageVersion("@twilio-labs/serverless-api")}`,
    `load average (1 / 5 / 15 min) at start ${load(loadBefore)}, at end ${load(loadAfter)}`,
    revision,
  ].join("; ");
}

function packageVersion(name: string): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(REPO, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return "unknown";
  }
}

export function renderMarkdown(
  options: BenchOptions,
  machine: string,
  rows: Row[],
  goals: GoalCheck[],
  variants: Variant[],
  started: Date,
): string {
  const command =
    `npm run bench -- --sizes ${options.sizes.join(",")} --runs ${options.runs} --latency-ms ${options.latencyMs} --build-delay-ms ${options.buildDelayMs}` +
    (variants.length ? ` --variants ${variants.map((v) => v.name).join(",")}` : "") +
    (options.section !== "results" ? ` --section ${options.section}` : "");
  const parts = [
    `Measured ${started.toISOString().slice(0, 16).replace("T", " ")} UTC with \`${command}\`.`,
    "",
    `Machine: ${machine}.`,
    "",
    `Emulator: its own process, \`--latency-ms ${options.latencyMs} --build-delay-ms ${options.buildDelayMs}\`, fresh for each N. ` +
      `Ours: ${MAIN_VARIANT.description}. Wall time from spawn to exit of the command, median of ${options.runs} run(s); ` +
      "peak RSS summed over the command's process tree, sampled every 40 ms; calls and bytes from the emulator's stats.",
    "",
    resultsTable(rows),
    ...(rows.some((row) => row.variant === TS_VARIANT_NAME)
      ? [
          "",
          "The TypeScript program as `pulumi new` makes it (ts-node, type-checked at every run), beside its own floor (b), an empty TypeScript program; " +
            "the Toolkit and floor (a) rows above apply to it too:",
          "",
          resultsTable(rows, TS_VARIANT_NAME),
        ]
      : []),
    "",
    "Goals (issues 7 and 14):",
    "",
    goalsList(goals),
    "",
    "Calls by route (the run closest to the median):",
    "",
    callsTable(rows),
  ];
  // The calls by route are the same under every setting: the main block has them.
  if (options.section !== "results") parts.splice(parts.indexOf("Calls by route (the run closest to the median):") - 1);
  parts.push(
    "",
    variants.length ? "Our deploy under other settings, and where its CPU goes:" : "Where our CPU goes:",
    "",
    variantsTable(rows, variants),
  );
  for (const variant of variants)
    parts.push("", `Goals with \`${variant.name}\` as ours:`, "", goalsList(checkGoals(rows, variant.name)));
  if (variants.some((variant) => PLUGIN_VARIANTS.includes(variant.name)))
    parts.push(
      "",
      "The plugin path (issue 24): goals, measured side by side with the rows above:",
      "",
      goalsList(checkPluginGoals(rows)),
      "",
      "Where each command's time goes: CPU by process (engine = the `pulumi` CLI; host = pulumi-language-nodejs; " +
        "program = the Node.js program, or the YAML host, which evaluates YAML itself; plugin = pulumi-resource-twilio-serverless), " +
        "and when each process was alive (first and last seen by the 40 ms sampler, medians):",
      "",
      pluginTable(rows),
    );
  return parts.join("\n");
}

/** Replaces the generated section `name` of `file` (or appends one). */
export function writeSection(file: string, name: string, markdown: string): void {
  const markers = sectionMarkers(name);
  const section = `${markers.start}\n${markdown}\n${markers.end}`;
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmarks\n\n";
  const start = existing.indexOf(markers.start);
  const end = existing.indexOf(markers.end);
  const updated =
    start >= 0 && end > start
      ? existing.slice(0, start) + section + existing.slice(end + markers.end.length)
      : `${existing.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, updated);
}

interface SavedRun {
  options: BenchOptions;
  machine: string;
  started?: string;
  samples: Sample[];
}

async function measure(options: BenchOptions, variants: Variant[], log: (message: string) => void): Promise<SavedRun> {
  const workDir = path.resolve(options.workDir ?? path.join(REPO, ".cache", "bench"));
  if (!procAvailable) log("note: /proc/<pid>/task/<tid>/children is not available; peak memory is reported as 0");
  pulumiBinDir(REPO);
  const started = new Date().toISOString();
  const loadBefore = os.loadavg();
  const samples: Sample[] = [];
  for (const size of options.sizes) {
    const result = await measureSize({
      repo: REPO,
      workDir,
      size,
      runs: options.runs,
      latencyMs: options.latencyMs,
      buildDelayMs: options.buildDelayMs,
      variants,
      log,
    });
    samples.push(...result.samples);
  }
  return { options, machine: describeMachine(loadBefore, os.loadavg()), started, samples };
}

/**
 * Saved runs as one (e.g. one size per command, when a long run must be split): their samples
 * together, the first run's settings with every file's sizes, each file's machine line.
 */
function readSavedRuns(files: string[]): SavedRun {
  const runs = files.map((file) => {
    const saved = JSON.parse(fs.readFileSync(file, "utf8")) as SavedRun;
    return { ...saved, started: saved.started ?? fs.statSync(file).mtime.toISOString() };
  });
  if (runs.length === 1) return runs[0];
  const [first] = runs;
  const differs = runs.find(
    (r) => r.options.latencyMs !== first.options.latencyMs || r.options.buildDelayMs !== first.options.buildDelayMs,
  );
  if (differs) throw new Error(`--from-json: ${files.join(", ")} were measured with different latency or build delay`);
  return {
    options: {
      ...first.options,
      sizes: [...new Set(runs.flatMap((r) => r.options.sizes))].sort((a, b) => a - b),
      runs: Math.max(...runs.map((r) => r.options.runs)),
      variants: [...new Set(runs.flatMap((r) => r.options.variants))],
    },
    machine: runs
      .map(
        (r) =>
          `[N = ${r.options.sizes.join(", ")}, ${r.options.runs} run(s), from ${r.started.slice(11, 16)} UTC] ${r.machine}`,
      )
      .join("; "),
    started: first.started,
    samples: runs.flatMap((r) => r.samples),
  };
}

/** Measures (or, with --from-json, re-reads saved runs), then prints and writes the tables. */
export async function runBench(
  options: BenchOptions,
  log: (message: string) => void = console.error,
): Promise<BenchReport> {
  let run: SavedRun;
  if (options.fromJson) {
    run = readSavedRuns(options.fromJson.split(","));
    // What was measured comes from the files; where to write it, from this command line.
    run.options = { ...run.options, out: options.out, section: options.section, json: undefined, fromJson: undefined };
  } else {
    run = await measure(options, findVariants(options.variants), log);
  }
  const variants = findVariants(run.options.variants, { retired: true });
  const rows = summarize(run.samples);
  const goals = checkGoals(rows);
  const markdown = renderMarkdown(run.options, run.machine, rows, goals, variants, new Date(run.started!));
  if (options.json) fs.writeFileSync(options.json, JSON.stringify(run, null, 2));
  if (options.out) writeSection(path.resolve(REPO, options.out), options.section, markdown);
  return { options: run.options, machine: run.machine, samples: run.samples, rows, goals, markdown };
}

if (require.main === module) {
  let options: BenchOptions;
  try {
    options = parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  runBench(options).then(
    (report) => console.log(`\n${report.markdown}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}
