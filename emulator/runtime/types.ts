/**
 * The contract between the emulator's API core (which knows what an environment runs) and the
 * function runtime (which serves a deployed domain). The core resolves the Host to an
 * environment, reads the request body, and hands over plain objects; the runtime never touches
 * the store.
 */
export type Visibility = "public" | "protected" | "private";

export interface DeployedFile {
  kind: "function" | "asset";
  /** ZH… sid of the Function or Asset. */
  sid: string;
  /** ZN… sid of the Version the build holds. */
  versionSid: string;
  /** "/hello" for a function, "/style.css" for an asset. */
  path: string;
  visibility: Visibility;
  readContent(): Promise<Buffer>;
}

export interface DeployedEnvironment {
  accountSid: string;
  /** Used to validate X-Twilio-Signature on protected functions and by context.getTwilioClient(). */
  authToken: string;
  serviceSid: string;
  serviceUniqueName: string;
  environmentSid: string;
  buildSid: string;
  deploymentSid: string;
  /** e.g. "thanos-3432-dev.twil.io" */
  domainName: string;
  files: DeployedFile[];
  /** The environment's Variables, passed to functions in `context`. */
  variables: Record<string, string>;
  /**
   * The Service's include_credentials: when true (Twilio's default) `context` carries
   * ACCOUNT_SID and AUTH_TOKEN and `context.getTwilioClient()` works. Optional; default true.
   */
  includeCredentials?: boolean;
  /** How long a function may run before the domain answers 504. Optional; default 10 000 ms (Twilio's limit). */
  functionTimeoutMs?: number;
  /** The Build's installed npm packages; without it functions get Node's built-ins only. */
  nodeModules?: string;
}

export interface DomainRequest {
  method: string;
  /** Path on the domain, without query string, e.g. "/hello". */
  path: string;
  /** Raw query string without "?", or "". */
  query: string;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface DomainResponse {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

export interface FunctionLog {
  level: "info" | "warn" | "error";
  message: string;
  functionSid: string;
  /** RQ… sid of the invocation. */
  requestSid: string;
}
