/**
 * The packages as a user gets them: `npm pack` of both into a temporary folder, a new project
 * outside the repository with the files of README.md's "Try it on your machine" (read from it),
 * `npm install` of the tarballs plus @pulumi/pulumi from the registry, the emulator through its
 * installed bin, then pulumi up → call → preview --refresh --expect-no-changes → destroy, once
 * with the JavaScript program and once with the TypeScript one.
 */
import * as assert from "node:assert/strict";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/credentials";
import { hermeticEnv } from "../../scripts/hermetic-env";
import { callDomain, pulumiBinDir, REPO } from "../e2e/harness";

const PULUMI_SDK = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8")).devDependencies[
  "@pulumi/pulumi"
] as string;

/** The files README.md's "Try it on your machine" writes: each block whose first line names one. */
function readmeFiles(): Record<string, string> {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.slice(
    readme.indexOf("## Try it on your machine"),
    readme.indexOf("## Quick start on a real Twilio account"),
  );
  const files: Record<string, string> = {};
  for (const match of section.matchAll(/```\w*\n(?:#|\/\/) ([\w./-]+\.(?:yaml|js|ts))\n([\s\S]*?)```/g))
    files[match[1]] = match[2];
  return files;
}

/**
 * The environment of every command in the project: none of what `npm test` in the workspace
 * sets for its scripts (its prefix, workspace and package), no NODE_PATH; the user's npm
 * settings (registry, cache) stay.
 */
function consumerEnv(extra: Record<string, string>): Record<string, string> {
  const workspaceOnly =
    /^(npm_package_|npm_lifecycle_|npm_config_(local_prefix|prefix|workspaces?|include_workspace_root|global)$|NODE_PATH$|TS_NODE_)/i;
  const env = hermeticEnv(process.env, extra);
  for (const name of Object.keys(env)) if (workspaceOnly.test(name)) delete env[name];
  return env;
}

function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, output }));
  });
}

async function mustRun(command: string, args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const { code, output } = await run(command, args, cwd, env);
  assert.equal(code, 0, `${command} ${args.join(" ")} exited ${code}\n${output}`);
  return output;
}

function tarList(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
}

describe("consumer: the packed packages in a new project outside the repository", function () {
  this.timeout(15 * 60_000);
  let scratch: string;
  let project: string;
  let tarballs: Record<string, string>;
  let emulator: ChildProcess | undefined;
  let apiUrl: string;
  let env: Record<string, string>;

  before(async () => {
    scratch = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "twilio-consumer-")));
    project = path.join(scratch, "my-app");
    fs.mkdirSync(path.join(project, "functions"), { recursive: true });
    env = consumerEnv({ PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}` });
  });
  after(async () => {
    emulator?.kill("SIGTERM");
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("npm pack makes both tarballs, with compiled code, declarations, README and LICENSE, and no tests or sources", async () => {
    const packages = path.join(scratch, "packages");
    fs.mkdirSync(packages);
    const output = await mustRun(
      "npm",
      ["pack", "-w", "provider", "-w", "emulator", "--pack-destination", packages, "--json"],
      REPO,
      consumerEnv({ PATH: process.env.PATH! }),
    );
    const packed = JSON.parse(output.slice(output.indexOf("[")));
    tarballs = Object.fromEntries(
      packed.map((p: { name: string; filename: string }) => [p.name, path.join(packages, p.filename)]),
    );
    assert.deepEqual(Object.keys(tarballs).sort(), ["pulumi-twilio-serverless", "twilio-serverless-emulator"]);
    for (const [name, tarball] of Object.entries(tarballs)) {
      const files = tarList(tarball);
      for (const needed of [
        "package/package.json",
        "package/README.md",
        "package/LICENSE",
        "package/dist/index.js",
        "package/dist/index.d.ts",
      ]) {
        assert.ok(files.includes(needed), `${name} holds ${needed}`);
      }
      const tests = files.filter((file) => /\.test\.|\/test\//.test(file));
      assert.deepEqual(tests, [], `${name} ships no tests`);
      const sources = files.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"));
      assert.deepEqual(sources, [], `${name} ships no TypeScript sources`);
      const outsideDist = files.filter(
        (file) => !/^package\/(dist\/|bin\/|package\.json$|README\.md$|LICENSE$)/.test(file),
      );
      assert.deepEqual(outsideDist, [], `${name} ships only dist/, bin/, package.json, README.md and LICENSE`);
    }
    assert.ok(tarList(tarballs["twilio-serverless-emulator"]).includes("package/bin/twilio-serverless-emulator.js"));
    assert.ok(tarList(tarballs["pulumi-twilio-serverless"]).includes("package/bin/pulumi-twilio-serverless.js"));
    assert.ok(tarList(tarballs["pulumi-twilio-serverless"]).includes("package/bin/pulumi-resource-twilio-serverless"));
  });

  it("installs in a project of its own, from the tarballs and the npm registry only", async () => {
    for (let dir = scratch; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      assert.ok(!fs.existsSync(path.join(dir, "node_modules")), `no node_modules above the project (${dir})`);
    }
    assert.ok(!project.startsWith(REPO + path.sep), "the project is outside the repository");
    for (const [file, text] of Object.entries(readmeFiles())) {
      if (file === "index.ts") continue; // written for the TypeScript run below
      fs.writeFileSync(path.join(project, file), text);
    }
    await mustRun("npm", ["init", "-y"], project, env);
    await mustRun(
      "npm",
      [
        "install",
        "--save-dev",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        ...Object.values(tarballs),
        `@pulumi/pulumi@${PULUMI_SDK}`,
      ],
      project,
      env,
    );
    for (const name of ["pulumi-twilio-serverless", "twilio-serverless-emulator", "@pulumi/pulumi"]) {
      const resolved = fs.realpathSync(require.resolve(`${name}/package.json`, { paths: [project] }));
      assert.ok(
        resolved.startsWith(path.join(project, "node_modules") + path.sep),
        `${name} resolves inside the project: ${resolved}`,
      );
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(project, "package.json"), "utf8"));
    assert.equal(manifest.dependencies, undefined, "nothing in dependencies: they would go to the Twilio Build");
  });

  it("starts the emulator through its installed bin", async () => {
    const bin = path.join(project, "node_modules", ".bin", "twilio-serverless-emulator");
    const child = spawn(bin, ["--port", "0", "--data-dir", ".emulator"], {
      cwd: project,
      env: { ...env, TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID, TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN },
      stdio: ["ignore", "pipe", "inherit"],
    });
    emulator = child;
    apiUrl = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout!.on("data", (chunk) => {
        out += chunk;
        const match = /^listening on (\S+)\n/.exec(out);
        if (match) resolve(match[1]);
      });
      child.on("exit", (code) => reject(new Error(`the emulator's bin exited ${code}: ${out}`)));
    });
    env = {
      ...env,
      TWILIO_SERVERLESS_API_URL: apiUrl,
      TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    };
  });

  for (const program of ["index.js", "index.ts"]) {
    it(`${program}: pulumi up, the function answers, preview --refresh finds no change, destroy leaves nothing`, async () => {
      const files = readmeFiles();
      assert.ok(files[program], `README.md's "Try it on your machine" shows ${program}`);
      for (const other of ["index.js", "index.ts"]) fs.rmSync(path.join(project, other), { force: true });
      fs.writeFileSync(path.join(project, program), files[program]);
      fs.writeFileSync(
        path.join(project, "Pulumi.yaml"),
        files["Pulumi.yaml"].replace("main: index.js", `main: ${program}`),
      );
      const stack = program.replace(".", "-");
      const state = path.join(scratch, `state-${stack}`);
      fs.mkdirSync(state);
      const stackEnv = {
        ...env,
        PULUMI_BACKEND_URL: `file://${state}`,
        PULUMI_CONFIG_PASSPHRASE: "local",
        PULUMI_HOME: path.join(scratch, "pulumi-home"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      };
      const pulumi = (...args: string[]) => mustRun("pulumi", [...args, "--non-interactive"], project, stackEnv);
      await pulumi("stack", "init", stack);
      await pulumi("up", "--yes");
      const urls = JSON.parse(await pulumi("stack", "output", "urls", "--json"));
      assert.match(urls.dev.domainName, /^my-app-\d+-dev\.twil\.io$/);
      assert.deepEqual(await callDomain(apiUrl, urls.dev.domainName, "/hello?name=you"), {
        status: 200,
        body: "Hello, you!",
      });
      await pulumi("preview", "--refresh", "--expect-no-changes");
      // The provider's installed bin finds the stack's environment and reads its Logs.
      const logsBin = path.join(project, "node_modules", ".bin", "pulumi-twilio-serverless");
      await mustRun(
        logsBin,
        ["logs", "--stack", stack, "--environment", "dev", "--since", "1h", "--json"],
        project,
        stackEnv,
      );
      await pulumi("destroy", "--yes");
      const services = await fetch(`${apiUrl}/v1/Services`, {
        headers: { authorization: `Basic ${Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64")}` },
      });
      assert.deepEqual(
        ((await services.json()) as { services: unknown[] }).services,
        [],
        "destroy removed the service",
      );
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
    const state = path.join(scratch, "state-plugin");
    fs.mkdirSync(state);
    const stackEnv = {
      ...env,
      PATH: [path.join(project, "node_modules", ".bin"), env.PATH].join(path.delimiter),
      PULUMI_BACKEND_URL: `file://${state}`,
      PULUMI_CONFIG_PASSPHRASE: "local",
      PULUMI_HOME: path.join(scratch, "pulumi-home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    };
    const pulumi = (...args: string[]) => mustRun("pulumi", [...args, "--non-interactive"], project, stackEnv);
    await pulumi("stack", "init", "plugin");
    await pulumi("up", "--yes");
    const urls = JSON.parse(await pulumi("stack", "output", "urls", "--json"));
    assert.equal((await callDomain(apiUrl, urls.dev.domainName, "/hello?name=you")).status, 200);
    const exported = JSON.parse(await pulumi("stack", "export")) as { deployment: { resources: { type: string }[] } };
    assert.ok(exported.deployment.resources.some((r) => r.type === "twilio-serverless:index:Function"));
    await pulumi("preview", "--refresh", "--expect-no-changes");
    await pulumi("destroy", "--yes");
  });
});
