import type { EmulatorCredentials } from "../credentials";
import { unauthorized } from "./errors";

/**
 * HTTP Basic with the Account SID + Auth Token or an API Key SID + secret. Returns the account
 * the request acts for; anything else is a 401 / 20003.
 */
export function authenticate(header: string | undefined, credentials: EmulatorCredentials): string {
  if (!header || !/^basic /i.test(header)) {
    throw unauthorized("Authentication Error - No credentials provided");
  }
  const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const username = colon < 0 ? decoded : decoded.slice(0, colon);
  const password = colon < 0 ? "" : decoded.slice(colon + 1);
  if (username === credentials.accountSid && password === credentials.authToken) return credentials.accountSid;
  if (credentials.apiKeys.some((key) => key.sid === username && key.secret === password)) return credentials.accountSid;
  throw unauthorized("Authentication Error - invalid username or password");
}
