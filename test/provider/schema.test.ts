/**
 * The one declaration of every field (provider/schema) against what the operations do and what
 * the package schema says: `check` fills in exactly the declared defaults and leaves no field the
 * schema does not declare; the schema JSON marks secrets and replacements as the diff rules do.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildOperations } from "../../provider/resources/build";
import { deploymentOperations } from "../../provider/resources/deployment";
import { environmentOperations } from "../../provider/resources/environment";
import { functionOperations } from "../../provider/resources/function";
import { assetOperations } from "../../provider/resources/asset";
import { serviceOperations } from "../../provider/resources/service";
import { serviceReferenceOperations } from "../../provider/resources/service-reference";
import { variableOperations } from "../../provider/resources/variable";
import { fieldsThat, type ResourceSpec } from "../../provider/schema/fields";
import { packageSchema, tokenOf } from "../../provider/schema/package";
import { appReference, resourceReference } from "../../provider/schema/reference";
import {
  ASSET,
  BUILD,
  DEPLOYMENT,
  ENVIRONMENT,
  FUNCTION,
  SERVICE,
  SERVICE_REFERENCE,
  VARIABLE,
  RESOURCES,
} from "../../provider/schema/resources";

const ZS = `ZS${"0".repeat(32)}`;
const ZE = `ZE${"0".repeat(32)}`;
const ZB = `ZB${"0".repeat(32)}`;
const ZN = `ZN${"0".repeat(32)}`;

interface Checkable {
  check(olds: object, news: Record<string, unknown>): Promise<{ inputs?: unknown; failures?: unknown[] }>;
}

const minimal: [ResourceSpec, Checkable, Record<string, unknown>][] = [
  [SERVICE, serviceOperations, { uniqueName: "demo" }],
  [SERVICE_REFERENCE, serviceReferenceOperations, { uniqueName: "demo" }],
  [ENVIRONMENT, environmentOperations, { serviceSid: ZS, uniqueName: "dev" }],
  [VARIABLE, variableOperations, { serviceSid: ZS, environmentSid: ZE, key: "K", value: "v" }],
  [FUNCTION, functionOperations, { serviceSid: ZS, friendlyName: "f", path: "/f", content: "x" }],
  [ASSET, assetOperations, { serviceSid: ZS, friendlyName: "a", path: "/a.css", content: "x" }],
  [BUILD, buildOperations, { serviceSid: ZS, functionVersions: [ZN] }],
  [DEPLOYMENT, deploymentOperations, { serviceSid: ZS, environmentSid: ZE, buildSid: ZB }],
];

describe("schema", () => {
  for (const [spec, operations, news] of minimal) {
    it(`${spec.name}: check fills in the declared defaults and keeps only declared fields`, async () => {
      const { inputs, failures } = await operations.check({}, news);
      assert.deepEqual(failures ?? [], []);
      const checked = inputs as Record<string, unknown>;
      for (const [name, field] of Object.entries(spec.inputs)) {
        if (field.default !== undefined && !(name in news))
          assert.deepEqual(checked[name], field.default, `${spec.name}.${name}`);
        if (field.required || field.derived) assert.notEqual(checked[name], undefined, `${spec.name}.${name}`);
      }
      const declared = [...Object.keys(spec.inputs), ...fieldsThat(spec, "update")];
      for (const key of Object.keys(checked)) assert.ok(declared.includes(key), `${spec.name}: check left ${key}`);
    });
  }

  it("the package schema has every resource and the component, with secrets and replacements as declared", () => {
    const schema = packageSchema("1.2.3") as {
      name: string;
      version: string;
      resources: Record<string, Record<string, Record<string, Record<string, unknown>>>>;
      config: { variables: Record<string, Record<string, unknown>> };
    };
    assert.equal(schema.name, "twilio-serverless");
    assert.equal(schema.version, "1.2.3");
    assert.deepEqual(
      Object.keys(schema.resources).sort(),
      [...RESOURCES.map((spec) => tokenOf(spec.name)), tokenOf("ServerlessApp")].sort(),
    );
    for (const spec of RESOURCES) {
      const resource = schema.resources[tokenOf(spec.name)];
      const replaced = Object.keys(resource.inputProperties).filter(
        (name) => resource.inputProperties[name].replaceOnChanges,
      );
      assert.deepEqual(replaced, fieldsThat(spec, "replace"), spec.name);
      assert.deepEqual(
        Object.keys(resource.properties).sort(),
        [...Object.keys(spec.inputs), ...Object.keys(spec.outputs)].sort(),
      );
    }
    const variable = schema.resources[tokenOf("Variable")];
    assert.equal(variable.inputProperties.value.secret, true);
    assert.equal(variable.properties.value.secret, true);
    assert.deepEqual(Object.keys(schema.config.variables), [
      "accountSid",
      "authToken",
      "apiKey",
      "apiSecret",
      "apiUrl",
    ]);
    assert.equal(schema.config.variables.authToken.secret, true);
    assert.equal(schema.config.variables.apiSecret.secret, true);
  });

  it("provider/README.md's resource reference is the one the schema writes (npm run reference)", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../provider/README.md"), "utf8");
    assert.ok(readme.includes(resourceReference()), "run `npm run reference` and commit provider/README.md");
  });

  it("README.md's ServerlessApp table is the one the schema writes (npm run reference)", () => {
    const readme = fs.readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    assert.ok(readme.includes(appReference()), "run `npm run reference` and commit README.md");
  });
});
