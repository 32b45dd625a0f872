/**
 * A Service the Twilio Serverless Toolkit deployed from this folder (`twilio serverless:deploy`),
 * managed by Pulumi after (docs/import.md):
 *   npx pulumi-twilio-serverless import-file --service <name> --directory . --out import.json
 *   pulumi import --file import.json --generate-code=false
 * The provider plugin's resources (twilio-serverless:index:*), named as import-file names them,
 * each Function and Asset from this folder as the Toolkit (and ServerlessApp) reads it.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Runtime } from "pulumi-twilio-serverless";
import { readDotenvFile } from "pulumi-twilio-serverless/dist/app/dotenv";
import { scanProject } from "pulumi-twilio-serverless/dist/app/scan";
// The plugin's resources (twilio-serverless:index:*), served by pulumi-resource-twilio-serverless.
import * as twilio from "pulumi-twilio-serverless/dist/native";

const config = new pulumi.Config();
const app = config.require("serviceName");
/** The Toolkit's environment name: its domain suffix; the unique name is `<name>-environment`. */
const env = config.get("environment") ?? "dev";

const service = new twilio.Service(app, { uniqueName: app, friendlyName: app });
const serviceSid = service.sid;
const environment = new twilio.Environment(`${app}-${env}`, {
  serviceSid,
  uniqueName: `${env}-environment`,
  domainSuffix: env,
});
for (const [key, value] of Object.entries(readDotenvFile(".env", __dirname))) {
  new twilio.Variable(`${app}-${env}-${key}`, { serviceSid, environmentSid: environment.sid, key, value });
}
// Each file as the Toolkit (and ServerlessApp) reads this folder; the Toolkit names them by path.
const files = scanProject(__dirname).entries.map((entry) => {
  const args = {
    serviceSid,
    friendlyName: entry.path,
    path: entry.path,
    visibility: entry.visibility,
    source: entry.file,
  };
  const name = `${app}:${entry.resourceName}`;
  return entry.kind === "function" ? new twilio.Function(name, args) : new twilio.Asset(name, args);
});
const versions = (type: typeof twilio.Function | typeof twilio.Asset) =>
  files.filter((file) => file instanceof type).map((file) => file.latestVersionSid);
const build = new twilio.Build(app, {
  serviceSid,
  functionVersions: versions(twilio.Function),
  assetVersions: versions(twilio.Asset),
  // A runtime from config is checked by the Build (one of RUNTIMES).
  runtime: config.get<Runtime>("runtime") ?? "node22",
});
const deployment = new twilio.Deployment(`${app}-${env}`, {
  serviceSid,
  environmentSid: environment.sid,
  buildSid: build.sid,
});

export const url = pulumi.interpolate`https://${environment.domainName}`;
export const deploymentSid = deployment.deploymentSid;
