import * as assert from "node:assert/strict";
import { format } from "node:util";
import createDebug from "debug";
import { UNKNOWN } from "../common";
import { RENEW_UNBUILT_AFTER_MS } from "../retention";
import { planFile, type RecordedFile, type WantedVersion } from "./entry";

const NOW = Date.parse("2026-07-10T00:00:00Z");
const wanted: WantedVersion = {
  kind: "asset",
  path: "/a.txt",
  visibility: "public",
  contentType: "text/plain",
  contentHash: "ab",
};
const recorded: RecordedFile = {
  ...wanted,
  sid: `ZH${"1".repeat(32)}`,
  versionSid: `ZN${"2".repeat(32)}`,
  versionCreated: new Date(NOW - 1000).toISOString(),
  versionBuilt: false,
};

describe("planFile (one file's plan, no HTTP)", () => {
  it("creates what is not recorded or was of the other kind", () => {
    assert.equal(planFile(undefined, wanted, "/a.txt", NOW), "create");
    assert.equal(planFile({ ...recorded, kind: "function" }, wanted, "/a.txt", NOW), "create");
  });

  it("uploads when a field of the Version changed, is not known yet, or no Version is recorded", () => {
    for (const change of [
      { path: "/b.txt" },
      { visibility: "private" as const },
      { contentType: "text/css" },
      { contentHash: "cd" },
      { contentHash: UNKNOWN },
    ])
      assert.equal(planFile(recorded, { ...wanted, ...change }, "/a.txt", NOW), "upload", JSON.stringify(change));
    assert.equal(planFile({ ...recorded, versionSid: "" }, wanted, "/a.txt", NOW), "upload");
  });

  it("renews an unbuilt Version from the renewal age on; a built one, or state that records neither, stays", () => {
    const old = new Date(NOW - RENEW_UNBUILT_AFTER_MS).toISOString();
    assert.equal(planFile(recorded, wanted, "/a.txt", NOW), "up to date");
    assert.equal(planFile({ ...recorded, versionCreated: old }, wanted, "/a.txt", NOW), "renew");
    assert.equal(
      planFile({ ...recorded, versionCreated: old, versionBuilt: true }, wanted, "/a.txt", NOW),
      "up to date",
    );
    const { versionCreated: _created, versionBuilt: _built, ...olderRelease } = recorded;
    assert.equal(planFile(olderRelease, wanted, "/a.txt", NOW), "up to date");
  });

  it("says in the debug log why it plans a change (DEBUG=pulumi-twilio-serverless:files)", () => {
    const lines: string[] = [];
    const saved = { log: createDebug.log, namespaces: createDebug.disable() };
    createDebug.log = (...args: unknown[]) => void lines.push(format(...args));
    createDebug.enable("pulumi-twilio-serverless:files");
    try {
      planFile(recorded, { ...wanted, contentHash: "cd", visibility: "private" }, "/a.txt", NOW);
      planFile(recorded, wanted, "/a.txt", NOW);
    } finally {
      createDebug.log = saved.log;
      createDebug.enable(saved.namespaces);
    }
    assert.equal(lines.length, 1, lines.join("\n"));
    assert.match(lines[0], /plan asset \/a\.txt: upload \(changed: visibility, contentHash\)/);
  });
});
