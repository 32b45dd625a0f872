import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp } from "pulumi-twilio-serverless";

const config = new pulumi.Config();

// dev deploys this folder's build; stage deploys the build dev runs, prod the one stage runs.
// Each environment reads its variables from its own .env file (paths relative to directory).
const app = new ServerlessApp("multi-env", {
  serviceName: config.get("serviceName") ?? "multi-env",
  directory: __dirname,
  environments: {
    dev: { domainSuffix: "dev", envFile: ".env.dev" },
    stage: { domainSuffix: "stage", envFile: ".env.stage", build: "dev" },
    prod: { envFile: ".env.prod", build: "stage" }, // no suffix: the bare <service>-1234.twil.io
  },
});

export const serviceSid = app.serviceSid;
export const urls = app.environments;
