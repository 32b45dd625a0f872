import type { Stats } from "../http/stats";
import type { ResolvedOptions } from "../options";
import type { Store } from "../store/store";
import type { BuildRunner } from "./builder";
import type { DependencyCache } from "./dependencies";
import type { Retention } from "./retention";

/** The emulator's state and machinery, one per running emulator: what API routes and domains reach. */
export interface EmulatorCore {
  options: ResolvedOptions;
  store: Store;
  stats: Stats;
  builds: BuildRunner;
  retention: Retention;
  dependencies: DependencyCache;
}
