import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
// The plugin's resources (twilio-serverless:index:*), served by pulumi-resource-twilio-serverless.
import * as twilio from "pulumi-twilio-serverless/dist/native";

const config = new pulumi.Config();

const service = new twilio.Service("service", { uniqueName: config.require("serviceName") });
const dev = new twilio.Environment("dev", { serviceSid: service.sid, uniqueName: "dev", domainSuffix: "dev" });
const greeting = new twilio.Variable("greeting", {
  serviceSid: service.sid,
  environmentSid: dev.sid,
  key: "GREETING",
  value: config.requireSecret("greeting"),
});
const hello = new twilio.Function("hello", {
  serviceSid: service.sid,
  friendlyName: "/hello",
  path: "/hello",
  source: path.join(__dirname, "functions", "hello.js"),
});
const message = new twilio.Asset("message", {
  serviceSid: service.sid,
  friendlyName: "/message.txt",
  path: "/message.txt",
  source: path.join(__dirname, "assets", "message.txt"),
});
const build = new twilio.Build("build", {
  serviceSid: service.sid,
  functionVersions: [hello.latestVersionSid],
  assetVersions: [message.latestVersionSid],
});
const deployment = new twilio.Deployment(
  "dev",
  { serviceSid: service.sid, environmentSid: dev.sid, buildSid: build.sid },
  { dependsOn: [greeting] },
);

export const serviceSid = service.sid;
export const environmentSid = dev.sid;
export const domainName = dev.domainName;
export const buildSid = deployment.buildSid;
