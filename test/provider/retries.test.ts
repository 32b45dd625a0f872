/**
 * Against the emulator's fault injection (20% of API calls answer 500 or 429, or drop the
 * connection before or after applying a write), creating each kind of object many times leaves
 * every object on the emulator exactly once.
 */
import * as assert from "node:assert/strict";
import { listBuilds } from "../../provider/client/api/builds";
import { listDeployments } from "../../provider/client/api/deployments";
import { listEnvironments } from "../../provider/client/api/environments";
import { listFiles, listVersions, type FileKind } from "../../provider/client/api/files";
import { listServices } from "../../provider/client/api/services";
import { listVariables } from "../../provider/client/api/variables";
import { assetOperations } from "../../provider/resources/asset";
import { buildOperations } from "../../provider/resources/build";
import { deploymentOperations } from "../../provider/resources/deployment";
import { environmentOperations } from "../../provider/resources/environment";
import { functionOperations } from "../../provider/resources/function";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import { create, uniqueName, useEmulator } from "./helpers";

const TIMES = 6;

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

function assertEachOnce(counts: Map<string, number>, expected: string[], what: string): void {
  for (const name of expected) assert.equal(counts.get(name), 1, `${what} ${name} exists exactly once`);
}

describe("retries under injected faults", function () {
  this.timeout(120_000);
  const emulator = useEmulator({ faultRate: 0.2, seed: 20240611, buildDelayMs: 20 });

  it("creates every kind of object exactly once, and deletes survive faults too", async () => {
    // Sequential on purpose: with one request at a time, the seeded fault sequence repeats.
    const serviceNames = Array.from({ length: TIMES }, () => uniqueName("faulty"));
    const services = [];
    for (const name of serviceNames) services.push(await create(serviceOperations, { uniqueName: name }));
    const allServices = await listServices(emulator.outOfBand);
    assertEachOnce(
      countBy(allServices, (service) => service.unique_name),
      serviceNames,
      "Service",
    );
    const serviceSid = services[0].id;

    const environmentNames = Array.from({ length: TIMES }, (_, i) => `env${i}`);
    const environments = [];
    for (const name of environmentNames) {
      environments.push(await create(environmentOperations, { serviceSid, uniqueName: name, domainSuffix: name }));
    }
    assertEachOnce(
      countBy(await listEnvironments(emulator.outOfBand, serviceSid), (e) => e.unique_name),
      environmentNames,
      "Environment",
    );

    const versions: Record<FileKind, string[]> = { function: [], asset: [] };
    for (const [kind, ops] of [
      ["function", functionOperations],
      ["asset", assetOperations],
    ] as const) {
      const names = Array.from({ length: TIMES }, (_, i) => `${kind}-${i}`);
      for (const name of names) {
        const file = await create(ops, {
          serviceSid,
          friendlyName: name,
          path: `/${name}`,
          content: `exports.handler = (c, e, cb) => cb(null, '${name}');`,
        });
        versions[kind].push(file.outs.latestVersionSid);
        const fileVersions = await listVersions(emulator.outOfBand, kind, serviceSid, file.id);
        assert.equal(fileVersions.length, 1, `${kind} ${name} has exactly one Version`);
      }
      assertEachOnce(
        countBy(await listFiles(emulator.outOfBand, kind, serviceSid), (f) => f.friendly_name),
        names,
        kind,
      );
    }

    // One Build per environment, each of a different set of versions.
    const builds = [];
    for (let i = 0; i < TIMES; i++) {
      builds.push(
        await create(buildOperations, {
          serviceSid,
          functionVersions: [versions.function[i]],
          assetVersions: [versions.asset[i]],
        }),
      );
    }
    assertEachOnce(
      countBy(await listBuilds(emulator.outOfBand, serviceSid), (b) => b.sid),
      builds.map((b) => b.id),
      "Build",
    );
    assert.equal((await listBuilds(emulator.outOfBand, serviceSid)).length, TIMES, "no extra Builds");

    const deployments = [];
    for (let i = 0; i < TIMES; i++) {
      const environmentSid = environments[i].id;
      deployments.push(await create(deploymentOperations, { serviceSid, environmentSid, buildSid: builds[i].id }));
      const made = await listDeployments(emulator.outOfBand, serviceSid, environmentSid);
      assert.deepEqual(
        made.map((d) => d.build_sid),
        [builds[i].id],
        `environment ${i} got exactly one Deployment`,
      );
    }

    const environmentSid = environments[0].id;
    const keys = Array.from({ length: TIMES }, (_, i) => `KEY_${i}`);
    const variables = [];
    for (const key of keys)
      variables.push(await create(variableOperations, { serviceSid, environmentSid, key, value: `value-${key}` }));
    assertEachOnce(
      countBy(await listVariables(emulator.outOfBand, serviceSid, environmentSid), (v) => v.key),
      keys,
      "Variable",
    );

    // Deletes under faults: a dropped DELETE that was applied must not fail the retry.
    for (const variable of variables) await variableOperations.delete(variable.id, variable.outs);
    for (const deployment of deployments) await deploymentOperations.delete(deployment.id, deployment.outs);
    for (const build of builds) await buildOperations.delete(build.id, build.outs);
    assert.deepEqual(await listVariables(emulator.outOfBand, serviceSid, environmentSid), []);
    assert.deepEqual(await listBuilds(emulator.outOfBand, serviceSid), []);
    for (const service of services) await serviceOperations.delete(service.id, service.outs);
    const left = (await listServices(emulator.outOfBand)).filter((service) =>
      serviceNames.includes(service.unique_name),
    );
    assert.deepEqual(left, []);

    const response = await fetch(`${emulator.url}/_emulator/stats`);
    const stats = (await response.json()) as { faults: Record<string, number> };
    for (const fault of ["error-500", "throttle-429", "drop-before", "drop-after"]) {
      assert.ok((stats.faults[fault] ?? 0) > 0, `the run met ${fault} faults: ${JSON.stringify(stats.faults)}`);
    }
  });
});

describe("the answer of each create lost on purpose", () => {
  const emulator = useEmulator({ buildDelayMs: 20 });

  /** The next request of `route` is applied and its answer lost (the emulator's planned fault). */
  async function dropAnswerOf(route: string): Promise<void> {
    const response = await fetch(
      `${emulator.url}/_emulator/fault?route=${encodeURIComponent(route)}&fault=drop-after`,
      {
        method: "POST",
      },
    );
    assert.equal(response.status, 200, await response.text());
  }

  it("Service, Environment, Variable, Function, Asset, their Versions, Build and Deployment: exactly one object each", async () => {
    const faultsBefore = ((await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as StatsFaults).faults;
    const service = "POST /v1/Services";
    const inService = (rest: string) => `POST /v1/Services/{ServiceSid}/${rest}`;
    const routes = [
      service,
      inService("Environments"),
      inService("Environments/{EnvironmentSid}/Variables"),
      inService("Functions"),
      inService("Functions/{FunctionSid}/Versions"),
      inService("Assets"),
      inService("Assets/{AssetSid}/Versions"),
      inService("Builds"),
      inService("Environments/{EnvironmentSid}/Deployments"),
    ];

    await dropAnswerOf(service);
    const serviceName = uniqueName("lost");
    const made = await create(serviceOperations, { uniqueName: serviceName });
    emulator.atEnd(() => serviceOperations.delete(made.id, made.outs));
    const serviceSid = made.id;
    assert.equal((await listServices(emulator.outOfBand)).filter((s) => s.unique_name === serviceName).length, 1);

    await dropAnswerOf(inService("Environments"));
    const environment = await create(environmentOperations, { serviceSid, uniqueName: "lost", domainSuffix: "lost" });
    assert.equal((await listEnvironments(emulator.outOfBand, serviceSid)).length, 1);
    const environmentSid = environment.id;

    await dropAnswerOf(inService("Environments/{EnvironmentSid}/Variables"));
    await create(variableOperations, { serviceSid, environmentSid, key: "LOST", value: "found" });
    assert.equal((await listVariables(emulator.outOfBand, serviceSid, environmentSid)).length, 1);

    const versions: Record<FileKind, string> = { function: "", asset: "" };
    for (const [kind, ops, collection, container] of [
      ["function", functionOperations, "Functions", "FunctionSid"],
      ["asset", assetOperations, "Assets", "AssetSid"],
    ] as const) {
      // The container's answer lost for one file, the Version's for another.
      await dropAnswerOf(inService(collection));
      const first = await create(ops, { serviceSid, friendlyName: `${kind}-a`, path: `/${kind}-a`, content: "a" });
      await dropAnswerOf(inService(`${collection}/{${container}}/Versions`));
      const second = await create(ops, { serviceSid, friendlyName: `${kind}-b`, path: `/${kind}-b`, content: "b" });
      assert.equal((await listFiles(emulator.outOfBand, kind, serviceSid)).length, 2, `two ${kind}s`);
      for (const file of [first, second])
        assert.equal((await listVersions(emulator.outOfBand, kind, serviceSid, file.id)).length, 1, `one Version`);
      versions[kind] = second.outs.latestVersionSid;
    }

    await dropAnswerOf(inService("Builds"));
    const build = await create(buildOperations, {
      serviceSid,
      functionVersions: [versions.function],
      assetVersions: [versions.asset],
    });
    assert.deepEqual(
      (await listBuilds(emulator.outOfBand, serviceSid)).map((b) => b.sid),
      [build.id],
    );

    await dropAnswerOf(inService("Environments/{EnvironmentSid}/Deployments"));
    await create(deploymentOperations, { serviceSid, environmentSid, buildSid: build.id });
    assert.deepEqual(
      (await listDeployments(emulator.outOfBand, serviceSid, environmentSid)).map((d) => d.build_sid),
      [build.id],
    );

    // Each planned drop happened: one per route, the Versions' and containers' once per kind.
    const faults = ((await (await fetch(`${emulator.url}/_emulator/stats`)).json()) as StatsFaults).faults;
    assert.equal((faults["drop-after"] ?? 0) - (faultsBefore["drop-after"] ?? 0), routes.length);
  });
});

interface StatsFaults {
  faults: Record<string, number>;
}
