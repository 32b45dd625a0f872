/** The Build class of the dynamic path; its operations: ../operations/build.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, DynamicResource } from "./common";
import type { BuildArgs } from "../operations/build";
import { registeredProperties, type OutputPropertiesOf } from "../schema/fields";
import { BUILD } from "../schema/resources";

export { buildOperations, TWILIO_DEFAULT_DEPENDENCIES, type BuildArgs, type BuildOutputs } from "../operations/build";

export const buildProviderModule = providerModule("build", "buildOperations");

// The class's Output properties come from the schema (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Build extends OutputPropertiesOf<typeof BUILD> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Build extends DynamicResource {
  constructor(name: string, args: BuildArgs, opts?: pulumi.CustomResourceOptions) {
    super(buildProviderModule, BUILD.name, name, registeredProperties(BUILD, args), opts);
  }
}
