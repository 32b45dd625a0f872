/** pulumi-twilio-serverless: Pulumi dynamic resources for Twilio Serverless (Functions and Assets). */
export { Service, type ServiceArgs, type ServiceOutputs } from "./resources/service";
export {
  ServiceReference,
  type ServiceReferenceArgs,
  type ServiceReferenceOutputs,
} from "./resources/service-reference";
export { Environment, type EnvironmentArgs, type EnvironmentOutputs } from "./resources/environment";
export { Function, type FunctionArgs, type FunctionOutputs } from "./resources/function";
export { Asset, type AssetArgs, type AssetOutputs } from "./resources/asset";
export { Build, type BuildArgs, type BuildOutputs, TWILIO_DEFAULT_DEPENDENCIES } from "./resources/build";
export { Deployment, type DeploymentArgs, type DeploymentOutputs } from "./resources/deployment";
export { Variable, type VariableArgs, type VariableOutputs } from "./resources/variable";
export {
  FileSet,
  type FileSetArgs,
  type FileSetEntryArgs,
  type FileSetOutputs,
  type DeployedEntry,
} from "./resources/file-set";
export { FileCleanup, type FileCleanupArgs, type FileCleanupOutputs } from "./resources/file-cleanup";
export { TwilioApiError } from "./client/errors";
export { RUNTIMES, type Runtime } from "./rules";
export {
  ServerlessApp,
  type ServerlessAppArgs,
  type AppEnvironmentArgs,
  type AppEnvironmentOutputs,
  type FileResources,
  FILE_SET_THRESHOLD,
} from "./app/serverless-app";
export {
  readLogs,
  tailLogs,
  LogsInputError,
  LOG_LEVELS,
  DEFAULT_LOGS_WINDOW_MS,
  type LogEntry,
  type LogLevel,
  type ReadLogsOptions,
  type TailLogsOptions,
} from "./logs/read-logs";
