import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp } from "pulumi-twilio-serverless";

// One program, one stack per environment: `pulumi up --stack dev` builds this folder and owns
// the Service; `pulumi up --stack prod` deploys only the Build last approved from dev
// (`npx pulumi-twilio-serverless promote --from dev --to prod`, recorded in Pulumi.prod.yaml).
const config = new pulumi.Config();
const environment = config.get("environment") ?? pulumi.getStack(); // "dev" or "prod"
if (environment !== "dev" && environment !== "prod") {
  throw new Error(`stack ${pulumi.getStack()}: set \`pulumi config set environment dev\` (or prod).`);
}

const app = new ServerlessApp("promotion", {
  serviceName: config.get("serviceName") ?? "promotion",
  directory: __dirname,
  ownsService: environment === "dev",
  environments:
    environment === "dev"
      ? { dev: { domainSuffix: "dev", variables: { APP_ENV: "dev" } } }
      : { prod: { build: { approved: "dev" }, variables: { APP_ENV: "prod" } } },
});

export const serviceSid = app.serviceSid;
export const url = app.environments.apply((environments) => environments[environment].baseUrl);
export const buildSid = app.environments.apply((environments) => environments[environment].buildSid);
