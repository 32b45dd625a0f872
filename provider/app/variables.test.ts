import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { MAX_CONTEXT_BYTES, variablesContextBytes } from "../rules";
import { environmentVariables, type EnvironmentVariablesArgs } from "./variables";

describe("environmentVariables", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-variables-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function run(environments: Record<string, EnvironmentVariablesArgs>) {
    const problems: string[] = [];
    const variables = environmentVariables(dir, Object.keys(environments), environments, problems);
    return { variables, problems };
  }

  it("reads the folder's .env when envFile is not given, as twilio serverless:deploy does", () => {
    fs.writeFileSync(path.join(dir, ".env"), "# description: greeting\n# required: true\nGREETING=Hi\nAUTH_TOKEN=x\n");
    assert.deepStrictEqual(run({ dev: {}, prod: { variables: { GREETING: "Hello" } } }), {
      variables: [{ GREETING: "Hi" }, { GREETING: "Hello" }],
      problems: [],
    });
  });

  it("reads no file with envFile: false, and none when there is no .env", () => {
    fs.writeFileSync(path.join(dir, ".env"), "GREETING=Hi\n");
    assert.deepStrictEqual(run({ dev: { envFile: false } }).variables, [{}]);
    fs.rmSync(path.join(dir, ".env"));
    assert.deepStrictEqual(run({ dev: {} }), { variables: [{}], problems: [] });
  });

  it("still refuses an envFile named but missing, as the user wrote it", () => {
    assert.deepStrictEqual(run({ dev: { envFile: ".env.dev" } }).problems, [
      'envFile: ".env.dev" does not exist. Create it or remove envFile.',
    ]);
  });

  it("reports a problem of a file several environments read once, naming them", () => {
    fs.writeFileSync(path.join(dir, ".env"), "A=1\nbroken\n");
    const { problems } = run({
      dev: {},
      stage: { envFile: ".env" },
      prod: { envFile: "./.env" },
      other: { envFile: false },
    });
    assert.deepStrictEqual(problems, [
      '.env:2: expected KEY=VALUE (or a # comment); the line has no "=". Read by environments dev, stage and prod.',
    ]);
  });

  it(`refuses an environment whose Variables take more than ${MAX_CONTEXT_BYTES} bytes as JSON, once per problem`, () => {
    // 7 pairs of a 1-character key and a 430-byte value: 7 × (430 + 1 + 6) + 1 = 3060 bytes; 12 more pass the limit.
    const fits = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [String(i), "v".repeat(430)]));
    assert.strictEqual(variablesContextBytes(fits), 3060);
    const exactly = { ...fits, K: "v".repeat(MAX_CONTEXT_BYTES - 3060 - 7) };
    assert.strictEqual(variablesContextBytes(exactly), MAX_CONTEXT_BYTES);
    assert.deepStrictEqual(run({ dev: { variables: exactly } }).problems, []);
    const over = { ...fits, K: "v".repeat(MAX_CONTEXT_BYTES - 3060 - 6) };
    const { problems } = run({ dev: { variables: over }, stage: { variables: over }, prod: { variables: fits } });
    assert.deepStrictEqual(problems, [
      "environments dev and stage: 8 Variables take 3073 bytes of the function context (keys and values as JSON); " +
        "Twilio fails every invocation whose context passes 3 KB (3072 bytes, error 82006: https://www.twilio.com/docs/errors/82006). " +
        "Remove some or shorten them, or keep large data in a private asset.",
    ]);
  });

  it("counts the .env file's Variables with the declared ones, and leaves values known later to the Variable", () => {
    fs.writeFileSync(path.join(dir, ".env"), `A=${"a".repeat(440)}\nB=${"b".repeat(440)}\nC=${"c".repeat(440)}\n`);
    const more = Object.fromEntries(["D", "E", "F", "G"].map((key) => [key, "d".repeat(440)]));
    assert.strictEqual(run({ dev: { variables: more } }).problems.length, 1, "3 from .env + 4 declared pass 3 KB");
    const later = { then: () => undefined } as unknown as string; // stands for an Output
    assert.deepStrictEqual(run({ dev: { variables: { D: later, E: later, F: later, G: later } } }).problems, []);
  });
});
