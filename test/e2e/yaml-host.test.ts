/**
 * The YAML language host scripts/ensure-pulumi.sh provides beside the CLI: a `runtime: yaml`
 * program with no resource and one output goes up through the real CLI, offline.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { hermeticEnv } from "../../scripts/hermetic-env";
import { pulumiBinDir, REPO } from "./harness";

describe("e2e: a Pulumi YAML program through the CLI", function () {
  this.timeout(120_000);
  const root = path.join(REPO, ".cache", "e2e", `yaml-${process.pid}`);
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it("goes up and answers its output", () => {
    const project = path.join(root, "project");
    fs.mkdirSync(path.join(root, "state"), { recursive: true });
    fs.mkdirSync(project, { recursive: true });
    fs.writeFileSync(
      path.join(project, "Pulumi.yaml"),
      "name: yaml-host\nruntime: yaml\noutputs:\n  greeting: hello from YAML\n",
    );
    const env = hermeticEnv(process.env, {
      PATH: `${pulumiBinDir()}${path.delimiter}${process.env.PATH}`,
      PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
      PULUMI_CONFIG_PASSPHRASE: "yaml-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_HOME: path.join(REPO, ".cache", "pulumi", "home"),
    });
    const pulumi = (...args: string[]) =>
      execFileSync("pulumi", [...args, "--non-interactive"], {
        cwd: project,
        env,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
    pulumi("stack", "init", "dev");
    pulumi("up", "--yes", "--skip-preview");
    assert.deepEqual(JSON.parse(pulumi("stack", "output", "--json")), { greeting: "hello from YAML" });
  });
});
