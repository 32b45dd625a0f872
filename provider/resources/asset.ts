/** An Asset: a static file served at a path of every Environment whose Build holds one of its Versions. */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, type ResourceOperations } from "./common";
import type { FunctionArgs } from "./function";
import {
  ServerlessFileResource,
  fileOperations,
  type ServerlessFileInputs,
  type ServerlessFileOutputs,
} from "./serverless-file";

export interface AssetArgs extends FunctionArgs {
  /** MIME type of the content; default from the path's (or source's) extension. A change uploads a new Version. */
  contentType?: pulumi.Input<string>;
}

export type AssetInputs = ServerlessFileInputs;
export type AssetOutputs = ServerlessFileOutputs;

export const assetOperations: ResourceOperations<AssetInputs, AssetOutputs> = fileOperations("asset");

export const assetProviderModule = providerModule("asset", "assetOperations");

export class Asset extends ServerlessFileResource {
  declare readonly contentType: pulumi.Output<string>;

  constructor(name: string, args: AssetArgs, opts?: pulumi.CustomResourceOptions) {
    super(assetProviderModule, "Asset", name, { contentType: undefined, ...args }, opts);
  }
}
