/** A Serverless Service: the container of environments, functions, assets and builds. */
import * as pulumi from "@pulumi/pulumi";
import { getClient, unlessNotFound } from "../client";
import {
  createService,
  deleteService,
  fetchService,
  findServiceByUniqueName,
  updateService,
} from "../client/api/services";
import type { ServiceResource } from "../client/api/types";
import { GONE, diffByRules, providerModule, DynamicResource, type DiffRules, type ResourceOperations } from "./common";
import { FRIENDLY_NAME, SERVICE_UNIQUE_NAME } from "../rules";
import { InputChecker } from "./validate";

export interface ServiceArgs {
  /** Permanent name, part of every domain (letters, digits, "-"; at most 50). Changing it replaces the Service. */
  uniqueName: pulumi.Input<string>;
  /** Display name; defaults to uniqueName. */
  friendlyName?: pulumi.Input<string>;
  /** Whether functions get ACCOUNT_SID/AUTH_TOKEN in their context. Default true. */
  includeCredentials?: pulumi.Input<boolean>;
  /** Whether the Twilio Console may edit the Service. Default false. */
  uiEditable?: pulumi.Input<boolean>;
  /** Take over an existing Service of this uniqueName instead of failing. */
  adopt?: pulumi.Input<boolean>;
}

interface ServiceInputs {
  uniqueName: string;
  friendlyName: string;
  includeCredentials: boolean;
  uiEditable: boolean;
  adopt: boolean;
}

export interface ServiceOutputs extends ServiceInputs {
  sid: string;
  /** e.g. "thanos-3432"; an environment's domain is "<domainBase>-<suffix>.twil.io". */
  domainBase: string;
}

const rules: DiffRules<ServiceInputs> = {
  replace: ["uniqueName"],
  update: ["friendlyName", "includeCredentials", "uiEditable"],
};

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
      ...news,
      friendlyName: news.friendlyName ?? news.uniqueName,
      includeCredentials: news.includeCredentials ?? true,
      uiEditable: news.uiEditable ?? false,
      adopt: news.adopt ?? false,
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

export const serviceProviderModule = providerModule("service", "serviceOperations");

export class Service extends DynamicResource {
  declare readonly uniqueName: pulumi.Output<string>;
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly includeCredentials: pulumi.Output<boolean>;
  declare readonly uiEditable: pulumi.Output<boolean>;
  declare readonly adopt: pulumi.Output<boolean>;
  declare readonly sid: pulumi.Output<string>;
  declare readonly domainBase: pulumi.Output<string>;

  constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      serviceProviderModule,
      "Service",
      name,
      {
        friendlyName: undefined,
        includeCredentials: undefined,
        uiEditable: undefined,
        adopt: undefined,
        ...args,
        sid: undefined,
        domainBase: undefined,
      },
      opts,
    );
  }
}
