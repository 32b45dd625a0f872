/**
 * One emulator per data directory: two writers would interleave their journals. A lock left by
 * a process that died (kill -9) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the directory's lock, or throws naming the process that holds it; returns the release. */
export function lockDataDir(dir: string): () => void {
  const file = join(dir, "emulator.lock");
  try {
    writeFileSync(file, String(process.pid), { flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number(readFileSync(file, "utf8"));
    if (holder && (holder === process.pid || isAlive(holder))) {
      throw new Error(
        `data directory ${dir} is in use by another emulator (process ${holder}); stop it or choose another data directory`,
        { cause: error },
      );
    }
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}
