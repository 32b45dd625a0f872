/** The fields of Serverless API responses the provider reads (snake_case, as Twilio sends them). */
import type { Visibility } from "../../rules";

interface Timestamps {
  sid: string;
  date_created: string;
  date_updated?: string;
}

export interface ServiceResource extends Timestamps {
  unique_name: string;
  friendly_name: string;
  include_credentials: boolean;
  ui_editable: boolean;
  domain_base: string;
}

export interface EnvironmentResource extends Timestamps {
  service_sid: string;
  unique_name: string;
  domain_suffix: string | null;
  domain_name: string;
  build_sid: string | null;
}

/** A Function or an Asset: both are a named container of Versions. */
export interface FileResource extends Timestamps {
  service_sid: string;
  friendly_name: string;
}

export interface VersionResource extends Timestamps {
  path: string;
  visibility: Visibility;
  function_sid?: string;
  asset_sid?: string;
}

export interface Dependency {
  name: string;
  version: string;
}

export type BuildStatus = "building" | "completed" | "failed";

export interface BuildResource extends Timestamps {
  service_sid: string;
  status: BuildStatus;
  /** Twilio sends version objects; sids alone are accepted too. */
  function_versions: (VersionResource | string)[] | null;
  asset_versions: (VersionResource | string)[] | null;
  dependencies: Dependency[] | null;
  runtime: string;
}

export interface BuildStatusResource {
  sid: string;
  status: BuildStatus;
  [extra: string]: unknown;
}

export interface DeploymentResource extends Timestamps {
  environment_sid: string;
  build_sid: string | null;
}

export interface VariableResource extends Timestamps {
  environment_sid: string;
  key: string;
  value: string;
}

/** What a deployed Function wrote (console.log/warn/error), one line of an Environment's Logs. */
export interface LogResource extends Timestamps {
  service_sid: string;
  environment_sid: string;
  build_sid: string | null;
  deployment_sid: string | null;
  function_sid: string | null;
  request_sid: string | null;
  /** "info", "warn" or "error" (Twilio's SDKs also know them upper-case). */
  level: string;
  message: string;
}
