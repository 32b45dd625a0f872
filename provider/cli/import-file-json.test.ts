/** import-file's pure parts: the JSON builder (with and without --app), choosing environments, the file name of a deployed path. */
import * as assert from "node:assert/strict";
import type { EnvironmentResource } from "../client/api/types";
import { parseId } from "../plugin/kinds";
import { RESOURCES } from "../schema/resources";
import { parseImportFileFlags } from "./import-file-command";
import { appNotes, buildImportFile, type ServiceSnapshot } from "./import-file-json";
import { fileNameFor } from "./import-file-local";
import { chooseEnvironments } from "./import-file-read";
import { serverlessPathOf } from "../app/scan";

/** A sid of 34 characters: prefix + 32 hex digits made of `n`. */
const sid = (prefix: string, n: number) => prefix + n.toString(16).padStart(32, "0");
const S = sid("ZS", 1);
const DEV = sid("ZE", 1);
const PROD = sid("ZE", 2);

function snapshot(): ServiceSnapshot {
  return {
    sid: S,
    uniqueName: "shop",
    environments: [
      {
        sid: DEV,
        uniqueName: "dev-environment",
        domainSuffix: "dev",
        domainName: "shop-1234-dev.twil.io",
        variables: [{ sid: sid("ZV", 1), key: "API_KEY" }],
        buildSid: sid("ZB", 2),
        deploymentSid: sid("ZD", 2),
      },
      {
        sid: PROD,
        uniqueName: "production",
        domainSuffix: null,
        domainName: "shop-1234.twil.io",
        variables: [{ sid: sid("ZV", 2), key: "API_KEY" }],
        buildSid: sid("ZB", 1),
        deploymentSid: sid("ZD", 1),
      },
    ],
    buildSids: [sid("ZB", 2), sid("ZB", 1)],
    files: [
      {
        kind: "function",
        sid: sid("ZH", 1),
        path: "/hello",
        visibility: "public",
        versionSid: sid("ZN", 1),
      },
      {
        kind: "asset",
        sid: sid("ZH", 2),
        path: "/img/logo.png",
        visibility: "public",
        versionSid: sid("ZN", 2),
      },
    ],
  };
}

describe("import-file: the JSON", () => {
  it("names every resource readably, with the package's type tokens and the agreed import ids", () => {
    const file = buildImportFile(snapshot());
    const rows = file.resources.map((r) => [
      r.type.replace("twilio-serverless:index:", ""),
      r.logicalName,
      r.name,
      r.id,
    ]);
    assert.deepEqual(rows, [
      ["Service", "shop", "shopService", S],
      ["Environment", "shop-dev", "shopDevEnvironment", `${S}/${DEV}`],
      ["Variable", "shop-dev-API_KEY", "shopDevAPIKEYVariable", `${S}/${DEV}/${sid("ZV", 1)}`],
      ["Environment", "shop-production", "shopProductionEnvironment", `${S}/${PROD}`],
      ["Variable", "shop-production-API_KEY", "shopProductionAPIKEYVariable", `${S}/${PROD}/${sid("ZV", 2)}`],
      ["Function", "shop:hello", "shopHelloFunction", `${S}/${sid("ZH", 1)}`],
      ["Asset", "shop:img/logo.png", "shopImgLogoPngAsset", `${S}/${sid("ZH", 2)}`],
      ["Build", "shop-dev", "shopDevBuild", `${S}/${sid("ZB", 2)}`],
      ["Build", "shop-production", "shopProductionBuild", `${S}/${sid("ZB", 1)}`],
      ["Deployment", "shop-dev", "shopDevDeployment", `${S}/${DEV}/${sid("ZD", 2)}`],
      ["Deployment", "shop-production", "shopProductionDeployment", `${S}/${PROD}/${sid("ZD", 1)}`],
    ]);
    // Only what Pulumi's import file knows, and every id parses back as its type's.
    for (const resource of file.resources) {
      assert.deepEqual(Object.keys(resource).sort(), ["id", "logicalName", "name", "type"]);
      const spec = RESOURCES.find((r) => resource.type === `twilio-serverless:index:${r.name}`);
      assert.ok(spec, resource.type);
      const id = resource.id ?? "";
      assert.equal(parseId(spec, id).sid, id.split("/").pop());
    }
  });

  it("names a Build shared by environments after all of them, and the only Build after the app", () => {
    const shared = snapshot();
    shared.environments[1].buildSid = sid("ZB", 2);
    shared.environments.push({
      ...shared.environments[0],
      sid: sid("ZE", 3),
      domainSuffix: "stage",
      buildSid: sid("ZB", 1),
    });
    const names = (s: ServiceSnapshot) =>
      buildImportFile(s)
        .resources.filter((r) => r.type.endsWith(":Build"))
        .map((r) => r.logicalName);
    assert.deepEqual(names(shared), ["shop-dev+production", "shop-stage"]);
    shared.environments.pop();
    shared.buildSids = [sid("ZB", 2)];
    assert.deepEqual(names(shared), ["shop"]);
  });

  it("keeps names apart when a suffix is another environment's unique name, or two files share a path", () => {
    const clash = snapshot();
    clash.environments[1].uniqueName = "dev";
    clash.files.push({ ...clash.files[0], sid: sid("ZH", 9) });
    const file = buildImportFile(clash);
    const environments = file.resources.filter((r) => r.type.endsWith(":Environment")).map((r) => r.logicalName);
    assert.deepEqual(environments, ["shop-dev-environment", "shop-dev"]);
    const functions = file.resources.filter((r) => r.type.endsWith(":Function"));
    assert.deepEqual(
      functions.map((r) => [r.logicalName, r.name]),
      [
        ["shop:hello", "shopHelloFunction"],
        [`shop:hello-${sid("ZH", 9)}`, `shopHello${sid("ZH", 9)}Function`],
      ],
    );
    const names = file.resources.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
  });

  it("has no Variable value and nothing for an environment that serves no Build", () => {
    const idle = snapshot();
    idle.environments[1].buildSid = undefined;
    idle.environments[1].deploymentSid = undefined;
    const text = JSON.stringify(buildImportFile(idle));
    assert.ok(!text.includes("value"));
    assert.ok(!text.includes(sid("ZD", 1)));
    assert.ok(text.includes(sid("ZD", 2)));
  });

  it("refuses a sid in the wrong place rather than writing an id the plugin cannot read", () => {
    const wrong = snapshot();
    wrong.files[0].sid = sid("ZE", 7);
    assert.throws(() => buildImportFile(wrong), /Function id ".*" is not of the form ZS…\/ZH…/);
  });
});

describe("import-file --app: the children of a ServerlessApp", () => {
  const oneBuild = () => {
    const s = snapshot();
    s.environments[1].buildSid = sid("ZB", 2);
    s.buildSids = [sid("ZB", 2)];
    return s;
  };

  it("adds the component and names each resource under it as ServerlessApp does (an environment by its unique name)", () => {
    const file = buildImportFile(oneBuild(), { app: "storefront" });
    assert.deepEqual(file.resources[0], {
      type: "twilio-serverless:index:ServerlessApp",
      name: "storefrontServerlessApp",
      logicalName: "storefront",
      component: true,
    });
    const children = file.resources.slice(1);
    assert.deepEqual(
      children.map((r) => [r.type.replace("twilio-serverless:index:", ""), r.logicalName, r.parent]),
      [
        ["Service", "storefront", "storefrontServerlessApp"],
        ["Environment", "storefront-dev-environment", "storefrontServerlessApp"],
        ["Variable", "storefront-dev-environment-API_KEY", "storefrontServerlessApp"],
        ["Environment", "storefront-production", "storefrontServerlessApp"],
        ["Variable", "storefront-production-API_KEY", "storefrontServerlessApp"],
        ["Function", "storefront:hello", "storefrontServerlessApp"],
        ["Asset", "storefront:img/logo.png", "storefrontServerlessApp"],
        ["Build", "storefront", "storefrontServerlessApp"],
        ["Deployment", "storefront-dev-environment", "storefrontServerlessApp"],
        ["Deployment", "storefront-production", "storefrontServerlessApp"],
      ],
    );
    // The ids are the same as without --app.
    assert.deepEqual(
      children.map((r) => r.id),
      buildImportFile(oneBuild()).resources.map((r) => r.id),
    );
  });

  it("refuses Environments serving different Builds, naming them, since ServerlessApp declares one", () => {
    assert.throws(
      () => buildImportFile(snapshot(), { app: "storefront" }),
      new RegExp(
        `^UsageError: --app: the Environments serve 2 different Builds \\(dev-environment: ${sid("ZB", 2)}, ` +
          `production: ${sid("ZB", 1)}\\), but a ServerlessApp declares one Build for all of them`,
      ),
    );
  });

  it("says when ServerlessApp would hold the files as one FileSet, which the file cannot import", () => {
    const many = (n: number) => ({
      ...oneBuild(),
      files: Array.from({ length: n }, (_, i) => ({ ...snapshot().files[0], path: `/f${i}`, sid: sid("ZH", i + 10) })),
    });
    assert.deepEqual(appNotes(many(50), { app: "storefront" }), []);
    assert.deepEqual(appNotes(many(51), {}), []);
    assert.match(
      appNotes(many(51), { app: "storefront" }).join(),
      /^51 files: .* give it fileResources: "per-file"\.$/,
    );
  });

  it("takes --app and refuses an empty one", () => {
    assert.equal(parseImportFileFlags(["--service", "shop", "--app", "storefront"]).app, "storefront");
    assert.throws(() => parseImportFileFlags(["--service", "shop", "--app", " "]), /^UsageError: --app is empty/);
  });
});

describe("import-file: flags and environments", () => {
  it("takes repeated environments and requires --service", () => {
    const flags = parseImportFileFlags(["--service", "shop", "-e", "dev", "-e", "prod", "-o", "x.json", "-d", "app"]);
    assert.deepEqual(flags.environments, ["dev", "prod"]);
    assert.equal(flags.out, "x.json");
    assert.throws(() => parseImportFileFlags(["-e", "dev"]), /^UsageError: --service is required/);
    assert.throws(
      () => parseImportFileFlags(["--service"]),
      /--service needs a value; see `npx pulumi-twilio-serverless import-file --help`/,
    );
  });

  it("chooses environments by unique name, suffix or sid; names those that exist when one does not", () => {
    const env = (s: string, uniqueName: string, suffix: string | null) =>
      ({ sid: s, unique_name: uniqueName, domain_suffix: suffix }) as EnvironmentResource;
    const all = [env(DEV, "dev-environment", "dev"), env(PROD, "production", null)];
    assert.deepEqual(chooseEnvironments(all, []), all);
    assert.deepEqual(chooseEnvironments(all, ["DEV"]), [all[0]]);
    assert.deepEqual(chooseEnvironments(all, [PROD, "dev-environment"]), all);
    assert.throws(
      () => chooseEnvironments(all, ["stage"]),
      /^UsageError: unknown environment "stage": the Service's Environments are: dev-environment \(suffix dev\), production\.$/,
    );
  });
});

describe("import-file: local file names", () => {
  it("gives the file scan.ts reads back at the same path and visibility", () => {
    const cases = [
      [{ kind: "function", path: "/hello", visibility: "public" }, "hello.js"],
      [{ kind: "function", path: "/sms/reply", visibility: "protected" }, "sms/reply.protected.js"],
      [{ kind: "asset", path: "/img/logo.png", visibility: "private" }, "img/logo.private.png"],
      [{ kind: "asset", path: "/robots.txt", visibility: "public" }, "robots.txt"],
      [{ kind: "asset", path: "/LICENSE", visibility: "protected" }, undefined],
    ] as const;
    for (const [file, expected] of cases) {
      assert.equal(fileNameFor(file), expected, file.path);
      if (expected)
        assert.deepEqual(serverlessPathOf(expected, file.kind), { path: file.path, visibility: file.visibility });
    }
  });
});
