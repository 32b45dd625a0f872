/** Builds (asynchronous, checked, with Twilio's default dependencies) and Deployments. */
import { strict as assert } from "node:assert";
import { TWILIO_DEFAULT_DEPENDENCIES } from "../../emulator/twilio/default-dependencies";
import { deployProject, startTestEmulator, waitForBuild, type Client, type Deployed, type Emulator } from "./helpers";

describe("emulator builds and deployments", function () {
  let emulator: Emulator;
  let client: Client;
  let project: Deployed;
  let base: string;

  before(async function () {
    ({ emulator, client } = await startTestEmulator({ limits: { buildFunctionVersions: 2, buildsPerHour: 20 } }));
    project = await deployProject(client, "builds");
    base = `/v1/Services/${project.service.sid}`;
  });
  after(() => emulator.stop());

  async function newFunctionVersion(path: string, source: string, serviceBase = base): Promise<string> {
    const fn = await client.ok("POST", `${serviceBase}/Functions`, { FriendlyName: path });
    const upload = await client.upload(`${serviceBase}/Functions/${fn.sid}`, {
      path,
      visibility: "public",
      content: source,
    });
    assert.equal(upload.status, 201, JSON.stringify(upload.body));
    return upload.body.sid;
  }

  it("starts building and completes after the delay", async function () {
    const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [project.functionVersion.sid] });
    assert.equal(build.status, "building");
    assert.equal(build.links.build_status, `${emulator.url}${base}/Builds/${build.sid}/Status`);
    assert.equal(await waitForBuild(client, project.service.sid, build.sid), "completed");
    assert.equal((await client.ok("GET", `${base}/Builds/${build.sid}`)).status, "completed");
  });

  it("fails a build whose function does not compile", async function () {
    const broken = await newFunctionVersion("/broken", "exports.handler = function (context, event, callback) {");
    const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [broken] });
    assert.equal(await waitForBuild(client, project.service.sid, build.sid), "failed");
  });

  it("lists its versions like Twilio (parent sid, path, upper-case visibility)", async function () {
    const build = await client.ok("GET", `${base}/Builds/${project.build.sid}`);
    assert.deepEqual(build.function_versions, [
      {
        sid: project.functionVersion.sid,
        account_sid: project.service.account_sid,
        service_sid: project.service.sid,
        function_sid: project.fn.sid,
        date_created: project.functionVersion.date_created,
        path: "/hello",
        visibility: "PUBLIC",
      },
    ]);
    assert.equal(build.asset_versions[0].asset_sid, project.asset.sid);
    assert.equal(build.runtime, "node22");
  });

  it("adds Twilio's default dependencies to those declared, the declared version winning", async function () {
    const declared = [
      { name: "lodash", version: "4.17.21" },
      { name: "got", version: "11.8.6" },
    ];
    // The Toolkit wraps the JSON in one more pair of quotes; Twilio takes that too.
    const build = await client.ok("POST", `${base}/Builds`, {
      FunctionVersions: [project.functionVersion.sid],
      Dependencies: `"${JSON.stringify(declared)}"`,
      Runtime: "node20",
    });
    const byName = new Map(build.dependencies.map((dependency: any) => [dependency.name, dependency.version]));
    assert.equal(byName.get("lodash"), "4.17.21");
    assert.equal(byName.get("got"), "11.8.6");
    for (const dependency of TWILIO_DEFAULT_DEPENDENCIES.filter((candidate) => candidate.name !== "lodash")) {
      assert.equal(byName.get(dependency.name), dependency.version, dependency.name);
    }
    assert.ok(byName.has("@twilio/runtime-handler") && byName.has("twilio"));
    assert.equal(build.runtime, "node20");
    const plain = await client.ok("GET", `${base}/Builds/${project.build.sid}`);
    assert.deepEqual(plain.dependencies, [...TWILIO_DEFAULT_DEPENDENCIES]);
  });

  it("needs at least one version (20001)", async function () {
    const answer = await client.call("POST", `${base}/Builds`, {});
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, 20001);
    assert.equal(answer.body.message, "At least one Function Version or Asset Version is required for Build");
  });

  it("rejects versions of another service, of the wrong kind, or past the limits", async function () {
    const other = await client.ok("POST", "/v1/Services", { UniqueName: "builds-other", FriendlyName: "x" });
    const foreign = await newFunctionVersion("/foreign", "exports.handler = () => {}", `/v1/Services/${other.sid}`);
    const cases = [
      { FunctionVersions: [foreign] },
      { FunctionVersions: [project.assetVersion.sid] },
      { AssetVersions: [project.functionVersion.sid] },
      {
        FunctionVersions: [
          project.functionVersion.sid,
          await newFunctionVersion("/a", "1"),
          await newFunctionVersion("/b", "2"),
        ],
      },
      { FunctionVersions: [project.functionVersion.sid, await newFunctionVersion("/hello", "3")] },
      { FunctionVersions: [project.functionVersion.sid], Dependencies: "lodash@4" },
    ];
    for (const form of cases) {
      const answer = await client.call("POST", `${base}/Builds`, form);
      assert.equal(answer.status, 400, JSON.stringify(form));
      assert.equal(answer.body.code, 20001);
    }
  });

  it("builds on node20, node22 and node24; refuses node18 and unknown runtimes with 82007 naming them", async function () {
    for (const runtime of ["node20", "node22", "node24"]) {
      const build = await client.ok("POST", `${base}/Builds`, {
        FunctionVersions: [project.functionVersion.sid],
        Runtime: runtime,
      });
      assert.equal(build.runtime, runtime);
    }
    for (const runtime of ["node18", "node8"]) {
      const answer = await client.call("POST", `${base}/Builds`, {
        FunctionVersions: [project.functionVersion.sid],
        Runtime: runtime,
      });
      assert.equal(answer.status, 400, runtime);
      assert.equal(answer.body.code, 82007);
      assert.match(answer.body.message, new RegExp(`Unsupported Runtime: "${runtime}"`));
    }
  });

  it("a Build without Runtime takes the last completed Build's runtime, else node22", async function () {
    const fresh = await client.ok("POST", "/v1/Services", { UniqueName: "builds-runtime", FriendlyName: "x" });
    const freshBase = `/v1/Services/${fresh.sid}`;
    const version = await newFunctionVersion("/r", "exports.handler = (c, e, cb) => cb(null, 1)", freshBase);
    const first = await client.ok("POST", `${freshBase}/Builds`, { FunctionVersions: [version] });
    assert.equal(first.runtime, "node22");
    const on24 = await client.ok("POST", `${freshBase}/Builds`, { FunctionVersions: [version], Runtime: "node24" });
    assert.equal(await waitForBuild(client, fresh.sid, on24.sid), "completed");
    const unspecified = await client.ok("POST", `${freshBase}/Builds`, { FunctionVersions: [version] });
    assert.equal(unspecified.runtime, "node24");
  });

  it("cannot delete a build an environment runs, until another deployment replaces it", async function () {
    const answer = await client.call("DELETE", `${base}/Builds/${project.build.sid}`);
    assert.equal(answer.status, 409);
    assert.match(answer.body.message, /active Deployment/);
    const replacement = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [project.functionVersion.sid] });
    await waitForBuild(client, project.service.sid, replacement.sid);
    const deployments = `${base}/Environments/${project.environment.sid}/Deployments`;
    await client.ok("POST", deployments, { BuildSid: replacement.sid });
    assert.equal((await client.call("DELETE", `${base}/Builds/${project.build.sid}`)).status, 204);
    assert.equal((await client.call("GET", `${base}/Builds/${project.build.sid}`)).status, 404);
    project.build = replacement;
  });

  it("points the environment at the latest deployment's build, or at nothing", async function () {
    const environmentPath = `${base}/Environments/${project.environment.sid}`;
    const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [project.functionVersion.sid] });
    await waitForBuild(client, project.service.sid, build.sid);
    const deployment = await client.ok("POST", `${environmentPath}/Deployments`, { BuildSid: build.sid });
    assert.equal(deployment.build_sid, build.sid);
    assert.equal((await client.ok("GET", environmentPath)).build_sid, build.sid);
    const empty = await client.ok("POST", `${environmentPath}/Deployments`, {});
    assert.equal(empty.build_sid, null);
    assert.equal((await client.ok("GET", environmentPath)).build_sid, null);
    const domain = await fetch(`${emulator.url}/_domains/${project.environment.domain_name}/hello`);
    assert.equal(domain.status, 404);
    await domain.text();
    const listed = await client.ok("GET", `${environmentPath}/Deployments`);
    assert.equal(listed.deployments.at(-1).sid, empty.sid);
    project.build = build;
  });

  it("refuses to deploy the build the environment already runs (20409)", async function () {
    const deployments = `${base}/Environments/${project.environment.sid}/Deployments`;
    await client.ok("POST", deployments, { BuildSid: project.build.sid });
    const again = await client.call("POST", deployments, { BuildSid: project.build.sid });
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 20409);
  });

  it("refuses builds of another service and builds that are not completed", async function () {
    const deployments = `${base}/Environments/${project.environment.sid}/Deployments`;
    const other = await client.ok("POST", "/v1/Services", { UniqueName: "builds-elsewhere", FriendlyName: "x" });
    const foreign = await newFunctionVersion("/x", "exports.handler = () => {}", `/v1/Services/${other.sid}`);
    const foreignBuild = await client.ok("POST", `/v1/Services/${other.sid}/Builds`, { FunctionVersions: [foreign] });
    const answer = await client.call("POST", deployments, { BuildSid: foreignBuild.sid });
    assert.equal(answer.status, 400);
    assert.match(answer.body.message, /BuildSid/);
    const broken = await newFunctionVersion("/broken2", "syntax error here (");
    const failed = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [broken] });
    await waitForBuild(client, project.service.sid, failed.sid);
    const refused = await client.call("POST", deployments, { BuildSid: failed.sid });
    assert.equal(refused.status, 400);
    assert.match(refused.body.message, /failed/);
  });

  it("has no Deployment delete and no Build update (405)", async function () {
    const deployments = `${base}/Environments/${project.environment.sid}/Deployments`;
    const { deployments: list } = await client.ok("GET", deployments);
    assert.equal((await client.call("DELETE", `${deployments}/${list[0].sid}`)).status, 405);
    assert.equal((await client.call("POST", `${base}/Builds/${project.build.sid}`, { Runtime: "node18" })).status, 405);
  });

  it("limits builds per hour per account with 429 and Retry-After (configurable)", async function () {
    let answer;
    do {
      answer = await client.call("POST", `${base}/Builds`, { FunctionVersions: [project.functionVersion.sid] });
    } while (answer.status === 201);
    assert.equal(answer.status, 429);
    assert.equal(answer.body.code, 20429);
    assert.ok(answer.headers.get("retry-after"));
  });
});

describe("emulator builds still building", function () {
  it("cannot be deployed yet", async function () {
    const { emulator, client } = await startTestEmulator({ buildDelayMs: 60_000 });
    try {
      const service = await client.ok("POST", "/v1/Services", { UniqueName: "slow", FriendlyName: "x" });
      const base = `/v1/Services/${service.sid}`;
      const environment = await client.ok("POST", `${base}/Environments`, { UniqueName: "dev" });
      const fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "fn" });
      const version = (
        await client.upload(`${base}/Functions/${fn.sid}`, { path: "/fn", visibility: "public", content: "1" })
      ).body;
      const build = await client.ok("POST", `${base}/Builds`, { FunctionVersions: [version.sid] });
      const answer = await client.call("POST", `${base}/Environments/${environment.sid}/Deployments`, {
        BuildSid: build.sid,
      });
      assert.equal(answer.status, 400);
      assert.match(answer.body.message, /building/);
      assert.equal((await client.ok("GET", `${base}/Builds/${build.sid}/Status`)).status, "building");
    } finally {
      await emulator.stop();
    }
  });
});
