/**
 * The base class of Function and Asset on the dynamic path; their operations:
 * ../operations/serverless-file.ts (SDK-free, also the plugin's).
 */
import type * as pulumi from "@pulumi/pulumi";
import { DynamicResource } from "./common";
import { registeredProperties, type OutputPropertiesOf } from "../schema/fields";
import type { ASSET, FUNCTION } from "../schema/resources";

export { fileOperations, type ServerlessFileInputs, type ServerlessFileOutputs } from "../operations/serverless-file";

/** The Function and Asset classes; their Output properties come from the schema (resources.ts). */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export abstract class ServerlessFileResource extends DynamicResource {
  protected constructor(
    providerModuleText: string,
    spec: typeof FUNCTION | typeof ASSET,
    name: string,
    args: object,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(providerModuleText, spec.name, name, registeredProperties(spec, args), opts);
  }
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface ServerlessFileResource extends OutputPropertiesOf<typeof FUNCTION> {}
