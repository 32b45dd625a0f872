/**
 * README.md's "Try it on your machine", run as written: its shell lines typed into one bash
 * session (all but `npm ci`, which made this clone; `/tmp/twilio-packages` becomes a folder of
 * this run and port 4010 a free port) and its files written into the new project, once with the
 * JavaScript program and once with the TypeScript one. Between two lines the test looks at what
 * the user would see: the packed tarballs, the installed packages, each call's answer, the state
 * after destroy, and the port free after the emulator's stop. The project also gets a function
 * with an npm dependency, so the emulator (started with a relative --data-dir) installs one.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/credentials";
import { hermeticEnv } from "../../scripts/hermetic-env";
import { callDomain, pulumiBinDir, REPO } from "../e2e/harness";
import { Shell, shellCommands } from "./shell";

function readmeSection(): string {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  return readme.slice(
    readme.indexOf("## Try it on your machine"),
    readme.indexOf("## Quick start on a real Twilio account"),
  );
}

/** The files the section writes: each block whose first line names one. */
function readmeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const match of readmeSection().matchAll(/```\w*\n(?:#|\/\/) ([\w./-]+\.(?:yaml|js|ts))\n([\s\S]*?)```/g))
    files[match[1]] = match[2];
  return files;
}

/** The section's ```sh blocks, as commands. */
function readmeShellBlocks(): string[][] {
  return [...readmeSection().matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => shellCommands(match[1]));
}

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

function tarList(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
}

/** The `.js` files of a tarball whose `sourceMappingURL` names a file the tarball does not hold. */
function danglingSourceMaps(tarball: string, files: readonly string[]): string[] {
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-tarball-"));
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    return files
      .filter((file) => file.endsWith(".js"))
      .flatMap((file) => {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(path.join(unpacked, file), "utf8"))?.[1];
        if (!url || url.startsWith("data:")) return [];
        const map = path.posix.join(path.posix.dirname(file), url);
        return files.includes(map) ? [] : [`${file} → ${url}`];
      });
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
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

describe("consumer: README's 'Try it on your machine', line by line, outside the repository", function () {
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

  it("packs both packages and sets up a project with them, as the first block says", async () => {
    const [setup] = readmeShellBlocks();
    assert.ok(setup.includes("npm ci"), "the block starts in a clone with npm ci");
    const shell = new Shell(REPO, env);
    shells.push(shell);
    for (const command of setup) {
      if (command === "npm ci") continue; // this clone is installed already
      // "A new project anywhere else": the user leaves the clone first.
      if (command.startsWith("mkdir my-app")) await shell.run(`cd ${scratch}`);
      await shell.run(asTyped(command));
      if (command.includes("npm pack")) checkTarballs();
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
    for (const [file, text] of Object.entries(readmeFiles())) {
      if (file !== "index.ts") fs.writeFileSync(path.join(project, file), text);
    }
    fs.writeFileSync(path.join(project, "functions", "uses-ms.js"), USES_MS);
    await shell.run("npm install --no-audit --no-fund ms@2.1.3");
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    assert.deepEqual(manifest.dependencies, { ms: "^2.1.3" }, "only what the functions need goes to the Build");
  });

  function checkTarballs(): void {
    const tarballs = fs.readdirSync(packages).filter((file) => file.endsWith(".tgz"));
    assert.deepEqual(tarballs.map((file) => file.replace(/-\d+\.\d+\.\d+\.tgz$/, "")).sort(), [
      "pulumi-twilio-serverless",
      "twilio-serverless-emulator",
    ]);
    for (const tarball of tarballs) {
      const files = tarList(path.join(packages, tarball));
      for (const needed of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]) {
        assert.ok(files.includes(`package/${needed}`), `${tarball} holds ${needed}`);
      }
      assert.deepEqual(
        files.filter((file) => /\.test\.|\/test\//.test(file)),
        [],
        `${tarball} ships no tests`,
      );
      assert.deepEqual(
        files.filter(
          (file) =>
            !/^package\/(dist\/.*\.(js|d\.ts)|bin\/[\w-]+\.js|bin\/pulumi-resource-twilio-serverless|package\.json|README\.md|LICENSE)$/.test(
              file,
            ),
        ),
        [],
        `${tarball} ships only compiled dist/, bin/, package.json, README.md and LICENSE`,
      );
      assert.ok(
        files.some((file) => file.startsWith("package/bin/")),
        `${tarball} ships its bin`,
      );
      if (tarball.startsWith("pulumi-twilio-serverless-"))
        assert.ok(files.includes("package/bin/pulumi-resource-twilio-serverless"), "the provider ships its plugin");
      assert.deepEqual(
        danglingSourceMaps(path.join(packages, tarball), files),
        [],
        `${tarball}: no .js points at a source map it does not ship`,
      );
    }
  }

  for (const program of ["index.js", "index.ts"]) {
    it(`${program}: the second block deploys, answers, signs, finds no drift, destroys and stops the emulator`, async () => {
      const files = readmeFiles();
      assert.ok(files[program], `README.md's "Try it on your machine" shows ${program}`);
      for (const other of ["index.js", "index.ts", "Pulumi.dev.yaml"])
        fs.rmSync(path.join(project, other), { force: true });
      fs.rmSync(path.join(project, ".state"), { recursive: true, force: true });
      fs.writeFileSync(path.join(project, program), files[program]);
      fs.writeFileSync(
        path.join(project, "Pulumi.yaml"),
        files["Pulumi.yaml"].replace("main: index.js", `main: ${program}`),
      );
      const shell = new Shell(project, env);
      shells.push(shell);
      const [, deploy] = readmeShellBlocks();
      const apiUrl = `http://127.0.0.1:${port}`;
      for (const command of deploy) {
        const printed = await shell.run(asTyped(command));
        if (command.startsWith("DOMAIN=")) {
          const domain = (await shell.run('echo "$DOMAIN"')).trim();
          assert.match(domain, /^my-app-\d+-dev\.twil\.io$/);
          assert.deepEqual(await callDomain(apiUrl, domain, "/uses-ms"), { status: 200, body: "3600000" });
          // The provider's installed bin finds the stack's environment and reads its Logs.
          await shell.run("npx pulumi-twilio-serverless logs --stack dev --environment dev --since 1h --json");
        }
        if (/\/hello\?/.test(command)) assert.match(printed, /^Hello, you!$/m);
        if (/\/secret$/.test(command)) assert.match(printed, /^Signed: \+15551111111$/m);
        if (command.startsWith("pulumi destroy")) {
          const services = await fetch(`${apiUrl}/v1/Services`, {
            headers: {
              authorization: `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}`,
            },
          });
          assert.deepEqual(((await services.json()) as { services: unknown[] }).services, [], "destroy removed all");
        }
      }
      assert.ok(deploy.at(-1)!.startsWith("kill "), "the block ends by stopping the emulator");
      // The pid file goes once the emulator stopped: then its port is free.
      for (let waited = 0; fs.existsSync(path.join(project, ".emulator.pid")) && waited < 10_000; waited += 100)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(!fs.existsSync(path.join(project, ".emulator.pid")), "the emulator stopped");
      assert.ok(await portIsFree(port), `port ${port} is free after the README's stop`);
    });
  }
  it("the plugin from the installed package: node_modules/.bin on PATH, ServerlessApp as twilio-serverless:index:*", async () => {
    // docs/plugin.md, "Installing": npm links pulumi-resource-twilio-serverless into node_modules/.bin.
    for (const other of ["index.js", "index.ts"]) fs.rmSync(path.join(project, other), { force: true });
    fs.writeFileSync(
      path.join(project, "index.ts"),
      [
        'import { ServerlessApp } from "pulumi-twilio-serverless/dist/native";',
        'const app = new ServerlessApp("my-app", { serviceName: "my-app", directory: __dirname, environments: { dev: { domainSuffix: "dev" } } });',
        "export const urls = app.environments;",
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(project, "Pulumi.yaml"), "name: my-app\nruntime: nodejs\nmain: index.ts\n");
    const shell = new Shell(project, {
      ...env,
      PATH: [path.join(project, "node_modules", ".bin"), env.PATH].join(path.delimiter),
    });
    shells.push(shell);
    const apiUrl = `http://127.0.0.1:${port}`;
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
    assert.equal((await callDomain(apiUrl, urls.dev.domainName, "/hello?name=you")).status, 200);
    const exported = JSON.parse(await shell.run("pulumi stack export")) as {
      deployment: { resources: { type: string }[] };
    };
    assert.ok(exported.deployment.resources.some((r) => r.type === "twilio-serverless:index:Function"));
    await shell.run("pulumi preview --refresh --expect-no-changes --non-interactive");
    await shell.run("pulumi destroy --yes --non-interactive");
    await shell.run('kill "$(cat .emulator.pid)"');
  });
});
