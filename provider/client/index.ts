/**
 * The client shared by every operation in a provider process: built on first use from the
 * current credentials and endpoints, rebuilt when they change.
 */
import { createHash } from "node:crypto";
import { resolveSettings } from "./config";
import { HttpClient } from "./http";

export { HttpClient, encodeForm } from "./http";
export { TwilioApiError, isNotFound, unlessNotFound } from "./errors";
export * from "./config";

let current: { fingerprint: string; client: HttpClient } | undefined;

export function getClient(env: NodeJS.ProcessEnv = process.env): HttpClient {
  const settings = resolveSettings(env);
  const fingerprint = createHash("sha256").update(JSON.stringify(settings)).digest("hex");
  if (!current || current.fingerprint !== fingerprint) {
    const previous = current?.client;
    current = { fingerprint, client: new HttpClient(settings) };
    // In-flight requests on the old client finish before its pools close.
    void previous?.close().catch(() => undefined);
  }
  return current.client;
}

/** Closes the shared client's connections (tests, and processes that want to exit promptly). */
export async function closeClient(): Promise<void> {
  const client = current?.client;
  current = undefined;
  await client?.close();
}
