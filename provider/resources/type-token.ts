/**
 * The Pulumi type of our dynamic resources, as written into every stack's state. Kept apart
 * from common.ts (which loads @pulumi/pulumi) so that tools reading a stack's resources
 * (the logs command) can recognise them without loading the SDK.
 */
export function dynamicResourceType(type: string): string {
  return `pulumi-nodejs:dynamic/twilio-serverless:${type}`;
}
