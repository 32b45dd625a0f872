import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import { dirname, join, relative, resolve, isAbsolute, sep } from "node:path";
import vm from "node:vm";
import { EmulatorFault } from "./emulator-fault";
import { hostRequire, PACKAGES_FROM_EMULATOR } from "./host-modules";

/** The parameters Node wraps a CommonJS module body in. */
export const MODULE_WRAPPER_PARAMS = ["exports", "require", "module", "__filename", "__dirname"];

interface SandboxModule {
  id: string;
  filename: string;
  exports: unknown;
  loaded: boolean;
  children: SandboxModule[];
  paths: string[];
  require: (specifier: string) => unknown;
}

type SandboxRequire = ((specifier: string) => unknown) & { resolve: (specifier: string) => string };

/**
 * The CommonJS loader of one sandbox. Files of the build (functions, private assets) are compiled
 * once into the sandbox's context and cached, so they see its globals (`Runtime`, `Twilio`,
 * `console`). Built-in names are Node's built-ins (as in Node, they win over packages of the
 * same name, such as Twilio's default `fs` placeholder); other names come from the Build's own
 * node_modules only, loaded by Node's loader, never from the emulator's packages (but `twilio`).
 */
export class SandboxModules {
  private readonly cache = new Map<string, SandboxModule>();

  constructor(
    private readonly root: string,
    private readonly context: vm.Context,
    /** Contents of the build's files by local path, so loading never waits on the disk. */
    private readonly sources: Map<string, Buffer>,
    /** Twilio path of each local file, for error messages. */
    private readonly twilioPaths: Map<string, string>,
    /** The Build's installed packages, if it has any. */
    private readonly nodeModules: string | undefined,
  ) {}

  load(filename: string): unknown {
    const cached = this.cache.get(filename);
    if (cached) return cached.exports;
    const module: SandboxModule = {
      id: filename,
      filename,
      exports: {},
      loaded: false,
      children: [],
      paths: [],
      require: this.requireFrom(filename),
    };
    this.cache.set(filename, module);
    try {
      const source = (this.sources.get(filename) ?? readFileSync(filename)).toString("utf8");
      if (filename.endsWith(".json")) {
        module.exports = JSON.parse(source);
      } else {
        const body = vm.compileFunction(source, MODULE_WRAPPER_PARAMS, { filename, parsingContext: this.context });
        body.call(module.exports, module.exports, module.require, module, filename, dirname(filename));
      }
    } catch (error) {
      // As in Node: a module that failed to load is tried again next time.
      this.cache.delete(filename);
      throw error;
    }
    module.loaded = true;
    return module.exports;
  }

  /** A package as a function of the Build gets it from `require(name)`. */
  requirePackage(name: string): unknown {
    return hostRequire(this.resolvePackage(this.root, name));
  }

  private requireFrom(filename: string): SandboxRequire {
    const require = ((specifier: string) => {
      const target = this.resolveOrFault(filename, specifier);
      return this.isInBuild(target) ? this.load(target) : hostRequire(target);
    }) as SandboxRequire;
    require.resolve = (specifier: string) => this.resolveOrFault(filename, specifier);
    return require;
  }

  /** What the function may see: its own mistakes (a missing module, a bad name) as Node says them, else an EmulatorFault. */
  private resolveOrFault(from: string, specifier: string): string {
    try {
      return this.resolve(from, specifier);
    } catch (error) {
      const code = String((error as NodeJS.ErrnoException | null)?.code);
      // Not found, or a package's own package.json refusing the path: the function's or its package's doing.
      if (code === "MODULE_NOT_FOUND" || /^ERR_(INVALID_)?PACKAGE_/.test(code) || error instanceof UserError)
        throw error;
      throw new EmulatorFault(`resolving require('${String(specifier)}') from ${this.describe(from)}`, error);
    }
  }

  private resolve(from: string, specifier: string): string {
    if (typeof specifier !== "string" || specifier === "") {
      throw new UserError(`require() needs a module name or path, got ${String(specifier)}`);
    }
    if (isBuiltin(specifier)) return specifier;
    if (!isPathSpecifier(specifier)) return this.resolvePackage(from, specifier);
    const base = resolve(dirname(from), specifier);
    const found = [base, base + ".js", base + ".json", join(base, "index.js")].find((candidate) =>
      this.isFile(candidate),
    );
    if (found) return found;
    if (!this.isInBuild(base)) return hostRequire.resolve(base);
    throw moduleNotFound(`Cannot find module '${specifier}' required from ${this.describe(from)}`);
  }

  private resolvePackage(from: string, specifier: string): string {
    const name = packageName(specifier);
    const installed = this.nodeModules && join(this.nodeModules, name);
    // Resolved from inside the package, so Node's lookup stops at the Build's node_modules.
    if (installed && existsSync(installed)) return createRequire(join(installed, "package.json")).resolve(specifier);
    if (PACKAGES_FROM_EMULATOR.has(name)) return hostRequire.resolve(specifier);
    throw moduleNotFound(
      `Cannot find module '${specifier}' required from ${this.describe(from)}: functions get Node's built-in ` +
        `modules and the packages their Build declares. Add '${name}' to the Build's Dependencies ` +
        `(ServerlessApp: the dependencies of the folder's package.json) and deploy again.`,
    );
  }

  private isFile(candidate: string): boolean {
    if (this.sources.has(candidate)) return true;
    return existsSync(candidate) && statSync(candidate).isFile();
  }

  private isInBuild(path: string): boolean {
    if (!isAbsolute(path)) return false;
    const inside = relative(this.root, path);
    return inside !== "" && !inside.startsWith("..") && !inside.startsWith(sep) && !isAbsolute(inside);
  }

  private describe(filename: string): string {
    return this.twilioPaths.get(filename) ?? filename;
  }
}

/** "lodash" for "lodash/fp", "@twilio/runtime-handler" for "@twilio/runtime-handler/dev". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

function isPathSpecifier(specifier: string): boolean {
  return (
    specifier.startsWith("./") ||
    specifier.startsWith("../") ||
    specifier === "." ||
    specifier === ".." ||
    isAbsolute(specifier)
  );
}

/** A TypeError of the function's own making (as Node throws for require(42)). */
class UserError extends TypeError {}

function moduleNotFound(message: string): Error {
  return Object.assign(new Error(message), { code: "MODULE_NOT_FOUND" });
}
