/** The Environment class of the dynamic path; its operations: ../operations/environment.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { ENVIRONMENT } from "../schema/resources";

export { environmentOperations, type EnvironmentArgs, type EnvironmentOutputs } from "../operations/environment";

export const environmentProviderModule = providerModule("environment", "environmentOperations");

export class Environment extends schemaResource(ENVIRONMENT, environmentProviderModule) {}
