/**
 * `pulumi-twilio-serverless logs`: the stack's Environment (Automation API), its credentials
 * (environment, or the stack's twilio:* or twilio-serverless:* config, as in `pulumi up`), then readLogs or tailLogs.
 * Ctrl-C ends a tail cleanly (exit 0); a second Ctrl-C ends it at once.
 */
import { closeClient, getClient } from "../client";
import { readLogs, tailLogs, type ReadLogsOptions } from "../logs/read-logs";
import { formatEntry, wantsColor } from "./format";
import { LOGS_HELP, parseLogsFlags } from "./logs-flags";
import { useStackCredentials } from "./stack-credentials";
import { findStackTarget } from "./stack-target";

export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
}

export async function runLogsCommand(args: string[], io: CommandIo): Promise<number> {
  const flags = parseLogsFlags(args);
  if (flags.help) {
    io.stdout.write(LOGS_HELP);
    return 0;
  }
  const { environment, config } = await findStackTarget(flags);
  useStackCredentials(config);
  const options: ReadLogsOptions = {
    serviceSid: environment.serviceSid,
    environmentSid: environment.environmentSid,
    since: flags.since,
    until: flags.until,
    functionPath: flags.functionPath,
    level: flags.level,
    client: getClient(),
  };
  const style = { json: flags.json, color: wantsColor(io.stdout) };
  try {
    if (!flags.tail) {
      const entries = await readLogs(options);
      for (const entry of entries) io.stdout.write(formatEntry(entry, style) + "\n");
      if (entries.length === 0)
        io.stderr.write(
          `No logs in environment ${environment.name} of stack ${environment.stackName} in this window.\n`,
        );
      return 0;
    }
    const stop = new AbortController();
    const onSignal = () => (stop.signal.aborted ? process.exit(130) : stop.abort());
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      for await (const entry of tailLogs({ ...options, signal: stop.signal }))
        io.stdout.write(formatEntry(entry, style) + "\n");
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
    return 0;
  } finally {
    await closeClient();
  }
}
