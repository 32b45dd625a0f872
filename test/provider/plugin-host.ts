/**
 * The provider plugin as the engine drives it, without the CLI: the real plugin process (the
 * package's bin, over gRPC), and on this side a stub engine and resource monitor for Construct.
 * The monitor does what the engine does with each resource a component declares: the plugin's
 * Check, then its Create (against whatever the plugin is configured for), so a component that
 * declares something it should have refused writes, and a test can see it (as real-mocks.ts does
 * for the dynamic path).
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { EngineService } from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engine from "@pulumi/pulumi/proto/engine_pb";
import type { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import type { PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { ResourceMonitorService } from "@pulumi/pulumi/proto/resource_grpc_pb";
import * as resource from "@pulumi/pulumi/proto/resource_pb";
import { call, spawnPlugin, struct } from "./plugin-process";

const PACKAGE = "twilio-serverless:index:";

type Props = Record<string, unknown>;

const urnOf = (type: string, name: string) => `urn:pulumi:test::bad-input::${type}::${name}`;

/** What the user reads of a failed call: the error's message alone (as the engine shows it). */
export function messageOf(error: unknown): string {
  return (error as grpc.ServiceError).details ?? String(error);
}

export interface PluginHost {
  client: ResourceProviderClient;
  /** The plugin's pid (its CPU time is in /proc). */
  pid: number;
  configure(args: Props): Promise<void>;
  /** Check's failures, as "field: reason", and the checked inputs. */
  check(type: string, name: string, news: Props): Promise<{ failures: string[]; inputs: Props }>;
  /** Check, then (when it passed) Create; what refused it, one line each. */
  checkAndCreate(type: string, name: string, news: Props): Promise<string[]>;
  /** Construct of a component; what refused it (its error, then each child's, "child: …"). */
  construct(type: string, name: string, inputs: Props, config?: Record<string, string>): Promise<string[]>;
  stop(): Promise<void>;
}

/** Starts the plugin (with this environment) and the stub engine and monitor it talks to. */
export async function startPlugin(env: NodeJS.ProcessEnv): Promise<PluginHost> {
  /** Errors of the children of the component being constructed. */
  let childErrors: string[] = [];

  const reply =
    <T>(value: T) =>
    (_call: unknown, callback: grpc.sendUnaryData<T>) =>
      callback(null, value);
  const stub = new grpc.Server();
  stub.addService(EngineService, {
    log: reply(new Empty()),
    getRootResource: reply(new engine.GetRootResourceResponse()),
    setRootResource: reply(new engine.SetRootResourceResponse()),
  });
  stub.addService(ResourceMonitorService, {
    supportsFeature: (
      request: grpc.ServerUnaryCall<resource.SupportsFeatureRequest, resource.SupportsFeatureResponse>,
      callback: grpc.sendUnaryData<resource.SupportsFeatureResponse>,
    ) => callback(null, new resource.SupportsFeatureResponse().setHassupport(request.request.getId() === "secrets")),
    registerResource: (
      request: grpc.ServerUnaryCall<resource.RegisterResourceRequest, resource.RegisterResourceResponse>,
      callback: grpc.sendUnaryData<resource.RegisterResourceResponse>,
    ) => {
      const { request: req } = request;
      const urn = urnOf(req.getType(), req.getName());
      const response = new resource.RegisterResourceResponse().setUrn(urn);
      if (!req.getCustom()) return callback(null, response.setObject(struct({})));
      const refused = (message: string) => {
        childErrors.push(`${req.getName()}: ${message}`);
        callback(null, response.setId(`${req.getName()}-refused`).setObject(struct({})));
      };
      if (!req.getType().startsWith(PACKAGE)) return refused(`not a type of the plugin: ${req.getType()}`);
      void host
        .check(req.getType(), req.getName(), req.getObject()?.toJavaScript() ?? {})
        .then(
          async ({ failures, inputs }) => {
            if (failures.length > 0) return refused(failures.join("\n"));
            const created = await call<proto.CreateResponse>((cb) =>
              host.client.create(
                new proto.CreateRequest().setUrn(urn).setType(req.getType()).setProperties(struct(inputs)),
                cb,
              ),
            );
            callback(null, response.setId(created.getId()).setObject(created.getProperties()));
          },
          (error: unknown) => refused(messageOf(error)),
        )
        .catch((error: unknown) => refused(messageOf(error)));
    },
    registerResourceOutputs: reply(new Empty()),
  });
  const stubPort = await new Promise<number>((resolve, reject) =>
    stub.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, port) =>
      error ? reject(error) : resolve(port),
    ),
  );
  const stubAddress = `127.0.0.1:${stubPort}`;

  const { child, client } = await spawnPlugin(stubAddress, env);
  await call<PluginInfo>((cb) => client.getPluginInfo(new Empty(), cb));

  const host: PluginHost = {
    client,
    pid: child.pid!,
    async configure(args) {
      await call<proto.ConfigureResponse>((cb) =>
        client.configure(new proto.ConfigureRequest().setArgs(struct(args)), cb),
      );
    },
    async check(type, name, news) {
      const request = new proto.CheckRequest()
        .setUrn(urnOf(type, name))
        .setType(type)
        .setOlds(struct({}))
        .setNews(struct(news));
      const response = await call<proto.CheckResponse>((cb) => client.check(request, cb));
      return {
        failures: response.getFailuresList().map((failure) => `${failure.getProperty()}: ${failure.getReason()}`),
        inputs: response.getInputs()?.toJavaScript() ?? {},
      };
    },
    async checkAndCreate(type, name, news) {
      const { failures, inputs } = await host.check(type, name, news);
      if (failures.length > 0) return failures;
      const request = new proto.CreateRequest().setUrn(urnOf(type, name)).setType(type).setProperties(struct(inputs));
      try {
        await call<proto.CreateResponse>((cb) => client.create(request, cb));
        return [];
      } catch (error) {
        return [messageOf(error)];
      }
    },
    async construct(type, name, inputs, config = {}) {
      childErrors = [];
      const request = new proto.ConstructRequest()
        .setProject("bad-input")
        .setStack("test")
        .setMonitorendpoint(stubAddress)
        .setType(type)
        .setName(name)
        .setInputs(struct(inputs));
      for (const [key, value] of Object.entries(config)) request.getConfigMap().set(key, value);
      const thrown: string[] = [];
      try {
        await call<proto.ConstructResponse>((cb) => client.construct(request, cb));
      } catch (error) {
        thrown.push(messageOf(error));
      }
      return [...thrown, ...childErrors];
    },
    async stop() {
      client.close();
      child.kill();
      await new Promise<void>((resolve) => stub.tryShutdown(() => resolve()));
    },
  };
  return host;
}
