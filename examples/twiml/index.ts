import * as pulumi from "@pulumi/pulumi";
import { ServerlessApp } from "pulumi-twilio-serverless";

const config = new pulumi.Config();

const app = new ServerlessApp("twiml", {
  serviceName: config.get("serviceName") ?? "twiml",
  directory: __dirname,
  environments: {
    dev: {
      domainSuffix: "dev",
      variables: { VOICE_GREETING: config.get("voiceGreeting") ?? "Hello from Pulumi and Twilio" },
    },
  },
});

const dev = pulumi.output(app.environments).apply((envs) => envs.dev);
export const serviceSid = app.serviceSid;
// Paste these into a phone number's "A call comes in" and "A message comes in" webhooks.
export const voiceWebhookUrl = dev.apply((env) => env.functionUrls["/voice"]);
export const smsWebhookUrl = dev.apply((env) => env.functionUrls["/sms"]);
