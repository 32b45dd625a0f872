import type { HttpClient } from "../http";
import { environmentPath } from "./common";
import type { VariableResource } from "./types";

function variablesPath(serviceSid: string, environmentSid: string): string {
  return `${environmentPath(serviceSid, environmentSid)}/Variables`;
}

function variablePath(serviceSid: string, environmentSid: string, sid: string): string {
  return `${variablesPath(serviceSid, environmentSid)}/${encodeURIComponent(sid)}`;
}

function where(serviceSid: string, environmentSid: string): string {
  return `of Environment ${environmentSid} of Service ${serviceSid}`;
}

export function listVariables(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
): Promise<VariableResource[]> {
  return client.list<VariableResource>(
    variablesPath(serviceSid, environmentSid),
    "variables",
    `listing Variables ${where(serviceSid, environmentSid)}`,
  );
}

export async function findVariableByKey(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  key: string,
): Promise<VariableResource | undefined> {
  const variables = await listVariables(client, serviceSid, environmentSid);
  return variables.find((variable) => variable.key === key);
}

export function fetchVariable(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  sid: string,
): Promise<VariableResource> {
  return client.request({
    method: "GET",
    path: variablePath(serviceSid, environmentSid, sid),
    operation: `reading Variable ${sid} ${where(serviceSid, environmentSid)}`,
  });
}

export function createVariable(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  key: string,
  value: string,
): Promise<VariableResource> {
  return client.request({
    method: "POST",
    path: variablesPath(serviceSid, environmentSid),
    operation: `creating Variable '${key}' ${where(serviceSid, environmentSid)}`,
    form: { Key: key, Value: value },
    secretValues: [value],
    recover: () => findVariableByKey(client, serviceSid, environmentSid, key),
  });
}

export function updateVariable(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  sid: string,
  key: string,
  value: string,
): Promise<VariableResource> {
  return client.request({
    method: "POST",
    path: variablePath(serviceSid, environmentSid, sid),
    operation: `updating Variable ${sid} ('${key}') ${where(serviceSid, environmentSid)}`,
    form: { Key: key, Value: value },
    secretValues: [value],
  });
}

export async function deleteVariable(
  client: HttpClient,
  serviceSid: string,
  environmentSid: string,
  sid: string,
): Promise<void> {
  await client.request({
    method: "DELETE",
    path: variablePath(serviceSid, environmentSid, sid),
    operation: `deleting Variable ${sid} ${where(serviceSid, environmentSid)}`,
  });
}
