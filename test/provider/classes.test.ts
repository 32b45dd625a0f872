/**
 * The resource classes under Pulumi's mocks (which do not run dynamic providers): each class
 * registers its type, sends a serialized provider, and exposes every output; Variable keeps its
 * value secret.
 */
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import {
  Asset,
  Build,
  Deployment,
  Environment,
  FileSet,
  Function,
  Service,
  ServiceReference,
  Variable,
} from "../../provider/index";
import type { ResourceSpec } from "../../provider/schema/fields";
import {
  ASSET,
  BUILD,
  DEPLOYMENT,
  ENVIRONMENT,
  FILE_SET,
  FUNCTION,
  RESOURCES,
  SERVICE,
  SERVICE_REFERENCE,
  VARIABLE,
} from "../../provider/schema/resources";

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

  // What each class must register and expose is what the schema declares (provider/schema/resources.ts).
  const cases: [ResourceSpec, () => pulumi.CustomResource][] = [
    [SERVICE, () => new Service("svc", { uniqueName: "demo" })],
    [SERVICE_REFERENCE, () => new ServiceReference("ref", { uniqueName: "demo" })],
    [ENVIRONMENT, () => new Environment("env", { serviceSid: ZS, uniqueName: "dev" })],
    [FUNCTION, () => new Function("fn", { serviceSid: ZS, friendlyName: "f", path: "/f", content: "x" })],
    [ASSET, () => new Asset("asset", { serviceSid: ZS, friendlyName: "a", path: "/a.css", content: "x" })],
    [BUILD, () => new Build("build", { serviceSid: ZS, functionVersions: [ZN] })],
    [DEPLOYMENT, () => new Deployment("deploy", { serviceSid: ZS, environmentSid: ZE, buildSid: ZB })],
    [VARIABLE, () => new Variable("var", { serviceSid: ZS, environmentSid: ZE, key: "K", value: "v" })],
    [FILE_SET, () => new FileSet("set", { serviceSid: ZS, files: { "/f": { kind: "function", source: "f.js" } } })],
  ];

  it("covers every resource of the schema", () => {
    assert.deepEqual(cases.map(([spec]) => spec.name).sort(), RESOURCES.map((spec) => spec.name).sort());
  });

  for (const [spec, make] of cases) {
    const type = spec.name;
    it(`${type} registers its type with its provider module and exactly the schema's fields, each an Output`, async () => {
      const resource = make() as unknown as Record<string, unknown>;
      const fields = [...Object.keys(spec.inputs), ...Object.keys(spec.outputs)];
      for (const field of fields) assert.ok(pulumi.Output.isInstance(resource[field]), `${type}.${field} is an Output`);
      await promiseOf(resource.id as pulumi.Output<string>);
      const args = registered.find((entry) => entry.type === `pulumi-nodejs:dynamic/twilio-serverless:${type}`);
      assert.ok(args, `registered as pulumi-nodejs:dynamic/twilio-serverless:${type}`);
      assert.equal(typeof args.inputs.__provider, "string");
      assert.match(args.inputs.__provider, /pulumi-twilio-serverless\/dist\/resources\//);
      const registeredFields = Object.keys(args.inputs).filter((key) => key !== "__provider");
      // Mocks drop undefined inputs; every field the program gave must be one the schema declares.
      for (const field of registeredFields)
        assert.ok(fields.includes(field), `${type} registers ${field}, not in the schema`);
    });
  }

  it("Variable's value is secret, as input and as output", async () => {
    const variable = new Variable("secret-var", { serviceSid: ZS, environmentSid: ZE, key: "TOKEN", value: "plain" });
    assert.equal(await pulumi.isSecret(variable.value), true);
    assert.equal(await promiseOf(variable.value), "plain");
  });
});
