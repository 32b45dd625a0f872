/**
 * What Function and Asset share (their operations): ../operations/serverless-file.ts, re-exported
 * from this path (resource files keep their paths).
 */
export { fileOperations, type ServerlessFileInputs, type ServerlessFileOutputs } from "../operations/serverless-file";
