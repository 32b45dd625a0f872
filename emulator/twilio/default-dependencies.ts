import type { Dependency } from "../store/records";

/**
 * What Twilio adds to every Build's dependencies unless the Build names the package itself
 * (Twilio's Build docs and its API description's examples list these packages and versions).
 */
export const TWILIO_DEFAULT_DEPENDENCIES: readonly Dependency[] = [
  { name: "twilio", version: "3.29.2" },
  { name: "fs", version: "0.0.1-security" },
  { name: "lodash", version: "4.17.11" },
  { name: "util", version: "0.10.3" },
  { name: "xmldom", version: "0.1.27" },
  { name: "@twilio/runtime-handler", version: "1.0.1" },
];

/** The declared dependencies, then each default the declaration does not name. */
export function withDefaultDependencies(declared: Dependency[]): Dependency[] {
  const names = new Set(declared.map((dependency) => dependency.name));
  return [...declared, ...TWILIO_DEFAULT_DEPENDENCIES.filter((dependency) => !names.has(dependency.name))];
}
