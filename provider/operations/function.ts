/** A Function's operations (those of serverless-file.ts, of kind "function"). */
import type { ArgsOf } from "../schema/fields";
import type { FUNCTION } from "../schema/resources";
import type { ResourceOperations } from "./common";
import { fileOperations, type ServerlessFileInputs, type ServerlessFileOutputs } from "./serverless-file";

export type FunctionArgs = ArgsOf<typeof FUNCTION>;
export type FunctionInputs = Omit<ServerlessFileInputs, "contentType">;
export type FunctionOutputs = Omit<ServerlessFileOutputs, "contentType">;

export const functionOperations: ResourceOperations<FunctionInputs, FunctionOutputs> = fileOperations("function");
