// Twilio Serverless (Functions and Assets): Services, Environments, Variables, Builds, Deployments.
package twilioserverless
