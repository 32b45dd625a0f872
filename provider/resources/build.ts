/** The Build class of the dynamic path; its operations: ../operations/build.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { BUILD } from "../schema/resources";

export { buildOperations, TWILIO_DEFAULT_DEPENDENCIES, type BuildArgs, type BuildOutputs } from "../operations/build";

export const buildProviderModule = providerModule("build", "buildOperations");

export class Build extends schemaResource(BUILD, buildProviderModule) {}
