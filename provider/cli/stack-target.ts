/**
 * Which Service and Environment a Pulumi project deployed, read through Pulumi's Automation API:
 * the stack's exported state holds every Environment resource's outputs, whatever the program
 * exports; the stack's config holds the twilio:* credentials (secrets decrypted by Pulumi).
 * `@pulumi/pulumi/automation` is loaded here only, when the command runs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { dynamicResourceType } from "../resources/type-token";
import { tokenOf } from "../schema/package";
import { UsageError } from "./flags";

/** An Environment on either path: the dynamic resource's type or the plugin's. */
const ENVIRONMENT_TYPES = new Set([dynamicResourceType("Environment"), tokenOf("Environment")]);
const SERVERLESS_APP_TYPE = tokenOf("ServerlessApp");

export interface EnvironmentTarget {
  stackName: string;
  serviceSid: string;
  environmentSid: string;
  /** The environment's name as the user wrote it (ServerlessApp's key), else its unique name. */
  name: string;
}

export interface StackTarget {
  environment: EnvironmentTarget;
  /** The stack's config values by key ("twilio:accountSid" → "AC…"), secrets decrypted. */
  config: Record<string, string>;
}

interface StateResource {
  urn: string;
  type: string;
  parent?: string;
  outputs?: Record<string, unknown>;
}

export interface EnvironmentCandidate extends EnvironmentTarget {
  /** Every name `--environment` may give: user name, unique name, resource name. */
  names: string[];
}

export async function findStackTarget(options: {
  cwd: string;
  stack?: string;
  environment?: string;
}): Promise<StackTarget> {
  const workspace = await openProject(options.cwd);
  const stackName = await chooseStack(workspace, options.stack);
  const { environments, config } = await readStack(workspace, stackName);
  return { environment: chooseEnvironment(environments, stackName, options.environment), config };
}

export type Workspace = import("@pulumi/pulumi/automation").LocalWorkspace;

/** The Pulumi project in `folder`, through the Automation API (a UsageError when there is none). */
export async function openProject(folder: string): Promise<Workspace> {
  const cwd = path.resolve(folder);
  if (!isPulumiProject(cwd)) {
    throw new UsageError(
      `${cwd} is not a Pulumi project (no Pulumi.yaml): run the command in your project's folder, or pass --cwd <folder>.`,
    );
  }
  return openWorkspace(cwd);
}

/** A stack's Environments (from its state) and config values (secrets decrypted). */
export async function readStack(
  workspace: Workspace,
  stackName: string,
): Promise<{ environments: EnvironmentCandidate[]; config: Record<string, string> }> {
  // Both run `pulumi` with --stack, which leaves the user's selected stack alone.
  const [exported, config] = await Promise.all([
    pulumiStep(() => workspace.exportStack(stackName)),
    readConfig(workspace, stackName),
  ]);
  const resources = (exported.deployment as { resources?: StateResource[] } | undefined)?.resources ?? [];
  return { environments: environmentsIn(resources, stackName), config };
}

/**
 * The twilio:* credentials' source for a command that needs no state (import-file): the config of
 * `stack`, or of the selected stack when `cwd` is a Pulumi project with one; else undefined (the
 * environment's TWILIO_* variables then).
 */
export async function readStackConfig(options: {
  cwd: string;
  stack?: string;
}): Promise<Record<string, string> | undefined> {
  const cwd = path.resolve(options.cwd);
  if (!isPulumiProject(cwd)) {
    if (options.stack === undefined) return undefined;
    throw new UsageError(
      `--stack ${options.stack}: ${cwd} is not a Pulumi project (no Pulumi.yaml); pass --cwd <folder>.`,
    );
  }
  const workspace = await openWorkspace(cwd);
  if (options.stack === undefined && !(await pulumiStep(() => workspace.listStacks())).some((s) => s.current)) {
    return undefined;
  }
  return readConfig(workspace, await chooseStack(workspace, options.stack));
}

function isPulumiProject(cwd: string): boolean {
  return ["Pulumi.yaml", "Pulumi.yml"].some((file) => fs.existsSync(path.join(cwd, file)));
}

async function openWorkspace(cwd: string): Promise<Workspace> {
  const automation = await import("@pulumi/pulumi/automation");
  return pulumiStep(() => automation.LocalWorkspace.create({ workDir: cwd }));
}

async function readConfig(workspace: Workspace, stackName: string): Promise<Record<string, string>> {
  const config = await pulumiStep(() => workspace.getAllConfig(stackName));
  return Object.fromEntries(Object.entries(config).map(([key, entry]) => [key, entry.value]));
}

/** The project's stack names. */
export async function stackNames(workspace: Workspace): Promise<string[]> {
  return (await pulumiStep(() => workspace.listStacks())).map((stack) => stack.name);
}

export async function chooseStack(workspace: Workspace, wanted: string | undefined): Promise<string> {
  const stacks = await pulumiStep(() => workspace.listStacks());
  const names = stacks.map((stack) => stack.name);
  const known = names.join(", ") || "none yet";
  if (wanted) {
    // Cloud backends list "org/project/name" or "org/name"; a bare name matches its last part.
    const found = names.find((name) => name === wanted || name.split("/").pop() === wanted);
    if (!found) throw new UsageError(`no stack "${wanted}" in this project (stacks: ${known}).`);
    return found;
  }
  const current = stacks.find((stack) => stack.current);
  if (!current)
    throw new UsageError(
      `no stack is selected: pass --stack <name> (stacks: ${known}) or run \`pulumi stack select\`.`,
    );
  return current.name;
}

/** The Environment resources of a stack's state, with the names users know them by. */
export function environmentsIn(resources: StateResource[], stackName: string): EnvironmentCandidate[] {
  const apps = new Map(
    resources.filter((r) => r.type === SERVERLESS_APP_TYPE).map((r) => [r.urn, resourceName(r.urn)]),
  );
  const candidates: EnvironmentCandidate[] = [];
  for (const resource of resources) {
    if (!ENVIRONMENT_TYPES.has(resource.type)) continue;
    const outputs = resource.outputs ?? {};
    const sid = plain(outputs.sid);
    const serviceSid = plain(outputs.serviceSid);
    if (typeof sid !== "string" || typeof serviceSid !== "string" || !sid) continue;
    const plainName = plain(outputs.uniqueName);
    const uniqueName = typeof plainName === "string" ? plainName : "";
    const ownName = resourceName(resource.urn);
    // ServerlessApp names each Environment resource "<app>-<environment>".
    const app = resource.parent ? apps.get(resource.parent) : undefined;
    const userName = app && ownName.startsWith(`${app}-`) ? ownName.slice(app.length + 1) : undefined;
    candidates.push({
      stackName,
      serviceSid,
      environmentSid: sid,
      name: userName ?? (uniqueName || ownName),
      names: [userName, uniqueName, ownName].filter((name): name is string => !!name),
    });
  }
  return candidates;
}

export function chooseEnvironment(
  candidates: EnvironmentCandidate[],
  stackName: string,
  wanted: string | undefined,
): EnvironmentTarget {
  // A name two environments share (two ServerlessApps) is listed by resource name instead.
  const shared = (name: string) => candidates.filter((c) => c.name === name).length > 1;
  const listing = candidates.map((c) => (shared(c.name) ? c.names[c.names.length - 1] : c.name)).join(", ");
  if (candidates.length === 0) {
    throw new UsageError(`stack "${stackName}" has no Twilio Serverless Environment: run \`pulumi up\` first.`);
  }
  if (wanted === undefined) {
    if (candidates.length === 1) return strip(candidates[0]);
    throw new UsageError(
      `stack "${stackName}" has several environments (${listing}): choose one with --environment <name>.`,
    );
  }
  const byName = (exact: boolean) =>
    candidates.filter((candidate) =>
      candidate.names.some((name) => (exact ? name === wanted : name.toLowerCase() === wanted.toLowerCase())),
    );
  let matches = byName(true);
  if (matches.length === 0) matches = byName(false);
  if (matches.length === 1) return strip(matches[0]);
  if (matches.length === 0)
    throw new UsageError(`no environment "${wanted}" in stack "${stackName}" (environments: ${listing}).`);
  const resourceNames = candidates.filter((c) => matches.includes(c)).map((c) => c.names[c.names.length - 1]);
  throw new UsageError(
    `several environments of stack "${stackName}" are named "${wanted}": choose one by its resource name (${resourceNames.join(", ")}).`,
  );
}

function strip(candidate: EnvironmentCandidate): EnvironmentTarget {
  const { names: _names, ...target } = candidate;
  return target;
}

/** The last part of a URN: the resource's name. */
function resourceName(urn: string): string {
  return urn.split("::").pop() ?? urn;
}

/** An output as exported with --show-secrets: secrets come as `{ <sig>: …, plaintext: "<json>" }`. */
function plain(value: unknown): unknown {
  if (value && typeof value === "object" && "plaintext" in value) {
    try {
      return JSON.parse(String(value.plaintext));
    } catch {
      return undefined;
    }
  }
  return value;
}

/** A failed `pulumi` run, told in the one line that matters (its "error:" line), not its whole output. */
export async function pulumiStep<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    if (/spawn pulumi ENOENT/.test(text)) {
      throw new Error(
        "the pulumi CLI is not on PATH: the command reads the stack through it (https://www.pulumi.com/docs/iac/download-install/).",
        { cause: error },
      );
    }
    const reported = /(?:^|\s)error: (.+)/m.exec(text)?.[1];
    throw new Error(reported ? `pulumi: ${reported.trim()}` : text.split("\n")[0], { cause: error });
  }
}
