import type { DomainResponse } from "./types";
import { EmulatorFault } from "./emulator-fault";
import { functionStack } from "./invocation-scope";

type HeaderValue = string | number | string[];

export interface TwilioResponseOptions {
  body?: unknown;
  statusCode?: number;
  headers?: Record<string, HeaderValue>;
}

/**
 * `Twilio.Response` as functions see it: status, headers, body and cookies, every setter
 * chainable (Twilio's samples write `response.setBody(x).setStatusCode(401)`).
 */
export class TwilioResponse {
  private body: unknown;
  private statusCode: number;
  private headers: Record<string, HeaderValue>;

  constructor(options: TwilioResponseOptions = {}) {
    this.body = options.body;
    this.statusCode = options.statusCode ?? 200;
    this.headers = { ...(options.headers ?? {}) };
  }

  setStatusCode(statusCode: number): this {
    this.statusCode = statusCode;
    return this;
  }

  setBody(body: unknown): this {
    this.body = body;
    return this;
  }

  setHeaders(headers: Record<string, HeaderValue>): this {
    if (headers && typeof headers === "object") this.headers = { ...headers };
    return this;
  }

  appendHeader(key: string, value: HeaderValue): this {
    const existing = this.headers[key];
    // Set-Cookie may repeat; any other header is replaced, as in Twilio's runtime.
    if (key.toLowerCase() === "set-cookie" && existing !== undefined) {
      this.headers[key] = ([] as string[]).concat(existing as string | string[], value as string | string[]);
    } else {
      this.headers[key] = value;
    }
    return this;
  }

  setCookie(key: string, value: string, attributes: string[] = []): this {
    return this.appendHeader("Set-Cookie", [`${key}=${value}`, ...attributes].join(";"));
  }

  removeCookie(key: string): this {
    return this.setCookie(key, "", ["Max-Age=0"]);
  }

  /** The HTTP answer this response stands for. */
  toDomainResponse(): DomainResponse {
    const headers: Record<string, string | string[]> = {};
    for (const [key, value] of Object.entries(this.headers)) {
      headers[key] = Array.isArray(value) ? value.map(String) : String(value);
    }
    const { body, contentType } = encodeBody(this.body, "text/html; charset=utf-8");
    if (contentType && !hasHeader(headers, "content-type")) headers["Content-Type"] = contentType;
    return { status: this.statusCode, headers, body };
  }
}

/**
 * What the runtime sends for `callback(null, result)`: text for a string, XML for TwiML, the
 * response itself for a `Twilio.Response`, JSON for anything else.
 */
export function resultToDomainResponse(result: unknown): DomainResponse {
  if (typeof result === "string")
    return respond(200, { body: Buffer.from(result), contentType: "text/plain; charset=utf-8" });
  if (result instanceof TwilioResponse) return result.toDomainResponse();
  return respond(200, encodeBody(result, "application/json; charset=utf-8"));
}

/**
 * What the runtime sends for `callback(error)` or a throw: 500 with an Error's name, message and
 * stack as JSON (what Twilio's runtime answers a non-browser client), other values as sent.
 */
export function errorToDomainResponse(error: unknown): DomainResponse {
  if (error instanceof EmulatorFault) {
    return respond(500, {
      body: Buffer.from(`Internal Server Error: ${error.message}`),
      contentType: "text/plain; charset=utf-8",
    });
  }
  const value = isErrorLike(error) ? { message: error.message, name: error.name, stack: functionStack(error) } : error;
  return respond(500, encodeBody(value, "text/html; charset=utf-8"));
}

function isErrorLike(value: unknown): value is Error {
  // Duck-typed: errors made inside a function's vm context are not `instanceof Error` here.
  return (
    !!value &&
    typeof value === "object" &&
    typeof (value as Error).message === "string" &&
    typeof (value as Error).name === "string"
  );
}

interface EncodedBody {
  body: Buffer;
  contentType?: string;
}

function respond(status: number, { body, contentType }: EncodedBody): DomainResponse {
  return { status, headers: contentType ? { "Content-Type": contentType } : {}, body };
}

/**
 * How Express (which Twilio's runtime sits on) encodes a body: strings as given (typed
 * `stringType`), bytes as bytes, TwiML as XML, anything else as JSON.
 */
function encodeBody(value: unknown, stringType: string): EncodedBody {
  if (value === undefined || value === null) return { body: Buffer.alloc(0) };
  if (Buffer.isBuffer(value)) return { body: value, contentType: "application/octet-stream" };
  if (value instanceof Uint8Array) return { body: Buffer.from(value), contentType: "application/octet-stream" };
  if (typeof value === "string") return { body: Buffer.from(value), contentType: stringType };
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a TwiML class's own toString() is its XML
  if (isTwiml(value)) return { body: Buffer.from(String(value)), contentType: "text/xml; charset=utf-8" };
  return { body: Buffer.from(JSON.stringify(value) ?? ""), contentType: "application/json; charset=utf-8" };
}

const TWIML_CLASSES = new Set(["VoiceResponse", "MessagingResponse", "FaxResponse"]);

/** By class name: the Build's own `twilio` (of any major version) makes the TwiML, not the emulator's. */
function isTwiml(value: unknown): boolean {
  return !!value && typeof value === "object" && TWIML_CLASSES.has(value.constructor?.name);
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
