/**
 * Twilio's rules, in one place for the whole provider: name lengths and character sets, content
 * sizes, what one Build may hold, retention, the runtimes, the characters refused in paths, and the
 * visibility and file-kind types. Every check (the resources' `check`, ServerlessApp, the client)
 * reads them here; the sentences they produce are built here too, so a rule reads the same
 * wherever it is broken. Sources: docs/twilio-rules.md. (The emulator keeps its own copy.)
 */

export const VISIBILITIES = ["public", "protected", "private"] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** A Function or an Asset; the API calls them "Functions"/"Assets" (see client/api/files.ts). */
export const FILE_KINDS = ["function", "asset"] as const;
export type FileKind = (typeof FILE_KINDS)[number];
export const FILE_KIND_NAMES: Record<FileKind, "Function" | "Asset"> = { function: "Function", asset: "Asset" };

const MB = 1024 * 1024;

export const MAX_SERVICE_UNIQUE_NAME_LENGTH = 50;
export const MAX_FRIENDLY_NAME_LENGTH = 255;
export const MAX_ENVIRONMENT_UNIQUE_NAME_LENGTH = 100;
export const MAX_DOMAIN_SUFFIX_LENGTH = 16;
export const MAX_PATH_LENGTH = 255;
export const MAX_VARIABLE_KEY_LENGTH = 128;
export const MAX_VARIABLE_VALUE_BYTES = 450;
/** Public and protected Function/Asset Versions. */
export const MAX_CONTENT_BYTES = 25 * MB;
export const MAX_PRIVATE_CONTENT_BYTES = 10 * MB;

/** What one Build may hold. */
export const MAX_BUILD_FUNCTION_VERSIONS = 50;
export const MAX_BUILD_PUBLIC_ASSET_VERSIONS = 1000;
export const MAX_BUILD_PRIVATE_ASSET_VERSIONS = 50;

/** A text input: its limits and, for a pattern, what to write instead. */
export interface TextRule {
  maxLength?: number;
  maxBytes?: number;
  pattern?: RegExp;
  patternHint?: string;
}

export const SERVICE_UNIQUE_NAME: TextRule = {
  maxLength: MAX_SERVICE_UNIQUE_NAME_LENGTH,
  pattern: /^[A-Za-z0-9-]+$/,
  patternHint: 'use only letters, digits and "-" (it becomes part of the domain)',
};
export const ENVIRONMENT_UNIQUE_NAME: TextRule = {
  maxLength: MAX_ENVIRONMENT_UNIQUE_NAME_LENGTH,
  pattern: /^[A-Za-z0-9][A-Za-z0-9_-]*$/,
  patternHint: 'start with a letter or digit and use only letters, digits, "_" and "-"',
};
export const DOMAIN_SUFFIX: TextRule = {
  maxLength: MAX_DOMAIN_SUFFIX_LENGTH,
  pattern: /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/,
  patternHint: 'use only letters, digits and "-" (not at either end): it becomes part of the domain',
};
export const VARIABLE_KEY: TextRule = {
  maxLength: MAX_VARIABLE_KEY_LENGTH,
  pattern: /^[A-Za-z0-9_.-]+$/,
  patternHint: 'use only letters, digits, "_", "." and "-"',
};
export const VARIABLE_VALUE: TextRule = { maxBytes: MAX_VARIABLE_VALUE_BYTES };

/**
 * Twilio fails invocations whose context passes 3 KB: "Context size consists of account
 * metadata, domain name, path and Environment variables stored as a JSON string. If this string
 * exceeds 3KB, invocations may fail" (error 82006, https://www.twilio.com/docs/errors/82006).
 * What can be counted before deploying is the Variables' share: the UTF-8 bytes of
 * `{"KEY":"value",…}`, keys and values plus JSON's quotes, colons and commas. The rest of the
 * context only adds to it, so an environment past this fails every invocation.
 */
export const MAX_CONTEXT_BYTES = 3 * 1024;

/** The bytes these Variables take in a function's context. */
export function variablesContextBytes(variables: Readonly<Record<string, string>>): number {
  return Buffer.byteLength(JSON.stringify(variables));
}

/** The rest of a sentence whose subject names the environment, or undefined when they fit. */
export function variablesContextProblem(variables: Readonly<Record<string, string>>): string | undefined {
  const bytes = variablesContextBytes(variables);
  if (bytes <= MAX_CONTEXT_BYTES) return undefined;
  return (
    `${Object.keys(variables).length} Variables take ${bytes} bytes of the function context (keys and values as JSON); ` +
    `Twilio fails every invocation whose context passes 3 KB (${MAX_CONTEXT_BYTES} bytes, error 82006: https://www.twilio.com/docs/errors/82006). ` +
    `Remove some or shorten them, or keep large data in a private asset.`
  );
}
export const FRIENDLY_NAME: TextRule = { maxLength: MAX_FRIENDLY_NAME_LENGTH };

export const BUILD_SID_PATTERN = /^ZB[0-9a-fA-F]{32}$/;

/**
 * What is wrong with `value` as `field` under `rule`, one sentence each ("serviceName is 51
 * characters; Twilio allows at most 50. Shorten it."). `echo: false` keeps the value out (secrets).
 */
export function textProblems(field: string, value: string, rule: TextRule, echo = true): string[] {
  const problems: string[] = [];
  if (rule.maxLength !== undefined && value.length > rule.maxLength) {
    problems.push(`${field} is ${value.length} characters; Twilio allows at most ${rule.maxLength}. Shorten it.`);
  }
  const bytes = Buffer.byteLength(value);
  if (rule.maxBytes !== undefined && bytes > rule.maxBytes) {
    problems.push(`${field} is ${bytes} bytes; Twilio allows at most ${rule.maxBytes}. Shorten it.`);
  }
  if (rule.pattern && value !== "" && !rule.pattern.test(value)) {
    const shown = echo ? ` ${JSON.stringify(value)}` : "";
    problems.push(`${field}${shown} is not valid: ${rule.patternHint ?? `it must match ${rule.pattern}`}.`);
  }
  return problems;
}

/** Characters Twilio (and its Toolkit) refuse in a Function/Asset path. */
export const REFUSED_PATH_CHARACTERS: readonly string[] = [
  ";",
  ",",
  "?",
  ":",
  "@",
  "+",
  "&",
  "$",
  "(",
  ")",
  "'",
  '"',
  "#",
  " ",
];

/**
 * Why Twilio would refuse this served path (the rest of a sentence), or undefined when it is fine.
 * `fix` says what to do about refused characters: a file found in a folder can only be renamed.
 */
export function servedPathProblem(path: string, fix = "rename the file or choose another path"): string | undefined {
  if (!path.startsWith("/")) return `must start with "/" (e.g. "/${path}").`;
  if (path.length > MAX_PATH_LENGTH) return `is ${path.length} characters; Twilio allows at most ${MAX_PATH_LENGTH}.`;
  if (path.split("/").some((segment) => segment === ".." || segment === "."))
    return `must not contain "." or ".." segments.`;
  if (path.includes("//")) return `must not contain an empty segment ("//").`;
  const refused = REFUSED_PATH_CHARACTERS.filter((c) => path.includes(c));
  if (refused.length) {
    return `contains ${refused.map((c) => JSON.stringify(c)).join(", ")}, which Twilio refuses in paths; ${fix}.`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return "contains control characters.";
  return undefined;
}

/** The most a Version of this visibility may hold, and how to say it. */
export function contentLimit(visibility: unknown): { bytes: number; text: string } {
  return visibility === "private"
    ? { bytes: MAX_PRIVATE_CONTENT_BYTES, text: "10 MB for private content" }
    : { bytes: MAX_CONTENT_BYTES, text: "25 MB" };
}

// Retention ----------------------------------------------------------------------------------

/**
 * Days Twilio keeps a Function/Asset Version that no Build or active Deployment holds, and a
 * Function/Asset left without a Version ("retained for up to 7 days and then deleted":
 * https://www.twilio.com/docs/serverless/api, "Retention policy"). Logs: 30 days. What the
 * provider does about it: operations/retention.ts.
 */
export const UNBUILT_RETENTION_DAYS = 7;

// Runtimes -----------------------------------------------------------------------------------

export const RUNTIMES = ["node20", "node22", "node24"] as const;
/** A runtime Twilio builds on; the type of every `runtime` input. */
export type Runtime = (typeof RUNTIMES)[number];
export const DEFAULT_RUNTIME: Runtime = "node22";
/** Runtimes Twilio no longer builds, and since when. */
export const RETIRED_RUNTIMES: Readonly<Record<string, string>> = { node18: "2025-11-10" };

/** Why Twilio would refuse this runtime (a whole sentence naming `field`), or undefined. */
export function runtimeProblem(field: string, runtime: unknown): string | undefined {
  if (typeof runtime === "string" && (RUNTIMES as readonly string[]).includes(runtime)) return undefined;
  const retired = typeof runtime === "string" ? RETIRED_RUNTIMES[runtime] : undefined;
  if (retired) {
    return (
      `${field} ${JSON.stringify(runtime)} is retired: Twilio refuses Builds on it since ${retired}. ` +
      `Use "${DEFAULT_RUNTIME}" (the default: leave ${field} unset), "node24" or "node20".`
    );
  }
  return `${field} must be one of ${RUNTIMES.map((r) => `"${r}"`).join(", ")}, got ${JSON.stringify(runtime)}.`;
}

export const RUNTIME_HANDLER = "@twilio/runtime-handler";
/** The oldest runtime handler each runtime runs with, where that is more than Twilio's default. */
const MIN_RUNTIME_HANDLER: Readonly<Record<string, string>> = { node24: "2.1.2" };
/**
 * Twilio takes one exact version of the runtime handler: "You need to specify the exact version
 * you want to use. Semver ranges are at the moment not supported"
 * (https://www.npmjs.com/package/@twilio/runtime-handler). So a range ("^2.1.2", "1.x", "*",
 * "latest") is refused on every runtime rather than judged by the highest version it allows.
 */
const EXACT_VERSION = /^=?v?(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Why Twilio would not run the declared runtime handler as declared (a sentence naming the
 * package; the caller names the field), or undefined. A range is refused (see EXACT_VERSION).
 * On node24 Twilio upgrades 1.2.0–2.1.1 to 2.1.2 itself (the Build would then never match what
 * was declared) and fails the Build below 1.2.0, so anything older than the minimum is refused.
 */
export function runtimeHandlerProblem(
  runtime: unknown,
  dependencies: Record<string, unknown> | undefined,
): string | undefined {
  const declared = dependencies?.[RUNTIME_HANDLER];
  if (typeof declared !== "string" || declared === "") return undefined;
  const exact = EXACT_VERSION.exec(declared.trim());
  if (!exact) {
    return (
      `${RUNTIME_HANDLER} "${declared}" is a range, and Twilio takes one exact version of the runtime handler ` +
      `(https://www.npmjs.com/package/${RUNTIME_HANDLER}). Declare one, such as "${MIN_RUNTIME_HANDLER[String(runtime)] ?? "2.0.1"}", or remove it to get Twilio's default.`
    );
  }
  if (typeof runtime !== "string") return undefined;
  const minimum = MIN_RUNTIME_HANDLER[runtime];
  if (!minimum || compareVersions(exact.slice(1, 4).map(Number), minimum.split(".").map(Number)) >= 0) return undefined;
  return (
    `${RUNTIME_HANDLER} "${declared}" is too old for ${runtime}: Twilio runs ${runtime} with ${minimum} or later. ` +
    `Declare "${minimum}" (or newer), remove it to get Twilio's default, or choose another runtime.`
  );
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

// Builds -------------------------------------------------------------------------------------

/**
 * npm package names (scoped or not) that npm still serves: the characters `encodeURIComponent`
 * leaves alone, behind an optional `@scope/`. Capitals, `~'!()*` and names over 214 characters
 * are refused for new packages only: legacy packages such as `JSONStream` keep them. Source:
 * validate-npm-package-name's `validForOldPackages` (https://www.npmjs.com/package/validate-npm-package-name),
 * which npm applies; its other rules for old names are in npmNameProblem.
 */
export const NPM_NAME_PATTERN = /^(?:@[A-Za-z0-9\-_.!~*'()]+\/)?[A-Za-z0-9\-_.!~*'()]+$/;
/** Names npm refuses whatever the package's age. */
const NPM_EXCLUDED_NAMES = ["node_modules", "favicon.ico"];

/** Why npm would refuse `name` even for an existing package (a sentence naming it), or undefined. */
export function npmNameProblem(name: string): string | undefined {
  const refused = (why: string) => `"${name}" is not a valid npm package name: ${why}.`;
  if (!NPM_NAME_PATTERN.test(name)) {
    return refused(
      `use only letters, digits, "-", "_", ".", "!", "~", "*", "'", "(", ")", after an optional "@scope/"`,
    );
  }
  if (/^[._-]/.test(name)) return refused(`it must not start with ".", "_" or "-"`);
  if (/\/\./.test(name)) return refused(`the part after the scope must not start with "."`);
  if (NPM_EXCLUDED_NAMES.includes(name.toLowerCase())) return refused("npm reserves it");
  return undefined;
}

/** Dependencies Twilio adds to every Build; they only count when the user declared them. */
export const TWILIO_DEFAULT_DEPENDENCIES = ["twilio", "fs", "lodash", "util", "xmldom", RUNTIME_HANDLER];

/** One file of a Build, named as the user knows it (`functions/f51.js`, or a Version sid). */
export interface BuildMember {
  kind: FileKind;
  visibility?: Visibility;
  label: string;
}

/**
 * What one Build cannot hold: more than 50 Function Versions, 1000 public/protected or 50
 * private Asset Versions. Each problem names the first file past the limit and how many more.
 * Asset Versions of unknown visibility (a Build's sids) count as public or protected.
 */
export function buildCountProblems(
  members: readonly BuildMember[],
  fix: (extra: number) => string = (extra) =>
    `Remove ${extra} (or list them in ignore), or split the project into two Services.`,
): string[] {
  const groups: { what: string; max: number; members: BuildMember[] }[] = [
    {
      what: "Function Versions",
      max: MAX_BUILD_FUNCTION_VERSIONS,
      members: members.filter((m) => m.kind === "function"),
    },
    {
      what: "public or protected Asset Versions",
      max: MAX_BUILD_PUBLIC_ASSET_VERSIONS,
      members: members.filter((m) => m.kind === "asset" && m.visibility !== "private"),
    },
    {
      what: "private Asset Versions",
      max: MAX_BUILD_PRIVATE_ASSET_VERSIONS,
      members: members.filter((m) => m.kind === "asset" && m.visibility === "private"),
    },
  ];
  return groups
    .filter((group) => group.members.length > group.max)
    .map(({ what, max, members: over }) => {
      const extra = over.length - max;
      const others = extra > 1 ? ` and ${extra - 1} more after it` : "";
      return `${over[max].label}${others}: a Build holds at most ${max} ${what}, and this one would hold ${over.length}. ${fix(extra)}`;
    });
}

/** The sentence for content over its visibility's limit, or undefined; `what` names the file as the user wrote it. */
export function sizeProblem(what: string, bytes: number, visibility: unknown): string | undefined {
  const limit = contentLimit(visibility);
  return bytes > limit.bytes
    ? `${what} is ${bytes} bytes; Twilio accepts at most ${limit.text}. Make it smaller.`
    : undefined;
}

/**
 * Twilio installs public packages from the npm registry only
 * (https://www.twilio.com/docs/serverless/functions-assets/functions/dependencies): not a path,
 * `file:`/`link:`, git, a GitHub shorthand or a URL.
 */
const NOT_FROM_NPM_REGISTRY =
  /^(file:|link:|git[+:]|github:|gitlab:|bitbucket:|gist:|https?:|\.{0,2}\/|~\/)|^[^@\s]+\/\S+$/;

/** Why Twilio cannot install this version spec (it is not on the npm registry), or undefined. */
export function dependencySourceProblem(what: string, version: string): string | undefined {
  if (!NOT_FROM_NPM_REGISTRY.test(version.trim())) return undefined;
  return (
    `${what} is "${version}", which is not a version on the npm registry: Twilio installs public npm packages only ` +
    `(https://www.twilio.com/docs/serverless/functions-assets/functions/dependencies). Publish it, or ship the code as a private Asset.`
  );
}

/**
 * Names and versions of npm dependencies Twilio would refuse, each a sentence naming the package;
 * the caller names the field (a Build's check failure carries it, ServerlessApp prefixes it).
 */
export function dependencyProblems(dependencies: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, version] of Object.entries(dependencies)) {
    const nameProblem = npmNameProblem(name);
    if (nameProblem) problems.push(nameProblem);
    if (typeof version !== "string" || version === "") {
      problems.push(`"${name}" needs a version string such as "1.2.3" or "^1.2.0".`);
    } else {
      const source = dependencySourceProblem(`"${name}"`, version);
      if (source) problems.push(source);
    }
  }
  return problems;
}
