/**
 * Functions and Assets (and their Versions). The two APIs differ only in a path segment and a
 * list key, so one set of functions serves both, parameterised by `FileKind`.
 */
import { FILE_KIND_NAMES, type FileKind } from "../../rules";
import type { HttpClient } from "../http";
import { versionForm, type VersionUpload } from "../upload";
import { createdSince, newest, servicePath } from "./common";
import type { FileResource, VersionResource } from "./types";

export type { FileKind };

const SEGMENT: Record<FileKind, string> = { function: "Functions", asset: "Assets" };
const LIST_KEY: Record<FileKind, string> = { function: "functions", asset: "assets" };
const VERSION_LIST_KEY: Record<FileKind, string> = { function: "function_versions", asset: "asset_versions" };

function collectionPath(kind: FileKind, serviceSid: string): string {
  return `${servicePath(serviceSid)}/${SEGMENT[kind]}`;
}

function filePath(kind: FileKind, serviceSid: string, sid: string): string {
  return `${collectionPath(kind, serviceSid)}/${encodeURIComponent(sid)}`;
}

export function listFiles(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  pageSize?: number,
): Promise<FileResource[]> {
  return client.list<FileResource>(
    collectionPath(kind, serviceSid),
    LIST_KEY[kind],
    `listing ${SEGMENT[kind]} of Service ${serviceSid}`,
    pageSize,
  );
}

export async function findFileByFriendlyName(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  friendlyName: string,
): Promise<FileResource | undefined> {
  const files = await listFiles(client, kind, serviceSid);
  return files.find((file) => file.friendly_name === friendlyName);
}

export function fetchFile(client: HttpClient, kind: FileKind, serviceSid: string, sid: string): Promise<FileResource> {
  return client.request({
    method: "GET",
    path: filePath(kind, serviceSid, sid),
    operation: `reading ${FILE_KIND_NAMES[kind]} ${sid} of Service ${serviceSid}`,
  });
}

export function createFile(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  friendlyName: string,
): Promise<FileResource> {
  return client.request({
    method: "POST",
    path: collectionPath(kind, serviceSid),
    operation: `creating ${FILE_KIND_NAMES[kind]} '${friendlyName}' of Service ${serviceSid}`,
    form: { FriendlyName: friendlyName },
    recover: () => findFileByFriendlyName(client, kind, serviceSid, friendlyName),
  });
}

export function renameFile(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  sid: string,
  friendlyName: string,
): Promise<FileResource> {
  return client.request({
    method: "POST",
    path: filePath(kind, serviceSid, sid),
    operation: `renaming ${FILE_KIND_NAMES[kind]} ${sid} of Service ${serviceSid} to '${friendlyName}'`,
    form: { FriendlyName: friendlyName },
  });
}

export async function deleteFile(client: HttpClient, kind: FileKind, serviceSid: string, sid: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: filePath(kind, serviceSid, sid),
    operation: `deleting ${FILE_KIND_NAMES[kind]} ${sid} of Service ${serviceSid}`,
  });
}

export function listVersions(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
): Promise<VersionResource[]> {
  return client.list<VersionResource>(
    `${filePath(kind, serviceSid, fileSid)}/Versions`,
    VERSION_LIST_KEY[kind],
    `listing Versions of ${FILE_KIND_NAMES[kind]} ${fileSid} of Service ${serviceSid}`,
  );
}

/** The newest Version of a Function/Asset. */
export async function latestVersion(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
): Promise<VersionResource | undefined> {
  return newest(await listVersions(client, kind, serviceSid, fileSid));
}

/** Uploads a new Version; a retried upload first adopts a Version with that path made meanwhile. */
export function createVersion(
  client: HttpClient,
  kind: FileKind,
  serviceSid: string,
  fileSid: string,
  upload: VersionUpload,
): Promise<VersionResource> {
  return client.request({
    method: "POST",
    upload: true,
    path: `${filePath(kind, serviceSid, fileSid)}/Versions`,
    operation: `uploading a Version of ${FILE_KIND_NAMES[kind]} ${fileSid} (path ${upload.path}) of Service ${serviceSid}`,
    multipart: () => versionForm(upload),
    recover: async (since) => {
      const versions = await listVersions(client, kind, serviceSid, fileSid);
      const made = versions.filter(
        (version) =>
          version.path === upload.path && version.visibility === upload.visibility && createdSince(version, since),
      );
      return newest(made);
    },
  });
}

/** The source of a Function Version (Assets have no read-back in Twilio's API). */
export async function fetchFunctionVersionContent(
  client: HttpClient,
  serviceSid: string,
  functionSid: string,
  versionSid: string,
): Promise<string> {
  const body = await client.request<{ content: string }>({
    method: "GET",
    path: `${filePath("function", serviceSid, functionSid)}/Versions/${encodeURIComponent(versionSid)}/Content`,
    operation: `reading the content of Version ${versionSid} of Function ${functionSid}`,
  });
  return body.content;
}
