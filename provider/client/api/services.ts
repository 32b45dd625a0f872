import type { HttpClient } from "../http";
import { servicePath } from "./common";
import type { ServiceResource } from "./types";

export interface ServiceSettings {
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
}

export function listServices(client: HttpClient): Promise<ServiceResource[]> {
  return client.list<ServiceResource>("/v1/Services", "services", "listing Services");
}

export async function findServiceByUniqueName(
  client: HttpClient,
  uniqueName: string,
): Promise<ServiceResource | undefined> {
  const services = await listServices(client);
  // Twilio's unique names are case-insensitive (they become part of a domain).
  return services.find((service) => service.unique_name.toLowerCase() === uniqueName.toLowerCase());
}

export function fetchService(client: HttpClient, sid: string): Promise<ServiceResource> {
  return client.request({ method: "GET", path: servicePath(sid), operation: `reading Service ${sid}` });
}

export function createService(
  client: HttpClient,
  uniqueName: string,
  settings: ServiceSettings,
): Promise<ServiceResource> {
  return client.request({
    method: "POST",
    path: "/v1/Services",
    operation: `creating Service '${uniqueName}'`,
    form: {
      UniqueName: uniqueName,
      FriendlyName: settings.friendlyName,
      IncludeCredentials: settings.includeCredentials,
      UiEditable: settings.uiEditable,
    },
    recover: () => findServiceByUniqueName(client, uniqueName),
  });
}

export function updateService(client: HttpClient, sid: string, settings: ServiceSettings): Promise<ServiceResource> {
  return client.request({
    method: "POST",
    path: servicePath(sid),
    operation: `updating Service ${sid}`,
    form: {
      FriendlyName: settings.friendlyName,
      IncludeCredentials: settings.includeCredentials,
      UiEditable: settings.uiEditable,
    },
  });
}

export async function deleteService(client: HttpClient, sid: string): Promise<void> {
  await client.request({ method: "DELETE", path: servicePath(sid), operation: `deleting Service ${sid}` });
}
