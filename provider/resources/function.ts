/** A Function: JavaScript served at a path of every Environment whose Build holds one of its Versions. */
import * as pulumi from "@pulumi/pulumi";
import { thinProvider, type ResourceOperations } from "./common";
import { fileOperations, type ServerlessFileInputs, type ServerlessFileOutputs } from "./serverless-file";

export interface FunctionArgs {
  /** Changing it replaces the Function. */
  serviceSid: pulumi.Input<string>;
  /** Name shown in Twilio; a change only renames. */
  friendlyName: pulumi.Input<string>;
  /** Served path, e.g. "/hello". A change uploads a new Version. */
  path: pulumi.Input<string>;
  /** "public" (default), "protected" or "private". A change uploads a new Version. */
  visibility?: pulumi.Input<"public" | "protected" | "private">;
  /** A JavaScript file to upload (give this or `content`). */
  source?: pulumi.Input<string>;
  /** Inline JavaScript (give this or `source`). */
  content?: pulumi.Input<string>;
}

export type FunctionInputs = Omit<ServerlessFileInputs, "contentType">;
export type FunctionOutputs = Omit<ServerlessFileOutputs, "contentType">;

export const functionOperations: ResourceOperations<FunctionInputs, FunctionOutputs> = fileOperations("Function");

export const functionProvider = thinProvider("function", "functionOperations");

export class Function extends pulumi.dynamic.Resource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly friendlyName: pulumi.Output<string>;
  declare readonly path: pulumi.Output<string>;
  declare readonly visibility: pulumi.Output<"public" | "protected" | "private">;
  declare readonly source: pulumi.Output<string | undefined>;
  declare readonly content: pulumi.Output<string | undefined>;
  declare readonly sid: pulumi.Output<string>;
  declare readonly latestVersionSid: pulumi.Output<string>;
  /** sha256 (hex) of the uploaded content. */
  declare readonly contentHash: pulumi.Output<string>;

  constructor(name: string, args: FunctionArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      functionProvider,
      name,
      { visibility: undefined, source: undefined, content: undefined, ...args, sid: undefined, latestVersionSid: undefined, contentHash: undefined },
      opts,
      "twilio-serverless",
      "Function",
    );
  }
}
