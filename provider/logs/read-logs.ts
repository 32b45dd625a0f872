/**
 * What deployed Functions wrote, for programs, tests and the `logs` command: `readLogs` reads one
 * window of an Environment's Logs in time order, `tailLogs` follows them, each line once.
 * Function sids are shown as paths through the Builds the Logs name (one fetch per Build).
 */
import { getClient, isNotFound, logsPollIntervalMs } from "../client";
import type { HttpClient } from "../client/http";
import { fetchBuild } from "../client/api/builds";
import { fetchEnvironment } from "../client/api/environments";
import { listLogs } from "../client/api/logs";
import type { LogResource } from "../client/api/types";

export const LOG_LEVELS = ["info", "warn", "error"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Without `since`, the last 15 minutes (what the `logs` command shows by default). */
export const DEFAULT_LOGS_WINDOW_MS = 15 * 60 * 1000;

/**
 * How far before the newest line seen `tailLogs` asks again: a line may reach the API a little
 * after lines stamped later than it (Twilio stamps to the millisecond and does not promise order).
 */
export const TAIL_LOOKBACK_MS = 5000;

export interface LogEntry {
  sid: string;
  time: Date;
  /** "info", "warn" or "error", lower-case whatever the API sent. */
  level: string;
  message: string;
  functionSid?: string;
  /** The path the Function is served at in the Build that logged, when that Build is known. */
  functionPath?: string;
  requestSid?: string;
  buildSid?: string;
}

export interface ReadLogsOptions {
  serviceSid: string;
  environmentSid: string;
  /** Start of the window (Twilio's StartDate); default: 15 minutes ago. */
  since?: Date;
  /** End of the window (Twilio's EndDate); default: now. */
  until?: Date;
  /** Only this Function's lines: its path in the Build the Environment runs ("/hello"). */
  functionPath?: string;
  /** Only this Function's lines, by sid (ZH…). */
  functionSid?: string;
  /** Minimum level: "warn" shows warn and error. */
  level?: LogLevel;
  /** Logs per page (1 to 1000; default 100). */
  pageSize?: number;
  /** Default: the shared client (credentials from the environment or the stack's twilio:* config). */
  client?: HttpClient;
}

export interface TailLogsOptions extends Omit<ReadLogsOptions, "until"> {
  /** Between two polls; default 1 s (TWILIO_SERVERLESS_LOGS_POLL_MS). */
  pollIntervalMs?: number;
  /** Ends the iteration (after the request in flight, if any). */
  signal?: AbortSignal;
}

/** A filter that names nothing that exists (an unknown function path): the caller's input to fix. */
export class LogsInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LogsInputError";
  }
}

/** One window of logs, oldest first. */
export async function readLogs(options: ReadLogsOptions): Promise<LogEntry[]> {
  const reader = new LogReader(options);
  const entries = await reader.read(options.since ?? new Date(Date.now() - DEFAULT_LOGS_WINDOW_MS), options.until);
  return entries.filter((entry) => atLeast(entry.level, options.level));
}

/**
 * The window from `since` (default 15 minutes ago), then every line logged afterwards, each
 * once, until `signal` aborts or the consumer stops iterating.
 */
export async function* tailLogs(options: TailLogsOptions): AsyncGenerator<LogEntry, void, undefined> {
  const pollIntervalMs = options.pollIntervalMs ?? logsPollIntervalMs();
  const reader = new LogReader(options);
  const seen = new Map<string, number>();
  let newest = (options.since ?? new Date(Date.now() - DEFAULT_LOGS_WINDOW_MS)).getTime();
  let start = newest;
  while (!options.signal?.aborted) {
    const entries = await reader.read(new Date(start));
    if (options.signal?.aborted) return;
    for (const entry of entries) {
      if (seen.has(entry.sid)) continue;
      const time = entry.time.getTime();
      seen.set(entry.sid, time);
      newest = Math.max(newest, time);
      if (atLeast(entry.level, options.level)) yield entry;
    }
    start = newest - TAIL_LOOKBACK_MS;
    // Lines older than the next window (less a second: StartDate may be rounded down) cannot come back.
    for (const [sid, time] of seen) if (time < start - 1000) seen.delete(sid);
    await sleep(pollIntervalMs, options.signal);
  }
}

/** Whether `level` is at or above `minimum` (levels it does not know count as info). */
export function atLeast(level: string, minimum: LogLevel | undefined): boolean {
  return !minimum || levelRank(level) >= levelRank(minimum);
}

function levelRank(level: string): number {
  const rank = LOG_LEVELS.indexOf(normalizeLevel(level) as LogLevel);
  return rank < 0 ? 0 : rank;
}

function normalizeLevel(level: string): string {
  const lower = (level || "info").toLowerCase();
  return lower === "warning" ? "warn" : lower;
}

/** Reads windows of one Environment's Logs and names their Functions. */
class LogReader {
  private readonly client: HttpClient;
  private readonly paths: FunctionPaths;
  private functionSid: Promise<string | undefined> | undefined;

  constructor(private readonly options: ReadLogsOptions) {
    this.client = options.client ?? getClient();
    this.paths = new FunctionPaths(this.client, options.serviceSid);
  }

  async read(since: Date, until?: Date): Promise<LogEntry[]> {
    const { serviceSid, environmentSid, pageSize } = this.options;
    const logs = await listLogs(this.client, serviceSid, environmentSid, {
      startDate: since,
      endDate: until,
      functionSid: await this.filterSid(),
      pageSize,
    });
    const entries = await Promise.all(logs.map((log) => this.entryOf(log)));
    // Twilio lists in no reliable order; a stable sort keeps the API's order for equal times.
    return entries.sort((a, b) => a.time.getTime() - b.time.getTime());
  }

  private filterSid(): Promise<string | undefined> {
    const { functionSid, functionPath, environmentSid } = this.options;
    if (functionSid || !functionPath) return Promise.resolve(functionSid);
    this.functionSid ??= this.paths.sidOfDeployedPath(environmentSid, functionPath);
    return this.functionSid;
  }

  private async entryOf(log: LogResource): Promise<LogEntry> {
    return {
      sid: log.sid,
      time: new Date(log.date_created),
      level: normalizeLevel(log.level),
      message: log.message ?? "",
      functionSid: log.function_sid ?? undefined,
      functionPath: await this.paths.pathOf(log),
      requestSid: log.request_sid ?? undefined,
      buildSid: log.build_sid ?? undefined,
    };
  }
}

/** Function sid → path, per Build (a path can change from one Build to the next). */
class FunctionPaths {
  private readonly builds = new Map<string, Promise<Map<string, string>>>();

  constructor(
    private readonly client: HttpClient,
    private readonly serviceSid: string,
  ) {}

  async pathOf(log: LogResource): Promise<string | undefined> {
    const functionSid = log.function_sid;
    if (!functionSid) return undefined;
    if (log.build_sid) {
      const path = (await this.build(log.build_sid)).get(functionSid);
      if (path) return path;
    }
    for (const build of this.builds.values()) {
      const path = (await build).get(functionSid);
      if (path) return path;
    }
    return undefined;
  }

  /** The sid of the Function served at `path` by the Build the Environment runs. */
  async sidOfDeployedPath(environmentSid: string, path: string): Promise<string> {
    const environment = await fetchEnvironment(this.client, this.serviceSid, environmentSid);
    if (!environment.build_sid) {
      throw new LogsInputError(
        `Environment ${environment.unique_name} (${environmentSid}) runs no Build yet, so no function is served at "${path}".`,
      );
    }
    const functions = await this.build(environment.build_sid);
    for (const [sid, servedAt] of functions) if (servedAt === path) return sid;
    const known = [...functions.values()].sort().join(", ") || "none";
    throw new LogsInputError(
      `no function is served at "${path}" in Environment ${environment.unique_name} (its functions: ${known}).`,
    );
  }

  private build(buildSid: string): Promise<Map<string, string>> {
    let paths = this.builds.get(buildSid);
    if (!paths) {
      paths = this.load(buildSid);
      this.builds.set(buildSid, paths);
      // A failed read is tried again at the next line rather than remembered.
      paths.catch(() => this.builds.delete(buildSid));
    }
    return paths;
  }

  private async load(buildSid: string): Promise<Map<string, string>> {
    const paths = new Map<string, string>();
    try {
      const build = await fetchBuild(this.client, this.serviceSid, buildSid);
      for (const version of build.function_versions ?? []) {
        if (typeof version !== "string" && version.function_sid) paths.set(version.function_sid, version.path);
      }
    } catch (error) {
      // A deleted Build: its lines keep the Function's sid.
      if (!isNotFound(error)) throw error;
    }
    return paths;
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
  });
}
