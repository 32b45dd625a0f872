/** An Asset: a static file served at a path of every Environment whose Build holds one of its Versions. */
import * as pulumi from "@pulumi/pulumi";
import { thinProvider, type ResourceOperations } from "./common";
import type { FunctionArgs } from "./function";
import { fileOperations, type ServerlessFileInputs, type ServerlessFileOutputs } from "./serverless-file";

export interface AssetArgs extends FunctionArgs {
  /** MIME type of the content; default from the path's (or source's) extension. A change uploads a new Version. */
  contentType?: pulumi.Input<string>;
}

export type AssetInputs = ServerlessFileInputs;
export type AssetOutputs = ServerlessFileOutputs;

export const assetOperations: ResourceOperations<AssetInputs, AssetOutputs> = fileOperations("Asset");

export const assetProvider = thinProvider("asset", "assetOperations");

export class Asset extends pulumi.dynamic.Resource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly path: pulumi.Output<string>;
  declare readonly visibility: pulumi.Output<"public" | "protected" | "private">;
  declare readonly source: pulumi.Output<string | undefined>;
  declare readonly content: pulumi.Output<string | undefined>;
  declare readonly contentType: pulumi.Output<string>;
  declare readonly sid: pulumi.Output<string>;
  declare readonly latestVersionSid: pulumi.Output<string>;
  /** sha256 (hex) of the uploaded content ("unreadable:ZN…" after a refresh found a Version made elsewhere). */
  declare readonly contentHash: pulumi.Output<string>;

  constructor(name: string, args: AssetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      assetProvider,
      name,
      { visibility: undefined, source: undefined, content: undefined, contentType: undefined, ...args, sid: undefined, latestVersionSid: undefined, contentHash: undefined },
      opts,
      "twilio-serverless",
      "Asset",
    );
  }
}
