/** A Function: JavaScript served at a path of every Environment whose Build holds one of its Versions. */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, type ResourceOperations } from "./common";
import {
  ServerlessFileResource,
  fileOperations,
  type ServerlessFileInputs,
  type ServerlessFileOutputs,
} from "./serverless-file";
import type { ArgsOf } from "../schema/fields";
import { FUNCTION } from "../schema/resources";

export type FunctionArgs = ArgsOf<typeof FUNCTION>;

export type FunctionInputs = Omit<ServerlessFileInputs, "contentType">;
export type FunctionOutputs = Omit<ServerlessFileOutputs, "contentType">;

export const functionOperations: ResourceOperations<FunctionInputs, FunctionOutputs> = fileOperations("function");

export const functionProviderModule = providerModule("function", "functionOperations");

export class Function extends ServerlessFileResource {
  constructor(name: string, args: FunctionArgs, opts?: pulumi.CustomResourceOptions) {
    super(functionProviderModule, FUNCTION, name, args, opts);
  }
}
