/**
 * What the plugin serves per type token: the schema's declaration and the SAME operations the
 * dynamic resources run (provider/operations/, which the resource files re-export), required
 * only when first used; none loads @pulumi/pulumi (test/provider/plugin-lean.test.ts).
 */
import type { ResourceOperations } from "../operations/common";
import type { ResourceSpec } from "../schema/fields";
import { tokenOf } from "../schema/package";
import { FILE_CLEANUP, RESOURCES } from "../schema/resources";

type AnyOperations = ResourceOperations<Record<string, unknown>, Record<string, unknown>>;

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use; SDK-free (operations/common.ts) */
const LOADERS: Record<string, () => unknown> = {
  Service: () => require("../operations/service").serviceOperations,
  ServiceReference: () => require("../operations/service-reference").serviceReferenceOperations,
  Environment: () => require("../operations/environment").environmentOperations,
  Variable: () => require("../operations/variable").variableOperations,
  Function: () => require("../operations/function").functionOperations,
  Asset: () => require("../operations/asset").assetOperations,
  Build: () => require("../operations/build").buildOperations,
  Deployment: () => require("../operations/deployment").deploymentOperations,
  FileSet: () => require("../operations/file-set").fileSetOperations,
  FileCleanup: () => require("../operations/file-cleanup").fileCleanupOperations,
};
/* eslint-enable @typescript-eslint/no-require-imports */

type Props = Record<string, unknown>;

export interface Kind {
  spec: ResourceSpec;
  operations(): AnyOperations;
  /** The stored outputs a diff compares with the program's inputs (see importedFile). */
  baseline(olds: Props, news: Props, oldInputs: Props): Props;
}

/**
 * A Function or Asset read by `pulumi import` records neither `source` nor `content` (Twilio
 * knows no local file), and an Asset's content and content type cannot be read back
 * ("unreadable:ZN…"): until the stack first updates it, those count as what the program says.
 * A run without changes keeps those outputs but records the program's inputs, which Diff gets
 * as `oldInputs`: from then on an Asset is compared with the file that run declared, so a later
 * change to it shows. docs/plugin.md, docs/import.md.
 */
function importedFile(olds: Props, news: Props, oldInputs: Props): Props {
  if (olds.source !== undefined || olds.content !== undefined) return olds;
  const unreadable = (hash: unknown) => typeof hash !== "string" || hash.startsWith("unreadable:");
  const declared = unreadable(oldInputs.contentHash) ? undefined : oldInputs.contentHash;
  return {
    ...olds,
    source: news.source,
    content: news.content,
    contentType: olds.contentType ?? oldInputs.contentType ?? news.contentType,
    contentHash: declared ?? (unreadable(olds.contentHash) ? news.contentHash : olds.contentHash),
  };
}

const KINDS = new Map<string, Kind>(
  [...RESOURCES, FILE_CLEANUP].map((spec: ResourceSpec) => [
    tokenOf(spec.name),
    {
      spec,
      operations: () => LOADERS[spec.name]() as AnyOperations,
      baseline: spec.name === "Function" || spec.name === "Asset" ? importedFile : (olds: Props) => olds,
    },
  ]),
);

export function kindOf(type: string): Kind {
  const kind = KINDS.get(type);
  if (!kind) throw new Error(`twilio-serverless: unknown resource type ${type}`);
  return kind;
}

/** The type token of a URN (`urn:pulumi:stack::project::[parent$]type::name`). */
export function typeOfUrn(urn: string): string {
  const qualified = urn.split("::")[2] ?? "";
  return qualified.split("$").pop() ?? "";
}

/** The plugin id of an object whose operations id is `sid` ("ZS…/ZE…/ZV…"). */
export function pluginId(spec: ResourceSpec, sid: string, outputs: Record<string, unknown>): string {
  if (!spec.id || sid === "") return sid;
  return [...spec.id.parents.map((parent) => (typeof outputs[parent] === "string" ? outputs[parent] : "")), sid].join(
    "/",
  );
}

/**
 * The operations id and what the id says about the object (its parents' sids, its own sid), for a
 * read with no stored outputs (`pulumi import`) or a stored id to check against.
 */
export function parseId(spec: ResourceSpec, id: string): { sid: string; known: Record<string, string> } {
  if (!spec.id) return { sid: id, known: {} };
  const parts = id.split("/");
  const expected = [...spec.id.parents.map((parent) => (parent === "serviceSid" ? "ZS" : "ZE")), spec.id.sidPrefix];
  const form = expected.map((prefix) => `${prefix}…`).join("/");
  if (
    parts.length !== expected.length ||
    parts.some((part, i) => !new RegExp(`^${expected[i]}[0-9a-fA-F]{32}$`).test(part))
  ) {
    throw new Error(`${spec.name} id "${id}" is not of the form ${form} (Twilio sids, joined by "/").`);
  }
  const sid = parts[parts.length - 1];
  const known: Record<string, string> = { [spec.id.sidOutput]: sid };
  spec.id.parents.forEach((parent, i) => (known[parent] = parts[i]));
  return { sid, known };
}
