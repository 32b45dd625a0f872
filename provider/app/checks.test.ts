import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildSizeProblems, fileSizeProblems, runtimeAndDependencyProblems, serviceNameProblems } from "./checks";
import { describeProblems, gather, InputProblems } from "./problems";
import type { ScannedEntry } from "./scan";

function entry(
  kind: "function" | "asset",
  relativeFile: string,
  visibility: "public" | "protected" | "private" = "public",
  file = relativeFile,
): ScannedEntry {
  return { kind, path: `/${relativeFile}`, visibility, file, relativeFile, resourceName: relativeFile };
}

describe("serviceNameProblems", () => {
  it("names serviceName, as the user wrote it, for each rule broken", () => {
    assert.deepStrictEqual(serviceNameProblems("my-app-2"), []);
    assert.deepStrictEqual(serviceNameProblems("s".repeat(50)), []);
    assert.deepStrictEqual(serviceNameProblems("s".repeat(51)), [
      "serviceName is 51 characters; Twilio allows at most 50. Shorten it.",
    ]);
    assert.deepStrictEqual(serviceNameProblems("my_app"), [
      'serviceName "my_app" is not valid: use only letters, digits and "-" (it becomes part of the domain).',
    ]);
    assert.strictEqual(serviceNameProblems(`${"s".repeat(50)}_`).length, 2);
    assert.match(serviceNameProblems(undefined)[0], /^serviceName is required/);
  });
});

describe("runtimeAndDependencyProblems", () => {
  it("takes node20, node22, node24 and an unset runtime (node22)", () => {
    for (const runtime of ["node20", "node22", "node24", undefined])
      assert.deepStrictEqual(runtimeAndDependencyProblems(runtime, {}, "dependencies"), []);
  });

  it("refuses node18, saying since when and what to use", () => {
    const [problem] = runtimeAndDependencyProblems("node18", {}, "dependencies");
    assert.match(problem, /^runtime "node18" is retired: Twilio refuses Builds on it since 2025-11-10\. Use "node22"/);
  });

  it("leaves a runtime known only later to the Build", () => {
    assert.deepStrictEqual(runtimeAndDependencyProblems({ promise: true }, {}, "dependencies"), []);
  });

  it("asks node24 for runtime handler 2.1.2 or later, naming where it was declared", () => {
    const handler = (version: string) => ({ "@twilio/runtime-handler": version });
    for (const ok of ["2.1.2", "2.2.0", "3.0.0", "=2.1.2", "v2.1.3"])
      assert.deepStrictEqual(runtimeAndDependencyProblems("node24", handler(ok), "package.json dependencies"), [], ok);
    for (const old of ["2.1.1", "1.3.0", "1.0.0"]) {
      const [problem] = runtimeAndDependencyProblems("node24", handler(old), "package.json dependencies");
      assert.strictEqual(
        problem,
        `package.json dependencies: @twilio/runtime-handler "${old}" is too old for node24: Twilio runs node24 with 2.1.2 or later. ` +
          `Declare "2.1.2" (or newer), remove it to get Twilio's default, or choose another runtime.`,
      );
    }
    assert.deepStrictEqual(
      runtimeAndDependencyProblems("node22", handler("1.0.0"), "dependencies"),
      [],
      "node22 takes any handler",
    );
  });

  it("refuses a runtime handler range on any runtime, since Twilio takes one exact version", () => {
    const handler = (version: string) => ({ "@twilio/runtime-handler": version });
    for (const runtime of ["node22", "node24"]) {
      for (const range of ["1.x", ">=1 <2", "*", "^2.0.0", "~2.1.2", "latest", "2.1"]) {
        const problems = runtimeAndDependencyProblems(runtime, handler(range), "dependencies");
        assert.strictEqual(problems.length, 1, `${runtime} ${range}: ${problems.join(" | ")}`);
        assert.match(
          problems[0],
          /^dependencies: @twilio\/runtime-handler ".*" is a range, and Twilio takes one exact version of the runtime handler \(https:\/\/www\.npmjs\.com\/package\/@twilio\/runtime-handler\)\. Declare one, such as "2\.[01]\.[12]", or remove it/,
          `${runtime} ${range}`,
        );
      }
    }
  });

  it("checks dependency names and versions, naming the field once", () => {
    assert.deepStrictEqual(
      runtimeAndDependencyProblems(undefined, { "Bad Name": "1.0.0", axios: "" }, "dependencies"),
      [
        'dependencies: "Bad Name" is not a valid npm package name: use only letters, digits, "-", "_", ".", "!", "~", "*", "\'", "(", ")", after an optional "@scope/".',
        'dependencies: "axios" needs a version string such as "1.2.3" or "^1.2.0".',
      ],
    );
  });
});

describe("fileSizeProblems", () => {
  it("holds each file to its visibility's limit, naming it as it is in the folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "checks-"));
    try {
      const sized = (name: string, bytes: number) => {
        const file = path.join(dir, name);
        fs.closeSync(fs.openSync(file, "w"));
        fs.truncateSync(file, bytes);
        return file;
      };
      const tenMb = 10 * 1024 * 1024;
      const entries = [
        entry("asset", "assets/at-limit.private.bin", "private", sized("a", tenMb)),
        entry("asset", "assets/big.private.bin", "private", sized("b", tenMb + 1)),
        entry("asset", "assets/big.bin", "public", sized("c", tenMb + 1)),
      ];
      assert.deepStrictEqual(fileSizeProblems(entries), [
        "assets/big.private.bin is 10485761 bytes; Twilio accepts at most 10 MB for private content. Make it smaller.",
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("buildSizeProblems", () => {
  const functions = (count: number) =>
    Array.from({ length: count }, (_, i) => entry("function", `functions/f${String(i + 1).padStart(2, "0")}.js`));

  it("takes 50 functions and names the 51st, and how many more", () => {
    assert.deepStrictEqual(buildSizeProblems(functions(50)), []);
    assert.match(
      buildSizeProblems(functions(51))[0],
      /^functions\/f51\.js: a Build holds at most 50 Function Versions, and this one would hold 51\. Remove 1 /,
    );
    assert.match(
      buildSizeProblems(functions(53))[0],
      /^functions\/f51\.js and 2 more after it: .* would hold 53\. Remove 3 /,
    );
  });

  it("counts private assets apart from public and protected ones", () => {
    const assets = Array.from({ length: 51 }, (_, i) =>
      entry("asset", `assets/a${i}.txt`, i % 2 ? "protected" : "public"),
    );
    assert.deepStrictEqual(buildSizeProblems(assets), [], "51 public or protected assets fit");
    const privates = Array.from({ length: 51 }, (_, i) => entry("asset", `assets/p${i}.private.txt`, "private"));
    assert.match(buildSizeProblems(privates)[0], /at most 50 private Asset Versions/);
  });
});

describe("gather and describeProblems", () => {
  it("collects every problem a check finds, and says one alone or all as a list", () => {
    const problems: string[] = [];
    assert.strictEqual(
      gather(problems, () => 1),
      1,
    );
    gather(problems, () => {
      throw new Error("a: one");
    });
    gather(problems, () => {
      throw new InputProblems(["b: two", "c: three"]);
    });
    assert.deepStrictEqual(problems, ["a: one", "b: two", "c: three"]);
    assert.strictEqual(describeProblems(["a: one"]), "a: one");
    assert.strictEqual(
      describeProblems(problems),
      "3 problems, fix them all before deploying (nothing was sent to Twilio):\n- a: one\n- b: two\n- c: three",
    );
  });
});
