/**
 * The plugin's resources for TypeScript programs (`pulumi-twilio-serverless/dist/native`): typed
 * wrappers registering `twilio-serverless:index:<Resource>`, which the engine serves with the
 * plugin `pulumi-resource-twilio-serverless` (docs/plugin.md). Args and Output properties come
 * from the schema, as the dynamic classes' do; nothing here runs in the program but registration.
 */
/* eslint-disable @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging -- Output properties merged from the schema */
import * as pulumi from "../sdk";
import { registeredProperties, type ArgsOf, type OutputPropertiesOf, type ResourceSpec } from "../schema/fields";
import { SERVERLESS_APP } from "../schema/objects";
import { PACKAGE_NAME, tokenOf } from "../schema/package";
import type { FileCleanupArgs } from "../resources/file-cleanup";
import type { FileSetArgs } from "../resources/file-set";
import {
  ASSET,
  BUILD,
  DEPLOYMENT,
  ENVIRONMENT,
  FILE_CLEANUP,
  FILE_SET,
  FUNCTION,
  SERVICE,
  SERVICE_REFERENCE,
  VARIABLE,
} from "../schema/resources";
import type { ResourceKinds } from "../app/kinds";
import type {
  AppEnvironmentArgs,
  AppEnvironmentOutputs,
  ServerlessAppArgs as DynamicAppArgs,
} from "../app/serverless-app";

/**
 * The base of each wrapper: registers the spec's token with every declared input and output
 * named, and keeps what the schema declares secret (a Variable's value) secret in and out.
 */
function nativeResource<S extends ResourceSpec, Args extends object = ArgsOf<S>>(
  spec: S,
): new (name: string, args: Args, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource {
  const secrets = Object.entries(spec.inputs)
    .filter(([, field]) => field.secret)
    .map(([field]) => field);
  return class extends pulumi.CustomResource {
    constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
      const props = { ...args } as Record<string, unknown>;
      for (const field of secrets) if (props[field] !== undefined) props[field] = pulumi.secret(props[field]);
      super(tokenOf(spec.name), name, registeredProperties(spec, props), {
        ...opts,
        additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets],
      });
    }
  };
}

// One line pair per kind: the class, and its Output properties merged from the schema.
export interface Service extends OutputPropertiesOf<typeof SERVICE> {}
export class Service extends nativeResource(SERVICE) {}
/** A Service another stack owns, found by unique name; never changed or deleted (ownsService: false). */
export interface ServiceReference extends OutputPropertiesOf<typeof SERVICE_REFERENCE> {}
export class ServiceReference extends nativeResource(SERVICE_REFERENCE) {}
export interface Environment extends OutputPropertiesOf<typeof ENVIRONMENT> {}
export class Environment extends nativeResource(ENVIRONMENT) {}
export interface Variable extends OutputPropertiesOf<typeof VARIABLE> {}
export class Variable extends nativeResource(VARIABLE) {}
export interface Function extends OutputPropertiesOf<typeof FUNCTION> {}
export class Function extends nativeResource(FUNCTION) {}
export interface Asset extends OutputPropertiesOf<typeof ASSET> {}
export class Asset extends nativeResource(ASSET) {}
export interface Build extends OutputPropertiesOf<typeof BUILD> {}
export class Build extends nativeResource(BUILD) {}
export interface Deployment extends OutputPropertiesOf<typeof DEPLOYMENT> {}
export class Deployment extends nativeResource(DEPLOYMENT) {}
export type { FileSetArgs } from "../resources/file-set";
export interface FileSet extends OutputPropertiesOf<typeof FILE_SET> {}
export class FileSet extends nativeResource<typeof FILE_SET, FileSetArgs>(FILE_SET) {}
/** Internal (ServerlessApp's set mode): deletes files a FileSet no longer holds. */
export class FileCleanup extends nativeResource<typeof FILE_CLEANUP, FileCleanupArgs>(FILE_CLEANUP) {}

/** The classes ServerlessApp declares its children with when the plugin constructs it. */
export const NATIVE_KINDS = {
  Service,
  ServiceReference,
  Environment,
  Variable,
  Build,
  Deployment,
  Function,
  Asset,
  FileSet,
  FileCleanup,
} satisfies ResourceKinds;

/** The plugin's configuration, for a provider other than the stack's default (`twilio-serverless:*` config). */
export interface ProviderArgs {
  accountSid?: pulumi.Input<string>;
  authToken?: pulumi.Input<string>;
  apiKey?: pulumi.Input<string>;
  apiSecret?: pulumi.Input<string>;
  apiUrl?: pulumi.Input<string>;
}

export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    super(PACKAGE_NAME, name, { ...args }, opts);
  }
}

// A program moves between the paths by its import alone (`Runtime` types ServerlessApp's `runtime`).
export type { Runtime } from "../rules";

/** ServerlessApp's args on the plugin: what the dynamic component takes, each value an Input. */
export type ServerlessAppArgs = Omit<DynamicAppArgs, "environments"> & {
  environments: Record<string, AppEnvironmentArgs>;
};

/** The component, constructed by the plugin (a multi-language component). */
export class ServerlessApp extends pulumi.ComponentResource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly buildSid: pulumi.Output<string>;
  declare readonly environments: pulumi.Output<Record<string, AppEnvironmentOutputs>>;

  constructor(name: string, args: ServerlessAppArgs, opts?: pulumi.ComponentResourceOptions) {
    const outputs = Object.fromEntries(Object.keys(SERVERLESS_APP.outputs).map((key) => [key, undefined]));
    super(tokenOf(SERVERLESS_APP.name), name, { ...outputs, ...args }, opts, true);
  }
}
