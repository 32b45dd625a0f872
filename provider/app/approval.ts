/**
 * The promotion gate's record: which Build each gated environment runs, kept in the stack's
 * configuration (a reviewable line in Pulumi.<stack>.yaml), written by `pulumi-twilio-serverless
 * promote` and read by ServerlessApp. Pure: the CLI loads it without the Pulumi SDK.
 *
 *   config:
 *     twilio-serverless:approved:
 *       prod:
 *         build: ZB…      # what prod runs
 *         previous: ZB…   # what it ran before (`promote --rollback` goes back to it)
 *         from: dev       # the environment it was approved from
 */
import { BUILD_SID_PATTERN } from "../rules";

export const APPROVAL_NAMESPACE = "twilio-serverless";
export const APPROVAL_KEY = "approved";
/** `twilio-serverless:approved`, as `pulumi config` names it. */
export const APPROVAL_CONFIG_KEY = `${APPROVAL_NAMESPACE}:${APPROVAL_KEY}`;

export interface Approval {
  build: string;
  previous?: string;
  from: string;
}

/** The approvals of every gated environment of a stack, by environment name. */
export type Approvals = Record<string, Approval>;

/**
 * The approval of `environment` in the stack's config value (`undefined`: none yet), checked:
 * a bad value names the config line and the command that writes it.
 */
export function approvalOf(approvals: unknown, environment: string, approvedFrom: string): Approval | undefined {
  const where = `config ${APPROVAL_CONFIG_KEY}.${environment}`;
  const fix = `run \`npx pulumi-twilio-serverless promote --from ${approvedFrom} --to ${environment}\``;
  if (approvals === undefined || approvals === null) return undefined;
  if (typeof approvals !== "object" || Array.isArray(approvals)) {
    throw new Error(`config ${APPROVAL_CONFIG_KEY} must be an object of environment → approval; ${fix}.`);
  }
  const entry = (approvals as Record<string, unknown>)[environment];
  if (entry === undefined || entry === null) return undefined;
  const { build, previous, from } = (typeof entry === "object" ? entry : {}) as Record<string, unknown>;
  if (typeof build !== "string" || !BUILD_SID_PATTERN.test(build)) {
    throw new Error(`${where}.build must be a Build sid (ZB and 32 hex digits), got ${JSON.stringify(build)}; ${fix}.`);
  }
  if (previous !== undefined && (typeof previous !== "string" || !BUILD_SID_PATTERN.test(previous))) {
    throw new Error(`${where}.previous must be a Build sid or absent, got ${JSON.stringify(previous)}.`);
  }
  if (from !== approvedFrom) {
    throw new Error(
      `${where} approves a Build from ${JSON.stringify(from)}, but environments.${environment}.build says ` +
        `{ approved: "${approvedFrom}" }; ${fix}.`,
    );
  }
  return { build, from, ...(previous ? { previous } : {}) };
}

/** The approval after promoting `build`: the Build run until now becomes the rollback target. */
export function promoted(current: Approval | undefined, build: string, from: string): Approval {
  if (current?.build === build) return current;
  return { build, from, ...(current ? { previous: current.build } : {}) };
}

/** The approval after a rollback: back to the previous Build (which becomes the way forward again). */
export function rolledBack(current: Approval | undefined, environment: string): Approval {
  if (!current?.previous) {
    throw new Error(
      `${environment} has no previously approved Build to go back to (config ${APPROVAL_CONFIG_KEY}.${environment}.previous is not set).`,
    );
  }
  return { build: current.previous, previous: current.build, from: current.from };
}
