/** The Environment class of the dynamic path; its operations: ../operations/environment.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, DynamicResource } from "./common";
import type { EnvironmentArgs } from "../operations/environment";
import { registeredProperties, type OutputPropertiesOf } from "../schema/fields";
import { ENVIRONMENT } from "../schema/resources";

export { environmentOperations, type EnvironmentArgs, type EnvironmentOutputs } from "../operations/environment";

export const environmentProviderModule = providerModule("environment", "environmentOperations");

// The class's Output properties come from the schema (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Environment extends OutputPropertiesOf<typeof ENVIRONMENT> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Environment extends DynamicResource {
  constructor(name: string, args: EnvironmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(environmentProviderModule, ENVIRONMENT.name, name, registeredProperties(ENVIRONMENT, args), opts);
  }
}
