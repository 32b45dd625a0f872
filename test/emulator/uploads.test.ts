/** Multipart version uploads on the API port, with Twilio's size limits enforced while streaming. */
import { strict as assert } from "node:assert";
import { basicAuth, startTestEmulator, type Client, type Emulator } from "./helpers";

const MB = 1024 * 1024;

describe("emulator version uploads", function () {
  let emulator: Emulator;
  let client: Client;
  let base: string;
  let asset: any;
  let fn: any;

  async function setUp(options = {}): Promise<void> {
    ({ emulator, client } = await startTestEmulator(options));
    const service = await client.ok("POST", "/v1/Services", { UniqueName: "uploads", FriendlyName: "x" });
    base = `/v1/Services/${service.sid}`;
    asset = await client.ok("POST", `${base}/Assets`, { FriendlyName: "big" });
    fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "fn" });
  }

  afterEach(() => emulator?.stop());

  it("answers 413 for a private asset over 10 MB and keeps nothing of it", async function () {
    await setUp();
    const tooBig = await client.upload(`${base}/Assets/${asset.sid}`, {
      path: "/big.bin",
      visibility: "private",
      content: Buffer.alloc(10 * MB + 1),
    });
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.status, 413);
    assert.match(tooBig.body.message, /private/);
    assert.deepEqual((await client.ok("GET", `${base}/Assets/${asset.sid}/Versions`)).asset_versions, []);
    const fits = await client.upload(`${base}/Assets/${asset.sid}`, {
      path: "/big.bin",
      visibility: "private",
      content: Buffer.alloc(10 * MB),
    });
    assert.equal(fits.status, 201);
    assert.equal((await client.stats()).bytes_uploaded, 10 * MB);
  });

  it("answers 413 for a public asset over 25 MB, and takes 11 MB public", async function () {
    await setUp();
    const tooBig = await client.upload(`${base}/Assets/${asset.sid}`, {
      path: "/big.bin",
      visibility: "public",
      content: Buffer.alloc(25 * MB + 1),
    });
    assert.equal(tooBig.status, 413);
    const fits = await client.upload(`${base}/Assets/${asset.sid}`, {
      path: "/big.bin",
      visibility: "protected",
      content: Buffer.alloc(11 * MB),
    });
    assert.equal(fits.status, 201);
  });

  it("takes configured limits, for functions too, whatever the order of the parts", async function () {
    await setUp({ limits: { publicVersionBytes: 1000, privateVersionBytes: 100 } });
    const upload = (visibility: string, size: number) =>
      client.upload(`${base}/Functions/${fn.sid}`, { path: "/fn", visibility, content: "x".repeat(size) });
    assert.equal((await upload("public", 1001)).status, 413);
    assert.equal((await upload("public", 1000)).status, 201);
    assert.equal((await upload("private", 101)).status, 413);
    // Visibility after the file: the limit applies once it is known.
    const form = new FormData();
    form.append("Path", "/late");
    form.append("Content", new Blob(["x".repeat(101)]), "late.js");
    form.append("Visibility", "private");
    const late = await fetch(`${emulator.url}${base}/Functions/${fn.sid}/Versions`, {
      method: "POST",
      headers: { authorization: basicAuth() },
      body: form,
    });
    assert.equal(late.status, 413);
    await late.text();
  });

  it("reads function source back byte for byte", async function () {
    await setUp();
    const source = "// ünïcode\nexports.handler = (c, e, cb) => cb(null, 'ok');\n";
    const version = (
      await client.upload(`${base}/Functions/${fn.sid}`, { path: "/fn", visibility: "public", content: source })
    ).body;
    const content = await client.ok("GET", `${base}/Functions/${fn.sid}/Versions/${version.sid}/Content`);
    assert.equal(content.content, source);
    assert.equal(content.function_sid, fn.sid);
  });

  it("answers 404 for an unknown parent and 400 for a body that is not multipart", async function () {
    await setUp();
    const missing = await client.upload(`${base}/Functions/ZH${"0".repeat(32)}`, {
      path: "/x",
      visibility: "public",
      content: "x",
    });
    assert.equal(missing.status, 404);
    const notMultipart = await client.call("POST", `${base}/Functions/${fn.sid}/Versions`, {
      Path: "/x",
      Visibility: "public",
      Content: "x",
    });
    assert.equal(notMultipart.status, 400);
    assert.match(notMultipart.body.message, /multipart/);
  });
});
