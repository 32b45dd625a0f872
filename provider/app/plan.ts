/**
 * Pure decisions of the ServerlessApp component that need no Pulumi: which environment deploys
 * which build (promotion chains), checks of environment names and domain suffixes, and the URLs
 * of what an environment serves.
 */
import { BUILD_SID_PATTERN, DOMAIN_SUFFIX, ENVIRONMENT_UNIQUE_NAME, textProblems } from "../rules";
import { gather, InputProblems } from "./problems";
import type { ScannedEntry } from "./scan";

/** The part of an environment's settings that decides what it deploys and where. */
export interface EnvironmentShape {
  domainSuffix?: string;
  /**
   * Name of another environment to mirror, a Build sid (`ZB…`) to pin, or `{ approved: "<env>" }`
   * for the Build last approved from that environment (`promote`); unset: this app's own build.
   */
  build?: string | { approved: string };
}

export interface PlannedEnvironment {
  name: string;
  /** Undefined for the bare domain (`<service>-1234.twil.io`). */
  domainSuffix?: string;
  /** The environment whose build this one deploys, after it; undefined: see pinnedBuildSid. */
  promotesFrom?: string;
  /** A Build sid this environment stays on whatever the app builds. */
  pinnedBuildSid?: string;
  /** Set for a gated environment: the environment (of this stack or another) its approvals come from. */
  approvedFrom?: string;
  /** Start of the promotion chain: the environment that deploys the app's own build or a pin. */
  chainRoot: string;
}

/**
 * Checks the environments and orders them so that every environment comes after the one it
 * promotes from (declaration order otherwise). Errors name the field and the fix.
 */
export function planEnvironments(environments: Record<string, EnvironmentShape>): PlannedEnvironment[] {
  const names = Object.keys(environments ?? {});
  if (names.length === 0) {
    throw new Error(`environments: declare at least one, e.g. { dev: { domainSuffix: "dev" } }.`);
  }
  const suffixOwners = new Map<string, string>();
  const problems: string[] = [];
  for (const name of names) {
    gather(problems, () => checkEnvironmentName(name));
    const { domainSuffix, build } = environments[name] ?? {};
    gather(problems, () => checkDomainSuffix(name, domainSuffix));
    const domainKey = domainSuffix ? domainSuffix.toLowerCase() : "";
    const owner = suffixOwners.get(domainKey);
    if (owner !== undefined) {
      const what = domainKey === "" ? "the bare domain (no domainSuffix)" : `domainSuffix "${domainSuffix}"`;
      problems.push(
        `environments.${name}: ${what} is already used by environments.${owner}. Give each environment its own domainSuffix.`,
      );
    }
    suffixOwners.set(domainKey, name);
    if (typeof build === "object" && build !== null) {
      gather(problems, () => checkApproval(name, build));
    } else if (build !== undefined && (typeof build !== "string" || !BUILD_SID_PATTERN.test(build))) {
      if (build === name) {
        problems.push(
          `environments.${name}.build: an environment cannot promote from itself. Leave build unset to deploy this app's build.`,
        );
      } else if (!names.includes(build)) {
        problems.push(
          `environments.${name}.build: "${build}" is neither an environment here (known: ${names.join(", ")}) ` +
            `nor a Build sid (ZB followed by 32 hex digits).`,
        );
      }
    }
  }
  if (problems.length > 0) throw new InputProblems(problems);

  const planned = new Map<string, PlannedEnvironment>();
  const visit = (name: string, trail: string[]): PlannedEnvironment => {
    const done = planned.get(name);
    if (done) return done;
    if (trail.includes(name)) {
      const cycle = [...trail.slice(trail.indexOf(name)), name].join(" → ");
      throw new Error(
        `environments: promotion loops (${cycle}). One environment in the chain must deploy this app's build (no build).`,
      );
    }
    const { domainSuffix, build } = environments[name] ?? {};
    const approvedFrom = typeof build === "object" ? build.approved : undefined;
    const pinnedBuildSid = typeof build === "string" && BUILD_SID_PATTERN.test(build) ? build : undefined;
    const promotesFrom = pinnedBuildSid || typeof build !== "string" ? undefined : build;
    const chainRoot = promotesFrom === undefined ? name : visit(promotesFrom, [...trail, name]).chainRoot;
    const plan: PlannedEnvironment = {
      name,
      domainSuffix: domainSuffix || undefined,
      promotesFrom,
      pinnedBuildSid,
      chainRoot,
      ...(approvedFrom !== undefined ? { approvedFrom } : {}),
    };
    planned.set(name, plan);
    return plan;
  };
  names.forEach((name) => visit(name, []));
  return [...planned.values()];
}

/** `{ approved: "<env>" }`: the name of the environment approvals come from (here or in another stack). */
function checkApproval(name: string, build: object): void {
  const field = `environments.${name}.build`;
  const { approved, ...rest } = build as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (typeof approved !== "string" || extra.length > 0) {
    throw new Error(
      `${field} must be { approved: "<environment>" } (the environment promotions come from, e.g. "dev"), ` +
        `got ${JSON.stringify(build)}.`,
    );
  }
  if (approved === name) {
    throw new Error(`${field}: an environment cannot be approved from itself. Name the environment it promotes from.`);
  }
  const problems = textProblems(`${field}.approved`, approved, ENVIRONMENT_UNIQUE_NAME);
  if (problems.length > 0) throw new InputProblems(problems);
}

export interface ServedUrls {
  /** Keyed by path, e.g. { "/hello": "https://app-1234-dev.twil.io/hello" }. */
  functionUrls: Record<string, string>;
  assetUrls: Record<string, string>;
}

/**
 * URLs of the entries reachable over HTTP: public and protected ones (protected need Twilio's
 * signature, which webhooks carry); private entries have no URL.
 */
export function servedUrls(baseUrl: string, entries: readonly ScannedEntry[]): ServedUrls {
  const base = baseUrl.replace(/\/+$/, "");
  const result: ServedUrls = { functionUrls: {}, assetUrls: {} };
  for (const entry of entries) {
    if (entry.visibility === "private") continue;
    const target = entry.kind === "function" ? result.functionUrls : result.assetUrls;
    target[entry.path] = base + encodeURI(entry.path);
  }
  return result;
}

/** An environment's name becomes its Environment's uniqueName: the Environment's words, after `environments:`. */
function checkEnvironmentName(name: string): void {
  const problems = textProblems("the environment name", name, ENVIRONMENT_UNIQUE_NAME).map(
    (problem) => `environments: ${problem}`,
  );
  if (problems.length > 0) throw new InputProblems(problems);
}

function checkDomainSuffix(name: string, suffix: unknown): void {
  if (suffix === undefined || suffix === "") return;
  const field = `environments.${name}.domainSuffix`;
  const problems =
    typeof suffix === "string"
      ? textProblems(field, suffix, DOMAIN_SUFFIX)
      : [`${field} must be a string, got ${typeof suffix}.`];
  if (problems.length > 0) throw new InputProblems(problems);
}
