/**
 * `pulumi-resource-twilio-serverless`: the provider plugin's entry (bin/ runs it). The engine
 * starts it with its own address as the argument and reads the port it prints.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { serve } from "./server";

/** This package's version, which the plugin reports and writes into its schema. */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version: string;
  };
  return manifest.version;
}

export function main(): void {
  // The engine passes its address as the one argument that is not a flag.
  const engineAddress = process.argv.slice(2).find((arg) => !arg.startsWith("-"));
  serve(packageVersion(), engineAddress).catch((error: unknown) => {
    process.stderr.write(
      `pulumi-resource-twilio-serverless: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  });
}
