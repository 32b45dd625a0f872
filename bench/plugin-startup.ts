/**
 * The plugin's start-up: CPU (user + system) of `pulumi-resource-twilio-serverless` from spawn
 * to its first answer (GetPluginInfo), the median of N runs (issue 24's goal: under 0.4 s), and
 * of its first Check (which loads a resource's operations). Linux only (/proc).
 * Run: node -r ts-node/register/transpile-only bench/plugin-startup.ts [runs]
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as proto from "@pulumi/pulumi/proto/provider_pb";

const PLUGIN = path.resolve(
  __dirname,
  __filename.endsWith(".ts") ? ".." : "../..",
  "provider/bin/pulumi-resource-twilio-serverless",
);

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function once(): Promise<{ firstAnswer: number; firstCheck: number }> {
  const child = spawn(PLUGIN, ["127.0.0.1:1"], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    child.stdout.once("data", (data) => resolve(String(data).trim())),
  );
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  await new Promise((resolve, reject) => client.getPluginInfo(new Empty(), (e, r) => (e ? reject(e) : resolve(r))));
  const firstAnswer = cpuSeconds(child.pid!);
  const check = new proto.CheckRequest()
    .setType("twilio-serverless:index:Service")
    .setUrn("urn:pulumi:s::p::twilio-serverless:index:Service::s")
    .setOlds(Struct.fromJavaScript({}))
    .setNews(Struct.fromJavaScript({ uniqueName: "bench" }));
  await new Promise((resolve, reject) => client.check(check, (e, r) => (e ? reject(e) : resolve(r))));
  const firstCheck = cpuSeconds(child.pid!);
  client.close();
  child.kill();
  return { firstAnswer, firstCheck };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await once());
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(
    `plugin start-up (median of ${runs}): ${median(samples.map((s) => s.firstAnswer)).toFixed(2)} s CPU to the first answer, ` +
      `${median(samples.map((s) => s.firstCheck)).toFixed(2)} s after the first Check`,
  );
}

void main();
