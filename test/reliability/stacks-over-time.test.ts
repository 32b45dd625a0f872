/**
 * Long-lived stacks through the real CLI (issue 11): days pass on the emulator's clock, which
 * applies Twilio's retention at once (Versions no Build holds and Functions/Assets without a
 * Version go after 7 days, Logs after 30), and for the provider through a Node preload that moves
 * its Date.now() by the same offset (clock-preload.js; the product has no clock hook). Each
 * scenario runs on an emulator of its own, since moving a clock moves it for everything on it.
 * The failed-Build and healthy-stack scenarios run on both paths (the plugin's process gets the
 * same preload through the engine's environment).
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startEmulator } from "../../emulator";
import { callDomain, emulatorStats, PATHS, resetStats, TestStack, twilioApi, type ProgramPath } from "../e2e/harness";
import { assertConverged, type ExpectedApp } from "./convergence";

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const DAY_SECONDS = 24 * 60 * 60;
const PRELOAD = path.join(__dirname, "clock-preload.js");
const ROUTES = {
  listBuilds: "GET /v1/Services/{ServiceSid}/Builds",
  createFunction: "POST /v1/Services/{ServiceSid}/Functions",
  createAsset: "POST /v1/Services/{ServiceSid}/Assets",
  functionUpload: "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions",
  assetUpload: "POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions",
};

function handler(body: string): string {
  return `exports.handler = (context, event, callback) => callback(null, ${JSON.stringify(body)});\n`;
}

const BROKEN = "exports.handler = (context, event, callback) => {\n  callback(null, 'unclosed';\n};\n";

/**
 * `days` pass: the emulator's clock moves (and its retention runs), and every later `pulumi` run
 * of `stack` sees the same time. Returns the emulator's answer (what retention deleted).
 */
async function daysPass(emulator: Emulator, stack: TestStack, days: number): Promise<unknown> {
  const response = await fetch(`${emulator.url}/_emulator/clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ advanceSeconds: days * DAY_SECONDS }),
  });
  const answer = await response.text();
  assert.strictEqual(response.status, 200, `POST /_emulator/clock: ${response.status} ${answer}`);
  const { now } = (await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { now: string };
  const inherited = (stack.env.NODE_OPTIONS ?? "").replace(/--require \S*clock-preload\.js/, "").trim();
  stack.env.NODE_OPTIONS = `${inherited} --require ${PRELOAD}`.trim();
  stack.env.E2E_CLOCK_OFFSET_MS = String(Date.parse(now) - Date.now());
  return JSON.parse(answer);
}

async function listed(emulator: Emulator, servicePath: string, segment: string, key: string): Promise<any[]> {
  return (await twilioApi(emulator.url, "GET", `${servicePath}/${segment}?PageSize=1000`))[key];
}

/** Calls by route since the last reset: uploads and container creates. */
async function writesSinceReset(emulator: Emulator): Promise<{ uploads: number; containers: number; all: number }> {
  const { calls, writes } = await emulatorStats(emulator.url);
  const count = (...routes: string[]) => routes.reduce((sum, route) => sum + (calls[route] ?? 0), 0);
  return {
    uploads: count(ROUTES.functionUpload, ROUTES.assetUpload),
    containers: count(ROUTES.createFunction, ROUTES.createAsset),
    all: writes,
  };
}

/**
 * An emulator of its own (moving its clock moves it for everything on it) and a stack of `example`
 * deployed on it, on the dynamic path unless `programPath` says otherwise.
 */
function useDeployedStack(
  example: string,
  serviceName: string,
  prepare: (stack: TestStack) => void = () => undefined,
  programPath: ProgramPath = "dynamic",
) {
  const deployed = {} as { emulator: Emulator; stack: TestStack };
  before(async () => {
    deployed.emulator = await startEmulator({ buildDelayMs: 100 });
    deployed.stack = await TestStack.create({
      example,
      path: programPath,
      apiUrl: deployed.emulator.url,
      config: { serviceName },
    });
    prepare(deployed.stack);
    await deployed.stack.up();
  });
  after(async () => {
    await deployed.stack?.dispose();
    await deployed.emulator?.stop();
  });
  return deployed;
}

for (const programPath of PATHS)
  for (const fileResources of ["per-file", "set"] as const) {
    describe(`stacks over time: a Build that failed, fixed eight days later (${fileResources}, ${programPath} path)`, function () {
      this.timeout(600_000);
      const serviceName = `later-${fileResources}-${programPath}-${process.pid}`;
      const deployed = useDeployedStack(
        "hello-world",
        serviceName,
        (stack) => {
          const program = fs.readFileSync(stack.file("index.ts"), "utf8");
          stack.writeFile(
            "index.ts",
            program.replace("directory: __dirname,", `directory: __dirname,\n  fileResources: "${fileResources}",`),
          );
          stack.writeFile("functions/third.js", handler("third v1"));
        },
        programPath,
      );

      it("pulumi up (no --refresh) uploads again exactly what Twilio deleted, nothing twice, and both new functions serve", async () => {
        const { emulator, stack } = deployed;
        stack.writeFile("functions/first.js", handler("first"));
        stack.writeFile("functions/second.js", handler("second"));
        stack.writeFile("functions/third.js", BROKEN);
        const failed = await stack.run(["up", "--yes", "--skip-preview"]);
        assert.notStrictEqual(failed.code, 0);
        assert.match(failed.stdout + failed.stderr, /\/third does not compile/);

        const { serviceSid } = await stack.outputs();
        const servicePath = `/Services/${serviceSid}`;
        const functionsBefore = await listed(emulator, servicePath, "Functions", "functions");
        const { deleted } = (await daysPass(emulator, stack, 8)) as { deleted: Record<string, number> };
        // Twilio deleted the three Versions the failed Build named, and the two new Functions, left with none.
        assert.deepStrictEqual(deleted, { functions: 2, functionVersions: 3, assets: 0, assetVersions: 0, logs: 0 });
        const functionsAfter = await listed(emulator, servicePath, "Functions", "functions");
        const gone = functionsBefore
          .filter((f) => !functionsAfter.some((a: any) => a.sid === f.sid))
          .map((f) => f.friendly_name);
        assert.deepStrictEqual(gone.sort(), ["/first", "/second"]);

        stack.writeFile("functions/third.js", handler("third v2"));
        await resetStats(emulator.url);
        await stack.up();
        const writes = await writesSinceReset(emulator);
        // /first and /second uploaded again, into Functions made again; /third's fix; /hello and the asset not.
        assert.deepStrictEqual(
          { uploads: writes.uploads, containers: writes.containers },
          { uploads: 3, containers: 2 },
        );

        const { urls } = await stack.outputs();
        for (const [route, body] of [
          ["/first", "first"],
          ["/second", "second"],
          ["/third", "third v2"],
        ]) {
          assert.deepStrictEqual(
            await callDomain(emulator.url, urls.dev.domainName, route),
            { status: 200, body },
            route,
          );
        }
        assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/hello")).status, 200);
        const functions = ["/hello", "/first", "/second", "/third"];
        if (fileResources === "per-file") {
          const expected: ExpectedApp = {
            serviceName,
            environments: { dev: { GREETING: "Hello" } },
            functions,
            assets: ["/message.txt"],
          };
          await assertConverged(emulator.url, stack, expected);
        } else {
          // One FileSet holds the files: each Function once in Twilio, the one the set records.
          const inTwilio = await listed(emulator, servicePath, "Functions", "functions");
          assert.deepStrictEqual(inTwilio.map((f: any) => f.friendly_name).sort(), [...functions].sort());
          const fileSet = (await stack.checkpoint()).resources.find((r) => r.type === "FileSet")!;
          assert.deepStrictEqual(
            inTwilio.map((f: any) => f.sid).sort(),
            functions.map((name) => fileSet.outputs.files[name].sid).sort(),
          );
        }
        await stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
      });
    });
  }

describe("stacks over time: Twilio deletes sooner than the provider plans for", function () {
  this.timeout(600_000);
  const serviceName = `sooner-${process.pid}`;
  const deployed = useDeployedStack("hello-world", serviceName);

  it("the refused Build says what happened and names pulumi up --refresh, which converges", async () => {
    const { emulator, stack } = deployed;
    stack.writeFile("functions/first.js", handler("first"));
    stack.writeFile("functions/hello.js", BROKEN);
    assert.notStrictEqual((await stack.run(["up", "--yes", "--skip-preview"])).code, 0);
    await daysPass(emulator, stack, 8);
    // The provider's clock stays where it was: to it, Twilio deleted the Versions within the day.
    delete stack.env.E2E_CLOCK_OFFSET_MS;
    stack.writeFile("functions/hello.js", handler("hello v2"));
    await resetStats(emulator.url);
    const refused = await stack.run(["up", "--yes", "--skip-preview"]);
    assert.notStrictEqual(refused.code, 0);
    const output = refused.stdout + refused.stderr;
    assert.match(output, /Twilio no longer has Version ZN[0-9a-f]{32} that this Build names/);
    assert.match(
      output,
      /Run `pulumi up --refresh`: the refresh finds what Twilio deleted and the update uploads it again\./,
    );
    const { urls } = await stack.outputs();
    assert.strictEqual(
      (await callDomain(emulator.url, urls.dev.domainName, "/hello")).status,
      200,
      "dev keeps serving its Build",
    );

    await stack.up("--refresh");
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/first"), {
      status: 200,
      body: "first",
    });
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/hello"), {
      status: 200,
      body: "hello v2",
    });
    await assertConverged(emulator.url, stack, {
      serviceName,
      environments: { dev: { GREETING: "Hello" } },
      functions: ["/hello", "/first"],
      assets: ["/message.txt"],
    });
  });
});

describe("stacks over time: a pulumi up killed before its Build, run again eight days later", function () {
  this.timeout(600_000);
  const serviceName = `killed-later-${process.pid}`;
  const deployed = useDeployedStack("hello-world", serviceName);

  it("converges: what the killed run uploaded and Twilio deleted is uploaded again", async () => {
    const { emulator, stack } = deployed;
    stack.writeFile("functions/extra.js", handler("extra"));
    stack.writeFile("assets/extra.txt", "extra asset");
    stack.writeFile("functions/hello.js", handler("hello v2"));
    // The Build's create first lists the Builds (to take over one an interrupted run made); that
    // read waits while held, so the kill lands after every upload and before the Build is asked
    // for. (A held read that goes on once the run is dead changes nothing; a held create might.)
    await fetch(`${emulator.url}/_emulator/hold?route=${encodeURIComponent(ROUTES.listBuilds)}`, { method: "POST" });
    await resetStats(emulator.url);
    let killed;
    try {
      killed = await stack.runAndKill(
        ["up", "--yes", "--skip-preview"],
        async () => ((await emulatorStats(emulator.url)).calls[ROUTES.listBuilds] ?? 0) > 0,
      );
    } finally {
      await fetch(`${emulator.url}/_emulator/release`, { method: "POST" });
    }
    assert.ok(killed.killed, `pulumi up ended before its Build: ${killed.stdout}${killed.stderr}`);
    const { serviceSid } = await stack.outputs();
    assert.strictEqual((await writesSinceReset(emulator)).uploads, 3, "killed after its three uploads");
    assert.strictEqual(
      (await listed(emulator, `/Services/${serviceSid}`, "Builds", "builds")).length,
      1,
      "and before its Build",
    );

    await daysPass(emulator, stack, 8);
    // Twilio deleted the three Versions the killed run uploaded (and no Build took).
    const uploaded = (await stack.checkpoint()).resources.filter((r) =>
      ["hello", "extra", "extra.txt"].includes(r.name.split(":").pop()!),
    );
    assert.strictEqual(uploaded.length, 3);
    for (const file of uploaded) {
      const versions = await twilioApi(
        emulator.url,
        "GET",
        `/Services/${serviceSid}/${file.type}s/${file.outputs.sid}/Versions`,
      ).catch(() => undefined);
      const sids = ((versions?.[`${file.type.toLowerCase()}_versions`] ?? []) as any[]).map((v) => v.sid);
      assert.ok(!sids.includes(file.outputs.latestVersionSid), `${file.name}: its Version is gone`);
    }
    await resetStats(emulator.url);
    // The killed run's lock goes (file backend); no refresh: the state's record of what no Build holds is enough.
    await stack.mustRun(["cancel", "--yes"]);
    await stack.up();
    assert.strictEqual(
      (await writesSinceReset(emulator)).uploads,
      3,
      "the three Versions Twilio deleted, uploaded again once",
    );

    const { urls } = await stack.outputs();
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/extra"), {
      status: 200,
      body: "extra",
    });
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/hello"), {
      status: 200,
      body: "hello v2",
    });
    assert.deepStrictEqual(await callDomain(emulator.url, urls.dev.domainName, "/extra.txt"), {
      status: 200,
      body: "extra asset",
    });
    // What README.md asks after a kill drops the Build create the killed run left pending; it changes nothing in Twilio.
    await resetStats(emulator.url);
    await stack.mustRun(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
    assert.strictEqual((await writesSinceReset(emulator)).all, 0);
    await assertConverged(emulator.url, stack, {
      serviceName,
      environments: { dev: { GREETING: "Hello" } },
      functions: ["/hello", "/extra"],
      assets: ["/message.txt", "/extra.txt"],
    });
  });
});

describe("stacks over time: prod pinned while dev moves on for 30 days", function () {
  this.timeout(900_000);
  const serviceName = `pinned-${process.pid}`;
  const deployed = useDeployedStack("multi-env", serviceName);

  it("prod still serves its Build; removing the pin promotes; nothing the stack needs was deleted", async () => {
    const { emulator, stack } = deployed;
    const first = (await stack.outputs()).urls;
    await stack.mustRun(["config", "set", "prodBuild", first.prod.buildSid]);
    const original = fs.readFileSync(stack.file("functions/hello.js"), "utf8");
    for (const version of ["v2", "v3", "v4", "v5"]) {
      stack.writeFile("functions/hello.js", original.replace("${template", `${version} \${template`));
      await stack.up();
      await daysPass(emulator, stack, 8);
    }
    // 32 days on: prod still runs the first Build, dev and stage the last one.
    const moved = (await stack.outputs()).urls;
    assert.strictEqual(moved.prod.buildSid, first.prod.buildSid);
    assert.strictEqual(
      (await callDomain(emulator.url, moved.prod.domainName, "/hello?name=Ada")).body,
      "Good day, Ada. (prod)",
    );
    assert.strictEqual(
      (await callDomain(emulator.url, moved.dev.domainName, "/hello?name=Ada")).body,
      "v5 Hey Ada! (dev)",
    );
    await stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);

    await stack.mustRun(["config", "rm", "prodBuild"]);
    await stack.up();
    const promoted = (await stack.outputs()).urls;
    assert.strictEqual(promoted.prod.buildSid, promoted.dev.buildSid);
    assert.strictEqual(
      (await callDomain(emulator.url, promoted.prod.domainName, "/hello?name=Ada")).body,
      "v5 Good day, Ada. (prod)",
    );
    for (const env of ["dev", "stage", "prod"]) {
      for (const [route, url] of Object.entries({ ...promoted[env].functionUrls, ...promoted[env].assetUrls })) {
        if (route.startsWith("/admin")) continue; // protected: needs Twilio's signature (serverless-app.test.ts)
        assert.strictEqual(
          (await callDomain(emulator.url, new URL(url as string).host, route)).status,
          200,
          `${env} ${route}`,
        );
      }
    }
    // Every Version the state records still exists, and the stack makes no change after a refresh.
    const { serviceSid } = await stack.outputs();
    for (const file of (await stack.checkpoint()).resources.filter(
      (r) => r.type === "Function" || r.type === "Asset",
    )) {
      const versions = await listed(
        emulator,
        `/Services/${serviceSid}/${file.type}s/${file.outputs.sid}`,
        "Versions",
        `${file.type.toLowerCase()}_versions`,
      );
      assert.ok(
        versions.some((v: any) => v.sid === file.outputs.latestVersionSid),
        `${file.name}: its Version exists`,
      );
    }
    await stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
  });
});

for (const programPath of PATHS)
  describe(`stacks over time: a healthy stack eight and forty days later (${programPath} path)`, function () {
    this.timeout(600_000);
    const deployed = useDeployedStack(
      "hello-world",
      `healthy-${programPath}-${process.pid}`,
      (stack) => {
        stack.writeFile(
          "functions/hello.js",
          "exports.handler = (context, event, callback) => {\n  console.log(`called: ${event.mark}`);\n  callback(null, 'hi');\n};\n",
        );
      },
      programPath,
    );

    async function logMessages(): Promise<string[]> {
      const { emulator, stack } = deployed;
      const { serviceSid, urls } = await stack.outputs();
      const { now } = (await (await fetch(`${emulator.url}/_emulator/clock`)).json()) as { now: string };
      const start = new Date(Date.parse(now) - 90 * DAY_SECONDS * 1000).toISOString();
      const path = `/Services/${serviceSid}/Environments/${urls.dev.sid}/Logs?PageSize=1000&StartDate=${start}&EndDate=${now}`;
      return ((await twilioApi(emulator.url, "GET", path)).logs as any[]).map((log) => log.message).sort();
    }

    it("passes preview --refresh --expect-no-changes at 8 and 40 days; an up without --refresh writes nothing; logs older than 30 days are gone", async () => {
      const { emulator, stack } = deployed;
      const { urls } = await stack.outputs();
      assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/hello?mark=day0")).status, 200);

      await daysPass(emulator, stack, 8);
      await stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
      // Without a refresh the provider checks once that a Build holds what it uploaded 8 days ago: reads, no write.
      await resetStats(emulator.url);
      await stack.up();
      assert.strictEqual((await writesSinceReset(emulator)).all, 0, "no write");
      await resetStats(emulator.url);
      await stack.up();
      assert.deepStrictEqual((await emulatorStats(emulator.url)).calls, {}, "then a no-op up makes no API call");

      await daysPass(emulator, stack, 7);
      assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/hello?mark=day15")).status, 200);
      await daysPass(emulator, stack, 25);
      await stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
      assert.strictEqual((await callDomain(emulator.url, urls.dev.domainName, "/hello?mark=day40")).status, 200);
      const messages = await logMessages();
      assert.ok(!messages.some((m) => m.includes("day0")), `the 40-day-old log is gone: ${messages.join()}`);
      assert.ok(
        messages.some((m) => m.includes("day15")) && messages.some((m) => m.includes("day40")),
        `younger logs stay: ${messages.join()}`,
      );
    });
  });
