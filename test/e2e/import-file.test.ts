/**
 * `pulumi-twilio-serverless import-file` on a Service deployed by Twilio's own Toolkit library
 * (@twilio-labs/serverless-api, `deployLocalProject` of a twilio-run folder) to the emulator:
 * the JSON names every resource with the agreed import ids, --directory finds each file where
 * the Toolkit read it, and a Function missing locally is written back from Twilio.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TwilioServerlessApiClient } from "@twilio-labs/serverless-api";
import { main } from "../../provider/cli/main";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, useEmulator } from "../provider/helpers";
import { callDomain, packageCli, REPO, TestStack } from "./harness";

type GetApiUrl = (config: unknown, product?: string, apiVersion?: string) => string;
const apiClientModule = require("@twilio-labs/serverless-api/dist/api/utils/api-client") as { getApiUrl: GetApiUrl };

/** A twilio-run folder: two functions (one protected), an old one, a public and a private asset, a .env. */
const PROJECT: Record<string, string> = {
  "functions/hello.js": `exports.handler = (context, event, callback) => callback(null, context.GREETING);\n`,
  "functions/sms/reply.protected.js": `exports.handler = (context, event, callback) => callback(null, "reply");\n`,
  "functions/old.js": `exports.handler = (context, event, callback) => callback(null, "old");\n`,
  "assets/style.css": "h1 { color: blue; }\n",
  "assets/img/logo.private.png": "PNG-bytes",
  ".env": "GREETING=Hello\nAPI_KEY=k-123\n",
  "package.json": JSON.stringify({ dependencies: { lodash: "4.17.21" } }),
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function importFile(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: { write: (chunk: string) => ((stdout += chunk), true) } as unknown as NodeJS.WriteStream,
    stderr: { write: (chunk: string) => ((stderr += chunk), true) } as unknown as NodeJS.WriteStream,
  };
  // --cwd: a folder that is no Pulumi project, so the credentials come from the environment.
  const code = await main(["import-file", "--cwd", os.tmpdir(), ...args], io);
  return { code, stdout, stderr };
}

function writeProject(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

describe("e2e: import-file on a Service the Toolkit deployed", function () {
  this.timeout(120_000);
  const emulator = useEmulator();
  let work: string;
  let originalGetApiUrl: GetApiUrl;
  const deployed: Record<string, { serviceSid: string; environmentSid: string; buildSid: string }> = {};

  before(async function () {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "import-file-"));
    const project = path.join(work, "project");
    writeProject(project, PROJECT);
    originalGetApiUrl = apiClientModule.getApiUrl;
    apiClientModule.getApiUrl = (_config, _product, apiVersion = "v1") => `${emulator.url}/${apiVersion}`;
    const toolkit = new TwilioServerlessApiClient({ username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN });
    const deploy = (functionsEnv: string) =>
      toolkit.deployLocalProject({
        username: TEST_ACCOUNT_SID,
        password: TEST_AUTH_TOKEN,
        cwd: project,
        envPath: path.join(project, ".env"),
        env: { GREETING: "Hello", API_KEY: "k-123" },
        pkgJson: JSON.parse(PROJECT["package.json"]),
        serviceName: "toolkit-shop",
        functionsEnv,
        runtime: "node22",
        overrideExistingService: true,
      });
    deployed.dev = await deploy("dev");
    // The Toolkit never deletes a Function: old.js stays on the Service, in no Build served later.
    fs.rmSync(path.join(project, "functions/old.js"));
    fs.writeFileSync(
      path.join(project, "functions/hello.js"),
      PROJECT["functions/hello.js"].replace("GREETING", "API_KEY"),
    );
    deployed.stage = await deploy("stage");
    deployed.dev = await deploy("dev");
  });

  after(function () {
    apiClientModule.getApiUrl = originalGetApiUrl;
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("writes the import JSON of the whole Service, by unique name, with reads only", async function () {
    const before = await emulator.calls();
    const out = path.join(work, "import.json");
    const run = await importFile("--service", "toolkit-shop", "--out", out);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, "");
    const { serviceSid } = deployed.dev;
    const env = (name: string) => deployed[name].environmentSid;
    const file = JSON.parse(fs.readFileSync(out, "utf8")) as { resources: Record<string, string>[] };
    const rows = file.resources.map((r) => [
      r.type.split(":").pop(),
      r.logicalName,
      r.id
        .split("/")
        .map((s) => s.slice(0, 2))
        .join("/"),
    ]);
    assert.deepEqual(rows, [
      ["Service", "toolkit-shop", "ZS"],
      ["Environment", "toolkit-shop-dev", "ZS/ZE"],
      ["Variable", "toolkit-shop-dev-GREETING", "ZS/ZE/ZV"],
      ["Variable", "toolkit-shop-dev-API_KEY", "ZS/ZE/ZV"],
      ["Environment", "toolkit-shop-stage", "ZS/ZE"],
      ["Variable", "toolkit-shop-stage-GREETING", "ZS/ZE/ZV"],
      ["Variable", "toolkit-shop-stage-API_KEY", "ZS/ZE/ZV"],
      ["Function", "toolkit-shop:hello", "ZS/ZH"],
      ["Asset", "toolkit-shop:img/logo.png", "ZS/ZH"],
      ["Function", "toolkit-shop:sms/reply", "ZS/ZH"],
      ["Asset", "toolkit-shop:style.css", "ZS/ZH"],
      ["Build", "toolkit-shop-dev", "ZS/ZB"],
      ["Build", "toolkit-shop-stage", "ZS/ZB"],
      ["Deployment", "toolkit-shop-dev", "ZS/ZE/ZD"],
      ["Deployment", "toolkit-shop-stage", "ZS/ZE/ZD"],
    ]);
    const ids = file.resources.map((r) => r.id);
    assert.ok(ids.every((id) => id.startsWith(serviceSid)));
    assert.ok(ids.includes(`${serviceSid}/${env("dev")}`) && ids.includes(`${serviceSid}/${env("stage")}`));
    assert.ok(ids.includes(`${serviceSid}/${deployed.dev.buildSid}`));
    assert.ok(!JSON.stringify(file).includes("k-123"), "a Variable's value never goes in the file");
    assert.match(
      run.stderr,
      /^Service toolkit-shop \(ZS[0-9a-f]{32}\): 1 Service, 2 Environments, 4 Variables, 2 Functions, 2 Assets, 2 Builds, 2 Deployments, written to /,
    );
    assert.match(run.stderr, /Note: in no Build an imported Environment serves, so not imported: \/old\./);
    const calls = await emulator.calls();
    const writes = Object.keys(calls).filter((call) => !call.startsWith("GET") && calls[call] !== before[call]);
    assert.deepEqual(writes, []);
  });

  it("imports the environments asked for, by sid or suffix, and only the Builds they serve", async function () {
    const run = await importFile("--service", deployed.dev.serviceSid, "-e", deployed.stage.environmentSid);
    assert.equal(run.code, 0, run.stderr);
    const file = JSON.parse(run.stdout) as { resources: Record<string, string>[] };
    assert.deepEqual(
      file.resources.filter((r) => /:(Environment|Build|Deployment)$/.test(r.type)).map((r) => r.logicalName),
      ["toolkit-shop-stage", "toolkit-shop", "toolkit-shop-stage"],
    );
  });

  it("matches each file to the folder, writes a missing Function from Twilio, and names a missing Asset", async function () {
    const local = path.join(work, "partial");
    const { "functions/sms/reply.protected.js": _reply, "assets/style.css": _style, ...rest } = PROJECT;
    writeProject(local, { ...rest, "functions/hello.js": PROJECT["functions/hello.js"] });
    const run = await importFile("--service", "toolkit-shop", "--directory", local, "-o", path.join(work, "x.json"));
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stderr.split("\n");
    assert.ok(
      lines.includes(
        "  /hello: functions/hello.js (differs from the deployed Version: the first `pulumi up` uploads it)",
      ),
      run.stderr,
    );
    assert.ok(lines.includes("  /img/logo.png: assets/img/logo.private.png"), run.stderr);
    assert.ok(
      lines.includes(
        "  /sms/reply: not in the folder; written to functions/sms/reply.protected.js from the deployed Version",
      ),
      run.stderr,
    );
    assert.ok(
      lines.includes(
        "  /style.css: not in the folder; Twilio cannot return an Asset's content: put the file at assets/style.css before `pulumi up`",
      ),
      run.stderr,
    );
    assert.ok(lines.includes("Not deployed (a program declaring them creates them): functions/old.js."), run.stderr);
    assert.equal(
      fs.readFileSync(path.join(local, "functions/sms/reply.protected.js"), "utf8"),
      PROJECT["functions/sms/reply.protected.js"],
    );
    // The folder now serves the same paths the Toolkit deployed, as ServerlessApp and the Toolkit read it.
    const again = await importFile("--service", "toolkit-shop", "--directory", local, "-o", path.join(work, "x.json"));
    assert.ok(again.stderr.split("\n").includes("  /sms/reply: functions/sms/reply.protected.js"), again.stderr);
  });

  it("exits 2 naming what exists when the Service or an Environment does not", async function () {
    const service = await importFile("--service", "toolkit-shoop");
    assert.equal(service.code, 2);
    assert.equal(
      service.stderr,
      `pulumi-twilio-serverless import-file: unknown service "toolkit-shoop": the account's Services are: toolkit-shop (${deployed.dev.serviceSid}).\n`,
    );
    const environment = await importFile("--service", "toolkit-shop", "-e", "prod");
    assert.equal(environment.code, 2);
    assert.equal(
      environment.stderr,
      `pulumi-twilio-serverless import-file: unknown environment "prod": the Service's Environments are: dev-environment (suffix dev), stage-environment (suffix stage).\n`,
    );
    assert.equal(environment.stdout, "");
  });
});

describe("e2e: a Toolkit-deployed Service imported into the provider plugin", function () {
  this.timeout(600_000);
  const emulator = useEmulator();
  let stack: TestStack;
  let originalGetApiUrl: GetApiUrl;
  let domainName: string;
  const serviceName = `toolkit-import-${process.pid % 10000}`;
  const uploads = (calls: Record<string, number>) => ({
    functions: calls["POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"] ?? 0,
    assets: calls["POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions"] ?? 0,
  });

  before(async function () {
    stack = await TestStack.create({ example: "imported-toolkit", apiUrl: emulator.url, config: { serviceName } });
    // The plugin as a user has it once the package is installed: its bin on PATH.
    stack.env.PATH = `${path.join(REPO, "provider", "bin")}${path.delimiter}${stack.env.PATH}`;
    originalGetApiUrl = apiClientModule.getApiUrl;
    apiClientModule.getApiUrl = (_config, _product, apiVersion = "v1") => `${emulator.url}/${apiVersion}`;
    const toolkit = new TwilioServerlessApiClient({ username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN });
    const result = await toolkit.deployLocalProject({
      username: TEST_ACCOUNT_SID,
      password: TEST_AUTH_TOKEN,
      cwd: stack.dir,
      envPath: stack.file(".env"),
      env: { GREETING: "Hello" },
      pkgJson: {},
      serviceName,
      functionsEnv: "dev",
      runtime: "node22",
    });
    domainName = result.domain;
  });

  after(async function () {
    apiClientModule.getApiUrl = originalGetApiUrl;
    // Imported resources are protected: nothing to destroy on an emulator that stops anyway.
    await stack?.dispose();
  });

  it("imports with the import-file JSON, previews no change, and deploys one changed file with one upload", async function () {
    const made = await importFile(
      "--service",
      serviceName,
      "--directory",
      stack.dir,
      "--out",
      stack.file("import.json"),
    );
    assert.equal(made.code, 0, made.stderr);
    const imported = await stack.run(["import", "--file", "import.json", "--yes", "--generate-code=false"]);
    assert.equal(imported.code, 0, imported.stdout + imported.stderr);
    assert.match(imported.stdout, /= 8 imported/);

    const preview = await stack.run(["preview", "--expect-no-changes", "--diff"]);
    assert.equal(preview.code, 0, preview.stdout + preview.stderr);

    const before = await emulator.calls();
    stack.writeFile(
      "functions/hello.js",
      `exports.handler = (context, event, callback) => callback(null, "changed");\n`,
    );
    await stack.up();
    const after = await emulator.calls();
    assert.deepEqual(
      {
        functions: uploads(after).functions - uploads(before).functions,
        assets: uploads(after).assets - uploads(before).assets,
      },
      { functions: 1, assets: 0 },
    );
    const served = await callDomain(emulator.url, domainName, "/hello");
    assert.equal(served.body, "changed");
    // The Asset's content was taken from the folder at import; the run recorded it, nothing drifted.
    const again = await stack.run(["preview", "--expect-no-changes"]);
    assert.equal(again.code, 0, again.stdout + again.stderr);
  });
  it("reads the credentials from the stack's twilio-serverless:* config, as the plugin does", async function () {
    const { TWILIO_ACCOUNT_SID: _sid, TWILIO_AUTH_TOKEN: _token, TWILIO_SERVERLESS_API_URL: _url, ...env } = stack.env;
    const run = (args: string[]) => packageCli(stack, ["import-file", ...args], env);
    const missing = await run(["--service", serviceName]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /^pulumi-twilio-serverless import-file: error: Twilio credentials are missing/);
    await stack.mustRun(["config", "set", "twilio-serverless:accountSid", TEST_ACCOUNT_SID]);
    await stack.mustRun(["config", "set", "--secret", "twilio-serverless:authToken", TEST_AUTH_TOKEN]);
    await stack.mustRun(["config", "set", "twilio-serverless:apiUrl", emulator.url]);
    const found = await run(["--service", serviceName]);
    assert.equal(found.code, 0, found.stderr);
    assert.equal(JSON.parse(found.stdout).resources[0].logicalName, serviceName);
  });
});
