import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import vm from "node:vm";
import { invocationEnv } from "./function-env";
import type { TwilioPackage } from "./host-modules";
import { createFunctionConsole, invocationScope } from "./invocation-scope";
import { SandboxModules } from "./sandbox-modules";
import { TwilioResponse } from "./twilio-response";
import type { DeployedEnvironment, DeployedFile } from "./types";

type Handler = (context: unknown, event: unknown, callback: unknown) => unknown;

interface LocalFile {
  file: DeployedFile;
  /** Where the sandbox wrote it: handlers/ZN….js for a function, files/ZN… for an asset. */
  local: string;
}

const GUARDED_CALL = Symbol.for("twilio-serverless-emulator.guardedCall");
// One script for every sandbox: it only calls back into the host, but running it with a
// `timeout` lets V8 stop a function stuck in a synchronous loop.
const guardedCallScript = new vm.Script("globalThis[Symbol.for('twilio-serverless-emulator.guardedCall')]()");

// Host globals functions use that a fresh vm context lacks (it has only the language built-ins).
const SHARED_GLOBALS = [
  "Buffer",
  "URL",
  "URLSearchParams",
  "TextEncoder",
  "TextDecoder",
  "AbortController",
  "AbortSignal",
  "Event",
  "EventTarget",
  "MessageChannel",
  "MessagePort",
  "MessageEvent",
  "BroadcastChannel",
  "Blob",
  "performance",
  "fetch",
  "Headers",
  "Request",
  "FormData",
  "structuredClone",
  "atob",
  "btoa",
  "crypto",
  "clearTimeout",
  "clearInterval",
  "clearImmediate",
];

/**
 * One deployment of one environment as Twilio would run it in its own container: a vm context
 * with its own globals (`Twilio`, `Runtime`, `console`, `process.env`), the build's functions and
 * private assets written to a directory of their own, and a module cache, so two environments
 * never see each other's globals or module state.
 */
export class FunctionSandbox {
  private readonly context: vm.Context;
  private readonly modules: SandboxModules;
  /** The `twilio` package functions get: `Twilio`, `require("twilio")`, `context.getTwilioClient()`. */
  readonly twilio: TwilioPackage;
  private pendingCall: (() => unknown) | undefined;
  private active = 0;
  private retired = false;

  constructor(
    private readonly dir: string,
    /** The build's functions and private assets, by version sid, with where each is written. */
    private readonly localFiles: Map<string, LocalFile>,
    sources: Map<string, Buffer>,
    nodeModules: string | undefined,
  ) {
    const globals = this.createGlobals();
    this.context = vm.createContext(globals, { name: dir });
    globals.global = vm.runInContext("globalThis", this.context);
    const twilioPaths = new Map([...localFiles.values()].map(({ file, local }) => [local, file.path]));
    this.modules = new SandboxModules(dir, this.context, sources, twilioPaths, nodeModules);
    // As Twilio's runtime: the `twilio` the Build installed when it declares one, else the default.
    this.twilio = this.modules.requirePackage("twilio") as TwilioPackage;
    globals.Twilio = createTwilioGlobal(this.twilio);
  }

  /** The `handler` export of a function, loaded (and cached) in this sandbox. */
  handlerOf(file: DeployedFile): Handler {
    const local = this.localFiles.get(file.versionSid)?.local;
    if (!local) throw new Error(`${file.path} is not a function of this build`);
    const exported = this.modules.load(local) as { handler?: unknown } | undefined;
    if (typeof exported?.handler !== "function") {
      throw new Error(`Could not find a "handler" function in ${file.path}: export one as exports.handler`);
    }
    return exported.handler as Handler;
  }

  /** Runs `call` in this sandbox; V8 stops it (ERR_SCRIPT_EXECUTION_TIMEOUT) past `timeoutMs` of synchronous work. */
  runGuarded<T>(call: () => T, timeoutMs: number): T {
    this.pendingCall = call;
    // displayErrors off: Node would otherwise prefix a thrown error's stack with the emulator's source line.
    return guardedCallScript.runInContext(this.context, {
      timeout: Math.max(1, Math.floor(timeoutMs)),
      displayErrors: false,
    }) as T;
  }

  enter(): void {
    this.active++;
  }

  leave(): void {
    this.active--;
    if (this.retired && this.active === 0) void this.removeFiles();
  }

  /** Replaced by a newer deployment: remove its files once no invocation uses them. */
  async retire(): Promise<void> {
    this.retired = true;
    if (this.active === 0) await this.removeFiles();
  }

  private async removeFiles(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true }).catch(() => undefined);
  }

  private createGlobals(): Record<string | symbol, unknown> {
    const globals: Record<string | symbol, unknown> = {};
    const host = globalThis as unknown as Record<string, unknown>;
    for (const name of SHARED_GLOBALS) if (host[name] !== undefined) globals[name] = host[name];
    globals.setTimeout = (fn: unknown, ...rest: unknown[]) => setTimeout(guardCallback(fn), ...(rest as [number]));
    globals.setInterval = (fn: unknown, ...rest: unknown[]) => setInterval(guardCallback(fn), ...(rest as [number]));
    globals.setImmediate = (fn: unknown, ...rest: unknown[]) => setImmediate(guardCallback(fn), ...rest);
    globals.queueMicrotask = (fn: unknown) => queueMicrotask(guardCallback(fn));
    globals.process = Object.create(process, {
      // The invocation's own environment, never the emulator's (function-env.ts).
      env: { get: () => invocationEnv() ?? {}, enumerable: true },
      nextTick: { value: (fn: unknown, ...args: unknown[]) => process.nextTick(guardCallback(fn), ...args) },
    });
    globals.console = createFunctionConsole();
    // Twilio's runtime also exposes its Response as a bare global.
    globals.Response = TwilioResponse;
    globals.Runtime = this.createRuntime();
    Object.defineProperty(globals, GUARDED_CALL, {
      value: () => {
        const call = this.pendingCall;
        this.pendingCall = undefined;
        return call?.();
      },
    });
    return globals;
  }

  private createRuntime() {
    const entries = [...this.localFiles.values()].map(({ file, local }) => [file, local] as const);
    return {
      /** Every function of the build, keyed by its path without the leading "/". */
      getFunctions: () =>
        Object.fromEntries(
          entries.filter(([file]) => file.kind === "function").map(([file, path]) => [file.path.slice(1), { path }]),
        ),
      /** Private assets only, as on Twilio; public and protected ones are reached by URL. */
      getAssets: () =>
        Object.fromEntries(
          entries
            .filter(([file]) => file.kind === "asset")
            .map(([file, path]) => [file.path, { path, open: () => readFileSync(path, "utf8") }]),
        ),
      getSync: () => {
        throw new Error("Runtime.getSync() is not emulated: Twilio Sync is not available in the local emulator");
      },
    };
  }
}

/** Writes the build's functions and private assets under `root` and opens a sandbox on them. */
export async function createSandbox(env: DeployedEnvironment, root: string): Promise<FunctionSandbox> {
  const dir = await mkdtemp(join(root, `${env.environmentSid}-`));
  await Promise.all([mkdir(join(dir, "handlers")), mkdir(join(dir, "files"))]);
  // Twilio's layout: /var/task/handlers/ZN….js and /var/task/files/ZN….
  const localFiles = new Map<string, LocalFile>();
  for (const file of env.files) {
    if (file.kind === "function")
      localFiles.set(file.versionSid, { file, local: join(dir, "handlers", `${file.versionSid}.js`) });
    else if (file.visibility === "private")
      localFiles.set(file.versionSid, { file, local: join(dir, "files", file.versionSid) });
  }
  // Function sources stay in memory too, for loading; private assets (up to 10 MB each) only on disk.
  const sources = new Map<string, Buffer>();
  await Promise.all(
    [...localFiles.values()].map(async ({ file, local }) => {
      const content = await file.readContent();
      if (file.kind === "function") sources.set(local, content);
      await writeFile(local, content);
    }),
  );
  return new FunctionSandbox(dir, localFiles, sources, env.nodeModules);
}

/** A per-sandbox `Twilio`: the twilio package (callable, as its export is) plus `Twilio.Response`. */
function createTwilioGlobal(twilio: TwilioPackage): unknown {
  const callable = (...args: Parameters<typeof twilio>) => twilio(...args);
  // Inherited, not copied: twilio 3 defines its members as lazy, non-enumerable getters. Own
  // `twiml` and `Response`, so what one sandbox adds never reaches the package or another sandbox.
  Object.setPrototypeOf(callable, twilio);
  return Object.defineProperties(callable, {
    twiml: { value: Object.create(twilio.twiml as object), writable: true, enumerable: true, configurable: true },
    Response: { value: TwilioResponse, writable: true, enumerable: true, configurable: true },
  });
}

type Callback = (...args: unknown[]) => void;

/** Errors thrown from a function's timers end that function's invocation instead of the emulator. */
function guardCallback(fn: unknown): Callback {
  // Not a function: hand it on, so Node throws its usual ERR_INVALID_ARG_TYPE to the caller.
  if (typeof fn !== "function") return fn as Callback;
  return function (this: unknown, ...args: unknown[]) {
    try {
      fn.apply(this, args);
    } catch (error) {
      const scope = invocationScope.getStore();
      if (!scope) throw error;
      scope.fail(error);
    }
  };
}
