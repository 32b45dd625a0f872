/**
 * The plugin process over its gRPC protocol, without the CLI: its schema is the package schema,
 * its Check refuses bad input with the same sentences as the dynamic path, its credentials come
 * from provider config, and an import's Read (an id, no properties) reads the object with its
 * secret kept secret. Start-up CPU is printed (the bench measures it; no timing is asserted).
 */
import * as assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/index";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import { buildOperations } from "../../provider/resources/build";
import { packageSchema } from "../../provider/schema/package";
import { create, uniqueName, useEmulator } from "./helpers";

const PLUGIN = path.resolve(__dirname, "../../provider/bin/pulumi-resource-twilio-serverless");
const ZS = `ZS${"a".repeat(32)}`;
const ZE = `ZE${"b".repeat(32)}`;

type Props = Record<string, unknown>;

function call<Res>(invoke: (callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown) {
  return new Promise<Res>((resolve, reject) =>
    invoke((error, response) => (error ? reject(error) : resolve(response))),
  );
}

const struct = (props: Props) => Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);

describe("provider plugin over gRPC", function () {
  this.timeout(60_000);
  const emulator = useEmulator();
  let child: ChildProcess;
  let client: ResourceProviderClient;
  let startupCpuSeconds = 0;

  before(async () => {
    // No TWILIO_* in its environment: credentials and endpoint come from Configure only.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TWILIO_")));
    child = spawn(PLUGIN, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"], env });
    const port = await new Promise<string>((resolve) =>
      child.stdout!.once("data", (data) => resolve(String(data).trim())),
    );
    client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    await call<PluginInfo>((cb) => client.getPluginInfo(new Empty(), cb));
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    startupCpuSeconds = (Number(stat[11]) + Number(stat[12])) / 100;
    const configure = new proto.ConfigureRequest().setArgs(
      struct({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, apiUrl: emulator.url }),
    );
    await call<proto.ConfigureResponse>((cb) => client.configure(configure, cb));
  });
  after(() => {
    client?.close();
    child?.kill();
    console.log(`      plugin start-up: ${startupCpuSeconds.toFixed(2)} s CPU from spawn to its first answer`);
  });

  it("serves the package schema", async () => {
    const response = await call<proto.GetSchemaResponse>((cb) => client.getSchema(new proto.GetSchemaRequest(), cb));
    assert.deepEqual(JSON.parse(response.getSchema()), packageSchema("0.1.0"));
  });

  const bad: [string, { check(olds: object, news: Props): Promise<{ failures?: unknown[] }> }, Props][] = [
    ["Service", serviceOperations, { uniqueName: "has spaces" }],
    ["Variable", variableOperations, { serviceSid: ZS, environmentSid: ZE, key: "K", value: "" }],
    ["Build", buildOperations, { serviceSid: ZS, runtime: "node18" }],
  ];
  for (const [type, operations, news] of bad) {
    it(`refuses a bad ${type} in Check with the dynamic path's sentences`, async () => {
      const request = new proto.CheckRequest()
        .setUrn(`urn:pulumi:s::p::twilio-serverless:index:${type}::x`)
        .setType(`twilio-serverless:index:${type}`)
        .setOlds(struct({}))
        .setNews(struct(news));
      const response = await call<proto.CheckResponse>((cb) => client.check(request, cb));
      const failures = response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
      assert.ok(failures.length > 0);
      assert.deepEqual(failures, (await operations.check({}, news)).failures);
    });
  }

  it("reads an imported Variable from its composite id alone, its value secret", async () => {
    const service = await create(serviceOperations, { uniqueName: uniqueName("plug") });
    const { environmentOperations } = await import("../../provider/resources/environment");
    const environment = await create(environmentOperations, { serviceSid: service.outs.sid, uniqueName: "dev" });
    const variable = await create(variableOperations, {
      serviceSid: service.outs.sid,
      environmentSid: environment.outs.sid,
      key: "TOKEN",
      value: "s3cret",
    });
    const id = `${service.outs.sid}/${environment.outs.sid}/${variable.id}`;
    const request = new proto.ReadRequest()
      .setId(id)
      .setUrn("urn:pulumi:s::p::twilio-serverless:index:Variable::token")
      .setType("twilio-serverless:index:Variable");
    const response = await call<proto.ReadResponse>((cb) => client.read(request, cb));
    assert.equal(response.getId(), id);
    const inputs = response.getInputs()!.toJavaScript() as Props;
    assert.equal(inputs.key, "TOKEN");
    assert.deepEqual(inputs.value, {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: "s3cret",
    });
    await assert.rejects(
      call<proto.ReadResponse>((cb) => client.read(request.setId(variable.id), cb)),
      /Variable id "ZV\w+" is not of the form ZS…\/ZE…\/ZV…/,
    );
  });

  it("serves ServiceReference: Create finds the Service by unique name, Delete leaves it", async () => {
    const name = uniqueName("owned");
    const service = await create(serviceOperations, { uniqueName: name });
    const urn = `urn:pulumi:s::p::twilio-serverless:index:ServiceReference::${name}`;
    const created = await call<proto.CreateResponse>((cb) =>
      client.create(new proto.CreateRequest().setUrn(urn).setProperties(struct({ uniqueName: name })), cb),
    );
    assert.equal(created.getId(), service.outs.sid);
    assert.deepEqual(created.getProperties()!.toJavaScript(), {
      uniqueName: name,
      sid: service.outs.sid,
      domainBase: service.outs.domainBase,
    });
    await call<Empty>((cb) =>
      client.delete(
        new proto.DeleteRequest().setUrn(urn).setId(created.getId()).setProperties(created.getProperties()),
        cb,
      ),
    );
    const { fetchService } = await import("../../provider/client/api/services");
    assert.equal((await fetchService(emulator.outOfBand, service.outs.sid)).sid, service.outs.sid);
  });
});
