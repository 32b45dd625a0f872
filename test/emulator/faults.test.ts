/** Latency, seeded fault injection and the /_emulator/stats counters. */
import { strict as assert } from "node:assert";
import { basicAuth, startTestEmulator, type Client } from "./helpers";

type Outcome = number | "dropped";

async function outcome(client: Client, method: string, path: string, form?: Record<string, string>): Promise<{ outcome: Outcome; retryAfter?: string | null }> {
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
    for (const kind of [200, 500, 429, "dropped"]) assert.ok(first.includes(kind as Outcome), `expected some ${kind} in ${first}`);
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
      for (let index = 0; index < 10; index++) assert.equal((await fetch(`${emulator.url}/_emulator/stats`)).status, 200);
      const domain = await fetch(`${emulator.url}/_domains/nothing-1234.twil.io/`);
      assert.equal(domain.status, 404);
      await domain.text();
      assert.notEqual((await outcome(client, "GET", "/v1/Services")).outcome, 200);
    } finally {
      await emulator.stop();
    }
  });

  it("delays API answers by at least latencyMs", async function () {
    const { emulator, client } = await startTestEmulator({ latencyMs: 150 });
    try {
      const started = Date.now();
      await client.ok("GET", "/v1/Services");
      assert.ok(Date.now() - started >= 150);
    } finally {
      await emulator.stop();
    }
  });
});

describe("emulator stats", function () {
  it("counts calls by method and route template, and bytes uploaded; reset clears them but not state", async function () {
    const { emulator, client } = await startTestEmulator();
    try {
      const service = await client.ok("POST", "/v1/Services", { UniqueName: "stats", FriendlyName: "x" });
      const fn = await client.ok("POST", `/v1/Services/${service.sid}/Functions`, { FriendlyName: "fn" });
      for (const path of ["/a", "/b", "/c"]) {
        await client.upload(`/v1/Services/${service.sid}/Functions/${fn.sid}`, { path, visibility: "public", content: "12345" });
      }
      await client.ok("GET", `/v1/Services/${service.sid}`);
      await client.ok("GET", "/v1/Services/stats");
      await client.call("GET", "/v1/Unknown");
      const stats = await client.stats();
      assert.deepEqual(stats.calls, {
        "POST /v1/Services": 1,
        "POST /v1/Services/{ServiceSid}/Functions": 1,
        "POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions": 3,
        "GET /v1/Services/{Sid}": 2,
      });
      assert.equal(stats.total_calls, 7);
      assert.equal(stats.bytes_uploaded, 15);

      const reset = (await (await fetch(`${emulator.url}/_emulator/reset`, { method: "POST" })).json()) as any;
      assert.deepEqual(reset.calls, {});
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

  it("keeps a held route's requests counted but unapplied until released", async function () {
    const { emulator, client } = await startTestEmulator();
    try {
      await hold(emulator.url);
      const pending = client.ok("POST", "/v1/Services", { UniqueName: "held", FriendlyName: "held" });
      while (((await client.stats()).calls[route] ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 0, "applied while held");
      await release(emulator.url);
      assert.equal((await pending).unique_name, "held");
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 1);
    } finally {
      await emulator.stop();
    }
  });

  it("drops a held request whose client went away", async function () {
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
      while (((await client.stats()).calls[route] ?? 0) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      aborter.abort();
      assert.equal(await abandoned, "aborted");
      await new Promise((resolve) => setTimeout(resolve, 50));
      await release(emulator.url);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await client.ok("GET", "/v1/Services")).services.length, 0);
    } finally {
      await emulator.stop();
    }
  });
});
