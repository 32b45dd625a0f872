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
import {
  ASSET,
  BUILD,
  DEPLOYMENT,
  ENVIRONMENT,
  FILE_CLEANUP,
  FILE_SET,
  FUNCTION,
  SERVICE,
  VARIABLE,
} from "../schema/resources";
import type { ResourceKinds } from "../app/kinds";
import type {
  AppEnvironmentArgs,
  AppEnvironmentOutputs,
  ServerlessAppArgs as DynamicAppArgs,
} from "../app/serverless-app";

abstract class NativeResource extends pulumi.CustomResource {
  protected constructor(spec: ResourceSpec, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
    const secrets = Object.entries(spec.inputs)
      .filter(([, field]) => field.secret)
      .map(([field]) => field);
    super(tokenOf(spec.name), name, registeredProperties(spec, args), {
      ...opts,
      additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...secrets],
    });
  }
}

export interface Service extends OutputPropertiesOf<typeof SERVICE> {}
export class Service extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof SERVICE>, opts?: pulumi.CustomResourceOptions) {
    super(SERVICE, name, args, opts);
  }
}

export interface Environment extends OutputPropertiesOf<typeof ENVIRONMENT> {}
export class Environment extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof ENVIRONMENT>, opts?: pulumi.CustomResourceOptions) {
    super(ENVIRONMENT, name, args, opts);
  }
}

export interface Variable extends OutputPropertiesOf<typeof VARIABLE> {}
export class Variable extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof VARIABLE>, opts?: pulumi.CustomResourceOptions) {
    super(VARIABLE, name, { ...args, value: pulumi.secret(args.value) }, opts);
  }
}

export interface Function extends OutputPropertiesOf<typeof FUNCTION> {}
export class Function extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof FUNCTION>, opts?: pulumi.CustomResourceOptions) {
    super(FUNCTION, name, args, opts);
  }
}

export interface Asset extends OutputPropertiesOf<typeof ASSET> {}
export class Asset extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof ASSET>, opts?: pulumi.CustomResourceOptions) {
    super(ASSET, name, args, opts);
  }
}

export interface Build extends OutputPropertiesOf<typeof BUILD> {}
export class Build extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof BUILD>, opts?: pulumi.CustomResourceOptions) {
    super(BUILD, name, args, opts);
  }
}

export interface Deployment extends OutputPropertiesOf<typeof DEPLOYMENT> {}
export class Deployment extends NativeResource {
  constructor(name: string, args: ArgsOf<typeof DEPLOYMENT>, opts?: pulumi.CustomResourceOptions) {
    super(DEPLOYMENT, name, args, opts);
  }
}

export type { FileSetArgs } from "../resources/file-set";
export interface FileSet extends OutputPropertiesOf<typeof FILE_SET> {}
export class FileSet extends NativeResource {
  constructor(name: string, args: import("../resources/file-set").FileSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(FILE_SET, name, args, opts);
  }
}

/** Internal (ServerlessApp's set mode): deletes files a FileSet no longer holds. */
export class FileCleanup extends NativeResource {
  constructor(
    name: string,
    args: import("../resources/file-cleanup").FileCleanupArgs,
    opts?: pulumi.CustomResourceOptions,
  ) {
    super(FILE_CLEANUP, name, args, opts);
  }
}

/** The classes ServerlessApp declares its children with when the plugin constructs it. */
export const NATIVE_KINDS: ResourceKinds = {
  Service,
  Environment,
  Variable,
  Build,
  Deployment,
  Function,
  Asset,
  FileSet,
  FileCleanup,
};

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
