/**
 * The emulator meets malformed requests (broken or cut-short multipart, oversize bodies, unknown
 * fields, bad pagination, requests aborted mid-body, bytes that are not HTTP) with the right 4xx
 * in Twilio's error shape, and keeps serving after each. Complements test/emulator/*, which
 * covers upload size limits, a body that is not multipart, PageSize out of range and a foreign
 * PageToken.
 */
import * as assert from "node:assert/strict";
import * as net from "node:net";
import { basicAuth, Client, HELLO_SOURCE, startTestEmulator, type Answer, type Emulator } from "../emulator/helpers";

const BOUNDARY = "reliability-boundary";

/** A multipart body from parts; a part with `filename` is a file part. */
function multipart(parts: { name: string; value: string; filename?: string }[], end = `--${BOUNDARY}--\r\n`): string {
  const encoded = parts.map(({ name, value, filename }) => {
    const disposition = `form-data; name="${name}"${filename ? `; filename="${filename}"` : ""}`;
    const type = filename ? "Content-Type: application/javascript\r\n" : "";
    return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n${value}\r\n`;
  });
  return encoded.join("") + end;
}

/** Writes raw bytes to the emulator's port; resolves to the first line of the answer ("" if none). */
function rawRequest(url: string, bytes: string, closeAfterMs?: number): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = "";
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(bytes);
      if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    });
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", reject);
    socket.on("close", () => resolve(answer.split("\r\n")[0]));
  });
}

describe("reliability: the emulator meets malformed requests", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let client: Client;
  let base: string;
  let functionSid: string;

  before(async () => {
    ({ emulator, client } = await startTestEmulator());
    const service = await client.ok("POST", "/v1/Services", { UniqueName: "malformed", FriendlyName: "malformed" });
    base = `/v1/Services/${service.sid}`;
    functionSid = (await client.ok("POST", `${base}/Functions`, { FriendlyName: "fn" })).sid;
  });
  after(() => emulator.stop());

  /** Still answers the API and its controls, and still holds what was made before. */
  async function keepsServing(): Promise<void> {
    assert.equal((await client.ok("GET", base)).unique_name, "malformed");
    assert.equal((await fetch(`${emulator.url}/_emulator/health`)).status, 200);
  }

  async function post(path: string, body: string, contentType: string): Promise<Answer> {
    const response = await fetch(`${emulator.url}${path}`, {
      method: "POST",
      headers: { authorization: basicAuth(), "content-type": contentType },
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
  }

  function assertTwilioError(answer: Answer, status: number, message: RegExp): void {
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.status, status);
    assert.equal(typeof answer.body.code, "number");
    assert.match(answer.body.message, message);
    assert.match(answer.body.more_info, /^https:\/\/www\.twilio\.com\/docs\/errors\/\d+$/);
  }

  const uploadTo = () => `${base}/Functions/${functionSid}/Versions`;
  const multipartType = `multipart/form-data; boundary=${BOUNDARY}`;

  it("multipart without a boundary: 400", async () => {
    assertTwilioError(await post(uploadTo(), "anything", "multipart/form-data"), 400, /Invalid multipart body/);
    await keepsServing();
  });

  it("multipart that is not made of parts: 400", async () => {
    assertTwilioError(
      await post(uploadTo(), "this is not multipart at all", multipartType),
      400,
      /Invalid multipart body/,
    );
    await keepsServing();
  });

  it("multipart cut short inside the file part: 400, and the process lives on", async () => {
    const cut = multipart(
      [
        { name: "Path", value: "/cut" },
        { name: "Content", value: HELLO_SOURCE, filename: "cut.js" },
      ],
      "",
    ).slice(0, -20);
    assertTwilioError(
      await post(uploadTo(), cut, multipartType),
      400,
      /Invalid multipart body: Unexpected end of form/,
    );
    await keepsServing();
    const versions = await client.ok("GET", uploadTo());
    assert.deepEqual(versions.function_versions, [], "nothing of the cut upload was kept");
  });

  it("multipart without the Content part: 400 naming it", async () => {
    const body = multipart([
      { name: "Path", value: "/x" },
      { name: "Visibility", value: "public" },
    ]);
    assertTwilioError(await post(uploadTo(), body, multipartType), 400, /Content/);
    await keepsServing();
  });

  it("multipart with unknown fields and extra file parts: they are ignored, as Twilio ignores unknown parameters", async () => {
    const body = multipart([
      { name: "Path", value: "/extra" },
      { name: "Visibility", value: "public" },
      { name: "Colour", value: "red" },
      { name: "Attachment", value: "not the content", filename: "other.js" },
      { name: "Content", value: HELLO_SOURCE, filename: "extra.js" },
    ]);
    const answer = await post(uploadTo(), body, multipartType);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.path, "/extra");
    assert.equal(answer.body.colour, undefined);
    const content = await client.ok("GET", `${uploadTo()}/${answer.body.sid}/Content`);
    assert.equal(content.content, HELLO_SOURCE);
  });

  it("unknown form fields are ignored, not stored", async () => {
    const created = await client.call("POST", `${base}/Environments`, {
      UniqueName: "extra-fields",
      Colour: "red",
      Sid: "ZE-forged",
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.colour, undefined);
    assert.match(created.body.sid, /^ZE[0-9a-f]{32}$/);
  });

  it("a form body over 1 MB: 413", async () => {
    assertTwilioError(
      await post(
        `${base}/Environments`,
        `UniqueName=big&Pad=${"x".repeat(1024 * 1024)}`,
        "application/x-www-form-urlencoded",
      ),
      413,
      /larger than the limit/,
    );
    await keepsServing();
  });

  it("a JSON body instead of a form: 400 naming the missing parameter", async () => {
    assertTwilioError(
      await post(`${base}/Environments`, JSON.stringify({ UniqueName: "json" }), "application/json"),
      400,
      /Missing required parameter UniqueName/,
    );
    await keepsServing();
  });

  it("Dependencies that are not JSON: 400 naming Dependencies and the expected shape", async () => {
    const upload = await client.upload(`${base}/Functions/${functionSid}`, {
      path: "/deps",
      visibility: "public",
      content: HELLO_SOURCE,
    });
    const answer = await client.call("POST", `${base}/Builds`, {
      FunctionVersions: [upload.body.sid],
      Dependencies: "{not json",
    });
    assertTwilioError(answer, 400, /Invalid parameter Dependencies: not JSON\. Dependencies must be a JSON array/);
    await keepsServing();
  });

  it("page tokens it never issued and page numbers that are not numbers: 400 naming the parameter", async () => {
    const cases: [string, RegExp][] = [
      ["PageToken=garbage", /PageToken/],
      ["PageToken=PA", /PageToken/],
      ["PageToken=PA-1", /PageToken/],
      ["PageToken=PX12", /PageToken/],
      ["PageToken=%00", /PageToken/],
      ["Page=-1", /Page: expected an integer/],
      ["Page=abc", /Page: expected an integer/],
      ["PageSize=1.5", /PageSize: expected an integer/],
    ];
    for (const [query, message] of cases)
      assertTwilioError(await client.call("GET", `${base}/Environments?${query}`), 400, message);
    await keepsServing();
  });

  it("credentials that are not Basic, or not base64: 401", async () => {
    for (const authorization of ["Bearer abc", "Basic %%%not-base64%%%", "Basic "]) {
      assertTwilioError(
        await new Client(emulator.url, authorization).call("GET", "/v1/Services"),
        401,
        /Authentication Error/,
      );
    }
    await keepsServing();
  });

  it("a request aborted in the middle of its body creates nothing", async () => {
    const partial = "UniqueName=aborted&FriendlyName=x";
    const head = `POST /v1/Services HTTP/1.1\r\nHost: x\r\nAuthorization: ${basicAuth()}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n`;
    assert.equal(await rawRequest(emulator.url, head + partial, 100), "");
    await keepsServing();
    assert.equal((await client.call("GET", "/v1/Services/aborted")).status, 404);
  });

  it("bytes that are not HTTP, and headers over 16 KB: 400 and 431 from the HTTP layer", async () => {
    assert.equal(await rawRequest(emulator.url, "THIS IS NOT HTTP\r\n\r\n"), "HTTP/1.1 400 Bad Request");
    const huge = await fetch(`${emulator.url}/v1/Services`, {
      headers: { authorization: basicAuth(), "x-padding": "p".repeat(20 * 1024) },
    });
    assert.equal(huge.status, 431);
    await keepsServing();
  });
});
