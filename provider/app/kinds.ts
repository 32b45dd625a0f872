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
import { ServiceReference } from "../resources/service-reference";
import { Variable } from "../resources/variable";

type Class<Args, Instance> = new (name: string, args: Args, opts?: pulumi.CustomResourceOptions) => Instance;
type ArgsOfClass<C> = C extends new (name: string, args: infer A, opts?: pulumi.CustomResourceOptions) => unknown
  ? A
  : never;

/** The kinds, listed once: the dynamic classes. */
export const DYNAMIC_KINDS = {
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
};

/**
 * Each kind's constructor, typed from the dynamic classes; the plugin's classes match
 * structurally (same args, same Output properties). A FileSet's and a FileCleanup's instances
 * are used for their outputs and as dependencies only.
 */
export type ResourceKinds = {
  [K in keyof typeof DYNAMIC_KINDS]: Class<
    ArgsOfClass<(typeof DYNAMIC_KINDS)[K]>,
    K extends "FileSet"
      ? Pick<FileSet, "functionVersions" | "assetVersions"> & pulumi.CustomResource
      : K extends "FileCleanup"
        ? pulumi.CustomResource
        : InstanceType<(typeof DYNAMIC_KINDS)[K]>
  >;
};
