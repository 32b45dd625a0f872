/**
 * .env files as `twilio serverless:deploy` reads them, and the checks Twilio applies to
 * Variables.
 *
 * The Toolkit parses with `dotenv` 6 (twilio-run's dependency `dotenv ^6.2.0`):
 * - one `KEY=VALUE` per line; the key is letters, digits, `_`, `.` or `-`; spaces around the
 *   key, the `=` and the value are dropped;
 * - a value wrapped in matching `'…'` or `"…"` loses the quotes; inside double quotes `\n`
 *   becomes a newline; nothing else is unescaped;
 * - `#` starts a comment only at the start of a line: `A=b # c` is the value `b # c`; so the
 *   metadata lines of Twilio's templates (`# description: …`, `# format: …`, `# required: true`,
 *   the configure-env grammar) are comments and never reach a value;
 * - a later line wins over an earlier one with the same key.
 * Then (twilio-run `filterEnvVariablesForDeploy`) `ACCOUNT_SID`, `AUTH_TOKEN` and empty values
 * are dropped.
 *
 * Where dotenv 6 silently skips a line it cannot read (or keeps a stray quote), this parser stops
 * with the file and line number; it accepts an `export ` prefix (as newer dotenv versions do), and
 * `A="b"  ` (spaces after the closing quote) is `b`, where dotenv 6 keeps the quotes.
 * Twilio: a key has at most 128 characters, a value at most 450 bytes (Serverless API docs).
 */
import * as fs from "fs";
import * as path from "path";
import { textProblems, VARIABLE_KEY, VARIABLE_VALUE } from "../rules";

/** Keys the Toolkit never deploys: Twilio supplies them itself when the Service includes credentials. */
export const RESERVED_VARIABLE_KEYS: readonly string[] = ["ACCOUNT_SID", "AUTH_TOKEN"];

const LINE_PATTERN = /^\s*(?:export\s+)?([^=\s]+)\s*=(.*)$/;

/**
 * Parses .env text into key/value pairs, in file order. `source` names the file in errors.
 * Returns every key, including reserved and empty ones (see filterDeployVariables).
 */
export function parseDotenv(text: string, source: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  lines.forEach((line, index) => {
    const where = `${source}:${index + 1}`;
    if (/^\s*(#.*)?$/.test(line)) return;
    const match = LINE_PATTERN.exec(line);
    if (!match) {
      // The line's text is never repeated: a malformed line may well hold a secret.
      if (!line.includes("=")) throw new Error(`${where}: expected KEY=VALUE (or a # comment); the line has no "=".`);
      checkKey(
        line
          .slice(0, line.indexOf("="))
          .trim()
          .replace(/^export\s+/, ""),
        where,
      );
      throw new Error(`${where}: expected KEY=VALUE (or a # comment).`);
    }
    const key = match[1];
    checkKey(key, where);
    const value = unquote(match[2].trim(), where);
    delete result[key]; // the last occurrence decides the order too
    result[key] = value;
  });
  return result;
}

/**
 * Drops what the Toolkit does not deploy: ACCOUNT_SID, AUTH_TOKEN and empty values.
 */
export function filterDeployVariables(vars: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(vars)) {
    if (value === "" || RESERVED_VARIABLE_KEYS.includes(key)) continue;
    result[key] = value;
  }
  return result;
}

/**
 * Checks keys and values against Twilio's limits; `source` names where they came from
 * (a file, or a field such as `environments.dev.variables`).
 */
export function validateVariables(vars: Record<string, string>, source: string): void {
  for (const [key, value] of Object.entries(vars)) validateVariable(key, value, source);
}

/** One key and value; for values known only later (e.g. inside a Pulumi `apply`). */
export function validateVariable(key: string, value: string, source: string): void {
  checkKey(key, source);
  if (typeof value !== "string") {
    throw new Error(`${source}: the value of ${key} must be a string, got ${typeof value}.`);
  }
  // The value is never echoed: it may well be a secret.
  const [problem] = textProblems(`the value of ${key}`, value, VARIABLE_VALUE, false);
  if (problem) throw new Error(`${source}: ${problem.replace(/\.$/, ", or keep large data in a private asset.")}`);
}

/**
 * Reads a .env file (relative paths from `baseDir`, default the working directory), keeps what
 * the Toolkit would deploy and checks it. A missing file is an error. Errors name the file as
 * the user wrote it (`.env.dev`, not an absolute path).
 */
export function readDotenvFile(file: string, baseDir: string = process.cwd()): Record<string, string> {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(baseDir, file), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`envFile: "${file}" does not exist. Create it or remove envFile.`, { cause: err });
    }
    throw err;
  }
  const vars = filterDeployVariables(parseDotenv(text, file));
  validateVariables(vars, file);
  return vars;
}

/** The words of the Variable resource's own check, after where the key was written. */
function checkKey(key: string, where: string): void {
  const [problem] = textProblems("key", key, VARIABLE_KEY);
  if (problem) throw new Error(`${where}: ${problem}`);
}

function unquote(value: string, where: string): string {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return value;
  if (value.length < 2 || value[value.length - 1] !== quote) {
    throw new Error(
      `${where}: the value opens a ${quote} quote that does not close at the end of the line ` +
        `(multi-line values and comments after a quoted value are not supported).`,
    );
  }
  const inner = value.slice(1, -1);
  return quote === '"' ? inner.replace(/\\n/g, "\n") : inner;
}
