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

/** Characters Twilio does not accept in Function and Asset paths. */
const FORBIDDEN_PATH_CHARACTERS = /[;,?:@+&$()'"#\s]/;

/** A path gets a leading "/" when it lacks one, as Twilio does. */
export function normalizePath(value: string, maxLength: number): string {
  const path = value.startsWith("/") ? value : `/${value}`;
  checkLength("Path", path, maxLength);
  const bad = FORBIDDEN_PATH_CHARACTERS.exec(path);
  if (bad) {
    throw invalidParameter(
      `Invalid parameter Path: "${path}" contains "${bad[0]}"; use letters, digits, "/", "-", "_" and "."`,
    );
  }
  return path;
}
