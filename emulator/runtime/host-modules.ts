import { createRequire } from "node:module";

/**
 * `require` as the emulator's own package resolves it: functions get Node's built-in modules and
 * the packages installed beside the emulator (twilio and its dependencies, lodash if present, …).
 */
export const hostRequire: NodeRequire = createRequire(__filename);

type TwilioPackage = typeof import("twilio");
let twilioPackage: TwilioPackage | undefined;

/** The `twilio` package, loaded on first use: it takes a few hundred ms, and only functions need it. */
export function hostTwilio(): TwilioPackage {
  twilioPackage ??= hostRequire("twilio") as TwilioPackage;
  return twilioPackage;
}
