/** The Function class of the dynamic path; its operations: ../operations/function.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule } from "./common";
import { ServerlessFileResource } from "./serverless-file";
import type { FunctionArgs } from "../operations/function";
import { FUNCTION } from "../schema/resources";

export {
  functionOperations,
  type FunctionArgs,
  type FunctionInputs,
  type FunctionOutputs,
} from "../operations/function";

export const functionProviderModule = providerModule("function", "functionOperations");

export class Function extends ServerlessFileResource {
  constructor(name: string, args: FunctionArgs, opts?: pulumi.CustomResourceOptions) {
    super(functionProviderModule, FUNCTION, name, args, opts);
  }
}
