#!/usr/bin/env node
/**
 * `npx pulumi-twilio-serverless <command>`: the package's command line (`logs`, `import-file`, `promote`).
 * Errors are one line on stderr: exit code 2 for bad usage (a flag, a stack or environment that
 * does not exist), 1 for a failure (an API error, which never shows a secret).
 */
import { LogsInputError } from "../logs/read-logs";
import { UsageError } from "./flags";
import { runImportFileCommand } from "./import-file-command";
import { runLogsCommand, type CommandIo } from "./logs-command";
import { runPromoteCommand } from "./promote-command";

const PROGRAM = "pulumi-twilio-serverless";
const COMMANDS = ["logs", "import-file", "promote"];

const HELP = `Usage: npx ${PROGRAM} <command> [flags]

Commands:
  logs          print (or --tail) what the deployed functions of a stack's environment logged
  import-file   write the \`pulumi import --file\` JSON of an existing Service
  promote       approve the Build one environment runs for a gated one (or --rollback)

Run \`npx ${PROGRAM} <command> --help\` for its flags.
`;

export async function main(
  argv: string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "logs") return await runLogsCommand(rest, io);
    if (command === "import-file") return await runImportFileCommand(rest, io);
    if (command === "promote") return await runPromoteCommand(rest, io);
    if (command === "--help" || command === "-h" || command === "help") {
      io.stdout.write(HELP);
      return 0;
    }
    throw new UsageError(
      command === undefined
        ? `a command is needed: ${COMMANDS.join(", ")}. See --help.`
        : `unknown command "${command}": the commands are: ${COMMANDS.join(", ")}. See --help.`,
    );
  } catch (error) {
    const usage = error instanceof UsageError || error instanceof LogsInputError;
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `${PROGRAM}${COMMANDS.includes(command) ? ` ${command}` : ""}: ${usage ? "" : "error: "}${message.split("\n")[0]}\n`,
    );
    return usage ? 2 : 1;
  }
}

/** Runs the command line on this process's arguments (the bin shim and `node dist/cli/main.js`). */
export function runCli(): void {
  // `logs … | head`: a reader that stops reading ends the command quietly.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

if (require.main === module) runCli();
