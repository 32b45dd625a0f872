/**
 * The `pulumi import --file` JSON of a whole Service: what import-file writes. Pure: it takes
 * what was read from Twilio (ServiceSnapshot) and names each resource.
 *
 * The format (Pulumi's `importFile`, pkg/cmd/pulumi/operations/import.go, 3.248; documented at
 * https://www.pulumi.com/docs/iac/cli/commands/pulumi_import/): `resources[]` of `type`, `name`
 * (the variable in the generated code), `logicalName` (the Pulumi resource name, in the URN)
 * and `id` (the plugin's, as the schema declares it: `ZS…/ZE…` for an Environment). No parent: the
 * resources sit at the top of the stack, as a program declares them. With `app`, the children of a
 * ServerlessApp component of that name instead (docs/plugin.md, "Keeping ServerlessApp").
 *
 * Logical names follow ServerlessApp's, with the Service's unique name as the app: the Service
 * and a lone Build `<app>`, an Environment and its Deployment `<app>-<env>`, a Variable
 * `<app>-<env>-<KEY>`, a file `<app>:<path without its leading />`. `<env>` is the domain suffix
 * (what the Toolkit calls the environment: `dev` for `dev-environment`), else the unique name.
 * Twilio never changes any of these, so a second import names everything the same. With `app`,
 * `<app>` is the component's name and `<env>` the Environment's unique name (ServerlessApp's key).
 */
import { FILE_SET_THRESHOLD } from "../app/files";
import { resourceNameFor } from "../app/scan";
import { UsageError } from "./flags";
import { parseId } from "../plugin/kinds";
import type { FileKind, Visibility } from "../rules";
import { tokenOf } from "../schema/package";
import { RESOURCES } from "../schema/resources";

export interface SnapshotFile {
  kind: FileKind;
  /** The Function or Asset (ZH…). */
  sid: string;
  /** The path of its Version in the newest deployed Build that holds it. */
  path: string;
  visibility: Visibility;
  /** That Version (ZN…). */
  versionSid: string;
}

export interface SnapshotEnvironment {
  sid: string;
  uniqueName: string;
  domainSuffix: string | null;
  domainName: string;
  /** Keys and sids only: a Variable's value is a secret and never goes in the file. */
  variables: { sid: string; key: string }[];
  /** The Build it serves, and the Deployment that put it there; absent when it serves none. */
  buildSid?: string;
  deploymentSid?: string;
}

export interface ServiceSnapshot {
  sid: string;
  uniqueName: string;
  environments: SnapshotEnvironment[];
  /** The Builds some imported Environment serves. */
  buildSids: string[];
  /** The Functions and Assets those Builds hold, sorted by path. */
  files: SnapshotFile[];
}

export interface ImportSpec {
  type: string;
  name: string;
  logicalName: string;
  /** Absent for the component, which Twilio does not know. */
  id?: string;
  /**
   * The ServerlessApp entry: a component the import creates empty. Not `remote`: that stores the
   * plugin as the component's provider, but Construct registers it with none, so the engine
   * would replace it (docs/plugin.md).
   */
  component?: true;
  /** The `name` of the component entry, for its children. */
  parent?: string;
}

export interface ImportFile {
  resources: ImportSpec[];
}

export interface ImportOptions {
  /** The name of the program's ServerlessApp: the resources become its children, named as it names them. */
  app?: string;
}

export function buildImportFile(snapshot: ServiceSnapshot, options: ImportOptions = {}): ImportFile {
  const app = options.app ?? snapshot.uniqueName;
  const service = snapshot.sid;
  const envName = options.app
    ? new Map(snapshot.environments.map((env) => [env.sid, env.uniqueName]))
    : environmentNames(snapshot.environments);
  if (options.app) assertOneBuild(snapshot, envName);
  const resources: Omit<ImportSpec, "name">[] = [];
  if (options.app) resources.push({ type: tokenOf("ServerlessApp"), logicalName: app, component: true });
  const add = (resource: ImportedType, logicalName: string, ...sids: string[]) =>
    resources.push({ type: tokenOf(resource), logicalName, id: importId(resource, sids) });

  add("Service", app, service);
  for (const env of snapshot.environments) {
    add("Environment", `${app}-${envName.get(env.sid)}`, service, env.sid);
    for (const variable of env.variables) {
      add("Variable", `${app}-${envName.get(env.sid)}-${variable.key}`, service, env.sid, variable.sid);
    }
  }
  const fileNames = new Set<string>();
  for (const file of snapshot.files) {
    // Two containers deployed at one path (a renamed file in one environment only) keep apart by sid.
    let logicalName = `${app}:${resourceNameFor(file.path)}`;
    if (fileNames.has(`${file.kind} ${logicalName}`)) logicalName += `-${file.sid}`;
    fileNames.add(`${file.kind} ${logicalName}`);
    add(file.kind === "function" ? "Function" : "Asset", logicalName, service, file.sid);
  }
  for (const buildSid of snapshot.buildSids)
    add("Build", buildName(app, buildSid, snapshot, envName), service, buildSid);
  for (const env of snapshot.environments) {
    if (env.deploymentSid) add("Deployment", `${app}-${envName.get(env.sid)}`, service, env.sid, env.deploymentSid);
  }
  const named = withIdentifiers(resources);
  if (options.app) for (const child of named.slice(1)) child.parent = named[0].name;
  return { resources: named };
}

/** What keeps a ServerlessApp from previewing clean over the file, said before the import. */
export function appNotes(snapshot: ServiceSnapshot, options: ImportOptions): string[] {
  if (!options.app || snapshot.files.length <= FILE_SET_THRESHOLD) return [];
  return [
    `${snapshot.files.length} files: a ServerlessApp declares more than ${FILE_SET_THRESHOLD} as one FileSet ` +
      '(fileResources "auto"), which cannot be imported; give it fileResources: "per-file".',
  ];
}

/** ServerlessApp declares one Build, deployed by each Environment: several served Builds cannot be its. */
function assertOneBuild(snapshot: ServiceSnapshot, envName: Map<string, string>): void {
  if (snapshot.buildSids.length <= 1) return;
  const serving = snapshot.environments
    .filter((env) => env.buildSid)
    .map((env) => `${envName.get(env.sid)}: ${env.buildSid}`)
    .join(", ");
  throw new UsageError(
    `--app: the Environments serve ${snapshot.buildSids.length} different Builds (${serving}), but a ServerlessApp ` +
      "declares one Build for all of them: run `pulumi up` on the dynamic stack until they serve the same Build, " +
      "or leave out --app and move to single resources.",
  );
}

type ImportedType = "Service" | "Environment" | "Variable" | "Function" | "Asset" | "Build" | "Deployment";

/** The id the plugin's import takes (its form is the schema's `id`); throws if a sid is out of place. */
function importId(type: ImportedType, sids: string[]): string {
  const id = sids.join("/");
  parseId(RESOURCES.find((spec) => spec.name === type) as (typeof RESOURCES)[number], id);
  return id;
}

/** An Environment's short name: its domain suffix, else its unique name (both unique in a Service). */
function environmentNames(environments: SnapshotEnvironment[]): Map<string, string> {
  const short = environments.map((env) => env.domainSuffix || env.uniqueName);
  // A suffix that is also another environment's unique name: unique names for all.
  const clash = new Set(short).size < short.length;
  return new Map(environments.map((env, i) => [env.sid, clash ? env.uniqueName : short[i]]));
}

/** `<app>` for the one deployed Build; with several, each after the environments that serve it. */
function buildName(app: string, buildSid: string, snapshot: ServiceSnapshot, envName: Map<string, string>): string {
  if (snapshot.buildSids.length === 1) return app;
  const serving = snapshot.environments.filter((env) => env.buildSid === buildSid);
  return `${app}-${serving.map((env) => envName.get(env.sid)).join("+")}`;
}

/**
 * The `name` of each resource: a camelCase identifier of its logical name and type
 * (`toolkitDemoDevEnvironment`), so the generated code reads well and no two collide.
 */
function withIdentifiers(resources: Omit<ImportSpec, "name">[]): ImportSpec[] {
  const taken = new Set<string>();
  return resources.map((resource) => {
    const type = resource.type.split(":").pop() as string;
    const words = resource.logicalName.split(/[^A-Za-z0-9]+/).filter(Boolean);
    let base = [...words, type]
      .map((word, i) => (i === 0 ? word[0].toLowerCase() : word[0].toUpperCase()) + word.slice(1))
      .join("");
    if (/^[0-9]/.test(base)) base = `_${base}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    // `type` and `name` first: the order Pulumi's docs show.
    return Object.assign({ type: resource.type, name }, resource);
  });
}
