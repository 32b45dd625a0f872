import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { asset, call, environment, fn, FORM, JSON_BODY, twilioSignature } from "./fixtures.test";

const DOMAIN = "https://thanos-3432-dev.twil.io";
const ECHO = "exports.handler = (context, event, callback) => callback(null, { body: event.Body ?? null })";

describe("runtime: access rules", () => {
  it("refuses a GET or HEAD with a body with 403, before any routing", async () => {
    const env = environment([fn("/hello", ECHO)]);
    assert.equal((await call(env, "/hello", { body: "x=1", headers: FORM })).status, 403);
    assert.equal((await call(env, "/hello", { method: "HEAD", body: "x" })).status, 403);
    assert.equal((await call(env, "/missing", { body: "x" })).status, 403);
    assert.equal((await call(env, "/hello", { method: "POST", body: "x=1", headers: FORM })).status, 200);
  });

  it("refuses a protected function without X-Twilio-Signature with 401", async () => {
    const env = environment([fn("/sms", ECHO, "protected")]);
    const res = await call(env, "/sms", { method: "POST", headers: FORM, body: "Body=hi" });
    assert.equal(res.status, 401);
    assert.match(res.text, /Unauthorized/);
  });

  it("runs a protected function for a form POST signed over URL and sorted params", async () => {
    const env = environment([fn("/sms", ECHO, "protected")]);
    const params = { Body: "hi there", From: "+15551234567" };
    const signature = twilioSignature(`${DOMAIN}/sms?x=1`, params);
    const res = await call(env, "/sms", {
      method: "POST",
      query: "x=1",
      headers: { ...FORM, "x-twilio-signature": signature },
      body: new URLSearchParams(params).toString(),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { body: "hi there" });
  });

  it("refuses a signature made with another token, or over other params", async () => {
    const env = environment([fn("/sms", ECHO, "protected")]);
    const body = "Body=hi";
    const wrongToken = twilioSignature(`${DOMAIN}/sms`, { Body: "hi" }, "f".repeat(32));
    const wrongParams = twilioSignature(`${DOMAIN}/sms`, { Body: "bye" });
    for (const signature of [wrongToken, wrongParams]) {
      const res = await call(env, "/sms", {
        method: "POST",
        headers: { ...FORM, "x-twilio-signature": signature },
        body,
      });
      assert.equal(res.status, 401);
    }
  });

  it("runs a protected function for a signed GET (query in the URL, no params)", async () => {
    const env = environment([fn("/status", ECHO, "protected")]);
    const signature = twilioSignature(`${DOMAIN}/status?Body=q`);
    const res = await call(env, "/status", { query: "Body=q", headers: { "x-twilio-signature": signature } });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { body: "q" });
  });

  it("runs a protected function for a JSON body whose bodySHA256 is signed", async () => {
    const env = environment([fn("/hook", ECHO, "protected")]);
    const body = JSON.stringify({ Body: "json" });
    const query = `bodySHA256=${createHash("sha256").update(body).digest("hex")}`;
    const signature = twilioSignature(`${DOMAIN}/hook?${query}`);
    const signed = { ...JSON_BODY, "x-twilio-signature": signature };
    const res = await call(env, "/hook", { method: "POST", query, headers: signed, body });
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { body: "json" });
    const tampered = await call(env, "/hook", {
      method: "POST",
      query,
      headers: signed,
      body: body.replace("json", "evil"),
    });
    assert.equal(tampered.status, 401);
  });

  it("guards protected assets with the signature too", async () => {
    const env = environment([asset("/secret.txt", "s3cret", "protected")]);
    assert.equal((await call(env, "/secret.txt")).status, 401);
    const signature = twilioSignature(`${DOMAIN}/secret.txt`);
    const res = await call(env, "/secret.txt", { headers: { "x-twilio-signature": signature } });
    assert.equal(res.status, 200);
    assert.equal(res.text, "s3cret");
  });

  it("does not serve private functions or assets over HTTP, nor run them", async () => {
    const env = environment([
      fn("/helper", "exports.handler = () => { throw new Error('must not run'); }", "private"),
      asset("/names.json", "[]", "private"),
    ]);
    const helper = await call(env, "/helper");
    assert.equal(helper.status, 403);
    assert.deepEqual(helper.logs, []);
    assert.equal((await call(env, "/names.json")).status, 403);
  });
});
