/** An Asset's operations (those of serverless-file.ts, of kind "asset"). */
import type { ArgsOf } from "../schema/fields";
import type { ASSET } from "../schema/resources";
import type { ResourceOperations } from "./common";
import { fileOperations, type ServerlessFileInputs, type ServerlessFileOutputs } from "./serverless-file";

export type AssetArgs = ArgsOf<typeof ASSET>;
export type AssetInputs = ServerlessFileInputs;
export type AssetOutputs = ServerlessFileOutputs;

export const assetOperations: ResourceOperations<AssetInputs, AssetOutputs> = fileOperations("asset");
