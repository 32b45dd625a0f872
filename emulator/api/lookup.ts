/**
 * Finding the records a path names. Everything is scoped to the caller's account: a sid of
 * another account is as unknown as a sid that never existed (20404), as on Twilio.
 */
import { notFound } from "../http/errors";
import { isSid, SID_PREFIX } from "../twilio/sids";
import type { EnvironmentRecord, FileKind, FileRecord, ServiceRecord, TableName, Tables } from "../store/records";
import type { ApiContext } from "./context";

/** The service named by sid or by unique name (Twilio takes either in `{ServiceSid}` / `{Sid}`). */
export function findService(ctx: ApiContext, ref = ctx.params.ServiceSid): ServiceRecord {
  const { store } = ctx.core;
  const service = isSid(ref, SID_PREFIX.service)
    ? store.get("services", ref)
    : store.find("services", (record) => record.accountSid === ctx.accountSid && record.uniqueName === ref);
  if (!service || service.accountSid !== ctx.accountSid) throw notFound(ctx.path);
  return service;
}

type ServiceScoped = Tables[TableName] & { serviceSid: string };

/** A record of `table` by sid, which must belong to `service` (and pass `belongs`, if given). */
export function findInService<K extends TableName>(
  ctx: ApiContext,
  table: K,
  sid: string,
  service: ServiceRecord,
  belongs: (record: Tables[K]) => boolean = () => true,
): Tables[K] {
  const record = ctx.core.store.get(table, sid) as (Tables[K] & ServiceScoped) | undefined;
  if (!record || record.accountSid !== ctx.accountSid || record.serviceSid !== service.sid || !belongs(record)) {
    throw notFound(ctx.path);
  }
  return record;
}

export function findEnvironment(
  ctx: ApiContext,
  service: ServiceRecord,
  sid = ctx.params.EnvironmentSid,
): EnvironmentRecord {
  return findInService(ctx, "environments", sid, service);
}

export function findFile(ctx: ApiContext, service: ServiceRecord, kind: FileKind, sid: string): FileRecord {
  return findInService(ctx, "files", sid, service, (file) => file.kind === kind);
}
