/**
 * Reads what import-file imports, through the client's API modules (reads only): the Service
 * (by sid or unique name), its Environments (all, or those asked for), their Variables, the
 * Build each one serves with the Deployment that put it there, and the Functions and Assets
 * those Builds hold. What is left out is said in `notes`.
 */
import { containerOf, fetchBuild } from "../client/api/builds";
import { listDeployments } from "../client/api/deployments";
import { listEnvironments } from "../client/api/environments";
import { listFiles } from "../client/api/files";
import { fetchService, listServices } from "../client/api/services";
import type { BuildResource, EnvironmentResource, ServiceResource, VersionResource } from "../client/api/types";
import { listVariables } from "../client/api/variables";
import { newest } from "../client/api/common";
import { isNotFound, type HttpClient } from "../client";
import { FILE_KINDS, type Visibility } from "../rules";
import { UsageError } from "./flags";
import type { ServiceSnapshot, SnapshotEnvironment, SnapshotFile } from "./import-file-json";

export interface ImportSelection {
  /** A Service sid (ZS…) or unique name. */
  service: string;
  /** Unique names, domain suffixes or sids; empty: every Environment. */
  environments: string[];
}

export interface ReadResult {
  snapshot: ServiceSnapshot;
  /** What exists and is not imported, one sentence each. */
  notes: string[];
}

export async function readServiceSnapshot(client: HttpClient, selection: ImportSelection): Promise<ReadResult> {
  const service = await findService(client, selection.service);
  const environments = chooseEnvironments(await listEnvironments(client, service.sid), selection.environments);
  const notes: string[] = [];
  const snapshotEnvironments = await Promise.all(
    environments.map((environment) => readEnvironment(client, service.sid, environment, notes)),
  );
  const buildSids = [...new Set(snapshotEnvironments.flatMap((env) => (env.buildSid ? [env.buildSid] : [])))];
  const [builds, functions, assets] = await Promise.all([
    Promise.all(buildSids.map((sid) => fetchBuild(client, service.sid, sid))),
    listFiles(client, "function", service.sid),
    listFiles(client, "asset", service.sid),
  ]);
  const files = filesOf(builds);
  const held = new Set(files.map((file) => file.sid));
  const unheld = [...functions, ...assets].filter((file) => !held.has(file.sid)).map((file) => file.friendly_name);
  if (unheld.length > 0) {
    notes.push(`in no Build an imported Environment serves, so not imported: ${unheld.join(", ")}.`);
  }
  return {
    snapshot: {
      sid: service.sid,
      uniqueName: service.unique_name,
      environments: snapshotEnvironments,
      buildSids,
      files,
    },
    notes,
  };
}

async function findService(client: HttpClient, wanted: string): Promise<ServiceResource> {
  if (/^ZS[0-9a-f]{32}$/.test(wanted)) {
    try {
      return await fetchService(client, wanted);
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }
  const services = await listServices(client);
  // Twilio's unique names are case-insensitive (they become part of a domain).
  const found = services.find((service) => service.unique_name.toLowerCase() === wanted.toLowerCase());
  if (found) return found;
  const known = services.map((service) => `${service.unique_name} (${service.sid})`).join(", ") || "none";
  throw new UsageError(`unknown service "${wanted}": the account's Services are: ${known}.`);
}

/** The Environments asked for (by unique name, domain suffix or sid), in Twilio's order; all when none is. */
export function chooseEnvironments(environments: EnvironmentResource[], wanted: string[]): EnvironmentResource[] {
  if (wanted.length === 0) return environments;
  const names = (env: EnvironmentResource) => [env.sid, env.unique_name, env.domain_suffix ?? ""];
  const chosen = new Set<EnvironmentResource>();
  for (const name of wanted) {
    const found = environments.find((env) =>
      names(env).some((n) => n !== "" && n.toLowerCase() === name.toLowerCase()),
    );
    if (!found) {
      const known =
        environments
          .map((env) => `${env.unique_name}${env.domain_suffix ? ` (suffix ${env.domain_suffix})` : ""}`)
          .join(", ") || "none";
      throw new UsageError(`unknown environment "${name}": the Service's Environments are: ${known}.`);
    }
    chosen.add(found);
  }
  return environments.filter((env) => chosen.has(env));
}

async function readEnvironment(
  client: HttpClient,
  serviceSid: string,
  environment: EnvironmentResource,
  notes: string[],
): Promise<SnapshotEnvironment> {
  const buildSid = environment.build_sid ?? undefined;
  const [variables, deployments] = await Promise.all([
    listVariables(client, serviceSid, environment.sid),
    buildSid ? listDeployments(client, serviceSid, environment.sid) : Promise.resolve([]),
  ]);
  const deployment = newest(deployments.filter((d) => d.build_sid === buildSid));
  if (!buildSid) notes.push(`environment ${environment.unique_name} serves no Build: no Build or Deployment for it.`);
  return {
    sid: environment.sid,
    uniqueName: environment.unique_name,
    domainSuffix: environment.domain_suffix,
    domainName: environment.domain_name,
    variables: variables.map((variable) => ({ sid: variable.sid, key: variable.key })),
    buildSid: deployment ? buildSid : undefined,
    deploymentSid: deployment?.sid,
  };
}

/** Each Function/Asset the Builds hold, once, as the newest of those Builds has it; sorted by path. */
function filesOf(builds: BuildResource[]): SnapshotFile[] {
  const byContainer = new Map<string, SnapshotFile>();
  const oldestFirst = [...builds].sort((a, b) => Date.parse(a.date_created) - Date.parse(b.date_created));
  for (const build of oldestFirst) {
    for (const kind of FILE_KINDS) {
      const versions = (kind === "function" ? build.function_versions : build.asset_versions) ?? [];
      for (const version of versions) {
        const container = containerOf(version);
        if (typeof version === "string" || !container) {
          throw new Error(`Build ${build.sid} lists a version without its path or container: cannot import it.`);
        }
        byContainer.set(container, snapshotFile(kind, container, version));
      }
    }
  }
  return [...byContainer.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function snapshotFile(kind: SnapshotFile["kind"], sid: string, version: VersionResource): SnapshotFile {
  return {
    kind,
    sid,
    path: version.path,
    // A Build lists its versions' visibility upper-cased (as operations/files/drift.ts reads it too).
    visibility: version.visibility.toLowerCase() as Visibility,
    versionSid: version.sid,
  };
}
