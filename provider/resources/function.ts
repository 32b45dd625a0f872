/** A Function: JavaScript served at a path of every Environment whose Build holds one of its Versions. */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, type ResourceOperations } from "./common";
import {
  ServerlessFileResource,
  fileOperations,
  type ServerlessFileInputs,
  type ServerlessFileOutputs,
} from "./serverless-file";

export interface FunctionArgs {
  /** Changing it replaces the Function. */
  serviceSid: pulumi.Input<string>;
  /** Name shown in Twilio; a change only renames. */
  friendlyName: pulumi.Input<string>;
  /** Served path, e.g. "/hello". A change uploads a new Version. */
  path: pulumi.Input<string>;
  /** "public" (default), "protected" or "private". A change uploads a new Version. */
  visibility?: pulumi.Input<"public" | "protected" | "private">;
  /** A file to upload (give this or `content`). A change of its content uploads a new Version. */
  source?: pulumi.Input<string>;
  /** Inline content (give this or `source`). A change uploads a new Version. */
  content?: pulumi.Input<string>;
}

export type FunctionInputs = Omit<ServerlessFileInputs, "contentType">;
export type FunctionOutputs = Omit<ServerlessFileOutputs, "contentType">;

export const functionOperations: ResourceOperations<FunctionInputs, FunctionOutputs> = fileOperations("function");

export const functionProviderModule = providerModule("function", "functionOperations");

export class Function extends ServerlessFileResource {
  constructor(name: string, args: FunctionArgs, opts?: pulumi.CustomResourceOptions) {
    super(functionProviderModule, "Function", name, args, opts);
  }
}
