/**
 * Why a Build failed. Twilio's API reports only `failed`; the usual causes are a Function that does
 * not compile, found by reading the Build's Function Versions back and compiling them here
 * (compiled only, never run), and a dependency npm cannot install, found by asking npm about each.
 */
import { execFile } from "node:child_process";
import { Script } from "node:vm";
import type { HttpClient } from "../client";
import { fetchFunctionVersionContent } from "../client/api/files";
import type { BuildResource } from "../client/api/types";
import { dependencySourceProblem } from "../rules";

/** Node's CommonJS wrapper on one line, so line numbers in errors are the file's own. */
const MODULE_WRAPPER_START = "(function (exports, require, module, __filename, __dirname) {";

/** "SyntaxError: Unexpected token ')' (line 2)" for source that does not compile, else undefined. */
export function compileError(source: string): string | undefined {
  try {
    new Script(`${MODULE_WRAPPER_START}${source}\n})`, { filename: "function.js" });
    return undefined;
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "SyntaxError") return undefined;
    const line = /^function\.js:(\d+)/.exec(error.stack ?? "")?.[1];
    return `${error.name}: ${error.message}${line ? ` (line ${line})` : ""}`;
  }
}

/** "/hello does not compile: SyntaxError: … (line 2)" for the first Function of the Build that does not compile. */
export async function functionThatDoesNotCompile(
  client: HttpClient,
  serviceSid: string,
  build: BuildResource,
): Promise<string | undefined> {
  for (const version of build.function_versions ?? []) {
    if (typeof version === "string" || !version.function_sid) continue;
    const source = await fetchFunctionVersionContent(client, serviceSid, version.function_sid, version.sid);
    const problem = compileError(source);
    if (problem) return `${version.path} does not compile: ${problem}. Fix the function and run \`pulumi up\` again.`;
  }
  return undefined;
}

/** What `npm view name@version version --json` says: undefined when the version exists, else npm's error. */
function npmView(name: string, version: string): Promise<{ code: string; summary: string } | undefined> {
  return new Promise((resolve) => {
    const args = ["view", `${name}@${version}`, "version", "--json"];
    execFile("npm", args, { timeout: 60_000, shell: process.platform === "win32" }, (_error, stdout) => {
      let parsed: { error?: { code?: string; summary?: string } } | string[] | string | undefined;
      try {
        parsed = stdout.trim() ? JSON.parse(stdout) : undefined;
      } catch {
        parsed = undefined;
      }
      const npmError = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed.error : undefined;
      if (npmError) return resolve({ code: npmError.code ?? "", summary: npmError.summary ?? "" });
      // The version exists, or npm gave no answer (not installed, registry out of reach): nothing to say.
      resolve(undefined);
    });
  });
}

/**
 * "dependency ms@99.0.0 cannot be installed: npm says …" for the first declared dependency that is
 * not on the npm registry or has no such version; undefined when npm knows them all (or is out of reach).
 */
export async function dependencyThatCannotInstall(declared: Record<string, string>): Promise<string | undefined> {
  const fix = "Fix it in dependencies (ServerlessApp: the folder's package.json) and run `pulumi up` again.";
  const entries = Object.entries(declared);
  for (const [name, version] of entries) {
    const source = dependencySourceProblem(`dependency ${name}`, version);
    if (source) return `${source} ${fix}`;
  }
  const answers = await Promise.all(entries.map(([name, version]) => npmView(name, version)));
  const index = answers.findIndex((answer) => answer !== undefined && /^E404|^ETARGET/.test(answer.code));
  if (index < 0) return undefined;
  const [name, version] = entries[index];
  return `dependency ${name}@${version} cannot be installed: npm says "${answers[index]!.summary}" (${answers[index]!.code}). ${fix}`;
}
