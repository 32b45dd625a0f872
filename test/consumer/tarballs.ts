/**
 * What `npm pack` of both packages must hold, checked by consumer.test.ts right after the README's
 * pack line.
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

function tarList(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
}

/** The `.js` files of a tarball whose `sourceMappingURL` names a file the tarball does not hold. */
function danglingSourceMaps(tarball: string, files: readonly string[]): string[] {
  const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), "twilio-tarball-"));
  try {
    execFileSync("tar", ["-xzf", tarball, "-C", unpacked]);
    return files
      .filter((file) => file.endsWith(".js"))
      .flatMap((file) => {
        const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(fs.readFileSync(path.join(unpacked, file), "utf8"))?.[1];
        if (!url || url.startsWith("data:")) return [];
        const map = path.posix.join(path.posix.dirname(file), url);
        return files.includes(map) ? [] : [`${file} → ${url}`];
      });
  } finally {
    fs.rmSync(unpacked, { recursive: true, force: true });
  }
}

/** The packed tarballs in `packages`: both packages, only compiled code, their bins, no tests, no dangling source map. */
export function checkTarballs(packages: string): void {
  const tarballs = fs.readdirSync(packages).filter((file) => file.endsWith(".tgz"));
  assert.deepEqual(tarballs.map((file) => file.replace(/-\d+\.\d+\.\d+\.tgz$/, "")).sort(), [
    "pulumi-twilio-serverless",
    "twilio-serverless-emulator",
  ]);
  for (const tarball of tarballs) {
    const files = tarList(path.join(packages, tarball));
    for (const needed of ["package.json", "README.md", "LICENSE", "dist/index.js", "dist/index.d.ts"]) {
      assert.ok(files.includes(`package/${needed}`), `${tarball} holds ${needed}`);
    }
    assert.deepEqual(
      files.filter((file) => /\.test\.|\/test\//.test(file)),
      [],
      `${tarball} ships no tests`,
    );
    assert.deepEqual(
      files.filter(
        (file) =>
          !/^package\/(dist\/.*\.(js|d\.ts)|bin\/[\w-]+\.js|bin\/pulumi-resource-twilio-serverless|package\.json|README\.md|LICENSE)$/.test(
            file,
          ),
      ),
      [],
      `${tarball} ships only compiled dist/, bin/, package.json, README.md and LICENSE`,
    );
    assert.ok(
      files.some((file) => file.startsWith("package/bin/")),
      `${tarball} ships its bin`,
    );
    if (tarball.startsWith("pulumi-twilio-serverless-"))
      assert.ok(files.includes("package/bin/pulumi-resource-twilio-serverless"), "the provider ships its plugin");
    assert.deepEqual(
      danglingSourceMaps(path.join(packages, tarball), files),
      [],
      `${tarball}: no .js points at a source map it does not ship`,
    );
  }
}
