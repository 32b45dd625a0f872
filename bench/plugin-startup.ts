/**
 * The plugin's CPU (user + system, from /proc) from spawn to three answers, the median of N runs
 * of a fresh plugin each: its first answer (GetPluginInfo; issue 24's goal: under 0.4 s), its
 * first Check (a Service: loads that resource's operations), and a Construct of ServerlessApp
 * over a generated 50-file project (what a YAML program's `up` asks first; bench/fake-engine.ts
 * stands in for the engine, so this is the plugin's work alone). Linux only.
 * Run: node -r ts-node/register/transpile-only bench/plugin-startup.ts [runs] [files]
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";
import { startFakeEngine, type FakeEngine } from "./fake-engine";
import { generateProject } from "./project";

const PLUGIN = path.resolve(
  __dirname,
  __filename.endsWith(".ts") ? ".." : "../..",
  "provider/bin/pulumi-resource-twilio-serverless",
);

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function call<Res>(invoke: (callback: (error: grpc.ServiceError | null, response: Res) => void) => unknown) {
  return new Promise<Res>((resolve, reject) =>
    invoke((error, response) => (error ? reject(error) : resolve(response))),
  );
}

const struct = (props: Record<string, unknown>) =>
  Struct.fromJavaScript(props as Parameters<typeof Struct.fromJavaScript>[0]);

/** A fresh plugin, answered once (GetPluginInfo); `engine`: the address it is started with. */
async function startPlugin(
  engine: string,
): Promise<{ child: ChildProcess; client: ResourceProviderClient; firstAnswer: number }> {
  const child = spawn(PLUGIN, [engine], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (data) => resolve(String(data).trim())),
  );
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  await call((cb) => client.getPluginInfo(new Empty(), cb));
  return { child, client, firstAnswer: cpuSeconds(child.pid!) };
}

async function firstCheck(): Promise<{ firstAnswer: number; firstCheck: number }> {
  const { child, client, firstAnswer } = await startPlugin("127.0.0.1:1");
  const check = new proto.CheckRequest()
    .setType("twilio-serverless:index:Service")
    .setUrn("urn:pulumi:s::p::twilio-serverless:index:Service::s")
    .setOlds(struct({}))
    .setNews(struct({ uniqueName: "bench" }));
  await call((cb) => client.check(check, cb));
  const cpu = cpuSeconds(child.pid!);
  client.close();
  child.kill();
  return { firstAnswer, firstCheck: cpu };
}

async function construct(engine: FakeEngine, directory: string): Promise<number> {
  const { child, client } = await startPlugin(engine.address);
  const request = new proto.ConstructRequest()
    .setProject("bench")
    .setStack("bench")
    .setMonitorendpoint(engine.address)
    .setType("twilio-serverless:index:ServerlessApp")
    .setName("bench")
    .setParallel(16)
    .setInputs(
      struct({ serviceName: "bench", directory, environments: { dev: { domainSuffix: "dev", envFile: ".env" } } }),
    );
  await call((cb) => client.construct(request, cb));
  const cpu = cpuSeconds(child.pid!);
  client.close();
  child.kill();
  return cpu;
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const files = Number(process.argv[3] ?? 50);
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-startup-"));
  generateProject(directory, files);
  const engine = await startFakeEngine();
  const samples = [];
  for (let i = 0; i < runs; i++)
    samples.push({ ...(await firstCheck()), construct: await construct(engine, directory) });
  engine.stop();
  fs.rmSync(directory, { recursive: true, force: true });
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)].toFixed(2);
  console.log(
    `plugin CPU from spawn (median of ${runs}): ${median(samples.map((s) => s.firstAnswer))} s to its first answer, ` +
      `${median(samples.map((s) => s.firstCheck))} s to its first Check's answer, ` +
      `${median(samples.map((s) => s.construct))} s to a Construct's answer (ServerlessApp, ${files} files, ` +
      `${engine.registered() / runs} resources registered)`,
  );
}

void main();
