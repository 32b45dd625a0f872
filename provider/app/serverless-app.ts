/**
 * ServerlessApp: a whole Twilio Serverless project, from a twilio-run style folder, deployed to
 * one or more Environments of one Service. Its files as one resource per file (named after its
 * path, so a rename shows in preview) or, for large projects, one FileSet (see files.ts); one
 * Build shared by every environment that deploys it, one Deployment and one Variable per key
 * per environment.
 */
import * as path from "path";
import * as pulumi from "../sdk";
import type { Runtime } from "../rules";
import type { ServiceReference } from "../resources/service-reference";
import { APPROVAL_KEY, APPROVAL_NAMESPACE, approvalOf, type Approval } from "./approval";
import { buildSizeProblems, fileSizeProblems, runtimeAndDependencyProblems, serviceNameProblems } from "./checks";
import type { Deployment } from "../resources/deployment";
import type { Service } from "../resources/service";
import { DYNAMIC_KINDS, type ResourceKinds } from "./kinds";
import { declareFiles, resolveFileResources, type FileResources } from "./files";
import { planEnvironments, servedUrls } from "./plan";
import { describeProblems, gather } from "./problems";
import { scanProject } from "./scan";
import { environmentVariables } from "./variables";

export { FILE_SET_THRESHOLD, type FileResources } from "./files";

export interface AppEnvironmentArgs {
  /** Domain suffix: `<service>-1234-<suffix>.twil.io`. Unset: the bare `<service>-1234.twil.io`. */
  domainSuffix?: string;
  /** Variables of this environment (held as secrets). They win over `envFile`. */
  variables?: Record<string, pulumi.Input<string>>;
  /**
   * A .env file (relative to `directory`), read as the Toolkit does. Unset: the folder's `.env`
   * when there is one, as `twilio serverless:deploy` does; `false`: none.
   */
  envFile?: string | false;
  /**
   * What this environment deploys. Unset: this app's build. The name of another environment:
   * a mirror of the build that environment deploys, once it has (moves with it on every `up`).
   * A Build sid (`ZB…`): that build, whatever the app builds (pin). `{ approved: "dev" }`: the
   * Build last approved from dev with `npx pulumi-twilio-serverless promote` (stack config
   * `twilio-serverless:approved`; nothing is deployed before the first approval).
   */
  build?: string | { approved: string };
}

export interface ServerlessAppArgs {
  /** The Service's unique name (letters, digits and "-"; at most 50). */
  serviceName: string;
  friendlyName?: pulumi.Input<string>;
  /** The project folder: `functions/` or `src/`, `assets/` or `static/`. */
  directory: string;
  /** Extra ignore patterns (`.DS_Store`, `.gitkeep`, `node_modules` … are always ignored). */
  ignore?: string[];
  /** "node20", "node22" (default) or "node24" (RUNTIMES in rules.ts). */
  runtime?: pulumi.Input<Runtime>;
  /** npm dependencies of the build; default: the folder's package.json `dependencies`, less @pulumi/* and this package. */
  dependencies?: Record<string, string>;
  environments: Record<string, AppEnvironmentArgs>;
  /** Take over an existing Service and Environments of these names instead of failing. */
  adopt?: boolean;
  /**
   * Default true: this stack owns the Service (creates, updates, deletes it). false: another
   * stack of the program owns it (one stack per environment); this one finds it by serviceName
   * and never changes or deletes it.
   */
  ownsService?: boolean;
  includeCredentials?: pulumi.Input<boolean>;
  uiEditable?: pulumi.Input<boolean>;
  /** How long a build may take before `pulumi up` fails. Default 300. */
  buildTimeoutSeconds?: pulumi.Input<number>;
  /**
   * "per-file": a Function/Asset resource per file. "set": one FileSet resource for all files
   * (each `pulumi up` costs ~27 ms less per file; `pulumi preview` still names each changed
   * file). "auto" (default): per-file up to FILE_SET_THRESHOLD (50) files, a set above.
   */
  fileResources?: FileResources;
}

export interface AppEnvironmentOutputs {
  sid: string;
  domainName: string;
  /** `https://<domainName>` */
  baseUrl: string;
  /** The Build the environment deploys. */
  buildSid: string;
  /** URL of each public or protected function, keyed by path. */
  functionUrls: Record<string, string>;
  /** URL of each public or protected asset, keyed by path. */
  assetUrls: Record<string, string>;
}

export class ServerlessApp extends pulumi.ComponentResource {
  readonly serviceSid: pulumi.Output<string>;
  /** The app's own Build ("" when every environment deploys a pinned or approved build). */
  readonly buildSid: pulumi.Output<string>;
  readonly environments: pulumi.Output<Record<string, AppEnvironmentOutputs>>;
  /** The Service: a ServiceReference when `ownsService` is false. */
  readonly service: Service | ServiceReference;

  /** `kinds`: the classes of the children; the plugin's construct passes its own (kinds.ts). */
  constructor(
    name: string,
    args: ServerlessAppArgs,
    opts?: pulumi.ComponentResourceOptions,
    kinds: ResourceKinds = DYNAMIC_KINDS,
  ) {
    super("twilio-serverless:index:ServerlessApp", name, {}, opts);
    const parent = { parent: this };
    let prepared: ReturnType<typeof prepare>;
    try {
      prepared = prepare(args);
    } catch (error) {
      // Reported on this component as its message alone: the stack trace would only bury it.
      throw new pulumi.ResourceError(error instanceof Error ? error.message : String(error), this, true);
    }
    const { scan, plan, variablesByEnvironment, approvals, needsOwnBuild, fileMode } = prepared;

    this.service =
      args.ownsService === false
        ? new kinds.ServiceReference(`${name}`, { uniqueName: args.serviceName }, parent)
        : new kinds.Service(
            `${name}`,
            {
              uniqueName: args.serviceName,
              friendlyName: args.friendlyName,
              includeCredentials: args.includeCredentials,
              uiEditable: args.uiEditable,
              adopt: args.adopt,
            },
            parent,
          );
    const serviceSid = this.service.sid;

    // Files exist to be built: a stack whose environments all deploy pinned or approved
    // builds (the prod stack of one stack per environment) uploads none.
    const files = needsOwnBuild ? declareFiles(name, scan, fileMode, serviceSid, this, kinds) : undefined;
    const build = files
      ? new kinds.Build(
          `${name}`,
          {
            serviceSid,
            functionVersions: files.functionVersions,
            assetVersions: files.assetVersions,
            dependencies: args.dependencies ?? scan.dependencies,
            runtime: args.runtime,
            timeoutSeconds: args.buildTimeoutSeconds,
          },
          parent,
        )
      : undefined;

    const deployments = new Map<string, Deployment>();
    const outputs: Record<string, pulumi.Output<AppEnvironmentOutputs>> = {};
    plan.forEach((env, index) => {
      const environment = new kinds.Environment(
        `${name}-${env.name}`,
        {
          serviceSid,
          uniqueName: env.name,
          domainSuffix: env.domainSuffix,
          adopt: args.adopt,
        },
        parent,
      );
      const variables = Object.entries(variablesByEnvironment[index]).map(
        ([key, value]) =>
          new kinds.Variable(
            `${name}-${env.name}-${key}`,
            { serviceSid, environmentSid: environment.sid, key, value },
            parent,
          ),
      );
      const source = env.promotesFrom ? deployments.get(env.promotesFrom) : undefined;
      const approval = approvals.get(env.name);
      const buildSid = env.promotesFrom
        ? source?.buildSid
        : env.approvedFrom
          ? approval?.build
          : (env.pinnedBuildSid ?? build!.sid);
      let deployment: Deployment | undefined;
      if (buildSid === undefined) {
        // Gated and never approved (or a mirror of such an environment): the Environment waits.
        const gate = plan.find((planned) => planned.name === env.chainRoot)!;
        void pulumi.log.warn(
          `environments.${gate.name}: no Build approved from ${gate.approvedFrom} yet, so ` +
            `${gate === env ? "it serves" : `it and environments.${env.name} serve`} nothing: run ` +
            `\`npx pulumi-twilio-serverless promote --from ${gate.approvedFrom} --to ${gate.name}\`, then \`pulumi up\`.`,
          this,
        );
      } else {
        // Variables first, so the first request to a new deployment already sees them; a
        // mirror moves only after the one it mirrors has deployed. A pinned or approved Build
        // has no Build resource here: its Deployment deletes it once left (deployment.ts).
        const untracked = env.pinnedBuildSid !== undefined || env.approvedFrom !== undefined;
        deployment = new kinds.Deployment(
          `${name}-${env.name}`,
          {
            serviceSid,
            environmentSid: environment.sid,
            buildSid,
            ...(untracked ? { deleteLeftBuilds: true } : {}),
            ...(approval?.previous ? { keepBuildSids: [approval.previous] } : {}),
          },
          { parent: this, dependsOn: [...variables, ...(source ? [source] : [])] },
        );
        deployments.set(env.name, deployment);
      }
      outputs[env.name] = pulumi
        .all([environment.sid, environment.domainName, deployment?.buildSid ?? ""])
        .apply(([sid, domainName, deployedBuild]) => {
          const baseUrl = `https://${domainName}`;
          return { sid, domainName, baseUrl, buildSid: deployedBuild, ...servedUrls(baseUrl, scan.entries) };
        });
    });

    // Set mode: files removed from the folder go only once every environment has deployed.
    files?.afterDeployments([...deployments.values()]);

    this.serviceSid = serviceSid;
    this.buildSid = build ? build.sid : pulumi.output("");
    this.environments = pulumi.all(outputs);
    this.registerOutputs({ serviceSid: this.serviceSid, buildSid: this.buildSid, environments: this.environments });
  }
}

/**
 * Everything the folder and the settings can get wrong, found here before any resource (so
 * before any API call), and reported all at once, each naming what the user wrote.
 */
function prepare(args: ServerlessAppArgs) {
  const problems: string[] = [];
  const directory = path.resolve(args.directory);
  problems.push(...serviceNameProblems(args.serviceName));
  const scan = gather(problems, () => scanProject(args.directory, { ignore: args.ignore }));
  const dependencies = args.dependencies ?? scan?.dependencies ?? {};
  problems.push(
    ...runtimeAndDependencyProblems(
      args.runtime,
      dependencies,
      args.dependencies ? "dependencies" : "package.json dependencies",
    ),
  );
  const plan = gather(problems, () => planEnvironments(args.environments)) ?? [];
  const variablesByEnvironment = environmentVariables(
    directory,
    plan.map((env) => env.name),
    args.environments,
    problems,
  );
  const approvals = new Map<string, Approval>();
  const gated = plan.filter((env) => env.approvedFrom !== undefined);
  const config = gated.length > 0 ? new pulumi.Config(APPROVAL_NAMESPACE).getObject<unknown>(APPROVAL_KEY) : undefined;
  for (const env of gated) {
    const approval = gather(problems, () => approvalOf(config, env.name, env.approvedFrom!));
    if (approval) approvals.set(env.name, approval);
  }
  if (args.ownsService === false) {
    const owned = (["friendlyName", "includeCredentials", "uiEditable"] as const).filter(
      (key) => args[key] !== undefined,
    );
    if (owned.length > 0) {
      problems.push(
        `${owned.join(", ")}: set on the Service by the stack that owns it; with ownsService: false, remove ${owned.length > 1 ? "them" : "it"} here.`,
      );
    }
  }
  const needsOwnBuild = plan.some(
    (env) => env.promotesFrom === undefined && env.pinnedBuildSid === undefined && env.approvedFrom === undefined,
  );
  if (scan) {
    if (needsOwnBuild && scan.entries.length === 0) {
      problems.push(
        `directory: ${args.directory} has no functions or assets to build (looked in functions/, src/, assets/, static/).`,
      );
    }
    problems.push(...fileSizeProblems(scan.entries));
    if (needsOwnBuild) problems.push(...buildSizeProblems(scan.entries));
  }
  const fileMode = gather(problems, () => resolveFileResources(args.fileResources, scan?.entries.length ?? 0));
  if (problems.length > 0 || !scan || !fileMode) throw new Error(describeProblems(problems));
  return { scan, plan, variablesByEnvironment, approvals, needsOwnBuild, fileMode };
}
