import { findVariants } from "./variants";

/**
 * `npm run bench -- [--sizes 50,200,800] [--runs 3] [--latency-ms 100] [--build-delay-ms 1000]
 *   [--variants NAME,...] [--out BENCHMARKS.md | --no-write] [--section results] [--json FILE]`
 */

export interface BenchOptions {
  /** Files per generated project; one table block per size. */
  sizes: number[];
  /** Measured repetitions of every scenario (the median is reported). */
  runs: number;
  latencyMs: number;
  buildDelayMs: number;
  /** Extra variants of our deploy (see variants.ts); `ts`, the program `pulumi new` makes, by default ("none": main only). */
  variants: string[];
  /** Markdown file whose generated section is replaced; undefined: print only. */
  out: string | undefined;
  /** Name of that section (its markers), so runs of different settings can each keep one. */
  section: string;
  /** Raw samples as JSON, for later analysis. */
  json: string | undefined;
  /** Render runs saved with --json instead of measuring (comma-separated files: one run, e.g. one size each). */
  fromJson: string | undefined;
  /** Scratch folder for projects, Pulumi state and logs. */
  workDir: string | undefined;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  sizes: [50, 200, 800],
  runs: 3,
  latencyMs: 100,
  buildDelayMs: 1000,
  variants: ["ts"],
  out: "BENCHMARKS.md",
  section: "results",
  json: undefined,
  fromJson: undefined,
  workDir: undefined,
};

const USAGE =
  "usage: npm run bench -- [--sizes 50,200,800] [--runs 3] [--latency-ms 100] [--build-delay-ms 1000] " +
  "[--variants NAME,... | none] [--out FILE | --no-write] [--section NAME] [--json FILE] [--from-json FILE,...] [--work-dir DIR]";

function wholeNumber(flag: string, raw: string | undefined, min: number): number {
  const value = Number(raw);
  if (raw === undefined || raw === "" || !Number.isInteger(value) || value < min) {
    throw new Error(`${flag} needs a whole number ≥ ${min}, got ${JSON.stringify(raw)}\n${USAGE}`);
  }
  return value;
}

function list(flag: string, raw: string | undefined): string[] {
  if (!raw) throw new Error(`${flag} needs a comma-separated list\n${USAGE}`);
  return raw
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean);
}

export function parseBenchArgs(argv: string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = () => inline ?? argv[++index];
    switch (flag) {
      case "--help":
      case "-h":
        throw new Error(USAGE);
      case "--sizes":
        options.sizes = list(flag, value()).map((size) => wholeNumber(flag, size, 1));
        break;
      case "--runs":
        options.runs = wholeNumber(flag, value(), 1);
        break;
      case "--latency-ms":
        options.latencyMs = wholeNumber(flag, value(), 0);
        break;
      case "--build-delay-ms":
        options.buildDelayMs = wholeNumber(flag, value(), 0);
        break;
      case "--variants":
        options.variants = list(flag, value()).filter((name) => name !== "none");
        findVariants(options.variants);
        break;
      case "--out":
        options.out = value();
        if (!options.out) throw new Error(`--out needs a file name\n${USAGE}`);
        break;
      case "--section":
        options.section = value();
        if (!/^[a-z0-9-]+$/.test(options.section ?? ""))
          throw new Error(`--section needs a name of a-z, 0-9 and "-"\n${USAGE}`);
        break;
      case "--no-write":
        options.out = undefined;
        break;
      case "--json":
        options.json = value();
        if (!options.json) throw new Error(`--json needs a file name\n${USAGE}`);
        break;
      case "--from-json":
        options.fromJson = value();
        if (!options.fromJson) throw new Error(`--from-json needs a file written by --json\n${USAGE}`);
        break;
      case "--work-dir":
        options.workDir = value();
        if (!options.workDir) throw new Error(`--work-dir needs a folder\n${USAGE}`);
        break;
      default:
        throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}
