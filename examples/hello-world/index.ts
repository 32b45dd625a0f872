import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp, type Runtime } from "pulumi-twilio-serverless";

const config = new pulumi.Config();

// Deploys ./functions and ./assets (the twilio-run layout) to one "dev" environment.
const app = new ServerlessApp("hello-world", {
  serviceName: config.get("serviceName") ?? "hello-world",
  directory: __dirname,
  runtime: config.get<Runtime>("runtime"), // unset: node22, Twilio's default
  environments: {
    dev: {
      domainSuffix: config.get("domainSuffix") ?? "dev",
      variables: { GREETING: config.get("greeting") ?? "Hello" },
    },
  },
});

export const serviceSid = app.serviceSid;
export const urls = app.environments;
export const helloUrl = pulumi.output(app.environments).apply((envs) => envs.dev.functionUrls["/hello"]);
