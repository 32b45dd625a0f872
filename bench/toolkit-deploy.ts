/**
 * Child script: one `deployProject` of Twilio's Toolkit client, as `twilio-run deploy` does it
 * (read the folder with the Toolkit's own scanner, then deploy), against the emulator.
 * Input (argv[2], JSON): ToolkitDeployInput. Output (last stdout line, JSON): ToolkitDeployResult.
 */
import { TwilioServerlessApiClient } from "@twilio-labs/serverless-api";
import { getListOfFunctionsAndAssets } from "@twilio-labs/serverless-api/dist/utils/fs";

export interface ToolkitDeployInput {
  apiUrl: string;
  accountSid: string;
  authToken: string;
  projectDir: string;
  serviceName: string;
  /** Set on a re-deploy (twilio-run keeps it in .twiliodeployinfo). */
  serviceSid?: string;
  variables: Record<string, string>;
}

export interface ToolkitDeployResult {
  serviceSid: string;
  environmentSid: string;
  buildSid: string;
}

async function main(input: ToolkitDeployInput): Promise<ToolkitDeployResult> {
  // The Toolkit has no base-URL option; every URL it builds comes from this one export.
  const apiClient = require("@twilio-labs/serverless-api/dist/api/utils/api-client") as { getApiUrl: unknown };
  apiClient.getApiUrl = (_config: unknown, _product: unknown, apiVersion = "v1") => `${input.apiUrl}/${apiVersion}`;
  const { functions, assets } = await getListOfFunctionsAndAssets(input.projectDir);
  const client = new TwilioServerlessApiClient({ username: input.accountSid, password: input.authToken });
  const result = await client.deployProject({
    username: input.accountSid,
    password: input.authToken,
    serviceName: input.serviceName,
    serviceSid: input.serviceSid,
    functionsEnv: "dev",
    env: input.variables,
    pkgJson: { dependencies: {} },
    runtime: "node22",
    overrideExistingService: true,
    functions,
    assets,
  });
  return { serviceSid: result.serviceSid, environmentSid: result.environmentSid, buildSid: result.buildSid };
}

main(JSON.parse(process.argv[2])).then(
  (result) => console.log(JSON.stringify(result)),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);
