/**
 * The package schema of `twilio-serverless` (Pulumi's schema JSON: what the plugin's GetSchema
 * serves and what `pulumi package gen-sdk` reads), made from the declarations in resources.ts
 * and objects.ts.
 */
import { importIdOf, type FieldSpec, type FieldType, type ObjectSpec } from "./fields";
import { OBJECT_TYPES, SERVERLESS_APP } from "./objects";
import { RESOURCES } from "./resources";

export const PACKAGE_NAME = "twilio-serverless";
export const tokenOf = (name: string): string => `${PACKAGE_NAME}:index:${name}`;

/** Provider configuration (`twilio-serverless:<key>`); the TWILIO_* variables when unset. */
export const PROVIDER_CONFIG: Readonly<Record<string, FieldSpec>> = {
  accountSid: { type: "string", description: "The account (AC…). Default: TWILIO_ACCOUNT_SID." },
  authToken: { type: "string", description: "The account's auth token. Default: TWILIO_AUTH_TOKEN.", secret: true },
  apiKey: { type: "string", description: "An API key (SK…), used with apiSecret. Default: TWILIO_API_KEY." },
  apiSecret: { type: "string", description: "The API key's secret. Default: TWILIO_API_SECRET.", secret: true },
  apiUrl: {
    type: "string",
    description:
      "Origin of the Serverless API, e.g. a local emulator's http://127.0.0.1:4010. Default: TWILIO_SERVERLESS_API_URL, else Twilio's.",
  },
};

type Json = Record<string, unknown>;

function typeJson(type: FieldType): Json {
  if (typeof type === "object" && "oneOf" in type) return { oneOf: type.oneOf.map(typeJson) };
  if (typeof type === "object") {
    const ref = { $ref: `#/types/${tokenOf(type.ref)}` };
    return type.map ? { type: "object", additionalProperties: ref } : ref;
  }
  switch (type) {
    case "stringList":
      return { type: "array", items: { type: "string" } };
    case "stringMap":
      return { type: "object", additionalProperties: { type: "string" } };
    default:
      return { type };
  }
}

function propertyJson(field: FieldSpec, type: FieldType = field.type, asInput = false): Json {
  const json: Json = { ...typeJson(type), description: field.description };
  if (field.enum) json.description = `${field.description} One of: ${field.enum.join(", ")}.`;
  if (asInput && field.default !== undefined && typeof field.default !== "object") json.default = field.default;
  if (field.secret) json.secret = true;
  if (asInput && field.change === "replace") json.replaceOnChanges = true;
  return json;
}

function propertiesJson(fields: Readonly<Record<string, FieldSpec>>, asInput: boolean): Json {
  return Object.fromEntries(
    Object.entries(fields).map(([name, field]) => [name, propertyJson(field, field.type, asInput)]),
  );
}

function outputsJson(inputs: Readonly<Record<string, FieldSpec>>, outputs: Readonly<Record<string, FieldSpec>>): Json {
  const echoed = Object.entries(inputs).map(([name, field]) => [
    name,
    propertyJson(field, field.outputType ?? field.type),
  ]);
  return { ...Object.fromEntries(echoed), ...propertiesJson(outputs, false) };
}

function required(fields: Readonly<Record<string, FieldSpec>>, also: (field: FieldSpec) => boolean = () => false) {
  return Object.entries(fields)
    .filter(([, field]) => field.required || also(field))
    .map(([name]) => name);
}

function objectJson(spec: ObjectSpec): Json {
  return {
    type: "object",
    description: spec.description,
    properties: propertiesJson(spec.properties, true),
    required: required(spec.properties),
  };
}

/** The whole schema, as GetSchema serves it. */
export function packageSchema(version: string): Json {
  const resources: Json = {};
  for (const spec of RESOURCES) {
    const filled = (field: FieldSpec) => field.default !== undefined || field.derived === true;
    resources[tokenOf(spec.name)] = {
      description: importIdOf(spec)
        ? `${spec.description}\n\nImport id: \`${importIdOf(spec)}\`.`
        : `${spec.description}\n\nNot importable.`,
      inputProperties: propertiesJson(spec.inputs, true),
      requiredInputs: required(spec.inputs),
      properties: outputsJson(spec.inputs, spec.outputs),
      required: [...required(spec.inputs, filled), ...required(spec.outputs, (field) => !field.optional)],
    };
  }
  resources[tokenOf(SERVERLESS_APP.name)] = {
    isComponent: true,
    description: SERVERLESS_APP.description,
    inputProperties: propertiesJson(SERVERLESS_APP.inputs, true),
    requiredInputs: required(SERVERLESS_APP.inputs),
    properties: propertiesJson(SERVERLESS_APP.outputs, false),
    required: Object.keys(SERVERLESS_APP.outputs),
  };
  const types = Object.fromEntries(
    Object.entries(OBJECT_TYPES).map(([name, spec]) => [tokenOf(name), objectJson(spec)]),
  );
  const config = propertiesJson(PROVIDER_CONFIG, true);
  return {
    name: PACKAGE_NAME,
    displayName: "Twilio Serverless",
    version,
    description: "Twilio Serverless (Functions and Assets): Services, Environments, Variables, Builds, Deployments.",
    keywords: ["pulumi", "twilio", "serverless", "category/cloud", "kind/native"],
    license: "MIT",
    repository: "https://github.com/pulumi-twilio-serverless/pulumi-twilio-serverless",
    config: { variables: config },
    provider: { description: "The twilio-serverless provider: credentials and API endpoint.", inputProperties: config },
    resources,
    types,
    language: {
      nodejs: { packageName: "@pulumi-twilio-serverless/sdk", dependencies: { "@pulumi/pulumi": "^3.139.0" } },
      go: { importBasePath: "github.com/pulumi-twilio-serverless/pulumi-twilio-serverless/sdk/go/twilioserverless" },
      python: { packageName: "pulumi_twilio_serverless" },
      csharp: { rootNamespace: "PulumiTwilioServerless" },
    },
  };
}
