/**
 * README.md's guide, run as written (readme.ts says which blocks): its shell lines typed into
 * bash, in order (all but `npm ci`, which made this clone; `/tmp/twilio-packages` becomes a folder
 * of this run and port 4010 a free port), its files written into the new project, and its YAML
 * program deployed through the installed plugin. Between two lines the test looks at what the
 * user would see: the packed tarballs, the installed packages, each call's answer, prod untouched
 * by a dev change until `promote`, the state after destroy, and the port free after the
 * emulator's stop. The project also gets a function with an npm dependency, so the emulator
 * (started with a relative --data-dir) installs one.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/credentials";
import { hermeticEnv } from "../../scripts/hermetic-env";
import { callDomain, pulumiBinDir, REPO } from "../e2e/harness";
import { guideFiles, guideShellBlocks, readReadme, yamlProgram } from "./readme";
import { Shell, shellCommands } from "./shell";
import { checkTarballs } from "./tarballs";

const readme = () => readReadme(REPO);
/** The guide's shell blocks of one section, as commands. */
const shellOf = (section: string) =>
  guideShellBlocks(readme())
    .filter((block) => block.section === section)
    .map((block) => shellCommands(block.text));

/**
 * The environment of the user's shell: none of what `npm test` in the workspace sets for its
 * scripts (its prefix, workspace and package), no NODE_PATH, no TWILIO_* or PULUMI_*; the user's
 * npm settings (registry, cache) stay.
 */
function consumerEnv(extra: Record<string, string>): Record<string, string> {
  const workspaceOnly =
    /^(npm_package_|npm_lifecycle_|npm_config_(local_prefix|prefix|workspaces?|include_workspace_root|global)$|NODE_PATH$|TS_NODE_)/i;
  const env = hermeticEnv(process.env, extra);
  for (const name of Object.keys(env)) if (workspaceOnly.test(name)) delete env[name];
  return env;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function portIsFree(port: number): Promise<boolean> {
  const server = net.createServer();
  const free = await new Promise<boolean>((resolve) => {
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => resolve(true));
  });
  if (free) await new Promise((resolve) => server.close(resolve));
  return free;
}

// A function with an npm dependency, added by the test: its Build installs `ms`.
const USES_MS = `exports.handler = (context, event, callback) => callback(null, String(require("ms")("1h")));\n`;

describe("consumer: README.md's guide, line by line, outside the repository", function () {
  this.timeout(20 * 60_000);
  let scratch: string;
  let project: string;
  let packages: string;
  let port: number;
  let env: Record<string, string>;
  const shells: Shell[] = [];

  before(async () => {
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "twilio-consumer-")));
    project = path.join(scratch, "my-app");
    packages = path.join(scratch, "packages");
    port = await freePort();
    env = consumerEnv({
      PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}`,
      PULUMI_HOME: path.join(scratch, "pulumi-home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    });
  });
  after(async () => {
    for (const shell of shells) shell.close();
    // A run that failed before the README's `kill` leaves the emulator running: stop it.
    const pidFile = project && path.join(project, ".emulator.pid");
    if (pidFile && fs.existsSync(pidFile)) process.kill(Number(fs.readFileSync(pidFile, "utf8")), "SIGTERM");
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  /** A README command as this run types it. */
  const asTyped = (command: string) =>
    command.replaceAll("/tmp/twilio-packages", packages).replace(/\b4010\b/g, String(port));

  it("Install: packs both packages and sets up a project with them, line by line", async () => {
    const [setup] = shellOf("Install");
    const npmCi = (command: string) => /^npm ci(\s+#.*)?$/.test(command);
    assert.ok(setup.some(npmCi), "the block starts in a clone with npm ci");
    const shell = new Shell(REPO, env);
    shells.push(shell);
    for (const command of setup) {
      if (npmCi(command)) continue; // this clone is installed already
      // "A new project anywhere else": the user leaves the clone first.
      if (/^mkdir (-p )?my-app\b/.test(command)) await shell.run(`cd ${scratch}`);
      await shell.run(asTyped(command));
      if (command.includes("npm pack")) checkTarballs(packages);
    }
    assert.equal(fs.realpathSync(path.join(project, "functions")), path.join(project, "functions"));
    for (let dir = scratch; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      assert.ok(!fs.existsSync(path.join(dir, "node_modules")), `no node_modules above the project (${dir})`);
    }
    for (const name of ["pulumi-twilio-serverless", "twilio-serverless-emulator", "@pulumi/pulumi"]) {
      const resolved = fs.realpathSync(require.resolve(`${name}/package.json`, { paths: [project] }));
      assert.ok(
        resolved.startsWith(path.join(project, "node_modules") + path.sep),
        `${name} resolves inside the project: ${resolved}`,
      );
    }
    // The README's files, and a function with a dependency the user adds to "dependencies".
    for (const [file, text] of Object.entries(guideFiles(readme()))) fs.writeFileSync(path.join(project, file), text);
    fs.writeFileSync(path.join(project, "functions", "uses-ms.js"), USES_MS);
    await shell.run("npm install --no-audit --no-fund ms@2.1.3");
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    assert.deepEqual(manifest.dependencies, { ms: "^2.1.3" }, "only what the functions need goes to the Build");
  });

  it("the guide, First deploy to Clean up: deploys, answers, signs, promotes, rolls back, finds no drift, destroys", async () => {
    const shell = new Shell(project, env);
    shells.push(shell);
    const apiUrl = `http://127.0.0.1:${port}`;
    const hello = async (variable: string) => {
      const domain = (await shell.run(`echo "$${variable}"`)).trim();
      return (await callDomain(apiUrl, domain, "/hello?name=you")).body;
    };
    let promotions = 0;
    for (const block of guideShellBlocks(readme()).filter((b) => b.section !== "Install")) {
      for (const command of shellCommands(block.text)) {
        const printed = await shell.run(asTyped(command));
        if (command.startsWith("DOMAIN=")) {
          const domain = (await shell.run('echo "$DOMAIN"')).trim();
          assert.match(domain, /^my-app-\d+-dev\.twil\.io$/);
          assert.deepEqual(await callDomain(apiUrl, domain, "/uses-ms"), { status: 200, body: "3600000" });
        }
        if (/\$DOMAIN.*\/hello\?/.test(command)) assert.match(printed, /^Hello, you!$/m);
        if (/\/secret$/.test(command)) assert.match(printed, /^Signed: \+15551111111$/m);
        if (command.startsWith("pulumi config set --secret twilio:authToken")) {
          const config = fs.readFileSync(path.join(project, "Pulumi.dev.yaml"), "utf8");
          assert.match(config, /twilio:accountSid: AC0+e0e0e0/);
          assert.match(config, /twilio:authToken:\n\s+secure: /, "the token is stored encrypted");
        }
        if (command.startsWith("PROD=")) {
          assert.match((await shell.run('echo "$PROD"')).trim(), /^my-app-\d+\.twil\.io$/, "prod: the bare domain");
          assert.equal(await hello("PROD"), "Hello, you!");
          assert.match(fs.readFileSync(path.join(project, "Pulumi.prod.yaml"), "utf8"), /twilio-serverless:approved:/);
        }
        if (command.startsWith("pulumi up --yes --stack dev")) {
          assert.equal(await hello("DOMAIN"), "Hi!", "dev runs the change");
          assert.equal(await hello("PROD"), "Hello, you!", "prod waits for an approval");
        }
        if (command.startsWith("npx pulumi-twilio-serverless promote --from") && ++promotions === 2)
          assert.equal(await hello("PROD"), "Hi!", "prod runs the approved change");
        if (command.startsWith("npx pulumi-twilio-serverless promote --rollback"))
          assert.equal(await hello("PROD"), "Hello, you!", "prod is back on the previous approval");
        if (/\$PROD.*\/hello\?/.test(command)) assert.match(printed, /^Hello, you!$/m);
        if (command.startsWith("DEBUG=pulumi-twilio-serverless:*"))
          assert.match(printed, /pulumi-twilio-serverless:http GET \/v1\/Services\/ZS\w+ 200/);
        if (command.startsWith("pulumi destroy")) {
          const services = await fetch(`${apiUrl}/v1/Services`, {
            headers: {
              authorization: `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}`,
            },
          });
          assert.deepEqual(((await services.json()) as { services: unknown[] }).services, [], "destroy removed all");
        }
      }
    }
    assert.equal(promotions, 2, "the guide approves twice, then rolls back");
    // The pid file goes once the emulator stopped: then its port is free.
    for (let waited = 0; fs.existsSync(path.join(project, ".emulator.pid")) && waited < 10_000; waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(!fs.existsSync(path.join(project, ".emulator.pid")), "the guide ends by stopping the emulator");
    assert.ok(await portIsFree(port), `port ${port} is free after the README's stop`);
  });

  it("Other languages: the README's YAML program through the installed plugin (node_modules/.bin on PATH)", async () => {
    // docs/plugin.md, "Installing": npm links pulumi-resource-twilio-serverless into node_modules/.bin.
    const program = yamlProgram(readme());
    assert.ok(program, "README.md's Other languages shows a Pulumi.yaml");
    for (const other of ["index.ts", "Pulumi.dev.yaml", "Pulumi.prod.yaml"])
      fs.rmSync(path.join(project, other), { force: true });
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), program);
    const shell = new Shell(project, {
      ...env,
      PATH: [path.join(project, "node_modules", ".bin"), env.PATH].join(path.delimiter),
    });
    shells.push(shell);
    const apiUrl = `http://127.0.0.1:${port}`;
    // The TypeScript wrappers over the plugin load from the installed package.
    await shell.run(`node -e 'require("pulumi-twilio-serverless/dist/native")'`);
    for (const command of [
      `export TWILIO_ACCOUNT_SID=${TEST_ACCOUNT_SID} TWILIO_AUTH_TOKEN=${TEST_AUTH_TOKEN} TWILIO_SERVERLESS_API_URL=${apiUrl}`,
      `npx twilio-serverless-emulator --port ${port} --data-dir .emulator-plugin --pid-file .emulator.pid &`,
      "while [ ! -f .emulator.pid ]; do sleep 0.1; done",
      `export PULUMI_BACKEND_URL="file://${scratch}/state-plugin" PULUMI_CONFIG_PASSPHRASE=local && mkdir -p "${scratch}/state-plugin"`,
      "pulumi stack init plugin --non-interactive",
      "pulumi up --yes --non-interactive",
    ])
      await shell.run(command);
    const urls = JSON.parse(await shell.run("pulumi stack output urls --json"));
    for (const environment of ["dev", "prod"])
      assert.equal((await callDomain(apiUrl, urls[environment].domainName, "/hello?name=you")).body, "Hi!");
    const exported = JSON.parse(await shell.run("pulumi stack export")) as {
      deployment: { resources: { type: string }[] };
    };
    assert.ok(exported.deployment.resources.some((r) => r.type === "twilio-serverless:index:Function"));
    await shell.run("pulumi preview --refresh --expect-no-changes --non-interactive");
    await shell.run("pulumi destroy --yes --non-interactive");
    await shell.run('kill "$(cat .emulator.pid)"');
  });
});
