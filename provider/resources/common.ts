/**
 * The dynamic resources' provider module and base class. Loads @pulumi/pulumi: the operations'
 * shared code is SDK-free in ../operations/common.ts (re-exported here for existing importers).
 */
import { CustomResource, secret, type CustomResourceOptions, type Inputs } from "../sdk";
import { dynamicResourceType } from "./type-token";
import { registeredProperties, type ArgsOf, type OutputPropertiesOf, type ResourceSpec } from "../schema/fields";

export * from "../operations/common";

const PROVIDER_METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * The provider module every resource of one type carries in its state (`__provider`). The
 * dynamic-provider host loads it with require-from-string and calls `handler()` for the
 * provider object; that wire format is what every dynamic resource's state already holds, so
 * Pulumi keeps it. We write the text ourselves instead of letting `pulumi.dynamic.Resource` run
 * Pulumi's closure serializer: that costs every program ~0.7 s of CPU (BENCHMARKS.md) and
 * 2.5 KB per resource, twice, in the state. The methods `require` the compiled package at run
 * time, so the text holds no credential or client and picks up fixes when the package is upgraded.
 */
export function providerModule(file: string, operationsExport: string): string {
  const module = JSON.stringify(`pulumi-twilio-serverless/dist/resources/${file}`);
  return [
    "exports.handler = () => {",
    `  const operations = () => require(${module})[${JSON.stringify(operationsExport)}];`,
    "  return {",
    '    configure: async (req) => require("pulumi-twilio-serverless/dist/client/config").configureFromStack(req.config, true),',
    ...PROVIDER_METHODS.map((method) => `    ${method}: (...args) => operations().${method}(...args),`),
    "  };",
    "};",
    "",
  ].join("\n");
}

/**
 * What `pulumi.dynamic.Resource` registers (type `pulumi-nodejs:dynamic/<module>:<Type>`,
 * inputs plus `__provider`), with the provider module text above.
 */
export abstract class DynamicResource extends CustomResource {
  protected constructor(
    providerModuleText: string,
    type: string,
    name: string,
    props: Inputs,
    opts?: CustomResourceOptions,
  ) {
    super(dynamicResourceType(type), name, { ...props, __provider: providerModuleText }, opts);
  }
}

/** The class of a resource declared in the schema: its args and `Output` properties are the schema's. */
export type SchemaResourceClass<S extends ResourceSpec> = new (
  name: string,
  args: ArgsOf<S>,
  opts?: CustomResourceOptions,
) => DynamicResource & OutputPropertiesOf<S>;

/**
 * The base of a schema-declared resource's class (`class Service extends schemaResource(SERVICE,
 * serviceProviderModule) {}`): it registers the declared fields with its provider module, and
 * keeps the fields the schema declares secret secret, input and output.
 */
export function schemaResource<S extends ResourceSpec>(spec: S, moduleText: string): SchemaResourceClass<S> {
  const secrets = Object.keys(spec.inputs).filter((name) => spec.inputs[name].secret);
  class SchemaResource extends DynamicResource {
    constructor(name: string, args: ArgsOf<S>, opts?: CustomResourceOptions) {
      const props: Inputs = registeredProperties(spec, args);
      for (const key of secrets) props[key] = secret(props[key]);
      const secretOpts = secrets.length
        ? { ...opts, additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets] }
        : opts;
      super(moduleText, spec.name, name, props, secretOpts);
    }
  }
  return SchemaResource as unknown as SchemaResourceClass<S>;
}
