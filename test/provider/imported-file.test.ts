/**
 * A Function or Asset `pulumi import` brought in (plugin path): its state has no source or content,
 * and an Asset's content hash is unreadable. The program's file is no change when it is what runs,
 * and a later change to it shows (Diff gets the last run's inputs). plugin/kinds.ts, importedFile.
 */
import * as assert from "node:assert/strict";
import { kindOf } from "../../provider/plugin/kinds";

type Props = Record<string, unknown>;

const imported = (contentHash: string): Props => ({
  serviceSid: "ZS" + "0".repeat(32),
  friendlyName: "/style.css",
  path: "/style.css",
  visibility: "public",
  sid: "ZH" + "0".repeat(32),
  latestVersionSid: "ZN" + "0".repeat(32),
  contentHash,
  latestVersionCreated: new Date().toISOString(),
  latestVersionBuilt: true,
});

const declared = (contentHash: string): Props => ({
  serviceSid: "ZS" + "0".repeat(32),
  friendlyName: "/style.css",
  path: "/style.css",
  visibility: "public",
  source: "/app/assets/style.css",
  contentType: "text/css",
  contentHash,
});

/** What the plugin's Diff answers: the kind's baseline of the stored outputs, then the operations' diff. */
async function changes(type: string, olds: Props, news: Props, oldInputs: Props = {}): Promise<boolean | undefined> {
  const kind = kindOf(`twilio-serverless:index:${type}`);
  return (await kind.operations().diff("id", kind.baseline(olds, news, oldInputs), news)).changes;
}

describe("a file imported by the plugin", () => {
  it("a Function: the same text as deployed is no change, another text an update", async () => {
    assert.equal(await changes("Function", imported("h1"), declared("h1")), false);
    assert.equal(await changes("Function", imported("h1"), declared("h2")), true);
  });

  it("an Asset: the program's file is taken as what runs, then compared with the last run's", async () => {
    const unreadable = imported("unreadable:ZN" + "0".repeat(32));
    assert.equal(await changes("Asset", unreadable, declared("h1")), false);
    const lastRun = { contentHash: "h1", contentType: "text/css" };
    assert.equal(await changes("Asset", unreadable, declared("h1"), lastRun), false);
    assert.equal(await changes("Asset", unreadable, declared("h2"), lastRun), true);
    assert.equal(await changes("Asset", unreadable, declared("h1"), { ...lastRun, contentType: "text/plain" }), true);
  });

  it("a file this stack created keeps its own record (the rule is for imported state only)", async () => {
    const created = { ...imported("h1"), source: "/app/assets/style.css", contentType: "text/css" };
    assert.equal(await changes("Asset", created, declared("h2"), { contentHash: "h2" }), true);
  });
});
