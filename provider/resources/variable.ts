/**
 * The Variable class of the dynamic path; its operations: ../operations/variable.ts (SDK-free, also
 * the plugin's). Its value is secret in state, input and output (the schema declares it secret).
 */
import { providerModule, schemaResource } from "./common";
import { VARIABLE } from "../schema/resources";

export { variableOperations, type VariableArgs, type VariableOutputs } from "../operations/variable";

export const variableProviderModule = providerModule("variable", "variableOperations");

export class Variable extends schemaResource(VARIABLE, variableProviderModule) {}
