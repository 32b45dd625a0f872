/**
 * The parts of @pulumi/pulumi that our classes and the ServerlessApp component run with, from
 * the SDK's own modules rather than its index: the index also loads TypeScript, the automation
 * API and the closure serializer, ~1 s of CPU where these take ~0.2 s. A program loads the index
 * anyway; the plugin's Construct does not need it (docs/plugin.md). Types only: import type
 * from "@pulumi/pulumi" as usual.
 */
export * from "@pulumi/pulumi/resource";
export * from "@pulumi/pulumi/output";
export { ResourceError } from "@pulumi/pulumi/errors";
export { Config } from "@pulumi/pulumi/config";
export * as log from "@pulumi/pulumi/log";
