/**
 * How ServerlessApp declares a project's files: one Function/Asset resource per file, or one
 * FileSet for all of them plus a FileCleanup that deletes removed files after the deploy.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKinds } from "./kinds";
import type { ScanResult } from "./scan";

export type FileResources = "per-file" | "set" | "auto";

/**
 * Above this many files, `fileResources: "auto"` (the default) makes one FileSet instead of a
 * resource per file. Each Pulumi resource costs ~27 ms on every `pulumi up`, changed or not
 * (BENCHMARKS.md): at 50 files that is ~1.4 s, at 800 it is most of the run. Up to here the
 * per-file resources are cheap enough and show each file as a resource of its own.
 */
export const FILE_SET_THRESHOLD = 50;

const FILE_RESOURCES: readonly FileResources[] = ["per-file", "set", "auto"];

/** The mode for a project of `fileCount` files; throws on anything but the three settings. */
export function resolveFileResources(setting: unknown, fileCount: number): "per-file" | "set" {
  const mode = setting ?? "auto";
  if (!FILE_RESOURCES.includes(mode as FileResources)) {
    throw new Error(
      `fileResources must be "per-file", "set" or "auto" (the default: a resource per file up to ${FILE_SET_THRESHOLD} files, ` +
        `one FileSet above), got ${JSON.stringify(setting)}.`,
    );
  }
  if (mode === "auto") return fileCount > FILE_SET_THRESHOLD ? "set" : "per-file";
  return mode as "per-file" | "set";
}

export interface DeclaredFiles {
  functionVersions: pulumi.Input<pulumi.Input<string>[]>;
  assetVersions: pulumi.Input<pulumi.Input<string>[]>;
  /** Declares what must run once every environment is deployed (set mode: the FileCleanup). */
  afterDeployments(deployments: pulumi.Resource[]): void;
}

/**
 * Per file: resources named after their path, so a rename shows as a delete and a create, and a
 * removed file's resource is deleted at the end of the `up`, after the Deployments. As a set:
 * one FileSet named after the app, and a FileCleanup that depends on every Deployment.
 */
export function declareFiles(
  app: string,
  scan: ScanResult,
  mode: "per-file" | "set",
  serviceSid: pulumi.Output<string>,
  /** The component the files belong to; none: at the top of the stack (examples/hello-world/after-move.ts). */
  parent: pulumi.ComponentResource | undefined,
  kinds: ResourceKinds,
): DeclaredFiles {
  if (mode === "per-file") {
    const files = scan.entries.map((entry) => {
      const args = {
        serviceSid,
        friendlyName: entry.path,
        path: entry.path,
        visibility: entry.visibility,
        source: entry.file,
      };
      const opts = { parent };
      const resource =
        entry.kind === "function"
          ? new kinds.Function(`${app}:${entry.resourceName}`, args, opts)
          : new kinds.Asset(`${app}:${entry.resourceName}`, args, opts);
      return { kind: entry.kind, resource };
    });
    const versions = (kind: string) => files.filter((f) => f.kind === kind).map((f) => f.resource.latestVersionSid);
    return {
      functionVersions: versions("function"),
      assetVersions: versions("asset"),
      afterDeployments: () => undefined,
    };
  }
  const fileSet = new kinds.FileSet(
    app,
    {
      serviceSid,
      directory: scan.directory,
      files: Object.fromEntries(
        scan.entries.map((entry) => [
          entry.path,
          { kind: entry.kind, source: entry.relativeFile, visibility: entry.visibility },
        ]),
      ),
    },
    { parent },
  );
  return {
    functionVersions: fileSet.functionVersions,
    assetVersions: fileSet.assetVersions,
    afterDeployments: (deployments) => {
      const files = Object.fromEntries(scan.entries.map((entry) => [entry.path, entry.kind]));
      new kinds.FileCleanup(app, { serviceSid, files }, { parent, dependsOn: [fileSet, ...deployments] });
    },
  };
}
