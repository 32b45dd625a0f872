/** Twilio's rules on names, lengths, uniqueness and immutability, each with Twilio's status and code. */
import { strict as assert } from "node:assert";
import { startTestEmulator, type Answer, type Client, type Emulator } from "./helpers";

function assertError(answer: Answer, status: number, code: number, mentions?: string): void {
  assert.equal(answer.status, status, JSON.stringify(answer.body));
  assert.equal(answer.body.code, code);
  assert.equal(answer.body.status, status);
  assert.equal(answer.body.more_info, `https://www.twilio.com/docs/errors/${code}`);
  if (mentions) assert.match(answer.body.message, new RegExp(mentions));
}

describe("emulator rules", function () {
  let emulator: Emulator;
  let client: Client;
  let service: any;
  let base: string;

  before(async function () {
    ({ emulator, client } = await startTestEmulator({ limits: { environmentsPerService: 4 } }));
    service = await client.ok("POST", "/v1/Services", { UniqueName: "rules", FriendlyName: "Rules" });
    base = `/v1/Services/${service.sid}`;
  });
  after(() => emulator.stop());

  describe("services", function () {
    it("requires UniqueName and FriendlyName", async function () {
      assertError(await client.call("POST", "/v1/Services", { FriendlyName: "x" }), 400, 20001, "UniqueName");
      assertError(await client.call("POST", "/v1/Services", { UniqueName: "x" }), 400, 20001, "FriendlyName");
    });

    it("limits UniqueName to 50 letters, digits and hyphens", async function () {
      assertError(
        await client.call("POST", "/v1/Services", { UniqueName: "a".repeat(51), FriendlyName: "x" }),
        400,
        20001,
        "UniqueName.*50",
      );
      assertError(
        await client.call("POST", "/v1/Services", { UniqueName: "has_underscore", FriendlyName: "x" }),
        400,
        20001,
        "UniqueName",
      );
      assert.equal(
        (await client.call("POST", "/v1/Services", { UniqueName: "a".repeat(50), FriendlyName: "x" })).status,
        201,
      );
    });

    it("limits FriendlyName to 255 characters", async function () {
      assertError(
        await client.call("POST", "/v1/Services", { UniqueName: "long-friendly", FriendlyName: "f".repeat(256) }),
        400,
        20001,
        "FriendlyName",
      );
    });

    it("keeps UniqueName unique per account, ignoring case (409)", async function () {
      assertError(
        await client.call("POST", "/v1/Services", { UniqueName: "RULES", FriendlyName: "again" }),
        409,
        20409,
        "UniqueName",
      );
    });

    it("rejects a boolean that is not true or false", async function () {
      assertError(
        await client.call("POST", "/v1/Services", { UniqueName: "bools", FriendlyName: "x", UiEditable: "yes" }),
        400,
        20001,
        "UiEditable",
      );
    });

    it("gives a domain base of the unique name and four digits", function () {
      assert.match(service.domain_base, /^rules-\d{4}$/);
    });

    it("is fetched by unique name as well as by sid, and updates all but UniqueName", async function () {
      assert.equal((await client.ok("GET", "/v1/Services/rules")).sid, service.sid);
      const updated = await client.ok("POST", "/v1/Services/rules", {
        FriendlyName: "Renamed",
        UniqueName: "changed",
        IncludeCredentials: false,
      });
      assert.equal(updated.friendly_name, "Renamed");
      assert.equal(updated.include_credentials, false);
      assert.equal(updated.unique_name, "rules");
      assert.equal(updated.ui_editable, false);
    });
  });

  describe("environments", function () {
    let dev: any;
    before(async function () {
      dev = await client.ok("POST", `${base}/Environments`, { UniqueName: "dev-environment", DomainSuffix: "dev" });
    });

    it("builds domain_name from the service's domain base and the suffix", async function () {
      assert.equal(dev.domain_name, `${service.domain_base}-dev.twil.io`);
      assert.equal(dev.domain_suffix, "dev");
      assert.equal(dev.build_sid, null);
      const bare = await client.ok("POST", `${base}/Environments`, { UniqueName: "production" });
      assert.equal(bare.domain_suffix, null);
      assert.equal(bare.domain_name, `${service.domain_base}.twil.io`);
    });

    it("limits UniqueName to 100 and DomainSuffix to 16 letters, digits and hyphens", async function () {
      assertError(
        await client.call("POST", `${base}/Environments`, { UniqueName: "u".repeat(101) }),
        400,
        20001,
        "UniqueName",
      );
      assertError(
        await client.call("POST", `${base}/Environments`, { UniqueName: "long", DomainSuffix: "s".repeat(17) }),
        400,
        20001,
        "DomainSuffix",
      );
      assertError(
        await client.call("POST", `${base}/Environments`, { UniqueName: "dotted", DomainSuffix: "a.b" }),
        400,
        20001,
        "DomainSuffix",
      );
    });

    it("keeps UniqueName and DomainSuffix unique per service (409)", async function () {
      assertError(
        await client.call("POST", `${base}/Environments`, { UniqueName: "dev-environment", DomainSuffix: "other" }),
        409,
        20409,
      );
      assertError(
        await client.call("POST", `${base}/Environments`, { UniqueName: "other", DomainSuffix: "DEV" }),
        409,
        20409,
      );
      assertError(await client.call("POST", `${base}/Environments`, { UniqueName: "second-bare" }), 409, 20409);
    });

    it("allows the same names in another service", async function () {
      const other = await client.ok("POST", "/v1/Services", { UniqueName: "rules-other", FriendlyName: "x" });
      const environment = await client.ok("POST", `/v1/Services/${other.sid}/Environments`, {
        UniqueName: "dev-environment",
        DomainSuffix: "dev",
      });
      assert.equal(environment.domain_name, `${other.domain_base}-dev.twil.io`);
    });

    it("caps the environments of a service (configurable)", async function () {
      await client.ok("POST", `${base}/Environments`, { UniqueName: "third", DomainSuffix: "third" });
      await client.ok("POST", `${base}/Environments`, { UniqueName: "fourth", DomainSuffix: "fourth" });
      assertError(
        await client.call("POST", `${base}/Environments`, { UniqueName: "fifth", DomainSuffix: "fifth" }),
        400,
        20001,
        "maximum of 4",
      );
    });

    it("cannot be updated (405, as for any method Twilio does not serve)", async function () {
      assertError(await client.call("POST", `${base}/Environments/${dev.sid}`, { UniqueName: "renamed" }), 405, 20004);
    });
  });

  describe("functions, assets and versions", function () {
    let fn: any;
    let version: any;
    before(async function () {
      fn = await client.ok("POST", `${base}/Functions`, { FriendlyName: "fn" });
      version = (
        await client.upload(`${base}/Functions/${fn.sid}`, {
          path: "fn",
          visibility: "protected",
          content: "exports.handler = () => {}",
        })
      ).body;
    });

    it("limits FriendlyName to 255 characters", async function () {
      assertError(
        await client.call("POST", `${base}/Functions`, { FriendlyName: "f".repeat(256) }),
        400,
        20001,
        "FriendlyName",
      );
      assertError(await client.call("POST", `${base}/Assets`, {}), 400, 20001, "FriendlyName");
    });

    it("prefixes a path without a leading slash, as Twilio does", function () {
      assert.equal(version.path, "/fn");
      assert.equal(version.visibility, "protected");
    });

    it("rejects long paths, forbidden characters, unknown visibilities and missing parts", async function () {
      const upload = (input: Parameters<Client["upload"]>[1]) => client.upload(`${base}/Functions/${fn.sid}`, input);
      assertError(
        await upload({ path: "/" + "p".repeat(255), visibility: "public", content: "x" }),
        400,
        20001,
        "Path",
      );
      assertError(await upload({ path: "/what?", visibility: "public", content: "x" }), 400, 20001, "Path");
      assertError(await upload({ path: "/x", visibility: "secret", content: "x" }), 400, 20001, "Visibility");
      assertError(await upload({ visibility: "public", content: "x" }), 400, 20001, "Path");
      assertError(await upload({ path: "/x", content: "x" }), 400, 20001, "Visibility");
      assertError(await upload({ path: "/x", visibility: "public" }), 400, 20001, "Content");
    });

    it("only renames functions; versions are read-only", async function () {
      const renamed = await client.ok("POST", `${base}/Functions/${fn.sid}`, { FriendlyName: "renamed" });
      assert.equal(renamed.friendly_name, "renamed");
      const versionPath = `${base}/Functions/${fn.sid}/Versions/${version.sid}`;
      assertError(await client.call("POST", versionPath, { Path: "/other" }), 405, 20004);
      assertError(await client.call("DELETE", versionPath), 405, 20004);
    });

    it("serves no content of asset versions (as on Twilio)", async function () {
      const asset = await client.ok("POST", `${base}/Assets`, { FriendlyName: "data" });
      const uploaded = await client.upload(`${base}/Assets/${asset.sid}`, {
        path: "/data.json",
        visibility: "public",
        content: "{}",
      });
      const answer = await client.call("GET", `${base}/Assets/${asset.sid}/Versions/${uploaded.body.sid}/Content`);
      assertError(answer, 404, 20404);
      assert.equal(uploaded.body.links, undefined);
    });

    it("answers 404 for a version under the wrong parent", async function () {
      const other = await client.ok("POST", `${base}/Functions`, { FriendlyName: "other" });
      assertError(await client.call("GET", `${base}/Functions/${other.sid}/Versions/${version.sid}`), 404, 20404);
    });
  });

  describe("variables", function () {
    let variables: string;
    before(async function () {
      const { environments } = await client.ok("GET", `${base}/Environments`);
      const environment = environments.find((candidate: any) => candidate.unique_name === "dev-environment");
      variables = `${base}/Environments/${environment.sid}/Variables`;
    });

    it("limits Key to 128 characters and Value to 450 bytes", async function () {
      assertError(await client.call("POST", variables, { Key: "K".repeat(129), Value: "v" }), 400, 20001, "Key");
      // 226 two-byte characters are 452 bytes, though only 226 characters.
      assertError(
        await client.call("POST", variables, { Key: "WIDE", Value: "é".repeat(226) }),
        400,
        20001,
        "Value.*450",
      );
      assert.equal((await client.call("POST", variables, { Key: "FITS", Value: "é".repeat(225) })).status, 201);
    });

    it("keeps keys unique per environment (409), also on update", async function () {
      const first = await client.ok("POST", variables, { Key: "ONE", Value: "1" });
      await client.ok("POST", variables, { Key: "TWO", Value: "2" });
      assertError(await client.call("POST", variables, { Key: "ONE", Value: "again" }), 409, 20409, "ONE");
      assertError(await client.call("POST", `${variables}/${first.sid}`, { Key: "TWO" }), 409, 20409, "TWO");
      const updated = await client.ok("POST", `${variables}/${first.sid}`, { Value: "changed" });
      assert.equal(updated.key, "ONE");
      assert.equal(updated.value, "changed");
    });
  });

  it("answers unknown paths with Twilio's 404 JSON", async function () {
    assertError(await client.call("GET", "/v1/Nothing"), 404, 20404);
    assertError(await client.call("GET", `${base}/Functions/ZH00000000000000000000000000000000`), 404, 20404);
  });
});
