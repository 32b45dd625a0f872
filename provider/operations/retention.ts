/**
 * What the provider does about Twilio's retention (the rule: rules.ts, UNBUILT_RETENTION_DAYS):
 * Twilio deletes Versions no Build holds, and Functions/Assets left without one, after up to 7
 * days. A `pulumi up` that stopped before its Build (it failed, it was killed) leaves Versions in
 * the state that may be gone by the next `up`. Each file's outputs say when its Version was
 * uploaded and whether a Build is known to hold it; `diff` (no HTTP) plans an update for an
 * unbuilt Version nearing that age, and the update uploads again only what no Build holds.
 */
import { TwilioApiError } from "../client";
import { buildsOfRun } from "../client/api/run-lists";
import { UNBUILT_RETENTION_DAYS } from "../rules";
import { versionsHeld } from "./files/holds";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * An unbuilt Version this old is uploaded again (one day before Twilio's 7: room for the `up` that
 * builds it and for clock skew). Should Twilio delete one sooner, the Build refused says so and
 * names the one command that repairs it (`vanishedVersionError`).
 */
export const RENEW_UNBUILT_AFTER_MS = (UNBUILT_RETENTION_DAYS - 1) * DAY_MS;

/** What a file's outputs record about its Version, for retention. */
export interface VersionRetention {
  /** Twilio's date_created of the Version (ISO 8601); absent in state written before this was recorded. */
  versionCreated?: string;
  /** Whether a completed Build was seen holding the Version; false from its upload until a refresh or an update sees one. */
  versionBuilt?: boolean;
}

/**
 * Whether this Version may be deleted by Twilio before the Build of the coming `up` holds it: no
 * Build is known to hold it, and it is older than RENEW_UNBUILT_AFTER_MS. State that records
 * neither (written by an older release) is left alone: a refresh fills both in.
 */
export function mayExpire(version: VersionRetention, now = Date.now()): boolean {
  if (version.versionBuilt !== false || !version.versionCreated) return false;
  const created = Date.parse(version.versionCreated);
  return Number.isFinite(created) && now - created >= RENEW_UNBUILT_AFTER_MS;
}

/**
 * The Versions the Service's completed Builds hold (Twilio keeps these; files/holds.ts, `kept`). Listed once per provider
 * run (one `pulumi up` or refresh, client/api/run-lists.ts, the same list a refresh's reads use):
 * file updates and reads run before this run's own Build, so one listing answers them all.
 */
export async function builtVersions(serviceSid: string): Promise<Set<string>> {
  return new Set(versionsHeld(await buildsOfRun(serviceSid), "kept").keys());
}

/**
 * Twilio's refusal of a Build that names Versions it no longer has (400/20001 or 404/20404 naming
 * a sid): an error that says what happened and how to repair it. Undefined for other errors.
 */
export function vanishedVersionError(error: unknown, versions: readonly string[]): Error | undefined {
  if (!(error instanceof TwilioApiError) || (error.status !== 400 && error.status !== 404)) return undefined;
  const vanished = versions.filter((sid) => error.detail.includes(sid));
  if (vanished.length === 0) return undefined;
  return new Error(
    `Twilio no longer has ${vanished.length === 1 ? "Version" : "Versions"} ${vanished.join(", ")} that this Build names ` +
      `(${error.detail}). Twilio deletes Function and Asset Versions that no Build holds after up to ${UNBUILT_RETENTION_DAYS} days ` +
      '(https://www.twilio.com/docs/serverless/api, "Retention policy"), e.g. after a `pulumi up` that failed before its Build. ' +
      "Run `pulumi up --refresh`: the refresh finds what Twilio deleted and the update uploads it again.",
  );
}
