/**
 * ServerlessApp's own checks of what it can know before declaring anything: the service name,
 * the runtime and its runtime handler, the dependencies, each file's size and what one Build may
 * hold. Each problem names the input or file as the user wrote it; Twilio's rules are rules.ts'.
 */
import * as fs from "fs";
import {
  buildCountProblems,
  DEFAULT_RUNTIME,
  dependencyProblems,
  runtimeHandlerProblem,
  runtimeProblem,
  SERVICE_UNIQUE_NAME,
  sizeProblem,
  textProblems,
} from "../rules";
import type { ScannedEntry } from "./scan";

export function serviceNameProblems(serviceName: unknown): string[] {
  if (typeof serviceName !== "string" || serviceName === "") {
    return [`serviceName is required: the Service's unique name, e.g. "my-app" (letters, digits and "-").`];
  }
  return textProblems("serviceName", serviceName, SERVICE_UNIQUE_NAME);
}

/**
 * The runtime (when known now: an Output is checked by the Build) and the dependencies the Build
 * gets; `dependenciesField` says where they were written (`dependencies` or `package.json`).
 */
export function runtimeAndDependencyProblems(
  runtime: unknown,
  dependencies: Record<string, unknown>,
  dependenciesField: string,
): string[] {
  const problems: string[] = [];
  const known = runtime === undefined ? DEFAULT_RUNTIME : typeof runtime === "string" ? runtime : undefined;
  if (known !== undefined) {
    const problem = runtimeProblem("runtime", known);
    if (problem) problems.push(problem);
  }
  const handler = runtimeHandlerProblem(known, dependencies);
  for (const problem of [...dependencyProblems(dependencies), ...(handler ? [handler] : [])])
    problems.push(`${dependenciesField}: ${problem}`);
  return problems;
}

/** Files over their visibility's size limit, named by their place in the folder. */
export function fileSizeProblems(entries: readonly ScannedEntry[]): string[] {
  return entries.flatMap((entry) => {
    const problem = sizeProblem(entry.relativeFile, fs.statSync(entry.file).size, entry.visibility);
    return problem ? [problem] : [];
  });
}

/** What the app's one Build could not hold. */
export function buildSizeProblems(entries: readonly ScannedEntry[]): string[] {
  return buildCountProblems(
    entries.map((entry) => ({ kind: entry.kind, visibility: entry.visibility, label: entry.relativeFile })),
  );
}
