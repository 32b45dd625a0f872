/** The Asset class of the dynamic path; its operations: ../operations/asset.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { ASSET } from "../schema/resources";

export { assetOperations, type AssetArgs, type AssetInputs, type AssetOutputs } from "../operations/asset";

export const assetProviderModule = providerModule("asset", "assetOperations");

export class Asset extends schemaResource(ASSET, assetProviderModule) {}
