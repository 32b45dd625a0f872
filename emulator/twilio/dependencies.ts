/**
 * A Build's npm packages, as Twilio installs them: `npm install` (install scripts off) of the exact
 * set, once per machine into `$TMPDIR/twilio-serverless-emulator-deps/<hash of the set>`, copied
 * into `<data-dir>/deps/<hash>` with a data directory. Each folder appears by an atomic rename once
 * complete, so Builds of one set (in this process or another) share it and never see half a tree.
 * With `dependenciesFrom`, packages come from that existing folder instead.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { cp, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { TWILIO_DEFAULT_DEPENDENCIES } from "./default-dependencies";
import type { Dependency } from "../store/records";

/**
 * Twilio's defaults that are not installed at Twilio's default version: the emulator's own
 * twilio (5.x) serves `require("twilio")` and the `Twilio` global; the emulator is the runtime,
 * so no @twilio/runtime-handler (its default version is not on npm); `fs` is npm's empty
 * security placeholder, and `require("fs")` is Node's built-in either way.
 */
const PROVIDED_BY_EMULATOR = new Set(["twilio", "@twilio/runtime-handler", "fs"]);

const TWILIO_DEPENDENCY_DOCS = "https://www.twilio.com/docs/serverless/functions-assets/functions/dependencies";
const INSTALL_TIMEOUT_MS = 5 * 60 * 1000;
const OFFLINE = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH/;

/** Where a Build's packages are, or why they could not be installed. */
export interface PreparedDependencies {
  nodeModules?: string;
  failure?: string;
}

/** Whether npm skips this entry: Twilio's default twilio, runtime-handler or fs (see above). */
function isProvidedByEmulator(dependency: Dependency): boolean {
  return PROVIDED_BY_EMULATOR.has(dependency.name) && isTwilioDefault(dependency);
}

function isTwilioDefault(dependency: Dependency): boolean {
  return TWILIO_DEFAULT_DEPENDENCIES.some(
    (twilios) => twilios.name === dependency.name && twilios.version === dependency.version,
  );
}

/** Why Twilio would refuse a version spec (not from the npm registry), or undefined. */
function refusedSpec(dependency: Dependency): string | undefined {
  const spec = dependency.version.trim();
  const notRegistry =
    /^(file:|link:|git[+:]|github:|gitlab:|bitbucket:|gist:|https?:|\.{0,2}\/|~\/)/.test(spec) ||
    /^[^@\s]+\/[^\s]+$/.test(spec);
  if (!notRegistry) return undefined;
  return (
    `dependency ${dependency.name}@${spec}: not a version from the npm registry; Twilio installs public npm packages only ` +
    `(${TWILIO_DEPENDENCY_DOCS}). Publish it to npm, or ship the code as a private Asset and require it through Runtime.getAssets()`
  );
}

/** Where npm installs each set once per machine (TWILIO_SERVERLESS_EMULATOR_DEPS_CACHE moves it); a data directory gets a copy. */
function machineRoot(): string {
  return process.env.TWILIO_SERVERLESS_EMULATOR_DEPS_CACHE || join(tmpdir(), "twilio-serverless-emulator-deps");
}

// Installs and copies in progress in this process, by target folder: Builds of one set share one.
const inFlight = new Map<string, Promise<PreparedDependencies>>();
// Sets of Twilio's defaults only that npm could not fetch (offline), so not retried per Build.
const defaultsOffline = new Set<string>();
let warnedOffline = false;

export class DependencyCache {
  /** `<dataDir>/deps`, or the machine-wide folder in memory mode. */
  readonly root: string;
  private readonly machine: string;

  constructor(
    dataDir: string | undefined,
    /** An existing node_modules (or a folder holding one) to resolve from instead of installing. */
    private readonly dependenciesFrom: string | undefined,
  ) {
    this.machine = machineRoot();
    this.root = dataDir ? join(dataDir, "deps") : this.machine;
  }

  /** The node_modules a Build with these dependencies runs with (it may not be installed yet). */
  nodeModulesFor(dependencies: Dependency[]): string {
    if (this.dependenciesFrom) return modulesFolder(this.dependenciesFrom);
    return join(this.root, setKey(toInstall(dependencies)), "node_modules");
  }

  /** Installs the set unless already there; resolves with its node_modules or why it failed. */
  async prepare(dependencies: Dependency[]): Promise<PreparedDependencies> {
    const refused = dependencies.map(refusedSpec).find((reason) => reason !== undefined);
    if (refused) return { failure: refused };
    if (this.dependenciesFrom) return this.fromExisting(dependencies);
    const set = toInstall(dependencies);
    const key = setKey(set);
    if (defaultsOffline.has(join(this.machine, key))) return {};
    const machine = () => placeOnce(join(this.machine, key), (scratch) => runNpmInstall(scratch, set));
    const prepared =
      this.root === this.machine
        ? await machine()
        : await placeOnce(join(this.root, key), async (scratch) => {
            const installed = await machine();
            if (installed.failure) return installed.failure;
            await cp(join(installed.nodeModules!, ".."), scratch, { recursive: true });
            return undefined;
          });
    // Offline with nothing declared but Twilio's defaults: run without them rather than fail every Build.
    if (prepared.failure && OFFLINE.test(prepared.failure) && set.every(isTwilioDefault)) {
      defaultsOffline.add(join(this.machine, key));
      if (!warnedOffline)
        console.error(
          `twilio-serverless-emulator: Twilio's default packages (${set.map((d) => d.name).join(", ")}) are not installed: ${prepared.failure}`,
        );
      warnedOffline = true;
      return {};
    }
    return prepared;
  }

  private fromExisting(dependencies: Dependency[]): PreparedDependencies {
    const nodeModules = modulesFolder(this.dependenciesFrom!);
    // Like `twilio-run start`: the folder's packages serve; Twilio's defaults are not required there.
    const declared = toInstall(dependencies).filter((dependency) => !isTwilioDefault(dependency));
    const missing = declared.find((dependency) => !existsSync(join(nodeModules, dependency.name, "package.json")));
    if (!missing) return { nodeModules };
    return {
      failure: `dependency ${missing.name}@${missing.version}: not found in ${nodeModules} (the emulator's --dependencies-from folder); install it there`,
    };
  }
}

/**
 * `<target>/node_modules` made by `fill` (which returns a failure, or undefined) in a scratch
 * folder beside it, renamed into place only when complete; done once however many ask at once.
 */
function placeOnce(
  target: string,
  fill: (scratch: string) => Promise<string | undefined>,
): Promise<PreparedDependencies> {
  const nodeModules = join(target, "node_modules");
  if (existsSync(nodeModules)) return Promise.resolve({ nodeModules });
  let placing = inFlight.get(target);
  if (!placing) {
    placing = place(target, fill)
      .catch((error: unknown): PreparedDependencies => ({
        failure: `dependencies could not be placed in ${target}: ${error instanceof Error ? error.message : String(error)}`,
      }))
      .finally(() => inFlight.delete(target));
    inFlight.set(target, placing);
  }
  return placing;
}

async function place(
  target: string,
  fill: (scratch: string) => Promise<string | undefined>,
): Promise<PreparedDependencies> {
  const nodeModules = join(target, "node_modules");
  const scratch = join(
    dirname(target),
    `.placing-${basename(target)}-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
  await mkdir(scratch, { recursive: true });
  try {
    const failure = await fill(scratch);
    if (failure) return { failure };
    await mkdir(join(scratch, "node_modules"), { recursive: true });
    // Another process may have finished the same set first: then its copy serves, ours goes.
    await rename(scratch, target).catch((error: NodeJS.ErrnoException) => {
      if (!existsSync(nodeModules)) throw error;
    });
    return { nodeModules };
  } finally {
    await rm(scratch, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** What npm installs: the set without what the emulator provides itself, in a stable order. */
function toInstall(dependencies: Dependency[]): Dependency[] {
  return dependencies
    .filter((dependency) => !isProvidedByEmulator(dependency))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function setKey(dependencies: Dependency[]): string {
  return createHash("sha256")
    .update(JSON.stringify(dependencies.map(({ name, version }) => [name, version])))
    .digest("hex")
    .slice(0, 32);
}

function modulesFolder(dir: string): string {
  return basename(dir) === "node_modules" ? dir : join(dir, "node_modules");
}

/** npm's own settings (registry, cache, proxy) carry over; those of an npm run around us (prefix, workspace) do not. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep =
    /^npm_config_(registry|cache|userconfig|globalconfig|proxy|https_proxy|noproxy|strict_ssl|cafile|ca|offline|prefer_offline|fetch_)/i;
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || keep.test(key)));
}

/** Runs npm install in `dir`; undefined on success, else a message naming the dependency and npm's words. */
async function runNpmInstall(dir: string, dependencies: Dependency[]): Promise<string | undefined> {
  const manifest = {
    name: "twilio-build",
    private: true,
    dependencies: Object.fromEntries(dependencies.map((dependency) => [dependency.name, dependency.version])),
  };
  await writeFile(join(dir, "package.json"), JSON.stringify(manifest, null, 2));
  const args = [
    "install",
    "--ignore-scripts",
    "--no-audit",
    "--no-fund",
    "--no-package-lock",
    "--no-update-notifier",
    "--loglevel=error",
  ];
  return new Promise((resolve) => {
    execFile(
      "npm",
      args,
      {
        cwd: dir,
        env: npmEnv(),
        timeout: INSTALL_TIMEOUT_MS,
        shell: process.platform === "win32",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, _stdout, stderr) => {
        if (!error) return resolve(undefined);
        const said = npmSaid(String(stderr) || error.message);
        const named = dependencies.find((dependency) => said.includes(dependency.name));
        const which = named
          ? `dependency ${named.name}@${named.version}`
          : `dependencies ${dependencies.map((d) => `${d.name}@${d.version}`).join(", ")}`;
        const offline = OFFLINE.test(said)
          ? ". The npm registry is out of reach: to run offline, start the emulator with --dependencies-from DIR (library: dependenciesFrom), DIR being a node_modules that holds these packages"
          : "";
        resolve(`${which} could not be installed: npm said: ${said}${offline}`);
      },
    );
  });
}

/** npm's error lines, without the log-file pointer: "npm error 404 Not Found - GET …". */
function npmSaid(stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(
      (line) =>
        line &&
        !/complete log of this run|Note that you can also install|tarball, folder, http url|In most cases you or one of|^npm error( 404)?\s*$/.test(
          line,
        ),
    );
  const errors = lines.filter((line) => /^npm (error|ERR!)/.test(line));
  return (errors.length ? errors : lines).slice(0, 4).join(" / ") || "npm install failed";
}
