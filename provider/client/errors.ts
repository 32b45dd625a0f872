/**
 * The one error type of the client: what was being done, to what, and what Twilio said.
 * Its text never holds a credential (secrets are scrubbed from anything echoed back).
 */

export interface TwilioErrorDetails {
  /** HTTP status; 0 when no response arrived (connection error). */
  status: number;
  /** Twilio's error code (e.g. 20404), when the body had one. */
  code?: number;
  /** Twilio's message, or the transport failure. */
  detail: string;
  /** Twilio's `more_info` link. */
  moreInfo?: string;
}

export class TwilioApiError extends Error {
  readonly status: number;
  readonly code?: number;
  readonly detail: string;
  readonly moreInfo?: string;
  /** e.g. "creating Environment 'dev' of Service ZS…" */
  readonly operation: string;

  constructor(operation: string, details: TwilioErrorDetails, secrets: readonly string[] = []) {
    const detail = scrubSecrets(details.detail, secrets);
    const moreInfo = details.moreInfo ? scrubSecrets(details.moreInfo, secrets) : undefined;
    super(scrubSecrets(formatMessage(operation, { ...details, detail, moreInfo }), secrets));
    this.name = "TwilioApiError";
    this.status = details.status;
    this.code = details.code;
    this.detail = detail;
    this.moreInfo = moreInfo;
    this.operation = operation;
  }

  get isNotFound(): boolean {
    return this.status === 404;
  }
}

function formatMessage(operation: string, details: TwilioErrorDetails): string {
  const head = details.status ? `${details.status}` : "no response";
  const code =
    details.code !== undefined
      ? ` (Twilio error ${details.code}` + (details.moreInfo ? `, ${details.moreInfo})` : ")")
      : "";
  return `${operation}: ${head} ${details.detail}${code}`;
}

/** Replaces every occurrence of a secret (and its Basic-auth encoding) with "***". */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    result = result.split(secret).join("***");
  }
  return result;
}

export function isNotFound(error: unknown): boolean {
  return error instanceof TwilioApiError && error.status === 404;
}

/** Runs `action`; a 404 becomes `undefined` (the object is gone). */
export async function unlessNotFound<T>(action: () => Promise<T>): Promise<T | undefined> {
  try {
    return await action();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}
