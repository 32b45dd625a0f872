import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { filterDeployVariables, parseDotenv, readDotenvFile, validateVariable, validateVariables } from "./dotenv";

describe("parseDotenv", () => {
  const parse = (text: string) => parseDotenv(text, ".env");

  it("reads KEY=VALUE lines, skipping blank lines and # comments", () => {
    assert.deepStrictEqual(parse("# settings\n\nGREETING=Hello\n   # indented comment\nNAME=World\n"), {
      GREETING: "Hello",
      NAME: "World",
    });
  });

  it("trims spaces around key, = and unquoted value", () => {
    assert.deepStrictEqual(parse("  KEY  =   some value   "), { KEY: "some value" });
  });

  it("strips matching quotes; only double quotes turn \\n into a newline", () => {
    assert.deepStrictEqual(parse(`A="line1\\nline2"\nB='raw\\n'\nC="  spaced  "\nD=""`), {
      A: "line1\nline2",
      B: "raw\\n",
      C: "  spaced  ",
      D: "",
    });
  });

  it("keeps # after a value as part of it, as the Toolkit's dotenv 6 does", () => {
    assert.deepStrictEqual(parse("URL=https://x.example/#top # note"), { URL: "https://x.example/#top # note" });
  });

  it("keeps quotes inside a value and = after the first", () => {
    assert.deepStrictEqual(parse(`JSON={"a":"b"}\nQ=a"b\nEQ=a=b=c`), { JSON: '{"a":"b"}', Q: 'a"b', EQ: "a=b=c" });
  });

  it("accepts an export prefix and keys with . and -", () => {
    assert.deepStrictEqual(parse("export API_KEY=abc\nmy.key-1=x"), { API_KEY: "abc", "my.key-1": "x" });
  });

  it("lets a later line win", () => {
    assert.deepStrictEqual(parse("A=1\nB=2\nA=3"), { B: "2", A: "3" });
  });

  it("handles CRLF and CR line endings and a byte order mark", () => {
    assert.deepStrictEqual(parse("\uFEFFA=1\r\nB=2\rC=3"), { A: "1", B: "2", C: "3" });
  });

  it("gives an empty string for KEY=", () => {
    assert.deepStrictEqual(parse("EMPTY="), { EMPTY: "" });
  });

  it("errors on a line without =, naming file and line", () => {
    assert.throws(
      () => parseDotenv("A=1\n\nthis is not a pair\n", "/p/.env.dev"),
      (err: Error) =>
        /^\/p\/\.env\.dev:3: expected KEY=VALUE \(or a # comment\); the line has no "="/.test(err.message) &&
        !err.message.includes("not a pair"),
    );
  });

  it("errors on a key with a space or an invalid character, naming the line", () => {
    assert.throws(() => parse("A=1\nMY KEY=2"), /\.env:2: key "MY KEY" is not valid: use only letters, digits/);
    assert.throws(() => parse("KEY!=2"), /\.env:1: key "KEY!" is not valid: use only letters, digits/);
  });

  it("errors on an unclosed quote, naming the line", () => {
    assert.throws(() => parse('A=1\nB="multi\nline"'), /\.env:2: the value opens a " quote that does not close/);
    assert.throws(() => parse(`C='x' # comment`), /\.env:1: the value opens a ' quote/);
  });

  it("errors on a key longer than 128 characters", () => {
    assert.deepStrictEqual(Object.keys(parse(`${"K".repeat(128)}=v`)), ["K".repeat(128)]);
    assert.throws(
      () => parse(`${"K".repeat(129)}=v`),
      /\.env:1: key is 129 characters; Twilio allows at most 128\. Shorten it/,
    );
  });
});

describe("filterDeployVariables", () => {
  it("drops ACCOUNT_SID, AUTH_TOKEN and empty values, keeping the rest", () => {
    assert.deepStrictEqual(
      filterDeployVariables({ ACCOUNT_SID: "AC1", AUTH_TOKEN: "t", EMPTY: "", KEEP: "x", SPACE: " " }),
      { KEEP: "x", SPACE: " " },
    );
  });
});

describe("validateVariables", () => {
  it("accepts a value of 450 bytes and refuses 451, counting UTF-8 bytes", () => {
    validateVariables({ OK: "a".repeat(450) }, "environments.dev.variables");
    assert.throws(
      () => validateVariables({ BIG: "a".repeat(451) }, "environments.dev.variables"),
      /environments\.dev\.variables: the value of BIG is 451 bytes; Twilio allows at most 450/,
    );
    // 226 two-byte characters: 226 characters but 452 bytes.
    assert.throws(() => validateVariable("WIDE", "é".repeat(226), "src"), /WIDE is 452 bytes/);
  });

  it("refuses invalid keys and non-string values, naming the source", () => {
    assert.throws(
      () => validateVariables({ "bad key": "x" }, "environments.dev.variables"),
      /environments\.dev\.variables: key "bad key" is not valid/,
    );
    assert.throws(
      () => validateVariable("N", 5 as unknown as string, "vars"),
      /vars: the value of N must be a string, got number/,
    );
  });
});

describe("readDotenvFile", () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dotenv-test-"));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads a file relative to baseDir and keeps what the Toolkit deploys", () => {
    fs.writeFileSync(path.join(dir, ".env.dev"), "ACCOUNT_SID=AC123\nAUTH_TOKEN=secret\nGREETING=Hello\nUNSET=\n");
    assert.deepStrictEqual(readDotenvFile(".env.dev", dir), { GREETING: "Hello" });
  });

  it("errors on a missing file, named as the user wrote it", () => {
    assert.throws(() => readDotenvFile(".env.nope", dir), {
      message: 'envFile: ".env.nope" does not exist. Create it or remove envFile.',
    });
  });

  it("keeps the metadata comments of Twilio's templates out of the values", () => {
    // As twilio-labs/function-templates write them (configure-env's grammar).
    fs.writeFileSync(
      path.join(dir, ".env.template"),
      [
        "# description: Calls made to your Twilio number will get forwarded to this e164-formatted phone number",
        "# format: phone_number",
        "# required: true",
        "# link: https://www.twilio.com/docs/glossary/what-e164",
        "MY_PHONE_NUMBER=+12223334444",
        "",
        "# description: The path to the webhook",
        "# configurable: false",
        "TWILIO_VOICE_WEBHOOK_URL=/forward-call",
        "# description: optional, left empty",
        "# required: false",
        "OPTIONAL_GREETING=",
        "",
      ].join("\n"),
    );
    assert.deepStrictEqual(readDotenvFile(".env.template", dir), {
      MY_PHONE_NUMBER: "+12223334444",
      TWILIO_VOICE_WEBHOOK_URL: "/forward-call",
    });
  });

  it("errors on an oversized value, naming the file", () => {
    const file = path.join(dir, ".env.big");
    fs.writeFileSync(file, `BIG=${"x".repeat(451)}\n`);
    assert.throws(
      () => readDotenvFile(file),
      (err: Error) => err.message.startsWith(`${file}: the value of BIG is 451 bytes`),
    );
  });

  it("errors on a malformed line, naming the file and line", () => {
    const file = path.join(dir, ".env.bad");
    fs.writeFileSync(file, "# ok\nA=1\noops\n");
    assert.throws(
      () => readDotenvFile(file),
      (err: Error) => err.message.startsWith(`${file}:3: expected KEY=VALUE`),
    );
  });
});
