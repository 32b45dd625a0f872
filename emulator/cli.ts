#!/usr/bin/env node
/**
 * twilio-serverless-emulator [--port N] [--host H] [--data-dir DIR] [--latency-ms N]
 *   [--fault-rate P] [--seed S] [--build-delay-ms N] [--dependencies-from DIR] [--pid-file FILE]
 * Prints one line, `listening on http://HOST:PORT`, and runs until SIGTERM or SIGINT.
 * `twilio-serverless-emulator sign …` prints an X-Twilio-Signature (runtime/sign.ts).
 */
import { rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { credentialsFromEnv } from "./credentials";
import { startEmulator } from "./index";
import type { EmulatorOptions } from "./options";
import { SIGN_USAGE, signCommand } from "./runtime/sign";

const NUMBER_FLAGS = {
  "--port": "port",
  "--latency-ms": "latencyMs",
  "--fault-rate": "faultRate",
  "--seed": "seed",
  "--build-delay-ms": "buildDelayMs",
} as const;
const STRING_FLAGS = {
  "--host": "host",
  "--data-dir": "dataDir",
  "--dependencies-from": "dependenciesFrom",
  "--pid-file": "pidFile",
} as const;

const USAGE =
  "usage: twilio-serverless-emulator [--port N] [--host H] [--data-dir DIR] [--latency-ms N] " +
  "[--fault-rate P] [--seed S] [--build-delay-ms N] [--dependencies-from DIR] [--pid-file FILE]\n" +
  SIGN_USAGE;

/** The bin's options: the emulator's, and where to write its process id once it listens (removed at stop). */
export function parseArgs(argv: string[]): EmulatorOptions & { pidFile?: string } {
  const options: Record<string, string | number> = {};
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      process.exit(0);
    }
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, undefined];
    const value = inline ?? argv[++index];
    if (flag in NUMBER_FLAGS) {
      const number = Number(value);
      if (value === undefined || value === "" || !Number.isFinite(number))
        throw new Error(`${flag} needs a number, got ${value}\n${USAGE}`);
      options[NUMBER_FLAGS[flag as keyof typeof NUMBER_FLAGS]] = number;
    } else if (flag in STRING_FLAGS) {
      if (!value) throw new Error(`${flag} needs a value\n${USAGE}`);
      options[STRING_FLAGS[flag as keyof typeof STRING_FLAGS]] = value;
    } else {
      throw new Error(`unknown argument ${arg}\n${USAGE}`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  if (process.argv[2] === "sign") {
    console.log(signCommand(process.argv.slice(3)));
    return;
  }
  const { pidFile, ...options } = parseArgs(process.argv.slice(2));
  // The bin, unlike startEmulator(), accepts TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN (and an API key) of its environment.
  const emulator = await startEmulator({ credentials: credentialsFromEnv(), ...options });
  const pidPath = pidFile && resolve(pidFile);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    emulator.stop().then(
      () => {
        // Gone once the port is free again.
        if (pidPath) rmSync(pidPath, { force: true });
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Before the pid file and the line: whoever reads either may send SIGTERM at once.
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  // Written once listening, so its presence also says the emulator is ready; `kill "$(cat FILE)"` stops it.
  if (pidPath) writeFileSync(pidPath, `${process.pid}\n`);
  console.log(`listening on ${emulator.url}`);
}

/** Runs the command line (bin/twilio-serverless-emulator.js, or `node dist/cli.js`). */
export function runCli(): void {
  main().catch((error: unknown) => {
    console.error(`twilio-serverless-emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}

if (require.main === module) runCli();
