/**
 * Twilio's rules that are not numbers, written twice on purpose like the limits
 * (limits.test.ts): in the provider (provider/rules.ts) and in the emulator, the independent
 * referee. Each test fails when the two copies disagree; a rule only one side has says why.
 */
import * as assert from "node:assert/strict";
import { TWILIO_DEFAULT_DEPENDENCIES as EMULATOR_DEFAULT_DEPENDENCIES } from "../../emulator/twilio/default-dependencies";
import { UNUSED_FILE_RETENTION_MS } from "../../emulator/twilio/retention";
import { checkDomainLabel, checkDomainSuffix, normalizePath } from "../../emulator/twilio/validate";
import {
  DOMAIN_SUFFIX,
  SERVICE_UNIQUE_NAME,
  servedPathProblem,
  textProblems,
  TWILIO_DEFAULT_DEPENDENCIES,
  UNBUILT_RETENTION_DAYS,
} from "../../provider/rules";

const DAY_MS = 24 * 60 * 60 * 1000;

function emulatorRefuses(check: () => unknown): boolean {
  try {
    check();
    return false;
  } catch {
    return true;
  }
}

/** The values of `probes` on which the two sides answer differently. */
function disagreements(probes: string[], emulator: (v: string) => boolean, provider: (v: string) => boolean): string[] {
  return probes
    .filter((value) => emulator(value) !== provider(value))
    .map((value) => `${JSON.stringify(value)}: emulator ${emulator(value) ? "refuses" : "accepts"}`);
}

describe("Twilio's rules copied into the emulator agree with the provider's", () => {
  it("path characters: each ASCII character and some Unicode spaces, refused by both or by neither", () => {
    const characters = [
      ...Array.from({ length: 128 }, (_, code) => String.fromCharCode(code)),
      "\u00a0",
      "\u2028",
      "é",
    ];
    const paths = characters.map((c) => `/a${c}b`);
    // Only the provider refuses "." and ".." segments and "//": its own guard (such a path cannot
    // be served as written), not a rule of Twilio's, which documents none.
    assert.deepEqual(
      disagreements(
        paths,
        (path) => emulatorRefuses(() => normalizePath(path, 255)),
        (path) => servedPathProblem(path) !== undefined,
      ),
      [],
    );
  });

  it("domain suffix: letters, digits and '-' not at either end", () => {
    const probes = ["dev", "DEV", "d-v", "1", "-dev", "dev-", "-", "d_v", "d.v", "d v", "dév"];
    assert.deepEqual(
      disagreements(
        probes,
        (value) => emulatorRefuses(() => checkDomainSuffix(value)),
        (value) => textProblems("domainSuffix", value, DOMAIN_SUFFIX).length > 0,
      ),
      [],
    );
  });

  it("service unique name: letters, digits and '-'", () => {
    const probes = ["app", "my-app", "-app", "app-", "my_app", "my.app", "my app", "äpp"];
    assert.deepEqual(
      disagreements(
        probes,
        (value) => emulatorRefuses(() => checkDomainLabel("UniqueName", value)),
        (value) => textProblems("serviceName", value, SERVICE_UNIQUE_NAME).length > 0,
      ),
      [],
    );
  });

  // Environment unique names and Variable keys: the provider refuses odd characters as its own
  // choice (Twilio documents no character set for either), so the emulator checks only lengths.

  it("default dependencies: the same package names", () => {
    assert.deepEqual(
      EMULATOR_DEFAULT_DEPENDENCIES.map((dependency) => dependency.name).sort(),
      [...TWILIO_DEFAULT_DEPENDENCIES].sort(),
    );
  });

  // Logs' 30 days are the emulator's alone: the provider only reads Logs and keeps nothing by age.
  it("retention: the same 7 days for Versions no Build holds", () => {
    assert.equal(UNUSED_FILE_RETENTION_MS, UNBUILT_RETENTION_DAYS * DAY_MS);
  });
});
