/**
 * The resource classes ServerlessApp declares its children with: the dynamic ones in a
 * program, the plugin's (dist/native) when the plugin constructs the component. Both take the
 * same args and have the same outputs, since both come from the one schema.
 */
import type * as pulumi from "@pulumi/pulumi";
import { Asset } from "../resources/asset";
import { Build } from "../resources/build";
import { Deployment } from "../resources/deployment";
import { Environment } from "../resources/environment";
import { FileCleanup } from "../resources/file-cleanup";
import { FileSet } from "../resources/file-set";
import { Function } from "../resources/function";
import { Service } from "../resources/service";
import { Variable } from "../resources/variable";

type Class<Args, Instance> = new (name: string, args: Args, opts?: pulumi.CustomResourceOptions) => Instance;
type ArgsOfClass<C> = C extends new (name: string, args: infer A, opts?: pulumi.CustomResourceOptions) => unknown
  ? A
  : never;

/** Each class's constructor; the plugin's classes match structurally (same args, same outputs). */
export interface ResourceKinds {
  Service: Class<ArgsOfClass<typeof Service>, Service>;
  Environment: Class<ArgsOfClass<typeof Environment>, Environment>;
  Variable: Class<ArgsOfClass<typeof Variable>, Variable>;
  Build: Class<ArgsOfClass<typeof Build>, Build>;
  Deployment: Class<ArgsOfClass<typeof Deployment>, Deployment>;
  Function: Class<ArgsOfClass<typeof Function>, Function>;
  Asset: Class<ArgsOfClass<typeof Asset>, Asset>;
  FileSet: Class<
    ArgsOfClass<typeof FileSet>,
    Pick<FileSet, "functionVersions" | "assetVersions"> & pulumi.CustomResource
  >;
  FileCleanup: Class<ArgsOfClass<typeof FileCleanup>, pulumi.CustomResource>;
}

export const DYNAMIC_KINDS: ResourceKinds = {
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
