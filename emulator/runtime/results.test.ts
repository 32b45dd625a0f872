import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { asset, call, environment, fn, FORM, JSON_BODY } from "./fixtures.test";

describe("runtime: function results and routing", () => {
  it("sends a string result as text/plain", async () => {
    const env = environment([
      fn("/hello", "exports.handler = (context, event, callback) => callback(null, 'hi there')"),
    ]);
    const res = await call(env, "/hello");
    assert.equal(res.status, 200);
    assert.equal(res.text, "hi there");
    assert.match(String(res.header("content-type")), /^text\/plain/);
  });

  it("sends an object result as JSON", async () => {
    const env = environment([fn("/json", "exports.handler = (c, e, cb) => cb(null, { ok: true, list: [1, 2] })")]);
    const res = await call(env, "/json");
    assert.equal(res.status, 200);
    assert.match(String(res.header("content-type")), /^application\/json/);
    assert.deepEqual(res.json(), { ok: true, list: [1, 2] });
  });

  it("applies a Twilio.Response: status, headers, cookies and body", async () => {
    const source = `exports.handler = (context, event, callback) => {
      const response = new Twilio.Response();
      response.setStatusCode(201).appendHeader('X-Custom', 'yes').setCookie('session', 'abc', ['Path=/']);
      response.setBody({ created: true });
      callback(null, response);
    };`;
    const res = await call(environment([fn("/created", source)]), "/created");
    assert.equal(res.status, 201);
    assert.equal(res.header("x-custom"), "yes");
    assert.deepEqual(res.header("set-cookie"), "session=abc;Path=/");
    assert.match(String(res.header("content-type")), /^application\/json/);
    assert.deepEqual(res.json(), { created: true });
  });

  it("keeps the content type a Twilio.Response sets for a string body", async () => {
    const source = `exports.handler = (c, e, cb) => {
      const r = new Twilio.Response();
      r.appendHeader('Content-Type', 'text/csv');
      r.setBody('a,b');
      cb(null, r);
    };`;
    const res = await call(environment([fn("/csv", source)]), "/csv");
    assert.equal(res.header("content-type"), "text/csv");
    assert.equal(res.text, "a,b");
  });

  it("sends TwiML as text/xml", async () => {
    const source = `exports.handler = (context, event, callback) => {
      const twiml = new Twilio.twiml.MessagingResponse();
      twiml.message('Ahoy');
      callback(null, twiml);
    };`;
    const res = await call(environment([fn("/sms", source)]), "/sms", { method: "POST" });
    assert.equal(res.status, 200);
    assert.match(String(res.header("content-type")), /^text\/xml/);
    assert.match(res.text, /<Response><Message>Ahoy<\/Message><\/Response>/);
  });

  it("runs an async handler that calls back after awaiting", async () => {
    const source = `exports.handler = async (context, event, callback) => {
      const value = await new Promise((resolve) => setTimeout(() => resolve(21 * 2), 5));
      callback(null, { value });
    };`;
    const res = await call(environment([fn("/async", source)]), "/async");
    assert.deepEqual(res.json(), { value: 42 });
  });

  it("gives context the environment's Variables and Twilio's own values", async () => {
    const source = `exports.handler = (context, event, callback) => callback(null, {
      greeting: context.GREETING, domain: context.DOMAIN_NAME, path: context.PATH,
      service: context.SERVICE_SID, environment: context.ENVIRONMENT_SID,
      account: context.ACCOUNT_SID, token: context.AUTH_TOKEN,
      client: typeof context.getTwilioClient().messages.create,
    });`;
    const env = environment([fn("/ctx", source)], { variables: { GREETING: "ahoy", DOMAIN_NAME: "spoofed" } });
    const body = (await call(env, "/ctx")).json();
    assert.equal(body.greeting, "ahoy");
    assert.equal(body.domain, "thanos-3432-dev.twil.io");
    assert.equal(body.path, "/ctx");
    assert.equal(body.service, env.serviceSid);
    assert.equal(body.environment, env.environmentSid);
    assert.equal(body.account, env.accountSid);
    assert.equal(body.token, env.authToken);
    assert.equal(body.client, "function");
  });

  it("leaves the credentials out of context when the service excludes them", async () => {
    const source = `exports.handler = (context, event, callback) => {
      let clientError;
      try { context.getTwilioClient(); } catch (error) { clientError = error.message; }
      callback(null, { account: context.ACCOUNT_SID ?? null, clientError });
    };`;
    const env = environment([fn("/ctx", source)], { includeCredentials: false });
    const body = (await call(env, "/ctx")).json();
    assert.equal(body.account, null);
    assert.match(body.clientError, /include_credentials/);
  });

  it("builds event from the query string, with headers and cookies under event.request", async () => {
    const source = "exports.handler = (context, event, callback) => callback(null, event)";
    const env = environment([fn("/echo", source)]);
    const res = await call(env, "/echo", {
      query: "From=%2B15551234567&tag=a&tag=b",
      headers: { "x-custom": "1", cookie: "theme=dark; id=42", "x-forwarded-for": "10.0.0.1" },
    });
    const event = res.json();
    assert.equal(event.From, "+15551234567");
    assert.deepEqual(event.tag, ["a", "b"]);
    assert.equal(event.request.headers["x-custom"], "1");
    assert.equal(event.request.headers["x-forwarded-for"], undefined, "proxy headers are stripped");
    assert.deepEqual(event.request.cookies, { theme: "dark", id: "42" });
  });

  it("merges a form body over the query into event", async () => {
    const env = environment([fn("/echo", "exports.handler = (c, event, cb) => cb(null, event)")]);
    const res = await call(env, "/echo", {
      method: "POST",
      query: "Body=from-query&Page=1",
      headers: FORM,
      body: "Body=Hello+world&To=%2B15550000000",
    });
    const event = res.json();
    assert.equal(event.Body, "Hello world");
    assert.equal(event.To, "+15550000000");
    assert.equal(event.Page, "1");
  });

  it("parses a JSON body into event and rejects malformed JSON with 400", async () => {
    const env = environment([fn("/echo", "exports.handler = (c, event, cb) => cb(null, event)")]);
    const good = await call(env, "/echo", { method: "POST", headers: JSON_BODY, body: '{"nested":{"a":1}}' });
    assert.deepEqual(good.json().nested, { a: 1 });
    const bad = await call(env, "/echo", { method: "POST", headers: JSON_BODY, body: "{oops" });
    assert.equal(bad.status, 400);
  });

  it("answers 500 with the error and logs it when the handler throws", async () => {
    const env = environment([fn("/boom", "exports.handler = () => { throw new Error('kaboom'); }")]);
    const res = await call(env, "/boom");
    assert.equal(res.status, 500);
    assert.equal(res.json().message, "kaboom");
    assert.equal(res.logs.length, 1);
    assert.equal(res.logs[0].level, "error");
    assert.match(res.logs[0].message, /kaboom/);
  });

  it("answers a thrown error as Twilio does: 500, JSON with its message, name and stack", async () => {
    const env = environment([fn("/boom", "exports.handler = () => { throw new RangeError('kaboom'); }")]);
    const res = await call(env, "/boom");
    assert.match(String(res.header("content-type")), /^application\/json/);
    assert.deepEqual(Object.keys(res.json()).sort(), ["message", "name", "stack"]);
    assert.equal(res.json().name, "RangeError");
    assert.match(res.json().stack, /^RangeError: kaboom\n\s+at exports\.handler/);
    assert.doesNotMatch(res.json().stack, /emulator[\\/](dist[\\/])?runtime|node:vm/, "none of the emulator's frames");
  });

  it("answers a fault of the emulator itself with a plain 500 that holds none of the emulator's stack", async () => {
    // A relative node_modules (what a relative --data-dir once gave) makes Node's createRequire throw inside the emulator.
    const packages = mkdtempSync(join(tmpdir(), "emulator-fault-"));
    mkdirSync(join(packages, "node_modules", "ms"), { recursive: true });
    writeFileSync(join(packages, "node_modules", "ms", "index.js"), "module.exports = () => 1;");
    const printed: unknown[][] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      const env = environment([fn("/ms", "exports.handler = (c, e, cb) => cb(null, String(require('ms')()))")], {
        nodeModules: relative(process.cwd(), join(packages, "node_modules")),
      });
      const res = await call(env, "/ms");
      assert.equal(res.status, 500);
      assert.match(String(res.header("content-type")), /^text\/plain/);
      assert.match(
        res.text,
        /^Internal Server Error: the emulator failed while resolving require\('ms'\) from \/ms \(a fault of the emulator, not of your code\)/,
      );
      assert.doesNotMatch(res.text + res.logs.map((log) => log.message).join("\n"), /\n\s+at |sandbox-modules/);
      assert.match(
        String((printed[0]?.[1] as Error)?.stack),
        /sandbox-modules/,
        "the stack goes to the emulator's stderr",
      );
    } finally {
      console.error = consoleError;
      rmSync(packages, { recursive: true, force: true });
    }
  });

  it("answers 500 when the handler calls back with an error or an async handler rejects", async () => {
    const env = environment([
      fn("/callback-error", "exports.handler = (c, e, cb) => cb(new Error('bad input'))"),
      fn("/rejects", "exports.handler = async () => { await null; throw new TypeError('late'); }"),
    ]);
    const viaCallback = await call(env, "/callback-error");
    assert.equal(viaCallback.status, 500);
    assert.equal(viaCallback.json().message, "bad input");
    const viaRejection = await call(env, "/rejects");
    assert.equal(viaRejection.status, 500);
    assert.equal(viaRejection.json().name, "TypeError");
  });

  it("answers 500 for an error thrown in a function's timer, and keeps serving", async () => {
    const env = environment([
      fn("/timer", "exports.handler = () => { setTimeout(() => { throw new Error('in a timer'); }, 1); }"),
      fn("/ok", "exports.handler = (c, e, cb) => cb(null, 'fine')"),
    ]);
    const res = await call(env, "/timer");
    assert.equal(res.status, 500);
    assert.match(res.logs[0].message, /in a timer/);
    assert.equal((await call(env, "/ok")).text, "fine");
  });

  it("answers 504 when a function never calls back in time", async () => {
    const env = environment([fn("/slow", "exports.handler = () => {}")], { functionTimeoutMs: 50 });
    const res = await call(env, "/slow");
    assert.equal(res.status, 504);
    assert.equal(res.logs[0].level, "error");
  });

  it("answers 504 for a function stuck in a synchronous loop, and keeps serving", async () => {
    const env = environment(
      [
        fn("/loop", "exports.handler = () => { for (;;) {} }"),
        fn("/ok", "exports.handler = (c, e, cb) => cb(null, 'fine')"),
      ],
      { functionTimeoutMs: 100 },
    );
    assert.equal((await call(env, "/loop")).status, 504);
    assert.equal((await call(env, "/ok")).text, "fine");
  });

  it("answers 404 for an unknown path", async () => {
    const env = environment([fn("/hello", "exports.handler = (c, e, cb) => cb(null, 'hi')")]);
    assert.equal((await call(env, "/nope")).status, 404);
    assert.equal((await call(env, "/")).status, 404);
  });

  it("serves assets with the content type mime-types gives their path", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
    const env = environment([asset("/style.css", "body{}"), asset("/logo.png", png), asset("/data.unknownext", "x")]);
    const css = await call(env, "/style.css");
    assert.equal(css.status, 200);
    assert.equal(css.header("content-type"), "text/css");
    assert.equal(css.text, "body{}");
    assert.equal((await call(env, "/logo.png")).header("content-type"), "image/png");
    assert.equal((await call(env, "/data.unknownext")).header("content-type"), "application/octet-stream");
  });

  it("serves /index.html (or the legacy /assets/index.html) at the domain root", async () => {
    const env = environment([asset("/index.html", "<h1>home</h1>")]);
    const res = await call(env, "/");
    assert.equal(res.status, 200);
    assert.equal(res.text, "<h1>home</h1>");
    assert.equal(res.header("content-type"), "text/html");
    const legacy = environment([asset("/assets/index.html", "legacy home")]);
    assert.equal((await call(legacy, "/")).text, "legacy home");
  });

  it("answers HEAD with headers and no body", async () => {
    const env = environment([asset("/style.css", "body{}")]);
    const res = await call(env, "/style.css", { method: "HEAD" });
    assert.equal(res.status, 200);
    assert.equal(res.text, "");
    assert.equal(res.header("content-length"), "6");
  });

  it("answers a CORS preflight without running the function", async () => {
    const env = environment([fn("/hello", "exports.handler = () => { throw new Error('must not run'); }")]);
    const res = await call(env, "/hello", { method: "OPTIONS" });
    assert.equal(res.status, 204);
    assert.equal(res.header("access-control-allow-origin"), "*");
    assert.deepEqual(res.logs, []);
  });
});
