import * as assert from "node:assert/strict";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, MockAgent, Response, type Dispatcher } from "undici";
import type { ClientSettings, RetryPolicy } from "../../provider/client/config";
import { HttpClient, encodeForm } from "../../provider/client/http";
import { TwilioApiError } from "../../provider/client/errors";
import { versionForm } from "../../provider/client/upload";
import { ConcurrencyLimit } from "../../provider/client/retry";

const ORIGIN = "http://api.test";
const TOKEN = "s3cr3t-auth-token-0123456789abcdef";

function settings(retry: Partial<RetryPolicy> = {}): ClientSettings {
  return {
    credentials: { accountSid: "AC0123", username: "AC0123", password: TOKEN },
    endpoints: { apiOrigin: ORIGIN, uploadOrigin: ORIGIN },
    concurrency: 4,
    retry: { maxRetries: 3, baseDelayMs: 10, maxDelayMs: 60_000, budgetMs: 600_000, ...retry },
    requestTimeoutMs: 5000,
  };
}

/** A client on a MockAgent whose sleeps are recorded, not waited. */
function mockedClient(retry: Partial<RetryPolicy> = {}) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const sleeps: number[] = [];
  const client = new HttpClient(settings(retry), {
    dispatcher: agent,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  return { agent, pool: agent.get(ORIGIN), client, sleeps };
}

function connectionError(): Error {
  return Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
}

const JSON_HEADERS = { headers: { "content-type": "application/json" } };

describe("client: form encoding", () => {
  it("repeats the key for each list item and leaves undefined out", () => {
    const text = encodeForm({ FunctionVersions: ["ZN1", "ZN2"], Runtime: "node22", Skip: undefined, Flag: false });
    assert.equal(text, "FunctionVersions=ZN1&FunctionVersions=ZN2&Runtime=node22&Flag=false");
  });

  it("escapes reserved characters in values", () => {
    assert.equal(encodeForm({ Dependencies: '[{"name":"a b"}]' }), "Dependencies=%5B%7B%22name%22%3A%22a+b%22%7D%5D");
  });
});

describe("client: retries", () => {
  it("retries a 429 and waits what Retry-After says", async () => {
    const { pool, client, sleeps } = mockedClient();
    pool
      .intercept({ path: "/v1/Services/ZS1", method: "GET" })
      .reply(429, { code: 20429, message: "Too many" }, { headers: { "retry-after": "7" } });
    pool.intercept({ path: "/v1/Services/ZS1", method: "GET" }).reply(200, { sid: "ZS1" }, JSON_HEADERS);
    const result = await client.request<{ sid: string }>({
      method: "GET",
      path: "/v1/Services/ZS1",
      operation: "reading Service ZS1",
    });
    assert.equal(result.sid, "ZS1");
    assert.deepEqual(sleeps, [7000]);
  });

  it("retries 5xx with growing backoff", async () => {
    const { pool, client, sleeps } = mockedClient();
    pool.intercept({ path: "/v1/Services", method: "GET" }).reply(503, "busy").times(2);
    pool.intercept({ path: "/v1/Services", method: "GET" }).reply(200, { ok: true }, JSON_HEADERS);
    await client.request({ method: "GET", path: "/v1/Services", operation: "listing" });
    assert.equal(sleeps.length, 2);
    assert.ok(sleeps[1] > sleeps[0], `backoff should grow: ${sleeps.join()}`);
  });

  it("retries a connection error", async () => {
    const { pool, client } = mockedClient();
    pool.intercept({ path: "/v1/Services/ZS1", method: "DELETE" }).replyWithError(connectionError());
    pool.intercept({ path: "/v1/Services/ZS1", method: "DELETE" }).reply(204, "");
    const result = await client.request({ method: "DELETE", path: "/v1/Services/ZS1", operation: "deleting" });
    assert.equal(result, undefined);
  });

  it("gives up after maxRetries with the last error", async () => {
    const { pool, client, sleeps } = mockedClient({ maxRetries: 2 });
    pool.intercept({ path: "/v1/Services", method: "GET" }).reply(500, { code: 20500, message: "Internal" }).times(3);
    await assert.rejects(
      client.request({ method: "GET", path: "/v1/Services", operation: "listing Services" }),
      (error: unknown) => error instanceof TwilioApiError && error.status === 500 && error.code === 20500,
    );
    assert.equal(sleeps.length, 2);
  });

  it("does not start a retry that would exceed the time budget", async () => {
    const { pool, client, sleeps } = mockedClient({ budgetMs: 100 });
    pool
      .intercept({ path: "/v1/Services", method: "GET" })
      .reply(429, { message: "slow down" }, { headers: { "retry-after": "30" } });
    await assert.rejects(
      client.request({ method: "GET", path: "/v1/Services", operation: "listing Services" }),
      (error: unknown) => error instanceof TwilioApiError && error.status === 429,
    );
    assert.deepEqual(sleeps, []);
  });

  it("does not retry a 4xx other than 429", async () => {
    const { pool, client, sleeps } = mockedClient();
    pool.intercept({ path: "/v1/Services/ZSx", method: "GET" }).reply(404, { code: 20404, message: "not found" });
    await assert.rejects(client.request({ method: "GET", path: "/v1/Services/ZSx", operation: "reading" }), /404/);
    assert.deepEqual(sleeps, []);
  });

  it("looks a create up before retrying after a dropped connection, and adopts what it finds", async () => {
    const { pool, client } = mockedClient();
    pool.intercept({ path: "/v1/Services", method: "POST" }).replyWithError(connectionError());
    let lookedUp = 0;
    const result = await client.request<{ sid: string }>({
      method: "POST",
      path: "/v1/Services",
      operation: "creating Service 'x'",
      form: { UniqueName: "x" },
      recover: async () => {
        lookedUp++;
        return { sid: "ZSfound" };
      },
    });
    assert.equal(result.sid, "ZSfound");
    assert.equal(lookedUp, 1);
  });

  it("creates again when the lookup finds nothing", async () => {
    const { pool, client } = mockedClient();
    pool.intercept({ path: "/v1/Services", method: "POST" }).reply(502, "bad gateway");
    pool.intercept({ path: "/v1/Services", method: "POST" }).reply(201, { sid: "ZSnew" }, JSON_HEADERS);
    const result = await client.request<{ sid: string }>({
      method: "POST",
      path: "/v1/Services",
      operation: "creating Service 'x'",
      recover: async () => undefined,
    });
    assert.equal(result.sid, "ZSnew");
  });

  it("does not look up after a 429 (Twilio refused it, nothing was created)", async () => {
    const { pool, client } = mockedClient();
    pool.intercept({ path: "/v1/Services", method: "POST" }).reply(429, { message: "slow" });
    pool.intercept({ path: "/v1/Services", method: "POST" }).reply(201, { sid: "ZSnew" }, JSON_HEADERS);
    let lookedUp = false;
    await client.request({
      method: "POST",
      path: "/v1/Services",
      operation: "creating",
      recover: async () => {
        lookedUp = true;
        return { sid: "wrong" };
      },
    });
    assert.equal(lookedUp, false);
  });

  it("bounds requests in flight at its concurrency: 4 at once, never more (counted where it sends and at a real server)", async () => {
    // The server answers only once 4 requests wait at once, so a client that sent fewer at a time
    // would never be answered (the test fails on its timeout). Then, at each batch, the client
    // must have handed exactly 4 more requests to the network than it got answers for.
    const LIMIT = 4;
    const agent = new CountingAgent();
    const sentAtEachBatch: number[] = [];
    let waiting: ServerResponse[] = [];
    const server = createServer((_req, res) => {
      waiting.push(res);
      if (waiting.length < LIMIT) return;
      sentAtEachBatch.push(agent.dispatched);
      const answering = waiting;
      waiting = [];
      for (const response of answering) response.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = new HttpClient(
      { ...settings(), concurrency: LIMIT, endpoints: { apiOrigin: origin, uploadOrigin: origin } },
      { dispatcher: agent },
    );
    try {
      await Promise.all(
        Array.from({ length: 3 * LIMIT }, (_, i) =>
          client.request({ method: "GET", path: `/v1/Services/ZS${i}`, operation: "reading" }),
        ),
      );
      assert.deepEqual(
        sentAtEachBatch,
        [LIMIT, 2 * LIMIT, 3 * LIMIT],
        "requests handed to the network when each batch of 4 waited at the server",
      );
    } finally {
      await client.close();
      await agent.close();
      server.close();
    }
  });
});

/** An undici Agent that counts the requests handed to it (each attempt, before it reaches the socket). */
class CountingAgent extends Agent {
  dispatched = 0;
  dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    this.dispatched++;
    return super.dispatch(options, handler);
  }
}

describe("client: concurrency limit", () => {
  it("never runs more tasks than its limit and runs them all", async () => {
    const limit = new ConcurrencyLimit(3);
    let active = 0;
    let mostActive = 0;
    const gates: (() => void)[] = [];
    const tasks = Array.from({ length: 10 }, (_, i) =>
      limit.run(async () => {
        active++;
        mostActive = Math.max(mostActive, active);
        await new Promise<void>((resolve) => gates.push(resolve));
        active--;
        return i;
      }),
    );
    while (gates.length || active) {
      await new Promise((resolve) => setImmediate(resolve));
      gates.shift()?.();
    }
    assert.deepEqual(await Promise.all(tasks), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(mostActive, 3);
  });
});

describe("client: pagination", () => {
  it("follows meta.next_page_url on its own origin until it is null", async () => {
    const { pool, client } = mockedClient();
    pool.intercept({ path: "/v1/Services?PageSize=100", method: "GET" }).reply(
      200,
      {
        services: [{ sid: "ZS1" }, { sid: "ZS2" }],
        meta: {
          key: "services",
          next_page_url: "https://serverless.twilio.com/v1/Services?PageSize=100&Page=1&PageToken=PT1",
        },
      },
      JSON_HEADERS,
    );
    pool
      .intercept({ path: "/v1/Services?PageSize=100&Page=1&PageToken=PT1", method: "GET" })
      .reply(200, { services: [{ sid: "ZS3" }], meta: { key: "services", next_page_url: null } }, JSON_HEADERS);
    const services = await client.list<{ sid: string }>("/v1/Services", "services", "listing Services");
    assert.deepEqual(
      services.map((s) => s.sid),
      ["ZS1", "ZS2", "ZS3"],
    );
  });
});

describe("client: errors", () => {
  it("names the operation, carries Twilio's fields, and never shows a credential", async () => {
    const { pool, client } = mockedClient();
    const basic = Buffer.from(`AC0123:${TOKEN}`).toString("base64");
    pool.intercept({ path: "/v1/Services/ZS1/Environments", method: "POST" }).reply(409, {
      code: 20409,
      message: `Environment with this UniqueName already exists (token ${TOKEN}, header Basic ${basic})`,
      more_info: "https://www.twilio.com/docs/errors/20409",
      status: 409,
    });
    const error = await client
      .request({
        method: "POST",
        path: "/v1/Services/ZS1/Environments",
        operation: "creating Environment 'dev' of Service ZS1",
      })
      .catch((e: unknown) => e);
    assert.ok(error instanceof TwilioApiError);
    assert.equal(error.status, 409);
    assert.equal(error.code, 20409);
    assert.equal(error.moreInfo, "https://www.twilio.com/docs/errors/20409");
    assert.match(
      error.message,
      /^creating Environment 'dev' of Service ZS1: 409 Environment with this UniqueName already exists/,
    );
    assert.ok(!error.message.includes(TOKEN), error.message);
    assert.ok(!error.message.includes(basic), error.message);
    assert.ok(!JSON.stringify(error).includes(TOKEN));
  });

  it("turns a connection failure that outlasts the retries into the same error type", async () => {
    const { pool, client } = mockedClient({ maxRetries: 1 });
    pool.intercept({ path: "/v1/Services", method: "GET" }).replyWithError(connectionError()).times(2);
    const error = await client
      .request({ method: "GET", path: "/v1/Services", operation: "listing Services" })
      .catch((e: unknown) => e);
    assert.ok(error instanceof TwilioApiError);
    assert.equal(error.status, 0);
    assert.match(error.message, /^listing Services: no response other side closed/);
  });
});

describe("client: version upload form", () => {
  it("carries Path, Visibility and a Content part with file name and type", async () => {
    const form = await versionForm({
      path: "/hello",
      visibility: "protected",
      content: { text: "exports.handler = 1;" },
      contentType: "application/javascript",
    });
    const text = await new Response(form).text();
    assert.match(text, /name="Path"\r\n\r\n\/hello\r\n/);
    assert.match(text, /name="Visibility"\r\n\r\nprotected\r\n/);
    assert.match(
      text,
      /name="Content"; filename="hello"\r\nContent-Type: application\/javascript\r\n\r\nexports.handler = 1;/,
    );
  });
});
