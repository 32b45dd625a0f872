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

export const struct = (props: Record<string, unknown>) =>
  Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);

/**
 * Starts the plugin with no TWILIO_* in its environment (credentials and endpoint come from
 * Configure only), `env` added.
 */
export async function startPlugin(
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; client: ResourceProviderClient }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("TWILIO_")));
  const child = spawn(PLUGIN, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"], env: { ...clean, ...env } });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (data) => resolve(String(data).trim())),
  );
  return { child, client: new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) };
}

/** Configures the plugin with the emulator's test credentials and its URL. */
export async function configureForEmulator(client: ResourceProviderClient, apiUrl: string): Promise<void> {
  const configure = new proto.ConfigureRequest().setArgs(
    struct({ accountSid: TEST_ACCOUNT_SID, authToken: TEST_AUTH_TOKEN, apiUrl }),
  );
  await call<proto.ConfigureResponse>((cb) => client.configure(configure, cb));
}
