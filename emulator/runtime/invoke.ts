import { describeError, emitLog, invocationScope, newRequestSid, type InvocationScope } from "./invocation-scope";
import { EmulatorFault } from "./emulator-fault";
import { credentialsOf, functionEnv } from "./function-env";
import type { TwilioPackage } from "./host-modules";
import { buildEvent, type RequestParams } from "./request-params";
import type { FunctionSandbox } from "./sandbox";
import { sandboxFor } from "./sandbox-pool";
import { errorToDomainResponse, resultToDomainResponse } from "./twilio-response";
import type { DeployedEnvironment, DeployedFile, DomainRequest, DomainResponse, FunctionLog } from "./types";

/** Twilio stops a function that has not called back after 10 seconds. */
export const DEFAULT_FUNCTION_TIMEOUT_MS = 10_000;

const TIMED_OUT = "Runtime Application timed out";

/** The invocation ran out of time (the async timer fired). */
class FunctionTimeout extends Error {}

/**
 * Runs one function invocation: `handler(context, event, callback)` inside the sandbox, under its
 * own invocation scope (request sid, log sink). It resolves with the first of: the callback's
 * result, the error thrown or passed to the callback (500), or the timeout (504).
 */
export async function invokeFunction(
  env: DeployedEnvironment,
  file: DeployedFile,
  request: DomainRequest,
  params: RequestParams,
  onLog: (log: FunctionLog) => void,
): Promise<DomainResponse> {
  let sandbox: FunctionSandbox;
  try {
    sandbox = await sandboxFor(env);
  } catch (error) {
    return errorToDomainResponse(new EmulatorFault("opening the Build's functions", error));
  }
  const timeoutMs = env.functionTimeoutMs ?? DEFAULT_FUNCTION_TIMEOUT_MS;
  return new Promise((resolve) => {
    let finished = false;
    const finish = (response: DomainResponse) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      sandbox.leave();
      resolve(response);
    };
    const scope: InvocationScope = {
      functionSid: file.sid,
      requestSid: newRequestSid(),
      onLog,
      env: functionEnv(env),
      fail(error) {
        if (isTimeout(error)) {
          emitLog(scope, "error", TIMED_OUT);
          return finish(timedOut());
        }
        emitLog(scope, "error", describeError(error));
        finish(errorToDomainResponse(error));
      },
    };
    const callback = (error?: unknown, result?: unknown) => {
      if (finished) return;
      if (error) return scope.fail(error);
      try {
        finish(resultToDomainResponse(result));
      } catch (encodingError) {
        scope.fail(encodingError);
      }
    };
    sandbox.enter();
    const timer = setTimeout(() => scope.fail(new FunctionTimeout(TIMED_OUT)), timeoutMs);
    invocationScope.run(scope, () => {
      try {
        const context = buildContext(env, file, sandbox.twilio);
        const event = buildEvent(request, params);
        const returned = sandbox.runGuarded(() => sandbox.handlerOf(file)(context, event, callback), timeoutMs);
        // An async handler's rejection is its thrown error; it must still call back to answer.
        if (returned && typeof (returned as Promise<unknown>).then === "function") {
          (returned as Promise<unknown>).then(undefined, (error) => scope.fail(error));
        }
      } catch (error) {
        scope.fail(error);
      }
    });
  });
}

/**
 * The `context` argument: the environment's Variables, then what Twilio sets itself (which wins
 * over a Variable of the same name), and `getTwilioClient()`.
 */
function buildContext(env: DeployedEnvironment, file: DeployedFile, twilio: TwilioPackage): Record<string, unknown> {
  const includeCredentials = env.includeCredentials !== false;
  return {
    ...env.variables,
    ...credentialsOf(env),
    DOMAIN_NAME: env.domainName,
    PATH: file.path,
    SERVICE_SID: env.serviceSid,
    ENVIRONMENT_SID: env.environmentSid,
    getTwilioClient(options?: Record<string, unknown>) {
      if (!includeCredentials) {
        throw new Error(
          "context.getTwilioClient() needs the account's credentials, and this Service has " +
            "include_credentials off: turn IncludeCredentials on or build a client yourself",
        );
      }
      return twilio(env.accountSid, env.authToken, { lazyLoading: true, ...options });
    },
  };
}

function isTimeout(error: unknown): boolean {
  // ERR_SCRIPT_EXECUTION_TIMEOUT: V8 stopped a synchronous loop (see FunctionSandbox.runGuarded).
  return (
    error instanceof FunctionTimeout || (error as { code?: unknown } | null)?.code === "ERR_SCRIPT_EXECUTION_TIMEOUT"
  );
}

function timedOut(): DomainResponse {
  return { status: 504, headers: { "Content-Type": "text/plain; charset=utf-8" }, body: Buffer.from(TIMED_OUT) };
}
