/**
 * A Deployment: which Build an Environment runs. Twilio's Deployments are immutable and cannot
 * be deleted, so this resource stands for "the Environment runs this Build": a new buildSid
 * deploys again (the id stays), and destroy supersedes the Build with an empty Deployment.
 * With `deleteLeftBuilds`, it also deletes the Builds it leaves (see docs/promotion.md).
 */
import { getClient, TwilioApiError, unlessNotFound } from "../client";
import { newest } from "../client/api/common";
import { deleteBuildsNotRunning, sameSet } from "../client/api/builds";
import { createDeployment, listDeployments } from "../client/api/deployments";
import { fetchEnvironment } from "../client/api/environments";
import type { DeploymentResource } from "../client/api/types";
import { GONE, diffByRules, diffRulesOf, sameValue, type ResourceOperations } from "./common";
import { InputChecker } from "./validate";
import { type ArgsOf, type InputsOf, type OutputsOf } from "../schema/fields";
import { DEPLOYMENT } from "../schema/resources";

export type DeploymentArgs = ArgsOf<typeof DEPLOYMENT>;
type DeploymentInputs = InputsOf<typeof DEPLOYMENT>;
export type DeploymentOutputs = OutputsOf<typeof DEPLOYMENT>;

const rules = diffRulesOf<DeploymentInputs>(DEPLOYMENT, {
  // Unset and false, unset and [] are the same (state written before these inputs existed).
  deleteLeftBuilds: (a, b) => !!a === !!b,
  keepBuildSids: sameSet,
});

/** The Builds `olds` answers for that `news` no longer holds. */
function leftBuilds(olds: DeploymentInputs, news?: DeploymentInputs): string[] {
  if (!olds.deleteLeftBuilds) return [];
  const kept = new Set(news ? [news.buildSid, ...(news.keepBuildSids ?? [])] : []);
  return [olds.buildSid, ...(olds.keepBuildSids ?? [])].filter((sid) => !!sid && !kept.has(sid));
}

/**
 * Makes the Environment run `buildSid`. When it already does (a retried or adopted deploy),
 * Twilio refuses a second Deployment of the same Build, and the existing one is taken: asking
 * only then saves a read on every deploy.
 */
async function deploy(inputs: DeploymentInputs): Promise<DeploymentResource> {
  const client = getClient();
  const { serviceSid, environmentSid, buildSid } = inputs;
  try {
    return await createDeployment(client, serviceSid, environmentSid, buildSid);
  } catch (error) {
    if (!isAlreadyDeployed(error)) throw error;
    const deployments = await listDeployments(client, serviceSid, environmentSid);
    const current = newest(deployments.filter((deployment) => deployment.build_sid === buildSid));
    if (!current) throw error;
    return current;
  }
}

/** Twilio's 409 "Environment already has requested deployment". */
function isAlreadyDeployed(error: unknown): boolean {
  return (
    error instanceof TwilioApiError && error.status === 409 && /already has requested deployment/i.test(error.detail)
  );
}

function outputsFrom(inputs: DeploymentInputs, deployment: DeploymentResource): DeploymentOutputs {
  return { ...inputs, deploymentSid: deployment.sid, environmentBuildSid: deployment.build_sid ?? inputs.buildSid };
}

export const deploymentOperations: ResourceOperations<DeploymentInputs, DeploymentOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.sid("serviceSid", "ZS");
    checker.sid("environmentSid", "ZE");
    checker.sid("buildSid", "ZB");
    checker.boolean("deleteLeftBuilds");
    checker.sidList("keepBuildSids", "ZB");
    return { inputs: news as unknown as DeploymentInputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
  },

  async create(inputs) {
    const deployment = await deploy(inputs);
    return { id: deployment.sid, outs: outputsFrom(inputs, deployment) };
  },

  async read(id, props) {
    const environment = await unlessNotFound(() =>
      fetchEnvironment(getClient(), props.serviceSid, props.environmentSid),
    );
    if (!environment) return GONE;
    // What the Environment runs now is what this resource stands for: another Build deployed
    // elsewhere shows as a change of buildSid, which deploys ours again.
    const running = environment.build_sid ?? "";
    return { id, props: { ...props, buildSid: running, environmentBuildSid: running } };
  },

  async update(_id, olds, news) {
    // Only what it keeps changed: the Environment already runs the Build, deploying again is noise.
    const outs = sameValue(olds.buildSid, news.buildSid) ? { ...olds, ...news } : outputsFrom(news, await deploy(news));
    await deleteBuildsNotRunning(getClient(), news.serviceSid, leftBuilds(olds, news));
    return { outs };
  },

  async delete(_id, props) {
    const client = getClient();
    const { serviceSid, environmentSid, buildSid } = props;
    const environment = await unlessNotFound(() => fetchEnvironment(client, serviceSid, environmentSid));
    // Gone with its Environment, or already superseded by another Build: nothing to undo.
    if (environment && environment.build_sid === buildSid) {
      await unlessNotFound(() => createDeployment(client, serviceSid, environmentSid, undefined));
    }
    await deleteBuildsNotRunning(client, serviceSid, leftBuilds(props));
  },
};
