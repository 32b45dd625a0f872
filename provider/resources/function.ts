/** The Function class of the dynamic path; its operations: ../operations/function.ts (SDK-free, also the plugin's). */
import { providerModule, schemaResource } from "./common";
import { FUNCTION } from "../schema/resources";

export {
  functionOperations,
  type FunctionArgs,
  type FunctionInputs,
  type FunctionOutputs,
} from "../operations/function";

export const functionProviderModule = providerModule("function", "functionOperations");

export class Function extends schemaResource(FUNCTION, functionProviderModule) {}
