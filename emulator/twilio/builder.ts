/**
 * Builds run in the background: `building` for buildDelayMs (and until their npm packages are
 * installed), then `completed`, or `failed` when a function version does not compile or a
 * dependency cannot be installed. Builds still building at a restart are picked up again.
 * Deadlines and the builds-per-hour window are on the emulator's clock: moving it finishes builds.
 */
import { debugLog } from "../debug";
import type { DependencyCache } from "./dependencies";
import { checkFunctionSource } from "../runtime";
import type { BuildRecord } from "../store/records";
import type { Store } from "../store/store";

const HOUR_MS = 60 * 60 * 1000;
const log = debugLog("build");

export class BuildRunner {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Creation times per account, for the builds-per-hour limit (deleted builds still count). */
  private readonly recent = new Map<string, number[]>();

  constructor(
    private readonly store: Store,
    private readonly delayMs: number,
    private readonly dependencies: DependencyCache,
  ) {}

  /** Schedules every build left `building` (by a restart or a clock move), keeping its deadline. */
  resume(): void {
    for (const build of this.store.list("builds", (record) => record.status === "building")) {
      const elapsed = this.store.clock.nowMs() - Date.parse(build.dateCreated);
      this.schedule(build.sid, Math.max(0, this.delayMs - elapsed));
    }
  }

  /** How many builds the account created in the last hour. */
  createdLastHour(accountSid: string): number {
    const cutoff = this.store.clock.nowMs() - HOUR_MS;
    const times = (this.recent.get(accountSid) ?? []).filter((time) => time > cutoff);
    this.recent.set(accountSid, times);
    return times.length;
  }

  start(build: BuildRecord): void {
    const times = this.recent.get(build.accountSid) ?? [];
    times.push(this.store.clock.nowMs());
    this.recent.set(build.accountSid, times);
    this.schedule(build.sid, this.delayMs);
  }

  cancel(sid: string): void {
    clearTimeout(this.timers.get(sid));
    this.timers.delete(sid);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private schedule(sid: string, delayMs: number): void {
    this.cancel(sid);
    this.timers.set(
      sid,
      setTimeout(() => {
        this.timers.delete(sid);
        this.finish(sid).catch((error: unknown) =>
          console.error(`twilio-serverless-emulator: build ${sid} could not finish:`, error),
        );
      }, delayMs),
    );
  }

  private async finish(sid: string): Promise<void> {
    const build = this.store.get("builds", sid);
    if (!build || build.status !== "building") return;
    const compileFailure = await this.compileError(build);
    const dependencyFailure = compileFailure
      ? undefined
      : (await this.dependencies.prepare(build.dependencies)).failure;
    const failure = compileFailure ?? dependencyFailure;
    const current = this.store.get("builds", sid);
    if (!current || current.status !== "building") return;
    this.store.update("builds", current, failure ? { status: "failed", failure } : { status: "completed" });
    log("Build %s: %s%s", sid, failure ? "failed: " : "completed", failure ?? "");
    // Twilio shows this in the Console; here the emulator's own output is the place.
    if (dependencyFailure) console.error(`twilio-serverless-emulator: build ${sid} failed: ${dependencyFailure}`);
    await this.store.commit();
  }

  private async compileError(build: BuildRecord): Promise<string | undefined> {
    for (const versionSid of build.functionVersions) {
      const version = this.store.get("versions", versionSid);
      if (!version) return `Function Version ${versionSid} no longer exists`;
      const source = (await this.store.content.read(version.contentSha256)).toString("utf8");
      const error = checkFunctionSource(source, version.path);
      if (error) return `${version.path}: ${error}`;
    }
    return undefined;
  }
}
