/**
 * What every command of the package shares about flags: the UsageError (one line, exit code 2)
 * and Node's parseArgs, whose errors are said in the command's words.
 */

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Runs `parse` (Node's parseArgs); a bad flag becomes a UsageError pointing at `<command> --help`. */
export function parseCommandFlags<T>(command: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError(explainParseError(error, command));
  }
}

function explainParseError(error: unknown, command: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  const named = /'([^']+)'/.exec(message)?.[1];
  const help = `see \`npx pulumi-twilio-serverless ${command} --help\``;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && named) return `unknown flag ${named}; ${help}.`;
  if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && named) return `${named.split(" ")[0]} needs a value; ${help}.`;
  if (code === "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL" && named) return `unexpected argument "${named}"; ${help}.`;
  return `${message.split("\n")[0]}; ${help}.`;
}
