/**
 * Input checks shared by the resources' `check`. Each check names the field and the fix, and
 * lets a preview's unknown value through.
 */
import type * as pulumi from "@pulumi/pulumi";
import { isUnknown } from "./common";

export const VISIBILITIES = ["public", "protected", "private"] as const;
export const RUNTIMES = ["node18", "node20", "node22"] as const;

export const SID_LABELS: Record<string, string> = {
  ZS: "Service",
  ZE: "Environment",
  ZH: "Function or Asset",
  ZN: "Function or Asset Version",
  ZB: "Build",
  ZD: "Deployment",
  ZV: "Variable",
};

/** Characters Twilio (and its Toolkit) refuse in a Function/Asset path. */
const REFUSED_PATH_CHARACTERS = [";", ",", "?", ":", "@", "+", "&", "$", "(", ")", "'", '"', "#", " "];

/** Character rules shared by the resources and the ServerlessApp component. */
export const SERVICE_UNIQUE_NAME_PATTERN = /^[A-Za-z0-9-]+$/;
export const ENVIRONMENT_UNIQUE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const DOMAIN_SUFFIX_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
export const VARIABLE_KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;
export const BUILD_SID_PATTERN = /^ZB[0-9a-fA-F]{32}$/;

export const MAX_PATH_LENGTH = 255;
export const MAX_FRIENDLY_NAME_LENGTH = 255;
export const MAX_SERVICE_UNIQUE_NAME_LENGTH = 50;
export const MAX_ENVIRONMENT_UNIQUE_NAME_LENGTH = 100;
export const MAX_DOMAIN_SUFFIX_LENGTH = 16;
export const MAX_VARIABLE_KEY_LENGTH = 128;
export const MAX_VARIABLE_VALUE_BYTES = 450;
export const MAX_CONTENT_BYTES = 25 * 1024 * 1024;
export const MAX_PRIVATE_CONTENT_BYTES = 10 * 1024 * 1024;

/** Collects check failures; every `require…`/`optional…` call returns the value to keep. */
export class InputChecker {
  readonly failures: pulumi.dynamic.CheckFailure[] = [];

  constructor(private readonly news: Record<string, unknown>) {}

  fail(property: string, reason: string): void {
    this.failures.push({ property, reason });
  }

  /** The raw value, or undefined when it is unknown (nothing to check yet). */
  private known(field: string): unknown {
    const value = this.news[field];
    return isUnknown(value) ? undefined : value;
  }

  has(field: string): boolean {
    return this.news[field] !== undefined && this.news[field] !== null;
  }

  /** A string that must be present, within length and matching `pattern`. */
  string(
    field: string,
    options: { required?: boolean; maxLength?: number; pattern?: RegExp; patternHint?: string; maxBytes?: number } = {},
  ): void {
    const value = this.known(field);
    if (value === undefined || value === null) {
      if (options.required && !isUnknown(this.news[field])) this.fail(field, `${field} is required.`);
      return;
    }
    if (typeof value !== "string") {
      this.fail(field, `${field} must be a string, got ${typeof value}.`);
      return;
    }
    if (options.required && value === "") {
      this.fail(field, `${field} must not be empty.`);
      return;
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      this.fail(field, `${field} is ${value.length} characters; Twilio allows at most ${options.maxLength}. Shorten it.`);
    }
    if (options.maxBytes !== undefined && Buffer.byteLength(value) > options.maxBytes) {
      this.fail(field, `${field} is ${Buffer.byteLength(value)} bytes; Twilio allows at most ${options.maxBytes}.`);
    }
    if (options.pattern && value !== "" && !options.pattern.test(value)) {
      this.fail(field, `${field} "${value}" is not valid: ${options.patternHint ?? `it must match ${options.pattern}`}.`);
    }
  }

  /** A Twilio sid with the given two-letter prefix. */
  sid(field: string, prefix: string, required = true): void {
    const value = this.known(field);
    if (value === undefined || value === null) {
      if (required && !isUnknown(this.news[field])) this.fail(field, `${field} is required: the ${SID_LABELS[prefix]} sid (${prefix}…).`);
      return;
    }
    if (typeof value !== "string" || !sidPattern(prefix).test(value)) {
      this.fail(
        field,
        `${field} must be ${withArticle(SID_LABELS[prefix])} sid: "${prefix}" followed by 32 hex digits, got ${JSON.stringify(value)}. ` +
          `Pass the \`sid\` output of the ${SID_LABELS[prefix]}.`,
      );
    }
  }

  /** A list of sids with the given prefix; unknown items pass. */
  sidList(field: string, prefix: string): void {
    const value = this.known(field);
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      this.fail(field, `${field} must be a list of ${SID_LABELS[prefix]} sids (${prefix}…).`);
      return;
    }
    value.forEach((item, index) => {
      if (isUnknown(item)) return;
      if (typeof item !== "string" || !sidPattern(prefix).test(item)) {
        this.fail(field, `${field}[${index}] must be ${withArticle(SID_LABELS[prefix])} sid ("${prefix}" and 32 hex digits), got ${JSON.stringify(item)}.`);
      }
    });
  }

  oneOf(field: string, allowed: readonly string[]): void {
    const value = this.known(field);
    if (value === undefined || value === null) return;
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.fail(field, `${field} must be one of ${allowed.map((v) => `"${v}"`).join(", ")}, got ${JSON.stringify(value)}.`);
    }
  }

  boolean(field: string): void {
    const value = this.known(field);
    if (value !== undefined && value !== null && typeof value !== "boolean") {
      this.fail(field, `${field} must be true or false, got ${JSON.stringify(value)}.`);
    }
  }

  number(field: string, min: number, max: number): void {
    const value = this.known(field);
    if (value === undefined || value === null) return;
    if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
      this.fail(field, `${field} must be a number from ${min} to ${max}, got ${JSON.stringify(value)}.`);
    }
  }

  /** A path on the deployed domain: leading "/", at most 255 characters, no "..", no refused characters. */
  servedPath(field: string): void {
    const value = this.known(field);
    if (value === undefined || value === null) {
      if (!isUnknown(this.news[field])) this.fail(field, `${field} is required, e.g. "/hello".`);
      return;
    }
    if (typeof value !== "string") {
      this.fail(field, `${field} must be a string such as "/hello", got ${typeof value}.`);
      return;
    }
    const problem = servedPathProblem(value);
    if (problem) this.fail(field, `${field} ${JSON.stringify(value)} ${problem}`);
  }
}

function withArticle(noun: string): string {
  return /^[AEIOU]/i.test(noun) ? `an ${noun}` : `a ${noun}`;
}

export function sidPattern(prefix: string): RegExp {
  return new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
}

/** Why Twilio would refuse this path, or undefined when it is fine. */
export function servedPathProblem(path: string): string | undefined {
  if (!path.startsWith("/")) return `must start with "/" (e.g. "/${path}").`;
  if (path.length > MAX_PATH_LENGTH) return `is ${path.length} characters; Twilio allows at most ${MAX_PATH_LENGTH}.`;
  if (path.split("/").some((segment) => segment === ".." || segment === ".")) return `must not contain "." or ".." segments.`;
  if (path.includes("//")) return `must not contain an empty segment ("//").`;
  const refused = REFUSED_PATH_CHARACTERS.filter((c) => path.includes(c));
  if (refused.length) return `contains ${refused.map((c) => JSON.stringify(c)).join(", ")}, which Twilio refuses in paths; rename the file or choose another path.`;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(path)) return "contains control characters.";
  return undefined;
}
