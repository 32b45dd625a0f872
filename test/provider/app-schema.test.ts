/**
 * ServerlessApp's component schema (provider/schema/objects.ts) against the dynamic component's
 * argument types (provider/app/serverless-app.ts): the same fields, each optional or required
 * alike, so a field added to one and not the other fails here. The interfaces are read from the
 * source with the TypeScript compiler (types do not exist at run time).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { OBJECT_TYPES, SERVERLESS_APP } from "../../provider/schema/objects";
import type { FieldSpec } from "../../provider/schema/fields";

const SOURCE = path.join(__dirname, "..", "..", "provider", "app", "serverless-app.ts");

/** Each member of an interface of SOURCE: name → whether it is required. */
function interfaceMembers(name: string): Record<string, boolean> {
  const file = ts.createSourceFile(SOURCE, fs.readFileSync(SOURCE, "utf8"), ts.ScriptTarget.Latest, true);
  const found = file.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  assert.ok(found, `interface ${name} in ${SOURCE}`);
  return Object.fromEntries(
    found.members.filter(ts.isPropertySignature).map((member) => [member.name.getText(file), !member.questionToken]),
  );
}

const requiredOf = (fields: Readonly<Record<string, FieldSpec>>) =>
  Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.required === true]));

describe("ServerlessApp's schema and its dynamic args", () => {
  it("declare the same inputs, required alike", () => {
    assert.deepEqual(requiredOf(SERVERLESS_APP.inputs), interfaceMembers("ServerlessAppArgs"));
  });

  it("declare the same environment fields, required alike", () => {
    assert.deepEqual(requiredOf(OBJECT_TYPES.AppEnvironment.properties), interfaceMembers("AppEnvironmentArgs"));
  });

  it("declare the same environment outputs", () => {
    assert.deepEqual(
      requiredOf(OBJECT_TYPES.AppEnvironmentOutputs.properties),
      interfaceMembers("AppEnvironmentOutputs"),
    );
  });
});
