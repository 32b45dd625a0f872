/**
 * Every field of every resource, declared once: type, description, default, secret, and what a
 * change does. The dynamic classes (resources/*.ts), the plugin and the package schema
 * (package.ts) all read these; see fields.ts for what is derived.
 */
import { DEFAULT_RUNTIME, RUNTIMES, VISIBILITIES } from "../rules";
import type { FieldSpec, ResourceSpec } from "./fields";

const SERVICE_SID = {
  type: "string",
  description: "The Service (ZS…). Changing it replaces the resource.",
  required: true,
  change: "replace",
} as const satisfies FieldSpec;
const ENVIRONMENT_SID = {
  type: "string",
  description: "The Environment (ZE…). Changing it replaces the resource.",
  required: true,
  change: "replace",
} as const satisfies FieldSpec;
const ADOPT = {
  type: "boolean",
  description: "Take over an existing object of this uniqueName instead of failing (used by create only).",
  default: false,
  change: "none",
} as const satisfies FieldSpec;
const SID = { type: "string", description: "The sid Twilio assigned." } as const satisfies FieldSpec;

export const SERVICE = {
  name: "Service",
  description: "A Serverless Service: the container of environments, functions, assets and builds.",
  id: { sidPrefix: "ZS", parents: [], sidOutput: "sid" },
  inputs: {
    uniqueName: {
      type: "string",
      description:
        'Permanent name, part of every domain (letters, digits, "-"; at most 50). Changing it replaces the Service.',
      required: true,
      change: "replace",
    },
    friendlyName: { type: "string", description: "Display name; defaults to uniqueName.", derived: true },
    includeCredentials: {
      type: "boolean",
      description: "Whether functions get ACCOUNT_SID/AUTH_TOKEN in their context.",
      default: true,
    },
    uiEditable: { type: "boolean", description: "Whether the Twilio Console may edit the Service.", default: false },
    adopt: ADOPT,
  },
  outputs: {
    sid: SID,
    domainBase: {
      type: "string",
      description: 'e.g. "thanos-3432"; an environment\'s domain is "<domainBase>-<suffix>.twil.io".',
    },
  },
} as const satisfies ResourceSpec;

export const ENVIRONMENT = {
  name: "Environment",
  description: "An Environment of a Service (dev, stage, production…): a domain that runs one Build at a time.",
  id: { sidPrefix: "ZE", parents: ["serviceSid"], sidOutput: "sid" },
  inputs: {
    serviceSid: SERVICE_SID,
    uniqueName: {
      type: "string",
      description: 'e.g. "dev"; letters, digits, "_" and "-", at most 100. Changing it replaces the Environment.',
      required: true,
      change: "replace",
    },
    domainSuffix: {
      type: "string",
      description: 'Last part of the domain ("dev" → "<service>-1234-dev.twil.io"); at most 16. Changing it replaces.',
      change: "replace",
    },
    adopt: ADOPT,
  },
  outputs: {
    sid: SID,
    domainName: { type: "string", description: "The Environment's domain, e.g. thanos-3432-dev.twil.io." },
    url: { type: "string", description: '"https://<domainName>"' },
    buildSid: {
      type: "string",
      description:
        'The Build the Environment ran when this stack made or adopted it ("" for a new one). Not refreshed: deployments change it outside this resource. What runs now is the Deployment\'s `environmentBuildSid`.',
    },
  },
} as const satisfies ResourceSpec;

export const VARIABLE = {
  name: "Variable",
  description: "A Variable of an Environment, passed to its functions in `context`. The value is a secret.",
  id: { sidPrefix: "ZV", parents: ["serviceSid", "environmentSid"], sidOutput: "sid" },
  inputs: {
    serviceSid: SERVICE_SID,
    environmentSid: ENVIRONMENT_SID,
    key: {
      type: "string",
      description: 'Letters, digits, "_", "." and "-"; at most 128. A change updates in place.',
      required: true,
    },
    value: {
      type: "string",
      description: "At most 450 bytes. Stored as a secret. A change updates in place.",
      required: true,
      secret: true,
    },
  },
  outputs: { sid: SID },
} as const satisfies ResourceSpec;

const FILE_INPUTS = {
  serviceSid: SERVICE_SID,
  friendlyName: { type: "string", description: "Name shown in Twilio; a change only renames.", required: true },
  path: { type: "string", description: 'Served path, e.g. "/hello". A change uploads a new Version.', required: true },
  visibility: {
    type: "string",
    enum: VISIBILITIES,
    description: '"public" (default), "protected" or "private". A change uploads a new Version.',
    default: "public",
  },
  source: {
    type: "string",
    description: "A file to upload (give this or `content`). A change of its content uploads a new Version.",
  },
  content: { type: "string", description: "Inline content (give this or `source`). A change uploads a new Version." },
} as const satisfies Record<string, FieldSpec>;

const FILE_OUTPUTS = {
  sid: {
    type: "string",
    description: "The container (ZH…). Made again when Twilio's retention deleted it, so it may differ from the id.",
  },
  latestVersionSid: { type: "string", description: "The Version (ZN…) a Build takes." },
  contentHash: {
    type: "string",
    description:
      'sha256 (hex) of the uploaded content; for an Asset "unreadable:ZN…" after a refresh found a Version made elsewhere.',
    change: "update",
  },
  latestVersionCreated: {
    type: "string",
    description: "Twilio's date_created of latestVersionSid.",
    optional: true,
  },
  latestVersionBuilt: {
    type: "boolean",
    description:
      "Whether a completed Build was seen holding latestVersionSid (false until a refresh or an update sees one).",
    optional: true,
  },
} as const satisfies Record<string, FieldSpec>;

export const FUNCTION = {
  name: "Function",
  description: "A Function: JavaScript served at a path of every Environment whose Build holds one of its Versions.",
  id: { sidPrefix: "ZH", parents: ["serviceSid"], sidOutput: "sid" },
  inputs: FILE_INPUTS,
  outputs: FILE_OUTPUTS,
} as const satisfies ResourceSpec;

export const ASSET = {
  name: "Asset",
  description: "An Asset: a static file served at a path of every Environment whose Build holds one of its Versions.",
  id: { sidPrefix: "ZH", parents: ["serviceSid"], sidOutput: "sid" },
  inputs: {
    ...FILE_INPUTS,
    contentType: {
      type: "string",
      description:
        "MIME type of the content; default from the path's (or source's) extension. A change uploads a new Version.",
      derived: true,
    },
  },
  outputs: FILE_OUTPUTS,
} as const satisfies ResourceSpec;

export const BUILD = {
  name: "Build",
  description:
    "A Build: Function and Asset Versions, dependencies and a runtime packaged for deployment. Immutable in Twilio, so any change replaces it (the new one is made before the old one goes).",
  id: { sidPrefix: "ZB", parents: ["serviceSid"], sidOutput: "sid" },
  inputs: {
    serviceSid: SERVICE_SID,
    functionVersions: {
      type: "stringList",
      description: "ZN… sids (a Function's `latestVersionSid`). Order does not matter.",
      default: [],
      change: "replace",
    },
    assetVersions: {
      type: "stringList",
      description: "ZN… sids (an Asset's `latestVersionSid`). Order does not matter.",
      default: [],
      change: "replace",
    },
    dependencies: {
      type: "stringMap",
      description: "npm dependencies, name → version. Twilio's default dependencies need not be listed.",
      default: {},
      change: "replace",
    },
    runtime: {
      type: "string",
      enum: RUNTIMES,
      description: `The Node.js runtime (see docs/twilio-rules.md).`,
      default: DEFAULT_RUNTIME,
      change: "replace",
    },
    timeoutSeconds: {
      type: "integer",
      description:
        "How long create waits for Twilio to finish the Build. Not a Twilio property: changing it changes nothing.",
      default: 300,
      change: "none",
    },
  },
  outputs: {
    sid: SID,
    status: { type: "string", description: '"completed" once created.' },
  },
} as const satisfies ResourceSpec;

export const DEPLOYMENT = {
  name: "Deployment",
  description:
    "Which Build an Environment runs. Twilio's Deployments are immutable and cannot be deleted: a new buildSid deploys again (the id stays), and destroy supersedes the Build with an empty Deployment.",
  id: { sidPrefix: "ZD", parents: ["serviceSid", "environmentSid"], sidOutput: "deploymentSid" },
  inputs: {
    serviceSid: SERVICE_SID,
    environmentSid: {
      ...ENVIRONMENT_SID,
      description: "Changing it replaces the Deployment (the old Environment stops running the Build).",
    },
    buildSid: { type: "string", description: "The Build (ZB…) to run. Changing it deploys again.", required: true },
    deleteLeftBuilds: {
      type: "boolean",
      description:
        "For a Build no Build resource tracks (a pinned sid, an approved promotion): each Build this Deployment leaves (a new buildSid, a sid dropped from keepBuildSids, destroy) is deleted, unless an Environment of the Service still runs it. Unset: Build resources delete their own Builds.",
    },
    keepBuildSids: {
      type: "stringList",
      description: "Builds kept when left, e.g. the previously approved one, for a rollback.",
    },
  },
  outputs: {
    deploymentSid: { type: "string", description: "The latest ZD… Deployment this resource made." },
    environmentBuildSid: { type: "string", description: 'The Build the Environment runs now ("" when none).' },
  },
} as const satisfies ResourceSpec;

export const FILE_SET = {
  name: "FileSet",
  description:
    "The Functions and Assets of a project as one resource (cheaper per `pulumi up` than a resource per file; the preview still names each changed file).",
  inputs: {
    serviceSid: { ...SERVICE_SID, description: "Changing it replaces the set (every file is made again)." },
    files: {
      type: { ref: "FileSetEntry", map: true },
      description: 'Served path ("/hello", "/img/logo.png") → the file served there.',
      required: true,
      outputType: { ref: "DeployedEntry", map: true },
    },
    directory: {
      type: "string",
      description: "Where relative sources are; keeps absolute paths (which differ per machine) out of the state.",
    },
  },
  outputs: {
    functionVersions: {
      type: "stringList",
      description: "The Versions of the functions, for a Build (sorted by path).",
    },
    assetVersions: { type: "stringList", description: "The Versions of the assets, for a Build (sorted by path)." },
  },
} as const satisfies ResourceSpec;

export const SERVICE_REFERENCE = {
  name: "ServiceReference",
  description:
    "A Service another stack owns, found by its unique name (one stack per environment): never changes or deletes it.",
  id: { sidPrefix: "ZS", parents: [], sidOutput: "sid" },
  inputs: {
    uniqueName: {
      type: "string",
      description: "The unique name of the Service, as the owning stack declares it. Changing it looks again.",
      required: true,
      change: "replace",
    },
  },
  outputs: {
    sid: { type: "string", description: "The Service (ZS…) found." },
    domainBase: SERVICE.outputs.domainBase,
  },
} as const satisfies ResourceSpec;

/**
 * Internal: deletes the files a FileSet no longer holds once every Deployment moved on
 * (resources/file-cleanup.ts). Only ServerlessApp declares it, so the schema does not list it.
 */
export const FILE_CLEANUP = {
  name: "FileCleanup",
  description: "Deletes the Functions and Assets a FileSet no longer holds, after the deploys.",
  inputs: {
    serviceSid: SERVICE_SID,
    files: {
      type: "stringMap",
      description: 'The files in use now: served path → "function" or "asset".',
      required: true,
    },
  },
  outputs: {},
} as const satisfies ResourceSpec;

/** The custom resources, in the order the README and the schema list them. */
export const RESOURCES = [
  SERVICE,
  SERVICE_REFERENCE,
  ENVIRONMENT,
  VARIABLE,
  FUNCTION,
  ASSET,
  BUILD,
  DEPLOYMENT,
  FILE_SET,
] as const;
