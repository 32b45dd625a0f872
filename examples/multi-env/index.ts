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
    // No suffix: the bare <service>-1234.twil.io. To hold prod on a build while dev and stage
    // move on: `pulumi config set prodBuild ZB…`; `pulumi config rm prodBuild` promotes again.
    prod: { envFile: ".env.prod", build: config.get("prodBuild") ?? "stage" },
  },
  // Unset: a resource per file up to 50 files, one FileSet above. `pulumi config set fileResources set` forces the set.
  fileResources: config.get<"per-file" | "set" | "auto">("fileResources"),
});

export const serviceSid = app.serviceSid;
export const urls = app.environments;
