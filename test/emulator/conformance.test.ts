/**
 * Walks Twilio's own description of the Serverless API (from @twilio-alpha/mcp) and calls every
 * operation on the emulator: each must answer its documented success status with a body that
 * validates against the documented schema and carries every documented property.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import {
  deployProject,
  HELLO_SOURCE,
  startTestEmulator,
  waitForBuild,
  type Client,
  type Deployed,
  type Emulator,
  type Form,
} from "./helpers";

const SPEC_FILE = require.resolve("@twilio-alpha/mcp/twilio-oai/spec/json/twilio_serverless_v1.json");
const spec = JSON.parse(readFileSync(SPEC_FILE, "utf8"));
const METHODS = ["get", "post", "delete"] as const;

interface Operation {
  method: string;
  template: string;
  operationId: string;
  successStatus: number;
  schema: any;
  hasBody: boolean;
}

function operations(): Operation[] {
  const result: Operation[] = [];
  for (const [template, item] of Object.entries<any>(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const [status, response] = Object.entries<any>(operation.responses).find(([code]) => code.startsWith("2"))!;
      result.push({
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId,
        successStatus: Number(status),
        schema: response.content?.["application/json"]?.schema,
        hasBody: !!operation.requestBody,
      });
    }
  }
  return result;
}

function resolveRef(schema: any): any {
  if (!schema?.$ref) return schema;
  const path = schema.$ref.replace(/^#\//, "").split("/");
  return path.reduce((node: any, key: string) => node[key], spec);
}

/** Documented properties the answer lacks (Twilio sends every property, null when empty). */
function missingProperties(schema: any, value: any, where: string): string[] {
  const resolved = resolveRef(schema);
  if (!resolved?.properties || value === null || typeof value !== "object") return [];
  const missing: string[] = [];
  for (const [name, property] of Object.entries<any>(resolved.properties)) {
    if (!(name in value)) {
      missing.push(`${where}.${name}`);
      continue;
    }
    if (property.type === "array" && property.items?.$ref) {
      (value[name] as unknown[]).forEach((item, index) =>
        missing.push(...missingProperties(property.items, item, `${where}.${name}[${index}]`)),
      );
    } else if (property.properties) {
      missing.push(...missingProperties(property, value[name], `${where}.${name}`));
    }
  }
  return missing;
}

describe("emulator conformance with Twilio's Serverless API description", function () {
  let emulator: Emulator;
  let client: Client;
  let project: Deployed;
  let variable: any;
  let log: any;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat("uri-map", true);

  before(async function () {
    ({ emulator, client } = await startTestEmulator());
    project = await deployProject(client, "conformance");
    const env = `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}`;
    variable = await client.ok("POST", `${env}/Variables`, { Key: "GREETING", Value: "hi" });
    const answer = await fetch(`${emulator.url}/_domains/${project.environment.domain_name}/hello`);
    await answer.text();
    const logs = await client.ok("GET", `${env}/Logs`);
    assert.ok(logs.logs.length > 0, "calling the deployed function must leave a Log");
    log = logs.logs[0];
  });

  after(() => emulator.stop());

  /** Sids for the placeholders of a path; `{Sid}` is the resource the path ends in. */
  function sidsFor(template: string, overrides: Record<string, string> = {}): string {
    const collection = /\/(\w+)\/\{Sid\}(\/\w+)?$/.exec(template)?.[1];
    const underAssets = template.includes("/Assets/");
    const sidByCollection: Record<string, string> = {
      Services: project.service.sid,
      Environments: project.environment.sid,
      Functions: project.fn.sid,
      Assets: project.asset.sid,
      Versions: underAssets ? project.assetVersion.sid : project.functionVersion.sid,
      Builds: project.build.sid,
      Deployments: project.deployment.sid,
      Variables: variable.sid,
      Logs: log.sid,
    };
    const values: Record<string, string> = {
      ServiceSid: project.service.sid,
      EnvironmentSid: project.environment.sid,
      FunctionSid: project.fn.sid,
      AssetSid: project.asset.sid,
      Sid: collection ? sidByCollection[collection] : "",
      ...overrides,
    };
    return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
  }

  /** Request bodies, by operation. */
  const forms: Record<string, () => Form> = {
    CreateService: () => ({
      UniqueName: "conformance-created",
      FriendlyName: "Created",
      IncludeCredentials: true,
      UiEditable: false,
    }),
    UpdateService: () => ({ FriendlyName: "Renamed", UiEditable: true }),
    CreateEnvironment: () => ({ UniqueName: "staging", DomainSuffix: "stage" }),
    CreateFunction: () => ({ FriendlyName: "another function" }),
    UpdateFunction: () => ({ FriendlyName: "hello renamed" }),
    CreateAsset: () => ({ FriendlyName: "another asset" }),
    UpdateAsset: () => ({ FriendlyName: "style renamed" }),
    CreateBuild: () => ({
      FunctionVersions: [project.functionVersion.sid],
      AssetVersions: [project.assetVersion.sid],
      Dependencies: JSON.stringify([{ name: "lodash", version: "4.17.21" }]),
      Runtime: "node22",
    }),
    CreateDeployment: () => ({}),
    CreateVariable: () => ({ Key: "OTHER", Value: "value" }),
    UpdateVariable: () => ({ Value: "changed" }),
  };

  /** A throwaway resource for each delete, so deleting leaves the shared project intact. */
  const throwaways: Record<string, () => Promise<Record<string, string>>> = {
    DeleteService: async () => ({
      Sid: (await client.ok("POST", "/v1/Services", { UniqueName: "doomed", FriendlyName: "doomed" })).sid,
    }),
    DeleteEnvironment: async () => ({
      Sid: (
        await client.ok("POST", `/v1/Services/${project.service.sid}/Environments`, {
          UniqueName: "doomed",
          DomainSuffix: "doomed",
        })
      ).sid,
    }),
    DeleteFunction: async () => ({
      Sid: (await client.ok("POST", `/v1/Services/${project.service.sid}/Functions`, { FriendlyName: "doomed" })).sid,
    }),
    DeleteAsset: async () => ({
      Sid: (await client.ok("POST", `/v1/Services/${project.service.sid}/Assets`, { FriendlyName: "doomed" })).sid,
    }),
    DeleteBuild: async () => {
      const build = await client.ok("POST", `/v1/Services/${project.service.sid}/Builds`, {
        FunctionVersions: [project.functionVersion.sid],
      });
      await waitForBuild(client, project.service.sid, build.sid);
      return { Sid: build.sid };
    },
    DeleteVariable: async () => ({
      Sid: (
        await client.ok(
          "POST",
          `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}/Variables`,
          { Key: "DOOMED", Value: "x" },
        )
      ).sid,
    }),
  };

  const all = operations();

  it("describes operations for every resource (the description was found and read)", function () {
    assert.ok(all.length >= 30, `expected the full description, found ${all.length} operations`);
  });

  // Deletes last: they must not take away what the other operations read.
  const ordered = [...all.filter((op) => op.method !== "DELETE"), ...all.filter((op) => op.method === "DELETE")];
  for (const operation of ordered) {
    it(`${operation.operationId}: ${operation.method} ${operation.template}`, async function () {
      if (operation.hasBody)
        assert.ok(forms[operation.operationId], `the test needs a request body for ${operation.operationId}`);
      if (operation.method === "DELETE")
        assert.ok(throwaways[operation.operationId], `the test needs a throwaway for ${operation.operationId}`);
      const overrides = operation.method === "DELETE" ? await throwaways[operation.operationId]() : {};
      const form = operation.hasBody ? forms[operation.operationId]() : undefined;
      const answer = await client.call(operation.method, sidsFor(operation.template, overrides), form);
      assert.equal(answer.status, operation.successStatus, `answer: ${JSON.stringify(answer.body)}`);
      if (!operation.schema) {
        assert.equal(answer.body, undefined);
        return;
      }
      const body: any = answer.body;
      const validate = ajv.compile<any>({ ...operation.schema, components: spec.components });
      assert.ok(validate(body), `schema errors: ${ajv.errorsText(validate.errors)}\nbody: ${JSON.stringify(body)}`);
      const listKey = body.meta?.key;
      if (listKey) {
        assert.ok(body[listKey].length > 0, `the list ${listKey} should not be empty in this scenario`);
        const itemSchema = operation.schema.properties[listKey].items;
        const missing = body[listKey].flatMap((item: unknown, index: number) =>
          missingProperties(itemSchema, item, `${listKey}[${index}]`),
        );
        missing.push(...missingProperties(operation.schema.properties.meta, body.meta, "meta"));
        assert.deepEqual(missing, []);
      } else {
        assert.deepEqual(missingProperties(operation.schema, body, "body"), []);
      }
    });
  }

  it("serves the function source it was given at /Content", async function () {
    const content = await client.ok(
      "GET",
      `/v1/Services/${project.service.sid}/Functions/${project.fn.sid}/Versions/${project.functionVersion.sid}/Content`,
    );
    assert.equal(content.content, HELLO_SOURCE);
  });
});
