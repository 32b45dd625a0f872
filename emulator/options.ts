import { resolve } from "node:path";
import { TEST_ACCOUNT_SID, TEST_API_KEY, testCredentials, type EmulatorCredentials } from "./credentials";

const MB = 1024 * 1024;

/**
 * Twilio's limits. Most figures are Twilio's documented or observed values and only
 * approximate (see docs/NOTES), so each one can be changed per emulator.
 */
export interface EmulatorLimits {
  serviceUniqueNameLength: number;
  friendlyNameLength: number;
  environmentUniqueNameLength: number;
  domainSuffixLength: number;
  pathLength: number;
  variableKeyLength: number;
  variableValueBytes: number;
  /** Upload size for public and protected Function/Asset Versions. */
  publicVersionBytes: number;
  /** Upload size for private Function/Asset Versions. */
  privateVersionBytes: number;
  buildFunctionVersions: number;
  buildPublicAssetVersions: number;
  buildPrivateAssetVersions: number;
  environmentsPerService: number;
  /** Builds an account may create per rolling hour; more get 429. */
  buildsPerHour: number;
  /** Form-encoded API request bodies. */
  formBodyBytes: number;
  /** Request bodies sent to deployed domains. */
  domainBodyBytes: number;
}

// Each figure cites the Twilio page it comes from; "approximate" ones are NOTES.md's (not found
// in Twilio's pages). test/provider/limits.test.ts holds the provider to these figures.
export const DEFAULT_LIMITS: EmulatorLimits = {
  // Approximate: the Console asks for "fewer than 50 characters" (https://twilio.com/docs/runtime/functions/create-service).
  serviceUniqueNameLength: 50,
  // Function FriendlyName "a maximum of 255 characters" (https://twilio.com/docs/runtime/functions-assets-api/api/function).
  friendlyNameLength: 255,
  // Environment UniqueName "a maximum of 100 characters" (https://www.twilio.com/docs/serverless/api/resource/environment).
  environmentUniqueNameLength: 100,
  // Environment DomainSuffix "a maximum of 16 characters" (same page).
  domainSuffixLength: 16,
  // Function Version Path "a maximum of 255 characters" (https://twilio.com/docs/serverless/api/resource/function-version).
  pathLength: 255,
  // Variable Key "a maximum of 128 characters" (https://www.twilio.com/docs/serverless/api/resource/variable).
  variableKeyLength: 128,
  // Variable Value "a maximum of 450 bytes in size" (same page).
  variableValueBytes: 450,
  // Public and protected assets "up to 25MB in size for each file" (https://support.twilio.com/hc/en-us/articles/360019105433).
  publicVersionBytes: 25 * MB,
  // Approximate (NOTES.md): no Twilio page found states the private size limit.
  privateVersionBytes: 10 * MB,
  // "A build can contain up to 50 Function versions", "up to 1000 public/protected asset versions",
  // "up to 50 private asset versions", "A service can have up to 25 environments", "An account can do
  // up to 100 builds per hour" (https://www.twilio.com/docs/runtime/functions-assets-api, "Limits").
  buildFunctionVersions: 50,
  buildPublicAssetVersions: 1000,
  buildPrivateAssetVersions: 50,
  environmentsPerService: 25,
  buildsPerHour: 100,
  // The emulator's own bounds, not Twilio's figures.
  formBodyBytes: 1 * MB,
  domainBodyBytes: 10 * MB,
};

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where state survives restarts; without it state lives in memory. */
  dataDir?: string;
  /** Delay before every API answer (not domain requests). */
  latencyMs?: number;
  /** Share (0..1) of API requests answered with 500, 429 or a dropped connection. */
  faultRate?: number;
  /** Seed of the fault sequence, for repeatable runs. */
  seed?: number;
  /** How long a Build stays `building`. Default 1000. */
  buildDelayMs?: number;
  /** Default: the fixed test pair, whatever the environment holds (the bin passes the environment's). */
  credentials?: EmulatorCredentials;
  limits?: Partial<EmulatorLimits>;
  /**
   * An existing node_modules (or a folder holding one) that Builds resolve their packages from
   * instead of installing them with npm: for offline use, like `twilio-run start`.
   */
  dependenciesFrom?: string;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  dataDir: string | undefined;
  latencyMs: number;
  faultRate: number;
  seed: number;
  buildDelayMs: number;
  credentials: EmulatorCredentials;
  limits: EmulatorLimits;
  dependenciesFrom: string | undefined;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`emulator option ${name} must be a number >= 0, got ${value}`);
  }
  return value;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "::1", "localhost"]);

/**
 * Deployed code runs inside the emulator's process: on an address others can reach, the
 * well-known test credentials would let anyone on the network run code on this machine.
 */
function refuseOpenHostWithTestCredentials(host: string, credentials: EmulatorCredentials): void {
  if (LOOPBACK_HOSTS.has(host) || host.startsWith("127.")) return;
  const usesTestPair =
    credentials.accountSid === TEST_ACCOUNT_SID || credentials.apiKeys.some((key) => key.sid === TEST_API_KEY);
  if (!usesTestPair) return;
  throw new Error(
    `emulator option host ${host} is reachable from other machines, and the emulator runs deployed code in its own process: ` +
      `it refuses to listen there with the built-in test credentials. Set your own in the environment: TWILIO_ACCOUNT_SID, ` +
      `TWILIO_AUTH_TOKEN, TWILIO_API_KEY and TWILIO_API_SECRET (library: the credentials option), or listen on 127.0.0.1.`,
  );
}

/** Fills defaults and rejects nonsense with a message naming the option. */
export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  const faultRate = nonNegative("faultRate", options.faultRate, 0);
  if (faultRate > 1) throw new Error(`emulator option faultRate must be between 0 and 1, got ${faultRate}`);
  const port = nonNegative("port", options.port, 0);
  if (!Number.isInteger(port) || port > 65535)
    throw new Error(`emulator option port must be an integer 0..65535, got ${port}`);
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits)) nonNegative(`limits.${name}`, value, 0);
  const host = options.host || "127.0.0.1";
  const credentials = options.credentials ?? testCredentials();
  refuseOpenHostWithTestCredentials(host, credentials);
  return {
    port,
    host,
    // Absolute once, at start: Builds' packages are loaded from under it (createRequire wants an absolute path).
    dataDir: options.dataDir ? resolve(options.dataDir) : undefined,
    latencyMs: nonNegative("latencyMs", options.latencyMs, 0),
    faultRate,
    seed: Math.floor(nonNegative("seed", options.seed, Date.now() % 2 ** 31)),
    buildDelayMs: nonNegative("buildDelayMs", options.buildDelayMs, 1000),
    credentials,
    limits,
    dependenciesFrom: options.dependenciesFrom ? resolve(options.dependenciesFrom) : undefined,
  };
}
