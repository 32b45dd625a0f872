/**
 * `twilio-serverless-emulator sign --url URL [--param KEY=VALUE]...`: the X-Twilio-Signature a
 * protected function wants, made with the `twilio` package's own getExpectedTwilioSignature and
 * the auth token of the environment (TWILIO_AUTH_TOKEN, else the emulator's test token), the one
 * the bin checks signatures with. Prints the signature alone, for `curl -H`.
 */
import { credentialsFromEnv } from "../credentials";
import { hostTwilio } from "./host-modules";

export const SIGN_USAGE =
  "usage: twilio-serverless-emulator sign --url https://<domain>/<path>[?query] [--param KEY=VALUE]...";

export function signCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): string {
  let url: string | undefined;
  const params: Record<string, string | string[]> = {};
  for (let index = 0; index < argv.length; index++) {
    const match = /^(--url|--param)(?:=([\s\S]*))?$/.exec(argv[index]);
    if (!match) throw new Error(`unknown argument ${argv[index]}\n${SIGN_USAGE}`);
    const value = match[2] ?? argv[++index];
    if (value === undefined) throw new Error(`${match[1]} needs a value\n${SIGN_USAGE}`);
    if (match[1] === "--url") {
      url = value;
      continue;
    }
    const equals = value.indexOf("=");
    if (equals <= 0) throw new Error(`--param needs KEY=VALUE, got "${value}"\n${SIGN_USAGE}`);
    const [key, item] = [value.slice(0, equals), value.slice(equals + 1)];
    // A repeated key is a list, as a repeated form field is.
    const existing = params[key];
    params[key] = existing === undefined ? item : ([] as string[]).concat(existing, item);
  }
  if (!url) throw new Error(`sign needs --url\n${SIGN_USAGE}`);
  if (!/^https:\/\/[^/]+\//.test(url)) {
    throw new Error(
      `sign --url wants the function's URL on Twilio, https://<domain>/<path> (e.g. https://my-app-1234-dev.twil.io/secret), ` +
        `got "${url}": Twilio signs that URL whatever address the request is sent to`,
    );
  }
  return hostTwilio().getExpectedTwilioSignature(credentialsFromEnv(env).authToken, url, params);
}
