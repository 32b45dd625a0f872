/** The FileCleanup class of the dynamic path; its operations: ../operations/file-cleanup.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, DynamicResource } from "./common";
import type { FileCleanupArgs } from "../operations/file-cleanup";

export {
  fileCleanupOperations,
  type FileCleanupArgs,
  type FileCleanupInputs,
  type FileCleanupOutputs,
} from "../operations/file-cleanup";

export const fileCleanupProviderModule = providerModule("file-cleanup", "fileCleanupOperations");

export class FileCleanup extends DynamicResource {
  declare readonly serviceSid: pulumi.Output<string>;

  constructor(name: string, args: FileCleanupArgs, opts?: pulumi.CustomResourceOptions) {
    super(fileCleanupProviderModule, "FileCleanup", name, args, opts);
  }
}
