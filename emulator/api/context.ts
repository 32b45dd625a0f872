import type { IncomingMessage } from "node:http";
import type { FormParams } from "../http/form";
import type { EmulatorCore } from "../twilio/core";
import { listBody, paginate } from "../http/paging";

export interface ApiContext {
  core: EmulatorCore;
  req: IncomingMessage;
  method: string;
  /** Request path without the query, e.g. "/v1/Services/ZS…". */
  path: string;
  query: URLSearchParams;
  /** Values of the template's {placeholders}. */
  params: Record<string, string>;
  /** The emulator's origin as the client addressed it, e.g. "http://127.0.0.1:4010". */
  baseUrl: string;
  /** The account the credentials belong to. */
  accountSid: string;
  /** The form-encoded body (read once, bounded). */
  form(): Promise<FormParams>;
}

export interface ApiResult {
  status: number;
  body?: unknown;
}

export type ApiHandler = (ctx: ApiContext) => Promise<ApiResult>;

/** Registers handlers under Twilio's path templates. */
export interface RouteTable {
  add(method: string, template: string, handler: ApiHandler): void;
}

/** One page of `records` as Twilio's list envelope under `key`. */
export function listed<T extends { seq: number }>(
  ctx: ApiContext,
  records: T[],
  listUrl: string,
  key: string,
  toJson: (record: T) => unknown,
  filters?: [string, string][],
): ApiResult {
  return ok(listBody(paginate(records, ctx.query, listUrl, key, filters), toJson));
}

export function ok(body: unknown): ApiResult {
  return { status: 200, body };
}

export function created(body: unknown): ApiResult {
  return { status: 201, body };
}

export const NO_CONTENT: ApiResult = { status: 204 };
