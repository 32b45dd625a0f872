/**
 * What the emulator stores, one record type per Serverless resource. Records are plain JSON so
 * the journal can persist them as they are; the API layer turns them into Twilio's snake_case.
 */
import type { Visibility } from "../runtime/types";

export interface BaseRecord {
  sid: string;
  accountSid: string;
  /** Creation order, the key of list ordering and page tokens. */
  seq: number;
  dateCreated: string;
  dateUpdated: string;
}

export interface ServiceRecord extends BaseRecord {
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
  /** `<unique name>-<4 digits>`, the base of every environment's domain. */
  domainBase: string;
}

export interface EnvironmentRecord extends BaseRecord {
  serviceSid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  /** Build of the latest Deployment; null before any, or after one without a build. */
  buildSid: string | null;
}

export type FileKind = "function" | "asset";

/** A Function or an Asset: both are a named container of versions. */
export interface FileRecord extends BaseRecord {
  kind: FileKind;
  serviceSid: string;
  friendlyName: string;
}

export interface VersionRecord extends BaseRecord {
  kind: FileKind;
  serviceSid: string;
  /** The Function or Asset this version belongs to. */
  fileSid: string;
  path: string;
  visibility: Visibility;
  /** sha256 (hex) of the content in the content store. */
  contentSha256: string;
  size: number;
  contentType: string;
}

export type BuildStatus = "building" | "completed" | "failed";

export interface Dependency {
  name: string;
  version: string;
}

export interface BuildRecord extends BaseRecord {
  serviceSid: string;
  status: BuildStatus;
  functionVersions: string[];
  assetVersions: string[];
  dependencies: Dependency[];
  runtime: string;
  /** Why the build failed (not part of Twilio's answer; kept for the emulator's own log). */
  failure?: string;
}

export interface DeploymentRecord extends BaseRecord {
  serviceSid: string;
  environmentSid: string;
  buildSid: string | null;
}

export interface VariableRecord extends BaseRecord {
  serviceSid: string;
  environmentSid: string;
  key: string;
  value: string;
}

export interface LogRecord extends BaseRecord {
  serviceSid: string;
  environmentSid: string;
  buildSid: string | null;
  deploymentSid: string | null;
  functionSid: string | null;
  requestSid: string | null;
  level: string;
  message: string;
}

export interface Tables {
  services: ServiceRecord;
  environments: EnvironmentRecord;
  files: FileRecord;
  versions: VersionRecord;
  builds: BuildRecord;
  deployments: DeploymentRecord;
  variables: VariableRecord;
  logs: LogRecord;
}

export type TableName = keyof Tables;

export const TABLE_NAMES: TableName[] = [
  "services",
  "environments",
  "files",
  "versions",
  "builds",
  "deployments",
  "variables",
  "logs",
];

/** Twilio's timestamps: ISO 8601 in UTC, to the second. */
export function timestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
