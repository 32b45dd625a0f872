import { createRequire } from "node:module";

/**
 * `require` as the emulator's own package resolves it: Node's built-in modules, the emulator's
 * `twilio`, and (given an absolute path) the files of a Build's installed packages.
 */
export const hostRequire: NodeRequire = createRequire(__filename);

/**
 * Packages functions get from the emulator itself when their Build does not install them:
 * Twilio's default `twilio`, which the emulator also hands to functions as the `Twilio` global.
 */
export const PACKAGES_FROM_EMULATOR: ReadonlySet<string> = new Set(["twilio"]);

export type TwilioPackage = typeof import("twilio");
let twilioPackage: TwilioPackage | undefined;

/** The `twilio` package, loaded on first use: it takes a few hundred ms, and only functions need it. */
export function hostTwilio(): TwilioPackage {
  twilioPackage ??= hostRequire("twilio") as TwilioPackage;
  return twilioPackage;
}
