/** The Asset class of the dynamic path; its operations: ../operations/asset.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule } from "./common";
import { ServerlessFileResource } from "./serverless-file";
import type { AssetArgs } from "../operations/asset";
import type { OutputPropertiesOf } from "../schema/fields";
import { ASSET } from "../schema/resources";

export { assetOperations, type AssetArgs, type AssetInputs, type AssetOutputs } from "../operations/asset";

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
