/**
 * The Variables of each environment of a ServerlessApp: its .env file under the declared
 * `variables`, checked against Twilio's limits before anything is declared. As with
 * `twilio serverless:deploy`, the folder's `.env` is read when it exists and `envFile` is not
 * given; `envFile: false` reads none. A file several environments read is read once and each of
 * its problems reported once, naming those environments.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import { variablesContextProblem } from "../rules";
import { readDotenvFile, validateVariable } from "./dotenv";
import { gather } from "./problems";

/** What `twilio serverless:deploy` reads without being told. */
export const DEFAULT_ENV_FILE = ".env";

export interface EnvironmentVariablesArgs {
  variables?: Record<string, pulumi.Input<string>>;
  envFile?: string | false;
}

/** "environment dev" or "environments dev and stage". */
function environmentsNamed(names: readonly string[]): string {
  if (names.length === 1) return `environment ${names[0]}`;
  return `environments ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The file an environment reads, as the user wrote it, or undefined for none. */
function envFileOf(directory: string, args: EnvironmentVariablesArgs): string | undefined {
  if (args.envFile === false) return undefined;
  if (args.envFile !== undefined) return args.envFile;
  return fs.existsSync(path.join(directory, DEFAULT_ENV_FILE)) ? DEFAULT_ENV_FILE : undefined;
}

/**
 * Each environment's Variables (in `names`' order): its .env file's under its declared ones.
 * Problems go to `problems`, each once.
 */
export function environmentVariables(
  directory: string,
  names: readonly string[],
  environments: Readonly<Record<string, EnvironmentVariablesArgs>>,
  problems: string[],
): Record<string, pulumi.Input<string>>[] {
  // Environments by the file they read, so each file is read (and blamed) once.
  const readers = new Map<string, { file: string; names: string[] }>();
  for (const name of names) {
    const file = envFileOf(directory, environments[name] ?? {});
    if (file === undefined) continue;
    const key = path.resolve(directory, file);
    if (!readers.has(key)) readers.set(key, { file, names: [] });
    readers.get(key)!.names.push(name);
  }
  const fromFile = new Map<string, Record<string, string>>();
  for (const { file, names: readBy } of readers.values()) {
    const found: string[] = [];
    const vars = gather(found, () => readDotenvFile(file, directory));
    const shared = readBy.length > 1 ? ` Read by ${environmentsNamed(readBy)}.` : "";
    problems.push(...found.map((problem) => `${problem}${shared}`));
    for (const name of readBy) fromFile.set(name, vars ?? {});
  }

  const merged = names.map((name) => {
    const result: Record<string, pulumi.Input<string>> = { ...fromFile.get(name) };
    for (const [key, value] of Object.entries(environments[name]?.variables ?? {})) {
      // Secret or computed values are checked by the Variable resource once known.
      if (typeof value === "string")
        gather(problems, () => validateVariable(key, value, `environments.${name}.variables`));
      result[key] = value;
    }
    return result;
  });

  // The context limit, on the values known now (the Variable resource checks the others).
  const byProblem = new Map<string, string[]>();
  merged.forEach((vars, index) => {
    const known = Object.fromEntries(
      Object.entries(vars).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    const problem = variablesContextProblem(known);
    if (problem) byProblem.set(problem, [...(byProblem.get(problem) ?? []), names[index]]);
  });
  for (const [problem, named] of byProblem) problems.push(`${environmentsNamed(named)}: ${problem}`);
  return merged;
}
