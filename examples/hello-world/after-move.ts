/**
 * This example's program after its stack moved from the dynamic resources to the provider
 * plugin (docs/plugin.md, "Moving a dynamic stack to the plugin"): `cp after-move.ts index.ts`
 * once `pulumi import --file` and `pulumi state delete` are done. The plugin's resources
 * (twilio-serverless:index:*), named as `import-file` names them, with the args ServerlessApp
 * gave its children, so `pulumi preview` shows no change. Tested by test/e2e/plugin-move.test.ts.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Runtime } from "pulumi-twilio-serverless";
import { declareFiles } from "pulumi-twilio-serverless/dist/app/files";
import { scanProject } from "pulumi-twilio-serverless/dist/app/scan";
import * as twilio from "pulumi-twilio-serverless/dist/native";

const config = new pulumi.Config();
const app = config.get("serviceName") ?? "hello-world";
const env = config.get("domainSuffix") ?? "dev";

const service = new twilio.Service(app, { uniqueName: app });
const serviceSid = service.sid;
// ServerlessApp's environment "dev": unique name "dev", import-file names it by its domain suffix.
const environment = new twilio.Environment(`${app}-${env}`, { serviceSid, uniqueName: "dev", domainSuffix: env });
const variable = new twilio.Variable(`${app}-${env}-GREETING`, {
  serviceSid,
  environmentSid: environment.sid,
  key: "GREETING",
  value: config.get("greeting") ?? "Hello",
});
const scan = scanProject(__dirname);
// A Function or Asset per file, named as ServerlessApp and import-file name them.
const files = declareFiles(app, scan, "per-file", serviceSid, undefined, twilio.NATIVE_KINDS);
const build = new twilio.Build(app, {
  serviceSid,
  functionVersions: files.functionVersions,
  assetVersions: files.assetVersions,
  dependencies: scan.dependencies,
  runtime: config.get<Runtime>("runtime"),
});
new twilio.Deployment(
  `${app}-${env}`,
  { serviceSid, environmentSid: environment.sid, buildSid: build.sid },
  { dependsOn: [variable] },
);

export { serviceSid };
export const helloUrl = pulumi.interpolate`https://${environment.domainName}/hello`;
