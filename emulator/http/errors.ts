/** Twilio's JSON error: `{ code, message, more_info, status }`, thrown by handlers and written by the server. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  toJSON(): { code: number; message: string; more_info: string; status: number } {
    return {
      code: this.code,
      message: this.message,
      more_info: `https://www.twilio.com/docs/errors/${this.code}`,
      status: this.status,
    };
  }
}

/** 400 / 20001: a parameter is missing or invalid; the message names it and says what fits. */
export function invalidParameter(message: string): ApiError {
  return new ApiError(400, 20001, message);
}

/** 404 / 20404, Twilio's answer for unknown resources and for sids of another account. */
export function notFound(path: string): ApiError {
  return new ApiError(404, 20404, `The requested resource ${path} was not found`);
}

/** 409 / 20409: the request conflicts with existing state (a duplicate name, an active deployment). */
export function conflict(message: string): ApiError {
  return new ApiError(409, 20409, message);
}

/** 405 / 20004: the path exists but does not take this method (immutable resources). */
export function methodNotAllowed(method: string, path: string): ApiError {
  return new ApiError(405, 20004, `Method not allowed: ${method} is not supported on ${path}`);
}

/** 413: an upload or body over its size limit. */
export function tooLarge(message: string): ApiError {
  return new ApiError(413, 20413, message);
}

/** 401 / 20003: missing or wrong credentials. */
export function unauthorized(message: string): ApiError {
  return new ApiError(401, 20003, message, { "WWW-Authenticate": 'Basic realm="Twilio API"' });
}

/** 429 / 20429 with Retry-After, as Twilio answers when an account sends too much. */
export function tooManyRequests(message = "Too many requests", retryAfterSeconds = 1): ApiError {
  return new ApiError(429, 20429, message, { "Retry-After": String(retryAfterSeconds) });
}
