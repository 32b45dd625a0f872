/**
 * Carries out a file's plan (entry.ts): keep the recorded Version, renew it unless a Build holds
 * it, upload a new one into the existing container (made again when it is gone), or create a
 * container, taking over one an interrupted `pulumi up` made and never recorded.
 */
import type { FileKind } from "../../client/api/files";
import type { FileResource } from "../../client/api/types";
import type { VersionUpload } from "../../client/upload";
import { debugLog } from "../../debug";
import { createWithVersion, uploadVersion, type ContainerVersion } from "./containers";
import type { VersionRetention } from "../retention";
import type { FilePlan, RecordedFile } from "./entry";

const log = debugLog("files");

/** What a deploy shares between its files: each listing is made once, and only when a file needs it. */
export interface ReconcileContext {
  serviceSid: string;
  /** The Versions a completed Build holds (retention.ts builtVersions). */
  keptVersions(): Promise<Set<string>>;
  /** A container of this friendly name that no Build holds and no resource records (containers.ts). */
  unrecorded(kind: FileKind, friendlyName: string): Promise<FileResource | undefined>;
}

/** The container and Version a file has after its plan was carried out. */
export interface ReconciledFile extends VersionRetention {
  sid: string;
  versionSid: string;
  /** Whether a new Version was uploaded (the wanted fields are then what it serves). */
  uploaded: boolean;
}

export async function reconcileFile(
  plan: FilePlan,
  file: { kind: FileKind; friendlyName: string; recorded?: RecordedFile; upload: () => VersionUpload },
  context: ReconcileContext,
): Promise<ReconciledFile> {
  const { kind, friendlyName, recorded } = file;
  const { serviceSid } = context;
  const uploaded = (made: ContainerVersion): ReconciledFile => ({
    sid: made.sid,
    versionSid: made.versionSid,
    versionCreated: made.versionCreated,
    versionBuilt: false,
    uploaded: true,
  });
  if (plan === "create" || !recorded) {
    const orphan = await context.unrecorded(kind, friendlyName);
    return uploaded(await createWithVersion(kind, serviceSid, friendlyName, file.upload(), orphan));
  }
  const kept: ReconciledFile = {
    sid: recorded.sid,
    versionSid: recorded.versionSid,
    uploaded: false,
    ...(recorded.versionCreated !== undefined && { versionCreated: recorded.versionCreated }),
    ...(recorded.versionBuilt !== undefined && { versionBuilt: recorded.versionBuilt }),
  };
  if (plan === "up to date") return kept;
  const renewing = plan === "renew";
  if (renewing) {
    if ((await context.keptVersions()).has(recorded.versionSid)) {
      log(
        "retention: %s %s '%s' is held by a completed Build: kept, recorded as built",
        kind,
        recorded.versionSid,
        friendlyName,
      );
      return { ...kept, versionBuilt: true };
    }
    log("retention: %s %s '%s' is held by no Build: uploading it again", kind, recorded.versionSid, friendlyName);
  }
  // Into its container; one made again when it was deleted (outside Pulumi, or by Twilio's retention).
  const made = await uploadVersion(kind, serviceSid, recorded.sid, friendlyName, file.upload(), renewing);
  if (made.sid !== recorded.sid)
    log("%s '%s': container %s is gone; now %s", kind, friendlyName, recorded.sid, made.sid);
  return uploaded(made);
}
