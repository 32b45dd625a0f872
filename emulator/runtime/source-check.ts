import vm from "node:vm";
import { MODULE_WRAPPER_PARAMS } from "./sandbox-modules";

/**
 * The compile error of a function's source as Node would load it (a CommonJS module body), as
 * `<path>:<line>: SyntaxError: <message>`, or undefined when it compiles. Nothing is run.
 */
export function checkFunctionSource(source: string, path: string): string | undefined {
  try {
    vm.compileFunction(source, MODULE_WRAPPER_PARAMS, { filename: path });
    return undefined;
  } catch (error) {
    const { name, message, stack } = error as Error;
    // V8 starts a compile error's stack with "<filename>:<line>".
    const firstLine = String(stack).split("\n", 1)[0];
    const line = firstLine.startsWith(path + ":") ? firstLine.slice(path.length + 1) : "";
    return `${path}${/^\d+$/.test(line) ? ":" + line : ""}: ${name}: ${message}`;
  }
}
