/**
 * A Function or Asset `pulumi import` brought in (plugin path): its state has no source or content,
 * and an Asset's content hash is unreadable. The program's file is no change when it is what runs,
 * and a later change to it shows (the plugin hands Diff the last run's inputs).
 */
import * as assert from "node:assert/strict";
import { assetOperations } from "../../provider/resources/asset";
import { functionOperations } from "../../provider/resources/function";
import type { ServerlessFileOutputs } from "../../provider/resources/serverless-file";

const imported = (contentHash: string): ServerlessFileOutputs =>
  ({
    serviceSid: "ZS" + "0".repeat(32),
    friendlyName: "/style.css",
    path: "/style.css",
    visibility: "public",
    sid: "ZH" + "0".repeat(32),
    latestVersionSid: "ZN" + "0".repeat(32),
    contentHash,
    latestVersionCreated: new Date().toISOString(),
    latestVersionBuilt: true,
  }) as ServerlessFileOutputs;

const declared = (contentHash: string) =>
  ({ ...imported(contentHash), source: "/app/assets/style.css", contentType: "text/css" }) as never;

describe("a file imported by the plugin", () => {
  it("a Function: the same text as deployed is no change, another text an update", async () => {
    assert.equal((await functionOperations.diff("id", imported("h1"), declared("h1"))).changes, false);
    const changed = await functionOperations.diff("id", imported("h1"), declared("h2"));
    assert.equal(changed.changes, true);
    assert.deepEqual(changed.replaces ?? [], []);
  });

  it("an Asset: the program's file is taken as what runs, then compared with the last run's", async () => {
    const unreadable = imported("unreadable:ZN" + "0".repeat(32));
    assert.equal((await assetOperations.diff("id", unreadable, declared("h1"))).changes, false);
    const lastRun = { contentHash: "h1", contentType: "text/css" };
    assert.equal((await assetOperations.diff("id", unreadable, declared("h1"), lastRun)).changes, false);
    assert.equal((await assetOperations.diff("id", unreadable, declared("h2"), lastRun)).changes, true);
    assert.equal(
      (await assetOperations.diff("id", unreadable, declared("h1"), { ...lastRun, contentType: "text/plain" })).changes,
      true,
    );
  });

  it("a file this stack created keeps its own record (the rule is for imported state only)", async () => {
    const created = {
      ...imported("h1"),
      source: "/app/assets/style.css",
      contentType: "text/css",
    } as ServerlessFileOutputs;
    assert.equal((await assetOperations.diff("id", created, declared("h2"), { contentHash: "h2" })).changes, true);
  });
});
