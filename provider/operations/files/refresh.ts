/**
 * The refresh mapping of a file: what Twilio holds (drift.ts reads it from the run's lists)
 * back into a recorded entry. Whether the container still exists is each resource's to ask (a
 * Function or Asset is then gone; a FileSet drops the path).
 */
import type { FileKind } from "../../client/api/files";
import { debugLog } from "../../debug";
import type { Visibility } from "../../rules";
import { readCurrentVersion } from "./drift";
import type { VersionRetention } from "../retention";

const log = debugLog("files");

/** A recorded file's Version as a refresh finds it; `path` and `visibility` only when it has one. */
export interface RefreshedVersion extends Required<VersionRetention> {
  versionSid: string;
  contentHash: string;
  path?: string;
  visibility?: Visibility;
}

/**
 * The container's current Version (the newest some Build holds, or its own newest when no Build
 * holds the recorded one); `built` from `keptVersions` (retention.ts builtVersions, asked only
 * when there is a Version). No Version
 * at all: empty fields, which plan an upload (nothing is served).
 */
export async function refreshVersion(
  kind: FileKind,
  serviceSid: string,
  recorded: { sid: string; versionSid: string; contentHash: string },
  keptVersions: () => Promise<Set<string>>,
): Promise<RefreshedVersion> {
  const latest = await readCurrentVersion(kind, serviceSid, recorded.sid, recorded);
  if (!latest) {
    log("refresh %s %s: no Version", kind, recorded.sid);
    return { versionSid: "", contentHash: "", versionCreated: "", versionBuilt: false };
  }
  if (latest.versionSid !== recorded.versionSid)
    log("refresh %s %s: current Version %s, not %s", kind, recorded.sid, latest.versionSid, recorded.versionSid);
  return {
    versionSid: latest.versionSid,
    path: latest.path,
    visibility: latest.visibility,
    contentHash: latest.contentHash,
    versionCreated: latest.created,
    versionBuilt: (await keptVersions()).has(latest.versionSid),
  };
}
