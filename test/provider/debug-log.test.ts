/**
 * The debug log (`DEBUG=pulumi-twilio-serverless:*`, and the emulator's
 * `DEBUG=twilio-serverless-emulator:*`): every API call with its status, time and retry number,
 * Build polling, the emulator's requests; and never a credential, an auth header or a
 * Variable's value. Output is captured in-process through the `debug` package's own hooks.
 */
import * as assert from "node:assert/strict";
import { format } from "node:util";
import createDebug from "debug";
import { MockAgent } from "undici";
import { HttpClient } from "../../provider/client/http";
import { variableOperations } from "../../provider/resources/variable";
import { useStage } from "./fixtures";
import { create, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, useEmulator } from "./helpers";

const NAMESPACES = "pulumi-twilio-serverless:*,twilio-serverless-emulator:*";

/** Captures every enabled debug line while the suite runs. */
function useDebugCapture(): string[] {
  const lines: string[] = [];
  let previous = "";
  const log = createDebug.log;
  before(() => {
    previous = createDebug.disable();
    createDebug.enable(NAMESPACES);
    createDebug.log = (...args: unknown[]) => void lines.push(format(...args));
  });
  after(() => {
    createDebug.log = log;
    createDebug.enable(previous);
  });
  return lines;
}

describe("debug log", function () {
  this.timeout(60_000);
  const lines = useDebugCapture();
  const emulator = useEmulator();
  const stage = useStage(emulator);
  const SECRET_VALUE = "variable-value-that-must-stay-secret-9f2c";

  before(async () => {
    await create(variableOperations, {
      serviceSid: stage.serviceSid,
      environmentSid: stage.environmentSid,
      key: "API_SECRET",
      value: SECRET_VALUE,
    });
    await stage.build();
  });

  /** Lines of one namespace, e.g. "pulumi-twilio-serverless:http". */
  const of = (namespace: string) => lines.filter((line) => line.includes(`${namespace} `));

  it("shows every API call the provider makes: method, path, status and time", () => {
    const http = of("pulumi-twilio-serverless:http");
    assert.ok(
      http.some((line) => /POST \/v1\/Services 201 \d+ ms/.test(line)),
      `no Service create in:\n${http.join("\n")}`,
    );
    assert.ok(http.some((line) => /POST \/v1\/Services\/ZS\w+\/Environments\/ZE\w+\/Variables 201 \d+ ms/.test(line)));
    assert.ok(http.some((line) => /POST \(upload\) \/v1\/Services\/ZS\w+\/Functions\/ZH\w+\/Versions 201/.test(line)));
  });

  it("shows Build polling", () => {
    const build = of("pulumi-twilio-serverless:build");
    assert.ok(
      build.some((line) => /Build ZB\w+: completed after \d+ ms \(poll \d+\)/.test(line)),
      build.join("\n"),
    );
  });

  it("shows the emulator's requests and its Builds", () => {
    const requests = of("twilio-serverless-emulator:request");
    assert.ok(
      requests.some((line) => /POST \/v1\/Services 201 \d+ ms/.test(line)),
      requests.join("\n"),
    );
    assert.ok(of("twilio-serverless-emulator:build").some((line) => /Build ZB\w+: completed/.test(line)));
  });

  it("never shows the auth token, an auth header or a Variable's value", () => {
    const all = lines.join("\n");
    assert.ok(lines.length > 10, `too few lines captured to mean anything: ${lines.length}`);
    const basic = Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString("base64");
    for (const secret of [TEST_AUTH_TOKEN, basic, SECRET_VALUE]) assert.ok(!all.includes(secret), secret);
    assert.doesNotMatch(all, /authorization|Basic /i);
  });
});

describe("debug log of retries", () => {
  const lines = useDebugCapture();

  it("numbers each retry and says how long it waits", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    const pool = agent.get("http://api.test");
    pool.intercept({ path: "/v1/Services", method: "GET" }).reply(503, "busy");
    pool.intercept({ path: "/v1/Services", method: "GET" }).reply(200, "{}");
    const client = new HttpClient(
      {
        credentials: { accountSid: "AC1", username: "AC1", password: "token-of-the-retry-test" },
        endpoints: { apiOrigin: "http://api.test", uploadOrigin: "http://api.test" },
        concurrency: 1,
        retry: { maxRetries: 2, baseDelayMs: 10, maxDelayMs: 10, budgetMs: 1000 },
        requestTimeoutMs: 1000,
      },
      { dispatcher: agent, sleep: async () => undefined, random: () => 0.5 },
    );
    await client.request({ method: "GET", path: "/v1/Services", operation: "listing Services" });
    const http = lines.filter((line) => line.includes("pulumi-twilio-serverless:http "));
    assert.ok(/GET \/v1\/Services 503 \d+ ms/.test(http[0]), http.join("\n"));
    assert.ok(/GET \/v1\/Services: retry 1 in \d+ ms/.test(http[1]), http.join("\n"));
    assert.ok(/GET \/v1\/Services 200 \d+ ms \(retry 1\)/.test(http[2]), http.join("\n"));
    assert.ok(!lines.join("\n").includes("token-of-the-retry-test"));
  });
});
