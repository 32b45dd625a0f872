/** An Asset: a static file served at a path of every Environment whose Build holds one of its Versions. */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, type ResourceOperations } from "./common";
import {
  ServerlessFileResource,
  fileOperations,
  type ServerlessFileInputs,
  type ServerlessFileOutputs,
} from "./serverless-file";
import type { ArgsOf, OutputPropertiesOf } from "../schema/fields";
import { ASSET } from "../schema/resources";

export type AssetArgs = ArgsOf<typeof ASSET>;

export type AssetInputs = ServerlessFileInputs;
export type AssetOutputs = ServerlessFileOutputs;

export const assetOperations: ResourceOperations<AssetInputs, AssetOutputs> = fileOperations("asset");

export const assetProviderModule = providerModule("asset", "assetOperations");

// Beside what Function has, the schema's contentType (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Asset extends Pick<OutputPropertiesOf<typeof ASSET>, "contentType"> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Asset extends ServerlessFileResource {
  constructor(name: string, args: AssetArgs, opts?: pulumi.CustomResourceOptions) {
    super(assetProviderModule, ASSET, name, args, opts);
  }
}
