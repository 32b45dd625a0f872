import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import { dirname, sep } from "node:path";
import { format, inspect } from "node:util";
import type { FunctionLog } from "./types";

/**
 * What one invocation of a function carries through every callback, timer and promise it starts.
 * AsyncLocalStorage keeps it attached across awaits, so concurrent invocations of functions that
 * share one sandbox (and one `console`) still log under their own request sid.
 */
export interface InvocationScope {
  functionSid: string;
  requestSid: string;
  onLog: (log: FunctionLog) => void;
  /** The invocation's `process.env` (function-env.ts). */
  env: Record<string, string>;
  /** Ends the invocation with a 500 (or 504 for a timeout) and logs the error. */
  fail(error: unknown): void;
}

export const invocationScope = new AsyncLocalStorage<InvocationScope>();

/** RQ + 32 hex, the shape of Twilio's request sids (randomUUID draws from a cached pool: cheap per call). */
export function newRequestSid(): string {
  return "RQ" + randomUUID().replace(/-/g, "");
}

/** Logs to the invocation the current async context belongs to. */
export function logToInvocation(level: FunctionLog["level"], message: string): void {
  const scope = invocationScope.getStore();
  // Code running outside any invocation (none should) has nobody to log to.
  if (scope) emitLog(scope, level, message);
}

export function emitLog(scope: InvocationScope, level: FunctionLog["level"], message: string): void {
  try {
    scope.onLog({ level, message, functionSid: scope.functionSid, requestSid: scope.requestSid });
  } catch {
    // A failing log sink must not break the function that logged.
  }
}

/** The text Twilio's logs show for an error: its stack when it has one. */
export function describeError(error: unknown): string {
  const stack = functionStack(error);
  if (stack !== undefined) return stack;
  return typeof error === "string" ? error : inspect(error);
}

// The emulator's own files (src or dist): frames from there on are the emulator's, not the function's.
const EMULATOR_ROOT = dirname(__dirname) + sep;

/**
 * An error's stack as the function's caller and Logs see it: the function's frames, cut at the first
 * frame of the emulator or of Node's vm (on Twilio, the runtime's frames there are its own).
 */
export function functionStack(error: unknown): string | undefined {
  const stack = error && typeof error === "object" ? (error as Error).stack : undefined;
  if (typeof stack !== "string") return undefined;
  const lines = stack.split("\n");
  const cut = lines.findIndex(
    (line) => /^\s+at /.test(line) && (line.includes(EMULATOR_ROOT) || /\(node:vm:|evalmachine\./.test(line)),
  );
  return cut < 0 ? stack : lines.slice(0, cut).join("\n");
}

/**
 * The `console` functions see. Its output becomes Logs of the current invocation instead of the
 * emulator's stdout; one object serves a whole sandbox since the scope comes from the async context.
 */
export function createFunctionConsole(): Partial<Console> {
  const at =
    (level: FunctionLog["level"]) =>
    (...args: unknown[]) =>
      logToInvocation(level, format(...args));
  const info = at("info");
  const timers = new Map<string, number>();
  const counts = new Map<string, number>();
  return {
    log: info,
    info,
    debug: info,
    trace: info,
    warn: at("warn"),
    error: at("error"),
    dir: (value: unknown) => info(inspect(value)),
    table: (value: unknown) => info(inspect(value)),
    assert: (condition?: boolean, ...args: unknown[]) => {
      if (!condition) at("error")("Assertion failed" + (args.length ? ": " + format(...args) : ""));
    },
    time: (label = "default") => void timers.set(label, performance.now()),
    timeLog: (label = "default") => info(`${label}: ${elapsed(timers, label)}`),
    timeEnd: (label = "default") => {
      info(`${label}: ${elapsed(timers, label)}`);
      timers.delete(label);
    },
    count: (label = "default") => {
      const next = (counts.get(label) ?? 0) + 1;
      counts.set(label, next);
      info(`${label}: ${next}`);
    },
    countReset: (label = "default") => void counts.delete(label),
    group: info,
    groupCollapsed: info,
    groupEnd: () => undefined,
  };
}

function elapsed(timers: Map<string, number>, label: string): string {
  const start = timers.get(label);
  return start === undefined ? "no such label" : `${(performance.now() - start).toFixed(3)}ms`;
}
