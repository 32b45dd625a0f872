/**
 * The emulator as its own process (so its CPU and memory are not counted as a contender's),
 * and the few calls the bench makes to it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "twilio-serverless-emulator";
import { cleanEnv } from "./children";

export const CREDENTIALS = { accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN };

export interface EmulatorStats {
  calls: Record<string, number>;
  total_calls: number;
  bytes_uploaded: number;
}

export interface EmulatorProcess {
  url: string;
  pid: number;
  stats(): Promise<EmulatorStats>;
  reset(): Promise<void>;
  /** GET on the API as the test account. */
  get(apiPath: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** A route of the stats is a write when it creates, changes or deletes (POST, DELETE). */
export function isWriteRoute(route: string): boolean {
  return route.startsWith("POST ") || route.startsWith("DELETE ");
}

export function writeCalls(calls: Record<string, number>): number {
  return Object.entries(calls)
    .filter(([route]) => isWriteRoute(route))
    .reduce((sum, [, n]) => sum + n, 0);
}

export async function startEmulatorProcess(
  repo: string,
  latencyMs: number,
  buildDelayMs: number,
): Promise<EmulatorProcess> {
  const cli = path.join(repo, "emulator", "dist", "cli.js");
  const args = [cli, "--port", "0", "--latency-ms", String(latencyMs), "--build-delay-ms", String(buildDelayMs)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"], env: cleanEnv() });
  const url = await listeningUrl(child);
  const auth = `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}`;
  const json = async (response: Response, what: string) => {
    if (!response.ok) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
    return response.json();
  };
  return {
    url,
    pid: child.pid!,
    stats: async () => (await json(await fetch(`${url}/_emulator/stats`), "emulator stats")) as EmulatorStats,
    reset: async () => {
      await json(await fetch(`${url}/_emulator/reset`, { method: "POST" }), "emulator reset");
    },
    get: async (apiPath) =>
      json(await fetch(`${url}/v1${apiPath}`, { headers: { authorization: auth } }), `GET ${apiPath}`),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        child.stdout!.off("data", onData);
        child.stdout!.resume();
        resolve(match[1]);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`the emulator exited (${code}) before listening:\n${output}`)));
  });
}
