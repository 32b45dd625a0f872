/**
 * The bad-input catalog (bad-input-catalog.ts) on the dynamic path: each mistake must give exactly
 * one error that names the field or file and says what to do, before any write call (the
 * emulator's stats, reset before each row, hold no POST or DELETE, applied or refused).
 * ServerlessApp rows run under mocks that check and create whatever the component declares for
 * real (real-mocks.ts), so a mistake it let through would write and fail the row. The rows are
 * listed in docs/bad-input.md; the last test keeps that table and the catalog in step.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp, type ServerlessAppArgs } from "../../provider/app/serverless-app";
import type { Runtime } from "../../provider/rules";
import { assetOperations } from "../../provider/resources/asset";
import { buildOperations } from "../../provider/resources/build";
import type { ResourceOperations } from "../../provider/resources/common";
import { deploymentOperations } from "../../provider/resources/deployment";
import { environmentOperations } from "../../provider/resources/environment";
import { functionOperations } from "../../provider/resources/function";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import {
  appArgs,
  assertRefused,
  badInputCatalog,
  HANDLER,
  useFixtures,
  type AppRow,
  type BadInput,
  type EnvChanges,
  type ResourceKind,
} from "./bad-input-catalog";
import { realMocks } from "./real-mocks";
import { checked, create, uniqueName, useEmulator } from "./helpers";
import { emulatorStats, resetEmulatorStats, writeRequestsIn } from "./write-requests";

type AnyOperations = ResourceOperations<unknown, unknown>;
const OPERATIONS: Record<ResourceKind, AnyOperations> = {
  Service: serviceOperations,
  Environment: environmentOperations,
  Function: functionOperations,
  Asset: assetOperations,
  Build: buildOperations,
  Deployment: deploymentOperations,
  Variable: variableOperations,
};

/** `check` failures as "field: reason". */
async function checkErrors(operations: AnyOperations, news: object): Promise<string[]> {
  const result = await operations.check({}, news as Record<string, unknown>);
  return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
}

/** check (which must pass) and create; the error create throws. */
async function createErrors(operations: AnyOperations, news: object): Promise<string[]> {
  const inputs = await checked(operations, news);
  try {
    await operations.create(inputs);
    return [];
  } catch (error) {
    return [String((error as Error).message)];
  }
}

/** Runs `action` with some environment variables replaced (undefined removes one). */
async function withEnv<T>(changes: EnvChanges, action: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: EnvChanges) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(changes);
  try {
    return await action();
  } finally {
    apply(saved);
  }
}

describe("bad input: one clear error naming the field or file and the fix, before any write", function () {
  this.timeout(60_000);
  const emulator = useEmulator();
  const fixtures = useFixtures(emulator);
  const catalog = badInputCatalog(fixtures);
  const real = realMocks();
  before(() => pulumi.runtime.setMocks(real.mocks));
  // setMocks is global: the other suites of the run get Pulumi as they found it.
  after(() => pulumi.runtime.resetOptions("", "", -1, "", "", false, ""));

  /**
   * The errors of a ServerlessApp of these arguments: what its constructor throws, and what the
   * check or create of anything it declared said (each resource is created for real: realMocks).
   */
  async function appErrors(args: Partial<ServerlessAppArgs> & { directory: string }): Promise<string[]> {
    real.errors.length = 0;
    const thrown: string[] = [];
    try {
      new ServerlessApp(uniqueName("app"), appArgs(args));
    } catch (error) {
      thrown.push(String((error as Error).message));
    }
    await real.settled();
    return [...thrown, ...real.errors];
  }

  /** The app's errors under the row's stack config (then the config as it was). */
  async function appRowErrors(row: AppRow): Promise<string[]> {
    const saved = Object.keys(row.config ?? {}).map((key) => [key, pulumi.runtime.getConfig(key)] as const);
    for (const [key, value] of Object.entries(row.config ?? {})) pulumi.runtime.setConfig(key, value);
    try {
      return await appErrors(row.app());
    } finally {
      // The SDK has no way to unset one key; "{}" reads as none for the object keys rows set.
      for (const [key, value] of saved) pulumi.runtime.setConfig(key, value ?? "{}");
    }
  }

  /** What the dynamic path says for a row. */
  function errorsOf(row: BadInput): Promise<string[]> {
    if ("app" in row) return appRowErrors(row);
    const operations = OPERATIONS[row.resource];
    const run = row.at === "create" ? createErrors : checkErrors;
    return withEnv(row.env ?? {}, () => run(operations, row.inputs()));
  }

  /** A project folder with these files (relative path → content). */
  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(fixtures.dir, name);
    for (const [relative, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), content);
    }
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  const hello = () => project("hello", { "functions/hello.js": HANDLER });

  it(`has at least 25 rows (${catalog.length})`, () => {
    assert.ok(catalog.length >= 25);
    assert.equal(new Set(catalog.map((row) => row.what)).size, catalog.length, "each row says a different mistake");
  });

  for (const row of catalog) {
    it(row.what, async () => {
      await resetEmulatorStats(emulator.url);
      await assertRefused(row, await errorsOf(row), emulator.url);
    });
  }

  it("the no-write assertion sees a write (so it can fail)", async () => {
    await resetEmulatorStats(emulator.url);
    const made = await create(serviceOperations, { uniqueName: uniqueName("seen") });
    emulator.atEnd(() => serviceOperations.delete(made.id, made.outs));
    assert.notDeepEqual(writeRequestsIn(await emulatorStats(emulator.url)), []);
  });

  it("a ServerlessApp with no mistake is created for real, so the rows' no-write assertion can fail", async () => {
    await resetEmulatorStats(emulator.url);
    const serviceName = uniqueName("app-ok");
    const errors = await appErrors({ directory: hello(), serviceName });
    assert.deepEqual(errors, []);
    const writes = writeRequestsIn(await emulatorStats(emulator.url));
    for (const kind of ["Services", "Environments", "Functions", "Builds", "Deployments"])
      assert.ok(
        writes.some((write) => write.includes(`/${kind}`)),
        `a POST to ${kind} was seen: ${writes.join("\n")}`,
      );
  });

  it("ServerlessApp reports every mistake at once, each in the user's words, with no write", async () => {
    await resetEmulatorStats(emulator.url);
    const dir = project("all-at-once", { "functions/hello.js": HANDLER, "assets/big.private.bin": "" });
    fs.truncateSync(path.join(dir, "assets/big.private.bin"), 11 * 1024 * 1024);
    for (let i = 1; i <= 51; i++)
      fs.writeFileSync(path.join(dir, `functions/f${String(i).padStart(2, "0")}.js`), HANDLER);
    fs.writeFileSync(path.join(dir, "assets/price#1.txt"), "1");
    const [error] = await appErrors({
      directory: dir,
      serviceName: "my_app",
      runtime: "node18" as Runtime,
      environments: { dev: { domainSuffix: "a-very-long-suffix" } },
    });
    const named = ["serviceName", "runtime", "environments.dev.domainSuffix", "assets/price#1.txt"];
    for (const what of named) assert.ok(error.includes(`- ${what}`), `names ${what}: ${error}`);
    assert.match(error, /^4 problems, fix them all before deploying/);
    // The size and count checks need the folder's list, which a refused file name withholds: fixed, they show.
    fs.rmSync(path.join(dir, "assets/price#1.txt"));
    const [next] = await appErrors({ directory: dir, serviceName: "my_app" });
    for (const what of ["serviceName", "assets/big.private.bin", "functions/f51.js"])
      assert.ok(next.includes(`- ${what}`), `names ${what}: ${next}`);
    assert.deepEqual(writeRequestsIn(await emulatorStats(emulator.url)), []);
  });

  it("is the table in docs/bad-input.md", () => {
    const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/bad-input.md"), "utf8");
    const listed = [...doc.matchAll(/^\| (.+?) \| /gm)].map((match) => match[1].replace(/`/g, ""));
    const missing = catalog.map((row) => row.what).filter((what) => !listed.includes(what));
    assert.deepEqual(missing, [], "rows missing from the table in docs/bad-input.md");
  });
});
