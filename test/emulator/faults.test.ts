/** Latency, seeded fault injection and the /_emulator/stats counters. */
import { strict as assert } from "node:assert";
import { basicAuth, Client, startTestEmulator } from "./helpers";

type Outcome = number | "dropped";

/** Polls the emulator's stats until they show what the test waits for (an event, not a time). */
async function untilStats(client: Client, reached: (stats: any) => boolean): Promise<void> {
  while (!reached(await client.stats())) await new Promise((resolve) => setImmediate(resolve));
}

async function outcome(
  client: Client,
  method: string,
  path: string,
  form?: Record<string, string>,
): Promise<{ outcome: Outcome; retryAfter?: string | null }> {
  try {
    const answer = await client.call(method, path, form);
    return { outcome: answer.status, retryAfter: answer.headers.get("retry-after") };
  } catch {
    return { outcome: "dropped" };
  }
}

async function runSequence(seed: number, count: number): Promise<Outcome[]> {
  const { emulator, client } = await startTestEmulator({ faultRate: 0.5, seed });
  try {
    const outcomes: Outcome[] = [];
    for (let index = 0; index < count; index++) {
      const result = await outcome(client, "GET", "/v1/Services");
      if (result.outcome === 429) assert.equal(result.retryAfter, "1");
      outcomes.push(result.outcome);
    }
    return outcomes;
  } finally {
    await emulator.stop();
  }
}

describe("emulator faults", function () {
  it("fails the same requests the same way for the same seed", async function () {
    const first = await runSequence(42, 60);
    const second = await runSequence(42, 60);
    const other = await runSequence(7, 60);
    assert.deepEqual(second, first);
    assert.notDeepEqual(other, first);
    for (const kind of [200, 500, 429, "dropped"])
      assert.ok(first.includes(kind as Outcome), `expected some ${kind} in ${first.join()}`);
  });

  it("applies a request dropped after processing and not one dropped before", async function () {
    const { emulator, client } = await startTestEmulator({ faultRate: 0.6, seed: 3 });
    try {
      let created = 0;
      for (let index = 0; index < 80; index++) {
        const result = await outcome(client, "POST", "/v1/Services", { UniqueName: `f${index}`, FriendlyName: "x" });
        if (result.outcome === 201) created++;
      }
      const { faults } = await client.stats();
      assert.ok(faults["drop-before"] > 0 && faults["drop-after"] > 0, JSON.stringify(faults));
      let listed: number | undefined;
      while (listed === undefined) {
        const answer = await client.call("GET", "/v1/Services?PageSize=1000").catch(() => undefined);
        if (answer?.status === 200) listed = answer.body.services.length;
      }
      // 500, 429 and drops before processing change nothing; drops after processing do.
      assert.equal(listed, created + faults["drop-after"]);
    } finally {
      await emulator.stop();
    }
  });

  it("injects no faults into /_emulator or deployed domains", async function () {
    const { emulator, client } = await startTestEmulator({ faultRate: 1, seed: 1 });
    try {
      for (let index = 0; index < 10; index++)
        assert.equal((await fetch(`${emulator.url}/_emulator/stats`)).status, 200);
      const domain = await fetch(`${emulator.url}/_domains/nothing-1234.twil.io/`);
      assert.equal(domain.status, 404);
      await domain.text();
      assert.notEqual((await outcome(client, "GET", "/v1/Services")).outcome, 200);
    } finally {
      await emulator.stop();
    }
  });

  it("meets a planned fault on the next request of its route only, and refuses an unknown fault", async function () {
    const { emulator, client } = await startTestEmulator();
    const plan = (fault: string) =>
      fetch(`${emulator.url}/_emulator/fault?route=${encodeURIComponent("POST /v1/Services")}&fault=${fault}`, {
        method: "POST",
      });
    try {
      assert.equal((await plan("drop-after")).status, 200);
      assert.equal((await outcome(client, "GET", "/v1/Services")).outcome, 200, "another route");
      assert.equal(
        (await outcome(client, "POST", "/v1/Services", { UniqueName: "p1", FriendlyName: "x" })).outcome,
        "dropped",
      );
      assert.equal(
        (await outcome(client, "POST", "/v1/Services", { UniqueName: "p2", FriendlyName: "x" })).outcome,
        201,
      );
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 2, "the dropped one was applied");
      const refused = await plan("explode");
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /fault must be one of/);
    } finally {
      await emulator.stop();
    }
  });

  it("keeps a request counted but unanswered and unapplied while its latency lasts", async function () {
    const { emulator, client } = await startTestEmulator({ latencyMs: 600_000 });
    let stopped = false;
    try {
      const pending = client.call("POST", "/v1/Services", { UniqueName: "late", FriendlyName: "late" }).then(
        (answer) => answer.status,
        () => "dropped",
      );
      await untilStats(client, (stats) => stats.calls["POST /v1/Services"] === 1);
      assert.deepEqual((await client.stats()).responses, {}, "answered within its latency");
      await emulator.stop();
      stopped = true;
      assert.equal(await pending, "dropped");
    } finally {
      if (!stopped) await emulator.stop();
    }
  });
});

describe("emulator stats", function () {
  it("counts every API call by method and route template, refused ones included, its answers by status, and bytes uploaded; reset clears them but not state", async function () {
    const { emulator, client } = await startTestEmulator();
    try {
      const service = await client.ok("POST", "/v1/Services", { UniqueName: "stats", FriendlyName: "x" });
      const fn = await client.ok("POST", `/v1/Services/${service.sid}/Functions`, { FriendlyName: "fn" });
      for (const path of ["/a", "/b", "/c"]) {
        await client.upload(`/v1/Services/${service.sid}/Functions/${fn.sid}`, {
          path,
          visibility: "public",
          content: "12345",
        });
      }
      await client.ok("GET", `/v1/Services/${service.sid}`);
      await client.ok("GET", "/v1/Services/stats");
      await client.call("GET", "/v1/Unknown");
      const intruder = new Client(emulator.url, basicAuth(undefined, "wrong-token"));
      assert.equal(
        (await intruder.call("POST", "/v1/Services", { UniqueName: "refused", FriendlyName: "x" })).status,
        401,
      );
      assert.equal((await new Client(emulator.url, null).call("DELETE", `/v1/Services/${service.sid}`)).status, 401);
      const stats = await client.stats();
      assert.deepEqual(stats.calls, {
        "POST /v1/Services": 2,
        "POST /v1/Services/{ServiceSid}/Functions": 1,
        "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": 3,
        "GET /v1/Services/{Sid}": 2,
        "GET /v1/Unknown": 1,
        "DELETE /v1/Services/{Sid}": 1,
      });
      assert.deepEqual(stats.responses, {
        "POST /v1/Services": { "201": 1, "401": 1 },
        "POST /v1/Services/{ServiceSid}/Functions": { "201": 1 },
        "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": { "201": 3 },
        "GET /v1/Services/{Sid}": { "200": 2 },
        "GET /v1/Unknown": { "404": 1 },
        "DELETE /v1/Services/{Sid}": { "401": 1 },
      });
      assert.equal(stats.total_calls, 10);
      assert.equal(stats.bytes_uploaded, 15);

      const reset = (await (await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" })).json()) as any;
      assert.deepEqual(reset.calls, {});
      assert.deepEqual(reset.responses, {});
      assert.equal(reset.bytes_uploaded, 0);
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 1);
      assert.deepEqual((await client.stats()).calls, { "GET /v1/Services": 1 });
    } finally {
      await emulator.stop();
    }
  });
});

describe("emulator holds", function () {
  const route = "POST /v1/Services";
  const hold = (url: string) => fetch(`${url}/_emulator/hold?route=${encodeURIComponent(route)}`, { method: "POST" });
  const release = (url: string) => fetch(`${url}/_emulator/release`, { method: "POST" });
  const waiting = async (url: string) =>
    ((await (await fetch(`${url}/_emulator/hold`)).json()) as { waiting: number }).waiting;
  const untilWaiting = async (url: string, count: number) => {
    while ((await waiting(url)) !== count) await new Promise((resolve) => setImmediate(resolve));
  };

  it("keeps a held route's requests counted but unapplied until released", async function () {
    const { emulator, client } = await startTestEmulator();
    try {
      await hold(emulator.url);
      const pending = client.ok("POST", "/v1/Services", { UniqueName: "held", FriendlyName: "held" });
      await untilWaiting(emulator.url, 1);
      assert.equal((await client.stats()).calls[route], 1);
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 0, "applied while held");
      await release(emulator.url);
      assert.equal((await pending).unique_name, "held");
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 1);
    } finally {
      await emulator.stop();
    }
  });

  it("drops a held request whose client went away, and does not apply it on release", async function () {
    const { emulator, client } = await startTestEmulator();
    try {
      await hold(emulator.url);
      const aborter = new AbortController();
      const abandoned = fetch(`${emulator.url}/v1/Services`, {
        method: "POST",
        headers: { authorization: basicAuth(), "content-type": "application/x-www-form-urlencoded" },
        body: "UniqueName=gone&FriendlyName=gone",
        signal: aborter.signal,
      }).catch(() => "aborted");
      await untilWaiting(emulator.url, 1);
      aborter.abort();
      assert.equal(await abandoned, "aborted");
      // The emulator lets go of it when the connection closes: no request waits any more.
      await untilWaiting(emulator.url, 0);
      await release(emulator.url);
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 0);
      assert.deepEqual((await client.stats()).responses[route], { dropped: 1 });
    } finally {
      await emulator.stop();
    }
  });
});
