/**
 * Shared set-up of the provider tests: an in-process emulator, the provider's environment
 * pointed at it, a separate client for out-of-band changes, and small lifecycle helpers that
 * call operations in the order Pulumi does (check → create; check → diff → update).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type EmulatorOptions } from "../../emulator/index";
import { closeClient, resetStackConfig } from "../../provider/client";
import { HttpClient } from "../../provider/client/http";
import type { ResourceOperations } from "../../provider/resources/common";

export { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN };

/** What the provider reads from the environment in these tests. */
export function providerEnv(url: string): Record<string, string> {
  return {
    TWILIO_SERVERLESS_API_URL: url,
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_SERVERLESS_RETRY_BASE_MS: "2",
    TWILIO_SERVERLESS_RETRY_MAX_DELAY_MS: "20",
    TWILIO_SERVERLESS_MAX_RETRIES: "8",
    TWILIO_SERVERLESS_BUILD_POLL_MS: "20",
  };
}

/** Every TWILIO_* variable set now: the provider reads no other (test/hermetic.ts clears the shell's). */
function twilioEnvNames(): string[] {
  return Object.keys(process.env).filter((name) => name.startsWith("TWILIO_"));
}

export interface TestEmulator {
  url: string;
  /** A client of its own, for changes "made elsewhere" (not by the provider). */
  outOfBand: HttpClient;
  /** API calls so far, by "METHOD template". */
  calls(): Promise<Record<string, number>>;
  /** Runs `cleanup` after the suite, before the emulator stops (mocha runs `after` hooks in order). */
  atEnd(cleanup: () => Promise<unknown>): void;
  /** The emulator's clock, and moving it forward (which applies Twilio's retention at once). */
  now(): Date;
  advanceClock(ms: number): Promise<unknown>;
}

/**
 * Starts an emulator before the suite and points the provider at it; stops and restores after.
 * Returns a holder filled in by the `before` hook.
 */
export function useEmulator(options: EmulatorOptions = {}): TestEmulator {
  const cleanups: (() => Promise<unknown>)[] = [];
  const holder = { atEnd: (cleanup) => void cleanups.push(cleanup) } as TestEmulator;
  let stop: (() => Promise<void>) | undefined;
  const saved: Record<string, string | undefined> = {};
  before(async () => {
    const emulator = await startEmulator({ buildDelayMs: 50, ...options });
    stop = () => emulator.stop();
    for (const name of new Set([...twilioEnvNames(), ...Object.keys(providerEnv(""))])) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
    Object.assign(process.env, providerEnv(emulator.url));
    resetStackConfig();
    holder.url = emulator.url;
    holder.outOfBand = new HttpClient({
      credentials: { accountSid: TEST_ACCOUNT_SID, username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN },
      endpoints: { apiOrigin: emulator.url, uploadOrigin: emulator.url },
      concurrency: 4,
      retry: { maxRetries: 8, baseDelayMs: 2, maxDelayMs: 20, budgetMs: 30_000 },
      requestTimeoutMs: 10_000,
    });
    holder.now = () => emulator.now();
    holder.advanceClock = (ms) => emulator.advanceClock(ms);
    holder.calls = async () => {
      const response = await fetch(`${emulator.url}/_emulator/stats`);
      return ((await response.json()) as { calls: Record<string, number> }).calls;
    };
  });
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await holder.outOfBand?.close();
    await closeClient();
    await stop?.();
    for (const name of new Set([...twilioEnvNames(), ...Object.keys(saved)])) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });
  return holder;
}

let counter = 0;
/** A name unique within the test run (service names are account-wide). */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid % 10000}-${counter}`;
}

/** Runs `check` and asserts it passed; returns the checked inputs. */
export async function checked<I, O>(operations: ResourceOperations<I, O>, news: object): Promise<I> {
  const result = await operations.check({}, news as Record<string, unknown>);
  assert.deepEqual(result.failures ?? [], [], `check failed: ${JSON.stringify(result.failures)}`);
  return result.inputs as I;
}

/** The failures `check` reports for these inputs, by property. */
export async function checkFailures<I, O>(
  operations: ResourceOperations<I, O>,
  news: object,
): Promise<Record<string, string>> {
  const result = await operations.check({}, news as Record<string, unknown>);
  return Object.fromEntries((result.failures ?? []).map((failure) => [failure.property, failure.reason]));
}

export interface Created<O> {
  id: string;
  outs: O;
}

/** check → create. */
export async function create<I, O>(operations: ResourceOperations<I, O>, news: object): Promise<Created<O>> {
  const inputs = await checked(operations, news);
  const result = await operations.create(inputs);
  assert.ok(result.id, "create returns an id");
  return { id: result.id, outs: result.outs as O };
}

/** check → diff against the current outputs. */
export async function diff<I, O>(operations: ResourceOperations<I, O>, current: Created<O>, news: object) {
  const inputs = await checked(operations, news);
  return { inputs, diff: await operations.diff(current.id, current.outs, inputs) };
}

/** check → diff (which must be an in-place update) → update. */
export async function update<I, O>(
  operations: ResourceOperations<I, O>,
  current: Created<O>,
  news: object,
): Promise<Created<O>> {
  const { inputs, diff: result } = await diff(operations, current, news);
  assert.equal(result.changes, true, "diff reports a change");
  assert.deepEqual(result.replaces ?? [], [], "an update, not a replacement");
  const updated = await operations.update(current.id, current.outs, inputs);
  return { id: current.id, outs: updated.outs as O };
}

/** read, asserting the object is still there. */
export async function read<I, O>(operations: ResourceOperations<I, O>, current: Created<O>): Promise<Created<O>> {
  const result = await operations.read(current.id, current.outs);
  assert.equal(result.id, current.id, "read finds the object");
  return { id: current.id, outs: result.props as O };
}

/** A temporary directory removed after the suite. */
export function useTempDir(): { dir: string } {
  const holder = { dir: "" };
  before(() => {
    holder.dir = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-provider-test-"));
  });
  after(() => fs.rmSync(holder.dir, { recursive: true, force: true }));
  return holder;
}
