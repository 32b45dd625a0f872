import * as assert from "node:assert/strict";
import type { BuildResource, BuildStatus, VersionResource } from "../../client/api/types";
import { versionsHeld, versionsHeldOf, type HoldingUse } from "./holds";

const version = (sid: string, container: string): VersionResource =>
  ({ sid, function_sid: container, path: `/${sid}`, visibility: "public" }) as VersionResource;

function build(status: BuildStatus, versions: (VersionResource | string)[]): BuildResource {
  return { sid: `ZB-${status}`, status, function_versions: versions, asset_versions: [] } as unknown as BuildResource;
}

const builds = [
  build("completed", [version("ZN-done", "ZH-a")]),
  build("building", [version("ZN-building", "ZH-a")]),
  build("failed", [version("ZN-failed", "ZH-b"), "ZN-bare"]),
];
const held = (use: HoldingUse) => [...versionsHeld(builds, use).keys()].sort();

describe("a Build holds a Version (one rule, two named variants)", () => {
  it("the rule (drift): every Build but a failed one", () => {
    assert.deepEqual(held("deployable"), ["ZN-building", "ZN-done"]);
  });

  it("retention (kept): only a completed Build, since a building one may still fail", () => {
    assert.deepEqual(held("kept"), ["ZN-done"]);
  });

  it("take-over (claimed): any Build, a failed one too, bare sids included", () => {
    assert.deepEqual(held("claimed"), ["ZN-bare", "ZN-building", "ZN-done", "ZN-failed"]);
  });

  it("finds one container's held Versions among them", () => {
    assert.deepEqual(
      versionsHeldOf(versionsHeld(builds, "claimed"), "ZH-a").map((v) => v.sid),
      ["ZN-done", "ZN-building"],
    );
  });
});
