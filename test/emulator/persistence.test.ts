/** --data-dir: state and content survive a restart; the journal is compacted and tolerates a torn tail. */
import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { deployProject, freshDataDirEachTest, HELLO_SOURCE, startTestEmulator, waitForBuild } from "./helpers";

describe("emulator persistence", function () {
  const tempDir = freshDataDirEachTest("emulator-data");

  it("keeps every resource and all content across a restart", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    const project = await deployProject(first.client, "persisted");
    const environmentPath = `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}`;
    const variable = await first.client.ok("POST", `${environmentPath}/Variables`, { Key: "KEY", Value: "value" });
    await first.emulator.stop();

    const second = await startTestEmulator({ dataDir: tempDir() });
    try {
      const { client } = second;
      const base = `/v1/Services/${project.service.sid}`;
      const service = await client.ok("GET", base);
      for (const field of ["unique_name", "friendly_name", "domain_base", "date_created"])
        assert.equal(service[field], project.service[field], field);
      const environment = await client.ok("GET", environmentPath);
      assert.equal(environment.build_sid, project.build.sid);
      assert.equal(environment.domain_name, project.environment.domain_name);
      assert.equal((await client.ok("GET", `${base}/Builds/${project.build.sid}`)).status, "completed");
      assert.equal((await client.ok("GET", `${environmentPath}/Variables/${variable.sid}`)).value, "value");
      const content = await client.ok(
        "GET",
        `${base}/Functions/${project.fn.sid}/Versions/${project.functionVersion.sid}/Content`,
      );
      assert.equal(content.content, HELLO_SOURCE);
      const asset = await fetch(`${second.emulator.url}/_domains/${project.environment.domain_name}/style.css`);
      assert.equal(await asset.text(), "body { color: red; }");
    } finally {
      await second.emulator.stop();
    }
  });

  it("stores content once per sha256", async function () {
    const { emulator, client } = await startTestEmulator({ dataDir: tempDir() });
    try {
      const service = await client.ok("POST", "/v1/Services", { UniqueName: "dedupe", FriendlyName: "x" });
      const fn = await client.ok("POST", `/v1/Services/${service.sid}/Functions`, { FriendlyName: "fn" });
      for (const path of ["/a", "/b"]) {
        await client.upload(`/v1/Services/${service.sid}/Functions/${fn.sid}`, {
          path,
          visibility: "public",
          content: HELLO_SOURCE,
        });
      }
      const sha256 = createHash("sha256").update(HELLO_SOURCE).digest("hex");
      assert.deepEqual(readdirSync(join(tempDir(), "content")), [sha256]);
    } finally {
      await emulator.stop();
    }
  });

  it("finishes builds that were still building when it stopped", async function () {
    const first = await startTestEmulator({ dataDir: tempDir(), buildDelayMs: 200 });
    const service = await first.client.ok("POST", "/v1/Services", { UniqueName: "resumed", FriendlyName: "x" });
    const base = `/v1/Services/${service.sid}`;
    const fn = await first.client.ok("POST", `${base}/Functions`, { FriendlyName: "fn" });
    const version = (
      await first.client.upload(`${base}/Functions/${fn.sid}`, {
        path: "/fn",
        visibility: "public",
        content: HELLO_SOURCE,
      })
    ).body;
    const build = await first.client.ok("POST", `${base}/Builds`, { FunctionVersions: [version.sid] });
    await first.emulator.stop();

    const second = await startTestEmulator({ dataDir: tempDir(), buildDelayMs: 200 });
    try {
      assert.equal(await waitForBuild(second.client, service.sid, build.sid), "completed");
    } finally {
      await second.emulator.stop();
    }
  });

  it("compacts the journal on start to one line per live record", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    for (let index = 0; index < 10; index++) {
      const service = await first.client.ok("POST", "/v1/Services", { UniqueName: `gone-${index}`, FriendlyName: "x" });
      await first.client.ok("POST", `/v1/Services/${service.sid}`, { FriendlyName: "renamed" });
      await first.client.ok("DELETE", `/v1/Services/${service.sid}`);
    }
    await first.client.ok("POST", "/v1/Services", { UniqueName: "kept", FriendlyName: "x" });
    const journal = join(tempDir(), "state.jsonl");
    assert.equal(readFileSync(journal, "utf8").trim().split("\n").length, 31);
    await first.emulator.stop();

    const second = await startTestEmulator({ dataDir: tempDir() });
    try {
      assert.equal(readFileSync(journal, "utf8").trim().split("\n").length, 1);
      assert.deepEqual(
        (await second.client.ok("GET", "/v1/Services")).services.map((service: any) => service.unique_name),
        ["kept"],
      );
    } finally {
      await second.emulator.stop();
    }
  });

  it("drops a torn last line (a write a crash cut short was never acknowledged)", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    await first.client.ok("POST", "/v1/Services", { UniqueName: "whole", FriendlyName: "x" });
    await first.emulator.stop();
    appendFileSync(join(tempDir(), "state.jsonl"), '{"t":"services","r":{"sid":"ZS');

    const second = await startTestEmulator({ dataDir: tempDir() });
    try {
      assert.deepEqual(
        (await second.client.ok("GET", "/v1/Services")).services.map((service: any) => service.unique_name),
        ["whole"],
      );
      assert.equal(
        (await second.client.call("POST", "/v1/Services", { UniqueName: "after", FriendlyName: "x" })).status,
        201,
      );
    } finally {
      await second.emulator.stop();
    }
  });

  it("refuses a second emulator on the same data directory until the first stops", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    await assert.rejects(startTestEmulator({ dataDir: tempDir() }), /in use by another emulator/);
    await first.emulator.stop();
    const second = await startTestEmulator({ dataDir: tempDir() });
    await second.emulator.stop();
  });

  it("takes over the lock of an emulator that died, and serves the state it left", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    await first.client.ok("POST", "/v1/Services", { UniqueName: "left-behind", FriendlyName: "x" });
    await first.emulator.stop();
    const lock = join(tempDir(), "emulator.lock");
    writeFileSync(lock, "999999999");
    const second = await startTestEmulator({ dataDir: tempDir() });
    try {
      assert.equal(readFileSync(lock, "utf8").trim(), String(process.pid));
      assert.deepEqual(
        (await second.client.ok("GET", "/v1/Services")).services.map((service: any) => service.unique_name),
        ["left-behind"],
      );
    } finally {
      await second.emulator.stop();
    }
  });

  it("refuses to start on a journal corrupt in the middle, naming the file", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    await first.client.ok("POST", "/v1/Services", { UniqueName: "one", FriendlyName: "x" });
    await first.emulator.stop();
    const journal = join(tempDir(), "state.jsonl");
    appendFileSync(journal, "garbage\n" + readFileSync(journal, "utf8"));
    await assert.rejects(startTestEmulator({ dataDir: tempDir() }), /state\.jsonl is corrupt at line 2/);
  });
});
