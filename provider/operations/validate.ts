/**
 * Input checks shared by the resources' `check`. Each check names the field and the fix, and
 * lets a preview's unknown value through. Twilio's rules themselves live in ../rules.ts.
 */
import type * as pulumi from "@pulumi/pulumi";
import { servedPathProblem, textProblems, type TextRule } from "../rules";
import { isUnknown } from "./common";

export const SID_LABELS: Record<string, string> = {
  ZS: "Service",
  ZE: "Environment",
  ZH: "Function or Asset",
  ZN: "Function or Asset Version",
  ZB: "Build",
  ZD: "Deployment",
  ZV: "Variable",
};

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
  string(field: string, options: TextRule & { required?: boolean } = {}): void {
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
    for (const problem of textProblems(field, value, options)) this.fail(field, problem);
  }

  /** A Twilio sid with the given two-letter prefix. */
  sid(field: string, prefix: string, required = true): void {
    const value = this.known(field);
    if (value === undefined || value === null) {
      if (required && !isUnknown(this.news[field]))
        this.fail(field, `${field} is required: the ${SID_LABELS[prefix]} sid (${prefix}…).`);
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
        this.fail(
          field,
          `${field}[${index}] must be ${withArticle(SID_LABELS[prefix])} sid ("${prefix}" and 32 hex digits), got ${JSON.stringify(item)}.`,
        );
      }
    });
  }

  oneOf(field: string, allowed: readonly string[]): void {
    const value = this.known(field);
    if (value === undefined || value === null) return;
    if (typeof value !== "string" || !allowed.includes(value)) {
      this.fail(
        field,
        `${field} must be one of ${allowed.map((v) => `"${v}"`).join(", ")}, got ${JSON.stringify(value)}.`,
      );
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
