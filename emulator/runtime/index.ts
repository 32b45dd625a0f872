import type { DeployedEnvironment, DomainRequest, DomainResponse, FunctionLog } from "./types";
export * from "./types";

/** Serves one request to a deployed domain. Stub until the runtime lands. */
export async function serveDomainRequest(
  env: DeployedEnvironment,
  request: DomainRequest,
  onLog: (log: FunctionLog) => void,
): Promise<DomainResponse> {
  void env; void request; void onLog;
  throw new Error("runtime not implemented yet");
}

/** Returns the compile error of a function's source, or undefined when it compiles. */
export function checkFunctionSource(source: string, path: string): string | undefined {
  void source; void path;
  return undefined;
}
