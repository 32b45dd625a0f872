import mime from "mime-types";
import { invokeFunction } from "./invoke";
import { parseRequestParams, RejectedRequest, safeDecode, type RequestParams } from "./request-params";
import { hasValidSignature } from "./signature";
import type { DeployedEnvironment, DeployedFile, DomainRequest, DomainResponse, FunctionLog } from "./types";

export * from "./types";
export { checkFunctionSource } from "./source-check";
export { closeSandboxes as closeDomainRuntime } from "./sandbox-pool";
export { DEFAULT_FUNCTION_TIMEOUT_MS } from "./invoke";

/**
 * Serves one request to a deployed domain as Twilio's edge and runtime would: the GET-with-body
 * rule, routing, visibility (private not served, protected needs X-Twilio-Signature), CORS
 * preflight, then the asset's bytes or the function's answer.
 */
export async function serveDomainRequest(
  env: DeployedEnvironment,
  request: DomainRequest,
  onLog: (log: FunctionLog) => void,
): Promise<DomainResponse> {
  const method = request.method.toUpperCase();
  // Twilio's CDN (CloudFront) refuses a GET or HEAD with a body before it reaches the runtime.
  if ((method === "GET" || method === "HEAD") && request.body.length > 0) {
    return text(403, "<h1>403 ERROR</h1><h2>The request could not be satisfied.</h2>Bad request.", "text/html");
  }
  const file = routeRequest(env, request.path);
  if (!file) return text(404, "Could not find requested resource");
  if (file.visibility === "private") return text(403, `This ${file.kind} has been marked as private`);
  if (method === "OPTIONS") return preflight();
  let response: DomainResponse;
  try {
    // Only functions read the body's params, and signatures cover them.
    const needsParams = file.kind === "function" || file.visibility === "protected";
    const params: RequestParams = needsParams ? parseRequestParams(request) : { query: {} };
    if (file.visibility === "protected" && !hasValidSignature(env, request, params)) {
      return text(401, "Unauthorized - you are not authenticated to perform this request");
    }
    response = file.kind === "asset" ? await serveAsset(file) : await invokeFunction(env, file, request, params, onLog);
  } catch (error) {
    if (error instanceof RejectedRequest) return text(error.status, error.message);
    throw error;
  }
  return method === "HEAD" ? withoutBody(response) : response;
}

/** A HEAD answer: the GET's headers, its length, no body. */
function withoutBody(response: DomainResponse): DomainResponse {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => name.toLowerCase() !== "content-length"),
  );
  headers["Content-Length"] = String(response.body.length);
  return { ...response, headers, body: Buffer.alloc(0) };
}

/** The file a path names; "/" serves an index.html asset (also the legacy /assets/index.html), as Twilio does. */
function routeRequest(env: DeployedEnvironment, path: string): DeployedFile | undefined {
  const exact = env.files.find((file) => file.path === path || file.path === safeDecode(path));
  if (exact || path !== "/") return exact;
  return ["/index.html", "/assets/index.html"]
    .map((index) => env.files.find((file) => file.kind === "asset" && file.path === index))
    .find((file) => file !== undefined);
}

async function serveAsset(file: DeployedFile): Promise<DomainResponse> {
  const body = await file.readContent();
  return { status: 200, headers: { "Content-Type": mime.lookup(file.path) || "application/octet-stream" }, body };
}

/** Twilio's runtime answers CORS preflights itself, before any function. */
function preflight(): DomainResponse {
  return {
    status: 204,
    headers: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Allow-Headers":
        "Accept, Authorization, Content-Type, If-Match, If-Modified-Since, If-None-Match, If-Unmodified-Since, User-Agent",
      "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
      "Access-Control-Expose-Headers": "ETag",
      "Access-Control-Max-Age": "86400",
      "Access-Control-Allow-Credentials": "true",
    },
    body: Buffer.alloc(0),
  };
}

function text(status: number, message: string, type = "text/plain"): DomainResponse {
  return { status, headers: { "Content-Type": `${type}; charset=utf-8` }, body: Buffer.from(message) };
}
