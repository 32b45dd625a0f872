import * as pulumi from "@pulumi/pulumi";
// The component as the plugin constructs it (twilio-serverless:index:ServerlessApp, children typed twilio-serverless:index:*).
import { ServerlessApp } from "pulumi-twilio-serverless/dist/native";

const config = new pulumi.Config();

// `ownsService: false`: a second stack of this program (one stack per environment) finds the
// Service the first one owns (a ServiceReference) and deploys only a gated review environment.
const ownsService = config.getBoolean("ownsService") ?? true;

const app = new ServerlessApp("app", {
  serviceName: config.require("serviceName"),
  directory: __dirname,
  ownsService,
  environments: ownsService
    ? {
        dev: { domainSuffix: "dev", variables: { GREETING: config.get("greeting") ?? "Hello" } },
        // Set prodBuild to a ZB… sid to hold prod; unset, prod runs the build dev runs.
        prod: { variables: { GREETING: "Hello" }, build: config.get("prodBuild") ?? "dev" },
        // With `gated: true`, a stage environment behind the promotion gate: it deploys only what
        // `npx pulumi-twilio-serverless promote --from dev --to stage` approved (docs/promotion.md).
        ...(config.getBoolean("gated") ? { stage: { domainSuffix: "stage", build: { approved: "dev" } } } : {}),
      }
    : { review: { domainSuffix: "review", build: { approved: "dev" } } },
});

export const serviceSid = app.serviceSid;
export const urls = app.environments;
