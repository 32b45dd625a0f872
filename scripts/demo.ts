/**
 * npm run demo: starts the emulator (state kept in .cache/demo), makes sure a Pulumi CLI is
 * there, runs `pulumi up` of examples/hello-world (the root Pulumi.yaml) on a local file
 * backend, then calls the deployed function and prints its answer and the URLs.
 * Re-running it works: the emulator and the stack keep their state between runs.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { startEmulator, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../emulator/index";

const repo = path.resolve(__dirname, "..");
const demoDir = path.join(repo, ".cache", "demo");
const stackName = "demo";
const serve = process.argv.includes("--serve");

async function main(): Promise<void> {
  const bin = execFileSync("bash", [path.join(repo, "scripts", "ensure-pulumi.sh")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] })
    .trim().split("\n").pop()!;
  fs.mkdirSync(path.join(demoDir, "state"), { recursive: true });
  const emulator = await startEmulator({ dataDir: path.join(demoDir, "emulator"), buildDelayMs: 500 });
  console.log(`emulator: listening on ${emulator.url}`);
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: path.join(repo, ".cache", "pulumi", "home"),
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    TWILIO_SERVERLESS_API_URL: emulator.url,
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
  };
  // spawnSync would block the emulator, which runs in this process: use async children.
  const pulumi = (args: string[], quiet = false) => run("pulumi", [...args, "--non-interactive"], env, quiet);
  try {
    await pulumi(["stack", "select", "--create", stackName], true);
    await pulumi(["up", "--yes", "--refresh", "--skip-preview"]);
    const outputs = JSON.parse(await pulumi(["stack", "output", "--json"], true));
    const dev = outputs.urls.dev;
    const answer = await getWithHost(`${emulator.url}/hello?name=Pulumi`, dev.domainName);
    console.log(`\nGET ${dev.functionUrls["/hello"]}?name=Pulumi → ${answer.status} ${answer.body}`);
    console.log(`\nDeployed to ${dev.baseUrl} (emulated):`);
    for (const [p, url] of Object.entries({ ...dev.functionUrls, ...dev.assetUrls })) console.log(`  ${p} → ${url}`);
    console.log(`Reach them through the emulator by Host header, or by path in a browser:`);
    console.log(`  curl -H 'Host: ${dev.domainName}' '${emulator.url}/hello?name=you'`);
    console.log(`  ${emulator.url}/_domains/${dev.domainName}/hello`);
    if (!serve) console.log(`(the emulator stops now; \`npm run demo -- --serve\` keeps it running)`);
  } catch (error) {
    await emulator.stop();
    throw error;
  }
  if (serve) {
    console.log("serving until Ctrl-C");
    const stop = () => emulator.stop().then(() => process.exit(0));
    process.once("SIGINT", stop).once("SIGTERM", stop);
  } else {
    await emulator.stop();
  }
}

/** What Twilio's edge does: route by Host. (fetch may not set Host, so plain http.) */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { host } }, (response) => {
      let body = "";
      response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    }).on("error", reject);
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk;
      if (!quiet) process.stdout.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited ${code}`))));
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
