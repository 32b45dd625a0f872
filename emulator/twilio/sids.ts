import { randomBytes } from "node:crypto";

/** Twilio's sid prefixes for the resources the emulator creates. */
export const SID_PREFIX = {
  service: "ZS",
  environment: "ZE",
  function: "ZH",
  asset: "ZH",
  version: "ZN",
  build: "ZB",
  deployment: "ZD",
  variable: "ZV",
  log: "NO",
  request: "RQ",
} as const;

/** A new sid: the two-letter prefix and 32 random hex digits, like Twilio's. */
export function newSid(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

/** True when `value` has the shape of a sid with the given prefix. */
export function isSid(value: string, prefix: string): boolean {
  return value.length === 34 && value.startsWith(prefix) && /^[0-9a-fA-F]{32}$/.test(value.slice(2));
}
