/**
 * The provider's debug log: `DEBUG=pulumi-twilio-serverless:*` (the `debug` package's convention,
 * as the Toolkit's `DEBUG=twilio-serverless-api:*`). One namespace per layer, e.g. `:http`,
 * `:files`, `:build`, `:diff`. Never pass a credential, an auth header or a Variable's value.
 */
import createDebug from "debug";

export type DebugLog = createDebug.Debugger;

export function debugLog(area: string): DebugLog {
  return createDebug(`pulumi-twilio-serverless:${area}`);
}
