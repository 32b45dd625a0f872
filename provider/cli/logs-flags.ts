/**
 * The flags of `pulumi-twilio-serverless logs`, parsed and checked before anything runs: a bad
 * one is a UsageError (one line, exit code 2) that names what was typed and what is accepted.
 */
import { parseArgs } from "node:util";
import { LOG_LEVELS, type LogLevel } from "../logs/read-logs";
import { parseCommandFlags, UsageError } from "./flags";

export { UsageError };

export interface LogsFlags {
  help: boolean;
  /** The Pulumi project folder. */
  cwd: string;
  stack?: string;
  environment?: string;
  functionPath?: string;
  since?: Date;
  until?: Date;
  tail: boolean;
  json: boolean;
  level?: LogLevel;
}

export const LOGS_HELP = `Usage: npx pulumi-twilio-serverless logs [flags]

Prints what the functions of a deployed environment logged (console.log/warn/error), one line
per entry: time, level, function path, message. Run it in the folder of the Pulumi project
(after \`pulumi up\`): the Service and Environment come from the stack's state.

Flags:
  -s, --stack <name>          the stack (default: the selected stack)
  -e, --environment <name>    the environment, as named in ServerlessApp (e.g. dev);
                              required when the stack has several
  -f, --function <path>       only this function's lines (e.g. /hello)
      --since <when>          from a duration ago (30s, 10m, 2h, 1d) or an ISO 8601 time
                              (2026-11-30T10:00:00Z); default: the last 15 minutes
      --until <when>          up to this time (same forms as --since); not with --tail
  -t, --tail                  keep printing new lines as they come, until Ctrl-C
      --json                  one JSON object per line instead of text
      --level <level>         minimum level: info, warn or error
  -C, --cwd <folder>          the Pulumi project folder (default: the current folder)
  -h, --help                  this text

Credentials: TWILIO_ACCOUNT_SID + TWILIO_AUTH_TOKEN (or TWILIO_API_KEY + TWILIO_API_SECRET)
in the environment, or the stack's twilio:* (or plugin's twilio-serverless:*) config.
Exit codes: 0 done, 1 failed, 2 bad usage.
`;

const DURATION_UNITS_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "10m" → 10 minutes before `now`; an ISO 8601 time as is. */
export function parseWhen(flag: string, raw: string, now = Date.now()): Date {
  const duration = /^(\d+)([smhd])$/.exec(raw.trim());
  if (duration) return new Date(now - Number(duration[1]) * DURATION_UNITS_MS[duration[2]]);
  if (/^\d{4}-\d{2}-\d{2}/.test(raw.trim())) {
    const time = Date.parse(raw.trim());
    if (!Number.isNaN(time)) return new Date(time);
  }
  throw new UsageError(
    `${flag} "${raw}" is neither a duration (30s, 10m, 2h, 1d) nor an ISO 8601 time (2026-11-30T10:00:00Z).`,
  );
}

export function parseLogsFlags(args: string[], now = Date.now()): LogsFlags {
  const { values } = parseCommandFlags("logs", () =>
    parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        stack: { type: "string", short: "s" },
        environment: { type: "string", short: "e" },
        function: { type: "string", short: "f" },
        since: { type: "string" },
        until: { type: "string" },
        tail: { type: "boolean", short: "t" },
        json: { type: "boolean" },
        level: { type: "string" },
        cwd: { type: "string", short: "C" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  const flags: LogsFlags = {
    help: values.help === true,
    cwd: values.cwd ?? process.cwd(),
    stack: values.stack,
    environment: values.environment,
    functionPath: values.function,
    tail: values.tail === true,
    json: values.json === true,
  };
  if (flags.help) return flags;
  const { since, until } = values;
  if (since !== undefined) flags.since = parseWhen("--since", since, now);
  if (until !== undefined) flags.until = parseWhen("--until", until, now);
  if (flags.tail && flags.until)
    throw new UsageError("--until and --tail do not go together: --tail follows new lines from --since on.");
  if (flags.since && flags.until && flags.since > flags.until) {
    throw new UsageError(`--since (${flags.since.toISOString()}) is after --until (${flags.until.toISOString()}).`);
  }
  const level = values.level;
  if (level !== undefined) {
    if (!(LOG_LEVELS as readonly string[]).includes(level.toLowerCase())) {
      throw new UsageError(`--level "${level}" is not a level: use ${LOG_LEVELS.join(", ")}.`);
    }
    flags.level = level.toLowerCase() as LogLevel;
  }
  if (flags.functionPath !== undefined && !flags.functionPath.startsWith("/")) {
    throw new UsageError(
      `--function "${flags.functionPath}" is not a path: functions are named by the path they are served at, e.g. --function /${flags.functionPath}.`,
    );
  }
  return flags;
}
