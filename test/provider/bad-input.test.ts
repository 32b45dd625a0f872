/**
 * The bad-input catalog: each row is one mistake a user can make with the resources or the
 * ServerlessApp component. Each must give exactly one error that names the field or file and
 * says what to do, before any write call (the emulator's stats, reset before each row, hold no
 * POST or DELETE, applied or refused). ServerlessApp rows run under mocks that check and create
 * whatever the component declares for real (real-mocks.ts), so a mistake it let through would
 * write and fail the row. The rows are listed in docs/bad-input.md; the last test keeps that table
 * and this one in step.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { TEST_API_KEY, TEST_API_SECRET } from "../../emulator/index";
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
import { useStage } from "./fixtures";
import { realMocks } from "./real-mocks";
import { checked, create, uniqueName, useEmulator, useTempDir } from "./helpers";
import { emulatorStats, resetEmulatorStats, writeRequestsIn } from "./write-requests";

const ZS = `ZS${"a".repeat(32)}`;
const ZE = `ZE${"b".repeat(32)}`;
const ZN = `ZN${"c".repeat(32)}`;
const ZH = `ZH${"d".repeat(32)}`;
const SECRET_VALUE = "s3cr3t-value-never-echoed";
const HANDLER = "exports.handler = (context, event, callback) => callback(null, 'ok');\n";

interface BadInput {
  /** The mistake, as listed in docs/bad-input.md. */
  what: string;
  /** The field or file the error must name. */
  names: string;
  /** The rest of the error: what is wrong and the fix. */
  says: RegExp;
  /** Makes the mistake; resolves to the errors it produced. */
  errors: () => Promise<string[]>;
}

/** `check` failures as "field: reason". */
async function checkErrors<I, O>(operations: ResourceOperations<I, O>, news: object): Promise<string[]> {
  const result = await operations.check({}, news as Record<string, unknown>);
  return (result.failures ?? []).map((failure) => `${failure.property}: ${failure.reason}`);
}

/** check (which must pass) and create; the error create throws. */
async function createErrors<I, O>(operations: ResourceOperations<I, O>, news: object): Promise<string[]> {
  const inputs = await checked(operations, news);
  try {
    await operations.create(inputs);
    return [];
  } catch (error) {
    return [String((error as Error).message)];
  }
}

/** Runs `action` with some environment variables replaced (undefined removes one). */
async function withEnv<T>(changes: Record<string, string | undefined>, action: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(changes).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
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
  const stage = useStage(emulator);
  const temp = useTempDir();
  let takenServiceName: string;
  /** An Environment whose Variables take 3060 of the 3072 bytes Twilio allows (error 82006). */
  let fullEnvironmentSid: string;

  const real = realMocks();
  before(async () => {
    await pulumi.runtime.setMocks(real.mocks);
    takenServiceName = uniqueName("taken");
    const taken = await create(serviceOperations, { uniqueName: takenServiceName });
    emulator.atEnd(() => serviceOperations.delete(taken.id, taken.outs));
    const full = await create(environmentOperations, { serviceSid: stage.serviceSid, uniqueName: "full" });
    fullEnvironmentSid = full.id;
    for (let i = 0; i < 7; i++) {
      await create(variableOperations, {
        serviceSid: stage.serviceSid,
        environmentSid: full.id,
        key: `V${i}`,
        value: "v".repeat(429),
      });
    }
  });
  // setMocks is global: the other suites of the run get Pulumi as they found it.
  after(() => pulumi.runtime.resetOptions("", "", -1, "", "", false, ""));

  /** A project folder with these files (relative path → content). */
  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(temp.dir, name);
    for (const [relative, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), content);
    }
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  /** A sparse file of `bytes` bytes. */
  function bigFile(name: string, bytes: number): string {
    const file = path.join(temp.dir, name);
    fs.closeSync(fs.openSync(file, "w"));
    fs.truncateSync(file, bytes);
    return file;
  }

  /**
   * The errors of a ServerlessApp of these arguments: what its constructor throws, and what the
   * check or create of anything it declared said (each resource is created for real: realMocks).
   */
  async function appErrors(args: Partial<ServerlessAppArgs> & { directory: string }): Promise<string[]> {
    real.errors.length = 0;
    const thrown: string[] = [];
    try {
      new ServerlessApp(uniqueName("app"), {
        serviceName: "bad-input-app",
        environments: { dev: { domainSuffix: "dev" } },
        ...args,
      });
    } catch (error) {
      thrown.push(String((error as Error).message));
    }
    await real.settled();
    return [...thrown, ...real.errors];
  }

  const hello = () => project("hello", { "functions/hello.js": HANDLER });
  /** A project of `count` functions f01.js … (sorted as Twilio's Build would be filled). */
  const manyFunctions = (name: string, count: number) =>
    project(
      name,
      Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`functions/f${String(i + 1).padStart(2, "0")}.js`, HANDLER]),
      ),
    );
  /** A project holding one sparse file of `bytes` bytes at `relative`. */
  const withBigFile = (name: string, relative: string, bytes: number) => {
    const dir = project(name, { "functions/hello.js": HANDLER });
    fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    fs.closeSync(fs.openSync(path.join(dir, relative), "w"));
    fs.truncateSync(path.join(dir, relative), bytes);
    return dir;
  };
  const oldHandler = (name: string) =>
    project(name, {
      "functions/hello.js": HANDLER,
      "package.json": JSON.stringify({ dependencies: { "@twilio/runtime-handler": "1.1.0" } }),
    });
  const ZN_LIST = (count: number) => Array.from({ length: count }, (_, i) => `ZN${i.toString(16).padStart(32, "0")}`);
  const file = (news: object) => ({ serviceSid: ZS, friendlyName: "hello", path: "/hello", content: HANDLER, ...news });

  const catalog: BadInput[] = [
    // Service
    {
      what: "Service uniqueName over 50 characters",
      names: "uniqueName",
      says: /51 characters; Twilio allows at most 50\. Shorten it/,
      errors: () => checkErrors(serviceOperations, { uniqueName: "a".repeat(51) }),
    },
    {
      what: "Service uniqueName with characters other than letters, digits and -",
      names: "uniqueName",
      says: /"my_app!" is not valid: use only letters, digits and "-"/,
      errors: () => checkErrors(serviceOperations, { uniqueName: "my_app!" }),
    },
    {
      what: "Service friendlyName over 255 characters",
      names: "friendlyName",
      says: /256 characters; Twilio allows at most 255\. Shorten it/,
      errors: () => checkErrors(serviceOperations, { uniqueName: "ok", friendlyName: "f".repeat(256) }),
    },
    {
      what: "Service includeCredentials not a boolean",
      names: "includeCredentials",
      says: /must be true or false, got "yes"/,
      errors: () => checkErrors(serviceOperations, { uniqueName: "ok", includeCredentials: "yes" }),
    },
    {
      what: "Service uniqueName already taken in the account",
      names: "uniqueName",
      says: /already exists \(ZS[0-9a-f]{32}\)\. .*set `adopt: true`.*or choose another uniqueName/,
      errors: () => createErrors(serviceOperations, { uniqueName: takenServiceName }),
    },
    // Environment
    {
      what: "Environment uniqueName starting with -",
      names: "uniqueName",
      says: /"-dev" is not valid: start with a letter or digit/,
      errors: () => checkErrors(environmentOperations, { serviceSid: ZS, uniqueName: "-dev" }),
    },
    {
      what: "Environment domainSuffix over 16 characters",
      names: "domainSuffix",
      says: /17 characters; Twilio allows at most 16\. Shorten it/,
      errors: () =>
        checkErrors(environmentOperations, { serviceSid: ZS, uniqueName: "dev", domainSuffix: "s".repeat(17) }),
    },
    {
      what: "Environment domainSuffix with _",
      names: "domainSuffix",
      says: /"dev_1" is not valid: use only letters, digits and "-"/,
      errors: () => checkErrors(environmentOperations, { serviceSid: ZS, uniqueName: "dev", domainSuffix: "dev_1" }),
    },
    {
      what: "Environment serviceSid of the wrong kind (ZE…)",
      names: "serviceSid",
      says: /must be a Service sid: "ZS" followed by 32 hex digits, got "ZE.*Pass the `sid` output of the Service/,
      errors: () => checkErrors(environmentOperations, { serviceSid: ZE, uniqueName: "dev" }),
    },
    {
      what: "Environment uniqueName already taken in the Service",
      names: "Environment 'dev'",
      says: /already exists \(ZE[0-9a-f]{32}\)\. .*set `adopt: true`/,
      errors: () => createErrors(environmentOperations, { serviceSid: stage.serviceSid, uniqueName: "dev" }),
    },
    // Function and Asset
    {
      what: "Function path with a .. segment",
      names: "path",
      says: /"\/a\/\.\.\/b" must not contain "\." or "\.\." segments/,
      errors: () => checkErrors(functionOperations, file({ path: "/a/../b" })),
    },
    {
      what: "Function path with a character Twilio refuses",
      names: "path",
      says: /"\/hello world\?" contains " ", "\?"|contains "\?", " ".*rename the file or choose another path/,
      errors: () => checkErrors(functionOperations, file({ path: "/hello world?" })),
    },
    {
      what: "Function path without a leading /",
      names: "path",
      says: /must start with "\/" \(e\.g\. "\/hello"\)/,
      errors: () => checkErrors(functionOperations, file({ path: "hello" })),
    },
    {
      what: "Function path over 255 characters",
      names: "path",
      says: /is 257 characters; Twilio allows at most 255/,
      errors: () => checkErrors(functionOperations, file({ path: `/${"p".repeat(256)}` })),
    },
    {
      what: "Function source file that does not exist",
      names: "missing.js",
      says: /source file ".*missing\.js" does not exist/,
      errors: () =>
        checkErrors(functionOperations, file({ content: undefined, source: path.join(temp.dir, "missing.js") })),
    },
    {
      what: "Function source that is a folder",
      names: "source",
      says: /is not a file/,
      errors: () => checkErrors(functionOperations, file({ content: undefined, source: temp.dir })),
    },
    {
      what: "Function with both source and content",
      names: "source",
      says: /set either source \(a file\) or content \(inline text\), not both/,
      errors: () => checkErrors(functionOperations, file({ source: "x.js" })),
    },
    {
      what: "Function with neither source nor content",
      names: "source",
      says: /set source \(the path of a file\) or content \(inline text\)/,
      errors: () => checkErrors(functionOperations, file({ content: undefined })),
    },
    {
      what: "Function visibility other than public, protected, private",
      names: "visibility",
      says: /must be one of "public", "protected", "private", got "secret"/,
      errors: () => checkErrors(functionOperations, file({ visibility: "secret" })),
    },
    {
      what: "Function with a contentType",
      names: "contentType",
      says: /applies to Assets only.*Remove it/,
      errors: () => checkErrors(functionOperations, file({ contentType: "text/plain" })),
    },
    {
      what: "Asset file over 25 MB",
      names: "big.bin",
      says: /is 26214401 bytes; Twilio accepts at most 25 MB/,
      errors: () =>
        checkErrors(
          assetOperations,
          file({ path: "/big.bin", content: undefined, source: bigFile("big.bin", 25 * 1024 * 1024 + 1) }),
        ),
    },
    {
      what: "private Asset over 10 MB",
      names: "private.bin",
      says: /Twilio accepts at most 10 MB for private content/,
      errors: () =>
        checkErrors(
          assetOperations,
          file({
            path: "/private.bin",
            visibility: "private",
            content: undefined,
            source: bigFile("private.bin", 10 * 1024 * 1024 + 1),
          }),
        ),
    },
    {
      what: "Asset contentType that is not a MIME type",
      names: "contentType",
      says: /use a MIME type such as "text\/css"/,
      errors: () => checkErrors(assetOperations, file({ path: "/a.css", contentType: "css" })),
    },
    // Build and Deployment
    {
      what: "Build runtime Twilio does not offer",
      names: "runtime",
      says: /must be one of "node20", "node22", "node24", got "node16"/,
      errors: () => checkErrors(buildOperations, { serviceSid: ZS, functionVersions: [ZN], runtime: "node16" }),
    },
    {
      what: "Build runtime node18 (retired)",
      names: "runtime",
      says: /"node18" is retired: Twilio refuses Builds on it since 2025-11-10\. Use "node22"/,
      errors: () => checkErrors(buildOperations, { serviceSid: ZS, functionVersions: [ZN], runtime: "node18" }),
    },
    {
      what: "Build on node24 with a runtime handler older than 2.1.2",
      names: "dependencies",
      says: /^dependencies: @twilio\/runtime-handler "1\.3\.0" is too old for node24: Twilio runs node24 with 2\.1\.2 or later\. Declare "2\.1\.2"/,
      errors: () =>
        checkErrors(buildOperations, {
          serviceSid: ZS,
          functionVersions: [ZN],
          runtime: "node24",
          dependencies: { "@twilio/runtime-handler": "1.3.0" },
        }),
    },
    {
      what: "Build with a runtime handler range",
      names: "dependencies",
      says: /^dependencies: @twilio\/runtime-handler "\^2\.1\.2" is a range, and Twilio takes one exact version of the runtime handler \(https:\/\/www\.npmjs\.com\/package\/@twilio\/runtime-handler\)\. Declare one, such as "2\.1\.2"/,
      errors: () =>
        checkErrors(buildOperations, {
          serviceSid: ZS,
          functionVersions: [ZN],
          runtime: "node24",
          dependencies: { "@twilio/runtime-handler": "^2.1.2" },
        }),
    },
    {
      what: "Build of more than 50 Function Versions",
      names: "functionVersions[50]",
      says: /a Build holds at most 50 Function Versions, and this one would hold 51\. Remove 1 from functionVersions/,
      errors: () => checkErrors(buildOperations, { serviceSid: ZS, functionVersions: ZN_LIST(51) }),
    },
    {
      what: "Build without any version",
      names: "functionVersions",
      says: /needs at least one Function or Asset Version: set functionVersions or assetVersions/,
      errors: () => checkErrors(buildOperations, { serviceSid: ZS, functionVersions: [] }),
    },
    {
      what: "Build version sid of the wrong kind (ZH…)",
      names: "functionVersions[0]",
      says: /must be a Function or Asset Version sid \("ZN" and 32 hex digits\), got "ZH/,
      errors: () => checkErrors(buildOperations, { serviceSid: ZS, functionVersions: [ZH] }),
    },
    {
      what: "Build dependency with an invalid npm name",
      names: "dependencies",
      says: /"Bad Name" is not a valid npm package name/,
      errors: () =>
        checkErrors(buildOperations, { serviceSid: ZS, functionVersions: [ZN], dependencies: { "Bad Name": "1.0.0" } }),
    },
    {
      what: "Build dependency not from the npm registry (file:, git, URL)",
      names: "dependencies",
      says: /^dependencies: "mylib" is "file:\.\.\/mylib", which is not a version on the npm registry: Twilio installs public npm packages only/,
      errors: () =>
        checkErrors(buildOperations, {
          serviceSid: ZS,
          functionVersions: [ZN],
          dependencies: { mylib: "file:../mylib" },
        }),
    },
    {
      what: "Deployment buildSid of the wrong kind (ZN…)",
      names: "buildSid",
      says: /must be a Build sid: "ZB" followed by 32 hex digits.*Pass the `sid` output of the Build/,
      errors: () => checkErrors(deploymentOperations, { serviceSid: ZS, environmentSid: ZE, buildSid: ZN }),
    },
    // Variable
    {
      what: "Variable key with a space",
      names: "key",
      says: /"MY KEY" is not valid: use only letters, digits, "_", "\." and "-"/,
      errors: () => checkErrors(variableOperations, { serviceSid: ZS, environmentSid: ZE, key: "MY KEY", value: "v" }),
    },
    {
      what: "Variable key over 128 characters",
      names: "key",
      says: /129 characters; Twilio allows at most 128/,
      errors: () =>
        checkErrors(variableOperations, { serviceSid: ZS, environmentSid: ZE, key: "K".repeat(129), value: "v" }),
    },
    {
      what: "Variable value over 450 bytes (not echoed)",
      names: "value",
      says: /451 bytes; Twilio allows at most 450/,
      errors: () =>
        checkErrors(variableOperations, {
          serviceSid: ZS,
          environmentSid: ZE,
          key: "K",
          value: SECRET_VALUE + "x".repeat(451 - SECRET_VALUE.length),
        }),
    },
    {
      what: "Variable with an empty value",
      names: "value",
      says: /must not be empty.*remove the Variable instead/,
      errors: () => checkErrors(variableOperations, { serviceSid: ZS, environmentSid: ZE, key: "K", value: "" }),
    },
    {
      what: "Variable that takes its Environment past 3 KB (error 82006)",
      names: "Variable 'W'",
      says: /with it, the Environment's 8 Variables take 3073 bytes of the function context .*error 82006: https:\/\/www\.twilio\.com\/docs\/errors\/82006/,
      errors: () =>
        createErrors(variableOperations, {
          serviceSid: stage.serviceSid,
          environmentSid: fullEnvironmentSid,
          key: "W",
          value: "w".repeat(6),
        }),
    },
    // Credentials and endpoints
    {
      what: "no credentials at all",
      names: "TWILIO_ACCOUNT_SID",
      says: /credentials are missing\. Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.*pulumi config set --secret twilio:authToken/,
      errors: () =>
        withEnv({ TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined }, () =>
          createErrors(serviceOperations, { uniqueName: uniqueName("nocreds") }),
        ),
    },
    {
      what: "wrong auth token",
      names: "TWILIO_AUTH_TOKEN",
      says: /401 .*Twilio refused the credentials of account AC[0-9a-f]{32}: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/,
      errors: () =>
        withEnv({ TWILIO_AUTH_TOKEN: "wrong-token-0123456789abcdef0123" }, () =>
          createErrors(serviceOperations, { uniqueName: uniqueName("badtoken") }),
        ),
    },
    {
      what: "wrong API key secret",
      names: "TWILIO_API_SECRET",
      says: /401 .*Twilio refused the credentials of API key SK[0-9a-f]{32} of account AC[0-9a-f]{32}: check TWILIO_API_KEY, TWILIO_API_SECRET/,
      errors: () =>
        withEnv({ TWILIO_API_KEY: TEST_API_KEY, TWILIO_API_SECRET: "wrong-secret-0123456789abcdef012" }, () =>
          createErrors(serviceOperations, { uniqueName: uniqueName("badsecret") }),
        ),
    },
    {
      what: "API key without the account sid",
      names: "TWILIO_ACCOUNT_SID",
      says: /An API key is set but the account is not: set TWILIO_ACCOUNT_SID/,
      errors: () =>
        withEnv(
          {
            TWILIO_ACCOUNT_SID: undefined,
            TWILIO_AUTH_TOKEN: undefined,
            TWILIO_API_KEY: TEST_API_KEY,
            TWILIO_API_SECRET: TEST_API_SECRET,
          },
          () => createErrors(serviceOperations, { uniqueName: uniqueName("nokeyaccount") }),
        ),
    },
    {
      what: "API URL that is not a URL",
      names: "TWILIO_SERVERLESS_API_URL",
      says: /must be an absolute URL such as http:\/\/127\.0\.0\.1:4010/,
      errors: () =>
        withEnv({ TWILIO_SERVERLESS_API_URL: "127.0.0.1:4010" }, () =>
          createErrors(serviceOperations, { uniqueName: uniqueName("badurl") }),
        ),
    },
    // ServerlessApp
    {
      what: "ServerlessApp serviceName over 50 characters",
      names: "serviceName",
      says: /serviceName is 51 characters; Twilio allows at most 50\. Shorten it/,
      errors: () => appErrors({ directory: hello(), serviceName: "s".repeat(51) }),
    },
    {
      what: "ServerlessApp serviceName with _",
      names: "serviceName",
      says: /serviceName "my_app" is not valid: use only letters, digits and "-"/,
      errors: () => appErrors({ directory: hello(), serviceName: "my_app" }),
    },
    {
      what: "ServerlessApp private asset over 10 MB",
      names: "assets/big.private.bin",
      says: /is 11534336 bytes; Twilio accepts at most 10 MB for private content\. Make it smaller/,
      errors: () => appErrors({ directory: withBigFile("big-private", "assets/big.private.bin", 11 * 1024 * 1024) }),
    },
    {
      what: "ServerlessApp asset over 25 MB",
      names: "assets/video.mp4",
      says: /is 26214401 bytes; Twilio accepts at most 25 MB\. Make it smaller/,
      errors: () => appErrors({ directory: withBigFile("big-public", "assets/video.mp4", 25 * 1024 * 1024 + 1) }),
    },
    {
      what: "ServerlessApp with more than 50 functions",
      names: "functions/f51.js",
      says: /a Build holds at most 50 Function Versions, and this one would hold 51\. Remove 1 \(or list them in ignore\)/,
      errors: () => appErrors({ directory: manyFunctions("fifty-one", 51) }),
    },
    {
      what: "ServerlessApp with more than 50 private assets",
      names: "assets/p51.private.txt",
      says: /at most 50 private Asset Versions, and this one would hold 51/,
      errors: () =>
        appErrors({
          directory: project(
            "private-51",
            Object.fromEntries(
              Array.from({ length: 51 }, (_, i) => [`assets/p${String(i + 1).padStart(2, "0")}.private.txt`, "x"]),
            ),
          ),
        }),
    },
    {
      what: "ServerlessApp runtime node18 (retired)",
      names: "runtime",
      says: /"node18" is retired: Twilio refuses Builds on it since 2025-11-10\. Use "node22" \(the default: leave runtime unset\)/,
      errors: () => appErrors({ directory: hello(), runtime: "node18" as Runtime }),
    },
    {
      what: "ServerlessApp runtime Twilio does not offer",
      names: "runtime",
      says: /runtime must be one of "node20", "node22", "node24", got "node16"/,
      errors: () => appErrors({ directory: hello(), runtime: "node16" as Runtime }),
    },
    {
      what: "ServerlessApp on node24 with package.json's runtime handler older than 2.1.2",
      names: "package.json dependencies",
      says: /@twilio\/runtime-handler "1\.1\.0" is too old for node24: Twilio runs node24 with 2\.1\.2 or later/,
      errors: () => appErrors({ directory: oldHandler("old-handler"), runtime: "node24" }),
    },
    {
      what: "ServerlessApp dependency with an invalid npm name",
      names: "dependencies",
      says: /"Bad Name" is not a valid npm package name/,
      errors: () => appErrors({ directory: hello(), dependencies: { "Bad Name": "1.0.0" } }),
    },
    {
      what: "ServerlessApp without environments",
      names: "environments",
      says: /declare at least one, e\.g\. \{ dev: \{ domainSuffix: "dev" \} \}/,
      errors: () => appErrors({ directory: hello(), environments: {} }),
    },
    {
      what: "ServerlessApp environment name with a refused character",
      names: "environments",
      says: /the environment name "dev!" is not valid: start with a letter or digit and use only letters, digits, "_" and "-"/,
      errors: () => appErrors({ directory: hello(), environments: { "dev!": {} } }),
    },
    {
      what: "ServerlessApp domainSuffix over 16 characters",
      names: "environments.dev.domainSuffix",
      says: /is 18 characters; Twilio allows at most 16\. Shorten it/,
      errors: () => appErrors({ directory: hello(), environments: { dev: { domainSuffix: "a-very-long-suffix" } } }),
    },
    {
      what: "ServerlessApp two environments on one domain",
      names: "environments.stage",
      says: /domainSuffix "dev" is already used by environments\.dev\. Give each environment its own domainSuffix/,
      errors: () =>
        appErrors({
          directory: hello(),
          environments: { dev: { domainSuffix: "dev" }, stage: { domainSuffix: "dev" } },
        }),
    },
    {
      what: "ServerlessApp promotion from an unknown environment",
      names: "environments.prod.build",
      says: /"qa" is neither an environment here \(known: dev, prod\) nor a Build sid/,
      errors: () =>
        appErrors({ directory: hello(), environments: { dev: { domainSuffix: "dev" }, prod: { build: "qa" } } }),
    },
    {
      what: "ServerlessApp promotion loop",
      names: "environments",
      says: /promotion loops \(.*\)\. One environment in the chain must deploy this app's build/,
      errors: () =>
        appErrors({ directory: hello(), environments: { a: { domainSuffix: "a", build: "b" }, b: { build: "a" } } }),
    },
    {
      what: "ServerlessApp Service settings in a stack that does not own the Service",
      names: "friendlyName, uiEditable",
      says: /set on the Service by the stack that owns it; with ownsService: false, remove them here/,
      errors: () => appErrors({ directory: hello(), ownsService: false, friendlyName: "x", uiEditable: true }),
    },
    {
      what: "ServerlessApp approval in stack config that is not a Build sid",
      names: "twilio-serverless:approved.prod.build",
      says: /must be a Build sid .*got "ZB1"; run `npx pulumi-twilio-serverless promote --from dev --to prod`/,
      errors: async () => {
        pulumi.runtime.setConfig("twilio-serverless:approved", JSON.stringify({ prod: { build: "ZB1", from: "dev" } }));
        try {
          return await appErrors({ directory: hello(), environments: { prod: { build: { approved: "dev" } } } });
        } finally {
          pulumi.runtime.setConfig("twilio-serverless:approved", "{}");
        }
      },
    },
    {
      what: "ServerlessApp directory that does not exist",
      names: "directory",
      says: /is not a folder\. Point it at a twilio-run style project/,
      errors: () => appErrors({ directory: path.join(temp.dir, "nowhere") }),
    },
    {
      what: "ServerlessApp directory with nothing to deploy",
      names: "directory",
      says: /has no functions or assets to build \(looked in functions\/, src\/, assets\/, static\/\)/,
      errors: () => appErrors({ directory: project("empty", { "README.md": "" }) }),
    },
    {
      what: "ServerlessApp file name with a character Twilio refuses",
      names: "assets/price#1.txt",
      says: /its path "\/price#1\.txt" contains "#", which Twilio refuses in paths; rename the file/,
      errors: () => appErrors({ directory: project("refused", { "assets/price#1.txt": "1" }) }),
    },
    {
      what: "ServerlessApp two files served at one path",
      names: "functions/a.js",
      says: /would both be served at "\/a".*Rename one of them/,
      errors: () => appErrors({ directory: project("twice", { "functions/a.js": HANDLER, "assets/a": "x" }) }),
    },
    {
      what: "ServerlessApp envFile that does not exist",
      names: ".env.missing",
      says: /does not exist\. Create it or remove envFile/,
      errors: () => appErrors({ directory: hello(), environments: { dev: { envFile: ".env.missing" } } }),
    },
    {
      what: "ServerlessApp .env line without = (not echoed)",
      names: ".env.broken:2",
      says: /expected KEY=VALUE \(or a # comment\); the line has no "="/,
      errors: () =>
        appErrors({
          directory: project("broken-env", { "functions/hello.js": HANDLER, ".env.broken": `A=1\n${SECRET_VALUE}\n` }),
          environments: { dev: { envFile: ".env.broken" } },
        }),
    },
    {
      what: "ServerlessApp .env value over 450 bytes (not echoed)",
      names: ".env.long",
      says: /the value of LONG is 451 bytes; Twilio allows at most 450\. Shorten it/,
      errors: () =>
        appErrors({
          directory: project("long-env", {
            "functions/hello.js": HANDLER,
            ".env.long": `LONG=${SECRET_VALUE}${"x".repeat(451 - SECRET_VALUE.length)}\n`,
          }),
          environments: { dev: { envFile: ".env.long" } },
        }),
    },
    {
      what: "ServerlessApp .env (read by default) shared by two environments, with a value over 450 bytes",
      names: ".env",
      says: /^\.env: the value of LONG is 451 bytes; Twilio allows at most 450\. Shorten it, or keep large data in a private asset\. Read by environments dev and stage\.$/,
      errors: () =>
        appErrors({
          directory: project("shared-env", {
            "functions/hello.js": HANDLER,
            ".env": `# description: a long value\n# required: true\nLONG=${SECRET_VALUE}${"x".repeat(451 - SECRET_VALUE.length)}\n`,
          }),
          environments: { dev: { domainSuffix: "dev" }, stage: { domainSuffix: "stage" } },
        }),
    },
    {
      what: "ServerlessApp Variables of one environment over 3 KB (error 82006)",
      names: "environment dev",
      says: /^environment dev: 8 Variables take 3265 bytes of the function context \(keys and values as JSON\); Twilio fails every invocation whose context passes 3 KB \(3072 bytes, error 82006: https:\/\/www\.twilio\.com\/docs\/errors\/82006\)\. Remove some/,
      errors: () =>
        appErrors({
          directory: hello(),
          environments: {
            dev: {
              variables: Object.fromEntries(
                Array.from({ length: 8 }, (_, i) => [`V${i}`, SECRET_VALUE + "x".repeat(400 - SECRET_VALUE.length)]),
              ),
            },
          },
        }),
    },
    {
      what: "ServerlessApp variable key with a space",
      names: "environments.dev.variables",
      says: /key "BAD KEY" is not valid: use only letters, digits, "_", "\." and "-"/,
      errors: () => appErrors({ directory: hello(), environments: { dev: { variables: { "BAD KEY": "v" } } } }),
    },
    {
      what: "ServerlessApp package.json that is not JSON",
      names: "package.json",
      says: /not valid JSON .*Fix the file or pass dependencies explicitly/,
      errors: () =>
        appErrors({
          directory: project("bad-package", { "functions/hello.js": HANDLER, "package.json": "{ dependencies: " }),
        }),
    },
  ];

  it(`has at least 25 rows (${catalog.length})`, () => {
    assert.ok(catalog.length >= 25);
    assert.equal(new Set(catalog.map((row) => row.what)).size, catalog.length, "each row says a different mistake");
  });

  for (const row of catalog) {
    it(row.what, async () => {
      await resetEmulatorStats(emulator.url);
      const errors = await row.errors();
      assert.equal(errors.length, 1, `exactly one error, got ${JSON.stringify(errors)}`);
      const [error] = errors;
      assert.ok(error.includes(row.names), `the error names ${row.names}: ${error}`);
      assert.match(error, row.says);
      assert.ok(!error.includes(SECRET_VALUE), `the error does not echo the value: ${error}`);
      assert.deepEqual(writeRequestsIn(await emulatorStats(emulator.url)), [], "no POST or DELETE reached the API");
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
    const dir = withBigFile("all-at-once", "assets/big.private.bin", 11 * 1024 * 1024);
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
