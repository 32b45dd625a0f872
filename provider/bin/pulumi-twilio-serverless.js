#!/usr/bin/env node
// The package's bin. A committed file rather than dist/cli/main.js, so that npm links it when the
// workspace is installed (npm ci), before anything is built; it runs the compiled command line.
let cli;
try {
  cli = require("../dist/cli/main.js");
} catch (error) {
  if (error && error.code === "MODULE_NOT_FOUND" && /dist[\\/]cli[\\/]main\.js/.test(error.message)) {
    console.error("pulumi-twilio-serverless: not built yet; run `npm run build` in the repository first.");
    process.exit(1);
  }
  throw error;
}
cli.runCli();
