/**
 * Takes the provider module text each resource writes into `__provider`, loads it the way the
 * dynamic-provider host does (require-from-string, then `.handler()`), configures it with stack
 * config only, and runs it against the emulator. Needs the compiled package (built in `before`).
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, useEmulator, uniqueName } from "./helpers";

const requireFromString: (code: string) => {
  handler: () => pulumi.dynamic.ResourceProvider;
} = require("require-from-string");

const ROOT = path.resolve(__dirname, "../..");
const RESOURCES = ["service", "environment", "function", "asset", "build", "deployment", "variable"] as const;
type ResourceFile = (typeof RESOURCES)[number];
const MAX_MODULE_BYTES = 1024;

describe("provider modules in state", () => {
  useEmulator();
  const texts = {} as Record<ResourceFile, string>;
  const providers = {} as Record<ResourceFile, pulumi.dynamic.ResourceProvider>;
  const stackConfig: Record<string, string> = {
    "twilio:accountSid": TEST_ACCOUNT_SID,
    "twilio:authToken": TEST_AUTH_TOKEN,
  };
  const savedEnv: Record<string, string | undefined> = {};

  before(async function () {
    this.timeout(120_000);
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-b", "provider"], {
      cwd: ROOT,
      stdio: "inherit",
    });
    for (const file of RESOURCES) {
      const module = require(`pulumi-twilio-serverless/dist/resources/${file}`);
      texts[file] = module[`${file}ProviderModule`] as string;
      providers[file] = requireFromString(texts[file]).handler();
    }
    // From here on only stack config carries credentials.
    for (const name of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"]) {
      savedEnv[name] = process.env[name];
      delete process.env[name];
    }
    for (const file of RESOURCES) {
      await providers[file].configure!({
        config: { get: (key) => stackConfig[key], require: (key) => stackConfig[key] },
      });
    }
  });

  after(() => {
    require("pulumi-twilio-serverless/dist/client/config").resetStackConfig();
    Object.assign(process.env, savedEnv);
    const sizes = RESOURCES.map((file) => `${file} ${Buffer.byteLength(texts[file] ?? "")} B`).join(", ");
    console.log(`      provider module sizes: ${sizes}`);
  });

  for (const file of RESOURCES) {
    it(`${file}: holds no credential, no client code, and stays under ${MAX_MODULE_BYTES} bytes`, () => {
      const text = texts[file];
      const basic = Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64");
      for (const secret of [TEST_AUTH_TOKEN, TEST_ACCOUNT_SID, basic])
        assert.ok(!text.includes(secret), `${file} leaks a credential`);
      assert.ok(!/undici|Pool|authorization/i.test(text), `${file} captured client code`);
      assert.ok(
        text.includes(`require("pulumi-twilio-serverless/dist/resources/${file}")`),
        `${file} requires its own module`,
      );
      assert.ok(Buffer.byteLength(text) < MAX_MODULE_BYTES, `${file}: ${Buffer.byteLength(text)} bytes`);
    });
  }

  it("the loaded providers check, create, read and delete against the emulator", async () => {
    const created: { file: ResourceFile; id: string; outs: Record<string, unknown> }[] = [];
    const make = async (file: ResourceFile, news: Record<string, unknown>) => {
      const provider = providers[file];
      const { inputs, failures } = await provider.check!({}, news);
      assert.deepEqual(failures ?? [], [], `${file}: ${JSON.stringify(failures)}`);
      const { id, outs } = await provider.create(inputs);
      const readBack = await provider.read!(id, outs);
      assert.equal(readBack.id, id, `${file} reads back`);
      const diff = await provider.diff!(id, readBack.props, inputs);
      assert.equal(diff.changes, false, `${file}: no change right after create`);
      created.push({ file, id, outs });
      return { id, outs };
    };

    const service = await make("service", { uniqueName: uniqueName("serialized") });
    const serviceSid = service.id;
    const environment = await make("environment", { serviceSid, uniqueName: "dev", domainSuffix: "dev" });
    const fn = await make("function", {
      serviceSid,
      friendlyName: "hello",
      path: "/hello",
      content: "exports.handler = (c, e, cb) => cb(null, 'hi');",
    });
    const asset = await make("asset", { serviceSid, friendlyName: "logo", path: "/logo.txt", content: "logo" });
    const build = await make("build", {
      serviceSid,
      functionVersions: [fn.outs.latestVersionSid],
      assetVersions: [asset.outs.latestVersionSid],
    });
    await make("deployment", { serviceSid, environmentSid: environment.id, buildSid: build.id });
    await make("variable", { serviceSid, environmentSid: environment.id, key: "GREETING", value: "hi" });

    for (const { file, id, outs } of created.reverse()) {
      await providers[file].delete!(id, outs);
    }
    for (const { file, id, outs } of created) {
      const gone = await providers[file].read!(id, outs);
      assert.equal(gone.id, "", `${file} is gone after delete`);
    }
    const bad = await providers.service.check!({}, { uniqueName: "no spaces allowed" });
    assert.deepEqual(
      bad.failures?.map((failure) => failure.property),
      ["uniqueName"],
    );
  });
});
