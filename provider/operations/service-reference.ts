/**
 * A Service another stack owns, found by its unique name: one stack per environment shares one
 * Service, and only the stack that owns it (a `Service` resource) may change or delete it. This
 * resource never writes: create finds, delete forgets. SDK-free: also the plugin's.
 */
import { getClient, unlessNotFound } from "../client";
import { fetchService, findServiceByUniqueName } from "../client/api/services";
import { SERVICE_UNIQUE_NAME } from "../rules";
import { InputChecker } from "./validate";
import type { ArgsOf, InputsOf, OutputsOf } from "../schema/fields";
import { SERVICE_REFERENCE } from "../schema/resources";
import { GONE, diffByRules, diffRulesOf, type ResourceOperations } from "./common";

export type ServiceReferenceArgs = ArgsOf<typeof SERVICE_REFERENCE>;
type ServiceReferenceInputs = InputsOf<typeof SERVICE_REFERENCE>;
export type ServiceReferenceOutputs = OutputsOf<typeof SERVICE_REFERENCE>;

const rules = diffRulesOf<ServiceReferenceInputs>(SERVICE_REFERENCE);
export const serviceReferenceOperations: ResourceOperations<ServiceReferenceInputs, ServiceReferenceOutputs> = {
  async check(_olds, news) {
    const checker = new InputChecker(news);
    checker.string("uniqueName", { required: true, ...SERVICE_UNIQUE_NAME });
    return { inputs: news as unknown as ServiceReferenceInputs, failures: checker.failures };
  },

  async diff(_id, olds, news) {
    return diffByRules(olds as unknown as Record<string, unknown>, news, rules);
  },

  async create(inputs) {
    const service = await findServiceByUniqueName(getClient(), inputs.uniqueName);
    if (!service) {
      throw new Error(
        `finding Service '${inputs.uniqueName}': the account has no Service of this uniqueName. This stack uses a ` +
          "Service another stack owns (ServerlessApp `ownsService: false`): run `pulumi up` on the owning stack " +
          "first, or check serviceName.",
      );
    }
    return {
      id: service.sid,
      outs: { uniqueName: service.unique_name, sid: service.sid, domainBase: service.domain_base },
    };
  },

  async read(id, props) {
    const service = await unlessNotFound(() => fetchService(getClient(), id));
    if (!service) return GONE;
    return { id, props: { ...props, uniqueName: service.unique_name, domainBase: service.domain_base } };
  },

  async update(_id, olds) {
    return { outs: olds };
  },

  async delete() {
    // Owned by another stack: forgetting it is all this stack may do.
  },
};
