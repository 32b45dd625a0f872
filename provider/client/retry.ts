/**
 * When to retry a request and how long to wait: exponential backoff with jitter, Retry-After on
 * 429, bounded by a retry count and a total time budget.
 */
import type { RetryPolicy } from "./config";

/** Waits `ms` milliseconds (between retries, and between polls of a Build's status). */
export function sleep(ms: number): Promise<void> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms));
}

/** undici and Node error codes that mean "the connection failed", not "the server said no". */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
]);

export function isConnectionError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  // undici wraps socket errors; walk the cause chain.
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && CONNECTION_ERROR_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Seconds or an HTTP date, as milliseconds from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Backoff before retry number `retry` (0-based): base·2^retry, capped, with "equal jitter". */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** The wait before the next retry, or undefined when the count or time budget forbids one. */
export function nextRetryDelay(
  policy: RetryPolicy,
  retry: number,
  elapsedMs: number,
  random: () => number,
  retryAfterMs?: number,
): number | undefined {
  if (retry >= policy.maxRetries) return undefined;
  const delay =
    retryAfterMs !== undefined ? Math.min(retryAfterMs, policy.maxDelayMs) : backoffDelay(policy, retry, random);
  if (elapsedMs + delay > policy.budgetMs) return undefined;
  return delay;
}

/** Bounds how many async tasks run at once. */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // Hand the slot straight to the next waiter, else free it.
      if (next) next();
      else this.active--;
    }
  }
}
