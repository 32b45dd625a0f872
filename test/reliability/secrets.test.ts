/**
 * Secrets stay secret: the auth token, an API key secret and Variable values never appear in
 * plaintext in the state (`pulumi stack export`), in the output of `pulumi up` (also with
 * `--debug`), or in any error, even one from a Twilio that echoes the request back.
 *
 * With `-v=9 --logtostderr` the Pulumi engine itself logs the RPC payloads it marshals, secret
 * config and secret inputs included (Pulumi's docs: verbose logs may reveal credentials; redact
 * them before sharing). The test pins that down: only those engine lines hold a secret, never a
 * line of ours. Credentials from the environment never reach the engine at all.
 */
import * as assert from "assert";
import * as fs from "fs";
import { createServer, type Server } from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { startEmulator, TEST_ACCOUNT_SID, TEST_API_KEY, TEST_API_SECRET, TEST_AUTH_TOKEN } from "../../emulator";
import { closeClient, resetStackConfig } from "../../provider/client";
import { serviceOperations } from "../../provider/resources/service";
import { variableOperations } from "../../provider/resources/variable";
import { callDomain, configNamespace, PATHS, resourceType, TestStack } from "../e2e/harness";

const FIRST_VALUE = "first-greeting-value-5b7d";
const SECOND_VALUE = "second-greeting-value-c81a";
const WRONG_TOKEN = "wrong1token1e0e0e0e0e0e0e0e0e0e0";
const basic = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString("base64");
const SECRETS = [
  TEST_AUTH_TOKEN,
  TEST_API_SECRET,
  FIRST_VALUE,
  SECOND_VALUE,
  WRONG_TOKEN,
  basic(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN),
  basic(TEST_API_KEY, TEST_API_SECRET),
];

function leaks(text: string): string[] {
  return SECRETS.filter((secret) => text.includes(secret));
}

/** The engine's own verbose lines that carry marshaled property values. */
const ENGINE_PAYLOAD_LINE =
  /^\{"time":"[^"]+","level":"INFO","msg":"(Marshaling property for RPC|Unmarshaling property for RPC|Planner decided to)/;

for (const programPath of PATHS)
  describe(`reliability: secrets through the CLI (${programPath} path)`, function () {
    const ns = configNamespace(programPath);
    const variableType = resourceType(programPath, "Variable");
    this.timeout(300_000);
    let emulator: Awaited<ReturnType<typeof startEmulator>>;
    let stack: TestStack;

    before(async () => {
      emulator = await startEmulator({ buildDelayMs: 100 });
      stack = await TestStack.create({
        example: "hello-world",
        path: programPath,
        apiUrl: emulator.url,
        config: {
          serviceName: `secrets-${programPath}-${process.pid}`,
          [`${ns}:accountSid`]: TEST_ACCOUNT_SID,
          [`${ns}:apiKey`]: TEST_API_KEY,
        },
        secretConfig: { greeting: FIRST_VALUE, [`${ns}:apiSecret`]: TEST_API_SECRET },
        // Only the stack config holds credentials.
        env: { TWILIO_ACCOUNT_SID: "", TWILIO_AUTH_TOKEN: "" },
      });
    });
    after(async () => {
      await stack?.mustRun(["config", "set", "--secret", `${ns}:authToken`, TEST_AUTH_TOKEN]);
      await stack?.dispose();
      await emulator?.stop();
    });

    async function assertStateClean(): Promise<void> {
      const state = await stack.exportState();
      assert.ok(state.includes('"ciphertext"'), "the state holds secrets, encrypted");
      assert.deepStrictEqual(leaks(state), [], "secrets in the state");
      const stackConfig = fs.readFileSync(path.join(stack.dir, `Pulumi.${stack.stackName}.yaml`), "utf8");
      assert.deepStrictEqual(leaks(stackConfig), [], "secrets in the stack's config file");
    }

    it("deploys with an API key from stack config; up --debug -v=9 shows no secret of ours, the state holds none", async () => {
      const result = await stack.mustRun(["up", "--yes", "--skip-preview", "--debug", "-v=9", "--logtostderr"]);
      assert.deepStrictEqual(leaks(result.stdout), [], "secrets in the output of up --debug");
      assert.ok(result.stderr.length > 100_000, "the verbose log was written");
      const lines = result.stderr.split("\n").filter((line) => leaks(line).length > 0);
      const ours = lines.filter((line) => !ENGINE_PAYLOAD_LINE.test(line));
      assert.deepStrictEqual(ours, [], "only the engine's own payload lines carry secrets");
      await assertStateClean();
      const { urls } = await stack.outputs();
      assert.strictEqual(
        (await callDomain(emulator.url, urls.dev.domainName, "/hello?name=Ada")).body,
        `${FIRST_VALUE}, Ada!`,
      );
    });

    it("changes the Variable with the auth token from stack config; up --debug and preview --diff show neither", async () => {
      await stack.mustRun(["config", "rm", `${ns}:apiKey`]);
      await stack.mustRun(["config", "rm", `${ns}:apiSecret`]);
      await stack.mustRun(["config", "set", "--secret", `${ns}:authToken`, TEST_AUTH_TOKEN]);
      await stack.mustRun(["config", "set", "--secret", "greeting", SECOND_VALUE]);
      const preview = await stack.mustRun(["preview", "--diff", "--show-replacement-steps"]);
      assert.match(preview.stdout, new RegExp(`~ ${variableType}: \\(update\\)[^]*value\\s*: \\[secret\\]`));
      const up = await stack.mustRun(["up", "--yes", "--skip-preview", "--debug", "--diff"]);
      assert.deepStrictEqual(leaks(preview.stdout + preview.stderr + up.stdout + up.stderr), []);
      await assertStateClean();
      const { urls } = await stack.outputs();
      assert.strictEqual(
        (await callDomain(emulator.url, urls.dev.domainName, "/hello?name=Ada")).body,
        `${SECOND_VALUE}, Ada!`,
      );
    });

    it("fails an up with a wrong token from stack config, showing neither token", async () => {
      await stack.mustRun(["config", "set", "--secret", `${ns}:authToken`, WRONG_TOKEN]);
      await stack.mustRun(["config", "set", "--secret", "greeting", FIRST_VALUE]);
      const result = await stack.run(["up", "--yes", "--skip-preview"]);
      assert.notStrictEqual(result.code, 0);
      assert.match(result.stdout, /401 .*Twilio refused the credentials of account AC[0-9a-f]{32}/);
      assert.deepStrictEqual(leaks(result.stdout + result.stderr), []);
    });
  });

describe("reliability: secrets in errors, from a Twilio that echoes requests", function () {
  let server: Server;
  const saved: Record<string, string | undefined> = {};
  const ENV = {
    TWILIO_SERVERLESS_API_URL: "",
    TWILIO_ACCOUNT_SID: TEST_ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: TEST_AUTH_TOKEN,
    TWILIO_SERVERLESS_MAX_RETRIES: "2",
    TWILIO_SERVERLESS_RETRY_BASE_MS: "1",
  };
  let status = 400;

  before(async () => {
    // Answers every request with `status` and an error whose message repeats the whole request.
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const auth = req.headers.authorization ?? "";
        const decoded = Buffer.from(auth.replace(/^Basic /, ""), "base64").toString();
        const message = `cannot ${req.method} ${req.url} with ${auth} (${decoded}): ${decodeURIComponent(body)} / ${body}`;
        res.writeHead(status, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            code: 20001,
            message,
            more_info: `https://www.twilio.com/docs/errors/20001?echo=${encodeURIComponent(message)}`,
            status,
          }),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ENV.TWILIO_SERVERLESS_API_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [name, value] of Object.entries(ENV)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    resetStackConfig();
  });
  after(async () => {
    await closeClient();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await new Promise((resolve) => server.close(resolve));
  });

  const ZS = `ZS${"1".repeat(32)}`;
  const ZE = `ZE${"2".repeat(32)}`;
  const ZV = `ZV${"3".repeat(32)}`;
  const variable = { serviceSid: ZS, environmentSid: ZE, key: "GREETING", value: FIRST_VALUE };

  async function errorOf(action: () => Promise<unknown>): Promise<Error> {
    const error = await action().then(
      () => undefined,
      (e: Error) => e,
    );
    assert.ok(error instanceof Error, "the call failed");
    return error;
  }

  for (const answer of [400, 500]) {
    it(`a ${answer} that echoes the request: no Variable value, token or Basic header in the error`, async () => {
      status = answer;
      const created = await errorOf(() => variableOperations.create(variable));
      const updated = await errorOf(() =>
        variableOperations.update(ZV, { ...variable, sid: ZV }, { ...variable, value: SECOND_VALUE }),
      );
      const service = await errorOf(() =>
        serviceOperations.create({
          uniqueName: "echo",
          friendlyName: "echo",
          includeCredentials: true,
          uiEditable: false,
          adopt: false,
        }),
      );
      for (const error of [created, updated, service]) {
        assert.match(error.message, new RegExp(`${answer} cannot`), "the echo reached the error");
        assert.deepStrictEqual(leaks(`${error.message} ${error.stack} ${JSON.stringify(error)}`), [], error.message);
      }
    });
  }
});
