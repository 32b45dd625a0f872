/**
 * The resource classes under Pulumi's mocks (which do not run dynamic providers): each class
 * registers its type, sends a serialized provider, and exposes every output; Variable keeps its
 * value secret.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { Asset, Build, Deployment, Environment, Function, Service, Variable } from "../../provider/index";

const ZS = `ZS${"0".repeat(32)}`;
const ZE = `ZE${"0".repeat(32)}`;
const ZB = `ZB${"0".repeat(32)}`;
const ZN = `ZN${"0".repeat(32)}`;

function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("resource classes", () => {
  const registered: pulumi.runtime.MockResourceArgs[] = [];

  before(async () => {
    await pulumi.runtime.setMocks({
      newResource: (args) => {
        registered.push(args);
        return { id: `${args.name}-id`, state: { ...args.inputs, sid: `${args.name}-sid` } };
      },
      call: () => ({}),
    });
  });

  const cases: [string, () => pulumi.CustomResource, string[]][] = [
    [
      "Service",
      () => new Service("svc", { uniqueName: "demo" }),
      ["uniqueName", "friendlyName", "includeCredentials", "uiEditable", "adopt", "sid", "domainBase"],
    ],
    [
      "Environment",
      () => new Environment("env", { serviceSid: ZS, uniqueName: "dev" }),
      ["serviceSid", "uniqueName", "domainSuffix", "adopt", "sid", "domainName", "url", "buildSid"],
    ],
    [
      "Function",
      () => new Function("fn", { serviceSid: ZS, friendlyName: "f", path: "/f", content: "x" }),
      [
        "serviceSid",
        "friendlyName",
        "path",
        "visibility",
        "source",
        "content",
        "sid",
        "latestVersionSid",
        "contentHash",
      ],
    ],
    [
      "Asset",
      () => new Asset("asset", { serviceSid: ZS, friendlyName: "a", path: "/a.css", content: "x" }),
      ["contentType", "sid", "latestVersionSid", "contentHash", "visibility"],
    ],
    [
      "Build",
      () => new Build("build", { serviceSid: ZS, functionVersions: [ZN] }),
      ["serviceSid", "functionVersions", "assetVersions", "dependencies", "runtime", "timeoutSeconds", "sid", "status"],
    ],
    [
      "Deployment",
      () => new Deployment("deploy", { serviceSid: ZS, environmentSid: ZE, buildSid: ZB }),
      ["serviceSid", "environmentSid", "buildSid", "deploymentSid", "environmentBuildSid"],
    ],
    [
      "Variable",
      () => new Variable("var", { serviceSid: ZS, environmentSid: ZE, key: "K", value: "v" }),
      ["serviceSid", "environmentSid", "key", "value", "sid"],
    ],
  ];

  for (const [type, make, outputs] of cases) {
    it(`${type} registers its type with its provider module and exposes every output`, async () => {
      const resource = make() as unknown as Record<string, unknown>;
      for (const output of outputs)
        assert.ok(pulumi.Output.isInstance(resource[output]), `${type}.${output} is an Output`);
      await promiseOf(resource.id as pulumi.Output<string>);
      const args = registered.find((entry) => entry.type === `pulumi-nodejs:dynamic/twilio-serverless:${type}`);
      assert.ok(args, `registered as pulumi-nodejs:dynamic/twilio-serverless:${type}`);
      assert.equal(typeof args.inputs.__provider, "string");
      assert.match(args.inputs.__provider, /pulumi-twilio-serverless\/dist\/resources\//);
    });
  }

  it("Variable's value is secret, as input and as output", async () => {
    const variable = new Variable("secret-var", { serviceSid: ZS, environmentSid: ZE, key: "TOKEN", value: "plain" });
    assert.equal(await pulumi.isSecret(variable.value), true);
    assert.equal(await promiseOf(variable.value), "plain");
  });
});
