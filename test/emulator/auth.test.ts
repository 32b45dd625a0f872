/** Basic auth with the account's token or an API key; other accounts' sids are unknown (20404). */
import { strict as assert } from "node:assert";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_API_KEY, TEST_API_SECRET } from "../../emulator/index";
import {
  basicAuth,
  Client,
  deployProject,
  startTestEmulator,
  type Client as ClientType,
  type Emulator,
} from "./helpers";

describe("emulator auth", function () {
  let emulator: Emulator;
  let client: ClientType;
  let domain: string;

  before(async function () {
    ({ emulator, client } = await startTestEmulator());
    domain = (await deployProject(client, "auth")).environment.domain_name;
  });
  after(() => emulator.stop());

  it("answers 401 / 20003 without credentials or with wrong ones", async function () {
    for (const authorization of [
      null,
      basicAuth("AC00000000000000000000000000e0e0e0", "wrong"),
      basicAuth("someone", "else"),
      "Bearer token",
    ]) {
      const answer = await new Client(emulator.url, authorization).call("GET", "/v1/Services");
      assert.equal(answer.status, 401);
      assert.equal(answer.body.code, 20003);
      assert.match(answer.headers.get("www-authenticate") ?? "", /^Basic/);
    }
  });

  it("takes an API key and its secret instead of the auth token", async function () {
    const answer = await new Client(emulator.url, basicAuth(TEST_API_KEY, TEST_API_SECRET)).call("GET", "/v1/Services");
    assert.equal(answer.status, 200);
    assert.equal(answer.body.services.length, 1);
  });

  it("takes credentials passed to startEmulator", async function () {
    const credentials = {
      accountSid: "AC" + "1".repeat(32),
      authToken: "token-one",
      apiKeys: [{ sid: "SK" + "2".repeat(32), secret: "s" }],
    };
    const { emulator: other } = await startTestEmulator({ credentials });
    try {
      assert.equal(
        (await new Client(other.url, basicAuth(credentials.accountSid, "token-one")).call("GET", "/v1/Services"))
          .status,
        200,
      );
      assert.equal(
        (await new Client(other.url, basicAuth("SK" + "2".repeat(32), "s")).call("GET", "/v1/Services")).status,
        200,
      );
      assert.equal((await new Client(other.url).call("GET", "/v1/Services")).status, 401);
    } finally {
      await other.stop();
    }
  });

  it("needs no credentials for /_emulator and deployed domains", async function () {
    assert.equal((await fetch(`${emulator.url}/_emulator/stats`)).status, 200);
    const answer = await fetch(`${emulator.url}/_domains/${domain}/style.css`);
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), "body { color: red; }");
  });
});

describe("emulator accounts", function () {
  it("answers 20404 for sids of another account, and lists none of its resources", async function () {
    const dataDir = mkdtempSync(join(tmpdir(), "emulator-accounts-"));
    try {
      const first = await startTestEmulator({ dataDir });
      const project = await deployProject(first.client, "accounts");
      await first.emulator.stop();

      const credentials = { accountSid: "AC" + "9".repeat(32), authToken: "other-token", apiKeys: [] };
      const second = await startTestEmulator({ dataDir, credentials });
      try {
        const client = new Client(second.emulator.url, basicAuth(credentials.accountSid, "other-token"));
        const base = `/v1/Services/${project.service.sid}`;
        for (const path of [
          base,
          "/v1/Services/accounts",
          `${base}/Functions/${project.fn.sid}`,
          `${base}/Builds/${project.build.sid}`,
        ]) {
          const answer = await client.call("GET", path);
          assert.equal(answer.status, 404, path);
          assert.equal(answer.body.code, 20404);
        }
        assert.deepEqual((await client.ok("GET", "/v1/Services")).services, []);
        // The other account may use the same unique name.
        assert.equal(
          (await client.call("POST", "/v1/Services", { UniqueName: "accounts", FriendlyName: "mine" })).status,
          201,
        );
      } finally {
        await second.emulator.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
