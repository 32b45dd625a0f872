/**
 * A Build: Function and Asset Versions, dependencies and a runtime packaged for deployment.
 * Immutable in Twilio, so any change replaces it (the new one is made before the old one goes).
 */
import { buildPollIntervalMs, getClient, unlessNotFound } from "../client";
import {
  createBuild,
  deleteBuild,
  deleteBuildsNotRunning,
  fetchBuild,
  fetchBuildStatus,
  isBuildOf,
  listBuilds,
  runningBuilds,
  sameSet,
  userDependencies,
  versionSids,
  type BuildSpec,
} from "../client/api/builds";
import { newest } from "../client/api/common";
import { sleep } from "../client/retry";
import { debugLog } from "../debug";
import type { BuildResource, BuildStatusResource } from "../client/api/types";
import {
  buildCountProblems,
  DEFAULT_RUNTIME,
  dependencyProblems,
  runtimeHandlerProblem,
  runtimeProblem,
} from "../rules";
import { GONE, cleanupAfter, diffByRules, diffRulesOf, isUnknown, sameValue, type ResourceOperations } from "./common";
import { dependencyThatCannotInstall, functionThatDoesNotCompile } from "./build-diagnosis";
import { InputChecker } from "./validate";
import { withDefaults, type ArgsOf, type InputsOf, type OutputsOf } from "../schema/fields";
import { BUILD } from "../schema/resources";
import { vanishedVersionError } from "./retention";

export type BuildArgs = ArgsOf<typeof BUILD>;
type BuildInputs = InputsOf<typeof BUILD>;
export type BuildOutputs = OutputsOf<typeof BUILD>;

export { TWILIO_DEFAULT_DEPENDENCIES } from "../rules";

const rules = diffRulesOf<BuildInputs>(BUILD, { functionVersions: sameSet, assetVersions: sameSet });

/** Twilio's version list, in the order already stored when the set is the same (Twilio does not keep order). */
function stableOrder(fromTwilio: string[], stored: string[]): string[] {
  return sameSet(fromTwilio, stored) ? stored : fromTwilio;
}

function outputsFrom(build: BuildResource, props: BuildInputs, status: string): BuildOutputs {
  return {
    ...props,
    functionVersions: stableOrder(versionSids(build.function_versions), props.functionVersions ?? []),
    assetVersions: stableOrder(versionSids(build.asset_versions), props.assetVersions ?? []),
    dependencies: userDependencies(build.dependencies, props.dependencies ?? {}),
    // Twilio's word for what the Build runs: a refreshed Build made elsewhere may name a runtime outside RUNTIMES.
    runtime: (build.runtime || props.runtime) as BuildOutputs["runtime"],
    sid: build.sid,
    status,
  };
}

function specOf(inputs: BuildInputs): BuildSpec {
  return {
    functionVersions: inputs.functionVersions,
    assetVersions: inputs.assetVersions,
    dependencies: Object.entries(inputs.dependencies).map(([name, version]) => ({ name, version })),
    runtime: inputs.runtime,
  };
}

/** Twilio's reason for a failed build, from whichever reason field it sent, if any. */
function reasonIn(resource: BuildStatusResource | BuildResource): string | undefined {
  const record = resource as unknown as Record<string, unknown>;
  for (const key of ["message", "error", "reason", "failure", "error_message", "failure_reason"]) {
    if (typeof record[key] === "string" && record[key]) return record[key];
  }
  return undefined;
}

async function failureReason(
  serviceSid: string,
  sid: string,
  status: BuildStatusResource,
  declared: Record<string, string>,
): Promise<string> {
  const fromStatus = reasonIn(status);
  if (fromStatus) return fromStatus;
  const client = getClient();
  const build = await fetchBuild(client, serviceSid, sid).catch(() => undefined);
  const diagnosis =
    build &&
    (reasonIn(build) ??
      (await functionThatDoesNotCompile(client, serviceSid, build).catch(() => undefined)) ??
      (await dependencyThatCannotInstall(declared).catch(() => undefined)));
  return diagnosis ?? "Twilio reported status 'failed' without a reason; see the Build's logs in the Twilio Console";
}

/**
 * A Build that an interrupted `pulumi up` made and never recorded: exactly these inputs, not
 * failed, and run by no Environment. Its versions are this stack's own, so taking it over is
 * what the interrupted create would have done; making another would leave it behind.
 */
async function findUnrecordedBuild(inputs: BuildInputs): Promise<BuildResource | undefined> {
  const client = getClient();
  const matching = (await listBuilds(client, inputs.serviceSid)).filter(
    (build) => build.status !== "failed" && isBuildOf(build, specOf(inputs)),
  );
  if (matching.length === 0) return undefined;
  const running = await runningBuilds(client, inputs.serviceSid);
  return newest(matching.filter((build) => !running.has(build.sid)));
}

const log = debugLog("build");

/**
 * Polls /Status until the build is done. Each wait is a quarter of the time spent so far, kept
 * between a quarter of the interval and the interval (about a second, as Twilio asks): the build
 * is seen done at most a quarter of its own time (or one interval) after it is, and a slow one is
 * polled about once per interval. (Doubling waits of 250/500/1000 ms could see a build that ends
 * just after 1 s only a second later.)
 */
async function waitForBuild(
  serviceSid: string,
  sid: string,
  timeoutSeconds: number,
  declared: Record<string, string>,
): Promise<string> {
  const client = getClient();
  const interval = buildPollIntervalMs();
  const started = Date.now();
  const deadline = started + timeoutSeconds * 1000;
  const shortest = Math.max(1, Math.round(interval / 4));
  for (let poll = 1; ; poll++) {
    const status = await fetchBuildStatus(client, serviceSid, sid);
    log("Build %s: %s after %d ms (poll %d)", sid, status.status, Date.now() - started, poll);
    if (status.status === "completed") return status.status;
    if (status.status === "failed") {
      throw new Error(
        `Build ${sid} of Service ${serviceSid} failed: ${await failureReason(serviceSid, sid, status, declared)}`,
      );
    }
    const delay = Math.min(interval, Math.max(shortest, Math.round((Date.now() - started) / 4)));
    if (Date.now() + delay > deadline) {
      throw new Error(
        `Build ${sid} of Service ${serviceSid} was still '${status.status}' after ${timeoutSeconds} s; ` +
          "raise timeoutSeconds on the Build if Twilio is just slow.",
      );
    }
    await sleep(delay);
  }
}

export const buildOperations: ResourceOperations<BuildInputs, BuildOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.sid("serviceSid", "ZS");
    checker.sidList("functionVersions", "ZN");
    checker.sidList("assetVersions", "ZN");
    if (checker.has("runtime") && !isUnknown(news.runtime)) {
      const problem = runtimeProblem("runtime", news.runtime);
      if (problem) checker.fail("runtime", problem);
    }
    checker.number("timeoutSeconds", 1, 3600);
    const { functionVersions, assetVersions, dependencies } = news;
    const isEmpty = (list: unknown) =>
      list === undefined || list === null || (Array.isArray(list) && list.length === 0);
    if (isEmpty(functionVersions) && isEmpty(assetVersions)) {
      checker.fail(
        "functionVersions",
        "a Build needs at least one Function or Asset Version: set functionVersions or assetVersions.",
      );
    }
    if (
      dependencies !== undefined &&
      (typeof dependencies !== "object" || dependencies === null || Array.isArray(dependencies))
    ) {
      checker.fail("dependencies", 'dependencies must be an object of name → version, e.g. { "axios": "1.7.2" }.');
    } else if (dependencies) {
      // The failure's property names the field: the sentences name only the package.
      for (const problem of dependencyProblems(dependencies as Record<string, unknown>))
        checker.fail("dependencies", problem);
      const handler = runtimeHandlerProblem(news.runtime ?? DEFAULT_RUNTIME, dependencies as Record<string, unknown>);
      if (handler) checker.fail("dependencies", handler);
    }
    for (const [field, kind] of [
      ["functionVersions", "function"],
      ["assetVersions", "asset"],
    ] as const) {
      const sids = news[field];
      if (!Array.isArray(sids)) continue;
      const members = sids.map((sid, index) => ({
        kind,
        label: `${field}[${index}] (${isUnknown(sid) ? "unknown yet" : sid})`,
      }));
      const fix = (extra: number) => `Remove ${extra} from ${field}, or split them between two Services.`;
      for (const problem of buildCountProblems(members, fix)) checker.fail(field, problem);
    }
    const inputs = withDefaults(BUILD, news) as BuildInputs;
    return { inputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    // timeoutSeconds is ours, not Twilio's: it never makes a change. Replacements are create-before-delete.
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules, () => false);
  },

  async create(inputs) {
    const client = getClient();
    const build =
      (await findUnrecordedBuild(inputs)) ??
      (await createBuild(client, inputs.serviceSid, specOf(inputs)).catch((error) => {
        // A Version deleted by Twilio's retention (no Build held it for days): say so, and how to repair.
        throw vanishedVersionError(error, [...inputs.functionVersions, ...inputs.assetVersions]) ?? error;
      }));
    try {
      // The create's answer already lists the versions and dependencies: only the status moves.
      const status = await waitForBuild(inputs.serviceSid, build.sid, inputs.timeoutSeconds, inputs.dependencies);
      return { id: build.sid, outs: outputsFrom(build, inputs, status) };
    } catch (error) {
      // A failed or stuck build cannot be used; do not leave it behind unknown to Pulumi.
      return cleanupAfter(error, () => deleteBuild(client, inputs.serviceSid, build.sid));
    }
  },

  async read(id, props) {
    const build = await unlessNotFound(() => fetchBuild(getClient(), props.serviceSid, id));
    if (!build) return GONE;
    return { id, props: outputsFrom(build, props, build.status) };
  },

  async update(_id, olds, news) {
    // Only timeoutSeconds can differ without a replacement.
    return {
      outs: sameValue(olds.timeoutSeconds, news.timeoutSeconds)
        ? olds
        : { ...olds, timeoutSeconds: news.timeoutSeconds },
    };
  },

  async delete(id, props) {
    // An environment still runs it (pinned, approved, or another stack's): it stays in Twilio and
    // the stack stops tracking it; the Deployment that leaves it later deletes it (deployment.ts).
    await deleteBuildsNotRunning(getClient(), props.serviceSid, [id]);
  },
};
