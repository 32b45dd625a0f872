/**
 * The bad-input catalog as data: each row is one mistake a user can make with a resource or the
 * ServerlessApp component, what it declares and the one error it must give (naming the field or
 * file, saying the fix). The same rows run on both paths: the dynamic resources and component
 * (bad-input.test.ts) and the provider plugin over gRPC (bad-input-plugin.test.ts). A new row
 * is data only. The rows are listed in docs/bad-input.md (bad-input.test.ts keeps the two in step).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { TEST_API_KEY, TEST_API_SECRET } from "../../emulator/index";
import type { ServerlessAppArgs } from "../../provider/app/serverless-app";
import type { Runtime } from "../../provider/rules";
import * as assert from "node:assert/strict";
import { environmentOperations } from "../../provider/resources/environment";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import { useStage } from "./fixtures";
import { create, uniqueName, useTempDir, type TestEmulator } from "./helpers";
import { emulatorStats, writeRequestsIn } from "./write-requests";

/** The resource kinds a row can declare (their operations: the dynamic resources' and the plugin's). */
export type ResourceKind = "Service" | "Environment" | "Function" | "Asset" | "Build" | "Deployment" | "Variable";

/** Environment variables a row changes (undefined removes one); the plugin gets them as its config. */
export type EnvChanges = Record<string, string | undefined>;

interface Row {
  /** The mistake, as listed in docs/bad-input.md. */
  what: string;
  /** The field or file the error must name. */
  names: string;
  /** The rest of the error: what is wrong and the fix. */
  says: RegExp;
  /**
   * Why the plugin cannot give this row's error yet. The plugin's run of such a row must still
   * miss it, so the mark goes once the plugin is fixed.
   */
  notOnPlugin?: string;
}

/** A resource declared with these inputs: refused by check, or (at: "create") by create. */
export interface ResourceRow extends Row {
  resource: ResourceKind;
  at?: "create";
  env?: EnvChanges;
  inputs: () => Record<string, unknown>;
}

/** A ServerlessApp of these arguments (with a default serviceName and environment), under this stack config. */
export interface AppRow extends Row {
  app: () => Partial<ServerlessAppArgs> & { directory: string };
  config?: Record<string, string>;
}

export type BadInput = ResourceRow | AppRow;

/** What the rows refer to, filled in by the suite's `before` hooks. */
export interface Fixtures {
  /** A temporary folder for the rows' files. */
  dir: string;
  /** A Service of the emulator, and its Environment whose Variables take 3060 of 3072 bytes (error 82006). */
  serviceSid: string;
  fullEnvironmentSid: string;
  /** The uniqueName of a Service that exists. */
  takenServiceName: string;
}

export const ZS = `ZS${"a".repeat(32)}`;
const ZE = `ZE${"b".repeat(32)}`;
const ZN = `ZN${"c".repeat(32)}`;
const ZH = `ZH${"d".repeat(32)}`;
/** A value the errors must not echo. */
export const SECRET_VALUE = "s3cr3t-value-never-echoed";
export const HANDLER = "exports.handler = (context, event, callback) => callback(null, 'ok');\n";

/** Fills in the fixtures in a `before` hook (the objects go with the emulator's Service at the end). */
export function useFixtures(emulator: TestEmulator): Fixtures {
  const stage = useStage(emulator);
  const temp = useTempDir();
  const fixtures = {} as Fixtures;
  before(async () => {
    fixtures.dir = temp.dir;
    fixtures.serviceSid = stage.serviceSid;
    fixtures.takenServiceName = uniqueName("taken");
    const taken = await create(serviceOperations, { uniqueName: fixtures.takenServiceName });
    emulator.atEnd(() => serviceOperations.delete(taken.id, taken.outs));
    const full = await create(environmentOperations, { serviceSid: stage.serviceSid, uniqueName: "full" });
    fixtures.fullEnvironmentSid = full.id;
    for (let i = 0; i < 7; i++) {
      await create(variableOperations, {
        serviceSid: stage.serviceSid,
        environmentSid: full.id,
        key: `V${i}`,
        value: "v".repeat(429),
      });
    }
  });
  return fixtures;
}

/** App arguments with what rows leave alone: the service name, one environment. */
export function appArgs(args: Partial<ServerlessAppArgs> & { directory: string }): ServerlessAppArgs {
  return { serviceName: "bad-input-app", environments: { dev: { domainSuffix: "dev" } }, ...args };
}

/** docs/bad-input.md's table: mistake → the error, as users read it. */
export function documentedErrors(): Map<string, string> {
  const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/bad-input.md"), "utf8");
  return new Map([...doc.matchAll(/^\| (.+?) \| (.+) \|$/gm)].map((match) => [match[1].replace(/`/g, ""), match[2]]));
}

/** The documented error as a pattern of the whole message: each "…" stands for what the row made (a sid, a path). */
function documentedPattern(text: string): RegExp {
  const escaped = text.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`, "s");
}

const DOCUMENTED = documentedErrors();

/**
 * The row's refusal, whichever path gave `errors`: exactly one, naming what the row names, saying
 * what it says and what docs/bad-input.md shows, not echoing the secret value, and no write (POST
 * or DELETE, applied or refused) reached the emulator since its stats were reset. `spelled`: how
 * the path spells what the user configures (the plugin's config keys), applied to the row's words.
 */
export async function assertRefused(
  row: BadInput,
  errors: string[],
  emulatorUrl: string,
  spelled: (text: string) => string = (text) => text,
): Promise<void> {
  assert.equal(errors.length, 1, `exactly one error, got ${JSON.stringify(errors)}`);
  const [error] = errors;
  const names = spelled(row.names);
  assert.ok(error.includes(names), `the error names ${names}: ${error}`);
  assert.match(error, new RegExp(spelled(row.says.source), row.says.flags));
  const documented = DOCUMENTED.get(row.what);
  assert.ok(documented, `docs/bad-input.md lists "${row.what}"`);
  assert.match(
    error,
    documentedPattern(spelled(documented)),
    `the error is the sentence docs/bad-input.md shows:\n${error}\n${spelled(documented)}`,
  );
  assert.ok(!error.includes(SECRET_VALUE), `the error does not echo the value: ${error}`);
  assert.deepEqual(writeRequestsIn(await emulatorStats(emulatorUrl)), [], "no POST or DELETE reached the API");
}

/** The rows; `f` is read only when a row runs. */
export function badInputCatalog(f: Fixtures): BadInput[] {
  /** A project folder with these files (relative path → content). */
  function project(name: string, files: Record<string, string>): string {
    const dir = path.join(f.dir, name);
    for (const [relative, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
      fs.writeFileSync(path.join(dir, relative), content);
    }
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }
  /** A sparse file of `bytes` bytes. */
  function bigFile(name: string, bytes: number): string {
    const file = path.join(f.dir, name);
    fs.closeSync(fs.openSync(file, "w"));
    fs.truncateSync(file, bytes);
    return file;
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

  return [
    // Service
    {
      what: "Service uniqueName over 50 characters",
      names: "uniqueName",
      says: /51 characters; Twilio allows at most 50\. Shorten it/,
      resource: "Service",
      inputs: () => ({ uniqueName: "a".repeat(51) }),
    },
    {
      what: "Service uniqueName with characters other than letters, digits and -",
      names: "uniqueName",
      says: /"my_app!" is not valid: use only letters, digits and "-"/,
      resource: "Service",
      inputs: () => ({ uniqueName: "my_app!" }),
    },
    {
      what: "Service friendlyName over 255 characters",
      names: "friendlyName",
      says: /256 characters; Twilio allows at most 255\. Shorten it/,
      resource: "Service",
      inputs: () => ({ uniqueName: "ok", friendlyName: "f".repeat(256) }),
    },
    {
      what: "Service includeCredentials not a boolean",
      names: "includeCredentials",
      says: /must be true or false, got "yes"/,
      resource: "Service",
      inputs: () => ({ uniqueName: "ok", includeCredentials: "yes" }),
    },
    {
      what: "Service uniqueName already taken in the account",
      names: "uniqueName",
      says: /already exists \(ZS[0-9a-f]{32}\)\. .*set `adopt: true`.*or choose another uniqueName/,
      resource: "Service",
      at: "create",
      inputs: () => ({ uniqueName: f.takenServiceName }),
    },
    // Environment
    {
      what: "Environment uniqueName starting with -",
      names: "uniqueName",
      says: /"-dev" is not valid: start with a letter or digit/,
      resource: "Environment",
      inputs: () => ({ serviceSid: ZS, uniqueName: "-dev" }),
    },
    {
      what: "Environment domainSuffix over 16 characters",
      names: "domainSuffix",
      says: /17 characters; Twilio allows at most 16\. Shorten it/,
      resource: "Environment",
      inputs: () => ({ serviceSid: ZS, uniqueName: "dev", domainSuffix: "s".repeat(17) }),
    },
    {
      what: "Environment domainSuffix with _",
      names: "domainSuffix",
      says: /"dev_1" is not valid: use only letters, digits and "-"/,
      resource: "Environment",
      inputs: () => ({ serviceSid: ZS, uniqueName: "dev", domainSuffix: "dev_1" }),
    },
    {
      what: "Environment serviceSid of the wrong kind (ZE…)",
      names: "serviceSid",
      says: /must be a Service sid: "ZS" followed by 32 hex digits, got "ZE.*Pass the `sid` output of the Service/,
      resource: "Environment",
      inputs: () => ({ serviceSid: ZE, uniqueName: "dev" }),
    },
    {
      what: "Environment uniqueName already taken in the Service",
      names: "Environment 'dev'",
      says: /already exists \(ZE[0-9a-f]{32}\)\. .*set `adopt: true`/,
      resource: "Environment",
      at: "create",
      inputs: () => ({ serviceSid: f.serviceSid, uniqueName: "dev" }),
    },
    // Function and Asset
    {
      what: "Function path with a .. segment",
      names: "path",
      says: /"\/a\/\.\.\/b" must not contain "\." or "\.\." segments/,
      resource: "Function",
      inputs: () => file({ path: "/a/../b" }),
    },
    {
      what: "Function path with a character Twilio refuses",
      names: "path",
      says: /"\/hello world\?" contains " ", "\?"|contains "\?", " ".*rename the file or choose another path/,
      resource: "Function",
      inputs: () => file({ path: "/hello world?" }),
    },
    {
      what: "Function path without a leading /",
      names: "path",
      says: /must start with "\/" \(e\.g\. "\/hello"\)/,
      resource: "Function",
      inputs: () => file({ path: "hello" }),
    },
    {
      what: "Function path over 255 characters",
      names: "path",
      says: /is 257 characters; Twilio allows at most 255/,
      resource: "Function",
      inputs: () => file({ path: `/${"p".repeat(256)}` }),
    },
    {
      what: "Function source file that does not exist",
      names: "missing.js",
      says: /source file ".*missing\.js" does not exist/,
      resource: "Function",
      inputs: () => file({ content: undefined, source: path.join(f.dir, "missing.js") }),
    },
    {
      what: "Function source that is a folder",
      names: "source",
      says: /is not a file/,
      resource: "Function",
      inputs: () => file({ content: undefined, source: f.dir }),
    },
    {
      what: "Function with both source and content",
      names: "source",
      says: /set either source \(a file\) or content \(inline text\), not both/,
      resource: "Function",
      inputs: () => file({ source: "x.js" }),
    },
    {
      what: "Function with neither source nor content",
      names: "source",
      says: /set source \(the path of a file\) or content \(inline text\)/,
      resource: "Function",
      inputs: () => file({ content: undefined }),
    },
    {
      what: "Function visibility other than public, protected, private",
      names: "visibility",
      says: /must be one of "public", "protected", "private", got "secret"/,
      resource: "Function",
      inputs: () => file({ visibility: "secret" }),
    },
    {
      what: "Function with a contentType",
      names: "contentType",
      says: /applies to Assets only.*Remove it/,
      resource: "Function",
      inputs: () => file({ contentType: "text/plain" }),
    },
    {
      what: "Asset file over 25 MB",
      names: "big.bin",
      says: /is 26214401 bytes; Twilio accepts at most 25 MB/,
      resource: "Asset",
      inputs: () => file({ path: "/big.bin", content: undefined, source: bigFile("big.bin", 25 * 1024 * 1024 + 1) }),
    },
    {
      what: "private Asset over 10 MB",
      names: "private.bin",
      says: /Twilio accepts at most 10 MB for private content/,
      resource: "Asset",
      inputs: () =>
        file({
          path: "/private.bin",
          visibility: "private",
          content: undefined,
          source: bigFile("private.bin", 10 * 1024 * 1024 + 1),
        }),
    },
    {
      what: "Asset contentType that is not a MIME type",
      names: "contentType",
      says: /use a MIME type such as "text\/css"/,
      resource: "Asset",
      inputs: () => file({ path: "/a.css", contentType: "css" }),
    },
    // Build and Deployment
    {
      what: "Build runtime Twilio does not offer",
      names: "runtime",
      says: /must be one of "node20", "node22", "node24", got "node16"/,
      resource: "Build",
      inputs: () => ({ serviceSid: ZS, functionVersions: [ZN], runtime: "node16" }),
    },
    {
      what: "Build runtime node18 (retired)",
      names: "runtime",
      says: /"node18" is retired: Twilio refuses Builds on it since 2025-11-10\. Use "node22"/,
      resource: "Build",
      inputs: () => ({ serviceSid: ZS, functionVersions: [ZN], runtime: "node18" }),
    },
    {
      what: "Build on node24 with a runtime handler older than 2.1.2",
      names: "dependencies",
      says: /^dependencies: @twilio\/runtime-handler "1\.3\.0" is too old for node24: Twilio runs node24 with 2\.1\.2 or later\. Declare "2\.1\.2"/,
      resource: "Build",
      inputs: () => ({
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
      resource: "Build",
      inputs: () => ({
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
      resource: "Build",
      inputs: () => ({ serviceSid: ZS, functionVersions: ZN_LIST(51) }),
    },
    {
      what: "Build without any version",
      names: "functionVersions",
      says: /needs at least one Function or Asset Version: set functionVersions or assetVersions/,
      resource: "Build",
      inputs: () => ({ serviceSid: ZS, functionVersions: [] }),
    },
    {
      what: "Build version sid of the wrong kind (ZH…)",
      names: "functionVersions[0]",
      says: /must be a Function or Asset Version sid \("ZN" and 32 hex digits\), got "ZH/,
      resource: "Build",
      inputs: () => ({ serviceSid: ZS, functionVersions: [ZH] }),
    },
    {
      what: "Build dependency with an invalid npm name",
      names: "dependencies",
      says: /"Bad Name" is not a valid npm package name/,
      resource: "Build",
      inputs: () => ({ serviceSid: ZS, functionVersions: [ZN], dependencies: { "Bad Name": "1.0.0" } }),
    },
    {
      what: "Build dependency not from the npm registry (file:, git, URL)",
      names: "dependencies",
      says: /^dependencies: "mylib" is "file:\.\.\/mylib", which is not a version on the npm registry: Twilio installs public npm packages only/,
      resource: "Build",
      inputs: () => ({
        serviceSid: ZS,
        functionVersions: [ZN],
        dependencies: { mylib: "file:../mylib" },
      }),
    },
    {
      what: "Deployment buildSid of the wrong kind (ZN…)",
      names: "buildSid",
      says: /must be a Build sid: "ZB" followed by 32 hex digits.*Pass the `sid` output of the Build/,
      resource: "Deployment",
      inputs: () => ({ serviceSid: ZS, environmentSid: ZE, buildSid: ZN }),
    },
    // Variable
    {
      what: "Variable key with a space",
      names: "key",
      says: /"MY KEY" is not valid: use only letters, digits, "_", "\." and "-"/,
      resource: "Variable",
      inputs: () => ({ serviceSid: ZS, environmentSid: ZE, key: "MY KEY", value: "v" }),
    },
    {
      what: "Variable key over 128 characters",
      names: "key",
      says: /129 characters; Twilio allows at most 128/,
      resource: "Variable",
      inputs: () => ({ serviceSid: ZS, environmentSid: ZE, key: "K".repeat(129), value: "v" }),
    },
    {
      what: "Variable value over 450 bytes (not echoed)",
      names: "value",
      says: /451 bytes; Twilio allows at most 450/,
      resource: "Variable",
      inputs: () => ({
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
      resource: "Variable",
      inputs: () => ({ serviceSid: ZS, environmentSid: ZE, key: "K", value: "" }),
    },
    {
      what: "Variable that takes its Environment past 3 KB (error 82006)",
      names: "Variable 'W'",
      says: /with it, the Environment's 8 Variables take 3073 bytes of the function context .*error 82006: https:\/\/www\.twilio\.com\/docs\/errors\/82006/,
      resource: "Variable",
      at: "create",
      inputs: () => ({
        serviceSid: f.serviceSid,
        environmentSid: f.fullEnvironmentSid,
        key: "W",
        value: "w".repeat(6),
      }),
    },
    // Credentials and endpoints
    {
      what: "no credentials at all",
      names: "TWILIO_ACCOUNT_SID",
      says: /credentials are missing\. Set TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN.*pulumi config set --secret twilio:authToken/,
      resource: "Service",
      at: "create",
      env: { TWILIO_ACCOUNT_SID: undefined, TWILIO_AUTH_TOKEN: undefined },
      inputs: () => ({ uniqueName: uniqueName("nocreds") }),
    },
    {
      what: "wrong auth token",
      names: "TWILIO_AUTH_TOKEN",
      says: /401 .*Twilio refused the credentials of account AC[0-9a-f]{32}: check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN/,
      resource: "Service",
      at: "create",
      env: { TWILIO_AUTH_TOKEN: "wrong-token-0123456789abcdef0123" },
      inputs: () => ({ uniqueName: uniqueName("badtoken") }),
    },
    {
      what: "wrong API key secret",
      names: "TWILIO_API_SECRET",
      says: /401 .*Twilio refused the credentials of API key SK[0-9a-f]{32} of account AC[0-9a-f]{32}: check TWILIO_API_KEY, TWILIO_API_SECRET/,
      resource: "Service",
      at: "create",
      env: { TWILIO_API_KEY: TEST_API_KEY, TWILIO_API_SECRET: "wrong-secret-0123456789abcdef012" },
      inputs: () => ({ uniqueName: uniqueName("badsecret") }),
    },
    {
      what: "API key without the account sid",
      names: "TWILIO_ACCOUNT_SID",
      says: /An API key is set but the account is not: set TWILIO_ACCOUNT_SID/,
      resource: "Service",
      at: "create",
      env: {
        TWILIO_ACCOUNT_SID: undefined,
        TWILIO_AUTH_TOKEN: undefined,
        TWILIO_API_KEY: TEST_API_KEY,
        TWILIO_API_SECRET: TEST_API_SECRET,
      },
      inputs: () => ({ uniqueName: uniqueName("nokeyaccount") }),
    },
    {
      what: "API URL that is not a URL",
      names: "TWILIO_SERVERLESS_API_URL",
      says: /must be an absolute URL such as http:\/\/127\.0\.0\.1:4010/,
      resource: "Service",
      at: "create",
      env: { TWILIO_SERVERLESS_API_URL: "127.0.0.1:4010" },
      inputs: () => ({ uniqueName: uniqueName("badurl") }),
    },
    // ServerlessApp
    {
      what: "ServerlessApp serviceName over 50 characters",
      names: "serviceName",
      says: /serviceName is 51 characters; Twilio allows at most 50\. Shorten it/,
      app: () => ({ directory: hello(), serviceName: "s".repeat(51) }),
    },
    {
      what: "ServerlessApp serviceName with _",
      names: "serviceName",
      says: /serviceName "my_app" is not valid: use only letters, digits and "-"/,
      app: () => ({ directory: hello(), serviceName: "my_app" }),
    },
    {
      what: "ServerlessApp private asset over 10 MB",
      names: "assets/big.private.bin",
      says: /is 11534336 bytes; Twilio accepts at most 10 MB for private content\. Make it smaller/,
      app: () => ({ directory: withBigFile("big-private", "assets/big.private.bin", 11 * 1024 * 1024) }),
    },
    {
      what: "ServerlessApp asset over 25 MB",
      names: "assets/video.mp4",
      says: /is 26214401 bytes; Twilio accepts at most 25 MB\. Make it smaller/,
      app: () => ({ directory: withBigFile("big-public", "assets/video.mp4", 25 * 1024 * 1024 + 1) }),
    },
    {
      what: "ServerlessApp with more than 50 functions",
      names: "functions/f51.js",
      says: /a Build holds at most 50 Function Versions, and this one would hold 51\. Remove 1 \(or list them in ignore\)/,
      app: () => ({ directory: manyFunctions("fifty-one", 51) }),
    },
    {
      what: "ServerlessApp with more than 50 private assets",
      names: "assets/p51.private.txt",
      says: /at most 50 private Asset Versions, and this one would hold 51/,
      app: () => ({
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
      app: () => ({ directory: hello(), runtime: "node18" as Runtime }),
    },
    {
      what: "ServerlessApp runtime Twilio does not offer",
      names: "runtime",
      says: /runtime must be one of "node20", "node22", "node24", got "node16"/,
      app: () => ({ directory: hello(), runtime: "node16" as Runtime }),
    },
    {
      what: "ServerlessApp on node24 with package.json's runtime handler older than 2.1.2",
      names: "package.json dependencies",
      says: /@twilio\/runtime-handler "1\.1\.0" is too old for node24: Twilio runs node24 with 2\.1\.2 or later/,
      app: () => ({ directory: oldHandler("old-handler"), runtime: "node24" }),
    },
    {
      what: "ServerlessApp dependency with an invalid npm name",
      names: "dependencies",
      says: /"Bad Name" is not a valid npm package name/,
      app: () => ({ directory: hello(), dependencies: { "Bad Name": "1.0.0" } }),
    },
    {
      what: "ServerlessApp without environments",
      names: "environments",
      says: /declare at least one, e\.g\. \{ dev: \{ domainSuffix: "dev" \} \}/,
      app: () => ({ directory: hello(), environments: {} }),
    },
    {
      what: "ServerlessApp environment name with a refused character",
      names: "environments",
      says: /the environment name "dev!" is not valid: start with a letter or digit and use only letters, digits, "_" and "-"/,
      app: () => ({ directory: hello(), environments: { "dev!": {} } }),
    },
    {
      what: "ServerlessApp domainSuffix over 16 characters",
      names: "environments.dev.domainSuffix",
      says: /is 18 characters; Twilio allows at most 16\. Shorten it/,
      app: () => ({ directory: hello(), environments: { dev: { domainSuffix: "a-very-long-suffix" } } }),
    },
    {
      what: "ServerlessApp two environments on one domain",
      names: "environments.stage",
      says: /domainSuffix "dev" is already used by environments\.dev\. Give each environment its own domainSuffix/,
      app: () => ({
        directory: hello(),
        environments: { dev: { domainSuffix: "dev" }, stage: { domainSuffix: "dev" } },
      }),
    },
    {
      what: "ServerlessApp promotion from an unknown environment",
      names: "environments.prod.build",
      says: /"qa" is neither an environment here \(known: dev, prod\) nor a Build sid/,
      app: () => ({ directory: hello(), environments: { dev: { domainSuffix: "dev" }, prod: { build: "qa" } } }),
    },
    {
      what: "ServerlessApp promotion loop",
      names: "environments",
      says: /promotion loops \(.*\)\. One environment in the chain must deploy this app's build/,
      app: () => ({ directory: hello(), environments: { a: { domainSuffix: "a", build: "b" }, b: { build: "a" } } }),
    },
    {
      what: "ServerlessApp Service settings in a stack that does not own the Service",
      names: "friendlyName, uiEditable",
      says: /set on the Service by the stack that owns it; with ownsService: false, remove them here/,
      app: () => ({ directory: hello(), ownsService: false, friendlyName: "x", uiEditable: true }),
    },
    {
      what: "ServerlessApp approval in stack config that is not a Build sid",
      names: "twilio-serverless:approved.prod.build",
      says: /must be a Build sid .*got "ZB1"; run `npx pulumi-twilio-serverless promote --from dev --to prod`/,
      config: { "twilio-serverless:approved": JSON.stringify({ prod: { build: "ZB1", from: "dev" } }) },
      app: () => ({ directory: hello(), environments: { prod: { build: { approved: "dev" } } } }),
    },
    {
      what: "ServerlessApp directory that does not exist",
      names: "directory",
      says: /is not a folder\. Point it at a twilio-run style project/,
      app: () => ({ directory: path.join(f.dir, "nowhere") }),
    },
    {
      what: "ServerlessApp directory with nothing to deploy",
      names: "directory",
      says: /has no functions or assets to build \(looked in functions\/, src\/, assets\/, static\/\)/,
      app: () => ({ directory: project("empty", { "README.md": "" }) }),
    },
    {
      what: "ServerlessApp file name with a character Twilio refuses",
      names: "assets/price#1.txt",
      says: /its path "\/price#1\.txt" contains "#", which Twilio refuses in paths; rename the file/,
      app: () => ({ directory: project("refused", { "assets/price#1.txt": "1" }) }),
    },
    {
      what: "ServerlessApp two files served at one path",
      names: "functions/a.js",
      says: /would both be served at "\/a".*Rename one of them/,
      app: () => ({ directory: project("twice", { "functions/a.js": HANDLER, "assets/a": "x" }) }),
    },
    {
      what: "ServerlessApp envFile that does not exist",
      names: ".env.missing",
      says: /does not exist\. Create it or remove envFile/,
      app: () => ({ directory: hello(), environments: { dev: { envFile: ".env.missing" } } }),
    },
    {
      what: "ServerlessApp .env line without = (not echoed)",
      names: ".env.broken:2",
      says: /expected KEY=VALUE \(or a # comment\); the line has no "="/,
      app: () => ({
        directory: project("broken-env", { "functions/hello.js": HANDLER, ".env.broken": `A=1\n${SECRET_VALUE}\n` }),
        environments: { dev: { envFile: ".env.broken" } },
      }),
    },
    {
      what: "ServerlessApp .env value over 450 bytes (not echoed)",
      names: ".env.long",
      says: /the value of LONG is 451 bytes; Twilio allows at most 450\. Shorten it/,
      app: () => ({
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
      app: () => ({
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
      app: () => ({
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
      app: () => ({ directory: hello(), environments: { dev: { variables: { "BAD KEY": "v" } } } }),
    },
    {
      what: "ServerlessApp package.json that is not JSON",
      names: "package.json",
      says: /not valid JSON .*Fix the file or pass dependencies explicitly/,
      app: () => ({
        directory: project("bad-package", { "functions/hello.js": HANDLER, "package.json": "{ dependencies: " }),
      }),
    },
  ];
}
