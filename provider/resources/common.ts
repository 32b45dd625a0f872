/**
 * The dynamic resources' provider module and base class. Loads @pulumi/pulumi: the operations'
 * shared code is SDK-free in ../operations/common.ts (re-exported here for existing importers).
 */
import { CustomResource, type CustomResourceOptions, type Inputs } from "../sdk";
import { dynamicResourceType } from "./type-token";

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
