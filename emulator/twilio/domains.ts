/**
 * Deployed domains on the emulator's own port. A request reaches a domain by its Host header
 * (`thanos-3432-dev.twil.io`, port ignored), by `<domain>.localhost` (browsers resolve any
 * *.localhost to loopback), or by the path form `/_domains/<domain>/<path>`. The core resolves
 * the environment and its build; the runtime runs the function or serves the asset.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { EmulatorCore } from "./core";
import { readBody } from "../http/body";
import { ApiError } from "../http/errors";
import {
  closeDomainRuntime,
  serveDomainRequest,
  type DeployedEnvironment,
  type DeployedFile,
  type FunctionLog,
} from "../runtime";
import { newSid, SID_PREFIX } from "./sids";
import type { BuildRecord, EnvironmentRecord } from "../store/records";
import type { Store } from "../store/store";

export interface DomainTarget {
  domain: string;
  /** Path on the domain, e.g. "/hello". */
  path: string;
}

const PATH_PREFIX = "/_domains/";

function hostname(host: string | undefined): string {
  if (!host) return "";
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  if (bracketed) return bracketed[1].toLowerCase();
  return host.replace(/:\d+$/, "").toLowerCase();
}

/** The domain a request is for, or undefined when it is an API request. */
export function domainTarget(
  host: string | undefined,
  path: string,
  isDeployedDomain: (domain: string) => boolean,
): DomainTarget | undefined {
  if (path.startsWith(PATH_PREFIX)) {
    const rest = path.slice(PATH_PREFIX.length);
    const slash = rest.indexOf("/");
    return {
      domain: (slash < 0 ? rest : rest.slice(0, slash)).toLowerCase(),
      path: slash < 0 ? "/" : rest.slice(slash),
    };
  }
  const name = hostname(host);
  if (name.endsWith(".localhost")) return { domain: name.slice(0, -".localhost".length), path };
  if (name.endsWith(".twil.io") || isDeployedDomain(name)) return { domain: name, path };
  return undefined;
}

/** Lets the runtime drop what it keeps for environments that are gone or no longer served. */
export function releaseEnvironments(environmentSids: string[]): Promise<void> {
  return closeDomainRuntime(environmentSids);
}

export function findEnvironmentByDomain(store: Store, domain: string): EnvironmentRecord | undefined {
  return store.find("environments", (environment) => environment.domainName === domain);
}

/** Builds are immutable, so their file list is made once: the runtime may key its caches by these objects. */
const filesByBuild = new WeakMap<Store, Map<string, DeployedFile[]>>();

function deployedFiles(store: Store, build: BuildRecord): DeployedFile[] {
  let cache = filesByBuild.get(store);
  if (!cache) filesByBuild.set(store, (cache = new Map()));
  let files = cache.get(build.sid);
  if (!files) {
    files = [...build.functionVersions, ...build.assetVersions].flatMap((sid) => {
      const version = store.get("versions", sid);
      if (!version) return [];
      const file: DeployedFile = {
        kind: version.kind,
        sid: version.fileSid,
        versionSid: version.sid,
        path: version.path,
        visibility: version.visibility,
        readContent: () => store.content.read(version.contentSha256),
      };
      return [file];
    });
    cache.set(build.sid, files);
  }
  return files;
}

/** Everything the runtime needs about what an environment serves, or undefined if nothing. */
export function deployedEnvironment(
  core: EmulatorCore,
  environment: EnvironmentRecord,
): DeployedEnvironment | undefined {
  const { store } = core;
  const build = environment.buildSid ? store.get("builds", environment.buildSid) : undefined;
  const service = store.get("services", environment.serviceSid);
  if (!build || !service) return undefined;
  const files = deployedFiles(store, build);
  const variables = Object.fromEntries(
    store
      .list("variables", (variable) => variable.environmentSid === environment.sid)
      .map((variable) => [variable.key, variable.value]),
  );
  const deployments = store.list("deployments", (deployment) => deployment.environmentSid === environment.sid);
  return {
    accountSid: environment.accountSid,
    authToken: core.options.credentials.authToken,
    serviceSid: service.sid,
    serviceUniqueName: service.uniqueName,
    environmentSid: environment.sid,
    buildSid: build.sid,
    deploymentSid: deployments.length ? deployments[deployments.length - 1].sid : "",
    domainName: environment.domainName,
    files,
    variables,
    includeCredentials: service.includeCredentials,
    nodeModules: core.dependencies.nodeModulesFor(build.dependencies),
  };
}

type LogEntry = Partial<FunctionLog> & Pick<FunctionLog, "level" | "message">;

function recordLog(core: EmulatorCore, deployed: DeployedEnvironment, log: LogEntry): void {
  core.store.insert("logs", {
    sid: newSid(SID_PREFIX.log),
    accountSid: deployed.accountSid,
    serviceSid: deployed.serviceSid,
    environmentSid: deployed.environmentSid,
    buildSid: deployed.buildSid,
    deploymentSid: deployed.deploymentSid || null,
    functionSid: log.functionSid ?? null,
    requestSid: log.requestSid ?? null,
    level: log.level,
    message: log.message,
  });
  core.store
    .commit()
    .catch((error: unknown) => console.error("twilio-serverless-emulator: could not persist a log:", error));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

export async function serveDomain(
  core: EmulatorCore,
  req: IncomingMessage,
  res: ServerResponse,
  target: DomainTarget,
  query: string,
): Promise<void> {
  const environment = findEnvironmentByDomain(core.store, target.domain);
  const deployed = environment && deployedEnvironment(core, environment);
  if (!deployed) {
    sendText(res, 404, `Not Found: nothing is deployed at ${target.domain}\n`);
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, core.options.limits.domainBodyBytes);
  } catch (error) {
    if (error instanceof ApiError) sendText(res, error.status, `${error.message}\n`);
    else throw error;
    return;
  }
  const request = { method: req.method ?? "GET", path: target.path, query, headers: { ...req.headers }, body };
  try {
    const response = await serveDomainRequest(deployed, request, (log) => recordLog(core, deployed, log));
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  } catch (error) {
    // A runtime failure is the function's 500, and shows in the environment's Logs like on Twilio.
    const invoked = deployed.files.find((file) => file.kind === "function" && file.path === target.path);
    const message = error instanceof Error ? error.message : String(error);
    recordLog(core, deployed, {
      level: "error",
      message,
      functionSid: invoked?.sid,
      requestSid: newSid(SID_PREFIX.request),
    });
    if (!res.headersSent) sendText(res, 500, `Internal Server Error: ${message}\n`);
    else res.destroy();
  }
}
