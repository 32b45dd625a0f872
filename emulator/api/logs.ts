/**
 * /Logs: what deployed functions wrote (console.log and friends), read-only. Like Twilio, a list
 * covers the last day (on the emulator's clock) unless StartDate / EndDate say otherwise, and
 * FunctionSid narrows it.
 */
import { invalidParameter } from "../http/errors";
import type { LogRecord } from "../store/records";
import { type ApiContext, listed, ok, type RouteTable } from "./context";
import { environmentUrl } from "./environments";
import { findEnvironment, findInService, findService } from "./lookup";
import { serviceUrl } from "./services";

const DAY_MS = 24 * 60 * 60 * 1000;

function logJson(baseUrl: string, log: LogRecord): Record<string, unknown> {
  return {
    sid: log.sid,
    account_sid: log.accountSid,
    service_sid: log.serviceSid,
    environment_sid: log.environmentSid,
    build_sid: log.buildSid,
    deployment_sid: log.deploymentSid,
    function_sid: log.functionSid,
    request_sid: log.requestSid,
    level: log.level,
    message: log.message,
    date_created: log.dateCreated,
    url: `${serviceUrl(baseUrl, log.serviceSid)}/Environments/${log.environmentSid}/Logs/${log.sid}`,
  };
}

function dateParam(ctx: ApiContext, name: string, fallback: number): number {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return fallback;
  const time = Date.parse(raw);
  if (Number.isNaN(time)) throw invalidParameter(`Invalid parameter ${name}: "${raw}" is not an ISO 8601 date-time`);
  return time;
}

export function registerLogs(routes: RouteTable): void {
  const listTemplate = "/v1/Services/{ServiceSid}/Environments/{EnvironmentSid}/Logs";

  routes.add("GET", listTemplate, async (ctx) => {
    const environment = findEnvironment(ctx, findService(ctx));
    const now = ctx.core.store.clock.nowMs();
    // Log timestamps are to the second, so the window is too.
    const start = Math.floor(dateParam(ctx, "StartDate", now - DAY_MS) / 1000) * 1000;
    const end = dateParam(ctx, "EndDate", now);
    const functionSid = ctx.query.get("FunctionSid");
    const logs = ctx.core.store.list("logs", (log) => {
      const created = Date.parse(log.dateCreated);
      const inWindow = created >= start && created <= end;
      return log.environmentSid === environment.sid && inWindow && (!functionSid || log.functionSid === functionSid);
    });
    const filters = (["StartDate", "EndDate", "FunctionSid"] as const).flatMap((name): [string, string][] => {
      const value = ctx.query.get(name);
      return value ? [[name, value]] : [];
    });
    return listed(
      ctx,
      logs,
      `${environmentUrl(ctx.baseUrl, environment)}/Logs`,
      "logs",
      (log) => logJson(ctx.baseUrl, log),
      filters,
    );
  });

  routes.add("GET", `${listTemplate}/{Sid}`, async (ctx) => {
    const service = findService(ctx);
    const environment = findEnvironment(ctx, service);
    const log = findInService(
      ctx,
      "logs",
      ctx.params.Sid,
      service,
      (record) => record.environmentSid === environment.sid,
    );
    return ok(logJson(ctx.baseUrl, log));
  });
}
