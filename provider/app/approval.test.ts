import * as assert from "assert";
import { approvalOf, promoted, rolledBack } from "./approval";

const ZB = (digit: string) => "ZB" + digit.repeat(32);

describe("approvals (the promotion gate's config)", () => {
  it("reads an environment's approval; none yet is undefined", () => {
    const approvals = { prod: { build: ZB("1"), previous: ZB("0"), from: "dev" } };
    assert.deepStrictEqual(approvalOf(approvals, "prod", "dev"), approvals.prod);
    assert.strictEqual(approvalOf(approvals, "stage", "dev"), undefined);
    assert.strictEqual(approvalOf(undefined, "prod", "dev"), undefined);
  });

  it("refuses a bad value, naming the config line and the command that writes it", () => {
    assert.throws(
      () => approvalOf({ prod: { build: "ZB12", from: "dev" } }, "prod", "dev"),
      /config twilio-serverless:approved\.prod\.build must be a Build sid .*got "ZB12"; run `npx pulumi-twilio-serverless promote --from dev --to prod`/,
    );
    assert.throws(
      () => approvalOf({ prod: { build: ZB("1"), from: "stage" } }, "prod", "dev"),
      /approves a Build from "stage", but environments\.prod\.build says \{ approved: "dev" \}/,
    );
    assert.throws(() => approvalOf("ZB…", "prod", "dev"), /must be an object of environment → approval/);
  });

  it("promoting keeps the Build run until now for a rollback; a rollback swaps them", () => {
    const first = promoted(undefined, ZB("1"), "dev");
    assert.deepStrictEqual(first, { build: ZB("1"), from: "dev" });
    const second = promoted(first, ZB("2"), "dev");
    assert.deepStrictEqual(second, { build: ZB("2"), previous: ZB("1"), from: "dev" });
    assert.strictEqual(promoted(second, ZB("2"), "dev"), second, "the same Build again changes nothing");
    assert.deepStrictEqual(rolledBack(second, "prod"), { build: ZB("1"), previous: ZB("2"), from: "dev" });
    assert.throws(() => rolledBack(first, "prod"), /prod has no previously approved Build to go back to/);
  });
});
