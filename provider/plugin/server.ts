/**
 * The provider protocol, served over @grpc/grpc-js with the SDK's generated stubs only: loading
 * the whole SDK costs ~1 s of CPU, and 3.248's provider server crashes on the Read that
 * `pulumi import` sends. Each request calls the operations the dynamic resources use (kinds.ts);
 * the SDK runtime is loaded only by `construct` (construct.ts). See docs/plugin.md.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderService, type IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { PluginAttach, PluginInfo } from "@pulumi/pulumi/proto/plugin_pb";
import { configureApiUrl, configureFromStack } from "../client/config";
import { debugLog } from "../debug";
import { PACKAGE_NAME, packageSchema } from "../schema/package";
import { kindOf, parseId, pluginId, typeOfUrn, type Kind } from "./kinds";
import { unwrapSecrets, wrapSecrets } from "./values";

const log = debugLog("plugin");

type Props = Record<string, unknown>;

function toJs(struct: Struct | undefined): Props {
  return struct?.toJavaScript() ?? {};
}

function toStruct(props: Props): Struct {
  return Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);
}

/** A handler whose thrown errors reach the engine as the message alone (what the user reads). */
function unary<Req, Res>(name: string, handle: (request: Req) => Promise<Res> | Res): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => handle(call.request))
      .then(
        (response) => callback(null, response),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          log("%s failed: %s", name, message);
          callback({ code: grpc.status.UNKNOWN, details: message, message }, null);
        },
      );
  };
}

function unimplemented<Req, Res>(name: string): grpc.handleUnaryCall<Req, Res> {
  return (_call, callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `Not implemented: ${name}` }, null);
}

/** The fields that go back secret: those that came in secret and those the schema declares secret. */
function secretFields(kind: Kind, cameSecret: Set<string>): Set<string> {
  const declared = Object.entries(kind.spec.inputs)
    .filter(([, field]) => field.secret)
    .map(([name]) => name);
  return new Set([...cameSecret, ...declared]);
}

/** The engine's resource id → the operations' id (the object's own sid). */
function operationsId(kind: Kind, id: string): string {
  return kind.spec.id ? id.split("/").pop()! : id;
}

/** The inputs a read reports for `pulumi import`: the declared inputs found in the outputs. */
function inputsOfOutputs(kind: Kind, outputs: Props): Props {
  return Object.fromEntries(
    Object.keys(kind.spec.inputs)
      .filter((name) => outputs[name] !== undefined)
      .map((name) => [name, outputs[name]]),
  );
}

export function providerServer(version: string, engine: { address?: string }): IResourceProviderServer {
  return {
    getPluginInfo: unary("GetPluginInfo", () => new PluginInfo().setVersion(version)),
    getSchema: unary("GetSchema", (request: proto.GetSchemaRequest) => {
      if (request.getVersion() !== 0) throw new Error(`unsupported schema version ${request.getVersion()}`);
      return new proto.GetSchemaResponse().setSchema(JSON.stringify(packageSchema(version)));
    }),
    checkConfig: unary("CheckConfig", (request: proto.CheckRequest) =>
      new proto.CheckResponse().setInputs(request.getNews()),
    ),
    diffConfig: unimplemented("DiffConfig"),
    configure: unary("Configure", (request: proto.ConfigureRequest) => {
      const args = request.getArgs();
      const values: Record<string, unknown> = args
        ? unwrapSecrets(toJs(args)).plain
        : Object.fromEntries(
            [...request.getVariablesMap().entries()].map(([key, value]) => [key.split(":").pop()!, value]),
          );
      const text = (key: string) => (typeof values[key] === "string" && values[key] !== "" ? values[key] : undefined);
      // The same credential resolution as the dynamic path's `twilio:*` keys (client/config.ts);
      // its errors name the keys a user of the plugin writes.
      configureFromStack({ get: (key) => text(key.slice(key.indexOf(":") + 1)) }, true, PACKAGE_NAME);
      configureApiUrl(text("apiUrl"), `${PACKAGE_NAME}:apiUrl`);
      return new proto.ConfigureResponse().setAcceptsecrets(true).setSupportspreview(false);
    }),
    check: unary("Check", async (request: proto.CheckRequest) => {
      const kind = kindOf(request.getType() || typeOfUrn(request.getUrn()));
      const olds = unwrapSecrets(toJs(request.getOlds())).plain;
      const news = unwrapSecrets(toJs(request.getNews()));
      const result = await kind.operations().check(olds, news.plain);
      const response = new proto.CheckResponse().setInputs(
        toStruct(wrapSecrets(result.inputs ?? news.plain, secretFields(kind, news.secretKeys))),
      );
      response.setFailuresList(
        (result.failures ?? []).map((failure) =>
          new proto.CheckFailure().setProperty(failure.property).setReason(failure.reason),
        ),
      );
      return response;
    }),
    diff: unary("Diff", async (request: proto.DiffRequest) => {
      const kind = kindOf(request.getType() || typeOfUrn(request.getUrn()));
      const news = unwrapSecrets(toJs(request.getNews())).plain;
      const oldInputs = unwrapSecrets(toJs(request.getOldInputs())).plain;
      const olds = kind.baseline(unwrapSecrets(toJs(request.getOlds())).plain, news, oldInputs);
      const result = await kind.operations().diff(operationsId(kind, request.getId()), olds, news);
      const response = new proto.DiffResponse().setChanges(
        result.changes === true
          ? proto.DiffResponse.DiffChanges.DIFF_SOME
          : result.changes === false
            ? proto.DiffResponse.DiffChanges.DIFF_NONE
            : proto.DiffResponse.DiffChanges.DIFF_UNKNOWN,
      );
      response.setReplacesList(result.replaces ?? []);
      response.setDeletebeforereplace(result.deleteBeforeReplace ?? false);
      return response;
    }),
    create: unary("Create", async (request: proto.CreateRequest) => {
      const kind = kindOf(request.getType() || typeOfUrn(request.getUrn()));
      const inputs = unwrapSecrets(toJs(request.getProperties()));
      const result = await kind.operations().create(inputs.plain);
      const outs = (result.outs ?? {}) as Props;
      return new proto.CreateResponse()
        .setId(pluginId(kind.spec, result.id, outs))
        .setProperties(toStruct(wrapSecrets(outs, secretFields(kind, inputs.secretKeys))));
    }),
    read: unary("Read", async (request: proto.ReadRequest) => {
      const kind = kindOf(request.getType() || typeOfUrn(request.getUrn()));
      const stored = unwrapSecrets(toJs(request.getProperties()));
      const importing = Object.keys(stored.plain).length === 0;
      // An import has only the id: it says which Service (and Environment) the object is in.
      const props = importing ? parseId(kind.spec, request.getId()).known : stored.plain;
      const result = await kind.operations().read(operationsId(kind, request.getId()), props);
      const response = new proto.ReadResponse().setId(result.id ? request.getId() : "");
      if (!result.id) return response;
      const outs = (result.props ?? {}) as Props;
      const secrets = secretFields(kind, stored.secretKeys);
      response.setProperties(toStruct(wrapSecrets(outs, secrets)));
      const inputs = importing ? inputsOfOutputs(kind, outs) : toJs(request.getInputs());
      response.setInputs(toStruct(importing ? wrapSecrets(inputs, secrets) : inputs));
      return response;
    }),
    update: unary("Update", async (request: proto.UpdateRequest) => {
      const kind = kindOf(request.getType() || typeOfUrn(request.getUrn()));
      const olds = unwrapSecrets(toJs(request.getOlds())).plain;
      const news = unwrapSecrets(toJs(request.getNews()));
      const result = await kind.operations().update(operationsId(kind, request.getId()), olds, news.plain);
      const outs = (result.outs ?? {}) as Props;
      return new proto.UpdateResponse().setProperties(toStruct(wrapSecrets(outs, secretFields(kind, news.secretKeys))));
    }),
    delete: unary("Delete", async (request: proto.DeleteRequest) => {
      const kind = kindOf(request.getType() || typeOfUrn(request.getUrn()));
      const props = unwrapSecrets(toJs(request.getProperties())).plain;
      await kind.operations().delete(operationsId(kind, request.getId()), props);
      return new Empty();
    }),
    construct: (call, callback) => {
      // The SDK runtime, only for the component.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require("./construct") as typeof import("./construct")).construct(call, callback, engine.address);
    },
    cancel: unary("Cancel", () => new Empty()),
    attach: unary("Attach", (request: PluginAttach) => {
      engine.address = request.getAddress();
      return new Empty();
    }),
    handshake: unimplemented("Handshake"),
    parameterize: unimplemented("Parameterize"),
    invoke: unimplemented("Invoke"),
    call: unimplemented("Call"),
    list: (call) => call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: "Not implemented: List" }),
    getMapping: unimplemented("GetMapping"),
    getMappings: unimplemented("GetMappings"),
  };
}

/** Serves on a free local port and prints it, as the engine expects of a plugin. */
export async function serve(version: string, engineAddress?: string): Promise<grpc.Server> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(ResourceProviderService, providerServer(version, { address: engineAddress }));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  process.stdout.write(`${port}\n`);
  return server;
}
