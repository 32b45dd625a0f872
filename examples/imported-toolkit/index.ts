/**
 * A Service the Twilio Serverless Toolkit deployed from this folder (`twilio serverless:deploy`),
 * managed by Pulumi after (README, "Import an existing Service"):
 *   npx pulumi-twilio-serverless import-file --service <name> --directory . --out import.json
 *   pulumi import --file import.json --generate-code=false
 * The provider plugin's resources (twilio-serverless:index:*), named as import-file names them,
 * each Function and Asset from this folder as the Toolkit (and ServerlessApp) reads it.
 */
import * as pulumi from "@pulumi/pulumi";
import { readDotenvFile } from "pulumi-twilio-serverless/dist/app/dotenv";
import { scanProject } from "pulumi-twilio-serverless/dist/app/scan";

const config = new pulumi.Config();
const app = config.require("serviceName");
/** The Toolkit's environment name: its domain suffix; the unique name is `<name>-environment`. */
const env = config.get("environment") ?? "dev";

class PluginResource extends pulumi.CustomResource {}

/** A resource of the plugin; `outputs` are the outputs the program reads. */
function twilio(type: string, name: string, inputs: pulumi.Inputs, outputs: string[] = ["sid"]) {
  const props = { ...inputs, ...Object.fromEntries(outputs.map((output) => [output, undefined])) };
  return new PluginResource(`twilio-serverless:index:${type}`, name, props) as PluginResource &
    Record<string, pulumi.Output<string>>;
}

const service = twilio("Service", app, {
  uniqueName: app,
  friendlyName: app,
  includeCredentials: true,
  uiEditable: false,
});
const serviceSid = service.sid;
const environment = twilio(
  "Environment",
  `${app}-${env}`,
  { serviceSid, uniqueName: `${env}-environment`, domainSuffix: env },
  ["sid", "domainName"],
);
for (const [key, value] of Object.entries(readDotenvFile(".env", __dirname))) {
  twilio("Variable", `${app}-${env}-${key}`, {
    serviceSid,
    environmentSid: environment.sid,
    key,
    value: pulumi.secret(value),
  });
}
const files = scanProject(__dirname).entries.map((entry) => ({
  kind: entry.kind,
  resource: twilio(
    entry.kind === "function" ? "Function" : "Asset",
    `${app}:${entry.resourceName}`,
    // The Toolkit names each Function and Asset after its path.
    { serviceSid, friendlyName: entry.path, path: entry.path, visibility: entry.visibility, source: entry.file },
    ["latestVersionSid"],
  ),
}));
const versions = (kind: string) => files.filter((f) => f.kind === kind).map((f) => f.resource.latestVersionSid);
const build = twilio("Build", app, {
  serviceSid,
  functionVersions: versions("function"),
  assetVersions: versions("asset"),
  dependencies: {},
  runtime: config.get("runtime") ?? "node22",
});
const deployment = twilio(
  "Deployment",
  `${app}-${env}`,
  {
    serviceSid,
    environmentSid: environment.sid,
    buildSid: build.sid,
  },
  ["deploymentSid"],
);

export const url = pulumi.interpolate`https://${environment.domainName}`;
export const deploymentSid = deployment.deploymentSid;
