/**
 * What a refresh reads of a Function or Asset, from lists made once per provider run
 * (client/api/run-lists.ts): whether its container still exists (and its name), and which of its
 * Versions is current. The Service's Builds list each Version they hold with its container and
 * date, so a refresh of N files reads three lists, not N containers (issue 14).
 */
import { getClient, unlessNotFound } from "../../client";
import { buildsOfRun, filesOfRun } from "../../client/api/run-lists";
import { newest } from "../../client/api/common";
import { fetchFile, type FileKind } from "../../client/api/files";
import type { FileResource, VersionResource } from "../../client/api/types";
import type { Visibility } from "../../rules";
import { readLatestVersion, versionContentHash, type LatestVersion } from "./containers";
import { versionsHeld, versionsHeldOf } from "./holds";

/**
 * The container as the run's listing shows it; one missing there is fetched, since the listing
 * may predate a create of this same run (a read after a create); undefined when it is gone.
 */
export async function listedFile(
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
): Promise<FileResource | undefined> {
  const listed = (await filesOfRun(kind, serviceSid)).find((file) => file.sid === fileSid);
  return listed ?? unlessNotFound(() => fetchFile(getClient(), kind, serviceSid, fileSid));
}

/** This container's Versions that some Build holds, by sid (files/holds.ts, `deployable`: what may be served). */
async function builtVersionsOf(serviceSid: string, fileSid: string): Promise<Map<string, VersionResource>> {
  const held = versionsHeld(await buildsOfRun(serviceSid), "deployable");
  return new Map(versionsHeldOf(held, fileSid).map((version) => [version.sid, version]));
}

/**
 * The Version a refresh reports for a container whose stored Version is `stored.versionSid`:
 * - a Build holds the stored one: the newest built Version of the container (ours, unless a Build
 *   made elsewhere holds a newer one: that is what was deployed behind Pulumi's back);
 * - no Build holds it (an `up` stopped before its Build, or a Build that lists bare sids): the
 *   container's own newest Version, read as before (one call, two when a Function's changed).
 * A Version uploaded elsewhere that no Build holds is then not reported: nothing serves it, and
 * Twilio deletes it within 7 days.
 */
export async function readCurrentVersion(
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
  stored: { versionSid: string; contentHash: string },
): Promise<LatestVersion | undefined> {
  const built = await builtVersionsOf(serviceSid, fileSid);
  const ours = built.get(stored.versionSid);
  if (!ours) return readLatestVersion(kind, serviceSid, fileSid, stored);
  // Twilio's dates have whole seconds: a Version of the same second as ours counts as newer.
  const since = Date.parse(ours.date_created);
  const current =
    newest(
      [...built.values()].filter((version) => version.sid !== ours.sid && Date.parse(version.date_created) >= since),
    ) ?? ours;
  return {
    versionSid: current.sid,
    created: current.date_created,
    path: current.path,
    // Builds list visibility in capitals ("PUBLIC").
    visibility: current.visibility.toLowerCase() as Visibility,
    contentHash: await versionContentHash(kind, serviceSid, fileSid, current.sid, stored),
  };
}
