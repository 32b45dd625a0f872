/**
 * ServerlessApp with its files as one FileSet, through the real CLI (examples/multi-env with
 * `fileResources` from stack config): switching from a resource per file, a no-op, a changed
 * file in the preview and in the calls, and a removed file deleted after the deploy. On both paths.
 */
import * as assert from "assert";
import * as fs from "fs";
import { callDomain, e2eStack, emulatorStats, PATHS, resetStats, twilioApi } from "./harness";

for (const programPath of PATHS)
  describe(`e2e: ServerlessApp files as one FileSet (${programPath} path)`, function () {
    this.timeout(600_000);
    const e2e = e2eStack({
      example: "multi-env",
      path: programPath,
      config: { serviceName: `fileset-${programPath}-${process.pid}` },
      up: true, // 4 files: a resource per file (the default up to 50)
    });

    const friendlyNames = async (collection: "Functions" | "Assets") => {
      const { serviceSid } = await e2e.stack.outputs();
      const body = await twilioApi(e2e.emulator.url, "GET", `/Services/${serviceSid}/${collection}`);
      return body[collection.toLowerCase()].map((file: { friendly_name: string }) => file.friendly_name).sort();
    };

    it("switches from a resource per file to one FileSet: one container per path afterwards, every environment serving", async () => {
      await e2e.stack.mustRun(["config", "set", "fileResources", "set"]);
      await e2e.stack.up();
      const types = (await e2e.stack.checkpoint()).resources.map((r) => r.type);
      assert.strictEqual(types.filter((t) => t === "FileSet").length, 1);
      assert.strictEqual(types.filter((t) => t === "FileCleanup").length, 1);
      assert.deepStrictEqual(
        types.filter((t) => t === "Function" || t === "Asset"),
        [],
      );
      assert.deepStrictEqual(await friendlyNames("Functions"), ["/admin/status", "/hello"]);
      assert.deepStrictEqual(await friendlyNames("Assets"), ["/greetings.json", "/index.html"]);
      const { urls } = await e2e.stack.outputs();
      for (const env of ["dev", "stage", "prod"]) {
        assert.strictEqual(
          (await callDomain(e2e.emulator.url, urls[env].domainName, "/hello?name=Ada")).status,
          200,
          env,
        );
      }
    });

    it("makes no API call when nothing changed", async () => {
      await resetStats(e2e.emulator.url);
      await e2e.stack.up();
      assert.deepStrictEqual((await emulatorStats(e2e.emulator.url)).calls, {});
    });

    it("names a changed file in the preview and uploads exactly one Version", async () => {
      const before = fs.readFileSync(e2e.stack.file("functions/hello.js"), "utf8");
      e2e.stack.writeFile("functions/hello.js", before.replace("(${context.APP_ENV})", "[${context.APP_ENV}]"));
      assert.match((await e2e.stack.mustRun(["preview"])).stdout, /FileSet multi-env update \[diff: ~\/hello\]/);
      const detail = (await e2e.stack.mustRun(["preview", "--diff"])).stdout;
      const marked = detail.split("\n").filter((line) => /^\s+[~+-] \//.test(line));
      assert.strictEqual(marked.length, 1, detail);
      assert.match(
        marked[0],
        /^\s+~ \/hello\s*: "function \| public \| sha256:[0-9a-f]{64} \| functions\/hello\.js" => "function \| public \| sha256:[0-9a-f]{64} \| functions\/hello\.js"$/,
      );

      await resetStats(e2e.emulator.url);
      await e2e.stack.up();
      const { calls } = await emulatorStats(e2e.emulator.url);
      const writes = Object.keys(calls).filter(
        (route) => /^POST .*\/(Functions|Assets)/.test(route) || /^DELETE .*\/(Functions|Assets)/.test(route),
      );
      assert.deepStrictEqual(writes, ["POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"]);
      assert.strictEqual(calls["POST /v1/Services/{ServiceSid}/Functions/{FunctionSid}/Versions"], 1);
      const { urls } = await e2e.stack.outputs();
      assert.strictEqual(
        (await callDomain(e2e.emulator.url, urls.prod.domainName, "/hello?name=Ada")).body,
        "Good day, Ada. [prod]",
      );
    });

    it("deletes a removed file from Twilio once every environment runs the build without it", async () => {
      fs.rmSync(e2e.stack.file("assets/index.html"));
      const preview = (await e2e.stack.mustRun(["preview"])).stdout;
      assert.match(preview, /FileSet multi-env update \[diff: -\/index\.html\]/);
      assert.match(preview, /FileCleanup multi-env update \[diff: -\/index\.html\]/);
      const { stdout } = await e2e.stack.up();
      const lines = stdout.split("\n");
      const cleanedAt = lines.findIndex((line) => /FileCleanup multi-env updated/.test(line));
      const deployedAt = ["dev", "stage", "prod"].map((env) =>
        lines.findIndex((line) => new RegExp(`Deployment multi-env-${env} updated`).test(line)),
      );
      assert.ok(cleanedAt > 0 && deployedAt.every((at) => at > 0 && at < cleanedAt), stdout);
      assert.deepStrictEqual(await friendlyNames("Assets"), ["/greetings.json"]);
      const { urls } = await e2e.stack.outputs();
      for (const env of ["dev", "stage", "prod"]) {
        assert.strictEqual((await callDomain(e2e.emulator.url, urls[env].domainName, "/index.html")).status, 404, env);
      }
    });

    it("switches back to a resource per file (a project shrinking below the threshold)", async () => {
      await e2e.stack.mustRun(["config", "set", "fileResources", "auto"]);
      await e2e.stack.up();
      const types = (await e2e.stack.checkpoint()).resources.map((r) => r.type);
      assert.deepStrictEqual(
        types.filter((t) => t === "FileSet" || t === "FileCleanup"),
        [],
      );
      assert.strictEqual(types.filter((t) => t === "Function" || t === "Asset").length, 3);
      assert.deepStrictEqual(await friendlyNames("Functions"), ["/admin/status", "/hello"]);
      assert.deepStrictEqual(await friendlyNames("Assets"), ["/greetings.json"]);
      const { urls } = await e2e.stack.outputs();
      assert.strictEqual(
        (await callDomain(e2e.emulator.url, urls.dev.domainName, "/hello?name=Ada")).body,
        "Hey Ada! [dev]",
      );
    });
  });
