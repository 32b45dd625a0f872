import type { HttpClient } from "../http";
import { environmentPath, servicePath } from "./common";
import type { EnvironmentResource } from "./types";

export function listEnvironments(client: HttpClient, serviceSid: string): Promise<EnvironmentResource[]> {
  return client.list<EnvironmentResource>(
    `${servicePath(serviceSid)}/Environments`,
    "environments",
    `listing Environments of Service ${serviceSid}`,
  );
}

export async function findEnvironmentByUniqueName(
  client: HttpClient,
  serviceSid: string,
  uniqueName: string,
): Promise<EnvironmentResource | undefined> {
  const environments = await listEnvironments(client, serviceSid);
  return environments.find((environment) => environment.unique_name.toLowerCase() === uniqueName.toLowerCase());
}

export function fetchEnvironment(client: HttpClient, serviceSid: string, sid: string): Promise<EnvironmentResource> {
  return client.request({
    method: "GET",
    path: environmentPath(serviceSid, sid),
    operation: `reading Environment ${sid} of Service ${serviceSid}`,
  });
}

export function createEnvironment(
  client: HttpClient,
  serviceSid: string,
  uniqueName: string,
  domainSuffix: string | undefined,
): Promise<EnvironmentResource> {
  return client.request({
    method: "POST",
    path: `${servicePath(serviceSid)}/Environments`,
    operation: `creating Environment '${uniqueName}' of Service ${serviceSid}`,
    form: { UniqueName: uniqueName, DomainSuffix: domainSuffix },
    recover: () => findEnvironmentByUniqueName(client, serviceSid, uniqueName),
  });
}

export async function deleteEnvironment(client: HttpClient, serviceSid: string, sid: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: environmentPath(serviceSid, sid),
    operation: `deleting Environment ${sid} of Service ${serviceSid}`,
  });
}
