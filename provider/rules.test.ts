import * as assert from "assert";
import { dependencyProblems, npmNameProblem } from "./rules";

describe("npmNameProblem: what npm still serves", () => {
  it("takes legacy names with capitals and the characters new packages may no longer use", () => {
    // Real packages the npm registry serves (`npm view JSONStream` gives 1.3.5, `npm view LiveScript` 1.3.1),
    // published before names had to be lowercase.
    for (const legacy of ["JSONStream", "LiveScript", "@scope/JSONStream"])
      assert.strictEqual(npmNameProblem(legacy), undefined, legacy);
    for (const fine of ["axios", "lodash.merge", "under_score", "123numeric", "@twilio/runtime-handler", "crazy!"])
      assert.strictEqual(npmNameProblem(fine), undefined, fine);
    assert.deepStrictEqual(dependencyProblems({ JSONStream: "1.3.5" }), []);
  });

  it("refuses what npm refuses for any package, saying why", () => {
    const cases: [string, RegExp][] = [
      ["Bad Name", /use only letters, digits/],
      [" lead", /use only letters, digits/],
      ["a/b", /use only letters, digits/],
      ["@scope/", /use only letters, digits/],
      ["", /use only letters, digits/],
      [".hidden", /must not start with "\.", "_" or "-"/],
      ["_private", /must not start with/],
      ["-dash", /must not start with/],
      ["@scope/.dot", /the part after the scope must not start with "\."/],
      ["node_modules", /npm reserves it/],
      ["Favicon.ico", /npm reserves it/],
    ];
    for (const [name, why] of cases) {
      const problem = npmNameProblem(name);
      assert.ok(
        problem?.startsWith(`${JSON.stringify(name)} is not a valid npm package name: `),
        `${name}: ${problem}`,
      );
      assert.match(problem!, why, name);
    }
  });
});
