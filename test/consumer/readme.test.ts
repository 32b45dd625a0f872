/**
 * README.md as a user reads it: each fenced block is run or written by consumer.test.ts, or
 * listed as not runnable with a reason (readme.ts); each relative link of README.md, docs/ and the
 * packages' READMEs points at a file that exists, and an anchor at a heading of that file.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO } from "../e2e/harness";
import { blockUse, guideFiles, guideShellBlocks, NOT_RUN, readmeBlocks, readReadme, yamlProgram } from "./readme";

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as "-". */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

function anchors(markdown: string): Set<string> {
  const outside = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return new Set([...outside.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchorOf(match[1])));
}

/** The relative links of a Markdown file, outside code: [text](target). */
function relativeLinks(markdown: string): string[] {
  const outside = markdown.replace(/^```[\s\S]*?^```/gm, "").replace(/`[^`\n]*`/g, "");
  return [...outside.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1])
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with each relative link of `file` (repository-relative). */
export function brokenLinks(file: string): string[] {
  const markdown = fs.readFileSync(path.join(REPO, file), "utf8");
  return relativeLinks(markdown).flatMap((link) => {
    const [target, anchor] = link.split("#");
    const resolved = target ? path.join(path.dirname(path.join(REPO, file)), decodeURI(target)) : path.join(REPO, file);
    if (!fs.existsSync(resolved)) return [`${file}: ${link} (no ${path.relative(REPO, resolved)})`];
    if (anchor === undefined || !resolved.endsWith(".md")) return [];
    return anchors(fs.readFileSync(resolved, "utf8")).has(anchor) ? [] : [`${file}: ${link} (no heading #${anchor})`];
  });
}

function markdownFiles(): string[] {
  const docs = fs.readdirSync(path.join(REPO, "docs")).filter((file) => file.endsWith(".md"));
  const examples = fs
    .readdirSync(path.join(REPO, "examples"))
    .map((dir) => `examples/${dir}/README.md`)
    .filter((file) => fs.existsSync(path.join(REPO, file)));
  return ["README.md", "provider/README.md", "emulator/README.md", ...docs.map((file) => `docs/${file}`), ...examples];
}

describe("README.md: every block used, every link resolves", () => {
  const blocks = readReadme(REPO);

  it("each fenced block is run or written by consumer.test.ts, or listed as not runnable with a reason", () => {
    const unused = blocks
      .filter((block) => !blockUse(block))
      .map((block) => `README.md:${block.line} (${block.section}) \`\`\`${block.lang} ${block.text.split("\n")[0]}`);
    assert.deepEqual(unused, [], "run these in test/consumer/consumer.test.ts or list them in readme.ts's NOT_RUN");
    for (const entry of NOT_RUN) {
      assert.ok(entry.reason.length > 20, `NOT_RUN says why: ${entry.firstLine}`);
      assert.ok(
        blocks.some((block) => block.section === entry.section && block.text.startsWith(entry.firstLine)),
        `NOT_RUN lists a block README.md no longer has: ${entry.section}: ${entry.firstLine}`,
      );
    }
  });

  it("the guide has the shell blocks and files consumer.test.ts needs", () => {
    const files = guideFiles(blocks);
    assert.deepEqual(Object.keys(files).sort(), [
      "Pulumi.yaml",
      "functions/hello.js",
      "functions/secret.protected.js",
      "index.ts",
    ]);
    assert.ok(guideShellBlocks(blocks).length >= 5);
    assert.match(yamlProgram(blocks) ?? "", /^runtime: yaml$/m);
  });

  it("a block nobody runs is found", () => {
    const readme = "## Logs\n\n```powershell\nnpx pulumi-twilio-serverless logs\n```\n";
    assert.equal(blockUse(readmeBlocks(readme)[0]), undefined);
  });

  it("each relative link of README.md, docs/ and the packages' READMEs resolves", () => {
    assert.deepEqual(markdownFiles().flatMap(brokenLinks), []);
  });
});
