import * as assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";
import { UNKNOWN } from "./common";

describe("operations/common", () => {
  it("UNKNOWN is the SDK's unknown value (written out so the operations load no SDK)", () => {
    assert.equal(UNKNOWN, unknownValue);
  });
});
