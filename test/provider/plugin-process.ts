/** A spawned provider plugin and its gRPC client, for the tests that talk to the plugin process. */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/index";

const PLUGIN = path.resolve(__dirname, "../../provider/bin/pulumi-resource-twilio-serverless");

export function call<Res>(invoke: (callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown) {
  return new Promise<Res>((resolve, reject) =>
    invoke((error, response) => (error ? reject(error) : resolve(response))),
  );
}

/** Properties on the wire, which has no undefined: a key set to undefined is not sent (as a program's). */
export const struct = (props: Record<string, unknown>) =>
  Struct.fromJavaScript(JSON.parse(JSON.stringify(props)) as Parameters<typeof Struct.fromJavaScript>[0]);

/** Spawns the plugin (the package's bin) with `env`, its engine at `engineAddress`, and connects to it. */
export async function spawnPlugin(
  engineAddress: string,
  env: NodeJS.ProcessEnv,
): Promise<{ child: ChildProcess; client: ResourceProviderClient }> {
  const child = spawn(PLUGIN, [engineAddress], { stdio: ["ignore", "pipe", "inherit"], env });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (data) => resolve(String(data).trim()));
    child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before it served`)));
  });
  return { child, client: new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

/**
 * Starts the plugin with no TWILIO_* in its environment (credentials and endpoint come from
 * Configure only), `env` added.
 */
export async function startPlugin(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; client: ResourceProviderClient }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TWILIO_")));
  return spawnPlugin("127.0.0.1:1", { ...clean, ...env });
}

/** Configures the plugin with the emulator's test credentials and its URL. */
export async function configureForEmulator(client: ResourceProviderClient, apiUrl: string): Promise<void> {
  const configure = new proto.ConfigureRequest().setArgs(
    struct({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, apiUrl }),
  );
  await call<proto.ConfigureResponse>((cb) => client.configure(configure, cb));
}
