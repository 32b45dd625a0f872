import assert from "node:assert/strict";
import { checkFunctionSource } from "./index";

describe("runtime: checkFunctionSource", () => {
  it("accepts a CommonJS function module, top-level return and require included", () => {
    const source = `const twilio = require('twilio');
      if (!twilio) return;
      exports.handler = async function (context, event, callback) { callback(null, await Promise.resolve(1)); };`;
    assert.equal(checkFunctionSource(source, "/hello"), undefined);
  });

  it("names the path and line of a syntax error", () => {
    const source = "exports.handler = (context, event, callback) => {\n  const a = 1;\n  const a = 2;\n};\n";
    const error = checkFunctionSource(source, "/hello");
    assert.equal(error, "/hello:3: SyntaxError: Identifier 'a' has already been declared");
  });

  it("refuses what CommonJS cannot load: ES module syntax and top-level await", () => {
    assert.match(
      String(checkFunctionSource("import twilio from 'twilio';", "/esm")),
      /^\/esm:1: SyntaxError: Cannot use import/,
    );
    assert.match(String(checkFunctionSource("const x = 1;\nawait x;", "/tla")), /^\/tla:2: SyntaxError: /);
  });

  it("does not run the code it checks", () => {
    assert.equal(checkFunctionSource("globalThis.sideEffect = true; exports.handler = () => {};", "/quiet"), undefined);
    assert.equal((globalThis as Record<string, unknown>).sideEffect, undefined);
  });
});
