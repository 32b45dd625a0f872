/**
 * twilio-serverless-emulator: a local Twilio Serverless API v1 and the domains it deploys to,
 * on one port. `startEmulator()` for in-process use; the `twilio-serverless-emulator` bin for
 * a separate process.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { EmulatorCore } from "./twilio/core";
import { BuildRunner } from "./twilio/builder";
import { advanceClock, type ClockAdvance } from "./clock-api";
import { DependencyCache } from "./twilio/dependencies";
import { releaseEnvironments } from "./twilio/domains";
import { resolveOptions, type EmulatorOptions } from "./options";
import { Retention } from "./twilio/retention";
import { RequestHandler } from "./server";
import { Stats } from "./http/stats";
import { Store } from "./store/store";

export {
  credentialsFromEnv,
  testCredentials,
  TEST_ACCOUNT_SID,
  TEST_API_KEY,
  TEST_API_SECRET,
  TEST_AUTH_TOKEN,
} from "./credentials";
export type { EmulatorCredentials } from "./credentials";
export { DEFAULT_LIMITS } from "./options";
export type { EmulatorLimits, EmulatorOptions } from "./options";
export type { ClockAdvance } from "./clock-api";
export type { RetentionSummary } from "./twilio/retention";

export interface RunningEmulator {
  /** e.g. "http://127.0.0.1:4010": the API is at `${url}/v1`. */
  url: string;
  port: number;
  /** The emulator's time (real time plus every advance so far). */
  now(): Date;
  /**
   * Moves the emulator's clock forward by `ms` and applies Twilio's retention policy at once;
   * resolves to the new time and what was deleted, as `POST /_emulator/clock` answers.
   */
  advanceClock(ms: number): Promise<ClockAdvance>;
  /** Stops listening, drops open connections, and flushes state to the data directory. */
  stop(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const resolved = resolveOptions(options);
  const store = await Store.open(resolved.dataDir);
  const dependencies = new DependencyCache(resolved.dataDir, resolved.dependenciesFrom);
  const core: EmulatorCore = {
    options: resolved,
    store,
    stats: new Stats(),
    retention: new Retention(store),
    dependencies,
    builds: new BuildRunner(store, resolved.buildDelayMs, dependencies),
  };
  // Time passed while it was stopped: apply retention before the first request.
  await core.retention.run();
  const handler = new RequestHandler(core);
  const server = createServer(handler.handle);
  try {
    await listen(server, resolved.port, resolved.host);
  } catch (error) {
    await store.close();
    throw error;
  }
  core.builds.resume();
  const port = (server.address() as AddressInfo).port;
  const host = resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host;
  let stopped: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    now: () => store.clock.now(),
    advanceClock: (ms) => advanceClock(core, ms),
    stop: () =>
      (stopped ??= (async () => {
        core.builds.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await releaseEnvironments(store.list("environments").map((environment) => environment.sid));
        await store.close();
      })()),
  };
}
