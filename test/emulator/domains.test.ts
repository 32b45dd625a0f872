/**
 * Deployed domains served on the emulator's port, through the function runtime: by Host header,
 * by <domain>.localhost and by /_domains/<domain>/<path>; console output becomes Logs.
 */
import { strict as assert } from "node:assert";
import { request } from "node:http";
import { deployProject, startTestEmulator, type Client, type Deployed, type Emulator } from "./helpers";

const GREETER = `exports.handler = function (context, event, callback) {
  console.log("greeting " + (event.name || "nobody"));
  console.error("this one is an error");
  callback(null, context.GREETING + ", " + (event.name || "nobody"));
};
`;

/** A GET with an explicit Host header (fetch does not let a caller set Host). */
function getWithHost(
  port: number,
  host: string,
  path: string,
): Promise<{ status: number; body: string; type?: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body, type: res.headers["content-type"] }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("emulator domains", function () {
  let emulator: Emulator;
  let client: Client;
  let project: Deployed;
  let domain: string;
  let environmentPath: string;

  before(async function () {
    ({ emulator, client } = await startTestEmulator({ limits: { domainBodyBytes: 1000 } }));
    // Variables are read when the domain is called, so set one before the call.
    project = await deployProject(client, "domains", GREETER);
    domain = project.environment.domain_name;
    environmentPath = `/v1/Services/${project.service.sid}/Environments/${project.environment.sid}`;
    await client.ok("POST", `${environmentPath}/Variables`, { Key: "GREETING", Value: "Hello" });
  });
  after(() => emulator.stop());

  it("answers a GET on a deployed function with its body (path form)", async function () {
    const answer = await fetch(`${emulator.url}/_domains/${domain}/hello?name=Ada`);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), "Hello, Ada");
  });

  it("serves the same by Host header, port and case ignored", async function () {
    const answer = await getWithHost(emulator.port, `${domain.toUpperCase()}:${emulator.port}`, "/hello?name=Grace");
    assert.equal(answer.status, 200);
    assert.equal(answer.body, "Hello, Grace");
  });

  it("serves the same at <domain>.localhost, for browsers", async function () {
    const answer = await getWithHost(emulator.port, `${domain}.localhost:${emulator.port}`, "/hello");
    assert.equal(answer.body, "Hello, nobody");
  });

  it("serves assets with their content type", async function () {
    const answer = await fetch(`${emulator.url}/_domains/${domain}/style.css`);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get("content-type") ?? "", /^text\/css/);
    assert.equal(await answer.text(), "body { color: red; }");
  });

  it("answers 404 for a domain nothing is deployed to", async function () {
    const unknown = await getWithHost(emulator.port, "nobody-0000.twil.io", "/hello");
    assert.equal(unknown.status, 404);
    const bare = await client.ok("POST", `/v1/Services/${project.service.sid}/Environments`, {
      UniqueName: "bare",
      DomainSuffix: "bare",
    });
    const undeployed = await fetch(`${emulator.url}/_domains/${bare.domain_name}/hello`);
    assert.equal(undeployed.status, 404);
    await undeployed.text();
  });

  it("answers 413 for a request body over the domain limit", async function () {
    const answer = await fetch(`${emulator.url}/_domains/${domain}/hello`, { method: "POST", body: "x".repeat(1001) });
    assert.equal(answer.status, 413);
    await answer.text();
  });

  it("turns console output into Logs of the environment", async function () {
    await (await fetch(`${emulator.url}/_domains/${domain}/hello?name=Logger`)).text();
    const { logs } = await client.ok("GET", `${environmentPath}/Logs?FunctionSid=${project.fn.sid}`);
    const info = logs.find((log: any) => log.message.includes("greeting Logger"));
    assert.ok(info, JSON.stringify(logs));
    assert.equal(info.level, "info");
    assert.equal(info.function_sid, project.fn.sid);
    assert.equal(info.build_sid, project.build.sid);
    assert.equal(info.deployment_sid, project.deployment.sid);
    assert.match(info.request_sid, /^RQ[0-9a-f]{32}$/);
    assert.match(info.sid, /^NO[0-9a-f]{32}$/);
    const error = logs.find((log: any) => log.request_sid === info.request_sid && log.level === "error");
    assert.equal(error?.message, "this one is an error");
    const fetched = await client.ok("GET", `${environmentPath}/Logs/${info.sid}`);
    assert.equal(fetched.message, info.message);
    const otherFunction = await client.ok("GET", `${environmentPath}/Logs?FunctionSid=ZH${"0".repeat(32)}`);
    assert.deepEqual(otherFunction.logs, []);
  });

  it("needs no API credentials and counts no API calls", async function () {
    await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" });
    await (await fetch(`${emulator.url}/_domains/${domain}/hello`)).text();
    assert.deepEqual((await client.stats()).calls, {});
  });
});
