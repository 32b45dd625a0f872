/** The Deployment class of the dynamic path; its operations: ../operations/deployment.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { DEPLOYMENT } from "../schema/resources";

export { deploymentOperations, type DeploymentArgs, type DeploymentOutputs } from "../operations/deployment";

export const deploymentProviderModule = providerModule("deployment", "deploymentOperations");

export class Deployment extends schemaResource(DEPLOYMENT, deploymentProviderModule) {}
