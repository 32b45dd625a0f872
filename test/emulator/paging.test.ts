/** Twilio's list envelope and paging: PageSize, Page, PageToken, meta.next_page_url on the emulator's origin. */
import { strict as assert } from "node:assert";
import { startTestEmulator, type Client, type Emulator } from "./helpers";

describe("emulator paging", function () {
  let emulator: Emulator;
  let client: Client;
  const names = ["p0", "p1", "p2", "p3", "p4"];

  before(async function () {
    ({ emulator, client } = await startTestEmulator());
    for (const name of names) await client.ok("POST", "/v1/Services", { UniqueName: name, FriendlyName: name });
  });
  after(() => emulator.stop());

  async function followAll(firstUrl: string): Promise<{ items: string[]; pages: any[] }> {
    const items: string[] = [];
    const pages: any[] = [];
    let url: string | null = firstUrl;
    while (url) {
      const page = await client.ok("GET", url);
      pages.push(page.meta);
      items.push(...page[page.meta.key].map((service: any) => service.unique_name));
      url = page.meta.next_page_url;
    }
    return { items, pages };
  }

  it("defaults to 50 per page, in creation order", async function () {
    const page = await client.ok("GET", "/v1/Services");
    assert.deepEqual(
      page.services.map((service: any) => service.unique_name),
      names,
    );
    assert.equal(page.meta.page_size, 50);
    assert.equal(page.meta.page, 0);
    assert.equal(page.meta.key, "services");
    assert.equal(page.meta.next_page_url, null);
    assert.equal(page.meta.previous_page_url, null);
    assert.equal(page.meta.first_page_url, `${emulator.url}/v1/Services?PageSize=50&Page=0`);
    assert.equal(page.meta.url, `${emulator.url}/v1/Services?PageSize=50&Page=0`);
  });

  it("gives next_page_url on the emulator's own origin until the last page", async function () {
    const { items, pages } = await followAll("/v1/Services?PageSize=2");
    assert.deepEqual(items, names);
    assert.deepEqual(
      pages.map((meta) => meta.page),
      [0, 1, 2],
    );
    for (const meta of pages.slice(0, -1))
      assert.ok(meta.next_page_url.startsWith(`${emulator.url}/v1/Services?PageSize=2&Page=`));
  });

  it("goes back with previous_page_url", async function () {
    const first = await client.ok("GET", "/v1/Services?PageSize=2");
    const second = await client.ok("GET", first.meta.next_page_url);
    const back = await client.ok("GET", second.meta.previous_page_url);
    assert.deepEqual(
      back.services.map((service: any) => service.unique_name),
      ["p0", "p1"],
    );
    assert.equal(back.meta.page, 0);
  });

  it("keeps its place when records before it are deleted", async function () {
    const first = await client.ok("GET", "/v1/Services?PageSize=2");
    await client.ok("DELETE", `/v1/Services/${first.services[0].sid}`);
    const second = await client.ok("GET", first.meta.next_page_url);
    assert.deepEqual(
      second.services.map((service: any) => service.unique_name),
      ["p2", "p3"],
    );
  });

  it("takes Page without a token as an offset", async function () {
    const page = await client.ok("GET", "/v1/Services?PageSize=2&Page=1");
    assert.deepEqual(
      page.services.map((service: any) => service.unique_name),
      ["p3", "p4"],
    );
  });

  it("rejects a PageSize outside 1..1000 and a foreign PageToken", async function () {
    for (const query of ["PageSize=0", "PageSize=1001", "PageSize=ten", "PageToken=abc"]) {
      const answer = await client.call("GET", `/v1/Services?${query}`);
      assert.equal(answer.status, 400, query);
      assert.equal(answer.body.code, 20001);
    }
  });
});
