/**
 * The Pulumi programs the bench runs: `app` (ServerlessApp, one resource per file), `coarse`
 * (the same resources with the bench's FileSet prototype for the files) and `empty` (floor b),
 * as compiled JavaScript or as TypeScript that ts-node compiles at each run.
 */
import * as path from "node:path";

export type ProgramName = "app" | "coarse" | "empty";
export type ProgramKind = "js" | "ts";

const APP_BODY = `const config = new pulumi.Config();
const app = new ServerlessApp("bench", {
  serviceName: config.require("serviceName"),
  directory: config.require("projectDir"),
  environments: { dev: { domainSuffix: "dev", envFile: ".env" } },
});
`;

const APP = {
  ts: `import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp } from "pulumi-twilio-serverless";

${APP_BODY}export const serviceSid = app.serviceSid;
export const buildSid = app.buildSid;
`,
  js: `"use strict";
const pulumi = require("@pulumi/pulumi");
const { ServerlessApp } = require("pulumi-twilio-serverless");

${APP_BODY}exports.serviceSid = app.serviceSid;
exports.buildSid = app.buildSid;
`,
};

/** What ServerlessApp declares for one environment, with one FileSet in place of a resource per file. */
function coarseProgram(fileSetModule: string): string {
  return `"use strict";
const pulumi = require("@pulumi/pulumi");
const { Build, Deployment, Environment, Service, Variable } = require("pulumi-twilio-serverless");
const { scanProject } = require("pulumi-twilio-serverless/dist/app/scan");
const { readDotenvFile } = require("pulumi-twilio-serverless/dist/app/dotenv");
const { FileSet } = require(${JSON.stringify(fileSetModule)});

const config = new pulumi.Config();
const directory = config.require("projectDir");
const scan = scanProject(directory);
const service = new Service("bench", { uniqueName: config.require("serviceName") });
const serviceSid = service.sid;
const files = new FileSet("bench", {
  serviceSid,
  files: Object.fromEntries(scan.entries.map((e) => [e.path, { kind: e.kind, source: e.file, visibility: e.visibility }])),
});
const build = new Build("bench", { serviceSid, functionVersions: files.functionVersions, assetVersions: files.assetVersions, dependencies: scan.dependencies });
const environment = new Environment("bench-dev", { serviceSid, uniqueName: "dev", domainSuffix: "dev" });
const variables = Object.entries(readDotenvFile(".env", directory)).map(
  ([key, value]) => new Variable(\`bench-dev-\${key}\`, { serviceSid, environmentSid: environment.sid, key, value }),
);
new Deployment("bench-dev", { serviceSid, environmentSid: environment.sid, buildSid: build.sid }, { dependsOn: variables });
exports.serviceSid = serviceSid;
exports.buildSid = build.sid;
`;
}

const EMPTY = {
  ts: `import * as pulumi from "@pulumi/pulumi";\n\nexport const project = pulumi.getProject();\n`,
  js: `"use strict";\nconst pulumi = require("@pulumi/pulumi");\n\nexports.project = pulumi.getProject();\n`,
};

export function programSource(name: ProgramName, kind: ProgramKind): string {
  if (name === "coarse") {
    if (kind !== "js") throw new Error("the coarse prototype program exists as JavaScript only");
    // The compiled prototype (npm run bench compiles bench/ first).
    const compiledDir = __filename.endsWith(".ts") ? path.join(__dirname, "dist") : __dirname;
    return coarseProgram(path.join(compiledDir, "coarse", "file-set.js"));
  }
  return (name === "app" ? APP : EMPTY)[kind];
}
