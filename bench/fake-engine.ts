/**
 * A stand-in for the Pulumi engine's resource monitor and engine services, enough for the
 * plugin's Construct of ServerlessApp (bench/plugin-startup.ts): it registers whatever the
 * component declares and answers each child with its inputs plus placeholder outputs of the
 * schema's types, as the engine answers a no-op `up` with the stored outputs. No state, no
 * Twilio: what it measures is the plugin's own work.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import type { FieldType } from "../provider/schema/fields";
import { FILE_CLEANUP, RESOURCES } from "../provider/schema/resources";

const FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "deletedWith", "aliasSpecs"]);
const SPECS = new Map([...RESOURCES, FILE_CLEANUP].map((spec) => [`twilio-serverless:index:${spec.name}`, spec]));

function placeholder(type: FieldType): unknown {
  if (type === "boolean") return false;
  if (type === "integer") return 0;
  if (type === "stringList") return [];
  if (type === "string") return "bench";
  return {};
}

function ok<Res>(respond: () => Res) {
  return (_call: unknown, callback: grpc.sendUnaryData<Res>) => callback(null, respond());
}

export interface FakeEngine {
  address: string;
  registered(): number;
  stop(): void;
}

export async function startFakeEngine(): Promise<FakeEngine> {
  let count = 0;
  const server = new grpc.Server();
  server.addService(ResourceMonitorService, {
    supportsFeature: (
      call: grpc.ServerUnaryCall<resourceProto.SupportsFeatureRequest, resourceProto.SupportsFeatureResponse>,
      callback: grpc.sendUnaryData<resourceProto.SupportsFeatureResponse>,
    ) => callback(null, new resourceProto.SupportsFeatureResponse().setHassupport(FEATURES.has(call.request.getId()))),
    registerResource: (
      call: grpc.ServerUnaryCall<resourceProto.RegisterResourceRequest, resourceProto.RegisterResourceResponse>,
      callback: grpc.sendUnaryData<resourceProto.RegisterResourceResponse>,
    ) => {
      const request = call.request;
      count++;
      const response = new resourceProto.RegisterResourceResponse().setUrn(
        `urn:pulumi:bench::bench::${request.getType()}::${request.getName()}`,
      );
      const inputs = request.getObject()?.toJavaScript() ?? {};
      const spec = SPECS.get(request.getType());
      const outputs = Object.fromEntries(
        (spec ? Object.entries(spec.outputs) : []).map(([name, field]) => [name, placeholder(field.type)]),
      );
      if (request.getCustom()) response.setId(`id-${count}`);
      response.setObject(
        Struct.fromJavaScript({ ...outputs, ...inputs } as Parameters<typeof Struct.fromJavaScript>[0]),
      );
      callback(null, response);
    },
    registerResourceOutputs: ok(() => new Empty()),
    invoke: (_call: unknown, callback: grpc.sendUnaryData<null>) =>
      callback({ code: grpc.status.UNIMPLEMENTED, details: "not in the bench's fake engine" }, null),
  });
  server.addService(EngineService, {
    log: ok(() => new Empty()),
    getRootResource: ok(() => new engineProto.GetRootResourceResponse()),
    setRootResource: ok(() => new engineProto.SetRootResourceResponse()),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { address: `127.0.0.1:${port}`, registered: () => count, stop: () => server.forceShutdown() };
}
