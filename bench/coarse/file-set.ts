/**
 * PROTOTYPE, measured by the bench only: one dynamic resource for all the files of a project,
 * instead of one resource per file. The inputs are a map path → file (with the content hash
 * `check` computes), so `pulumi preview --diff` still names each changed file
 * (`~ files: { "/fn-0001": { contentHash: … } }`), while the engine sees one resource whatever N.
 *
 * Not production-ready: a failed update loses what it uploaded before the failure (dynamic
 * providers cannot report partial state), and files removed from the set are not deleted (their
 * containers would have to go after the new Deployment, i.e. in another resource).
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { lookup as mimeLookup } from "mime-types";
import { getClient, unlessNotFound } from "pulumi-twilio-serverless/dist/client";
import { createFile, createVersion, deleteFile, type FileKind } from "pulumi-twilio-serverless/dist/client/api/files";
import type { Visibility } from "pulumi-twilio-serverless/dist/client/upload";

export interface FileSpec {
  kind: "function" | "asset";
  /** Absolute path of the file. */
  source: string;
  visibility: Visibility;
  /** Assets: from the path unless set. */
  contentType?: string;
  /** sha256 (hex), set by `check`. */
  contentHash?: string;
}

export interface DeployedFile extends FileSpec {
  sid: string;
  versionSid: string;
}

export interface FileSetInputs {
  serviceSid: string;
  files: Record<string, FileSpec>;
}

export interface FileSetOutputs {
  serviceSid: string;
  files: Record<string, DeployedFile>;
  functionVersions: string[];
  assetVersions: string[];
}

const KIND: Record<FileSpec["kind"], FileKind> = { function: "Function", asset: "Asset" };

function sameContent(old: FileSpec | undefined, news: FileSpec): boolean {
  return !!old && old.kind === news.kind && old.contentHash === news.contentHash && old.visibility === news.visibility && old.contentType === news.contentType;
}

/** Paths whose file is new, gone, or different. */
export function changedPaths(olds: Record<string, FileSpec>, news: Record<string, FileSpec>): string[] {
  const paths = new Set([...Object.keys(olds), ...Object.keys(news)]);
  return [...paths].filter((servedPath) => !news[servedPath] || !sameContent(olds[servedPath], news[servedPath])).sort();
}

function outputsOf(serviceSid: string, files: Record<string, DeployedFile>): FileSetOutputs {
  const sorted = Object.keys(files).sort();
  const versionsOf = (kind: FileSpec["kind"]) => sorted.filter((p) => files[p].kind === kind).map((p) => files[p].versionSid);
  return { serviceSid, files, functionVersions: versionsOf("function"), assetVersions: versionsOf("asset") };
}

/** Uploads a Version of `spec` (creating its Function/Asset first when `sid` is not given). */
async function upload(serviceSid: string, servedPath: string, spec: FileSpec, sid?: string): Promise<DeployedFile> {
  const client = getClient();
  const kind = KIND[spec.kind];
  const fileSid = sid ?? (await createFile(client, kind, serviceSid, servedPath)).sid;
  const contentType = spec.kind === "function" ? "application/javascript" : spec.contentType!;
  const version = await createVersion(client, kind, serviceSid, fileSid, {
    path: servedPath,
    visibility: spec.visibility,
    content: { file: spec.source },
    contentType,
  });
  return { ...spec, sid: fileSid, versionSid: version.sid };
}

export const fileSetOperations = {
  async check(_olds: unknown, news: FileSetInputs): Promise<pulumi.dynamic.CheckResult<FileSetInputs>> {
    const failures: pulumi.dynamic.CheckFailure[] = [];
    const files: Record<string, FileSpec> = {};
    for (const [servedPath, spec] of Object.entries(news.files ?? {})) {
      try {
        const contentHash = createHash("sha256").update(fs.readFileSync(spec.source)).digest("hex");
        // No undefined values: the provider protocol cannot carry them.
        files[servedPath] = spec.kind === "asset"
          ? { ...spec, contentType: spec.contentType ?? (mimeLookup(servedPath) || "application/octet-stream"), contentHash }
          : { ...spec, contentHash };
      } catch (error) {
        failures.push({ property: "files", reason: `files["${servedPath}"]: cannot read ${spec.source}: ${(error as Error).message}` });
      }
    }
    return { inputs: { ...news, files }, failures };
  },

  async diff(_id: string, olds: FileSetOutputs, news: FileSetInputs): Promise<pulumi.dynamic.DiffResult> {
    const replaces = olds.serviceSid !== news.serviceSid ? ["serviceSid"] : [];
    return { changes: replaces.length > 0 || changedPaths(olds.files, news.files).length > 0, replaces };
  },

  async create(inputs: FileSetInputs): Promise<pulumi.dynamic.CreateResult<FileSetOutputs>> {
    const entries = await Promise.all(
      Object.entries(inputs.files).map(async ([servedPath, spec]) => [servedPath, await upload(inputs.serviceSid, servedPath, spec)] as const),
    );
    return { id: `files-${inputs.serviceSid}`, outs: outputsOf(inputs.serviceSid, Object.fromEntries(entries)) };
  },

  async read(id: string, props: FileSetOutputs): Promise<pulumi.dynamic.ReadResult<FileSetOutputs>> {
    return { id, props };
  },

  async update(_id: string, olds: FileSetOutputs, news: FileSetInputs): Promise<pulumi.dynamic.UpdateResult<FileSetOutputs>> {
    const entries = await Promise.all(
      Object.entries(news.files).map(async ([servedPath, spec]) => {
        const old = olds.files[servedPath];
        if (sameContent(old, spec)) return [servedPath, { ...old, source: spec.source }] as const;
        const reuse = old && old.kind === spec.kind ? old.sid : undefined;
        return [servedPath, await upload(news.serviceSid, servedPath, spec, reuse)] as const;
      }),
    );
    return { outs: outputsOf(news.serviceSid, Object.fromEntries(entries)) };
  },

  async delete(_id: string, props: FileSetOutputs): Promise<void> {
    const client = getClient();
    await Promise.all(
      Object.values(props.files).map((file) => unlessNotFound(() => deleteFile(client, KIND[file.kind], props.serviceSid, file.sid))),
    );
  },
};

/** The shell Pulumi serializes: a module path and calls into the compiled module (see provider/resources/common.ts). */
function fileSetProvider(): pulumi.dynamic.ResourceProvider {
  const benchFileSetModule = __filename.replace(/\.ts$/, ".js");
  const callFileSet = (method: string, args: unknown[]) => require(benchFileSetModule).fileSetOperations[method](...args);
  return {
    check: (...args) => callFileSet("check", args),
    diff: (...args) => callFileSet("diff", args),
    create: (...args) => callFileSet("create", args),
    read: (...args) => callFileSet("read", args),
    update: (...args) => callFileSet("update", args),
    delete: (...args) => callFileSet("delete", args),
  };
}

export interface FileSetArgs {
  serviceSid: pulumi.Input<string>;
  files: Record<string, FileSpec>;
}

export class FileSet extends pulumi.dynamic.Resource {
  declare readonly functionVersions: pulumi.Output<string[]>;
  declare readonly assetVersions: pulumi.Output<string[]>;

  constructor(name: string, args: FileSetArgs, opts?: pulumi.CustomResourceOptions) {
    super(fileSetProvider(), name, { ...args, functionVersions: undefined, assetVersions: undefined }, opts, "twilio-serverless-bench", "FileSet");
  }
}
