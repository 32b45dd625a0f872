/**
 * What one Function or Asset container needs from Twilio, shared by the per-file resources and
 * FileSet: taking over a container an interrupted `pulumi up` made and never recorded, making
 * one with its first Version, and reading back its latest Version for refresh.
 */
import { getClient, unlessNotFound } from "../../client";
import { containerOf, listBuilds } from "../../client/api/builds";
import {
  createFile,
  createVersion,
  deleteFile,
  fetchFunctionVersionContent,
  latestVersion,
  listVersions,
  type FileKind,
} from "../../client/api/files";
import { filesOfRun } from "../../client/api/run-lists";
import type { FileResource } from "../../client/api/types";
import type { VersionUpload } from "../../client/upload";
import type { Visibility } from "../../rules";
import { debugLog } from "../../debug";
import { cleanupAfter } from "../common";
import { sha256Hex, unreadableContentHash } from "./content";
import { versionsHeld } from "./holds";

const log = debugLog("files");

/**
 * Which containers some Build holds a Version of (files/holds.ts, `claimed`: any Build). Twilio
 * names each version's container in the Build (`function_sid` / `asset_sid`); a Build that lists
 * bare version sids makes us list the candidate's Versions instead. The Builds are listed afresh,
 * not taken from the run's list: this decides a write, and a Build made since may name the candidate.
 */
async function builtContainerCheck(
  kind: FileKind,
  serviceSid: string,
): Promise<(file: FileResource) => Promise<boolean>> {
  const client = getClient();
  const containers = new Set<string>();
  const bareVersions = new Set<string>();
  for (const version of versionsHeld(await listBuilds(client, serviceSid), "claimed").values()) {
    const container = containerOf(version);
    if (container) containers.add(container);
    else bareVersions.add(typeof version === "string" ? version : version.sid);
  }
  return async (file) => {
    if (containers.has(file.sid)) return true;
    if (bareVersions.size === 0) return false;
    const versions = await listVersions(client, kind, serviceSid, file.sid);
    return versions.some((version) => bareVersions.has(version.sid));
  };
}

/**
 * Containers of these friendly names that an interrupted `pulumi up` made and never recorded:
 * no Version of theirs is in any Build, so nothing deployed uses them. Taking one over is what
 * the interrupted create would have done; making another would leave two of the same name. A
 * container some Build holds belongs to someone (another resource of the stack, an older
 * deploy) and is never taken. Keyed by friendly name; the first such container listed wins.
 */
export async function findUnrecordedFiles(
  kind: FileKind,
  serviceSid: string,
  friendlyNames: Iterable<string>,
): Promise<Map<string, FileResource>> {
  const wanted = new Set(friendlyNames);
  const found = new Map<string, FileResource>();
  if (wanted.size === 0) return found;
  const candidates = (await filesOfRun(kind, serviceSid)).filter((file) => wanted.has(file.friendly_name));
  if (candidates.length === 0) return found;
  const isBuilt = await builtContainerCheck(kind, serviceSid);
  const built = await Promise.all(candidates.map(isBuilt));
  candidates.forEach((file, index) => {
    if (!built[index] && !found.has(file.friendly_name)) found.set(file.friendly_name, file);
  });
  return found;
}

export interface ContainerVersion {
  sid: string;
  versionSid: string;
  /** Twilio's date_created of the Version. */
  versionCreated: string;
}

/**
 * Makes a container (or uses the unrecorded one given) and uploads its first Version. A container
 * left without a Version is useless and unknown to Pulumi, so a failed upload removes it.
 */
export async function createWithVersion(
  kind: FileKind,
  serviceSid: string,
  friendlyName: string,
  upload: VersionUpload,
  unrecorded?: FileResource,
): Promise<ContainerVersion> {
  const client = getClient();
  if (unrecorded)
    log("taking over %s %s '%s': no Build holds it, no resource records it", kind, unrecorded.sid, friendlyName);
  const file = unrecorded ?? (await createFile(client, kind, serviceSid, friendlyName));
  try {
    const version = await createVersion(client, kind, serviceSid, file.sid, upload);
    return { sid: file.sid, versionSid: version.sid, versionCreated: version.date_created };
  } catch (error) {
    return cleanupAfter(error, () => deleteFile(client, kind, serviceSid, file.sid));
  }
}

/**
 * Uploads a new Version into the container `fileSid`. When the container is gone (deleted outside
 * Pulumi, or by Twilio's retention once it had no Version left), one is made again under the same
 * friendly name, or an unrecorded one an interrupted run left is taken over: the returned `sid`
 * then differs from `fileSid`. `expired`: the recorded Version may have been deleted by retention,
 * and its container with it, so the container is looked up first (one listing per provider run)
 * rather than sending the content to a 404.
 */
export async function uploadVersion(
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
  friendlyName: string,
  upload: VersionUpload,
  expired = false,
): Promise<ContainerVersion> {
  const exists = !expired || (await filesOfRun(kind, serviceSid)).some((file) => file.sid === fileSid);
  const version = exists
    ? await unlessNotFound(() => createVersion(getClient(), kind, serviceSid, fileSid, upload))
    : undefined;
  if (version) return { sid: fileSid, versionSid: version.sid, versionCreated: version.date_created };
  const unrecorded = await findUnrecordedFiles(kind, serviceSid, [friendlyName]);
  return createWithVersion(kind, serviceSid, friendlyName, upload, unrecorded.get(friendlyName));
}

export interface LatestVersion {
  versionSid: string;
  /** Twilio's date_created of that Version. */
  created: string;
  path: string;
  visibility: Visibility;
  /** sha256 of a Function's content; for an Asset whose Version is not the stored one, `unreadable:ZN…`. */
  contentHash: string;
}

/**
 * The container's newest Version, for refresh: the stored hash when it is still the stored
 * Version, else a Function's content re-hashed (an Asset's cannot be read back). Undefined when
 * the container has no Version.
 */
export async function readLatestVersion(
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
  stored: { versionSid: string; contentHash: string },
): Promise<LatestVersion | undefined> {
  const client = getClient();
  const latest = await latestVersion(client, kind, serviceSid, fileSid);
  if (!latest) return undefined;
  const contentHash = await versionContentHash(kind, serviceSid, fileSid, latest.sid, stored);
  return {
    versionSid: latest.sid,
    created: latest.date_created,
    path: latest.path,
    visibility: latest.visibility,
    contentHash,
  };
}

/**
 * The content hash of a container's Version: the stored one when it is the stored Version, else
 * a Function's content re-hashed (an Asset's cannot be read back: `unreadable:ZN…`).
 */
export async function versionContentHash(
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
  versionSid: string,
  stored: { versionSid: string; contentHash: string },
): Promise<string> {
  if (versionSid === stored.versionSid) return stored.contentHash;
  if (kind === "asset") return unreadableContentHash(versionSid);
  return sha256Hex(await fetchFunctionVersionContent(getClient(), serviceSid, fileSid, versionSid));
}
