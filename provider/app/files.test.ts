import * as assert from "assert";
import { FILE_SET_THRESHOLD, resolveFileResources } from "./files";

describe("resolveFileResources", () => {
  it("auto (the default) is per-file up to the threshold and a set above it", () => {
    assert.strictEqual(FILE_SET_THRESHOLD, 50);
    assert.strictEqual(resolveFileResources(undefined, 50), "per-file");
    assert.strictEqual(resolveFileResources("auto", 50), "per-file");
    assert.strictEqual(resolveFileResources(undefined, 51), "set");
    assert.strictEqual(resolveFileResources("auto", 800), "set");
  });

  it("per-file and set are kept whatever the size", () => {
    assert.strictEqual(resolveFileResources("per-file", 800), "per-file");
    assert.strictEqual(resolveFileResources("set", 1), "set");
  });

  it("refuses anything else, naming the setting and the choices", () => {
    assert.throws(
      () => resolveFileResources("coarse", 10),
      /^Error: fileResources must be "per-file", "set" or "auto" \(the default: a resource per file up to 50 files, one FileSet above\), got "coarse"\.$/,
    );
  });
});
