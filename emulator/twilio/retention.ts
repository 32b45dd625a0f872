/**
 * Twilio's retention policy (Serverless API overview, "Retention policy"): after 7 days,
 * Functions and Assets with no Versions, and Versions no Build holds and no active Deployment
 * runs, are deleted; Logs after 30 days. Ages count from date_created on the emulator's clock.
 * "Part of a Build" is read strictly: only a Build that is building or completed holds its
 * versions; a failed Build can never be deployed and holds nothing (see emulator/README.md).
 */
import { debugLog } from "../debug";
import type { Store } from "../store/store";

const DAY_MS = 24 * 60 * 60 * 1000;
export const UNUSED_FILE_RETENTION_MS = 7 * DAY_MS;
export const LOG_RETENTION_MS = 30 * DAY_MS;
const log = debugLog("retention");
/** Lazy runs on requests happen at most this often (clock time): retention counts in days. */
const LAZY_INTERVAL_MS = 60 * 1000;

export interface RetentionSummary {
  functions: number;
  functionVersions: number;
  assets: number;
  assetVersions: number;
  logs: number;
}

function emptySummary(): RetentionSummary {
  return { functions: 0, functionVersions: 0, assets: 0, assetVersions: 0, logs: 0 };
}

/** Versions that must stay: those of live Builds and of every Build an environment runs. */
function heldVersions(store: Store): Set<string> {
  const running = new Set(
    store.list("environments").flatMap((environment) => (environment.buildSid ? [environment.buildSid] : [])),
  );
  const held = new Set<string>();
  for (const build of store.list("builds")) {
    if (build.status === "failed" && !running.has(build.sid)) continue;
    for (const sid of [...build.functionVersions, ...build.assetVersions]) held.add(sid);
  }
  return held;
}

/** Deletes what the policy deletes at `nowMs`; the caller commits the store. */
export function applyRetention(store: Store, nowMs: number): RetentionSummary {
  const deleted = emptySummary();
  const older = (dateCreated: string, ageMs: number) => Date.parse(dateCreated) <= nowMs - ageMs;

  const held = heldVersions(store);
  for (const version of store.list(
    "versions",
    (record) => !held.has(record.sid) && older(record.dateCreated, UNUSED_FILE_RETENTION_MS),
  )) {
    store.remove("versions", version.sid);
    deleted[version.kind === "function" ? "functionVersions" : "assetVersions"]++;
  }

  const withVersions = new Set(store.list("versions").map((version) => version.fileSid));
  for (const file of store.list(
    "files",
    (record) => !withVersions.has(record.sid) && older(record.dateCreated, UNUSED_FILE_RETENTION_MS),
  )) {
    store.remove("files", file.sid);
    deleted[file.kind === "function" ? "functions" : "assets"]++;
  }

  for (const log of store.list("logs", (record) => older(record.dateCreated, LOG_RETENTION_MS))) {
    store.remove("logs", log.sid);
    deleted.logs++;
  }
  return deleted;
}

/** Runs the policy when the clock moves, and lazily on requests as real time passes. */
export class Retention {
  private lastRunMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly store: Store) {}

  /** Applies the policy now and makes the deletions durable. */
  async run(): Promise<RetentionSummary> {
    this.lastRunMs = this.store.clock.nowMs();
    const deleted = applyRetention(this.store, this.lastRunMs);
    if (Object.values(deleted).some((count) => count > 0)) log("deleted %o", deleted);
    await this.store.commit();
    return deleted;
  }

  /**
   * Applies the policy unless it ran less than a minute ago (clock time). A last run stamped
   * ahead of now (a clock stepped back, a stubbed Date.now put back) counts as due, or lazy runs
   * would stop until the clock caught up.
   */
  async runIfDue(): Promise<void> {
    const sinceLastMs = this.store.clock.nowMs() - this.lastRunMs;
    if (sinceLastMs >= LAZY_INTERVAL_MS || sinceLastMs < 0) await this.run();
  }

  /** Moves the clock forward by `ms` and applies the policy at once. */
  async advance(ms: number): Promise<{ now: string; deleted: RetentionSummary }> {
    this.store.clock.advance(ms);
    const deleted = await this.run();
    return { now: this.store.clock.now().toISOString(), deleted };
  }
}
