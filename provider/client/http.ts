/**
 * The HTTP client of the Serverless API: one keep-alive undici Pool per origin, a bound on
 * requests in flight, retries with backoff, pagination, and Twilio errors.
 */
import type { Dispatcher, FormData } from "undici";
import { debugLog } from "../debug";
import { stackConfigKey, type ClientSettings } from "./config";
import { TwilioApiError } from "./errors";
import {
  ConcurrencyLimit,
  isConnectionError,
  isRetryableStatus,
  nextRetryDelay,
  parseRetryAfter,
  sleep,
} from "./retry";

/** One line per attempt (method, path, status, time, retry number) and per retry decision: never a header or a body. */
const log = debugLog("http");

/**
 * undici, loaded on the first request rather than with this module: every resource module
 * imports the client, and a Pulumi program (or a no-op's provider process) that never makes a
 * call should not pay for loading it (~0.2 s).
 */
export function loadUndici(): typeof import("undici") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (see above); import() would make every caller async
  return require("undici") as typeof import("undici");
}

export type FormValue = string | number | boolean | readonly string[] | undefined;
export type FormParams = Record<string, FormValue>;

/** application/x-www-form-urlencoded, lists as repeated keys, undefined values left out. */
export function encodeForm(params: FormParams): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value) form.append(key, item);
    } else {
      form.append(key, String(value));
    }
  }
  return form.toString();
}

export interface RequestSpec {
  method: "GET" | "POST" | "DELETE";
  /** Path from the origin, e.g. "/v1/Services/ZS…/Environments". */
  path: string;
  /** For error text: "creating Environment 'dev' of Service ZS…". */
  operation: string;
  form?: FormParams;
  /** A multipart body, built afresh for every attempt (a streamed body is used up by one). */
  multipart?: () => Promise<FormData> | FormData;
  /** Send to the upload origin instead of the API origin. */
  upload?: boolean;
  /**
   * For creates: after an attempt that may have reached the server (connection dropped, 5xx),
   * look the object up; when found it is returned instead of creating it again.
   */
  recover?: (firstAttemptStartedAt: Date) => Promise<unknown>;
  /** Values sent in this request that no error may show, even when Twilio echoes them (a Variable's value). */
  secretValues?: readonly string[];
}

export interface HttpClientOptions {
  /** Used for every origin instead of a Pool per origin (tests pass a MockAgent). */
  dispatcher?: Dispatcher;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

/** API calls in flight in this process, and when the last one settled (performance.now()): see apiIdleMs. */
let callsInFlight = 0;
let lastSettledAt = Number.NEGATIVE_INFINITY;

/** How long this process has made no API call (0 while one is in flight); on a monotonic clock. */
export function apiIdleMs(now = performance.now()): number {
  return callsInFlight > 0 ? 0 : now - lastSettledAt;
}

interface Attempt {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export class HttpClient {
  private readonly pools = new Map<string, Dispatcher>();
  private readonly limit: ConcurrencyLimit;
  private readonly authorization: string;
  private readonly secrets: string[];
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(
    readonly settings: ClientSettings,
    private readonly options: HttpClientOptions = {},
  ) {
    const { username, password } = settings.credentials;
    const encoded = Buffer.from(`${username}:${password}`).toString("base64");
    this.authorization = `Basic ${encoded}`;
    this.secrets = [password, encoded];
    this.limit = new ConcurrencyLimit(settings.concurrency);
    this.sleep = options.sleep ?? sleep;
    this.random = options.random ?? Math.random;
  }

  get accountSid(): string {
    return this.settings.credentials.accountSid;
  }

  /** Sends one API call with retries; resolves to the parsed JSON body (undefined for 204). */
  async request<T>(spec: RequestSpec): Promise<T> {
    callsInFlight++;
    try {
      return await this.attempts<T>(spec);
    } finally {
      callsInFlight--;
      lastSettledAt = performance.now();
    }
  }

  private async attempts<T>(spec: RequestSpec): Promise<T> {
    const startedAt = Date.now();
    const firstAttemptStartedAt = new Date(startedAt);
    for (let retry = 0; ; retry++) {
      let failure: TwilioApiError;
      let ambiguous: boolean;
      let retryAfterMs: number | undefined;
      try {
        const attempt = await this.limit.run(() => this.send(spec, retry));
        if (attempt.status < 400) return parseJson<T>(attempt.text);
        failure = this.apiError(spec, attempt);
        if (!isRetryableStatus(attempt.status)) throw failure;
        ambiguous = spec.method === "POST" && attempt.status >= 500;
        if (attempt.status === 429) retryAfterMs = parseRetryAfter(attempt.headers["retry-after"]);
      } catch (error) {
        if (error instanceof TwilioApiError) throw error;
        if (!isConnectionError(error)) throw this.transportError(spec, error);
        failure = this.transportError(spec, error);
        ambiguous = spec.method === "POST";
      }
      const delay = nextRetryDelay(this.settings.retry, retry, Date.now() - startedAt, this.random, retryAfterMs);
      if (delay !== undefined) {
        log("%s %s: retry %d in %d ms", spec.method, spec.path, retry + 1, delay);
        await this.sleep(delay);
      } else log("%s %s: giving up after %d retries", spec.method, spec.path, retry);
      if (ambiguous && spec.recover) {
        const found = await spec.recover(firstAttemptStartedAt);
        log("%s %s: the answer was lost; looked it up: %s", spec.method, spec.path, found ? "created" : "not created");
        if (found !== undefined) return found as T;
      }
      if (delay === undefined) throw failure;
    }
  }

  /** Every item of a list endpoint, following `meta.next_page_url`. */
  async list<T>(path: string, key: string, operation: string, pageSize = 100): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = `${path}${path.includes("?") ? "&" : "?"}PageSize=${pageSize}`;
    while (next) {
      const page: ListPage<T> = await this.request<ListPage<T>>({ method: "GET", path: next, operation });
      items.push(...((page[key] as T[] | undefined) ?? []));
      next = page.meta?.next_page_url ? pathAndQuery(page.meta.next_page_url) : undefined;
    }
    return items;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private dispatcherFor(origin: string): Dispatcher {
    if (this.options.dispatcher) return this.options.dispatcher;
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new (loadUndici().Pool)(origin, {
        connections: this.settings.concurrency,
        keepAliveTimeout: 10_000,
        headersTimeout: this.settings.requestTimeoutMs,
        bodyTimeout: this.settings.requestTimeoutMs,
      });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  /** One attempt, logged. */
  private async send(spec: RequestSpec, retry: number): Promise<Attempt> {
    const call = `${spec.method} ${spec.upload ? "(upload) " : ""}${spec.path}`;
    const retryNote = retry ? ` (retry ${retry})` : "";
    const started = Date.now();
    try {
      const attempt = await this.sendOnce(spec);
      log("%s %d %d ms%s", call, attempt.status, Date.now() - started, retryNote);
      return attempt;
    } catch (error) {
      const code = (error as { code?: unknown } | undefined)?.code;
      log("%s failed (%s) %d ms%s", call, typeof code === "string" ? code : "error", Date.now() - started, retryNote);
      throw error;
    }
  }

  private async sendOnce(spec: RequestSpec): Promise<Attempt> {
    const { apiOrigin, uploadOrigin } = this.settings.endpoints;
    const origin = spec.upload ? uploadOrigin : apiOrigin;
    const headers: Record<string, string> = { authorization: this.authorization, accept: "application/json" };
    let body: string | FormData | undefined;
    if (spec.multipart) {
      body = await spec.multipart();
    } else if (spec.form) {
      body = encodeForm(spec.form);
      headers["content-type"] = "application/x-www-form-urlencoded";
    }
    const response = await loadUndici().request(new URL(spec.path, origin), {
      dispatcher: this.dispatcherFor(origin),
      method: spec.method,
      headers,
      body,
    });
    const text = await response.body.text();
    return { status: response.statusCode, headers: response.headers, text };
  }

  private secretsOf(spec: RequestSpec): string[] {
    return [...this.secrets, ...(spec.secretValues ?? [])];
  }

  private apiError(spec: RequestSpec, attempt: Attempt): TwilioApiError {
    const parsed = tryParseJson(attempt.text) as { code?: unknown; message?: unknown; more_info?: unknown } | undefined;
    const message = typeof parsed?.message === "string" ? parsed.message : attempt.text.trim().slice(0, 300);
    const hint = attempt.status === 401 ? `. ${this.credentialsHint()}` : "";
    return new TwilioApiError(
      spec.operation,
      {
        status: attempt.status,
        code: typeof parsed?.code === "number" ? parsed.code : undefined,
        detail: (message || "(empty response)") + hint,
        moreInfo: typeof parsed?.more_info === "string" ? parsed.more_info : undefined,
      },
      this.secretsOf(spec),
    );
  }

  /** What to check after a 401; the user name (an AC… or SK… sid) is no secret, the password is never shown. */
  private credentialsHint(): string {
    const { username, accountSid } = this.settings.credentials;
    const pair = username.startsWith("SK")
      ? `API key ${username} of account ${accountSid}: check TWILIO_API_KEY, TWILIO_API_SECRET and TWILIO_ACCOUNT_SID`
      : `account ${username}: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN`;
    return `Twilio refused the credentials of ${pair} (or the ${stackConfigKey("*")} stack config that replaces them)`;
  }

  private transportError(spec: RequestSpec, error: unknown): TwilioApiError {
    const text = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown } | undefined)?.code;
    const detail = typeof code === "string" ? `${text} (${code})` : text;
    return new TwilioApiError(spec.operation, { status: 0, detail }, this.secretsOf(spec));
  }
}

interface ListPage<T> {
  [key: string]: T[] | { next_page_url?: string | null } | undefined;
  meta?: { next_page_url?: string | null };
}

/** Next pages are followed on our own origin: only the path and query of Twilio's URL count. */
function pathAndQuery(url: string): string {
  const parsed = new URL(url, "http://placeholder");
  return `${parsed.pathname}${parsed.search}`;
}

function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseJson<T>(text: string): T {
  return (text ? JSON.parse(text) : undefined) as T;
}
