/**
 * Twilio's own Toolkit client (@twilio-labs/serverless-api) deploys to the emulator. The client
 * has no base URL option: every URL it builds comes from `getApiUrl` in
 * dist/api/utils/api-client (read through the module's exports at each call), so the test
 * points that one export at the emulator and restores it afterwards.
 */
import { TwilioServerlessApiClient } from "@twilio-labs/serverless-api";
import { strict as assert } from "node:assert";
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from "../../emulator/index";
import { startTestEmulator, type Client, type Emulator } from "./helpers";

type GetApiUrl = (config: unknown, product?: string, apiVersion?: string) => string;
const apiClientModule = require("@twilio-labs/serverless-api/dist/api/utils/api-client") as { getApiUrl: GetApiUrl };

const SOURCE = `exports.handler = function (context, event, callback) {
  callback(null, context.GREETING + " from the Toolkit, " + (event.name || "world"));
};
`;

describe("Twilio's Toolkit client against the emulator", function () {
  let emulator: Emulator;
  let client: Client;
  let originalGetApiUrl: GetApiUrl;
  let result: Awaited<ReturnType<TwilioServerlessApiClient["deployProject"]>>;
  let toolkit: TwilioServerlessApiClient;

  const project = () => ({
    username: TEST_ACCOUNT_SID,
    password: TEST_AUTH_TOKEN,
    serviceName: "toolkit-demo",
    functionsEnv: "dev",
    env: { GREETING: "Hello" },
    pkgJson: { dependencies: { lodash: "4.17.21" } },
    runtime: "node22",
    overrideExistingService: true,
    functions: [{ name: "hello", path: "/hello", access: "public" as const, content: SOURCE }],
    assets: [{ name: "style.css", path: "/style.css", access: "public" as const, content: "h1 { color: blue; }" }],
  });

  before(async function () {
    ({ emulator, client } = await startTestEmulator());
    originalGetApiUrl = apiClientModule.getApiUrl;
    // Both products (serverless and serverless-upload) are served on the emulator's one port.
    apiClientModule.getApiUrl = (_config, _product, apiVersion = "v1") => `${emulator.url}/${apiVersion}`;
    toolkit = new TwilioServerlessApiClient({ username: TEST_ACCOUNT_SID, password: TEST_AUTH_TOKEN });
    result = await toolkit.deployProject(project());
  });

  after(async function () {
    apiClientModule.getApiUrl = originalGetApiUrl;
    await emulator.stop();
  });

  it("deploys a project: service, environment, uploads, a completed build and a deployment", async function () {
    assert.match(result.serviceSid, /^ZS[0-9a-f]{32}$/);
    assert.match(result.domain, /^toolkit-demo-\d{4}-dev\.twil\.io$/);
    const base = `/v1/Services/${result.serviceSid}`;
    const environment = await client.ok("GET", `${base}/Environments/${result.environmentSid}`);
    assert.equal(environment.build_sid, result.buildSid);
    assert.equal(environment.unique_name, "dev-environment");
    const build = await client.ok("GET", `${base}/Builds/${result.buildSid}`);
    assert.equal(build.status, "completed");
    assert.ok(
      build.dependencies.some((dependency: any) => dependency.name === "lodash" && dependency.version === "4.17.21"),
    );
    const { variables } = await client.ok("GET", `${base}/Environments/${result.environmentSid}/Variables`);
    assert.deepEqual(
      variables.map((variable: any) => [variable.key, variable.value]),
      [["GREETING", "Hello"]],
    );
    const stats = await client.stats();
    assert.equal(stats.calls["POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"], 1);
    assert.equal(stats.calls["POST /v1/Services/{ServiceSid}/Assets/{AssetSid}/Versions"], 1);
  });

  it("serves the deployed function over HTTP", async function () {
    const answer = await fetch(`${emulator.url}/_domains/${result.domain}/hello?name=Toolkit`);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), "Hello from the Toolkit, Toolkit");
    const asset = await fetch(`${emulator.url}/_domains/${result.domain}/style.css`);
    assert.equal(await asset.text(), "h1 { color: blue; }");
  });

  it("deploys again onto the same service and environment", async function () {
    const again = await toolkit.deployProject(project());
    assert.equal(again.serviceSid, result.serviceSid);
    assert.equal(again.environmentSid, result.environmentSid);
    assert.notEqual(again.buildSid, result.buildSid);
    const { services } = await client.ok("GET", "/v1/Services");
    assert.equal(services.length, 1);
  });
});
