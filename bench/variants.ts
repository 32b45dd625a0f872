/**
 * The settings our deploy is measured with. `main` is what the table's "ours" rows use; the
 * others are measured on request (`--variants`) to show what each setting costs or saves.
 */
import type { ProgramSettings } from "./pulumi";

export interface Variant extends ProgramSettings {
  name: string;
  description: string;
  /** Stack config of the program (e.g. ServerlessApp's fileResources). */
  config: Record<string, string>;
}

const SKIP_PREVIEW = ["--skip-preview"];

export const MAIN_VARIANT: Variant = {
  name: "main",
  description:
    'ServerlessApp as users get it (fileResources "auto": a resource per file up to 50 files, one FileSet above), ' +
    "precompiled JavaScript program (runtime option typescript: false), `pulumi up --yes --skip-preview`",
  kind: "js",
  program: "app",
  env: {},
  upArgs: SKIP_PREVIEW,
  config: {},
};

export const PER_FILE_VARIANT: Variant = {
  ...MAIN_VARIANT,
  name: "per-file",
  description:
    'main with fileResources "per-file": a Function/Asset resource per file at every N (what auto does up to 50 files)',
  config: { fileResources: "per-file" },
};

/** The program `pulumi new typescript` makes: measured by default, a main row beside the JavaScript one. */
export const TS_VARIANT_NAME = "ts";
/** The plugin path (issue 24): YAML, and TypeScript on the generated SDK. */
export const YAML_VARIANT_NAME = "yaml";
export const TS_SDK_VARIANT_NAME = "ts-sdk";

export const VARIANTS: Variant[] = [
  PER_FILE_VARIANT,
  {
    name: TS_VARIANT_NAME,
    description: "TypeScript program as `pulumi new` makes it (ts-node, type-checked at every run)",
    kind: "ts",
    program: "app",
    env: {},
    upArgs: SKIP_PREVIEW,
    config: {},
  },
  {
    name: YAML_VARIANT_NAME,
    description:
      "Pulumi YAML program (runtime: yaml) declaring the provider plugin's twilio-serverless:index:ServerlessApp (construct in the plugin); its floor (b) is an empty YAML program",
    kind: "yaml",
    program: "app",
    env: {},
    upArgs: SKIP_PREVIEW,
    config: {},
  },
  {
    name: TS_SDK_VARIANT_NAME,
    description:
      "TypeScript program (ts-node, type-checked at every run) on the Node.js SDK generated from the schema (sdk/nodejs, built as its npm package would be): ServerlessApp is the plugin's remote component; its floor (b) is an empty TypeScript program importing the same SDK",
    kind: "ts-sdk",
    program: "app",
    env: {},
    upArgs: SKIP_PREVIEW,
    config: {},
  },
  {
    name: "ts-transpile",
    description: "TypeScript program, PULUMI_NODEJS_TRANSPILE_ONLY=true (no type check)",
    kind: "ts",
    program: "app",
    env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" },
    upArgs: SKIP_PREVIEW,
    config: {},
  },
  {
    name: "parallel-diff",
    description: "main + PULUMI_PARALLEL_DIFF=true",
    kind: "js",
    program: "app",
    env: { PULUMI_PARALLEL_DIFF: "true" },
    upArgs: SKIP_PREVIEW,
    config: {},
  },
  {
    name: "parallel-20",
    description:
      "main + `--parallel 20` (the engine's default is 4 × cores = 8 here; the provider's HTTP client still keeps at most 10 calls in flight, as the Toolkit does)",
    kind: "js",
    program: "app",
    env: {},
    upArgs: [...SKIP_PREVIEW, "--parallel", "20"],
    config: {},
  },
  {
    name: "skip-checkpoints",
    description:
      "main + PULUMI_SKIP_CHECKPOINTS=true (experimental: the file backend writes the state once at the end instead of after every step; a crash mid-up then loses the record of what was made)",
    kind: "js",
    program: "app",
    env: { PULUMI_SKIP_CHECKPOINTS: "true" },
    upArgs: SKIP_PREVIEW,
    config: {},
  },
  {
    name: "with-preview",
    description: "main, but `pulumi up --yes` (preview first, the program runs twice)",
    kind: "js",
    program: "app",
    env: {},
    upArgs: [],
    config: {},
  },
];

/** Variants measured once and since removed; known only to render saved runs (--from-json). */
const RETIRED_VARIANTS: Variant[] = [
  {
    ...MAIN_VARIANT,
    name: "coarse",
    description:
      "main, with the bench's FileSet prototype (bench/coarse/file-set.ts, since replaced by ServerlessApp's FileSet): one resource for all files",
  },
];

export function findVariants(names: string[], { retired = false } = {}): Variant[] {
  const known = retired ? [...VARIANTS, ...RETIRED_VARIANTS] : VARIANTS;
  return names.map((name) => {
    const variant = known.find((candidate) => candidate.name === name);
    if (!variant)
      throw new Error(`--variants: unknown variant "${name}"; known: ${VARIANTS.map((v) => v.name).join(", ")}`);
    return variant;
  });
}
