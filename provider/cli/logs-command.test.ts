/** The logs command's pure parts: flags, choosing the Environment from a stack's state, output lines. */
import * as assert from "node:assert/strict";
import { dynamicResourceType } from "../resources/type-token";
import { formatEntry, wantsColor } from "./format";
import { parseLogsFlags, parseWhen, UsageError } from "./logs-flags";
import { chooseEnvironment, environmentsIn } from "./stack-target";

const NOW = Date.parse("2026-11-30T12:00:00Z");

describe("logs command: flags", () => {
  it("reads durations and ISO times for --since and --until", () => {
    assert.equal(parseWhen("--since", "10m", NOW).toISOString(), "2026-11-30T11:50:00.000Z");
    assert.equal(parseWhen("--since", "2h", NOW).toISOString(), "2026-11-30T10:00:00.000Z");
    assert.equal(parseWhen("--since", "1d", NOW).toISOString(), "2026-11-29T12:00:00.000Z");
    assert.equal(parseWhen("--since", "2026-11-30T10:00:00Z", NOW).toISOString(), "2026-11-30T10:00:00.000Z");
    assert.throws(() => parseWhen("--since", "10 minutes", NOW), /--since "10 minutes" is neither a duration/);
    assert.throws(() => parseWhen("--until", "2026-13-45", NOW), UsageError);
  });

  it("parses every flag, short forms included", () => {
    const flags = parseLogsFlags(
      ["-s", "prod", "-e", "dev", "-f", "/hello", "--since", "30s", "-t", "--json", "--level", "WARN", "-C", "/tmp"],
      NOW,
    );
    assert.deepEqual(flags, {
      help: false,
      cwd: "/tmp",
      stack: "prod",
      environment: "dev",
      functionPath: "/hello",
      since: new Date(NOW - 30_000),
      tail: true,
      json: true,
      level: "warn",
    });
  });

  it("refuses what it cannot use, naming it", () => {
    const refusals: [string[], RegExp][] = [
      [["--bogus"], /^unknown flag --bogus; see/],
      [["--since"], /^--since needs a value/],
      [["extra"], /^unexpected argument "extra"/],
      [["--tail", "--until", "1h"], /--until and --tail do not go together/],
      [["--since", "1h", "--until", "2h"], /--since .* is after --until/],
      [["--level", "debug"], /--level "debug" is not a level: use info, warn, error/],
      [["--function", "hello"], /--function "hello" is not a path: .* --function \/hello/],
    ];
    for (const [args, expected] of refusals)
      assert.throws(
        () => parseLogsFlags(args, NOW),
        (error: Error) => error instanceof UsageError && expected.test(error.message),
      );
  });
});

describe("logs command: the stack's environments", () => {
  const app = (name: string) => ({
    urn: `urn:pulumi:s::p::twilio-serverless:index:ServerlessApp::${name}`,
    type: "twilio-serverless:index:ServerlessApp",
  });
  const environment = (appName: string | undefined, name: string, uniqueName: string, sid: string) => ({
    urn: `urn:pulumi:s::p::x$${dynamicResourceType("Environment")}::${name}`,
    type: dynamicResourceType("Environment"),
    parent: appName ? app(appName).urn : undefined,
    outputs: { sid, serviceSid: "ZS1", uniqueName },
  });
  const state = [
    app("shop"),
    environment("shop", "shop-dev", "dev", "ZE1"),
    environment("shop", "shop-prod", "prod", "ZE2"),
    app("admin"),
    environment("admin", "admin-dev", "dev", "ZE3"),
    environment(undefined, "by-hand", "staging", "ZE4"),
    { urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", type: "pulumi:pulumi:Stack" },
  ];

  it("finds each Environment resource under the name the user wrote", () => {
    const found = environmentsIn(state, "s");
    assert.deepEqual(
      found.map((c) => [c.name, c.environmentSid]),
      [
        ["dev", "ZE1"],
        ["prod", "ZE2"],
        ["dev", "ZE3"],
        ["staging", "ZE4"],
      ],
    );
  });

  it("finds the plugin's Environments too (twilio-serverless:index:Environment)", () => {
    const type = "twilio-serverless:index:Environment";
    const native = { ...environment("shop", "shop-qa", "qa", "ZE5"), type, urn: `urn:pulumi:s::p::x$${type}::shop-qa` };
    const found = environmentsIn([app("shop"), native], "s");
    assert.deepEqual(
      found.map((c) => [c.name, c.environmentSid]),
      [["qa", "ZE5"]],
    );
  });

  it("chooses by user name, unique name or resource name; refuses the unknown and the ambiguous", () => {
    const found = environmentsIn(state, "s");
    assert.equal(chooseEnvironment(found, "s", "prod").environmentSid, "ZE2");
    assert.equal(chooseEnvironment(found, "s", "PROD").environmentSid, "ZE2");
    assert.equal(chooseEnvironment(found, "s", "staging").environmentSid, "ZE4");
    assert.equal(chooseEnvironment(found, "s", "admin-dev").environmentSid, "ZE3");
    assert.throws(
      () => chooseEnvironment(found, "s", "dev"),
      /several environments of stack "s" are named "dev": choose one by its resource name \(shop-dev, admin-dev\)/,
    );
    assert.throws(
      () => chooseEnvironment(found, "s", "qa"),
      /no environment "qa" in stack "s" \(environments: shop-dev, prod, admin-dev, staging\)/,
    );
    assert.throws(() => chooseEnvironment(found, "s", undefined), /has several environments .*--environment/);
    assert.equal(chooseEnvironment(found.slice(1, 2), "s", undefined).environmentSid, "ZE2");
    assert.throws(
      () => chooseEnvironment([], "s", undefined),
      /has no Twilio Serverless Environment: run `pulumi up` first/,
    );
  });
});

describe("logs command: output", () => {
  const entry = {
    sid: "NO1",
    time: new Date("2026-11-30T10:00:00.250Z"),
    level: "warn",
    message: "first\nsecond",
    functionSid: "ZH1",
    functionPath: "/hello",
  };

  it("prints time, level, path and message; continuation lines indented", () => {
    assert.equal(
      formatEntry(entry, { json: false, color: false }),
      "2026-11-30T10:00:00.250Z WARN  /hello first\n    second",
    );
    assert.equal(
      formatEntry({ ...entry, functionPath: undefined }, { json: false, color: false }).split(" ")[3],
      "ZH1",
    );
    // eslint-disable-next-line no-control-regex -- an ANSI colour escape is what is asserted
    assert.match(formatEntry(entry, { json: false, color: true }), /\x1b\[33mWARN /);
  });

  it("prints one JSON object per entry", () => {
    const line = formatEntry(entry, { json: true, color: true });
    assert.ok(!line.includes("\n"));
    assert.deepEqual(JSON.parse(line), {
      time: "2026-11-30T10:00:00.250Z",
      level: "warn",
      functionPath: "/hello",
      message: "first\nsecond",
      functionSid: "ZH1",
      requestSid: null,
      buildSid: null,
      sid: "NO1",
    });
  });

  it("colors only a terminal, and never with NO_COLOR", () => {
    assert.equal(wantsColor({ isTTY: true }, {}), true);
    assert.equal(wantsColor({ isTTY: false }, {}), false);
    assert.equal(wantsColor({ isTTY: true }, { NO_COLOR: "1" }), false);
  });
});
