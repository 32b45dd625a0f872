/** A Serverless Service: the container of environments, functions, assets and builds. */
import { getClient, unlessNotFound } from "../client";
import {
  createService,
  deleteService,
  fetchService,
  findServiceByUniqueName,
  updateService,
} from "../client/api/services";
import type { ServiceResource } from "../client/api/types";
import { GONE, diffByRules, diffRulesOf, type ResourceOperations } from "./common";
import { FRIENDLY_NAME, SERVICE_UNIQUE_NAME } from "../rules";
import { InputChecker } from "./validate";
import { withDefaults, type ArgsOf, type InputsOf, type OutputsOf } from "../schema/fields";
import { SERVICE } from "../schema/resources";

export type ServiceArgs = ArgsOf<typeof SERVICE>;
type ServiceInputs = InputsOf<typeof SERVICE>;
export type ServiceOutputs = OutputsOf<typeof SERVICE>;

const rules = diffRulesOf<ServiceInputs>(SERVICE);

function outputsFrom(service: ServiceResource, inputs: ServiceInputs): ServiceOutputs {
  return {
    ...inputs,
    uniqueName: service.unique_name,
    friendlyName: service.friendly_name,
    includeCredentials: service.include_credentials,
    uiEditable: service.ui_editable,
    sid: service.sid,
    domainBase: service.domain_base,
  };
}

function settingsOf(inputs: ServiceInputs) {
  return {
    friendlyName: inputs.friendlyName,
    includeCredentials: inputs.includeCredentials,
    uiEditable: inputs.uiEditable,
  };
}

function differsFrom(service: ServiceResource, inputs: ServiceInputs): boolean {
  return (
    service.friendly_name !== inputs.friendlyName ||
    service.include_credentials !== inputs.includeCredentials ||
    service.ui_editable !== inputs.uiEditable
  );
}

export const serviceOperations: ResourceOperations<ServiceInputs, ServiceOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.string("uniqueName", { required: true, ...SERVICE_UNIQUE_NAME });
    checker.string("friendlyName", FRIENDLY_NAME);
    checker.boolean("includeCredentials");
    checker.boolean("uiEditable");
    checker.boolean("adopt");
    const inputs = {
      ...withDefaults(SERVICE, news),
      friendlyName: news.friendlyName ?? news.uniqueName,
    } as ServiceInputs;
    return { inputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
  },

  async create(inputs) {
    const client = getClient();
    const existing = await findServiceByUniqueName(client, inputs.uniqueName);
    let service: ServiceResource;
    if (existing) {
      if (!inputs.adopt) {
        throw new Error(
          `creating Service '${inputs.uniqueName}': a Service with this uniqueName already exists (${existing.sid}). ` +
            "To manage it with this stack (also when an interrupted `pulumi up` of this stack made it), set `adopt: true` " +
            "on the Service (ServerlessApp: `adopt: true`); or choose another uniqueName.",
        );
      }
      service = differsFrom(existing, inputs)
        ? await updateService(client, existing.sid, settingsOf(inputs))
        : existing;
    } else {
      service = await createService(client, inputs.uniqueName, settingsOf(inputs));
    }
    return { id: service.sid, outs: outputsFrom(service, inputs) };
  },

  async read(id, props) {
    const service = await unlessNotFound(() => fetchService(getClient(), id));
    if (!service) return GONE;
    return { id, props: outputsFrom(service, props) };
  },

  async update(id, _olds, news) {
    const service = await updateService(getClient(), id, settingsOf(news));
    return { outs: outputsFrom(service, news) };
  },

  async delete(id) {
    await unlessNotFound(() => deleteService(getClient(), id));
  },
};
