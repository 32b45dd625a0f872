import { open, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/** fsync a file or directory by path, so a rename or a new file survives a crash. */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `data` to `path` atomically: temp file, fsync, rename, fsync of the directory. */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  const temp = `${path}.tmp-${process.pid}`;
  await writeFile(temp, data);
  await syncPath(temp);
  await rename(temp, path);
  await syncPath(dirname(path));
}
