/**
 * An Environment's Logs (`/Services/{S}/Environments/{E}/Logs`), every page of one window.
 * Twilio filters by StartDate/EndDate (ISO 8601; default the last day) and FunctionSid, answers
 * at most 10,000 results per query and lists them in no reliable order: callers sort.
 */
import type { HttpClient } from "../http";
import { environmentPath } from "./common";
import type { LogResource } from "./types";

export interface LogQuery {
  startDate?: Date;
  endDate?: Date;
  functionSid?: string;
  /** Results per page (Twilio: 1 to 1000). */
  pageSize?: number;
}

export function listLogs(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  query: LogQuery = {},
): Promise<LogResource[]> {
  const params = new URLSearchParams();
  if (query.startDate) params.set("StartDate", query.startDate.toISOString());
  if (query.endDate) params.set("EndDate", query.endDate.toISOString());
  if (query.functionSid) params.set("FunctionSid", query.functionSid);
  const filters = params.toString();
  return client.list<LogResource>(
    `${environmentPath(serviceSid, environmentSid)}/Logs${filters ? `?${filters}` : ""}`,
    "logs",
    `listing Logs of Environment ${environmentSid} of Service ${serviceSid}`,
    query.pageSize,
  );
}
