/**
 * Our contender: ServerlessApp through the real Pulumi CLI (file backend, offline), and the
 * empty program of floor (b). Programs are written into scratch folders inside the repo so
 * `@pulumi/pulumi` and `pulumi-twilio-serverless` resolve from the root node_modules.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { cleanEnv } from "./children";
import { CREDENTIALS } from "./emulator";
import { mustRunMeasured, type CommandSpec, type Measured } from "./measure";
import { programSource, type ProgramKind, type ProgramName } from "./programs";
import { builtNodeSdk, SDK_PACKAGE } from "./sdk";

export interface ProgramSettings {
  /** How the program reaches the engine: compiled JavaScript, TypeScript compiled by ts-node at each run (`ts-sdk`: on the generated SDK), or YAML. */
  kind: ProgramKind;
  /** `app`: ServerlessApp. */
  program: "app";
  /** Extra environment of every command (e.g. PULUMI_PARALLEL_DIFF). */
  env: Record<string, string>;
  /** Flags of `pulumi up` after `--yes` (the main settings skip the preview, as a CI deploy does). */
  upArgs: string[];
}

const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "commonjs",
    moduleResolution: "node",
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
  },
  files: ["index.ts"],
};

function writeProgram(repo: string, dir: string, name: string, kind: ProgramKind, source: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "state"), { recursive: true });
  if (kind === "yaml") {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${source}`);
    return;
  }
  const ext = kind === "js" ? "js" : "ts";
  const runtime = kind === "js" ? "runtime:\n  name: nodejs\n  options:\n    typescript: false\n" : "runtime: nodejs\n";
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\n${runtime}main: index.${ext}\n`);
  fs.writeFileSync(path.join(dir, `index.${ext}`), source);
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ name, private: true, main: `index.${ext}` }, null, 2),
  );
  if (ext === "ts") fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
  if (kind === "ts-sdk") {
    // As `npm install` of the published SDK would place it (a link: Node resolves the SDK's own
    // requires from its real path, inside the repo, so program and SDK share one @pulumi/pulumi).
    const link = path.join(dir, "node_modules", ...SDK_PACKAGE.split("/"));
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(builtNodeSdk(repo), link, "dir");
  }
}

let binDir: string | undefined;

/** The folder holding `pulumi` (scripts/ensure-pulumi.sh builds it once, then caches it). */
export function pulumiBinDir(repo: string): string {
  binDir ??= execFileSync("bash", [path.join(repo, "scripts", "ensure-pulumi.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  })
    .trim()
    .split("\n")
    .pop()!;
  return binDir;
}

/**
 * A folder with a `pulumi-language-nodejs` that runs the real one with `-typescript=false`.
 * The language host built by scripts/ensure-pulumi.sh (3.68, the last the Go proxy serves)
 * takes that setting only as a flag, while CLI 3.248 hands Pulumi.yaml's runtime options over
 * RPC, so `options: typescript: false` alone would be ignored and ts-node loaded anyway. The
 * CLI prefers a host found on PATH (and warns that it did).
 */
function javascriptHostDir(parent: string, realBinDir: string): string {
  const dir = path.join(parent, "js-language-host");
  fs.mkdirSync(dir, { recursive: true });
  const wrapper = path.join(dir, "pulumi-language-nodejs");
  fs.writeFileSync(
    wrapper,
    `#!/bin/sh\nexec "${path.join(realBinDir, "pulumi-language-nodejs")}" -typescript=false "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}

/** One Pulumi project folder (program + file backend) holding one stack per measured run. */
export class PulumiProject {
  private constructor(
    readonly dir: string,
    private readonly settings: ProgramSettings,
    private readonly env: Record<string, string>,
  ) {}

  /** `program`: the settings' own program, or `"empty"` for floor (b). */
  static create(
    repo: string,
    dir: string,
    program: ProgramName,
    settings: ProgramSettings,
    apiUrl: string,
  ): PulumiProject {
    writeProgram(repo, dir, `bench-${program}`, settings.kind, programSource(program, settings.kind));
    const bins = [pulumiBinDir(repo)];
    if (settings.kind === "js") bins.unshift(javascriptHostDir(path.dirname(dir), bins[0]));
    // YAML and the SDK reach ServerlessApp through the provider plugin, which the engine finds on PATH.
    if (settings.kind === "yaml" || settings.kind === "ts-sdk") bins.unshift(path.join(repo, "provider", "bin"));
    const env = cleanEnv({
      PATH: [...bins, process.env.PATH].join(path.delimiter),
      PULUMI_BACKEND_URL: `file://${path.join(dir, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: path.join(repo, ".cache", "pulumi", "home"),
      TWILIO_SERVERLESS_API_URL: apiUrl,
      TWILIO_ACCOUNT_SID: CREDENTIALS.accountSid,
      TWILIO_AUTH_TOKEN: CREDENTIALS.authToken,
      ...settings.env,
    });
    return new PulumiProject(dir, settings, env);
  }

  private spec(args: string[]): CommandSpec {
    return { command: "pulumi", args: [...args, "--non-interactive"], cwd: this.dir, env: this.env };
  }

  run(args: string[], what: string): Promise<Measured> {
    return mustRunMeasured(this.spec(args), what);
  }

  /** Creates (and selects) a stack with plain config values; not measured. */
  async initStack(stack: string, config: Record<string, string>): Promise<void> {
    await this.run(["stack", "init", stack], `pulumi stack init ${stack}`);
    for (const [key, value] of Object.entries(config)) {
      await this.run(["config", "set", "--stack", stack, key, value], `pulumi config set ${key}`);
    }
  }

  up(stack: string): Promise<Measured> {
    return this.run(["up", "--yes", ...this.settings.upArgs, "--stack", stack], `pulumi up (${stack})`);
  }

  /** A drift check as CI runs it: fails (and so fails the bench) when anything differs. */
  driftCheck(stack: string): Promise<Measured> {
    return this.run(
      ["preview", "--refresh", "--expect-no-changes", "--stack", stack],
      `pulumi preview --refresh --expect-no-changes (${stack})`,
    );
  }

  async outputs(stack: string): Promise<Record<string, string>> {
    const result = await this.run(["stack", "output", "--json", "--stack", stack], `pulumi stack output (${stack})`);
    return JSON.parse(result.stdout);
  }

  /** The state file of a stack, for its size. */
  stateFile(stack: string): string | undefined {
    const dir = path.join(this.dir, "state", ".pulumi", "stacks");
    const found = [
      path.join(dir, `${stack}.json`),
      ...(fs.existsSync(dir) ? fs.readdirSync(dir).map((p) => path.join(dir, p, `${stack}.json`)) : []),
    ];
    return found.find((file) => fs.existsSync(file));
  }
}
