/**
 * Construct of the ServerlessApp component (multi-language component): the app code of
 * provider/app with the plugin's own resource classes (dist/native) as children. Only this
 * loads the SDK runtime, when a program first declares the component. Follows what
 * @pulumi/pulumi/provider/server.js does for construct (3.248), without its other handlers.
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as pulumi from "../sdk";
import * as config from "@pulumi/pulumi/runtime/config";
import { serializeResourceProperties } from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import { ServerlessApp, type ServerlessAppArgs } from "../app/serverless-app";
import { debugLog } from "../debug";
import { NATIVE_KINDS } from "../native";
import { tokenOf } from "../schema/package";

/* eslint-disable @typescript-eslint/no-require-imports -- the SDK's @internal helpers its own provider server uses (not in its .d.ts) */
const internal = {
  ...(require("@pulumi/pulumi/provider/server") as {
    deserializeInputs(inputs: Struct, dependencies: unknown): Promise<Record<string, unknown>>;
  }),
  ...(require("@pulumi/pulumi/runtime/state") as { withLocalStorage<T>(run: () => Promise<T>): Promise<T> }),
  ...(require("@pulumi/pulumi/runtime/settings") as {
    awaitFeatureSupport(): Promise<void>;
    waitForRPCs(): Promise<void>;
  }),
};
/* eslint-enable @typescript-eslint/no-require-imports */

/*
 * The SDK records a stack trace for every promise it makes (runtime/debuggable.js), for a leak
 * report this process never prints: ~0.15 s of CPU in a 50-file Construct (bench/plugin-startup.ts).
 * The plugin reports errors by their message; with its debug log on, the traces stay.
 */
if (!debugLog("plugin").enabled) Error.stackTraceLimit = 0;

/** An Output's value, known or not (the SDK's internal `promise()`; a URN is always known). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return (output as unknown as { promise(): Promise<T> }).promise();
}

const PLAIN_INPUTS = [
  "serviceName",
  "directory",
  "ignore",
  "dependencies",
  "environments",
  "adopt",
  "ownsService",
  "fileResources",
];

async function configureRuntime(request: proto.ConstructRequest, engineAddress: string): Promise<void> {
  settings.resetOptions(
    request.getProject(),
    request.getStack(),
    request.getParallel(),
    engineAddress,
    request.getMonitorendpoint(),
    request.getDryrun(),
    request.getOrganization(),
  );
  await internal.awaitFeatureSupport();
  config.setAllConfig(Object.fromEntries(request.getConfigMap().entries()), request.getConfigsecretkeysList());
}

async function constructApp(request: proto.ConstructRequest, engineAddress: string): Promise<proto.ConstructResponse> {
  const type = request.getType();
  if (type !== tokenOf("ServerlessApp")) throw new Error(`twilio-serverless: unknown component ${type}`);
  await configureRuntime(request, engineAddress);
  const inputs = await internal.deserializeInputs(request.getInputs()!, request.getInputdependenciesMap());
  const opts: pulumi.ComponentResourceOptions = {
    parent: request.getParent() ? new pulumi.DependencyResource(request.getParent()) : undefined,
    dependsOn: request.getDependenciesList().map((urn) => new pulumi.DependencyResource(urn)),
    protect: request.getProtect(),
    aliases: request.getAliasesList().flatMap((alias) => (alias.hasUrn() ? [alias.getUrn()] : [])),
  };
  // What shapes the component (the folder, the environments) must be plain values, as in a program.
  for (const key of PLAIN_INPUTS) {
    if (pulumi.Output.isInstance(inputs[key])) inputs[key] = await valueOf(inputs[key]);
  }
  const app = new ServerlessApp(request.getName(), inputs as unknown as ServerlessAppArgs, opts, NATIVE_KINDS);
  const response = new proto.ConstructResponse();
  response.setUrn(await valueOf(app.urn));
  const [state, dependencies] = await serializeResourceProperties(`construct(${type}, ${request.getName()})`, {
    serviceSid: app.serviceSid,
    buildSid: app.buildSid,
    environments: app.environments,
  });
  const dependencyMap = response.getStatedependenciesMap();
  for (const [key, resources] of dependencies) {
    const urns = await Promise.all([...resources].map((resource) => valueOf(resource.urn)));
    dependencyMap.set(key, new proto.ConstructResponse.PropertyDependencies().setUrnsList(urns));
  }
  response.setState(Struct.fromJavaScript(state as Parameters<typeof Struct.fromJavaScript>[0]));
  await internal.waitForRPCs();
  return response;
}

export function construct(
  call: grpc.ServerUnaryCall<proto.ConstructRequest, proto.ConstructResponse>,
  callback: grpc.sendUnaryData<proto.ConstructResponse>,
  engineAddress: string | undefined,
): void {
  if (!engineAddress) {
    callback({ code: grpc.status.FAILED_PRECONDITION, details: "the engine's address was not given" }, null);
    return;
  }
  void internal.withLocalStorage(() =>
    constructApp(call.request, engineAddress).then(
      (response) => callback(null, response),
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        callback({ code: grpc.status.UNKNOWN, details: message }, null);
      },
    ),
  );
}
