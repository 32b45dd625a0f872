/** The Service class of the dynamic path; its operations: ../operations/service.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, DynamicResource } from "./common";
import type { ServiceArgs } from "../operations/service";
import { registeredProperties, type OutputPropertiesOf } from "../schema/fields";
import { SERVICE } from "../schema/resources";

export { serviceOperations, type ServiceArgs, type ServiceOutputs } from "../operations/service";

export const serviceProviderModule = providerModule("service", "serviceOperations");

// The class's Output properties come from the schema (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Service extends OutputPropertiesOf<typeof SERVICE> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Service extends DynamicResource {
  constructor(name: string, args: ServiceArgs, opts?: pulumi.CustomResourceOptions) {
    super(serviceProviderModule, SERVICE.name, name, registeredProperties(SERVICE, args), opts);
  }
}
