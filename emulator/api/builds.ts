/**
 * /Builds: create (at least one version, all of this service), fetch, list, delete (unless an
 * environment runs it) and /Status. Builds are immutable: there is no update.
 */
import { withDefaultDependencies } from "../twilio/default-dependencies";
import { ApiError, conflict, invalidParameter, tooManyRequests } from "../http/errors";
import { newSid, SID_PREFIX } from "../twilio/sids";
import type { BuildRecord, Dependency, FileKind, ServiceRecord, VersionRecord } from "../store/records";
import { type ApiContext, created, listed, NO_CONTENT, ok, type RouteTable } from "./context";
import { findInService, findService } from "./lookup";
import { serviceUrl } from "./services";
import { buildVersionJson } from "./versions";

/**
 * Runtimes Twilio builds today: node24 since 2026-07-08, node22 the default, node18 refused since
 * 2025-11-10 (changelog pages cited in emulator/README.md, "Runtimes").
 */
export const SUPPORTED_RUNTIMES = ["node20", "node22", "node24"];
export const DEFAULT_RUNTIME = "node22";

/**
 * A Build without `Runtime` takes the runtime of the service's last completed Build (Twilio's
 * error 82007 page), else the default; either way an unsupported one is refused with 82007.
 */
function runtimeOf(ctx: ApiContext, service: ServiceRecord, requested: string | undefined): string {
  const lastCompleted = ctx.core.store
    .list("builds", (build) => build.serviceSid === service.sid && build.status === "completed")
    .sort((a, b) => (a.dateCreated < b.dateCreated ? -1 : a.dateCreated > b.dateCreated ? 1 : 0))
    .pop();
  const runtime = requested || lastCompleted?.runtime || DEFAULT_RUNTIME;
  if (!SUPPORTED_RUNTIMES.includes(runtime)) {
    throw new ApiError(
      400,
      82007,
      `Unsupported Runtime: "${runtime}"${requested ? "" : " (the runtime of the last successful Build, as none was given)"} ` +
        `is not supported; use one of ${SUPPORTED_RUNTIMES.join(", ")}`,
    );
  }
  return runtime;
}

export function buildUrl(baseUrl: string, build: BuildRecord): string {
  return `${serviceUrl(baseUrl, build.serviceSid)}/Builds/${build.sid}`;
}

function buildJson(ctx: ApiContext, build: BuildRecord): Record<string, unknown> {
  const url = buildUrl(ctx.baseUrl, build);
  const versions = (sids: string[]) =>
    sids.flatMap((sid) => {
      const version = ctx.core.store.get("versions", sid);
      return version ? [buildVersionJson(version)] : [];
    });
  return {
    sid: build.sid,
    account_sid: build.accountSid,
    service_sid: build.serviceSid,
    asset_versions: versions(build.assetVersions),
    function_versions: versions(build.functionVersions),
    dependencies: build.dependencies,
    runtime: build.runtime,
    status: build.status,
    date_created: build.dateCreated,
    date_updated: build.dateUpdated,
    url,
    links: { build_status: `${url}/Status` },
  };
}

/**
 * `Dependencies` is a JSON array of `{ name, version }`. The Toolkit sends it wrapped in one more
 * pair of double quotes, which Twilio accepts, so the emulator does too.
 */
export function parseDependencies(raw: string | undefined): Dependency[] {
  if (raw === undefined || raw.trim() === "") return [];
  let text = raw.trim();
  if (text.startsWith('"[') && text.endsWith(']"')) text = text.slice(1, -1);
  const help = 'Dependencies must be a JSON array like [{"name":"lodash","version":"4.17.21"}]';
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidParameter(`Invalid parameter Dependencies: not JSON. ${help}`);
  }
  if (!Array.isArray(parsed)) throw invalidParameter(`Invalid parameter Dependencies: not an array. ${help}`);
  return parsed.map((item: unknown, index) => {
    const entry = item as { name?: unknown; version?: unknown };
    if (
      typeof entry?.name !== "string" ||
      entry.name === "" ||
      typeof entry.version !== "string" ||
      entry.version === ""
    ) {
      throw invalidParameter(
        `Invalid parameter Dependencies: entry ${index} needs a "name" and a "version" string. ${help}`,
      );
    }
    return { name: entry.name, version: entry.version };
  });
}

/** The versions a Build names: each must exist in this service and be of the right kind. */
function versionsOf(
  ctx: ApiContext,
  service: ServiceRecord,
  sids: string[],
  kind: FileKind,
  field: string,
): VersionRecord[] {
  return [...new Set(sids)].map((sid) => {
    const version = ctx.core.store.get("versions", sid);
    if (
      !version ||
      version.accountSid !== ctx.accountSid ||
      version.serviceSid !== service.sid ||
      version.kind !== kind
    ) {
      const what = kind === "function" ? "Function Version" : "Asset Version";
      throw invalidParameter(`Invalid parameter ${field}: ${sid} is not a ${what} of Service ${service.sid}`);
    }
    return version;
  });
}

function checkBuildLimits(ctx: ApiContext, functions: VersionRecord[], assets: VersionRecord[]): void {
  const { limits } = ctx.core.options;
  const privateAssets = assets.filter((version) => version.visibility === "private").length;
  const counts: [string, number, number][] = [
    ["Function Versions", functions.length, limits.buildFunctionVersions],
    ["public and protected Asset Versions", assets.length - privateAssets, limits.buildPublicAssetVersions],
    ["private Asset Versions", privateAssets, limits.buildPrivateAssetVersions],
  ];
  for (const [what, count, max] of counts) {
    if (count > max) throw invalidParameter(`A Build can hold at most ${max} ${what}, got ${count}`);
  }
  const seen = new Set<string>();
  for (const version of [...functions, ...assets]) {
    if (seen.has(version.path))
      throw invalidParameter(`Two versions in this Build have the path ${version.path}; paths must be unique`);
    seen.add(version.path);
  }
}

function findBuild(ctx: ApiContext): BuildRecord {
  return findInService(ctx, "builds", ctx.params.Sid, findService(ctx));
}

export function registerBuilds(routes: RouteTable): void {
  routes.add("GET", "/v1/Services/{ServiceSid}/Builds", async (ctx) => {
    const service = findService(ctx);
    const builds = ctx.core.store.list("builds", (build) => build.serviceSid === service.sid);
    return listed(ctx, builds, `${serviceUrl(ctx.baseUrl, service.sid)}/Builds`, "builds", (build) =>
      buildJson(ctx, build),
    );
  });

  routes.add("POST", "/v1/Services/{ServiceSid}/Builds", async (ctx) => {
    findService(ctx);
    const form = await ctx.form();
    const service = findService(ctx);
    const functions = versionsOf(ctx, service, form.list("FunctionVersions"), "function", "FunctionVersions");
    const assets = versionsOf(ctx, service, form.list("AssetVersions"), "asset", "AssetVersions");
    if (functions.length + assets.length === 0) {
      throw invalidParameter("At least one Function Version or Asset Version is required for Build");
    }
    checkBuildLimits(ctx, functions, assets);
    const dependencies = withDefaultDependencies(parseDependencies(form.string("Dependencies")));
    const runtime = runtimeOf(ctx, service, form.string("Runtime"));
    const { builds, options, store } = ctx.core;
    if (builds.createdLastHour(ctx.accountSid) >= options.limits.buildsPerHour) {
      throw tooManyRequests(`Too many Builds: at most ${options.limits.buildsPerHour} per hour per account`);
    }
    const build = store.insert("builds", {
      sid: newSid(SID_PREFIX.build),
      accountSid: ctx.accountSid,
      serviceSid: service.sid,
      status: "building",
      functionVersions: functions.map((version) => version.sid),
      assetVersions: assets.map((version) => version.sid),
      dependencies,
      runtime,
    });
    builds.start(build);
    await store.commit();
    return created(buildJson(ctx, build));
  });

  routes.add("GET", "/v1/Services/{ServiceSid}/Builds/{Sid}", async (ctx) => ok(buildJson(ctx, findBuild(ctx))));

  routes.add("DELETE", "/v1/Services/{ServiceSid}/Builds/{Sid}", async (ctx) => {
    const build = findBuild(ctx);
    const { store } = ctx.core;
    if (store.find("environments", (environment) => environment.buildSid === build.sid)) {
      throw conflict("Cannot delete Build because it's part of an active Deployment.");
    }
    ctx.core.builds.cancel(build.sid);
    store.remove("builds", build.sid);
    await store.commit();
    return NO_CONTENT;
  });

  routes.add("GET", "/v1/Services/{ServiceSid}/Builds/{Sid}/Status", async (ctx) => {
    const build = findBuild(ctx);
    return ok({
      sid: build.sid,
      account_sid: build.accountSid,
      service_sid: build.serviceSid,
      status: build.status,
      url: `${buildUrl(ctx.baseUrl, build)}/Status`,
    });
  });
}
