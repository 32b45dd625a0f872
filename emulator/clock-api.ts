/**
 * `/_emulator/clock` and the library's advanceClock(): read the emulator's time, or move it
 * forward and apply Twilio's retention policy at once. Builds still building whose deadline the
 * move passed finish right away.
 */
import type { IncomingMessage } from "node:http";
import type { EmulatorCore } from "./twilio/core";
import { readBody } from "./http/body";
import { invalidParameter } from "./http/errors";
import type { RetentionSummary } from "./twilio/retention";

export interface ClockAdvance {
  /** The emulator's time after the move, ISO 8601. */
  now: string;
  /** What retention deleted, by kind. */
  deleted: RetentionSummary;
}

export async function advanceClock(core: EmulatorCore, ms: number): Promise<ClockAdvance> {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError(`advanceClock needs a number of milliseconds >= 0, got ${ms}`);
  const result = await core.retention.advance(ms);
  core.builds.resume();
  return result;
}

/** GET answers the time; POST takes `{ "advanceSeconds": N }`. */
export async function clockRequest(core: EmulatorCore, req: IncomingMessage): Promise<{ now: string } | ClockAdvance> {
  if (req.method === "GET") return { now: core.store.clock.now().toISOString() };
  const help = 'POST /_emulator/clock takes a JSON body like { "advanceSeconds": 691200 } (a number >= 0)';
  let body: unknown;
  try {
    body = JSON.parse((await readBody(req, 64 * 1024, "Clock request body")).toString("utf8") || "null");
  } catch {
    throw invalidParameter(`Invalid clock request: not JSON. ${help}`);
  }
  const seconds = (body as { advanceSeconds?: unknown } | null)?.advanceSeconds;
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
    throw invalidParameter(`Invalid clock request: advanceSeconds is ${JSON.stringify(seconds)}. ${help}`);
  }
  return advanceClock(core, seconds * 1000);
}
