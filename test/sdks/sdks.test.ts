/**
 * The SDKs generated from the schema (scripts/gen-sdks.sh, docs/languages.md): the committed sdk/
 * is what the plugin's schema generates today, and each language's SDK gets the strongest check
 * this machine can run (no Go, Python or .NET language host can run a program here).
 */
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO } from "../e2e/harness";

const SCRATCH = path.join(REPO, ".cache", "sdks-test");
const SDK = path.join(REPO, "sdk");
const LANGUAGES = ["nodejs", "python", "go", "dotnet"];

/** Go from PATH or its usual place; the module cache and build cache are the user's. */
const goEnv = {
  ...process.env,
  PATH: `${process.env.PATH ?? ""}${path.delimiter}/usr/local/go/bin`,
  // The committed go.mod/go.sum must be complete: a build never rewrites them.
  GOFLAGS: "-mod=readonly -buildvcs=false",
};

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) failed:\n${failed.stdout ?? ""}${failed.stderr ?? ""}`, {
      cause: error,
    });
  }
}

/** Every file under `dir`, by path relative to it, with its content. */
function tree(dir: string, prefix = ""): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = path.join(prefix, entry.name);
    if (entry.isDirectory()) for (const [name, content] of tree(dir, relative)) files.set(name, content);
    else files.set(relative, fs.readFileSync(path.join(dir, relative)));
  }
  return files;
}

describe("generated SDKs (sdk/)", function () {
  this.timeout(15 * 60_000); // the first run builds the codegen hosts and compiles pulumi's Go SDK

  before(function () {
    fs.rmSync(SCRATCH, { recursive: true, force: true });
    run("bash", [path.join(REPO, "scripts", "gen-sdks.sh")], REPO, { ...process.env, SDK_OUT: SCRATCH });
  });

  it("are what `pulumi package gen-sdk` makes of the plugin's schema today (else: npm run gen-sdks)", function () {
    for (const language of LANGUAGES) {
      const generated = tree(path.join(SCRATCH, language));
      const committed = tree(path.join(SDK, language));
      assert.deepStrictEqual(
        [...committed.keys()].sort(),
        [...generated.keys()].sort(),
        `sdk/${language}: files differ; run npm run gen-sdks`,
      );
      const stale = [...generated].filter(([name, content]) => !content.equals(committed.get(name)!));
      assert.deepStrictEqual(
        stale.map(([name]) => name),
        [],
        `sdk/${language}: stale files; run npm run gen-sdks`,
      );
    }
  });

  it("Go: the SDK compiles against github.com/pulumi/pulumi/sdk/v3 v3.248.0", function () {
    run("go", ["build", "-trimpath", "./..."], SDK, goEnv);
  });

  it("Go: a program declaring a ServerlessApp with dev and prod compiles", function () {
    const example = path.join(REPO, "examples", "go-app");
    run("go", ["build", "-trimpath", "-o", path.join(SCRATCH, "go-app"), "."], example, goEnv);
    assert.ok(fs.statSync(path.join(SCRATCH, "go-app")).size > 0);
  });

  it("Python: the SDK byte-compiles", function () {
    // The byte code goes to the scratch folder, not beside the committed sources.
    const env = { ...process.env, PYTHONPYCACHEPREFIX: path.join(SCRATCH, "pycache") };
    run("python3", ["-m", "compileall", "-q", path.join(SDK, "python")], REPO, env);
    assert.ok(fs.existsSync(path.join(SCRATCH, "pycache")), "compileall wrote no byte code");
  });

  it("Node.js: the SDK typechecks against the @pulumi/pulumi the tests run", function () {
    run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(SDK, "nodejs"), "--noEmit"], REPO);
  });
});
