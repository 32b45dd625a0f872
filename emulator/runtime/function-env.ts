import { invocationScope } from "./invocation-scope";
import type { DeployedEnvironment } from "./types";

/**
 * ACCOUNT_SID and AUTH_TOKEN when the Service's include_credentials is on (Twilio's default):
 * Twilio adds them to `context` then, and the emulator to `process.env` likewise.
 */
export function credentialsOf(env: DeployedEnvironment): Record<string, string> {
  return env.includeCredentials === false ? {} : { ACCOUNT_SID: env.accountSid, AUTH_TOKEN: env.authToken };
}

/**
 * A fresh `process.env` for one invocation: the environment's Variables and the credentials the
 * Service includes, and nothing of the emulator's own environment (what else Twilio's
 * `process.env` holds is not documented: emulator/README.md, "What it does not do").
 */
export function functionEnv(env: DeployedEnvironment): Record<string, string> {
  return { ...env.variables, ...credentialsOf(env) };
}

/** The `process.env` of the invocation the current async context belongs to, if any. */
export function invocationEnv(): Record<string, string> | undefined {
  return invocationScope.getStore()?.env;
}

let routed = false;

/**
 * Makes the host's `process.env` answer with the invocation's environment inside an invocation,
 * so npm packages a function loads (Node's loader, the host's `process`) see the Variables and
 * not the emulator's variables (its HOME, its TWILIO_AUTH_TOKEN). Outside invocations (the
 * emulator, an embedding test) it is the real environment, unchanged. Installed once.
 */
export function routeProcessEnvToInvocations(): void {
  if (routed) return;
  routed = true;
  const real = process.env;
  const current = (): Record<string, string | undefined> => invocationEnv() ?? real;
  process.env = new Proxy(
    {},
    {
      get: (_target, key) => Reflect.get(current(), key),
      // As Node's process.env does: every value is stored as a string.
      set: (_target, key, value) => Reflect.set(current(), key, typeof key === "string" ? String(value) : value),
      has: (_target, key) => Reflect.has(current(), key),
      deleteProperty: (_target, key) => Reflect.deleteProperty(current(), key),
      ownKeys: () => Reflect.ownKeys(current()),
      getOwnPropertyDescriptor: (_target, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(current(), key);
        // A proxy may not report a property its target lacks as non-configurable.
        return descriptor && { ...descriptor, configurable: true };
      },
      defineProperty: (_target, key, descriptor) => Reflect.defineProperty(current(), key, descriptor),
    },
  );
}
