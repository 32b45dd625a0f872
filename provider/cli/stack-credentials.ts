/**
 * The credentials and API URL a command takes from a stack's config: the dynamic path's
 * `twilio:*` keys, else the plugin's `twilio-serverless:*` (a stack on the plugin, or imported
 * into it, has those), read as the plugin's Configure reads them. The environment's TWILIO_*
 * variables come after both (client/config.ts).
 */
import { configureApiUrl, configureFromStack } from "../client/config";
import { PACKAGE_NAME } from "../schema/package";

export function useStackCredentials(config: Record<string, string | undefined>): void {
  const plugin = (field: string) => config[`${PACKAGE_NAME}:${field}`] || undefined;
  configureFromStack({ get: (key) => config[key] || plugin(key.slice(key.indexOf(":") + 1)) });
  const apiUrl = plugin("apiUrl");
  if (apiUrl) configureApiUrl(apiUrl, `${PACKAGE_NAME}:apiUrl`);
}
