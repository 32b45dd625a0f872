/**
 * The flags of `pulumi-twilio-serverless promote`, checked before anything runs (a UsageError:
 * one line, exit code 2).
 */
import { parseArgs } from "node:util";
import { UsageError } from "./flags";

export interface PromoteFlags {
  help: boolean;
  cwd: string;
  /** The environment whose running Build is approved (not with --rollback). */
  from?: string;
  /** The gated environment. */
  to: string;
  /** The stack holding `to` (default: the selected stack). */
  stack?: string;
  /** The stack holding `from` (default: `--stack` when it has that environment, else the stack named like it). */
  fromStack?: string;
  rollback: boolean;
  /** Run `pulumi up` on the stack afterwards instead of printing it. */
  up: boolean;
}

export const PROMOTE_HELP = `Usage: npx pulumi-twilio-serverless promote --from <env> --to <env> [flags]
       npx pulumi-twilio-serverless promote --rollback --to <env> [flags]

Approves the Build that --from runs now for the gated environment --to
(ServerlessApp: environments.<to>.build = { approved: "<from>" }): shows what changes, then
records it in the stack's config (Pulumi.<stack>.yaml, key twilio-serverless:approved.<to>),
keeping the Build approved until now for --rollback. Nothing is deployed until \`pulumi up\`
of that stack (printed, or run with --up): commit the config change for review first.

Flags:
      --from <env>            the environment whose running Build is approved (e.g. dev)
      --to <env>              the gated environment (e.g. prod)
  -s, --stack <name>          the stack of --to (default: the selected stack)
      --from-stack <name>     the stack of --from (default: --stack if it has that
                              environment, else the stack named like it, e.g. dev)
      --rollback              approve the previously approved Build again (no --from)
      --up                    run \`pulumi up --stack <stack> --yes\` afterwards
  -C, --cwd <folder>          the Pulumi project folder (default: the current folder)
  -h, --help                  this text

Credentials as for \`pulumi up\`: TWILIO_* in the environment or the stack's twilio:* (or the
plugin's twilio-serverless:*) config.
Exit codes: 0 done, 1 failed, 2 bad usage.
`;

export function parsePromoteFlags(args: string[]): PromoteFlags {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        from: { type: "string" },
        to: { type: "string" },
        stack: { type: "string", short: "s" },
        "from-stack": { type: "string" },
        rollback: { type: "boolean" },
        up: { type: "boolean" },
        cwd: { type: "string", short: "C" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageError(`${message}; see \`npx pulumi-twilio-serverless promote --help\`.`);
  }
  const text = (name: string) => values[name] as string | undefined;
  const flags: PromoteFlags = {
    help: values.help === true,
    cwd: text("cwd") ?? process.cwd(),
    from: text("from"),
    to: text("to") ?? "",
    stack: text("stack"),
    fromStack: text("from-stack"),
    rollback: values.rollback === true,
    up: values.up === true,
  };
  if (flags.help) return flags;
  if (!flags.to) throw new UsageError("--to <environment> is needed: the gated environment, e.g. --to prod.");
  if (flags.rollback && (flags.from || flags.fromStack)) {
    throw new UsageError("--rollback goes back to the previously approved Build: leave out --from and --from-stack.");
  }
  if (!flags.rollback && !flags.from) {
    throw new UsageError(
      `--from <environment> is needed: the environment whose Build ${flags.to} gets, e.g. --from dev.`,
    );
  }
  if (flags.from && flags.from === flags.to) throw new UsageError(`--from and --to are both "${flags.to}".`);
  return flags;
}
