/**
 * Lists of a Service that one provider run (one `pulumi up`, preview or refresh) reads many
 * times, made once per run, in pages of Twilio's largest size. A refresh of an 800-file app then
 * reads a handful of lists instead of one call per file (issue 14: rate limits, and time).
 * Outside a provider run (operations called directly, as tests do) every call lists afresh.
 *
 * A run's lists are dropped once the process has made no API call for RUN_IDLE_MS. Pulumi 3.248
 * starts a provider process per operation, but nothing tells the process when an operation ends:
 * were one process to serve several (`pulumi watch`), the next would otherwise take a listing
 * that predates the last one's writes (a container it made looks gone, a Build it made unseen).
 * Within an operation the calls of a refresh or of a deploy overlap; a pause costs a list again.
 */
import { getClient } from "..";
import { currentProviderRun } from "../config";
import { apiIdleMs } from "../http";
import { listBuilds } from "./builds";
import { listFiles, type FileKind } from "./files";
import type { BuildResource, FileResource } from "./types";

/** Twilio's largest page (error 20007, https://www.twilio.com/docs/errors/20007). */
export const LARGEST_PAGE_SIZE = 1000;

/** Longer than any gap between the overlapping calls of one operation's reads or writes; shorter than a program's start. */
export const RUN_IDLE_MS = 1000;

const listsOfRun = new Map<string, Promise<unknown>>();

/** `make()` once per provider run and key; a failed listing is forgotten, so the next caller tries again. */
function oncePerRun<T>(key: string, make: () => Promise<T>): Promise<T> {
  const run = currentProviderRun();
  if (run === undefined) return make();
  // A new operation, or a pause in this one: nothing listed before it is trusted.
  if (apiIdleMs() > RUN_IDLE_MS) listsOfRun.clear();
  const runKey = `${run} ${key}`;
  let listing = listsOfRun.get(runKey) as Promise<T> | undefined;
  if (!listing) {
    listing = make();
    listsOfRun.set(runKey, listing);
    listing.catch(() => listsOfRun.delete(runKey));
  }
  return listing;
}

/**
 * The Service's Functions or Assets as this run first saw them: what an interrupted earlier `up`
 * left exists before this one starts, and a refresh reads before anything is written. (Listing
 * before every create made a cold deploy's calls grow with N²: 3,193 list pages for 800 files.)
 */
export function filesOfRun(kind: FileKind, serviceSid: string): Promise<FileResource[]> {
  return oncePerRun(`files ${kind} ${serviceSid}`, () => listFiles(getClient(), kind, serviceSid, LARGEST_PAGE_SIZE));
}

/** The Service's Builds (each with its version lists) as this run first saw them; for reads only. */
export function buildsOfRun(serviceSid: string): Promise<BuildResource[]> {
  return oncePerRun(`builds ${serviceSid}`, () => listBuilds(getClient(), serviceSid, LARGEST_PAGE_SIZE));
}
