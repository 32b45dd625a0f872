import { registerBuilds } from "./builds";
import type { RouteTable } from "./context";
import { registerDeployments } from "./deployments";
import { registerEnvironments } from "./environments";
import { registerFiles } from "./files";
import { registerLogs } from "./logs";
import { registerServices } from "./services";
import { registerVariables } from "./variables";
import { registerVersions } from "./versions";

/** Every API route: the paths of Twilio's description plus the two version uploads. */
export function registerApi(routes: RouteTable): void {
  registerServices(routes);
  registerEnvironments(routes);
  registerFiles(routes);
  registerVersions(routes);
  registerBuilds(routes);
  registerDeployments(routes);
  registerVariables(routes);
  registerLogs(routes);
}
