/**
 * A bash session the consumer test types README lines into, one command at a time, as a user
 * would: `cd`, `export` and background jobs carry over from line to line, and the test can look
 * at each command's output and act between two commands.
 */
import * as assert from "node:assert/strict";
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";

/** The commands of a README ```sh block: comments and blank lines dropped, `\` continuations joined. */
export function shellCommands(block: string): string[] {
  return block
    .replace(/\\\n\s*/g, "")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith("#"));
}

export class Shell {
  private readonly child: ChildProcessWithoutNullStreams;
  private output = "";
  private count = 0;
  private exited = false;

  constructor(cwd: string, env: Record<string, string>) {
    this.child = spawn("bash", ["--norc", "--noprofile"], { cwd, env });
    this.child.stdout.on("data", (chunk) => (this.output += chunk));
    this.child.stderr.on("data", (chunk) => (this.output += chunk));
    this.child.on("exit", () => (this.exited = true));
  }

  /** Runs one command; resolves to what it printed, or fails the test naming it, its status and output. */
  async run(command: string, timeoutMs = 10 * 60_000): Promise<string> {
    const marker = `__readme_command_${++this.count}_done__`;
    const start = this.output.length;
    this.child.stdin.write(`${command}\necho "${marker}:$?"\n`);
    const found = new RegExp(`${marker}:(\\d+)\\n`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = found.exec(this.output.slice(start));
      if (match) {
        const printed = this.output.slice(start, start + match.index);
        assert.equal(match[1], "0", `\`${command}\` exited ${match[1]}:\n${printed}`);
        return printed;
      }
      assert.ok(!this.exited, `bash exited during \`${command}\`:\n${this.output.slice(start)}`);
      assert.ok(Date.now() < deadline, `\`${command}\` still runs after ${timeoutMs} ms:\n${this.output.slice(start)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    if (!this.exited) this.child.kill("SIGKILL");
  }
}
