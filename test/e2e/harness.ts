/**
 * Drives the real Pulumi CLI against an emulator started in the test process: a copy of an
 * example project in a scratch folder inside the repo (so `pulumi-twilio-serverless` resolves
 * from the root node_modules), a file backend, and the offline settings every run needs.
 */
import * as assert from "assert";
import { execFileSync, spawn, type ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/credentials";
import { startEmulator, type RunningEmulator } from "../../emulator/index";
import { dynamicResourceType } from "../../provider/resources/type-token";
import { PACKAGE_NAME, tokenOf } from "../../provider/schema/package";
import { hermeticEnv } from "../../scripts/hermetic-env";

export const REPO = path.resolve(__dirname, "../..");
const SCRATCH = path.join(REPO, ".cache", "e2e");

let pulumiBin: string | undefined;

/** The folder holding `pulumi` (built once by scripts/ensure-pulumi.sh, then cached). */
export function pulumiBinDir(): string {
  if (!pulumiBin) {
    const out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-pulumi.sh")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    pulumiBin = out.trim().split("\n").pop()!;
  }
  return pulumiBin;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * How the program reaches the package: `dynamic`, the example as written (`pulumi-twilio-serverless`,
 * types `pulumi-nodejs:dynamic/...`); `plugin`, the same example importing
 * `pulumi-twilio-serverless/dist/native` (types `twilio-serverless:index:*`, served by the plugin).
 */
export type ProgramPath = "dynamic" | "plugin";
export const PATHS: readonly ProgramPath[] = ["dynamic", "plugin"];

/** The stack config namespace of the credentials on a path: the plugin's own keys, `twilio-serverless:*`. */
export const configNamespace = (programPath: ProgramPath): string =>
  programPath === "plugin" ? PACKAGE_NAME : "twilio";

/** A resource's type in the state on a path (`Variable` → `twilio-serverless:index:Variable` on the plugin). */
export const resourceType = (programPath: ProgramPath, kind: string): string =>
  programPath === "plugin" ? tokenOf(kind) : dynamicResourceType(kind);

export interface StackOptions {
  /** Folder under examples/ to copy. */
  example: string;
  /** Default `dynamic`; `plugin` rewrites the copy's `index.ts` import (see ProgramPath). */
  path?: ProgramPath;
  /** Emulator origin, e.g. http://127.0.0.1:4010. */
  apiUrl: string;
  /** Stack config (plain values). */
  config?: Record<string, string>;
  /** Stack config set with --secret. */
  secretConfig?: Record<string, string>;
  /** Extra environment for every command. */
  env?: Record<string, string>;
  /** The stack's name (default: unique per test run; each TestStack has a backend of its own). */
  stackName?: string;
}

let counter = 0;

/**
 * The environment that makes the CLI use our provider plugin: its folder on PATH, where the
 * engine finds `pulumi-resource-twilio-serverless` (docs/plugin.md says why PATH).
 */
export function pluginEnv(): Record<string, string> {
  return { PATH: [path.join(REPO, "provider", "bin"), pulumiBinDir(), process.env.PATH].join(path.delimiter) };
}

export class TestStack {
  readonly dir: string;
  readonly stackName: string;
  readonly path: ProgramPath;
  private readonly root: string;
  /** Set on stacks sharing a project (`sibling`): every command names its stack. */
  private explicitStack = false;
  private readonly ownsRoot: boolean;
  env: Record<string, string>;

  private constructor(options: StackOptions, sharedWith?: TestStack) {
    counter += 1;
    this.stackName = options.stackName ?? `t${process.pid}x${counter}`;
    this.ownsRoot = !sharedWith;
    this.root = sharedWith ? sharedWith.root : path.join(SCRATCH, `t${process.pid}x${counter}`);
    this.dir = path.join(this.root, options.example);
    this.path = options.path ?? "dynamic";
    if (!sharedWith) {
      fs.rmSync(this.root, { recursive: true, force: true });
      fs.mkdirSync(path.join(this.root, "state"), { recursive: true });
      fs.cpSync(path.join(REPO, "examples", options.example), this.dir, { recursive: true });
      if (this.path === "plugin") pointAtPlugin(path.join(this.dir, "index.ts"));
    }
    this.env = {
      ...hermeticEnv(),
      PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}`,
      PULUMI_BACKEND_URL: `file://${path.join(this.root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: path.join(REPO, ".cache", "pulumi", "home"),
      // The examples are type-checked once by `npm test` (tsc); each run only transpiles.
      PULUMI_NODEJS_TRANSPILE_ONLY: "true",
      TWILIO_SERVERLESS_API_URL: options.apiUrl,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      ...(this.path === "plugin" ? pluginEnv() : {}),
      ...options.env,
    };
  }

  /** Copies the example, makes the stack and sets its config. */
  static async create(options: StackOptions, sharedWith?: TestStack): Promise<TestStack> {
    const stack = new TestStack(options, sharedWith);
    if (sharedWith) stack.explicitStack = sharedWith.explicitStack = true;
    await stack.mustRun(["stack", "init", stack.stackName]);
    for (const [key, value] of Object.entries(options.config ?? {})) {
      await stack.mustRun(["config", "set", key, value]);
    }
    for (const [key, value] of Object.entries(options.secretConfig ?? {})) {
      await stack.mustRun(["config", "set", "--secret", key, value]);
    }
    return stack;
  }

  file(relative: string): string {
    return path.join(this.dir, relative);
  }

  writeFile(relative: string, text: string): void {
    fs.mkdirSync(path.dirname(this.file(relative)), { recursive: true });
    fs.writeFileSync(this.file(relative), text);
  }

  /** Another stack of the same project folder and backend (one stack per environment). */
  sibling(options: Omit<StackOptions, "example" | "apiUrl"> & { stackName: string }): Promise<TestStack> {
    return TestStack.create(
      { ...options, example: path.basename(this.dir), path: this.path, apiUrl: this.env.TWILIO_SERVERLESS_API_URL },
      this,
    );
  }

  /** Runs `pulumi <args>` in the project; never throws on a non-zero exit. */
  run(args: string[], extraEnv: Record<string, string> = {}, onSpawn?: (pid: number) => void): Promise<RunResult> {
    const init = args[0] === "stack" && args[1] === "init";
    const stackFlag = this.explicitStack && !init ? ["--stack", this.stackName] : [];
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, ...stackFlag, "--non-interactive"], {
        cwd: this.dir,
        env: { ...this.env, ...extraEnv },
      });
      if (onSpawn && child.pid) onSpawn(child.pid);
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    });
  }

  async mustRun(args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    const result = await this.run(args, extraEnv);
    if (result.code !== 0) {
      throw new Error(`pulumi ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
    }
    return result;
  }

  up(...extra: string[]): Promise<RunResult> {
    return this.mustRun(["up", "--yes", "--skip-preview", ...extra]);
  }

  /** `pulumi preview --json`: the steps, as resource type + name → op. */
  async previewSteps(...extra: string[]): Promise<Record<string, string>> {
    const result = await this.mustRun(["preview", "--json", ...extra]);
    const steps: { op: string; urn: string }[] = JSON.parse(result.stdout).steps ?? [];
    return Object.fromEntries(steps.filter((s) => s.op !== "same").map((s) => [shortUrn(s.urn), s.op]));
  }

  async outputs(): Promise<Record<string, any>> {
    const result = await this.mustRun(["stack", "output", "--json", "--show-secrets"]);
    return JSON.parse(result.stdout);
  }

  async exportState(): Promise<string> {
    return (await this.mustRun(["stack", "export"])).stdout;
  }

  /** The stack's checkpoint: its resources (type short name, name, id, outputs) and pending operations. */
  async checkpoint(): Promise<Checkpoint> {
    const deployment = JSON.parse(await this.exportState()).deployment ?? {};
    const resources: StateResource[] = (deployment.resources ?? []).map(
      (r: { urn: string; id?: string; outputs?: Record<string, any> }) => {
        const [type, name] = shortUrn(r.urn).split("::");
        return { type, name, id: r.id ?? "", outputs: r.outputs ?? {} };
      },
    );
    const pending = (deployment.pending_operations ?? []).map(
      (op: { type: string; resource: { urn: string } }) => `${op.type} ${shortUrn(op.resource.urn)}`,
    );
    return { resources, pending };
  }

  /**
   * Runs `pulumi <args>` and kills it with SIGKILL, with its whole process tree (the CLI, the
   * language host and the provider plugins, which run in process groups of their own), as soon
   * as `when()` holds (polled every 50 ms). Resolves once the CLI is gone; `killed` is false when
   * the command ended before `when()` held.
   */
  async runAndKill(args: string[], when: () => Promise<boolean>): Promise<RunResult & { killed: boolean }> {
    let pid: number | undefined;
    const running = this.run(args, {}, (spawned) => (pid = spawned));
    let finished = false;
    void running.then(() => (finished = true));
    while (!finished) {
      if (pid !== undefined && (await when())) {
        killProcessTree(pid);
        return { ...(await running), killed: true };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { ...(await running), killed: false };
  }

  /**
   * What a user runs after `pulumi up` was killed (README.md): release the killed
   * run's lock, reconcile the state with Twilio and drop the creates it never recorded (the
   * provider adopts what they made), then deploy again.
   */
  async recoverAfterKill(): Promise<RunResult[]> {
    return [
      await this.mustRun(["cancel", "--yes"]),
      await this.mustRun(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]),
      await this.up(),
    ];
  }

  /** Destroys the stack's resources and removes the scratch folder (its siblings first). */
  async dispose(): Promise<void> {
    await this.run(["destroy", "--yes", "--skip-preview"]);
    if (this.ownsRoot) fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** The program's imports of the package's root, pointed at the plugin's typed wrappers instead. */
export function pointAtPlugin(program: string): void {
  const text = fs.readFileSync(program, "utf8");
  const native = text.replace(/from "pulumi-twilio-serverless"/g, 'from "pulumi-twilio-serverless/dist/native"');
  if (native === text) throw new Error(`${program} does not import "pulumi-twilio-serverless"`);
  fs.writeFileSync(program, native);
}

export interface E2E {
  emulator: RunningEmulator;
  stack: TestStack;
}

/**
 * An emulator and a stack of one example for a describe block: made in `before` (and deployed,
 * with `up`), destroyed and stopped in `after`. The fields are there once `before` has run.
 */
export function e2eStack(options: Omit<StackOptions, "apiUrl"> & { up?: boolean }): E2E {
  const { up, ...stackOptions } = options;
  const e2e = {} as E2E;
  before(async () => {
    e2e.emulator = await startEmulator({ buildDelayMs: 100 });
    e2e.stack = await TestStack.create({ ...stackOptions, apiUrl: e2e.emulator.url });
    if (up) await e2e.stack.up();
  });
  after(async () => {
    await e2e.stack?.dispose();
    await e2e.emulator?.stop();
  });
  return e2e;
}

export interface StateResource {
  /** e.g. "Function", "Stack", "ServerlessApp". */
  type: string;
  name: string;
  id: string;
  outputs: Record<string, any>;
}

export interface Checkpoint {
  resources: StateResource[];
  /** "creating Build::hello-world" for each operation a killed run left in flight. */
  pending: string[];
}

/** SIGKILL to `pid` and everything below it, found from one snapshot of the process table. */
export function killProcessTree(pid: number): void {
  const children = new Map<number, number[]>();
  for (const line of execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" }).split("\n")) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    if (!child) continue;
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const tree: number[] = [];
  const visit = (p: number) => {
    tree.push(p);
    (children.get(p) ?? []).forEach(visit);
  };
  visit(pid);
  for (const p of tree) {
    try {
      process.kill(p, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

/** "Function::hello-world:hello" from a full URN. */
export function shortUrn(urn: string): string {
  const parts = urn.split("::");
  const type = parts[2].split("$").pop()!.split(":").pop()!;
  return `${type}::${parts[3]}`;
}

export interface EmulatorProcess {
  url: string;
  port: number;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The compiled emulator bin (`npm run build`) as a process of its own, e.g. to kill it with
 * SIGKILL and start it again on the same port and data directory. Resolves once it listens.
 */
export function startEmulatorProcess(args: string[]): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, [path.join(REPO, "emulator", "dist", "cli.js"), ...args], {
    env: hermeticEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on("exit", (code, signal) => done({ code, signal })),
  );
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/\S+:(\d+))\n/.exec(stdout);
      if (match) resolve({ url: match[1], port: Number(match[2]), child, exited });
    });
    void exited.then(({ code, signal }) =>
      reject(new Error(`emulator exited (${code ?? signal}) before listening: ${stderr}`)),
    );
  });
}

/** GET (or other method) to a deployed domain through the emulator's Host routing. */
export async function callDomain(
  apiUrl: string,
  domainName: string,
  pathAndQuery: string,
  init: RequestInit = {},
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${apiUrl}/_domains/${domainName}${pathAndQuery}`, init);
  return { status: response.status, body: await response.text() };
}

/** A form POST to a protected function, signed as Twilio signs webhooks (with `authToken`). */
export function signedPost(
  domainName: string,
  path: string,
  params: Record<string, string>,
  authToken = TEST_AUTH_TOKEN,
): RequestInit {
  const signature = getExpectedTwilioSignature(authToken, `https://${domainName}${path}`, params);
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params).toString(),
  };
}

/** The emulator's call counts, how many of them wrote (POST/DELETE), and the faults it injected. */
export async function emulatorStats(
  apiUrl: string,
): Promise<{ calls: Record<string, number>; writes: number; faults: Record<string, number> }> {
  const stats = (await (await fetch(`${apiUrl}/_emulator/stats`)).json()) as {
    calls: Record<string, number>;
    faults?: Record<string, number>;
  };
  const writes = Object.entries(stats.calls)
    .filter(([route]) => route.startsWith("POST ") || route.startsWith("DELETE "))
    .reduce((sum, [, n]) => sum + n, 0);
  return { calls: stats.calls, writes, faults: stats.faults ?? {} };
}

export async function resetStats(apiUrl: string): Promise<void> {
  await fetch(`${apiUrl}/_emulator/reset`, { method: "POST" });
}

/** A call whose number depends on timing: a Build's /Status, polled until the build is done. */
const isPoll = (call: string) => /^GET \/v1\/Services\/\{\w+\}\/Builds\/\{\w+\}\/Status$/.test(call);

/**
 * What one scenario called on each path, phase by phase ("first deploy", "no-op up", ...): method
 * and route template with counts, a poll counted once. The engine runs independent resources at
 * once, so the calls within a phase have no set order; the phases do, and are compared in order.
 */
export class CallsByPath {
  private readonly recorded: Record<ProgramPath, [string, Record<string, number>][]> = { dynamic: [], plugin: [] };

  /** Runs `run` with the emulator's counts reset and records what it called. */
  async record<T>(
    e2e: E2E,
    phase: string,
    run: () => Promise<T>,
  ): Promise<{ result: T; calls: Record<string, number> }> {
    await resetStats(e2e.emulator.url);
    const result = await run();
    const { calls } = await emulatorStats(e2e.emulator.url);
    const counted = Object.fromEntries(
      Object.keys(calls)
        .sort()
        .map((call) => [call, isPoll(call) ? 1 : calls[call]]),
    );
    this.recorded[e2e.stack.path].push([phase, counted]);
    return { result, calls: counted };
  }

  /** Both paths ran the scenario and made the same calls in each phase. */
  assertSame(): void {
    const { dynamic, plugin } = this.recorded;
    assert.ok(dynamic.length > 0 && plugin.length > 0, "the scenario ran on both paths");
    assert.deepStrictEqual(plugin, dynamic, "the plugin path's calls (actual) against the dynamic path's");
  }
}

/**
 * A call to the emulator's API as the test account, for changes made behind Pulumi's back and
 * for looking at what is there. GETs are retried through injected faults (500, 429, drops).
 */
export async function twilioApi(
  apiUrl: string,
  method: string,
  apiPath: string,
  form?: Record<string, string | string[]>,
): Promise<any> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  for (let attempt = 1; ; attempt++) {
    const retryable = method === "GET" && attempt < 10;
    let response: Response;
    try {
      response = await fetch(`${apiUrl}/v1${apiPath}`, {
        method,
        headers: { authorization: `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}` },
        body: form ? body : undefined,
      });
    } catch (error) {
      if (retryable) continue;
      throw error;
    }
    const text = await response.text();
    if (retryable && (response.status === 429 || response.status >= 500)) continue;
    if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}

/** Polls until the build leaves "building". */
export async function waitForBuild(apiUrl: string, serviceSid: string, buildSid: string): Promise<string> {
  for (;;) {
    const { status } = await twilioApi(apiUrl, "GET", `/Services/${serviceSid}/Builds/${buildSid}/Status`);
    if (status !== "building") return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * What `pulumi preview --refresh --diff` shows changing: resource ("Type::name", from its URN line)
 * to the top-level properties marked ~, + or - under it (a refresh lists the outputs it found changed).
 */
export function changedProperties(diffOutput: string): Map<string, string[]> {
  const changed = new Map<string, string[]>();
  let resource: string | undefined;
  for (const line of diffOutput.split("\n")) {
    const urn = /\[urn=(urn:pulumi:[^\]]+)\]/.exec(line);
    if (urn) {
      const parts = urn[1].split("::");
      resource = `${parts[parts.length - 2].split(/[:$/]/).pop()}::${parts[parts.length - 1]}`;
      continue;
    }
    const property = /^\s*[~+-] ([A-Za-z_]\w*)\s*:/.exec(line);
    if (resource && property) changed.set(resource, [...(changed.get(resource) ?? []), property[1]]);
  }
  return changed;
}

/** Uploads a new Version of a Function behind Pulumi's back (as the Twilio CLI or Console would). */
export async function uploadFunctionVersion(
  apiUrl: string,
  serviceSid: string,
  functionSid: string,
  functionPath: string,
  source: string,
): Promise<any> {
  const form = new FormData();
  form.append("Path", functionPath);
  form.append("Visibility", "public");
  form.append("Content", new Blob([source], { type: "application/javascript" }), "drift.js");
  const response = await fetch(`${apiUrl}/v1/Services/${serviceSid}/Functions/${functionSid}/Versions`, {
    method: "POST",
    headers: { authorization: `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}` },
    body: form,
  });
  if (response.status !== 201) throw new Error(`uploading a Version: ${response.status} ${await response.text()}`);
  return response.json();
}

/**
 * Runs the package's own CLI (`npx pulumi-twilio-serverless …`) in a stack's folder, with the
 * stack's environment unless `env` is given; `output` is stdout and stderr as they came.
 */
export function packageCli(
  stack: TestStack,
  args: string[],
  env: NodeJS.ProcessEnv = stack.env,
): Promise<{ code: number | null; stdout: string; stderr: string; output: string }> {
  return new Promise((resolve, reject) => {
    const bin = path.join(REPO, "provider", "bin", "pulumi-twilio-serverless.js");
    const child = spawn(process.execPath, [bin, ...args], { cwd: stack.dir, env });
    let stdout = "";
    let stderr = "";
    let output = "";
    child.stdout.on("data", (chunk) => ((stdout += chunk), (output += chunk)));
    child.stderr.on("data", (chunk) => ((stderr += chunk), (output += chunk)));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, output }));
  });
}
