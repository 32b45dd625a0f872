/**
 * The emulator's clock (/_emulator/clock, advanceClock) and Twilio's retention policy: what
 * goes after 7 and 30 days, what must stay (versions of Builds and of active Deployments, young
 * logs), 404 everywhere afterwards, and both clock and deletions surviving a restart.
 */
import { strict as assert } from "node:assert";
import {
  deployProject,
  freshDataDirEachTest,
  HELLO_SOURCE,
  startTestEmulator,
  waitForBuild,
  type Client,
  type Deployed,
  type Emulator,
} from "./helpers";

const DAY_SECONDS = 24 * 60 * 60;
const NOTHING = { functions: 0, functionVersions: 0, assets: 0, assetVersions: 0, logs: 0 };
const BROKEN_SOURCE = "exports.handler = function (context, event, callback) {";

async function clock(
  emulator: Emulator,
  method: "GET" | "POST",
  body?: unknown,
): Promise<{ status: number; body: any }> {
  const response = await fetch(`${emulator.url}/_emulator/clock`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function advanceSeconds(emulator: Emulator, seconds: number): Promise<any> {
  const answer = await clock(emulator, "POST", { advanceSeconds: seconds });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  return answer.body;
}

function advanceDays(emulator: Emulator, days: number): Promise<any> {
  return advanceSeconds(emulator, days * DAY_SECONDS);
}

/** A new Function (or Asset) with `versions` uploaded versions; returns the file and version sids. */
async function newFile(
  client: Client,
  base: string,
  kind: "Functions" | "Assets",
  name: string,
  versions: number,
  source = HELLO_SOURCE,
) {
  const file = await client.ok("POST", `${base}/${kind}`, { FriendlyName: name });
  const sids: string[] = [];
  for (let index = 0; index < versions; index++) {
    const upload = await client.upload(`${base}/${kind}/${file.sid}`, {
      path: `/${name}`,
      visibility: "public",
      content: source,
    });
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    sids.push(upload.body.sid);
  }
  return { sid: file.sid as string, versions: sids };
}

async function logSids(client: Client, project: Deployed, startDate: string): Promise<string[]> {
  const path = `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}/Logs?PageSize=1000&StartDate=${startDate}`;
  return (await client.ok("GET", path)).logs.map((log: { sid: string }) => log.sid);
}

async function callHello(emulator: Emulator, project: Deployed): Promise<void> {
  const response = await fetch(`${emulator.url}/_domains/${project.environment.domain_name}/hello`);
  assert.equal(response.status, 200);
  await response.text();
}

function assertNotFound(answer: { status: number; body: any }, what: string): void {
  assert.equal(answer.status, 404, `${what}: ${JSON.stringify(answer.body)}`);
  assert.equal(answer.body.code, 20404, what);
}

describe("emulator clock", function () {
  let emulator: Emulator;
  let client: Client;
  beforeEach(async () => ({ emulator, client } = await startTestEmulator()));
  afterEach(() => emulator.stop());

  it("answers its time, real time until moved", async function () {
    const before = Date.now();
    const { status, body } = await clock(emulator, "GET");
    const after = Date.now();
    assert.equal(status, 200);
    assert.match(body.now, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    assert.ok(Date.parse(body.now) >= before && Date.parse(body.now) <= after, body.now);
    assert.ok(Math.abs(emulator.now().getTime() - Date.parse(body.now)) < DAY_SECONDS * 1000);
  });

  it("moves forward by advanceSeconds, and every timestamp written follows it", async function () {
    const before = Date.now();
    const moved = await advanceDays(emulator, 10);
    assert.deepEqual(moved.deleted, NOTHING);
    assert.ok(Date.parse(moved.now) >= before + 10 * DAY_SECONDS * 1000, moved.now);
    assert.ok(emulator.now().getTime() >= Date.parse(moved.now));
    const service = await client.ok("POST", "/v1/Services", { UniqueName: "later", FriendlyName: "later" });
    assert.ok(
      Date.parse(service.date_created) >= Date.parse(moved.now) - 1000,
      `${service.date_created} vs ${moved.now}`,
    );
    const renamed = await client.ok("POST", `/v1/Services/${service.sid}`, { FriendlyName: "renamed" });
    assert.ok(Date.parse(renamed.date_updated) >= Date.parse(moved.now) - 1000);
  });

  it("refuses a move backwards or without a number", async function () {
    for (const body of [{ advanceSeconds: -1 }, { advanceSeconds: "3600" }, {}]) {
      const answer = await clock(emulator, "POST", body);
      assert.equal(answer.status, 400, JSON.stringify(body));
      assert.equal(answer.body.code, 20001);
      assert.match(answer.body.message, /advanceSeconds/);
    }
  });

  it("advanceClock(ms) moves it like the HTTP control and answers the same summary", async function () {
    const start = emulator.now().getTime();
    const moved = await emulator.advanceClock(3 * DAY_SECONDS * 1000);
    assert.deepEqual(moved.deleted, NOTHING);
    assert.ok(Date.parse(moved.now) >= start + 3 * DAY_SECONDS * 1000);
    const { body } = await clock(emulator, "GET");
    assert.ok(Date.parse(body.now) >= Date.parse(moved.now));
  });

  it("finishes builds whose build time the move passed", async function () {
    await emulator.stop();
    ({ emulator, client } = await startTestEmulator({ buildDelayMs: 3_600_000 }));
    const service = await client.ok("POST", "/v1/Services", { UniqueName: "slow", FriendlyName: "slow" });
    const base = `/v1/Services/${service.sid}`;
    const fn = await newFile(client, base, "Functions", "fn", 1);
    const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: fn.versions });
    assert.equal(build.status, "building");
    await advanceDays(emulator, 1);
    assert.equal(await waitForBuild(client, service.sid, build.sid), "completed");
  });

  it("counts builds per hour on its time", async function () {
    await emulator.stop();
    ({ emulator, client } = await startTestEmulator({ limits: { buildsPerHour: 1 } }));
    const service = await client.ok("POST", "/v1/Services", { UniqueName: "hourly", FriendlyName: "hourly" });
    const base = `/v1/Services/${service.sid}`;
    const fn = await newFile(client, base, "Functions", "fn", 1);
    await client.ok("POST", `${base}/Builds`, { FunctionVersions: fn.versions });
    assert.equal((await client.call("POST", `${base}/Builds`, { FunctionVersions: fn.versions })).status, 429);
    await emulator.advanceClock(3_601_000);
    assert.equal((await client.call("POST", `${base}/Builds`, { FunctionVersions: fn.versions })).status, 201);
  });

  it("moves the Logs' default window (the last day) with it", async function () {
    const project = await deployProject(client, "window");
    await callHello(emulator, project);
    const logsPath = `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}/Logs`;
    assert.equal((await client.ok("GET", logsPath)).logs.length, 1);
    await advanceDays(emulator, 2);
    assert.equal((await client.ok("GET", logsPath)).logs.length, 0);
    assert.equal((await logSids(client, project, "2000-01-01T00:00:00Z")).length, 1);
    await callHello(emulator, project);
    const [fresh] = (await client.ok("GET", logsPath)).logs;
    assert.ok(Date.parse(fresh.date_created) >= emulator.now().getTime() - 60_000, fresh.date_created);
  });
});

describe("emulator retention", function () {
  let emulator: Emulator;
  let client: Client;
  beforeEach(async () => ({ emulator, client } = await startTestEmulator()));
  afterEach(() => emulator.stop());

  it("deletes after 7 days what no Build or active Deployment holds, keeps the rest", async function () {
    const project = await deployProject(client, "retained");
    const base = `/v1/Services/${project.service.sid}`;
    // Survive: the deployed build's versions (project), a completed but undeployed Build's version.
    const built = await newFile(client, base, "Functions", "built", 1);
    const idle = await client.ok("POST", `${base}/Builds`, { FunctionVersions: built.versions });
    assert.equal(await waitForBuild(client, project.service.sid, idle.sid), "completed");
    // Go: an extra unbuilt version of the deployed function (the function stays: it keeps one).
    const extra = (
      await client.upload(`${base}/Functions/${project.fn.sid}`, {
        path: "/hello",
        visibility: "public",
        content: "exports.handler=(c,e,cb)=>cb();",
      })
    ).body.sid;
    // Go: empty function and asset; a function and an asset whose only versions are unbuilt.
    const emptyFunction = await newFile(client, base, "Functions", "empty", 0);
    const emptyAsset = await newFile(client, base, "Assets", "empty-asset", 0);
    const looseFunction = await newFile(client, base, "Functions", "loose", 2);
    const looseAsset = await newFile(client, base, "Assets", "loose-asset", 1, "body {}");
    // Go: versions only a failed Build names (a failed Build can never be deployed).
    const broken = await newFile(client, base, "Functions", "broken", 1, BROKEN_SOURCE);
    const failed = await client.ok("POST", `${base}/Builds`, { FunctionVersions: broken.versions });
    assert.equal(await waitForBuild(client, project.service.sid, failed.sid), "failed");

    assert.deepEqual((await advanceDays(emulator, 6)).deleted, NOTHING, "nothing is 7 days old yet");
    const { deleted } = await advanceDays(emulator, 2);
    assert.deepEqual(deleted, { functions: 3, functionVersions: 4, assets: 2, assetVersions: 1, logs: 0 });

    // Gone everywhere: fetch, list, Content, and as a part of a new Build.
    assertNotFound(await client.call("GET", `${base}/Functions/${project.fn.sid}/Versions/${extra}`), "extra version");
    assertNotFound(
      await client.call("GET", `${base}/Functions/${project.fn.sid}/Versions/${extra}/Content`),
      "extra content",
    );
    const listed = (await client.ok("GET", `${base}/Functions/${project.fn.sid}/Versions`)).function_versions.map(
      (v: any) => v.sid,
    );
    assert.deepEqual(listed, [project.functionVersion.sid]);
    for (const file of [emptyFunction, looseFunction, broken])
      assertNotFound(await client.call("GET", `${base}/Functions/${file.sid}`), "function");
    for (const file of [emptyAsset, looseAsset])
      assertNotFound(await client.call("GET", `${base}/Assets/${file.sid}`), "asset");
    assertNotFound(
      await client.call("GET", `${base}/Functions/${looseFunction.sid}/Versions/${looseFunction.versions[0]}`),
      "loose version",
    );
    const functions = (await client.ok("GET", `${base}/Functions`)).functions.map((f: any) => f.sid).sort();
    assert.deepEqual(functions, [project.fn.sid, built.sid].sort());
    assert.deepEqual(
      (await client.ok("GET", `${base}/Assets`)).assets.map((a: any) => a.sid),
      [project.asset.sid],
    );
    const rebuild = await client.call("POST", `${base}/Builds`, { FunctionVersions: [extra] });
    assert.equal(rebuild.status, 400);
    assert.equal(rebuild.body.code, 20001);
    assert.match(rebuild.body.message, new RegExp(extra));

    // Kept: what the active deployment runs (and it still serves), and the idle Build's version.
    await client.ok("GET", `${base}/Functions/${project.fn.sid}/Versions/${project.functionVersion.sid}/Content`);
    await client.ok("GET", `${base}/Assets/${project.asset.sid}/Versions/${project.assetVersion.sid}`);
    await client.ok("GET", `${base}/Functions/${built.sid}/Versions/${built.versions[0]}`);
    assert.equal((await client.ok("GET", `${base}/Builds/${idle.sid}`)).function_versions.length, 1);
    await callHello(emulator, project);
    assert.equal((await client.ok("POST", `${base}/Builds`, { FunctionVersions: built.versions })).status, "building");
  });

  it("keeps an unbuilt Version a minute short of 7 days, deletes it a minute past", async function () {
    const service = await client.ok("POST", "/v1/Services", { UniqueName: "edge", FriendlyName: "edge" });
    const base = `/v1/Services/${service.sid}`;
    const loose = await newFile(client, base, "Functions", "loose", 1);
    assert.deepEqual((await advanceSeconds(emulator, 7 * DAY_SECONDS - 60)).deleted, NOTHING);
    await client.ok("GET", `${base}/Functions/${loose.sid}/Versions/${loose.versions[0]}`);
    assert.deepEqual((await advanceSeconds(emulator, 120)).deleted, { ...NOTHING, functions: 1, functionVersions: 1 });
    assertNotFound(await client.call("GET", `${base}/Functions/${loose.sid}/Versions/${loose.versions[0]}`), "version");
  });

  it("keeps a Log a minute short of 30 days, deletes it a minute past", async function () {
    const project = await deployProject(client, "log-edge");
    await callHello(emulator, project);
    assert.deepEqual((await advanceSeconds(emulator, 30 * DAY_SECONDS - 60)).deleted, NOTHING);
    assert.equal((await logSids(client, project, "2000-01-01T00:00:00Z")).length, 1);
    assert.deepEqual((await advanceSeconds(emulator, 120)).deleted, { ...NOTHING, logs: 1 });
    assert.deepEqual(await logSids(client, project, "2000-01-01T00:00:00Z"), []);
  });

  it("deletes the versions of a Build once the Build is deleted and they are 7 days old", async function () {
    const project = await deployProject(client, "unbuilt");
    const base = `/v1/Services/${project.service.sid}`;
    const fn = await newFile(client, base, "Functions", "later", 1);
    const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: fn.versions });
    assert.equal(await waitForBuild(client, project.service.sid, build.sid), "completed");
    assert.deepEqual((await advanceDays(emulator, 10)).deleted, NOTHING);
    await client.ok("DELETE", `${base}/Builds/${build.sid}`);
    assert.deepEqual((await advanceDays(emulator, 0)).deleted, { ...NOTHING, functions: 1, functionVersions: 1 });
  });

  it("deletes Logs after 30 days and keeps younger ones", async function () {
    const project = await deployProject(client, "logged");
    await callHello(emulator, project);
    const [old] = await logSids(client, project, "2000-01-01T00:00:00Z");
    await advanceDays(emulator, 20);
    await callHello(emulator, project);
    assert.equal((await logSids(client, project, "2000-01-01T00:00:00Z")).length, 2);

    const { deleted } = await advanceDays(emulator, 11);
    assert.deepEqual(deleted, { ...NOTHING, logs: 1 });
    const left = await logSids(client, project, "2000-01-01T00:00:00Z");
    assert.equal(left.length, 1);
    assert.notEqual(left[0], old);
    const logPath = `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}/Logs`;
    assertNotFound(await client.call("GET", `${logPath}/${old}`), "old log");
    await client.ok("GET", `${logPath}/${left[0]}`);
    // The deployment itself is never touched.
    await callHello(emulator, project);
  });
});

describe("emulator clock and retention across a restart", function () {
  const tempDir = freshDataDirEachTest("emulator-time");

  it("keeps the clock's offset and what retention deleted", async function () {
    const first = await startTestEmulator({ dataDir: tempDir() });
    const project = await deployProject(first.client, "restarted");
    const base = `/v1/Services/${project.service.sid}`;
    const loose = await newFile(first.client, base, "Functions", "loose", 1);
    const moved = await advanceDays(first.emulator, 8);
    assert.deepEqual(moved.deleted, { ...NOTHING, functions: 1, functionVersions: 1 });
    await first.emulator.stop();

    const second = await startTestEmulator({ dataDir: tempDir() });
    try {
      assert.ok(second.emulator.now().getTime() >= Date.parse(moved.now));
      const { body } = await clock(second.emulator, "GET");
      assert.ok(Date.parse(body.now) >= Date.parse(moved.now), `${body.now} after restart, ${moved.now} before`);
      assertNotFound(await second.client.call("GET", `${base}/Functions/${loose.sid}`), "function after restart");
      assertNotFound(
        await second.client.call("GET", `${base}/Functions/${loose.sid}/Versions/${loose.versions[0]}`),
        "version after restart",
      );
      await second.client.ok("GET", `${base}/Functions/${project.fn.sid}/Versions/${project.functionVersion.sid}`);
      // Moving on from there still counts from the persisted time.
      const later = await advanceDays(second.emulator, 1);
      assert.ok(Date.parse(later.now) >= Date.parse(moved.now) + DAY_SECONDS * 1000);
    } finally {
      await second.emulator.stop();
    }

    const third = await startTestEmulator({ dataDir: tempDir() });
    try {
      assert.ok(
        third.emulator.now().getTime() >= Date.parse(moved.now) + DAY_SECONDS * 1000,
        "the offset survives a second restart",
      );
    } finally {
      await third.emulator.stop();
    }
  });
});
