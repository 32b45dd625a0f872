import { debugLog } from "../../debug";
import { TWILIO_DEFAULT_DEPENDENCIES } from "../../rules";
import { TwilioApiError, unlessNotFound } from "../errors";
import type { HttpClient } from "../http";
import { createdSince, newest, servicePath } from "./common";
import { listEnvironments } from "./environments";
import type { BuildResource, BuildStatusResource, Dependency, VersionResource } from "./types";

export interface BuildSpec {
  functionVersions: string[];
  assetVersions: string[];
  dependencies: Dependency[];
  runtime: string;
}

function buildsPath(serviceSid: string): string {
  return `${servicePath(serviceSid)}/Builds`;
}

function buildPath(serviceSid: string, sid: string): string {
  return `${buildsPath(serviceSid)}/${encodeURIComponent(sid)}`;
}

/** Every version a Build holds, Functions' then Assets': objects as Twilio sends them, or bare sids. */
export function heldVersions(build: BuildResource): (VersionResource | string)[] {
  return [...(build.function_versions ?? []), ...(build.asset_versions ?? [])];
}

/** The Function or Asset (container) a Build's version belongs to, when the answer names it. */
export function containerOf(version: VersionResource | string): string | undefined {
  return typeof version === "string" ? undefined : (version.function_sid ?? version.asset_sid);
}

/** The sids of a Build's versions, whether Twilio sent objects or sids. */
export function versionSids(versions: (VersionResource | string)[] | null | undefined): string[] {
  return (versions ?? []).map((version) => (typeof version === "string" ? version : version.sid));
}

/** Whether two lists hold the same items, in any order (Twilio does not keep the order of versions). */
export function sameSet(a: unknown, b: unknown): boolean {
  const left = new Set(Array.isArray(a) ? a : []);
  const right = new Set(Array.isArray(b) ? b : []);
  return left.size === right.size && [...left].every((item) => right.has(item));
}

/** A Build's dependencies without the defaults Twilio injects, unless they were declared. */
export function userDependencies(
  dependencies: Dependency[] | null,
  declared: Record<string, string>,
): Record<string, string> {
  const result: Record<string, string> = {};
  for (const dep of dependencies ?? []) {
    if (dep.name in declared || !TWILIO_DEFAULT_DEPENDENCIES.includes(dep.name)) result[dep.name] = dep.version;
  }
  return result;
}

/**
 * Whether `build` is exactly what `spec` makes: the same versions (in any order), the same
 * runtime, and the declared dependencies and no others (Twilio's injected defaults aside).
 * Both "is this the Build whose answer was lost" and "is this an unrecorded Build of ours" ask it.
 */
export function isBuildOf(build: BuildResource, spec: BuildSpec): boolean {
  const declared = Object.fromEntries(spec.dependencies.map((dep) => [dep.name, dep.version]));
  const found = userDependencies(build.dependencies, declared);
  return (
    sameSet(versionSids(build.function_versions), spec.functionVersions) &&
    sameSet(versionSids(build.asset_versions), spec.assetVersions) &&
    (!build.runtime || build.runtime === spec.runtime) &&
    Object.keys(found).length === spec.dependencies.length &&
    spec.dependencies.every((dep) => found[dep.name] === dep.version)
  );
}

export function listBuilds(client: HttpClient, serviceSid: string, pageSize?: number): Promise<BuildResource[]> {
  return client.list<BuildResource>(
    buildsPath(serviceSid),
    "builds",
    `listing Builds of Service ${serviceSid}`,
    pageSize,
  );
}

export function fetchBuild(client: HttpClient, serviceSid: string, sid: string): Promise<BuildResource> {
  return client.request({
    method: "GET",
    path: buildPath(serviceSid, sid),
    operation: `reading Build ${sid} of Service ${serviceSid}`,
  });
}

export function fetchBuildStatus(client: HttpClient, serviceSid: string, sid: string): Promise<BuildStatusResource> {
  return client.request({
    method: "GET",
    path: `${buildPath(serviceSid, sid)}/Status`,
    operation: `reading the status of Build ${sid} of Service ${serviceSid}`,
  });
}

export function createBuild(client: HttpClient, serviceSid: string, spec: BuildSpec): Promise<BuildResource> {
  const count = spec.functionVersions.length + spec.assetVersions.length;
  return client.request({
    method: "POST",
    path: buildsPath(serviceSid),
    operation: `creating a Build of ${count} versions (${spec.runtime}) in Service ${serviceSid}`,
    form: {
      FunctionVersions: spec.functionVersions,
      AssetVersions: spec.assetVersions,
      Dependencies: spec.dependencies.length ? JSON.stringify(spec.dependencies) : undefined,
      Runtime: spec.runtime,
    },
    recover: async (since) => {
      const builds = await listBuilds(client, serviceSid);
      return newest(builds.filter((build) => createdSince(build, since) && isBuildOf(build, spec)));
    },
  });
}

export async function deleteBuild(client: HttpClient, serviceSid: string, sid: string): Promise<void> {
  await client.request({
    method: "DELETE",
    path: buildPath(serviceSid, sid),
    operation: `deleting Build ${sid} of Service ${serviceSid}`,
  });
}

const log = debugLog("build");

/** The Builds the Service's Environments run now. */
export async function runningBuilds(client: HttpClient, serviceSid: string): Promise<Set<string>> {
  const environments = await listEnvironments(client, serviceSid);
  return new Set(environments.map((environment) => environment.build_sid).filter((sid): sid is string => !!sid));
}

/**
 * Deletes each Build that no Environment of the Service runs; returns the sids it deleted (or found
 * gone). A Build still running (a pin, an approved promotion, another stack's Environment) stays:
 * Twilio refuses to delete it ("Cannot delete Build because it's part of an active Deployment",
 * 409), and that environment must keep serving. The Environments are asked first rather than
 * trusting that message; the 409 still counts as "running" for a deploy made in between.
 */
export async function deleteBuildsNotRunning(
  client: HttpClient,
  serviceSid: string,
  sids: readonly string[],
): Promise<string[]> {
  if (sids.length === 0) return [];
  const running = await runningBuilds(client, serviceSid);
  const deleted: string[] = [];
  for (const sid of new Set(sids)) {
    if (running.has(sid)) {
      log("keeping Build %s of Service %s: an Environment runs it", sid, serviceSid);
      continue;
    }
    try {
      await unlessNotFound(() => deleteBuild(client, serviceSid, sid));
      deleted.push(sid);
    } catch (error) {
      if (!isActiveBuildConflict(error)) throw error;
      log("keeping Build %s of Service %s: Twilio says it is deployed", sid, serviceSid);
    }
  }
  return deleted;
}

/** Twilio's 409 for a Build that an active Deployment uses. */
function isActiveBuildConflict(error: unknown): boolean {
  return error instanceof TwilioApiError && error.status === 409 && /active Deployment/i.test(error.detail);
}
