/** The FileSet class of the dynamic path; its operations: ../operations/file-set.ts (SDK-free, also the plugin's). */
import type * as pulumi from "@pulumi/pulumi";
import { providerModule, DynamicResource } from "./common";
import type { DeployedEntry } from "../operations/files/set-entries";
import type { FileSetArgs } from "../operations/file-set";

export {
  fileSetOperations,
  type DeployedEntry,
  type FileSetArgs,
  type FileSetEntry,
  type FileSetEntryArgs,
  type FileSetInputs,
  type FileSetOutputs,
} from "../operations/file-set";

export const fileSetProviderModule = providerModule("file-set", "fileSetOperations");

export class FileSet extends DynamicResource {
  declare readonly serviceSid: pulumi.Output<string>;
  declare readonly directory: pulumi.Output<string | undefined>;
  /** Served path → { kind, visibility, contentType, contentHash, source, sid, versionSid, path }. */
  declare readonly files: pulumi.Output<Record<string, DeployedEntry>>;
  /** Version sids of the functions, for a Build. */
  declare readonly functionVersions: pulumi.Output<string[]>;
  /** Version sids of the assets, for a Build. */
  declare readonly assetVersions: pulumi.Output<string[]>;

  constructor(name: string, args: FileSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(
      fileSetProviderModule,
      "FileSet",
      name,
      { directory: undefined, ...args, functionVersions: undefined, assetVersions: undefined },
      opts,
    );
  }
}
