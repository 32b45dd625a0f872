/**
 * The provider plugin through the real CLI: examples/plugin-resources (single resources typed
 * twilio-serverless:index:*) deploys, serves, no-ops with zero API calls, finds drift and
 * converges; every kind is imported by its composite id with a clean preview after.
 */
import * as assert from "assert";
import { callDomain, e2eStack, emulatorStats, pluginEnv, resetStats, TestStack, twilioApi } from "./harness";

describe("e2e: resources on the provider plugin", function () {
  this.timeout(300_000);
  const e2e = e2eStack({
    example: "plugin-resources",
    config: { serviceName: `plugin-${process.pid}` },
    secretConfig: { greeting: "Howdy" },
    env: pluginEnv(),
  });

  it("deploys every kind as twilio-serverless:index:* and serves the function", async () => {
    await e2e.stack.up();
    const state = JSON.parse(await e2e.stack.exportState()) as { deployment: { resources: { type: string }[] } };
    const types = new Set(state.deployment.resources.map((r) => r.type));
    for (const kind of ["Service", "Environment", "Variable", "Function", "Asset", "Build", "Deployment"])
      assert.ok(types.has(`twilio-serverless:index:${kind}`), `${kind} in ${[...types].join(", ")}`);
    const { resources } = await e2e.stack.checkpoint();
    const outputs = await e2e.stack.outputs();
    assert.deepStrictEqual(await callDomain(e2e.emulator.url, outputs.domainName, "/hello?name=Ada"), {
      status: 200,
      body: "Howdy, Ada!",
    });
    const variable = resources.find((r) => r.type === "Variable")!;
    assert.match(variable.id, /^ZS[0-9a-f]{32}\/ZE[0-9a-f]{32}\/ZV[0-9a-f]{32}$/);
    assert.doesNotMatch(await e2e.stack.exportState(), /Howdy/, "the Variable's value is a secret in state");
  });

  it("makes no API call at all when nothing changed", async () => {
    await resetStats(e2e.emulator.url);
    await e2e.stack.up();
    assert.deepStrictEqual((await emulatorStats(e2e.emulator.url)).calls, {});
  });

  it("finds a Variable changed outside Pulumi and puts it back", async () => {
    const { serviceSid, environmentSid } = await e2e.stack.outputs();
    const variable = (await e2e.stack.checkpoint()).resources.find((r) => r.type === "Variable")!;
    const variableSid = variable.id.split("/").pop()!;
    await twilioApi(
      e2e.emulator.url,
      "POST",
      `/Services/${serviceSid}/Environments/${environmentSid}/Variables/${variableSid}`,
      {
        Value: "Changed",
      },
    );
    const drift = await e2e.stack.run(["preview", "--refresh", "--expect-no-changes"]);
    assert.notStrictEqual(drift.code, 0, `${drift.stdout}\n${drift.stderr}`);
    await e2e.stack.up("--refresh");
    await e2e.stack.mustRun(["preview", "--refresh", "--expect-no-changes"]);
    const { domainName } = await e2e.stack.outputs();
    assert.strictEqual((await callDomain(e2e.emulator.url, domainName, "/hello")).body, "Howdy, World!");
  });

  it("imports every kind by its composite id, and the same program then previews no change", async () => {
    const { resources } = await e2e.stack.checkpoint();
    const state = JSON.parse(await e2e.stack.exportState()) as {
      deployment: { resources: { type: string; urn: string; id?: string }[] };
    };
    const imports = state.deployment.resources
      .filter((r) => r.type.startsWith("twilio-serverless:index:"))
      .map((r) => ({ type: r.type, name: r.urn.split("::").pop()!, id: r.id! }));
    assert.strictEqual(imports.length, resources.filter((r) => r.id.startsWith("Z")).length);
    const importer = await TestStack.create({
      example: "plugin-resources",
      apiUrl: e2e.emulator.url,
      config: { serviceName: `plugin-${process.pid}` },
      secretConfig: { greeting: "Howdy" },
      env: pluginEnv(),
    });
    try {
      importer.writeFile("import.json", JSON.stringify({ resources: imports }));
      await resetStats(e2e.emulator.url);
      await importer.mustRun(["import", "--file", "import.json", "--yes", "--generate-code=false"]);
      const writes = Object.keys((await emulatorStats(e2e.emulator.url)).calls).filter(
        (call) => !call.startsWith("GET"),
      );
      assert.deepStrictEqual(writes, [], "an import writes nothing");
      const preview = await importer.run(["preview", "--expect-no-changes", "--diff"]);
      assert.strictEqual(preview.code, 0, `${preview.stdout}\n${preview.stderr}`);
    } finally {
      // The objects are the first stack's: forget them here instead of destroying them.
      await importer.mustRun(["state", "delete", "--all", "--yes", "--force"]).catch(() => undefined);
      await importer.dispose();
    }
  });
});
