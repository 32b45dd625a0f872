/** An Environment of a Service (dev, stage, production…): a domain that runs one Build at a time. */
import { getClient, unlessNotFound } from "../client";
import {
  createEnvironment,
  deleteEnvironment,
  fetchEnvironment,
  findEnvironmentByUniqueName,
} from "../client/api/environments";
import type { EnvironmentResource } from "../client/api/types";
import { GONE, diffByRules, diffRulesOf, sameValue, type ResourceOperations } from "./common";
import { DOMAIN_SUFFIX, ENVIRONMENT_UNIQUE_NAME } from "../rules";
import { InputChecker } from "./validate";
import { withDefaults, type ArgsOf, type InputsOf, type OutputsOf } from "../schema/fields";
import { ENVIRONMENT } from "../schema/resources";

export type EnvironmentArgs = ArgsOf<typeof ENVIRONMENT>;
type EnvironmentInputs = InputsOf<typeof ENVIRONMENT>;
export type EnvironmentOutputs = OutputsOf<typeof ENVIRONMENT>;

const rules = diffRulesOf<EnvironmentInputs>(ENVIRONMENT);

function outputsFrom(environment: EnvironmentResource, inputs: EnvironmentInputs): EnvironmentOutputs {
  const outputs: EnvironmentOutputs = {
    ...inputs,
    serviceSid: environment.service_sid || inputs.serviceSid,
    uniqueName: environment.unique_name,
    sid: environment.sid,
    domainName: environment.domain_name,
    url: `https://${environment.domain_name}`,
    buildSid: environment.build_sid ?? "",
  };
  if (environment.domain_suffix) outputs.domainSuffix = environment.domain_suffix;
  else delete outputs.domainSuffix;
  return outputs;
}

/**
 * A replacement in the same Service that keeps the uniqueName or domainSuffix would clash with
 * the old Environment, so that one must go first.
 */
function mustDeleteFirst(olds: EnvironmentOutputs, news: EnvironmentInputs): boolean {
  if (
    !sameValue(olds.serviceSid, news.serviceSid) &&
    typeof news.serviceSid === "string" &&
    news.serviceSid.startsWith("ZS")
  ) {
    return false;
  }
  return (
    sameValue(olds.uniqueName, news.uniqueName) ||
    (!!news.domainSuffix && sameValue(olds.domainSuffix, news.domainSuffix))
  );
}

export const environmentOperations: ResourceOperations<EnvironmentInputs, EnvironmentOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.sid("serviceSid", "ZS");
    checker.string("uniqueName", { required: true, ...ENVIRONMENT_UNIQUE_NAME });
    checker.string("domainSuffix", DOMAIN_SUFFIX);
    checker.boolean("adopt");
    const inputs = withDefaults(ENVIRONMENT, news) as EnvironmentInputs;
    if (inputs.domainSuffix === "") delete inputs.domainSuffix;
    return { inputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules, () => mustDeleteFirst(olds, news));
  },

  async create(inputs) {
    const client = getClient();
    const { serviceSid, uniqueName, domainSuffix } = inputs;
    const existing = await findEnvironmentByUniqueName(client, serviceSid, uniqueName);
    if (existing) {
      const where = `Environment '${uniqueName}' of Service ${serviceSid}`;
      if (!inputs.adopt) {
        throw new Error(
          `creating ${where}: it already exists (${existing.sid}). To manage it with this stack (also when an ` +
            "interrupted `pulumi up` of this stack made it), set `adopt: true` on the Environment (ServerlessApp: `adopt: true`); " +
            "or choose another uniqueName.",
        );
      }
      if (domainSuffix && !sameValue(existing.domain_suffix, domainSuffix)) {
        throw new Error(
          `adopting ${where}: it has domainSuffix "${existing.domain_suffix ?? ""}", not "${domainSuffix}" ` +
            "(Twilio cannot change it). Set domainSuffix to the existing value, or remove the Environment first.",
        );
      }
      return { id: existing.sid, outs: outputsFrom(existing, inputs) };
    }
    const environment = await createEnvironment(client, serviceSid, uniqueName, domainSuffix);
    return { id: environment.sid, outs: outputsFrom(environment, inputs) };
  },

  async read(id, props) {
    const environment = await unlessNotFound(() => fetchEnvironment(getClient(), props.serviceSid, id));
    if (!environment) return GONE;
    const outputs = outputsFrom(environment, props);
    return { id, props: { ...outputs, buildSid: props.buildSid ?? outputs.buildSid } };
  },

  async update(_id, olds, news) {
    // Every Twilio field replaces; only `adopt` (create-time behaviour) can land here.
    return { outs: { ...olds, adopt: news.adopt } };
  },

  async delete(id, props) {
    await unlessNotFound(() => deleteEnvironment(getClient(), props.serviceSid, id));
  },
};
