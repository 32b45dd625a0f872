/**
 * "The stack converged": what is on the emulator is exactly what the stack's state says, once
 * each (no duplicate or orphan Service, Environment, Function, Asset, Variable or Build), nothing
 * the program declares is missing, and no operation is left pending.
 */
import * as assert from "assert";
import { twilioApi, type StateResource, type TestStack } from "../e2e/harness";

export interface ExpectedApp {
  serviceName: string;
  /** Environment unique name → its Variables (key → value). */
  environments: Record<string, Record<string, string>>;
  /** Friendly names (ServerlessApp uses the served path). */
  functions: string[];
  assets: string[];
}

async function listAll(apiUrl: string, path: string, key: string): Promise<any[]> {
  return (await twilioApi(apiUrl, "GET", `${path}?PageSize=1000`))[key];
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

/** The object's own sid in a resource id: the plugin's ids name its Service first (`ZS…/ZE…`). */
const sidOf = (id: string) => id.split("/").pop() as string;

/** The Twilio sids the state holds for `type`: a Function's or Asset's is its `sid` output (made again after Twilio's retention deleted it, while the resource id stays). */
function idsOf(resources: StateResource[], type: string): string[] {
  return sorted(
    resources
      .filter((r) => r.type === type)
      .map((r) => ((type === "Function" || type === "Asset") && r.outputs.sid) || sidOf(r.id)),
  );
}

/** Asserts convergence and returns the state's resources for further checks. */
export async function assertConverged(
  apiUrl: string,
  stack: TestStack,
  expected: ExpectedApp,
): Promise<StateResource[]> {
  const { resources, pending } = await stack.checkpoint();
  assert.deepStrictEqual(pending, [], "no operation left pending in the state");

  const services = (await listAll(apiUrl, "/Services", "services")).filter(
    (s) => s.unique_name.toLowerCase() === expected.serviceName.toLowerCase(),
  );
  assert.deepStrictEqual(
    services.map((s) => s.sid),
    idsOf(resources, "Service"),
    "one Service, the one in the state",
  );
  const base = `/Services/${services[0].sid}`;

  const environments = await listAll(apiUrl, `${base}/Environments`, "environments");
  assert.deepStrictEqual(
    sorted(environments.map((e) => e.unique_name)),
    sorted(Object.keys(expected.environments)),
    "each Environment once",
  );
  assert.deepStrictEqual(
    sorted(environments.map((e) => e.sid)),
    idsOf(resources, "Environment"),
    "Environments = state",
  );

  for (const [kind, segment, key, names] of [
    ["Function", "Functions", "functions", expected.functions],
    ["Asset", "Assets", "assets", expected.assets],
  ] as const) {
    const files = await listAll(apiUrl, `${base}/${segment}`, key);
    assert.deepStrictEqual(sorted(files.map((f) => f.friendly_name)), sorted(names), `each ${kind} once`);
    assert.deepStrictEqual(sorted(files.map((f) => f.sid)), idsOf(resources, kind), `${kind}s = state`);
    for (const file of resources.filter((r) => r.type === kind)) {
      const versions = await listAll(
        apiUrl,
        `${base}/${segment}/${file.outputs.sid || sidOf(file.id)}/Versions`,
        `${kind.toLowerCase()}_versions`,
      );
      assert.ok(
        versions.some((v) => v.sid === file.outputs.latestVersionSid),
        `${kind} ${file.name}: its Version in the state exists`,
      );
    }
  }

  const stateVariables = resources.filter((r) => r.type === "Variable");
  for (const environment of environments) {
    const variables = await listAll(apiUrl, `${base}/Environments/${environment.sid}/Variables`, "variables");
    const values = Object.fromEntries(variables.map((v) => [v.key, v.value]));
    assert.strictEqual(
      variables.length,
      Object.keys(values).length,
      `no Variable key twice in ${environment.unique_name}`,
    );
    assert.deepStrictEqual(
      values,
      expected.environments[environment.unique_name],
      `Variables of ${environment.unique_name}`,
    );
    const inState = stateVariables.filter((r) => r.outputs.environmentSid === environment.sid).map((r) => sidOf(r.id));
    assert.deepStrictEqual(
      sorted(variables.map((v) => v.sid)),
      sorted(inState),
      `Variables of ${environment.unique_name} = state`,
    );
  }

  // Builds: those in the state, plus any an environment still runs (a pinned one); no orphans.
  const builds = await listAll(apiUrl, `${base}/Builds`, "builds");
  const running = environments.map((e) => e.build_sid).filter(Boolean);
  const stateBuilds = idsOf(resources, "Build");
  for (const sid of stateBuilds)
    assert.ok(
      builds.some((b) => b.sid === sid && b.status === "completed"),
      `Build ${sid} exists, completed`,
    );
  assert.deepStrictEqual(
    sorted(builds.map((b) => b.sid)),
    sorted([...new Set([...stateBuilds, ...running])]),
    "no orphan Build",
  );

  // Each environment runs what its Deployment in the state says.
  for (const environment of environments) {
    const deployment = resources.find((r) => r.type === "Deployment" && r.outputs.environmentSid === environment.sid);
    assert.ok(deployment, `a Deployment for ${environment.unique_name} in the state`);
    assert.strictEqual(
      environment.build_sid,
      deployment.outputs.buildSid,
      `${environment.unique_name} runs the state's Build`,
    );
  }
  return resources;
}
