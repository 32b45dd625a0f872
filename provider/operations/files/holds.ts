/**
 * Whether a Build holds a Version: the one definition that retention, drift and the take-over of
 * orphans read (they used to answer it three ways). Twilio keeps Versions that are "part of a
 * Build" (Serverless API overview, "Retention policy"); a failed Build can never be deployed, so
 * it holds nothing, as the emulator reads it too (emulator/retention.ts).
 */
import { containerOf, heldVersions } from "../../client/api/builds";
import type { BuildResource, VersionResource } from "../../client/api/types";

/** The rule: a Build holds the Versions it lists unless it failed. */
function holds(build: BuildResource): boolean {
  return build.status !== "failed";
}

/**
 * Which Builds count, by use. Drift takes the rule as it is; two uses need another, named here:
 * - `kept` (retention): a Version found held is recorded as built and never checked again, so
 *   only a completed Build counts; a building one may still fail, and then holds nothing.
 * - `claimed` (take-over): a container named by any Build, failed too, was used by a deploy
 *   (another stack's, an older one's); it belongs to someone and is never taken over.
 */
export const HOLDING = {
  deployable: holds,
  kept: (build: BuildResource) => holds(build) && build.status === "completed",
  claimed: () => true,
} as const;

export type HoldingUse = keyof typeof HOLDING;

/**
 * The Versions these Builds hold for `use`: sid → the version as a Build lists it (an object
 * naming its container, or a bare sid when Twilio sent only that).
 */
export function versionsHeld(builds: readonly BuildResource[], use: HoldingUse): Map<string, VersionResource | string> {
  const held = new Map<string, VersionResource | string>();
  for (const build of builds.filter(HOLDING[use])) {
    for (const version of heldVersions(build)) held.set(typeof version === "string" ? version : version.sid, version);
  }
  return held;
}

/** The held Versions of one container (those a Build lists as objects naming it). */
export function versionsHeldOf(held: Map<string, VersionResource | string>, fileSid: string): VersionResource[] {
  return [...held.values()].filter(
    (version): version is VersionResource => typeof version !== "string" && containerOf(version) === fileSid,
  );
}
