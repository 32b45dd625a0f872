/**
 * Multipart bodies for Function/Asset Versions. File content is streamed from disk by undici
 * (`fs.openAsBlob` is a lazy, file-backed Blob), never read into memory whole.
 */
import { openAsBlob } from "node:fs";
import * as path from "node:path";
import type { FormData } from "undici";
import type { Visibility } from "../rules";
import { loadUndici } from "./http";

export type { Visibility };

/** Content of a Version: a file on disk, or inline text. */
export type VersionContent = { file: string } | { text: string };

export interface VersionUpload {
  /** The URL path on the deployed domain, e.g. "/hello". */
  path: string;
  visibility: Visibility;
  content: VersionContent;
  contentType: string;
}

/** The file name Twilio records for the `Content` part. */
export function uploadFileName(upload: VersionUpload): string {
  if ("file" in upload.content) return path.basename(upload.content.file);
  return path.posix.basename(upload.path) || "content";
}

/** Builds the form afresh (a body stream can be sent once; retries need a new one). */
export async function versionForm(upload: VersionUpload): Promise<FormData> {
  const form = new (loadUndici().FormData)();
  form.append("Path", upload.path);
  form.append("Visibility", upload.visibility);
  const blob =
    "file" in upload.content
      ? await openAsBlob(upload.content.file, { type: upload.contentType })
      : new Blob([upload.content.text], { type: upload.contentType });
  form.append("Content", blob, uploadFileName(upload));
  return form;
}
