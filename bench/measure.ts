/**
 * Runs one command as a child process and measures what the user waits for (wall time from
 * spawn to exit) and the peak resident memory of its whole process tree (sampled from /proc,
 * summed over every descendant: the Pulumi CLI, language host, program and provider processes).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";

const PAGE_BYTES = 4096;
const SAMPLE_EVERY_MS = 40;

export interface Measured {
  wallMs: number;
  peakRssBytes: number;
  /** CPU time (user + system) by process role, as last sampled before each process ended. */
  cpuMsByRole: Record<string, number>;
  /** When each role's processes were first and last seen, ms from spawn (the command's timeline). */
  spanMsByRole: Record<string, Span>;
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Span {
  startMs: number;
  endMs: number;
}

export interface CommandSpec {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

function childrenOf(pid: number): number[] {
  let tasks: string[];
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const result: number[] = [];
  for (const task of tasks) {
    try {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").split(" ")) {
        if (child.trim()) result.push(Number(child));
      }
    } catch {
      // The task ended while we looked.
    }
  }
  return result;
}

function residentBytes(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

const CLOCK_TICKS_PER_SECOND = 100;

/** What a process of the tree is, from its command line. */
export function processRole(cmdline: string): string {
  if (cmdline.includes("dynamic-provider")) return "dynamic provider";
  if (cmdline.includes("pulumi-resource-twilio-serverless")) return "provider plugin";
  // The YAML host evaluates a YAML program itself: it is that program's process.
  if (cmdline.includes("cmd/run") || cmdline.includes("pulumi-language-yaml")) return "program";
  if (cmdline.includes("pulumi-language-nodejs")) return "language host";
  if (/(^|\/)pulumi\0/.test(cmdline)) return "pulumi CLI";
  return "other";
}

/** Walks a process tree from /proc: its resident memory now, and each process's CPU so far. */
export class TreeSampler {
  private readonly cpuTicks = new Map<number, { role: string; ticks: number; firstMs: number; lastMs: number }>();
  private readonly started = process.hrtime.bigint();
  peakRssBytes = 0;

  constructor(private readonly root: number) {}

  sample(): void {
    let total = 0;
    const pending = [this.root];
    const seen = new Set<number>();
    while (pending.length > 0) {
      const pid = pending.pop()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      total += residentBytes(pid);
      this.sampleCpu(pid);
      pending.push(...childrenOf(pid));
    }
    this.peakRssBytes = Math.max(this.peakRssBytes, total);
  }

  private sampleCpu(pid: number): void {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ticks = Number(fields[11]) + Number(fields[12]);
      // Read each time: a process may first be seen as its parent's fork, before it execs its
      // own program; an exited process (a zombie until reaped) has an empty command line.
      const seen = processRole(fs.readFileSync(`/proc/${pid}/cmdline`, "utf8"));
      const known = this.cpuTicks.get(pid);
      const now = Number(process.hrtime.bigint() - this.started) / 1e6;
      this.cpuTicks.set(pid, {
        role: seen === "other" && known ? known.role : seen,
        ticks,
        firstMs: known?.firstMs ?? now,
        lastMs: now,
      });
    } catch {
      // The process ended while we looked.
    }
  }

  cpuMsByRole(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const { role, ticks } of this.cpuTicks.values()) {
      result[role] = (result[role] ?? 0) + (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
    }
    return result;
  }

  spanMsByRole(): Record<string, Span> {
    const result: Record<string, Span> = {};
    for (const { role, firstMs, lastMs } of this.cpuTicks.values()) {
      const known = result[role];
      result[role] = {
        startMs: Math.min(known?.startMs ?? firstMs, firstMs),
        endMs: Math.max(known?.endMs ?? lastMs, lastMs),
      };
    }
    return result;
  }
}

export const procAvailable = fs.existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

export function runMeasured(spec: CommandSpec): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: ["ignore", "pipe", "pipe"] });
    const sampler = new TreeSampler(child.pid ?? -1);
    const timer = procAvailable && child.pid ? setInterval(() => sampler.sample(), SAMPLE_EVERY_MS) : undefined;
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", (error) => {
      if (timer) clearInterval(timer);
      reject(error);
    });
    child.on("close", (code) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      if (timer) clearInterval(timer);
      resolve({
        wallMs,
        peakRssBytes: sampler.peakRssBytes,
        cpuMsByRole: sampler.cpuMsByRole(),
        spanMsByRole: sampler.spanMsByRole(),
        code,
        stdout,
        stderr,
      });
    });
  });
}

/** Like runMeasured, but a non-zero exit is an error carrying the output. */
export async function mustRunMeasured(spec: CommandSpec, what: string): Promise<Measured> {
  const result = await runMeasured(spec);
  if (result.code !== 0) {
    throw new Error(
      `${what} failed (exit ${result.code}): ${spec.command} ${spec.args.join(" ")}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
    );
  }
  return result;
}
