/**
 * How the bench starts its helper scripts (Toolkit deploy, floor deploy) as child processes:
 * compiled JavaScript under `npm run bench`, TypeScript through ts-node when the bench runs
 * from sources (the smoke test).
 */
import * as path from "node:path";
import type { CommandSpec } from "./measure";
import { hermeticEnv } from "../scripts/hermetic-env";

const fromSources = __filename.endsWith(".ts");

/** The environment without any PULUMI_* or TWILIO_* of the caller's shell (the tests' and the demo's rule). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return hermeticEnv(process.env, extra);
}

/** `node <bench script> <json input>`; the script prints its JSON result as the last stdout line. */
export function benchScript(name: "toolkit-deploy" | "floor-deploy", input: unknown, cwd: string): CommandSpec {
  const file = path.join(__dirname, `${name}${fromSources ? ".ts" : ".js"}`);
  const preload = fromSources ? ["-r", "ts-node/register/transpile-only"] : [];
  return { command: process.execPath, args: [...preload, file, JSON.stringify(input)], cwd, env: cleanEnv() };
}

export function lastJsonLine<T>(stdout: string): T {
  const line = stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`expected a JSON result as the last line, got:\n${stdout.slice(-2000)}`);
  }
}
