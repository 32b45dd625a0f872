/** The emulator's debug log: `DEBUG=twilio-serverless-emulator:*` (one namespace per area). */
import createDebug from "debug";

export function debugLog(area: string): createDebug.Debugger {
  return createDebug(`twilio-serverless-emulator:${area}`);
}
