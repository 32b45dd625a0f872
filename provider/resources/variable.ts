/** The Variable class of the dynamic path; its operations: ../operations/variable.ts (SDK-free, also the plugin's). */
import * as pulumi from "../sdk";
import { providerModule, DynamicResource } from "./common";
import type { VariableArgs } from "../operations/variable";
import { registeredProperties, type OutputPropertiesOf } from "../schema/fields";
import { VARIABLE } from "../schema/resources";

export { variableOperations, type VariableArgs, type VariableOutputs } from "../operations/variable";

export const variableProviderModule = providerModule("variable", "variableOperations");

// The class's Output properties come from the schema (declaration merging, not a second list).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface Variable extends OutputPropertiesOf<typeof VARIABLE> {}
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Variable extends DynamicResource {
  constructor(name: string, args: VariableArgs, opts?: pulumi.CustomResourceOptions) {
    const secretOutputs = [...(opts?.additionalSecretOutputs ?? []), "value"];
    super(
      variableProviderModule,
      VARIABLE.name,
      name,
      // The input is made secret too, so state never holds the value in plain text.
      { ...registeredProperties(VARIABLE, args), value: pulumi.secret(args.value) },
      { ...opts, additionalSecretOutputs: secretOutputs },
    );
  }
}
