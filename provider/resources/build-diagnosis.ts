/**
 * Why a Build failed. Twilio's API reports only `failed`; the usual cause is a Function that does
 * not compile, which can be found by reading the Build's Function Versions back and compiling
 * them here (compiled only, never run).
 */
import { Script } from "node:vm";
import type { HttpClient } from "../client";
import { fetchFunctionVersionContent } from "../client/api/files";
import type { BuildResource } from "../client/api/types";

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
export async function functionThatDoesNotCompile(client: HttpClient, serviceSid: string, build: BuildResource): Promise<string | undefined> {
  for (const version of build.function_versions ?? []) {
    if (typeof version === "string" || !version.function_sid) continue;
    const source = await fetchFunctionVersionContent(client, serviceSid, version.function_sid, version.sid);
    const problem = compileError(source);
    if (problem) return `${version.path} does not compile: ${problem}. Fix the function and run \`pulumi up\` again.`;
  }
  return undefined;
}
