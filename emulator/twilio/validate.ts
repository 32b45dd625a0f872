/** Twilio's length and character-set rules, each failing with 20001 and a message naming the field. */
import { invalidParameter } from "../http/errors";

export function checkLength(name: string, value: string, max: number): string {
  if (value.length === 0) throw invalidParameter(`Invalid parameter ${name}: it must not be empty`);
  if (value.length > max) {
    throw invalidParameter(`Invalid parameter ${name}: it can be at most ${max} characters, got ${value.length}`);
  }
  return value;
}

export function checkBytes(name: string, value: string, max: number): string {
  const bytes = Buffer.byteLength(value);
  if (bytes > max) throw invalidParameter(`Invalid parameter ${name}: it can be at most ${max} bytes, got ${bytes}`);
  return value;
}

/** Letters, digits and hyphens: what can be part of a domain name. */
export function checkDomainLabel(name: string, value: string): string {
  if (!/^[A-Za-z0-9-]+$/.test(value)) {
    throw invalidParameter(`Invalid parameter ${name}: "${value}" may contain only letters, digits and "-"`);
  }
  return value;
}

/**
 * A DomainSuffix ends a domain label (`<service>-1234-<suffix>.twil.io`): letters, digits and "-",
 * not at either end (a label cannot end in "-"; the provider's DOMAIN_SUFFIX rule is the same).
 */
export function checkDomainSuffix(value: string): string {
  if (!/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(value)) {
    throw invalidParameter(
      `Invalid parameter DomainSuffix: "${value}" may contain only letters, digits and "-" (not at either end)`,
    );
  }
  return value;
}

/**
 * Characters Twilio refuses in Function and Asset paths: the Toolkit's checkForValidPath
 * ("restrictions put up by the Twilio Runtime": `; , ? : @ + & $ ( ) ' " #` and a space), and
 * control characters, which no URL path holds.
 */
// eslint-disable-next-line no-control-regex
const REFUSED_PATH_CHARACTERS = /[;,?:@+&$()'"# \x00-\x1f\x7f]/;

/** A path gets a leading "/" when it lacks one, as Twilio does. */
export function normalizePath(value: string, maxLength: number): string {
  const path = value.startsWith("/") ? value : `/${value}`;
  checkLength("Path", path, maxLength);
  const bad = REFUSED_PATH_CHARACTERS.exec(path);
  if (bad) {
    throw invalidParameter(
      `Invalid parameter Path: ${JSON.stringify(path)} contains ${JSON.stringify(bad[0])}; Twilio refuses ; , ? : @ + & $ ( ) ' " #, spaces and control characters in paths`,
    );
  }
  return path;
}
