/**
 * One file's lifecycle, in one vocabulary: a Function or Asset container (`sid`) whose content is
 * served by one immutable Version (`versionSid`). A per-file Function or Asset is one entry
 * (serverless-file.ts maps its outputs: `latestVersionSid`, `latestVersionCreated`,
 * `latestVersionBuilt`); a FileSet is a map of them (served path → entry). This file holds the
 * plan, made without HTTP (diff calls it on every `pulumi up`); reconcile.ts carries it out and
 * refresh.ts maps what Twilio holds back into an entry.
 */
import type { FileKind } from "../../client/api/files";
import { debugLog } from "../../debug";
import type { Visibility } from "../../rules";
import { containsUnknown, sameValue } from "../common";
import { mayExpire, type VersionRetention } from "../retention";

const log = debugLog("files");

/** What the inputs want served: the fields whose change needs a new Version. */
export interface WantedVersion {
  kind: FileKind;
  path: string;
  visibility: Visibility;
  /** Assets only. */
  contentType?: string;
  /** sha256 (hex) of the content. */
  contentHash: string;
}

/** A file as deployed: its container and the Version recorded for it. */
export interface RecordedFile extends WantedVersion, VersionRetention {
  /** The Function or Asset (ZH…). */
  sid: string;
  /** The Version (ZN…); "" when a refresh found none. */
  versionSid: string;
}

/**
 * - `up to date`: the recorded Version serves what is wanted;
 * - `renew`: it does, but no Build is known to hold it and Twilio may delete it soon (retention.ts):
 *   kept if a Build holds it, else uploaded again;
 * - `upload`: a new Version into the recorded container;
 * - `create`: a container (or an unrecorded one taken over) and its first Version.
 */
export type FilePlan = "up to date" | "renew" | "upload" | "create";

const VERSION_FIELDS = ["path", "visibility", "contentType", "contentHash"] as const;

/** The fields of `wanted` the recorded Version does not serve (an unknown never matches). */
function changedVersionFields(recorded: RecordedFile, wanted: WantedVersion): string[] {
  return VERSION_FIELDS.filter((field) => containsUnknown(wanted[field]) || !sameValue(recorded[field], wanted[field]));
}

/** What one file needs; `name` (served path or resource name) is only for the debug log. */
export function planFile(
  recorded: RecordedFile | undefined,
  wanted: WantedVersion,
  name: string,
  now = Date.now(),
): FilePlan {
  let plan: FilePlan;
  let why: string;
  if (!recorded || recorded.kind !== wanted.kind) {
    [plan, why] = ["create", recorded ? `was a ${recorded.kind}` : "new"];
  } else if (!recorded.versionSid) {
    [plan, why] = ["upload", "no Version recorded (a refresh found none)"];
  } else {
    const changed = changedVersionFields(recorded, wanted);
    if (changed.length > 0) [plan, why] = ["upload", `changed: ${changed.join(", ")}`];
    else if (mayExpire(recorded, now))
      [plan, why] = ["renew", `${recorded.versionSid} of ${recorded.versionCreated} is held by no Build known`];
    else [plan, why] = ["up to date", recorded.versionSid];
  }
  if (plan !== "up to date") log("plan %s %s: %s (%s)", wanted.kind, name, plan, why);
  return plan;
}
