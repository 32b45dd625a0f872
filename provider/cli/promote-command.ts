/**
 * `pulumi-twilio-serverless promote`: the approval of the promotion gate (docs/promotion.md).
 * Reads the Build the source environment runs now (its stack's state says where, Twilio says
 * what), shows what the gated environment would change, and records the approval in the gated
 * stack's config, keeping the previous one for `--rollback`. Deploying is `pulumi up` of that
 * stack, which this prints (or runs with --up): the config change is what a reviewer approves.
 */
import { spawn } from "node:child_process";
import { closeClient, getClient, unlessNotFound } from "../client";
import { fetchBuild } from "../client/api/builds";
import { fetchEnvironment } from "../client/api/environments";
import { debugLog } from "../debug";
import { APPROVAL_CONFIG_KEY, approvalOf, promoted, rolledBack, type Approval } from "../app/approval";
import { buildChanges } from "./build-changes";
import type { CommandIo } from "./logs-command";
import { UsageError } from "./flags";
import { useStackCredentials } from "./stack-credentials";
import { PROMOTE_HELP, parsePromoteFlags, type PromoteFlags } from "./promote-flags";
import {
  chooseEnvironment,
  chooseStack,
  openProject,
  pulumiStep,
  readStack,
  stackNames,
  type EnvironmentCandidate,
  type Workspace,
} from "./stack-target";

const log = debugLog("promote");

export async function runPromoteCommand(args: string[], io: CommandIo): Promise<number> {
  const flags = parsePromoteFlags(args);
  if (flags.help) {
    io.stdout.write(PROMOTE_HELP);
    return 0;
  }
  const workspace = await openProject(flags.cwd);
  const stackName = await chooseStack(workspace, flags.stack);
  const target = await readStack(workspace, stackName);
  const current = currentApproval(target.config[APPROVAL_CONFIG_KEY], flags.to);
  const targetEnvironment = findEnvironment(target.environments, flags.to);
  try {
    let next: Approval;
    let serviceSid: string;
    let source = "";
    if (flags.rollback) {
      next = rolledBack(current, flags.to);
      if (!targetEnvironment) throw new UsageError(`stack "${stackName}" has no environment "${flags.to}".`);
      serviceSid = targetEnvironment.serviceSid;
      useStackCredentials(target.config);
    } else {
      const from = await sourceEnvironment(workspace, flags, stackName, target.environments);
      useStackCredentials({ ...from.config, ...target.config });
      serviceSid = from.environment.serviceSid;
      if (targetEnvironment && targetEnvironment.serviceSid !== serviceSid) {
        throw new Error(
          `${flags.from} (stack ${from.environment.stackName}) is in Service ${serviceSid}, ${flags.to} (stack ${stackName}) ` +
            `in Service ${targetEnvironment.serviceSid}: a Build can only be promoted within its Service.`,
        );
      }
      const running = await fetchEnvironment(getClient(), serviceSid, from.environment.environmentSid);
      if (!running.build_sid) {
        throw new Error(
          `${flags.from} runs no Build yet: run \`pulumi up\` on stack ${from.environment.stackName} first.`,
        );
      }
      next = promoted(current, running.build_sid, flags.from!);
      source = ` from ${flags.from} (stack ${from.environment.stackName})`;
    }
    const client = getClient();
    const build = await unlessNotFound(() => fetchBuild(client, serviceSid, next.build));
    if (!build || build.status !== "completed") {
      throw new Error(
        build
          ? `Build ${next.build} is ${build.status}, not completed: it cannot be deployed.`
          : `Build ${next.build} is no longer in Service ${serviceSid} (deleted since it was approved); promote a Build again.`,
      );
    }
    const runningSid = targetEnvironment
      ? (await unlessNotFound(() => fetchEnvironment(client, serviceSid, targetEnvironment.environmentSid)))?.build_sid
      : undefined;
    const runningBuild = runningSid
      ? await unlessNotFound(() => fetchBuild(client, serviceSid, runningSid))
      : undefined;
    io.stdout.write(
      `${flags.to} (stack ${stackName}) runs ${runningSid || "nothing yet"}; ` +
        `${flags.rollback ? "rolling back to" : "approving"} ${next.build}${source}.\n`,
    );
    const changes = buildChanges(runningBuild, build);
    io.stdout.write(changes.length ? changes.map((line) => `  ${line}\n`).join("") : "  (no file changes)\n");

    const configFile = `Pulumi.${stackName.split("/").pop()}.yaml`;
    if (sameApproval(current, next)) {
      io.stdout.write(`${configFile} already approves ${next.build} for ${flags.to}: nothing to record.\n`);
    } else {
      await recordApproval(workspace, stackName, flags.to, next);
      io.stdout.write(
        `Recorded in ${configFile}: ${APPROVAL_CONFIG_KEY}.${flags.to} = ${JSON.stringify(next)}.\n` +
          (flags.up ? "" : "Review and commit it, then deploy it with:\n"),
      );
    }
    if (!flags.up) {
      io.stdout.write(`  pulumi up --stack ${stackName}\n`);
      return 0;
    }
  } finally {
    await closeClient();
  }
  return runPulumiUp(flags.cwd, stackName, io);
}

/** The approval recorded for `environment` (any source), or undefined. */
function currentApproval(raw: string | undefined, environment: string): Approval | undefined {
  if (raw === undefined) return undefined;
  let approvals: unknown;
  try {
    approvals = JSON.parse(raw);
  } catch {
    throw new Error(`config ${APPROVAL_CONFIG_KEY} is not an object of environment → approval.`);
  }
  const entry = (approvals as Record<string, { from?: unknown }> | null)?.[environment];
  return approvalOf(approvals, environment, typeof entry?.from === "string" ? entry.from : "");
}

function findEnvironment(candidates: EnvironmentCandidate[], name: string): EnvironmentCandidate | undefined {
  const matches = candidates.filter((candidate) => candidate.names.includes(name));
  return matches.length === 1 ? matches[0] : undefined;
}

/** `--from`'s Environment: in --from-stack, else in the target stack, else in the stack named like it. */
async function sourceEnvironment(
  workspace: Workspace,
  flags: PromoteFlags,
  targetStack: string,
  targetEnvironments: EnvironmentCandidate[],
) {
  const from = flags.from!;
  let stackName = flags.fromStack ? await chooseStack(workspace, flags.fromStack) : undefined;
  if (!stackName && findEnvironment(targetEnvironments, from)) stackName = targetStack;
  if (!stackName) {
    const named = (await stackNames(workspace)).find((name) => name.split("/").pop() === from);
    if (!named) {
      throw new UsageError(
        `stack "${targetStack}" has no environment "${from}" and there is no stack "${from}": name the stack of ${from} with --from-stack.`,
      );
    }
    stackName = named;
  }
  const source = stackName === targetStack ? undefined : await readStack(workspace, stackName);
  const environments = source?.environments ?? targetEnvironments;
  log("source of %s: stack %s", from, stackName);
  return { environment: chooseEnvironment(environments, stackName, from), config: source?.config ?? {} };
}

function sameApproval(a: Approval | undefined, b: Approval): boolean {
  return !!a && a.build === b.build && a.previous === b.previous && a.from === b.from;
}

/** `pulumi config set --path twilio-serverless:approved.<env>.build …` and its siblings. */
async function recordApproval(workspace: Workspace, stackName: string, environment: string, approval: Approval) {
  const key = (field: string) => `${APPROVAL_CONFIG_KEY}.${environment}.${field}`;
  await pulumiStep(() => workspace.setConfig(stackName, key("build"), { value: approval.build }, true));
  if (approval.previous) {
    await pulumiStep(() => workspace.setConfig(stackName, key("previous"), { value: approval.previous! }, true));
  } else {
    await pulumiStep(() => workspace.removeConfig(stackName, key("previous"), true)).catch(() => undefined);
  }
  await pulumiStep(() => workspace.setConfig(stackName, key("from"), { value: approval.from }, true));
}

function runPulumiUp(cwd: string, stackName: string, io: CommandIo): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn("pulumi", ["up", "--stack", stackName, "--yes"], { cwd, stdio: ["inherit", "pipe", "pipe"] });
    child.stdout.on("data", (chunk) => io.stdout.write(chunk));
    child.stderr.on("data", (chunk) => io.stderr.write(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}
