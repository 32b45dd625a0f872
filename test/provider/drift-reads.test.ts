/**
 * A refresh (a drift check) reads a handful of lists whatever the number of files (issue 14):
 * every resource of a deployed app is read as one provider run does it, at two sizes, and the
 * emulator counts the calls. Drift made outside Pulumi (a Function's content, the deployed Build,
 * a Variable) is still found and named.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { configureFromStack, resetStackConfig } from "../../provider/client";
import { createBuild, fetchBuildStatus } from "../../provider/client/api/builds";
import { createDeployment } from "../../provider/client/api/deployments";
import { createVersion, type FileKind } from "../../provider/client/api/files";
import { updateVariable } from "../../provider/client/api/variables";
import { buildOperations, type BuildOutputs } from "../../provider/resources/build";
import type { ResourceOperations } from "../../provider/resources/common";
import { deploymentOperations, type DeploymentOutputs } from "../../provider/resources/deployment";
import { environmentOperations } from "../../provider/resources/environment";
import { fileSetOperations, type FileSetOutputs } from "../../provider/resources/file-set";
import { functionOperations } from "../../provider/resources/function";
import type { ServerlessFileOutputs } from "../../provider/resources/serverless-file";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations, type VariableOutputs } from "../../provider/resources/variable";
import { create, uniqueName, useEmulator, useTempDir, type Created } from "./helpers";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Outputs without the retention record (whether a Build holds a Version), which a refresh may learn without anything drifting. */
function withoutBuiltFlags(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBuiltFlags);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== "versionBuilt" && key !== "latestVersionBuilt")
      .map(([key, item]) => [key, withoutBuiltFlags(item)]),
  );
}

interface App {
  serviceSid: string;
  environmentSid: string;
  resources: { operations: ResourceOperations<unknown, unknown>; created: Created<unknown> }[];
  fileSet: Created<FileSetOutputs>;
  perFile: Created<ServerlessFileOutputs>;
  build: Created<BuildOutputs>;
  deployment: Created<DeploymentOutputs>;
  variable: Created<VariableOutputs>;
}

describe("drift check: reads per refresh", () => {
  const emulator = useEmulator();
  const temp = useTempDir();

  /** A deployed app of `n` files in a FileSet (a tenth functions) and `n / 4` per-file Functions, with a Variable. */
  async function deployApp(n: number): Promise<App> {
    const service = await create(serviceOperations, { uniqueName: uniqueName("drift") });
    emulator.atEnd(() => serviceOperations.delete(service.id, service.outs));
    const environment = await create(environmentOperations, {
      serviceSid: service.id,
      uniqueName: "dev",
      domainSuffix: "dev",
    });
    const dir = path.join(temp.dir, `app-${n}`);
    const files: Record<string, { kind: FileKind; source: string }> = {};
    for (let i = 0; i < n; i += 1) {
      const kind: FileKind = i % 10 === 0 ? "function" : "asset";
      const source = kind === "function" ? `fn-${i}.js` : `asset-${i}.txt`;
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(
        path.join(dir, source),
        kind === "function" ? `exports.handler = (c, e, cb) => cb(null, ${i});` : `asset ${i}`,
      );
      files[kind === "function" ? `/fn-${i}` : `/asset-${i}.txt`] = { kind, source };
    }
    const fileSet = await create(fileSetOperations, { serviceSid: service.id, directory: dir, files });
    const perFiles: Created<ServerlessFileOutputs>[] = [];
    for (let i = 0; i < n / 4; i += 1) {
      perFiles.push(
        await create(functionOperations, {
          serviceSid: service.id,
          friendlyName: `one-${i}`,
          path: `/one-${i}`,
          content: `exports.handler = () => ${i};`,
        }),
      );
    }
    const build = await create(buildOperations, {
      serviceSid: service.id,
      functionVersions: [...fileSet.outs.functionVersions, ...perFiles.map((file) => file.outs.latestVersionSid)],
      assetVersions: fileSet.outs.assetVersions,
    });
    const deployment = await create(deploymentOperations, {
      serviceSid: service.id,
      environmentSid: environment.id,
      buildSid: build.id,
    });
    const variable = await create(variableOperations, {
      serviceSid: service.id,
      environmentSid: environment.id,
      key: "GREETING",
      value: "hello",
    });
    const resources = [
      { operations: serviceOperations, created: service },
      { operations: environmentOperations, created: environment },
      { operations: fileSetOperations, created: fileSet },
      ...perFiles.map((created) => ({ operations: functionOperations, created })),
      { operations: buildOperations, created: build },
      { operations: deploymentOperations, created: deployment },
      { operations: variableOperations, created: variable },
    ] as App["resources"];
    return {
      serviceSid: service.id,
      environmentSid: environment.id,
      resources,
      fileSet,
      perFile: perFiles[0],
      build,
      deployment,
      variable,
    };
  }

  /** Reads every resource as one provider run does (all at once, lists shared); returns the outputs and the API calls by route. */
  async function refresh(app: App): Promise<{ outputs: unknown[]; calls: Record<string, number> }> {
    const before = await emulator.calls();
    resetStackConfig();
    configureFromStack({ get: () => undefined }, true);
    try {
      const results = await Promise.all(
        app.resources.map(({ operations, created }) => operations.read(created.id, created.outs as never)),
      );
      const after = await emulator.calls();
      const calls = Object.fromEntries(
        Object.entries(after)
          .map(([route, count]) => [route, count - (before[route] ?? 0)])
          .filter(([, count]) => count !== 0),
      );
      return { outputs: results.map((result) => result.props), calls };
    } finally {
      resetStackConfig();
    }
  }

  const total = (calls: Record<string, number>) => Object.values(calls).reduce((sum, count) => sum + count, 0);

  it("a clean refresh makes the same reads at 20 and 120 files, at most 25, and no writes", async () => {
    const small = await deployApp(20);
    const large = await deployApp(120);
    const smallRefresh = await refresh(small);
    const largeRefresh = await refresh(large);
    assert.deepEqual(largeRefresh.calls, smallRefresh.calls, "the same routes, the same number of times");
    assert.ok(total(largeRefresh.calls) <= 25, `at most 25 reads: ${JSON.stringify(largeRefresh.calls)}`);
    assert.ok(
      Object.keys(largeRefresh.calls).every((route) => route.startsWith("GET ")),
      JSON.stringify(largeRefresh.calls),
    );
    // Nothing changed, nothing drifts (the Environment's buildSid aside: it was created before the Deployment).
    largeRefresh.outputs.forEach((outputs, index) => {
      if (large.resources[index].operations === environmentOperations) return;
      assert.deepEqual(withoutBuiltFlags(outputs), withoutBuiltFlags(large.resources[index].created.outs));
    });
  });

  it("finds a Function's content, the deployed Build and a Variable changed outside Pulumi, still in a handful of reads", async () => {
    const app = await deployApp(40);
    const fileSetFunction = "/fn-10";
    const entry = app.fileSet.outs.files[fileSetFunction];
    const upload = (fileSid: string, servedPath: string, text: string) =>
      createVersion(emulator.outOfBand, "function", app.serviceSid, fileSid, {
        path: servedPath,
        visibility: "public",
        content: { text },
        contentType: "application/javascript",
      });
    const changedInSet = await upload(entry.sid, fileSetFunction, "exports.handler = () => 'set, changed elsewhere';");
    const changedAlone = await upload(
      app.perFile.id,
      app.perFile.outs.path,
      "exports.handler = () => 'alone, changed elsewhere';",
    );
    // A deploy made elsewhere (as the Toolkit would): a Build of our versions with the two new ones, deployed.
    const theirs = await createBuild(emulator.outOfBand, app.serviceSid, {
      functionVersions: [
        ...app.build.outs.functionVersions.filter(
          (sid) => sid !== entry.versionSid && sid !== app.perFile.outs.latestVersionSid,
        ),
        changedInSet.sid,
        changedAlone.sid,
      ],
      assetVersions: app.build.outs.assetVersions,
      dependencies: [],
      runtime: app.build.outs.runtime,
    });
    while ((await fetchBuildStatus(emulator.outOfBand, app.serviceSid, theirs.sid)).status === "building")
      await new Promise((r) => setTimeout(r, 20));
    await createDeployment(emulator.outOfBand, app.serviceSid, app.environmentSid, theirs.sid);
    await updateVariable(
      emulator.outOfBand,
      app.serviceSid,
      app.environmentSid,
      app.variable.id,
      "GREETING",
      "changed elsewhere",
    );

    const { outputs, calls } = await refresh(app);
    const after = (created: Created<unknown>) =>
      outputs[app.resources.findIndex((resource) => resource.created === created)];
    const fileSet = after(app.fileSet) as FileSetOutputs;
    assert.equal(fileSet.files[fileSetFunction].versionSid, changedInSet.sid);
    assert.equal(
      fileSet.files[fileSetFunction].contentHash,
      sha256("exports.handler = () => 'set, changed elsewhere';"),
    );
    assert.deepEqual(
      withoutBuiltFlags(fileSet.files["/fn-0"]),
      withoutBuiltFlags(app.fileSet.outs.files["/fn-0"]),
      "an unchanged file stays as it was",
    );
    const perFile = after(app.perFile) as ServerlessFileOutputs;
    assert.equal(perFile.latestVersionSid, changedAlone.sid);
    assert.equal(perFile.contentHash, sha256("exports.handler = () => 'alone, changed elsewhere';"));
    assert.equal((after(app.deployment) as DeploymentOutputs).buildSid, theirs.sid);
    assert.equal((after(app.variable) as VariableOutputs).value, "changed elsewhere");
    // The two changed Functions' content is read back; everything else comes from the lists.
    assert.equal(
      calls["GET /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions/{Sid}/Content"],
      2,
      JSON.stringify(calls),
    );
    assert.ok(total(calls) <= 25, JSON.stringify(calls));
  });
});
