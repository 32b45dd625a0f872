/**
 * A Service another stack owns, found by its unique name: one stack per environment shares one
 * Service, and only the stack that owns it (a `Service` resource) may change or delete it. This
 * resource never writes: create finds, delete forgets.
 */
import type * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import { fetchService, findServiceByUniqueName } from "../client/api/services";
import { SERVICE_UNIQUE_NAME } from "../rules";
import {
  registeredProperties,
  type ArgsOf,
  type InputsOf,
  type OutputPropertiesOf,
  type OutputsOf,
} from "../schema/fields";
import { SERVICE_REFERENCE } from "../schema/resources";
import { GONE, diffByRules, diffRulesOf, providerModule, DynamicResource, type ResourceOperations } from "./common";
import { InputChecker } from "./validate";

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

export const serviceReferenceProviderModule = providerModule("service-reference", "serviceReferenceOperations");

// The class's Output properties come from the schema (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ServiceReference extends OutputPropertiesOf<typeof SERVICE_REFERENCE> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class ServiceReference extends DynamicResource {
  constructor(name: string, args: ServiceReferenceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serviceReferenceProviderModule,
      SERVICE_REFERENCE.name,
      name,
      registeredProperties(SERVICE_REFERENCE, args),
      opts,
    );
  }
}
