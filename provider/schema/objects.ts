/**
 * The component ServerlessApp and the object types of the schema (a FileSet's files, an app's
 * environments), declared once like the resources (resources.ts).
 */
import { FILE_KINDS, VISIBILITIES } from "../rules";
import type { FieldSpec, ObjectSpec } from "./fields";

const VISIBILITY = {
  type: "string",
  enum: VISIBILITIES,
  description: '"public" (default), "protected" or "private".',
  default: "public",
} as const satisfies FieldSpec;
const KIND = {
  type: "string",
  enum: FILE_KINDS,
  description: '"function" or "asset".',
  required: true,
} as const satisfies FieldSpec;

export const OBJECT_TYPES: Readonly<Record<string, ObjectSpec>> = {
  FileSetEntry: {
    description: "One file of a FileSet.",
    properties: {
      kind: KIND,
      source: {
        type: "string",
        description: "The file to upload; relative paths start at `directory` (else the working directory).",
        required: true,
      },
      visibility: VISIBILITY,
      contentType: {
        type: "string",
        description: "Assets only: the MIME type; default from the path's (or source's) extension.",
      },
    },
  },
  DeployedEntry: {
    description: "One file of a FileSet as deployed.",
    properties: {
      kind: KIND,
      source: { type: "string", description: "The file, relative to `directory` (or absolute).", required: true },
      visibility: { ...VISIBILITY, required: true },
      contentType: { type: "string", description: "Assets only." },
      contentHash: { type: "string", description: "sha256 (hex) of the content.", required: true },
      sid: { type: "string", description: "The Function or Asset (ZH…).", required: true },
      versionSid: {
        type: "string",
        description: 'The Version the Build takes (ZN…); "" when a refresh found none.',
        required: true,
      },
      path: { type: "string", description: "The served path of that Version.", required: true },
      versionCreated: { type: "string", description: "Twilio's date_created of the Version." },
      versionBuilt: { type: "boolean", description: "Whether a completed Build was seen holding the Version." },
    },
  },
  AppEnvironment: {
    description: "One environment of a ServerlessApp.",
    properties: {
      domainSuffix: {
        type: "string",
        description: "Domain suffix: `<service>-1234-<suffix>.twil.io`. Unset: the bare `<service>-1234.twil.io`.",
      },
      variables: {
        type: "stringMap",
        description: "Variables of this environment (held as secrets). They win over `envFile`.",
      },
      envFile: {
        type: { oneOf: ["string", "boolean"] },
        description:
          "A .env file (relative to `directory`), read as the Toolkit does. Unset: the folder's `.env` when there is one, as `twilio serverless:deploy` does; `false`: none.",
      },
      build: {
        type: { oneOf: ["string", { ref: "AppApproval" }] },
        description:
          'What this environment deploys. Unset: the app\'s build. The name of another environment: a mirror of the build that environment deploys, once it has (moves with it on every `up`). A Build sid (ZB…): that build (pin). `{ approved: "dev" }`: the Build last approved from dev with `npx pulumi-twilio-serverless promote` (stack config `twilio-serverless:approved`; nothing is deployed before the first approval).',
      },
    },
  },
  AppApproval: {
    description: "An environment's promotion gate: it deploys the Build last approved from another environment.",
    properties: {
      approved: {
        type: "string",
        description:
          "The environment whose Build `npx pulumi-twilio-serverless promote --from <it> --to <this>` approves.",
        required: true,
      },
    },
  },
  AppEnvironmentOutputs: {
    description: "What one environment of a ServerlessApp runs and serves.",
    properties: {
      sid: { type: "string", description: "The Environment (ZE…).", required: true },
      domainName: { type: "string", description: "Its domain.", required: true },
      baseUrl: { type: "string", description: "`https://<domainName>`", required: true },
      buildSid: { type: "string", description: "The Build the environment deploys.", required: true },
      functionUrls: {
        type: "stringMap",
        description: "URL of each public or protected function, keyed by path.",
        required: true,
      },
      assetUrls: {
        type: "stringMap",
        description: "URL of each public or protected asset, keyed by path.",
        required: true,
      },
    },
  },
};

/** The component: a twilio-run style folder deployed to environments of one Service. */
export const SERVERLESS_APP = {
  name: "ServerlessApp",
  description:
    "A whole Twilio Serverless project, from a twilio-run style folder (functions/, assets/), deployed to one or more Environments of one Service.",
  inputs: {
    serviceName: {
      type: "string",
      description: 'The Service\'s unique name (letters, digits and "-"; at most 50).',
      required: true,
    },
    friendlyName: { type: "string", description: "The Service's display name; defaults to serviceName." },
    directory: {
      type: "string",
      description: "The project folder: `functions/` or `src/`, `assets/` or `static/`.",
      required: true,
    },
    ignore: {
      type: "stringList",
      description: "Extra ignore patterns (`.DS_Store`, `.gitkeep`, `node_modules` … are always ignored).",
    },
    runtime: { type: "string", description: '"node20", "node22" (default) or "node24".' },
    dependencies: {
      type: "stringMap",
      description:
        "npm dependencies of the build; default: the folder's package.json `dependencies`, less @pulumi/* and this package.",
    },
    environments: {
      type: { ref: "AppEnvironment", map: true },
      description: "The environments, by unique name.",
      required: true,
    },
    adopt: {
      type: "boolean",
      description: "Take over an existing Service and Environments of these names instead of failing.",
    },
    ownsService: {
      type: "boolean",
      description:
        "Default true: this stack owns the Service (creates, updates, deletes it). false: another stack of the program owns it (one stack per environment); this one finds it by serviceName (a ServiceReference) and never changes or deletes it.",
    },
    includeCredentials: {
      type: "boolean",
      description: "Whether functions get ACCOUNT_SID/AUTH_TOKEN in their context.",
    },
    uiEditable: { type: "boolean", description: "Whether the Twilio Console may edit the Service." },
    buildTimeoutSeconds: {
      type: "integer",
      description: "How long a build may take before `pulumi up` fails. Default 300.",
    },
    fileResources: {
      type: "string",
      enum: ["per-file", "set", "auto"],
      description:
        '"per-file": a Function/Asset resource per file; "set": one FileSet for all files; "auto" (default): per-file up to 50 files, a set above.',
    },
  },
  outputs: {
    serviceSid: { type: "string", description: "The Service (ZS…)." },
    buildSid: { type: "string", description: 'The app\'s own Build ("" when every environment is pinned to another).' },
    environments: {
      type: { ref: "AppEnvironmentOutputs", map: true },
      description: "What each environment runs and serves, by name.",
    },
  },
} as const satisfies {
  name: string;
  description: string;
  inputs: Record<string, FieldSpec>;
  outputs: Record<string, FieldSpec>;
};
