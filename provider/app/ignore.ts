/**
 * Ignore patterns of ServerlessApp (`ignore`): a small glob compiler and the matcher the folder
 * scan uses. Pure, no fs.
 */
import * as path from "path";

export type IgnoreMatcher = { pattern: string; hasSlash: boolean; regex: RegExp };

/**
 * Ignore patterns are simple globs: `*` (any characters but `/`), `?` (one such character) and
 * `**` (any number of folders). A pattern without `/` is compared with the name of every file
 * and folder at any depth (`*.map`, `drafts`); one with `/` with the path relative to the project
 * directory (`assets/raw/**`, `functions/wip.js`). An ignored folder is skipped whole.
 */
export function matchesIgnore(patterns: readonly string[], relativePath: string): boolean {
  const matchers = patterns.map(compileIgnorePattern);
  return isIgnored(matchers, toPosix(relativePath));
}

export function compileIgnorePattern(raw: string): IgnoreMatcher {
  if (typeof raw !== "string" || raw.trim() === "") {
    throw new Error(`ignore: patterns must be non-empty strings, got ${JSON.stringify(raw)}.`);
  }
  if (raw.startsWith("!")) {
    throw new Error(`ignore: "${raw}": negated patterns are not supported. List only what to leave out.`);
  }
  const pattern = raw
    .trim()
    .replace(/^\.?\/+/, "")
    .replace(/\/+$/, "");
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === "*" && pattern[i + 1] === "*") {
      // `**/` matches zero or more folders; a trailing `**` matches everything below.
      if (pattern[i + 2] === "/") {
        source += "(?:.*/)?";
        i += 2;
      } else {
        source += ".*";
        i += 1;
      }
    } else if (ch === "*") {
      source += "[^/]*";
    } else if (ch === "?") {
      source += "[^/]";
    } else {
      source += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
    }
  }
  return { pattern: raw, hasSlash: pattern.includes("/"), regex: new RegExp(`^${source}$`) };
}

export function isIgnored(matchers: readonly IgnoreMatcher[], relativePath: string): boolean {
  const name = relativePath.slice(relativePath.lastIndexOf("/") + 1);
  return matchers.some((m) => m.regex.test(m.hasSlash ? relativePath : name));
}

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}
