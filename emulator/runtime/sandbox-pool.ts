import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { routeProcessEnvToInvocations } from "./function-env";
import { invocationScope } from "./invocation-scope";
import { createSandbox, type FunctionSandbox } from "./sandbox";
import type { DeployedEnvironment } from "./types";

/** Sandboxes kept at once; the least recently used goes first (each holds a vm context and files). */
const MAX_SANDBOXES = 64;

interface PoolEntry {
  /** The deployment the sandbox was made for: a new deployment gets a fresh sandbox, as on Twilio. */
  deployment: string;
  sandbox: Promise<FunctionSandbox>;
}

// By environment sid; Map order doubles as the LRU order.
const pool = new Map<string, PoolEntry>();
let tempRoot: string | undefined;

/** The sandbox serving an environment's current deployment, created on its first function call. */
export function sandboxFor(env: DeployedEnvironment): Promise<FunctionSandbox> {
  const deployment = `${env.deploymentSid}/${env.buildSid}`;
  const existing = pool.get(env.environmentSid);
  pool.delete(env.environmentSid);
  if (existing?.deployment === deployment) {
    pool.set(env.environmentSid, existing);
    return existing.sandbox;
  }
  if (existing) retire(existing);
  guardProcessAgainstFunctionErrors();
  routeProcessEnvToInvocations();
  const entry: PoolEntry = { deployment, sandbox: createSandbox(env, sandboxRoot()) };
  pool.set(env.environmentSid, entry);
  // A failed creation (content unreadable) is retried by the next request.
  entry.sandbox.catch(() => {
    if (pool.get(env.environmentSid) === entry) pool.delete(env.environmentSid);
  });
  for (const [sid, oldest] of pool) {
    if (pool.size <= MAX_SANDBOXES) break;
    pool.delete(sid);
    retire(oldest);
  }
  return entry.sandbox;
}

/**
 * Drops the sandboxes (and their files) of the given environments, or of all: for an emulator
 * that stops, or an environment deleted. A later request simply starts a fresh sandbox.
 */
export async function closeSandboxes(environmentSids?: Iterable<string>): Promise<void> {
  const sids = environmentSids ? [...environmentSids] : [...pool.keys()];
  const entries = sids.flatMap((sid) => {
    const entry = pool.get(sid);
    pool.delete(sid);
    return entry ? [entry] : [];
  });
  await Promise.all(
    entries.map((entry) =>
      entry.sandbox.then(
        (sandbox) => sandbox.retire(),
        () => undefined,
      ),
    ),
  );
}

function retire(entry: PoolEntry): void {
  void entry.sandbox.then(
    (sandbox) => sandbox.retire(),
    () => undefined,
  );
}

function sandboxRoot(): string {
  if (!tempRoot) {
    const root = mkdtempSync(join(tmpdir(), "twilio-serverless-runtime-"));
    tempRoot = root;
    process.once("exit", () => rmSync(root, { recursive: true, force: true }));
  }
  return tempRoot;
}

let guarded = false;

/**
 * Keeps a function's stray error (a rejected promise nobody awaited, a throw in an I/O callback)
 * from killing the whole emulator: it fails that function's invocation, found through the async
 * context, as Twilio fails one invocation. For any other error the process behaves as if these
 * listeners were not there: Node's default (crash) unless someone else listens.
 */
function guardProcessAgainstFunctionErrors(): void {
  if (guarded) return;
  guarded = true;
  const onRejection = (reason: unknown) => {
    const scope = invocationScope.getStore();
    if (scope) return scope.fail(reason);
    // Node's default for an unhandled rejection: rethrow it as an uncaught exception.
    if (!othersListen("unhandledRejection", onRejection)) throw reason;
  };
  const onException = (error: unknown) => {
    const scope = invocationScope.getStore();
    if (scope) return scope.fail(error);
    if (!othersListen("uncaughtException", onException)) {
      process.stderr.write(`Uncaught ${inspect(error)}\n`);
      process.exit(1);
    }
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
}

function othersListen(event: "unhandledRejection" | "uncaughtException", own: unknown): boolean {
  // Node's domain module adds a bookkeeping listener beside any other; it handles nothing.
  return (process as NodeJS.EventEmitter)
    .listeners(event)
    .some((listener) => listener !== own && listener.name !== "domainUncaughtExceptionClear");
}
