import * as assert from "assert";
import { planEnvironments, servedUrls } from "./plan";
import type { ScannedEntry } from "./scan";

describe("planEnvironments", () => {
  it("puts every environment after the one it promotes from and finds the chain root", () => {
    const plan = planEnvironments({
      prod: { domainSuffix: "prod", build: "stage" },
      stage: { domainSuffix: "stage", build: "dev" },
      dev: { domainSuffix: "dev" },
    });
    assert.deepStrictEqual(plan, [
      { name: "dev", domainSuffix: "dev", promotesFrom: undefined, pinnedBuildSid: undefined, chainRoot: "dev" },
      { name: "stage", domainSuffix: "stage", promotesFrom: "dev", pinnedBuildSid: undefined, chainRoot: "dev" },
      { name: "prod", domainSuffix: "prod", promotesFrom: "stage", pinnedBuildSid: undefined, chainRoot: "dev" },
    ]);
  });

  it("keeps declaration order for independent environments and allows one bare domain", () => {
    const plan = planEnvironments({ b: { domainSuffix: "b" }, a: {} });
    assert.deepStrictEqual(
      plan.map((p) => [p.name, p.domainSuffix, p.chainRoot]),
      [
        ["b", "b", "b"],
        ["a", undefined, "a"],
      ],
    );
  });

  it("requires at least one environment", () => {
    assert.throws(() => planEnvironments({}), /environments: declare at least one/);
  });

  it("refuses promotion from an unknown environment or from itself", () => {
    assert.throws(
      () => planEnvironments({ dev: {}, stage: { domainSuffix: "s", build: "qa" } }),
      /environments\.stage\.build: "qa" is neither an environment here \(known: dev, stage\) nor a Build sid/,
    );
    assert.throws(
      () => planEnvironments({ dev: { build: "dev" } }),
      /environments\.dev\.build: an environment cannot promote from itself/,
    );
  });

  it("pins an environment to a Build sid, which starts its own chain", () => {
    const pin = "ZB" + "0123456789abcdef".repeat(2);
    const plan = planEnvironments({
      dev: { domainSuffix: "dev" },
      prod: { build: pin },
      audit: { domainSuffix: "audit", build: "prod" },
    });
    assert.deepStrictEqual(
      plan.map((p) => [p.name, p.promotesFrom, p.pinnedBuildSid, p.chainRoot]),
      [
        ["dev", undefined, undefined, "dev"],
        ["prod", undefined, pin, "prod"],
        ["audit", "prod", undefined, "prod"],
      ],
    );
  });

  it("gates an environment on approvals from another one, here or in another stack", () => {
    const plan = planEnvironments({
      dev: { domainSuffix: "dev" },
      prod: { build: { approved: "dev" } },
      mirror: { domainSuffix: "m", build: "prod" },
    });
    assert.deepStrictEqual(
      plan.map((p) => [p.name, p.promotesFrom, p.approvedFrom, p.chainRoot]),
      [
        ["dev", undefined, undefined, "dev"],
        ["prod", undefined, "dev", "prod"],
        ["mirror", "prod", undefined, "prod"],
      ],
    );
    // The one-stack-per-environment program: dev lives in another stack.
    assert.strictEqual(planEnvironments({ prod: { build: { approved: "dev" } } })[0].approvedFrom, "dev");
  });

  it("refuses a malformed approval gate, naming it", () => {
    assert.throws(
      () => planEnvironments({ prod: { build: { approved: "prod" } } }),
      /environments\.prod\.build: an environment cannot be approved from itself/,
    );
    assert.throws(
      () => planEnvironments({ prod: { build: { approve: "dev" } as never } }),
      /environments\.prod\.build must be \{ approved: "<environment>" \}.*got \{"approve":"dev"\}/,
    );
    assert.throws(
      () => planEnvironments({ prod: { build: { approved: "a b" } } }),
      /environments\.prod\.build\.approved "a b" is not valid/,
    );
  });

  it("refuses a promotion loop, showing it", () => {
    assert.throws(
      () => planEnvironments({ a: { domainSuffix: "a", build: "b" }, b: { domainSuffix: "b", build: "a" } }),
      /environments: promotion loops \(a → b → a\)/,
    );
  });

  it("refuses two environments on the same domain", () => {
    assert.throws(
      () => planEnvironments({ one: {}, two: {} }),
      /environments\.two: the bare domain \(no domainSuffix\) is already used by environments\.one/,
    );
    assert.throws(
      () => planEnvironments({ one: { domainSuffix: "dev" }, two: { domainSuffix: "DEV" } }),
      /environments\.two: domainSuffix "DEV" is already used by environments\.one/,
    );
  });

  it("checks domain suffixes: at most 16 letters, digits and inner dashes", () => {
    planEnvironments({ x: { domainSuffix: "a".repeat(16) } });
    assert.throws(
      () => planEnvironments({ x: { domainSuffix: "a".repeat(17) } }),
      /environments\.x\.domainSuffix is 17 characters; Twilio allows at most 16\. Shorten it/,
    );
    assert.throws(() => planEnvironments({ x: { domainSuffix: "dev_1" } }), /environments\.x\.domainSuffix/);
    assert.throws(() => planEnvironments({ x: { domainSuffix: "-dev" } }), /environments\.x\.domainSuffix/);
  });

  it("checks environment names", () => {
    assert.throws(
      () => planEnvironments({ "my env": {} }),
      /environments: the environment name "my env" is not valid: start with a letter or digit and use only letters, digits, "_" and "-"/,
    );
    assert.throws(
      () => planEnvironments({ ["e".repeat(101)]: {} }),
      /the environment name is 101 characters; Twilio allows at most 100\. Shorten it/,
    );
  });
});

describe("servedUrls", () => {
  const entry = (kind: ScannedEntry["kind"], p: string, visibility: ScannedEntry["visibility"]): ScannedEntry => ({
    kind,
    path: p,
    visibility,
    file: `/x${p}`,
    relativeFile: p.slice(1),
    resourceName: p.slice(1),
  });

  it("lists public and protected entries by kind and leaves private ones out", () => {
    const urls = servedUrls("https://app-1234-dev.twil.io/", [
      entry("function", "/hello", "public"),
      entry("function", "/voice", "protected"),
      entry("function", "/lib", "private"),
      entry("asset", "/message.txt", "public"),
      entry("asset", "/data.json", "private"),
    ]);
    assert.deepStrictEqual(urls, {
      functionUrls: { "/hello": "https://app-1234-dev.twil.io/hello", "/voice": "https://app-1234-dev.twil.io/voice" },
      assetUrls: { "/message.txt": "https://app-1234-dev.twil.io/message.txt" },
    });
  });

  it("percent-encodes characters a URL cannot hold", () => {
    const urls = servedUrls("http://127.0.0.1:4010/_domains/d", [entry("asset", "/café/100%.txt", "public")]);
    assert.strictEqual(urls.assetUrls["/café/100%.txt"], "http://127.0.0.1:4010/_domains/d/caf%C3%A9/100%25.txt");
  });
});
