/**
 * Credentials, endpoints and client tuning, resolved at call time inside the provider process.
 *
 * Stack config handed to a dynamic provider's `configure` lands in this module's state (one per
 * provider process) and never in the serialized provider closure.
 */

export interface Credentials {
  /** The AC… account every request is made for. */
  accountSid: string;
  /** HTTP Basic user: the account sid, or an SK… API key. */
  username: string;
  /** HTTP Basic password: the auth token, or the API key secret. */
  password: string;
}

export interface Endpoints {
  /** Origin of the Serverless API, without `/v1`. */
  apiOrigin: string;
  /** Origin for Function/Asset Version uploads, without `/v1`. */
  uploadOrigin: string;
}

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff delay; doubles each retry, with jitter. */
  baseDelayMs: number;
  /** Cap on one backoff delay (and on an honoured Retry-After). */
  maxDelayMs: number;
  /** No retry is started once this much time has passed since the first attempt. */
  budgetMs: number;
}

export interface ClientSettings {
  credentials: Credentials;
  endpoints: Endpoints;
  /** Requests in flight at once, per provider process. */
  concurrency: number;
  retry: RetryPolicy;
  /** Headers/body timeout of one request. */
  requestTimeoutMs: number;
}

/** The subset of Pulumi's dynamic `Config` that `configure` hands over. */
export interface StackConfigSource {
  get(key: string): string | undefined;
}

export const STACK_CONFIG_KEYS = {
  accountSid: "twilio:accountSid",
  authToken: "twilio:authToken",
  apiKey: "twilio:apiKey",
  apiSecret: "twilio:apiSecret",
} as const;

type StackCredentials = Partial<Record<keyof typeof STACK_CONFIG_KEYS, string>>;

let stackCredentials: StackCredentials = {};

let providerRun: number | undefined;
let providerRuns = 0;

/**
 * Set while this process is Pulumi's dynamic-provider host, which serves one `pulumi up`
 * (configured by the provider shell); undefined where the operations are called directly
 * (tests). What one run may share, e.g. a listing made before its first create, keys on it.
 */
export function currentProviderRun(): number | undefined {
  return providerRun;
}

/**
 * The namespace of the stack config keys the user writes credentials under, as errors name them:
 * `twilio` for the dynamic resources, `twilio-serverless` for the provider plugin's config.
 */
let configNamespace = "twilio";
/** The API URL given as stack config (the plugin's `twilio-serverless:apiUrl`), with its key. */
let configuredApiUrl: { url: string; key: string } | undefined;

/** A credential's stack config key as the user writes it on this path (`twilio:accountSid`). */
export function stackConfigKey(field: string): string {
  return `${configNamespace}:${field}`;
}

/**
 * Called from the provider shell's `configure` (`fromProviderShell`: true): remembers the
 * `twilio:*` stack config. The plugin's Configure hands over its `twilio-serverless:*` config by
 * the same names and says so (`namespace`), so that errors name the keys its users write.
 */
export function configureFromStack(config: StackConfigSource, fromProviderShell = false, namespace = "twilio"): void {
  if (fromProviderShell) providerRun ??= ++providerRuns;
  configNamespace = namespace;
  const picked: StackCredentials = {};
  for (const [field, key] of Object.entries(STACK_CONFIG_KEYS) as [keyof StackCredentials, string][]) {
    const value = config.get(key);
    if (typeof value === "string" && value !== "") picked[field] = value;
  }
  stackCredentials = picked;
}

/** The API URL from stack config under `key`; it wins over TWILIO_SERVERLESS_API_URL (undefined: none). */
export function configureApiUrl(url: string | undefined, key: string): void {
  configuredApiUrl = url === undefined ? undefined : { url, key };
}

/** Forgets stack config (tests). */
export function resetStackConfig(): void {
  stackCredentials = {};
  providerRun = undefined;
  configNamespace = "twilio";
  configuredApiUrl = undefined;
}

function missingCredentials(): string {
  const key = stackConfigKey;
  return (
    "Twilio credentials are missing. Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN " +
    "(or TWILIO_API_KEY and TWILIO_API_SECRET together with TWILIO_ACCOUNT_SID) in the environment, " +
    `or the stack config keys ${key("accountSid")} and ${key("authToken")} ` +
    `(or ${key("apiKey")} and ${key("apiSecret")} with ${key("accountSid")}); ` +
    `e.g. \`pulumi config set ${key("accountSid")} AC…\` and \`pulumi config set --secret ${key("authToken")} …\`.`
  );
}

/** One complete credential set from stack config, else from the environment; throws naming what to set. */
export function resolveCredentials(env: NodeJS.ProcessEnv = process.env): Credentials {
  const fromStack = credentialsFrom(stackCredentials);
  if (fromStack) return fromStack;
  const fromEnv = credentialsFrom({
    accountSid: env.TWILIO_ACCOUNT_SID,
    authToken: env.TWILIO_AUTH_TOKEN,
    apiKey: env.TWILIO_API_KEY,
    apiSecret: env.TWILIO_API_SECRET,
  });
  if (fromEnv) return fromEnv;
  throw new Error(missingCredentials());
}

function credentialsFrom(source: StackCredentials): Credentials | undefined {
  const { accountSid, authToken, apiKey, apiSecret } = source;
  if (apiKey && apiSecret) {
    if (!accountSid) {
      throw new Error(
        `An API key is set but the account is not: set TWILIO_ACCOUNT_SID (or ${stackConfigKey("accountSid")}) ` +
          "to the AC… sid of the account the key belongs to.",
      );
    }
    return { accountSid, username: apiKey, password: apiSecret };
  }
  if (accountSid && authToken) return { accountSid, username: accountSid, password: authToken };
  return undefined;
}

/** Twilio's default edge for a region when only the region is given. */
const DEFAULT_EDGE_BY_REGION: Record<string, string> = {
  us1: "ashburn",
  ie1: "dublin",
  au1: "sydney",
};

/** `https://<product>.<edge>.<region>.twilio.com`, as Twilio's helper libraries build it. */
export function twilioHost(product: string, edge?: string, region?: string): string {
  if (!edge && !region) return `https://${product}.twilio.com`;
  const effectiveRegion = region || "us1";
  const effectiveEdge = edge || DEFAULT_EDGE_BY_REGION[effectiveRegion];
  const labels = [product, effectiveEdge, effectiveRegion].filter(Boolean);
  return `https://${labels.join(".")}.twilio.com`;
}

/** Accepts `http://host:port`, `http://host:port/`, `http://host:port/v1`; returns the origin. */
export function normalizeOrigin(url: string, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${variable} must be an absolute URL such as http://127.0.0.1:4010, got "${url}".`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new Error(`${variable} must use http or https, got "${url}".`);
  }
  const path = parsed.pathname.replace(/\/+$/, "");
  if (path !== "" && path !== "/v1") {
    throw new Error(`${variable} must be an origin (optionally ending in /v1), got "${url}".`);
  }
  return parsed.origin;
}

export function resolveEndpoints(env: NodeJS.ProcessEnv = process.env): Endpoints {
  const apiUrl = configuredApiUrl?.url ?? env.TWILIO_SERVERLESS_API_URL;
  const uploadUrl = env.TWILIO_SERVERLESS_UPLOAD_URL;
  const edge = env.TWILIO_EDGE || undefined;
  const region = env.TWILIO_REGION || undefined;
  const apiOrigin = apiUrl
    ? normalizeOrigin(apiUrl, configuredApiUrl?.key ?? "TWILIO_SERVERLESS_API_URL")
    : twilioHost("serverless", edge, region);
  const uploadOrigin = uploadUrl
    ? normalizeOrigin(uploadUrl, "TWILIO_SERVERLESS_UPLOAD_URL")
    : apiUrl
      ? apiOrigin
      : twilioHost("serverless-upload", edge, region);
  return { apiOrigin, uploadOrigin };
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, allowZero = false): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || (!allowZero && value === 0)) {
    throw new Error(`${name} must be a ${allowZero ? "non-negative" : "positive"} number, got "${raw}".`);
  }
  return value;
}

export function resolveRetryPolicy(env: NodeJS.ProcessEnv = process.env): RetryPolicy {
  return {
    maxRetries: positiveNumber(env, "TWILIO_SERVERLESS_MAX_RETRIES", 6, true),
    baseDelayMs: positiveNumber(env, "TWILIO_SERVERLESS_RETRY_BASE_MS", 500, true),
    maxDelayMs: positiveNumber(env, "TWILIO_SERVERLESS_RETRY_MAX_DELAY_MS", 20_000, true),
    budgetMs: positiveNumber(env, "TWILIO_SERVERLESS_RETRY_BUDGET_MS", 120_000, true),
  };
}

export function resolveSettings(env: NodeJS.ProcessEnv = process.env): ClientSettings {
  return {
    credentials: resolveCredentials(env),
    endpoints: resolveEndpoints(env),
    concurrency: Math.floor(positiveNumber(env, "TWILIO_SERVERLESS_CONCURRENCY", 10)),
    retry: resolveRetryPolicy(env),
    requestTimeoutMs: positiveNumber(env, "TWILIO_SERVERLESS_REQUEST_TIMEOUT_MS", 60_000),
  };
}

/** How often Build create polls `/Status` at most (Twilio asks for about once a second). */
export function buildPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveNumber(env, "TWILIO_SERVERLESS_BUILD_POLL_MS", 1000);
}

/** How often `tailLogs` asks for new Logs (the Toolkit polls once a second; Twilio allows 5 Logs requests a second). */
export function logsPollIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  return positiveNumber(env, "TWILIO_SERVERLESS_LOGS_POLL_MS", 1000);
}
