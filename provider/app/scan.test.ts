import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { matchesIgnore } from "./ignore";
import { DEFAULT_IGNORE, readDependencies, resourceNameFor, scanProject, serverlessPathOf } from "./scan";

/** A project folder in a fresh temp dir, with the given files (path → content). */
function makeProject(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "scan-test-"));
  for (const [rel, content] of Object.entries(files)) {
    const full = path.join(dir, rel);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, content);
  }
  return dir;
}

const created: string[] = [];
function project(files: Record<string, string>): string {
  const dir = makeProject(files);
  created.push(dir);
  return dir;
}

after(() => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

function summary(dir: string, options = {}) {
  return scanProject(dir, options).entries.map((e) => `${e.kind} ${e.path} ${e.visibility}`);
}

describe("scanProject", () => {
  it("lists functions without .js and assets with their extension, sorted by path", () => {
    const dir = project({
      "functions/hello.js": "",
      "functions/api/users.js": "",
      "assets/message.txt": "hi",
      "assets/img/logo.png": "png",
    });
    assert.deepStrictEqual(summary(dir), [
      "function /api/users public",
      "function /hello public",
      "asset /img/logo.png public",
      "asset /message.txt public",
    ]);
  });

  it("gives absolute files, project-relative names and resource names", () => {
    const dir = project({ "functions/sms/reply.protected.js": "" });
    const [entry] = scanProject(dir).entries;
    assert.strictEqual(entry.file, path.join(dir, "functions/sms/reply.protected.js"));
    assert.strictEqual(entry.relativeFile, "functions/sms/reply.protected.js");
    assert.strictEqual(entry.path, "/sms/reply");
    assert.strictEqual(entry.resourceName, "sms/reply");
  });

  it("reads .protected and .private markers and drops them from the path", () => {
    const dir = project({
      "functions/a.protected.js": "",
      "functions/b.private.js": "",
      "assets/c.private.json": "{}",
      "assets/d.protected.mp3": "",
    });
    assert.deepStrictEqual(summary(dir), [
      "function /a protected",
      "function /b private",
      "asset /c.json private",
      "asset /d.mp3 protected",
    ]);
  });

  it("falls back to src/ and static/ when functions/ and assets/ are missing", () => {
    const dir = project({ "src/fn.js": "", "static/page.html": "" });
    const result = scanProject(dir);
    assert.strictEqual(result.functionsDir, path.join(dir, "src"));
    assert.strictEqual(result.assetsDir, path.join(dir, "static"));
    assert.deepStrictEqual(summary(dir), ["function /fn public", "asset /page.html public"]);
  });

  it("prefers functions/ over src/ and assets/ over static/", () => {
    const dir = project({ "functions/a.js": "", "src/b.js": "", "assets/c.txt": "", "static/d.txt": "" });
    assert.deepStrictEqual(summary(dir), ["function /a public", "asset /c.txt public"]);
  });

  it("uses the folders named in options", () => {
    const dir = project({ "lambdas/x.js": "", "public/y.css": "", "functions/ignored.js": "" });
    assert.deepStrictEqual(summary(dir, { functionsFolder: "lambdas", assetsFolder: "public" }), [
      "function /x public",
      "asset /y.css public",
    ]);
  });

  it("errors when a folder named in options is missing or outside the project", () => {
    const dir = project({ "functions/x.js": "" });
    assert.throws(() => scanProject(dir, { functionsFolder: "nope" }), /functionsFolder: ".*nope" is not a folder/);
    assert.throws(
      () => scanProject(dir, { assetsFolder: "../elsewhere" }),
      /assetsFolder: "\.\.\/elsewhere" must name a folder inside/,
    );
  });

  it("returns nothing for a folder with neither functions nor assets", () => {
    const dir = project({ "README.md": "" });
    const result = scanProject(dir);
    assert.deepStrictEqual(result.entries, []);
    assert.strictEqual(result.functionsDir, undefined);
    assert.strictEqual(result.assetsDir, undefined);
  });

  it("errors when the directory does not exist", () => {
    assert.throws(
      () => scanProject(path.join(os.tmpdir(), "no-such-project-xyz")),
      /directory: ".*no-such-project-xyz" is not a folder/,
    );
  });

  it("deploys only .js files from the functions folder and reports the others", () => {
    const dir = project({ "functions/ok.js": "", "functions/types.ts": "", "functions/data.json": "" });
    const result = scanProject(dir);
    assert.deepStrictEqual(
      result.entries.map((e) => e.path),
      ["/ok"],
    );
    assert.deepStrictEqual(result.skipped, ["functions/data.json", "functions/types.ts"]);
  });

  it("turns whitespace into dashes, in file and folder names", () => {
    const dir = project({ "functions/my folder/say hello.js": "", "assets/a b.txt": "" });
    assert.deepStrictEqual(summary(dir), ["asset /a-b.txt public", "function /my-folder/say-hello public"]);
  });

  for (const ch of [";", ",", "?", ":", "@", "+", "&", "$", "(", ")", "'", '"', "#"]) {
    it(`refuses ${JSON.stringify(ch)} in a path, naming the file`, () => {
      const dir = project({ [`assets/bad${ch}name.txt`]: "" });
      assert.throws(
        () => scanProject(dir),
        (err: Error) =>
          err.message.includes(`assets/bad${ch}name.txt`) && err.message.includes(`contains ${JSON.stringify(ch)}`),
      );
    });
  }

  it("accepts a path of 255 characters and refuses 256", () => {
    const ok = project({ [`assets/${"a".repeat(250)}.txt`]: "" }); // "/" + 250 + ".txt" = 255
    assert.strictEqual(scanProject(ok).entries[0].path.length, 255);
    const long = project({ [`assets/${"a".repeat(251)}.txt`]: "" });
    assert.throws(() => scanProject(long), /is 256 characters; Twilio allows at most 255/);
  });

  it("errors when a function and an asset share a path, naming both files", () => {
    const dir = project({ "functions/data.js": "", "assets/data": "" });
    assert.throws(
      () => scanProject(dir),
      /functions\/data\.js and assets\/data would both be served at "\/data" \(as function and asset\)/,
    );
  });

  it("errors when two files of the same kind share a path", () => {
    const dir = project({ "functions/hello.js": "", "functions/hello.protected.js": "" });
    assert.throws(
      () => scanProject(dir),
      /functions\/hello\.js and functions\/hello\.protected\.js would both be served at "\/hello"/,
    );
    const spaced = project({ "assets/a b.txt": "", "assets/a-b.txt": "" });
    assert.throws(() => scanProject(spaced), /would both be served at "\/a-b\.txt"/);
  });

  it("skips the default ignores at any depth", () => {
    const dir = project({
      "functions/.DS_Store": "",
      "assets/.gitkeep": "",
      "assets/img/Thumbs.db": "",
      "assets/node_modules/lib/index.js": "",
      "assets/keep.txt": "",
    });
    assert.deepStrictEqual(summary(dir), ["asset /keep.txt public"]);
    assert.deepStrictEqual(scanProject(dir).skipped, []);
    assert.ok(DEFAULT_IGNORE.includes(".DS_Store"));
  });

  it("skips user patterns on top of the defaults", () => {
    const dir = project({
      "functions/hello.js": "",
      "functions/hello.test.js": "",
      "assets/app.js.map": "",
      "assets/raw/big.psd": "",
      "assets/raw/nested/more.psd": "",
      "assets/site/raw/keep.txt": "",
      "assets/.gitkeep": "",
    });
    const result = scanProject(dir, { ignore: ["*.test.js", "*.map", "assets/raw"] });
    assert.deepStrictEqual(
      result.entries.map((e) => e.path),
      ["/hello", "/site/raw/keep.txt"],
    );
  });

  it("rejects empty and negated ignore patterns", () => {
    const dir = project({ "functions/a.js": "" });
    assert.throws(() => scanProject(dir, { ignore: [""] }), /ignore: patterns must be non-empty strings/);
    assert.throws(
      () => scanProject(dir, { ignore: ["!keep.txt"] }),
      /ignore: "!keep.txt": negated patterns are not supported/,
    );
  });

  it("follows symlinked files and folders without looping", () => {
    const dir = project({ "shared/lib.txt": "x", "functions/a.js": "" });
    fs.mkdirSync(path.join(dir, "assets"));
    fs.symlinkSync(path.join(dir, "shared"), path.join(dir, "assets", "shared"));
    fs.symlinkSync(path.join(dir, "shared"), path.join(dir, "assets", "twice"));
    fs.symlinkSync(path.join(dir, "assets"), path.join(dir, "assets", "loop"));
    fs.symlinkSync(path.join(dir, "missing"), path.join(dir, "assets", "dangling"));
    assert.deepStrictEqual(summary(dir), [
      "function /a public",
      "asset /shared/lib.txt public",
      "asset /twice/lib.txt public",
    ]);
  });

  it("reads package.json dependencies", () => {
    const dir = project({ "package.json": JSON.stringify({ dependencies: { axios: "^1.6.0", lodash: "" } }) });
    assert.deepStrictEqual(scanProject(dir).dependencies, { axios: "^1.6.0", lodash: "*" });
  });
});

describe("serverlessPathOf", () => {
  it("keeps a marker that is not right before the extension", () => {
    assert.deepStrictEqual(serverlessPathOf("a.private.b.js", "function"), {
      path: "/a.private.b",
      visibility: "public",
    });
  });

  it("treats a file without extension as public, keeping its whole name", () => {
    assert.deepStrictEqual(serverlessPathOf("notes.private", "asset"), {
      path: "/notes.private",
      visibility: "public",
    });
    assert.deepStrictEqual(serverlessPathOf(".htaccess", "asset"), { path: "/.htaccess", visibility: "public" });
  });

  it("keeps non-.js extensions of assets even when they are .js", () => {
    assert.deepStrictEqual(serverlessPathOf("lib/util.private.js", "asset"), {
      path: "/lib/util.js",
      visibility: "private",
    });
  });

  it("refuses a name that is only a marker", () => {
    assert.throws(
      () => serverlessPathOf("dir/.private.js", "function", "functions/dir/.private.js"),
      /functions\/dir\/\.private\.js: nothing is left/,
    );
  });
});

describe("resourceNameFor", () => {
  it("drops the leading slash and keeps the rest, so different paths never share a name", () => {
    assert.strictEqual(resourceNameFor("/hello"), "hello");
    assert.strictEqual(resourceNameFor("/img/logo.png"), "img/logo.png");
    assert.notStrictEqual(resourceNameFor("/a-b"), resourceNameFor("/a/b"));
  });
});

describe("matchesIgnore", () => {
  it("matches names at any depth when the pattern has no slash", () => {
    assert.ok(matchesIgnore(["*.map"], "assets/js/app.js.map"));
    assert.ok(matchesIgnore(["drafts"], "functions/drafts"));
    assert.ok(!matchesIgnore(["*.map"], "assets/js/app.js"));
  });

  it("matches project-relative paths when the pattern has a slash", () => {
    assert.ok(matchesIgnore(["assets/raw/**"], "assets/raw/a/b.psd"));
    assert.ok(matchesIgnore(["**/secret.txt"], "assets/secret.txt"));
    assert.ok(matchesIgnore(["**/secret.txt"], "assets/deep/down/secret.txt"));
    assert.ok(matchesIgnore(["/functions/wip.js"], "functions/wip.js"));
    assert.ok(!matchesIgnore(["assets/*.psd"], "assets/raw/b.psd"));
    assert.ok(matchesIgnore(["assets/?.txt"], "assets/a.txt"));
    assert.ok(!matchesIgnore(["assets/?.txt"], "assets/ab.txt"));
  });

  it("treats regex characters in patterns literally", () => {
    assert.ok(matchesIgnore(["a+b.txt"], "assets/a+b.txt"));
    assert.ok(!matchesIgnore(["a.txt"], "assets/abtxt"));
  });
});

describe("readDependencies", () => {
  it("returns {} without package.json or without dependencies", () => {
    assert.deepStrictEqual(readDependencies(project({})), {});
    assert.deepStrictEqual(readDependencies(project({ "package.json": "{}" })), {});
  });

  it("leaves out the deploy tooling (@pulumi/*, pulumi-twilio-serverless) that pulumi new puts in dependencies", () => {
    const manifest = {
      dependencies: {
        "@pulumi/pulumi": "^3.248.0",
        "pulumi-twilio-serverless": "^0.1.0",
        ms: "2.1.3",
        pulumi: "1.0.0",
        got: "",
      },
    };
    assert.deepStrictEqual(readDependencies(project({ "package.json": JSON.stringify(manifest) })), {
      ms: "2.1.3",
      pulumi: "1.0.0",
      got: "*",
    });
  });

  it("errors on invalid JSON or a malformed dependencies field, naming the file", () => {
    assert.throws(() => readDependencies(project({ "package.json": "{oops" })), /package\.json: not valid JSON/);
    assert.throws(
      () => readDependencies(project({ "package.json": '{"dependencies": ["a"]}' })),
      /"dependencies" must be an object/,
    );
    assert.throws(
      () => readDependencies(project({ "package.json": '{"dependencies": {"a": 1}}' })),
      /dependencies\["a"\] must be a version string/,
    );
  });
});
