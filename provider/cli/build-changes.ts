/**
 * What deploying one Build instead of another changes, in the words of a preview: a line per
 * file path (`+` added, `-` removed, `~` changed: another Version at that path), per
 * dependency, and the runtime.
 */
import { heldVersions, userDependencies } from "../client/api/builds";
import type { BuildResource } from "../client/api/types";

export function buildChanges(from: BuildResource | undefined, to: BuildResource): string[] {
  const lines: string[] = [];
  const before = versionsByPath(from);
  const after = versionsByPath(to);
  for (const path of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [old, now] = [before.get(path), after.get(path)];
    if (old === now) continue;
    lines.push(`${old === undefined ? "+" : now === undefined ? "-" : "~"} ${path}`);
  }
  const oldDeps = from ? userDependencies(from.dependencies, {}) : {};
  const newDeps = userDependencies(to.dependencies, {});
  for (const name of [...new Set([...Object.keys(oldDeps), ...Object.keys(newDeps)])].sort()) {
    const [old, now] = [oldDeps[name], newDeps[name]];
    if (old === now) continue;
    lines.push(
      old === undefined
        ? `+ dependency ${name} ${now}`
        : now === undefined
          ? `- dependency ${name} ${old}`
          : `~ dependency ${name} ${old} → ${now}`,
    );
  }
  if (from && from.runtime !== to.runtime) lines.push(`~ runtime ${from.runtime} → ${to.runtime}`);
  return lines;
}

/** Path → Version sid (a bare sid, when Twilio sent no objects, stands for itself). */
function versionsByPath(build: BuildResource | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const version of build ? heldVersions(build) : []) {
    if (typeof version === "string") map.set(version, version);
    else map.set(version.path, version.sid);
  }
  return map;
}
