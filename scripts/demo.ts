/**
 * npm run demo: starts the emulator (state kept in .cache/demo, or `--dir DIR`), makes sure a
 * Pulumi CLI is there, runs `pulumi up` of examples/hello-world (the root Pulumi.yaml) on a
 * local file backend, then calls the deployed function and prints its answer and the URLs
 * (`--serve`: and keeps the emulator running). Re-running it works: the emulator and the stack
 * keep their state. Nothing TWILIO_* or PULUMI_* of the caller's shell is used
 * (scripts/hermetic-env.ts); a failed Pulumi command ends with the engine's error.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as http from "http";
import * as path from "path";
import { startEmulator, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../emulator/index";
import { hermeticEnv } from "./hermetic-env";

const repo = path.resolve(__dirname, "..");
// --dir and --stack let a test run the demo beside the user's own (the stack's config file,
// Pulumi.<stack>.yaml, is written beside the root Pulumi.yaml).
const demoDir = path.resolve(flag("--dir") ?? path.join(repo, ".cache", "demo"));
const stackName = flag("--stack") ?? "demo";
const serve = process.argv.includes("--serve");

function flag(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  const bin = execFileSync("bash", [path.join(repo, "scripts", "ensure-pulumi.sh")], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    env: hermeticEnv(),
  })
    .trim()
    .split("\n")
    .pop()!;
  fs.mkdirSync(path.join(demoDir, "state"), { recursive: true });
  const emulator = await startEmulator({ dataDir: path.join(demoDir, "emulator"), buildDelayMs: 500 });
  console.log(`emulator: listening on ${emulator.url}`);
  // The emulator above accepts only its test pair; Pulumi gets the same pair and a file backend.
  const env = hermeticEnv(process.env, {
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    PULUMI_BACKEND_URL: `file://${path.join(demoDir, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_HOME: path.join(repo, ".cache", "pulumi", "home"),
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    TWILIO_SERVERLESS_API_URL: emulator.url,
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
  });
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
    for (const [p, url] of Object.entries<string>({ ...dev.functionUrls, ...dev.assetUrls }))
      console.log(`  ${p} → ${url}`);
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
    const stop = () => void emulator.stop().then(() => process.exit(0));
    process.once("SIGINT", stop).once("SIGTERM", stop);
  } else {
    await emulator.stop();
  }
}

/** What Twilio's edge does: route by Host. (fetch may not set Host, so plain http.) */
function getWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { host } }, (response) => {
        let body = "";
        response.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on("error", reject);
  });
}

/** Runs a command, echoing its output unless `quiet`; on failure rejects with its error lines. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, quiet: boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repo, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!quiet) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${command} ${args.join(" ")} exited ${code}${engineErrors(out + err)}`)),
    );
  });
}

/** The distinct `error:` lines of Pulumi's output (its Diagnostics), to repeat them last. */
function engineErrors(output: string): string {
  const lines = output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("error:") && line !== "error: update failed");
  return lines.length ? `:\n  ${[...new Set(lines)].join("\n  ")}` : "";
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
