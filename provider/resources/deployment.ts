/** The Deployment class of the dynamic path; its operations: ../operations/deployment.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, DynamicResource } from "./common";
import type { DeploymentArgs } from "../operations/deployment";
import { registeredProperties, type OutputPropertiesOf } from "../schema/fields";
import { DEPLOYMENT } from "../schema/resources";

export { deploymentOperations, type DeploymentArgs, type DeploymentOutputs } from "../operations/deployment";

export const deploymentProviderModule = providerModule("deployment", "deploymentOperations");

// The class's Output properties come from the schema (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Deployment extends OutputPropertiesOf<typeof DEPLOYMENT> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Deployment extends DynamicResource {
  constructor(name: string, args: DeploymentArgs, opts?: pulumi.CustomResourceOptions) {
    super(deploymentProviderModule, DEPLOYMENT.name, name, registeredProperties(DEPLOYMENT, args), opts);
  }
}
