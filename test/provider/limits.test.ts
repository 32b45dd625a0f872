/**
 * Twilio's limits are written twice on purpose: in the provider (provider/rules.ts) and in the
 * emulator (emulator/options.ts DEFAULT_LIMITS, each figure citing Twilio's page), the
 * independent referee. This test reads the emulator's figures and checks that the provider
 * accepts each limit and refuses one more, so a figure changed on one side only fails here.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_LIMITS, type EmulatorLimits } from "../../emulator/options";
import { buildSizeProblems, serviceNameProblems } from "../../provider/app/checks";
import { planEnvironments } from "../../provider/app/plan";
import type { ScannedEntry } from "../../provider/app/scan";
import { assetOperations } from "../../provider/resources/asset";
import { buildOperations } from "../../provider/resources/build";
import type { ResourceOperations } from "../../provider/resources/common";
import { environmentOperations } from "../../provider/resources/environment";
import { functionOperations } from "../../provider/resources/function";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import { useTempDir } from "./helpers";

const ZS = `ZS${"a".repeat(32)}`;
const ZE = `ZE${"b".repeat(32)}`;

/** The properties `check` refuses for these inputs. */
async function refused<I, O>(operations: ResourceOperations<I, O>, news: object): Promise<string[]> {
  const result = await operations.check({}, news as Record<string, unknown>);
  return (result.failures ?? []).map((failure) => failure.property);
}

/** One resource's `check` as the only check of a limit. */
async function one<I, O>(operations: ResourceOperations<I, O>, news: object): Promise<string[][]> {
  return [await refused(operations, news)];
}

/** The message `action` throws, as a refusal list. */
function thrown(action: () => unknown): string[] {
  try {
    action();
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
}

function versionSids(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `ZN${i.toString(16).padStart(32, "0")}`);
}

/** Limits the provider does not check before a write, and why. */
const NOT_CHECKED: Partial<Record<keyof EmulatorLimits, string>> = {
  environmentsPerService: "depends on what the Service already holds: Twilio's answer is reported",
  buildsPerHour: "an account-wide rate: the client retries Twilio's 429",
  formBodyBytes: "no input the provider sends comes near it (values are at most 450 bytes)",
  domainBodyBytes: "requests to deployed functions, not the API",
};

describe("Twilio's limits: the provider refuses exactly past the emulator's figures", function () {
  this.timeout(60_000);
  const temp = useTempDir();

  function sparseFile(name: string, bytes: number): string {
    const file = path.join(temp.dir, name);
    fs.closeSync(fs.openSync(file, "w"));
    fs.truncateSync(file, bytes);
    return file;
  }

  /** For each limit, what each check that enforces it refuses at `n`: none at the limit, each one past it. */
  const probes: Partial<Record<keyof EmulatorLimits, (n: number) => Promise<string[][]>>> = {
    serviceUniqueNameLength: async (n) => [
      await refused(serviceOperations, { uniqueName: "s".repeat(n) }),
      serviceNameProblems("s".repeat(n)),
    ],
    friendlyNameLength: async (n) => [
      await refused(serviceOperations, { uniqueName: "ok", friendlyName: "f".repeat(n) }),
      await refused(functionOperations, { serviceSid: ZS, friendlyName: "f".repeat(n), path: "/f", content: "x" }),
    ],
    environmentUniqueNameLength: async (n) => [
      await refused(environmentOperations, { serviceSid: ZS, uniqueName: "e".repeat(n) }),
      thrown(() => planEnvironments({ ["e".repeat(n)]: {} })),
    ],
    domainSuffixLength: async (n) => [
      await refused(environmentOperations, { serviceSid: ZS, uniqueName: "dev", domainSuffix: "d".repeat(n) }),
      thrown(() => planEnvironments({ dev: { domainSuffix: "d".repeat(n) } })),
    ],
    pathLength: (n) =>
      one(functionOperations, { serviceSid: ZS, friendlyName: "f", path: `/${"p".repeat(n - 1)}`, content: "x" }),
    variableKeyLength: (n) =>
      one(variableOperations, { serviceSid: ZS, environmentSid: ZE, key: "K".repeat(n), value: "v" }),
    variableValueBytes: (n) =>
      one(variableOperations, {
        serviceSid: ZS,
        environmentSid: ZE,
        key: "K",
        value: "é".repeat(n / 2) + "v".repeat(n % 2),
      }),
    publicVersionBytes: (n) =>
      one(assetOperations, {
        serviceSid: ZS,
        friendlyName: "a",
        path: "/a.bin",
        visibility: "protected",
        source: sparseFile(`public-${n}.bin`, n),
      }),
    privateVersionBytes: (n) =>
      one(assetOperations, {
        serviceSid: ZS,
        friendlyName: "p",
        path: "/p.bin",
        visibility: "private",
        source: sparseFile(`private-${n}.bin`, n),
      }),
    buildFunctionVersions: (n) => one(buildOperations, { serviceSid: ZS, functionVersions: versionSids(n) }),
    buildPublicAssetVersions: (n) => one(buildOperations, { serviceSid: ZS, assetVersions: versionSids(n) }),
    buildPrivateAssetVersions: async (n) => {
      const entries = Array.from({ length: n }, (_, i): ScannedEntry => {
        const relativeFile = `assets/p${i}.private.txt`;
        return {
          kind: "asset",
          path: `/p${i}.txt`,
          visibility: "private",
          file: relativeFile,
          relativeFile,
          resourceName: `p${i}.txt`,
        };
      });
      return [buildSizeProblems(entries)];
    },
  };

  it("covers every limit of the emulator (or says why the provider leaves it to Twilio)", () => {
    const uncovered = Object.keys(DEFAULT_LIMITS).filter((key) => !(key in probes) && !(key in NOT_CHECKED));
    assert.deepEqual(uncovered, []);
  });

  for (const [key, probe] of Object.entries(probes) as [keyof EmulatorLimits, (n: number) => Promise<string[][]>][]) {
    const limit = DEFAULT_LIMITS[key];
    it(`${key}: ${limit} passes, ${limit + 1} is refused`, async () => {
      for (const atLimit of await probe(limit))
        assert.deepEqual(atLimit, [], `at the limit (${limit}) nothing is refused`);
      for (const past of await probe(limit + 1))
        assert.ok(past.length > 0, `one past the limit (${limit + 1}) is refused by every check`);
    });
  }
});
