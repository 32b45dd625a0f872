import * as assert from "node:assert/strict";
import {
  configureFromStack,
  resetStackConfig,
  resolveCredentials,
  resolveEndpoints,
  resolveRetryPolicy,
  resolveSettings,
} from "../../provider/client/config";

const SID = "AC0123456789abcdef0123456789abcdef";

describe("client config", () => {
  afterEach(() => resetStackConfig());

  describe("credentials", () => {
    it("uses account sid and auth token from the environment", () => {
      assert.deepEqual(resolveCredentials({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "tok" }), {
        accountSid: SID,
        username: SID,
        password: "tok",
      });
    });

    it("prefers an API key and secret, with the account from TWILIO_ACCOUNT_SID", () => {
      const env = {
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: "tok",
        TWILIO_API_KEY: "SKkey",
        TWILIO_API_SECRET: "sec",
      };
      assert.deepEqual(resolveCredentials(env), { accountSid: SID, username: "SKkey", password: "sec" });
      assert.throws(
        () => resolveCredentials({ TWILIO_API_KEY: "SKkey", TWILIO_API_SECRET: "sec" }),
        /set TWILIO_ACCOUNT_SID \(or twilio:accountSid\)/,
      );
    });

    it("prefers stack config handed to configure over the environment", () => {
      const stack: Record<string, string> = {
        "twilio:accountSid": "ACstack",
        "twilio:authToken": "stacktok",
        "proj:other": "x",
      };
      configureFromStack({ get: (key) => stack[key] });
      assert.deepEqual(resolveCredentials({ TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "tok" }), {
        accountSid: "ACstack",
        username: "ACstack",
        password: "stacktok",
      });
    });

    it("says which variables or config keys to set when nothing is there, without echoing values", () => {
      const error = (() => {
        try {
          resolveCredentials({ TWILIO_AUTH_TOKEN: "lonely-token" });
        } catch (e) {
          return e as Error;
        }
        return undefined;
      })();
      assert.ok(error);
      for (const name of [
        "TWILIO_ACCOUNT_SID",
        "TWILIO_AUTH_TOKEN",
        "TWILIO_API_KEY",
        "TWILIO_API_SECRET",
        "twilio:accountSid",
        "twilio:authToken",
      ]) {
        assert.ok(error.message.includes(name), `mentions ${name}`);
      }
      assert.ok(!error.message.includes("lonely-token"));
    });
  });

  describe("endpoints", () => {
    it("defaults to Twilio's hosts", () => {
      assert.deepEqual(resolveEndpoints({}), {
        apiOrigin: "https://serverless.twilio.com",
        uploadOrigin: "https://serverless-upload.twilio.com",
      });
    });

    it("builds edge and region hosts as Twilio's tools do", () => {
      assert.equal(resolveEndpoints({ TWILIO_REGION: "ie1" }).apiOrigin, "https://serverless.dublin.ie1.twilio.com");
      assert.equal(
        resolveEndpoints({ TWILIO_REGION: "au1" }).uploadOrigin,
        "https://serverless-upload.sydney.au1.twilio.com",
      );
      assert.equal(resolveEndpoints({ TWILIO_REGION: "us1" }).apiOrigin, "https://serverless.ashburn.us1.twilio.com");
      assert.equal(
        resolveEndpoints({ TWILIO_EDGE: "frankfurt", TWILIO_REGION: "ie1" }).apiOrigin,
        "https://serverless.frankfurt.ie1.twilio.com",
      );
      assert.equal(resolveEndpoints({ TWILIO_EDGE: "tokyo" }).apiOrigin, "https://serverless.tokyo.us1.twilio.com");
    });

    it("sends uploads to TWILIO_SERVERLESS_API_URL too unless an upload URL is set; /v1 is dropped", () => {
      assert.deepEqual(resolveEndpoints({ TWILIO_SERVERLESS_API_URL: "http://127.0.0.1:4010/v1/" }), {
        apiOrigin: "http://127.0.0.1:4010",
        uploadOrigin: "http://127.0.0.1:4010",
      });
      const both = resolveEndpoints({
        TWILIO_SERVERLESS_API_URL: "http://127.0.0.1:4010",
        TWILIO_SERVERLESS_UPLOAD_URL: "http://127.0.0.1:4011",
      });
      assert.equal(both.uploadOrigin, "http://127.0.0.1:4011");
    });

    it("refuses a URL that is not an origin, naming the variable", () => {
      assert.throws(
        () => resolveEndpoints({ TWILIO_SERVERLESS_API_URL: "localhost:4010" }),
        /TWILIO_SERVERLESS_API_URL must (be an absolute URL|use http or https)/,
      );
      assert.throws(
        () => resolveEndpoints({ TWILIO_SERVERLESS_API_URL: "http://127.0.0.1:4010/api" }),
        /TWILIO_SERVERLESS_API_URL must be an origin/,
      );
    });
  });

  describe("tuning", () => {
    it("reads concurrency and retry bounds from the environment, with defaults", () => {
      const env = { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: "t" };
      assert.equal(resolveSettings(env).concurrency, 10);
      assert.equal(resolveSettings({ ...env, TWILIO_SERVERLESS_CONCURRENCY: "3" }).concurrency, 3);
      assert.deepEqual(
        resolveRetryPolicy({ TWILIO_SERVERLESS_MAX_RETRIES: "0", TWILIO_SERVERLESS_RETRY_BUDGET_MS: "1000" }),
        {
          maxRetries: 0,
          baseDelayMs: 500,
          maxDelayMs: 20_000,
          budgetMs: 1000,
        },
      );
      assert.throws(
        () => resolveSettings({ ...env, TWILIO_SERVERLESS_CONCURRENCY: "0" }),
        /TWILIO_SERVERLESS_CONCURRENCY must be a positive number, got "0"/,
      );
    });
  });
});
