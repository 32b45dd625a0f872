import { hostTwilio } from "./host-modules";
import { headerValue, type RequestParams } from "./request-params";
import type { DeployedEnvironment, DomainRequest } from "./types";

/**
 * Whether a request to a protected function or asset carries a valid X-Twilio-Signature:
 * HMAC-SHA1 with the account's auth token over `https://<domain><path>[?query]` plus the sorted
 * form params, or, for a JSON body, over the URL whose `bodySHA256` must match the body.
 * The check is the `twilio` package's own, so the emulator accepts exactly what Twilio's helper
 * libraries sign (port and legacy query variants included).
 */
export function hasValidSignature(env: DeployedEnvironment, request: DomainRequest, params: RequestParams): boolean {
  const signature = headerValue(request, "x-twilio-signature");
  if (!signature) return false;
  const url = `https://${env.domainName}${request.path}${request.query ? "?" + request.query : ""}`;
  const twilio = hostTwilio();
  if (params.query.bodySHA256 !== undefined) {
    return twilio.validateRequestWithBody(env.authToken, signature, url, request.body.toString("utf8"));
  }
  return twilio.validateRequest(env.authToken, signature, url, params.form ?? {});
}
