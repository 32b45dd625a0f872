/**
 * Build dependencies through `pulumi up`: the folder's package.json dependencies reach the Build,
 * the emulator installs them, and the deployed function requires them; a package that does not
 * exist fails the Build and `pulumi up` names it. On both paths (the plugin's Construct too).
 */
import * as assert from "assert";
import { callDomain, e2eStack, PATHS } from "./harness";

for (const programPath of PATHS)
  describe(`e2e: Build dependencies through the Pulumi CLI (${programPath} path)`, function () {
    this.timeout(300_000);
    const e2e = e2eStack({
      example: "hello-world",
      path: programPath,
      config: { serviceName: `deps-${programPath}-${process.pid}` },
    });

    function declare(dependencies: Record<string, string>): void {
      e2e.stack.writeFile("package.json", JSON.stringify({ name: "deps-e2e", private: true, dependencies }, null, 2));
    }

    it("fails the Build of a package that does not exist, and pulumi up names it and what npm said", async () => {
      declare({ "no-such-package-twilio-emulator-e2e": "1.0.0" });
      const result = await e2e.stack.run(["up", "--yes", "--skip-preview"]);
      assert.notStrictEqual(result.code, 0);
      const output = result.stdout + result.stderr;
      assert.match(
        output,
        /failed: dependency no-such-package-twilio-emulator-e2e@1\.0\.0 cannot be installed: npm says "Not Found[^"]*" \(E404\)/,
      );
    });

    it("serves a function that requires a declared package once it exists", async () => {
      declare({ ms: "2.1.3" });
      e2e.stack.writeFile(
        "functions/hello.js",
        `exports.handler = (context, event, callback) => callback(null, "in " + require("ms")(90000, { long: true }));\n`,
      );
      await e2e.stack.up();
      const { urls } = await e2e.stack.outputs();
      assert.deepStrictEqual(await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello"), {
        status: 200,
        body: "in 2 minutes",
      });
    });
  });
