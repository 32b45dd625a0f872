import * as assert from "assert";
import type { BuildResource } from "../client/api/types";
import { buildChanges } from "./build-changes";
import { parsePromoteFlags } from "./promote-flags";

describe("promote flags", () => {
  it("reads a promotion and a rollback", () => {
    const flags = parsePromoteFlags(["--from", "dev", "--to", "prod", "-s", "prod", "--up", "-C", "/p"]);
    assert.deepStrictEqual(
      [flags.from, flags.to, flags.stack, flags.up, flags.rollback, flags.cwd],
      ["dev", "prod", "prod", true, false, "/p"],
    );
    assert.strictEqual(parsePromoteFlags(["--rollback", "--to", "prod"]).rollback, true);
  });

  it("names what is missing or contradictory", () => {
    assert.throws(() => parsePromoteFlags(["--from", "dev"]), /--to <environment> is needed/);
    assert.throws(() => parsePromoteFlags(["--to", "prod"]), /--from <environment> is needed: .* e\.g\. --from dev/);
    assert.throws(() => parsePromoteFlags(["--rollback", "--to", "prod", "--from", "dev"]), /leave out --from/);
    assert.throws(() => parsePromoteFlags(["--from", "prod", "--to", "prod"]), /--from and --to are both "prod"/);
    assert.throws(
      () => parsePromoteFlags(["--to", "prod", "--form", "dev"]),
      /Unknown option '--form'.*promote --help/,
    );
  });
});

describe("buildChanges", () => {
  const build = (versions: Record<string, string>, deps: Record<string, string> = {}, runtime = "node22") =>
    ({
      sid: "ZB",
      function_versions: Object.entries(versions).map(([path, sid]) => ({ path, sid })),
      asset_versions: [],
      dependencies: Object.entries(deps).map(([name, version]) => ({ name, version })),
      runtime,
    }) as unknown as BuildResource;

  it("lists added, removed and changed paths, dependencies and the runtime; Twilio's defaults are not changes", () => {
    const before = build({ "/a": "ZN1", "/b": "ZN2", "/c": "ZN3" }, { axios: "1.0.0", twilio: "5.0.0" });
    const after = build({ "/a": "ZN1", "/b": "ZN9", "/d": "ZN4" }, { axios: "1.1.0", got: "11.0.0" }, "node24");
    assert.deepStrictEqual(buildChanges(before, after), [
      "~ /b",
      "- /c",
      "+ /d",
      "~ dependency axios 1.0.0 → 1.1.0",
      "+ dependency got 11.0.0",
      "~ runtime node22 → node24",
    ]);
    assert.deepStrictEqual(buildChanges(undefined, build({ "/a": "ZN1" })), ["+ /a"]);
    assert.deepStrictEqual(buildChanges(before, before), []);
  });
});
