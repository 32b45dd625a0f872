import type { DomainRequest } from "./types";

export type Params = Record<string, string | string[]>;

/** What a request carries for a function: its query, and its body when the runtime parses it. */
export interface RequestParams {
  query: Params;
  /** Form fields of an application/x-www-form-urlencoded body (they also enter the signature). */
  form?: Params;
  /** A parsed application/json body. */
  json?: unknown;
}

/** A request the runtime refuses before any function runs. */
export class RejectedRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Parses query and body the way Twilio's runtime does: form and JSON bodies only, others ignored. */
export function parseRequestParams(request: DomainRequest): RequestParams {
  const params: RequestParams = { query: toParams(new URLSearchParams(request.query)) };
  if (request.body.length === 0) return params;
  const mediaType = String(headerValue(request, "content-type") ?? "")
    .split(";")[0]
    .trim()
    .toLowerCase();
  if (mediaType === "application/x-www-form-urlencoded") {
    params.form = toParams(new URLSearchParams(request.body.toString("utf8")));
  } else if (mediaType === "application/json") {
    try {
      params.json = JSON.parse(request.body.toString("utf8"));
    } catch (error) {
      throw new RejectedRequest(400, `Invalid JSON body: ${(error as Error).message}`);
    }
  }
  return params;
}

/**
 * The `event` argument: query, then body params over it, plus `request` with the caller's headers
 * (less the ones Twilio's edge strips) and cookies, as the current runtime-handler builds it.
 */
export function buildEvent(request: DomainRequest, params: RequestParams): Record<string, unknown> {
  const json = params.json !== null && typeof params.json === "object" ? params.json : {};
  return {
    request: { headers: forwardedHeaders(request.headers), cookies: parseCookies(headerValue(request, "cookie")) },
    ...params.query,
    ...params.form,
    ...json,
  };
}

export function headerValue(request: DomainRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function toParams(search: URLSearchParams): Params {
  const params: Params = {};
  for (const [key, value] of search) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = ([] as string[]).concat(existing, value);
  }
  return params;
}

// Headers Twilio's edge and proxies own; the runtime does not pass them to functions.
const STRIPPED_HEADER_PREFIXES = ["i-twilio-", "i-t-", "ot-", "x-amz", "x-forwarded-", "x-accel-"];
const STRIPPED_HEADERS = new Set([
  "via",
  "referer",
  "transfer-encoding",
  "proxy-authorization",
  "proxy-authenticate",
  "x-real-ip",
  "connection",
  "proxy-connection",
  "expect",
  "trailer",
  "upgrade",
]);

function forwardedHeaders(headers: DomainRequest["headers"]): Record<string, string | string[]> {
  const kept: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || STRIPPED_HEADERS.has(name)) continue;
    if (STRIPPED_HEADER_PREFIXES.some((prefix) => name.startsWith(prefix))) continue;
    kept[name] = value;
  }
  return kept;
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const pair of (header ?? "").split(";")) {
    const separator = pair.indexOf("=");
    if (separator <= 0) continue;
    const name = pair.slice(0, separator).trim();
    const raw = pair
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, "$1");
    if (name && !(name in cookies)) cookies[name] = safeDecode(raw);
  }
  return cookies;
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
