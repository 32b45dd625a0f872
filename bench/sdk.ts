/**
 * The Node.js SDK that `pulumi package gen-sdk` generated from the schema (sdk/nodejs), built as
 * a Pulumi provider's npm package is: compiled by tsc into `bin/`, with the package.json's
 * `${VERSION}` replaced by the plugin's version (the SDK asks the engine for that plugin version).
 * Built once into .cache/bench-sdk and reused while sdk/nodejs and the version stay the same.
 */
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export const SDK_PACKAGE = "@pulumi-twilio-serverless/sdk";

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** The folder of the built package (what `npm install` of the published SDK would hold). */
export function builtNodeSdk(repo: string): string {
  const source = path.join(repo, "sdk", "nodejs");
  const version = (
    JSON.parse(fs.readFileSync(path.join(repo, "provider", "package.json"), "utf8")) as { version: string }
  ).version;
  const hash = createHash("sha256").update(version);
  for (const file of filesUnder(source)) hash.update(path.relative(source, file)).update(fs.readFileSync(file));
  const stamp = hash.digest("hex").slice(0, 16);
  const root = path.join(repo, ".cache", "bench-sdk");
  const built = path.join(root, "nodejs", "bin");
  const stampFile = path.join(root, ".stamp");
  if (
    fs.existsSync(path.join(built, "package.json")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === stamp
  )
    return built;
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  fs.cpSync(source, path.join(root, "nodejs"), { recursive: true });
  // Inside the repo, so the SDK's `@pulumi/pulumi` resolves to the root one, as the program's does.
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(root, "nodejs")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  const manifest = fs.readFileSync(path.join(source, "package.json"), "utf8").replaceAll("${VERSION}", version);
  fs.writeFileSync(path.join(built, "package.json"), manifest);
  fs.writeFileSync(stampFile, stamp);
  return built;
}
