// Hand-made deployed environments for the runtime's tests (no API core involved).
import { createHmac, randomBytes } from "node:crypto";
import { serveDomainRequest } from "./index";
import type { DeployedEnvironment, DeployedFile, FunctionLog, Visibility } from "./types";

export const ACCOUNT_SID = "AC" + "ab".repeat(16);
export const AUTH_TOKEN = "0123456789abcdef0123456789abcdef";

function sid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

export function fn(path: string, source: string, visibility: Visibility = "public"): DeployedFile {
  return file("function", path, source, visibility);
}

export function asset(path: string, content: string | Buffer, visibility: Visibility = "public"): DeployedFile {
  return file("asset", path, content, visibility);
}

function file(
  kind: DeployedFile["kind"],
  path: string,
  content: string | Buffer,
  visibility: Visibility,
): DeployedFile {
  const bytes = Buffer.from(content);
  return { kind, sid: sid("ZH"), versionSid: sid("ZN"), path, visibility, readContent: async () => bytes };
}

/** A fresh environment with a fresh deployment (so a fresh sandbox) of the given files. */
export function environment(files: DeployedFile[], overrides: Partial<DeployedEnvironment> = {}): DeployedEnvironment {
  return {
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    serviceSid: sid("ZS"),
    serviceUniqueName: "thanos",
    environmentSid: sid("ZE"),
    buildSid: sid("ZB"),
    deploymentSid: sid("ZD"),
    domainName: "thanos-3432-dev.twil.io",
    files,
    variables: {},
    ...overrides,
  };
}

export interface CallOptions {
  method?: string;
  query?: string;
  headers?: Record<string, string | string[]>;
  body?: string | Buffer;
}

export interface CallResult {
  status: number;
  headers: Record<string, string | string[]>;
  text: string;
  logs: FunctionLog[];
  json(): any;
  header(name: string): string | string[] | undefined;
}

/** One request through serveDomainRequest, with the logs it produced. */
export async function call(env: DeployedEnvironment, path: string, options: CallOptions = {}): Promise<CallResult> {
  const logs: FunctionLog[] = [];
  const response = await serveDomainRequest(
    env,
    {
      method: options.method ?? "GET",
      path,
      query: options.query ?? "",
      headers: options.headers ?? {},
      body: Buffer.from(options.body ?? ""),
    },
    (log) => logs.push(log),
  );
  const text = response.body.toString("utf8");
  return {
    status: response.status,
    headers: response.headers,
    text,
    logs,
    json: () => JSON.parse(text),
    header: (name) => Object.entries(response.headers).find(([key]) => key.toLowerCase() === name)?.[1],
  };
}

/** X-Twilio-Signature as Twilio's docs define it: base64 HMAC-SHA1 of the URL + sorted key/values. */
export function twilioSignature(url: string, params: Record<string, string> = {}, authToken = AUTH_TOKEN): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac("sha1", authToken).update(Buffer.from(data, "utf8")).digest("base64");
}

export const FORM = { "content-type": "application/x-www-form-urlencoded" };
export const JSON_BODY = { "content-type": "application/json" };
