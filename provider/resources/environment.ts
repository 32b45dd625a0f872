/** An Environment of a Service (dev, stage, production…): a domain that runs one Build at a time. */
import * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import {
  createEnvironment,
  deleteEnvironment,
  fetchEnvironment,
  findEnvironmentByUniqueName,
} from "../client/api/environments";
import type { EnvironmentResource } from "../client/api/types";
import {
  GONE,
  diffByRules,
  sameValue,
  providerModule,
  DynamicResource,
  type DiffRules,
  type ResourceOperations,
} from "./common";
import { DOMAIN_SUFFIX, ENVIRONMENT_UNIQUE_NAME } from "../rules";
import { InputChecker } from "./validate";

export interface EnvironmentArgs {
  serviceSid: pulumi.Input<string>;
  /** e.g. "dev"; letters, digits, "_" and "-", at most 100. Changing it replaces the Environment. */
  uniqueName: pulumi.Input<string>;
  /** Last part of the domain ("dev" → "<service>-1234-dev.twil.io"); at most 16. Changing it replaces. */
  domainSuffix?: pulumi.Input<string>;
  /** Take over an existing Environment of this uniqueName instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

interface EnvironmentInputs {
  serviceSid: string;
  uniqueName: string;
  domainSuffix?: string;
  adopt: boolean;
}

export interface EnvironmentOutputs extends EnvironmentInputs {
  sid: string;
  domainName: string;
  /** "https://<domainName>" */
  url: string;
  /**
   * The Build the Environment ran when this stack made or adopted it ("" for a new one). Not
   * refreshed: deployments change it outside this resource, so a refresh would show it changed
   * after every deploy. What runs now is the Deployment's (`environmentBuildSid`, drift included).
   */
  buildSid: string;
}

const rules: DiffRules<EnvironmentInputs> = {
  replace: ["serviceSid", "uniqueName", "domainSuffix"],
  update: [],
};

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
    const inputs = { ...news, adopt: news.adopt ?? false } as EnvironmentInputs;
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

export const environmentProviderModule = providerModule("environment", "environmentOperations");

export class Environment extends DynamicResource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly uniqueName: pulumi.Output<string>;
  declare readonly domainSuffix: pulumi.Output<string | undefined>;
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly sid: pulumi.Output<string>;
  declare readonly domainName: pulumi.Output<string>;
  declare readonly url: pulumi.Output<string>;
  /** The Build it ran when this stack made or adopted it; what runs now: the Deployment's `environmentBuildSid`. */
  declare readonly buildSid: pulumi.Output<string>;

  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      environmentProviderModule,
      "Environment",
      name,
      {
        domainSuffix: undefined,
        adopt: undefined,
        ...args,
        sid: undefined,
        domainName: undefined,
        url: undefined,
        buildSid: undefined,
      },
      opts,
    );
  }
}
