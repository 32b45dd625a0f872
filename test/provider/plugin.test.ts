/**
 * The plugin process over its gRPC protocol, without the CLI: its schema is the package schema
 * (its Check runs the whole bad-input catalog: bad-input-plugin.test.ts), its credentials come
 * from provider config, and an import's Read (an id, no properties) reads the object with its
 * secret kept secret. Start-up CPU is printed (the bench measures it; no timing is asserted).
 */
import * as assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import type { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import { packageSchema } from "../../provider/schema/package";
import { create, uniqueName, useEmulator } from "./helpers";
import { call, configureForEmulator, startPlugin, struct } from "./plugin-process";

type Props = Record<string, unknown>;

describe("provider plugin over gRPC", function () {
  this.timeout(60_000);
  const emulator = useEmulator();
  let child: ChildProcess;
  let client: ResourceProviderClient;
  let startupCpuSeconds = 0;

  before(async () => {
    ({ child, client } = await startPlugin());
    await call<PluginInfo>((cb) => client.getPluginInfo(new Empty(), cb));
    const stat = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").split(") ")[1].split(" ");
    startupCpuSeconds = (Number(stat[11]) + Number(stat[12])) / 100;
    await configureForEmulator(client, emulator.url);
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
