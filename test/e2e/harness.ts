/**
 * Drives the real Pulumi CLI against an emulator started in the test process: a copy of an
 * example project in a scratch folder inside the repo (so `pulumi-twilio-serverless` resolves
 * from the root node_modules), a file backend, and the offline settings every run needs.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/credentials";

export const REPO = path.resolve(__dirname, "../..");
const SCRATCH = path.join(REPO, ".cache", "e2e");

let pulumiBin: string | undefined;

/** The folder holding `pulumi` (built once by scripts/ensure-pulumi.sh, then cached). */
export function pulumiBinDir(): string {
  if (!pulumiBin) {
    const out = execFileSync("bash", [path.join(REPO, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
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

export interface StackOptions {
  /** Folder under examples/ to copy. */
  example: string;
  /** Emulator origin, e.g. http://127.0.0.1:4010. */
  apiUrl: string;
  /** Stack config (plain values). */
  config?: Record<string, string>;
  /** Stack config set with --secret. */
  secretConfig?: Record<string, string>;
  /** Extra environment for every command. */
  env?: Record<string, string>;
}

let counter = 0;

export class TestStack {
  readonly dir: string;
  readonly stackName: string;
  private readonly root: string;
  env: Record<string, string>;

  private constructor(options: StackOptions) {
    counter += 1;
    this.stackName = `t${process.pid}x${counter}`;
    this.root = path.join(SCRATCH, this.stackName);
    this.dir = path.join(this.root, options.example);
    fs.rmSync(this.root, { recursive: true, force: true });
    fs.mkdirSync(path.join(this.root, "state"), { recursive: true });
    fs.cpSync(path.join(REPO, "examples", options.example), this.dir, { recursive: true });
    this.env = {
      ...stripPulumiEnv(process.env),
      PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}`,
      PULUMI_BACKEND_URL: `file://${path.join(this.root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "e2e-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: path.join(REPO, ".cache", "pulumi", "home"),
      TWILIO_SERVERLESS_API_URL: options.apiUrl,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
      ...options.env,
    };
  }

  /** Copies the example, makes the stack and sets its config. */
  static async create(options: StackOptions): Promise<TestStack> {
    const stack = new TestStack(options);
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

  /** Runs `pulumi <args>` in the project; never throws on a non-zero exit. */
  run(args: string[], extraEnv: Record<string, string> = {}, onSpawn?: (pid: number) => void): Promise<RunResult> {
    return new Promise((resolve, reject) => {
      const child = spawn("pulumi", [...args, "--non-interactive"], { cwd: this.dir, env: { ...this.env, ...extraEnv } });
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

  /** Destroys the stack's resources and removes the scratch folder. */
  async dispose(): Promise<void> {
    await this.run(["destroy", "--yes", "--skip-preview"]);
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

/** "Function::hello-world:hello" from a full URN. */
export function shortUrn(urn: string): string {
  const parts = urn.split("::");
  const type = parts[2].split("$").pop()!.split(":").pop()!;
  return `${type}::${parts[3]}`;
}

function stripPulumiEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && !key.startsWith("PULUMI_") && !key.startsWith("TWILIO_")) result[key] = value;
  }
  return result;
}

/** GET (or other method) to a deployed domain through the emulator's Host routing. */
export async function callDomain(apiUrl: string, domainName: string, pathAndQuery: string, init: RequestInit = {}): Promise<{ status: number; body: string }> {
  const response = await fetch(`${apiUrl}/_domains/${domainName}${pathAndQuery}`, init);
  return { status: response.status, body: await response.text() };
}

/** The emulator's call counts, and how many of them wrote (POST/DELETE). */
export async function emulatorStats(apiUrl: string): Promise<{ calls: Record<string, number>; writes: number }> {
  const stats = (await (await fetch(`${apiUrl}/_emulator/stats`)).json()) as { calls: Record<string, number> };
  const writes = Object.entries(stats.calls)
    .filter(([route]) => route.startsWith("POST ") || route.startsWith("DELETE "))
    .reduce((sum, [, n]) => sum + n, 0);
  return { calls: stats.calls, writes };
}

export async function resetStats(apiUrl: string): Promise<void> {
  await fetch(`${apiUrl}/_emulator/reset`, { method: "POST" });
}

/** A call to the emulator's API as the test account, for changes made behind Pulumi's back. */
export async function twilioApi(apiUrl: string, method: string, apiPath: string, form?: Record<string, string | string[]>): Promise<any> {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
  }
  const response = await fetch(`${apiUrl}/v1${apiPath}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}` },
    body: form ? body : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${apiPath}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Polls until the build leaves "building". */
export async function waitForBuild(apiUrl: string, serviceSid: string, buildSid: string): Promise<string> {
  for (;;) {
    const { status } = await twilioApi(apiUrl, "GET", `/Services/${serviceSid}/Builds/${buildSid}/Status`);
    if (status !== "building") return status;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
