/**
 * The Pulumi programs the bench runs: `app` (ServerlessApp; stack config `fileResources` picks
 * how it declares the files) and `empty` (floor b), as compiled JavaScript, as TypeScript
 * that ts-node compiles at each run, as Pulumi YAML (the plugin's ServerlessApp), or as TypeScript
 * on the Node.js SDK generated from the schema (`ts-sdk`: the plugin's ServerlessApp too).
 */
import { SDK_PACKAGE } from "./sdk";

export type ProgramName = "app" | "empty";
export type ProgramKind = "js" | "ts" | "ts-sdk" | "yaml";

/** `fileResources`: the expression that reads the setting (TypeScript needs it typed). */
const appBody = (fileResources: string) => `const config = new pulumi.Config();
const app = new ServerlessApp("bench", {
  serviceName: config.require("serviceName"),
  directory: config.require("projectDir"),
  environments: { dev: { domainSuffix: "dev", envFile: ".env" } },
  fileResources: ${fileResources},
});
`;

const APP = {
  ts: `import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp, type FileResources } from "pulumi-twilio-serverless";

${appBody('config.get("fileResources") as FileResources | undefined')}export const serviceSid = app.serviceSid;
export const buildSid = app.buildSid;
`,
  "ts-sdk": `import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp } from "${SDK_PACKAGE}";

${appBody('config.get("fileResources")')}export const serviceSid = app.serviceSid;
export const buildSid = app.buildSid;
`,
  js: `"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServerlessApp } = require("pulumi-twilio-serverless");

${appBody('config.get("fileResources")')}exports.serviceSid = app.serviceSid;
exports.buildSid = app.buildSid;
`,
};

/** YAML: Pulumi.yaml's body after its name and runtime; the component is the plugin's (construct). */
const APP_YAML = `config:
  serviceName: { type: string }
  projectDir: { type: string }
  fileResources: { type: string, default: auto }
resources:
  bench:
    type: twilio-serverless:index:ServerlessApp
    properties:
      serviceName: \${serviceName}
      directory: \${projectDir}
      environments:
        dev: { domainSuffix: dev, envFile: .env }
      fileResources: \${fileResources}
outputs:
  serviceSid: \${bench.serviceSid}
  buildSid: \${bench.buildSid}
`;

const EMPTY = {
  ts: `import * as pulumi from "@pulumi/pulumi";\n\nexport const project = pulumi.getProject();\n`,
  // The SDK loaded as the app's program loads it (its index; the component's module loads lazily).
  "ts-sdk": `import * as pulumi from "@pulumi/pulumi";\nimport * as twilio from "${SDK_PACKAGE}";\n\nexport const project = pulumi.getProject();\nexport const sdkExports = Object.keys(twilio).length;\n`,
  js: `"use strict";\nconst pulumi = require("@pulumi/pulumi");\n\nexports.project = pulumi.getProject();\n`,
  yaml: `outputs:\n  project: \${pulumi.project}\n`,
};

export function programSource(name: ProgramName, kind: ProgramKind): string {
  if (name === "app") return kind === "yaml" ? APP_YAML : APP[kind];
  return EMPTY[kind];
}
