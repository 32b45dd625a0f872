/**
 * The plugin serves Check/Diff/Create/Read/Update/Delete without loading @pulumi/pulumi (only its
 * generated protocol stubs): a spawned plugin runs a Service's whole lifecycle against the
 * emulator and a Check of every other kind, then reports the modules it loaded (a preloaded probe).
 * Loading the SDK costs ~1 s of CPU per plugin start (docs/plugin.md).
 */
import * as assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { FILE_CLEANUP, RESOURCES } from "../../provider/schema/resources";
import { uniqueName, useEmulator } from "./helpers";
import { call, configureForEmulator, startPlugin, struct } from "./plugin-process";

const PROBE = path.join(__dirname, "loaded-modules-probe.js");

/** The modules the plugin has loaded, as the probe writes them on SIGUSR2. */
async function loadedModules(child: ChildProcess, file: string): Promise<string[]> {
  child.kill("SIGUSR2");
  for (let waited = 0; !fs.existsSync(file) && waited < 10_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return fs.readFileSync(file, "utf8").split("\n");
}

describe("provider plugin's CRUD path loads no Pulumi SDK", function () {
  this.timeout(60_000);
  const emulator = useEmulator();
  const modulesFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plugin-lean-")), "modules.txt");
  let child: ChildProcess;
  let client: ResourceProviderClient;

  before(async () => {
    ({ child, client } = await startPlugin({ NODE_OPTIONS: `--require ${PROBE}`, LOADED_MODULES_FILE: modulesFile }));
    await configureForEmulator(client, emulator.url);
  });
  after(() => {
    client?.close();
    child?.kill();
  });

  it("checks every kind and runs a Service's create, read, diff, update and delete", async () => {
    for (const spec of [...RESOURCES, FILE_CLEANUP]) {
      const type = `twilio-serverless:index:${spec.name}`;
      const check = new proto.CheckRequest().setType(type).setUrn(`urn:pulumi:s::p::${type}::x`).setNews(struct({}));
      await call<proto.CheckResponse>((cb) => client.check(check, cb));
    }
    const type = "twilio-serverless:index:Service";
    const urn = `urn:pulumi:s::p::${type}::svc`;
    const checked = await call<proto.CheckResponse>((cb) =>
      client.check(
        new proto.CheckRequest()
          .setType(type)
          .setUrn(urn)
          .setNews(struct({ uniqueName: uniqueName("lean") })),
        cb,
      ),
    );
    assert.deepEqual(checked.getFailuresList(), []);
    const inputs = checked.getInputs()!;
    const created = await call<proto.CreateResponse>((cb) =>
      client.create(new proto.CreateRequest().setType(type).setUrn(urn).setProperties(inputs), cb),
    );
    const id = created.getId();
    assert.match(id, /^ZS/);
    const read = await call<proto.ReadResponse>((cb) =>
      client.read(
        new proto.ReadRequest().setType(type).setUrn(urn).setId(id).setProperties(created.getProperties()),
        cb,
      ),
    );
    assert.equal(read.getId(), id);
    const renamed = struct({ ...inputs.toJavaScript(), friendlyName: "renamed" });
    const diff = await call<proto.DiffResponse>((cb) =>
      client.diff(
        new proto.DiffRequest().setType(type).setUrn(urn).setId(id).setOlds(read.getProperties()).setNews(renamed),
        cb,
      ),
    );
    assert.equal(diff.getChanges(), proto.DiffResponse.DiffChanges.DIFF_SOME);
    const updated = await call<proto.UpdateResponse>((cb) =>
      client.update(
        new proto.UpdateRequest().setType(type).setUrn(urn).setId(id).setOlds(read.getProperties()).setNews(renamed),
        cb,
      ),
    );
    assert.equal(updated.getProperties()!.toJavaScript().friendlyName, "renamed");
    await call<Empty>((cb) =>
      client.delete(
        new proto.DeleteRequest().setType(type).setUrn(urn).setId(id).setProperties(updated.getProperties()),
        cb,
      ),
    );

    const modules = await loadedModules(child, modulesFile);
    // The probe saw the operations being loaded: the check below is about the process that ran them.
    for (const file of ["service", "build", "file-set", "serverless-file"]) {
      assert.ok(
        modules.some((module) => module.endsWith(path.join("dist", "operations", `${file}.js`))),
        file,
      );
    }
    const sdk = modules.filter((module) => /[\\/]@pulumi[\\/]pulumi[\\/](?!proto[\\/])/.test(module));
    assert.deepEqual(sdk, [], "modules of @pulumi/pulumi beyond its protocol stubs");
  });
});
