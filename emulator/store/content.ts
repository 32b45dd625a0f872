/**
 * Uploaded content, addressed by sha256: in memory, or as files `<dataDir>/content/<sha256>`
 * written to a temp file, fsynced and renamed, so a file either exists whole or not at all.
 */
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { syncPath } from "./fsutil";

export interface StoredContent {
  sha256: string;
  size: number;
}

export interface ContentStore {
  /** Consumes `source` to its end and stores it; rejects (storing nothing) if the stream errors. */
  ingest(source: Readable): Promise<StoredContent>;
  read(sha256: string): Promise<Buffer>;
}

/** Hashes and counts what flows through it. */
class Digest extends Transform {
  private readonly hash = createHash("sha256");
  size = 0;

  override _transform(
    chunk: Buffer,
    _encoding: BufferEncoding,
    callback: (error?: Error | null, data?: Buffer) => void,
  ): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    callback(null, chunk);
  }

  hex(): string {
    return this.hash.digest("hex");
  }
}

export class MemoryContentStore implements ContentStore {
  private readonly blobs = new Map<string, Buffer>();

  async ingest(source: Readable): Promise<StoredContent> {
    const digest = new Digest();
    const chunks: Buffer[] = [];
    await pipeline(source, digest, async (stream: AsyncIterable<Buffer>) => {
      for await (const chunk of stream) chunks.push(chunk);
    });
    const sha256 = digest.hex();
    if (!this.blobs.has(sha256)) this.blobs.set(sha256, Buffer.concat(chunks));
    return { sha256, size: digest.size };
  }

  async read(sha256: string): Promise<Buffer> {
    const blob = this.blobs.get(sha256);
    if (!blob) throw new Error(`content ${sha256} is missing from the emulator's memory store`);
    return blob;
  }
}

export class DiskContentStore implements ContentStore {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true });
    // Uploads cut short by a crash were never acknowledged.
    for (const name of readdirSync(dir)) if (name.startsWith(".upload-")) rmSync(join(dir, name), { force: true });
  }

  async ingest(source: Readable): Promise<StoredContent> {
    const temp = join(this.dir, `.upload-${randomBytes(8).toString("hex")}`);
    const digest = new Digest();
    try {
      await pipeline(source, digest, createWriteStream(temp));
      const sha256 = digest.hex();
      const target = join(this.dir, sha256);
      if (existsSync(target)) {
        await rm(temp, { force: true });
      } else {
        await syncPath(temp);
        await rename(temp, target);
        await syncPath(this.dir);
      }
      return { sha256, size: digest.size };
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  read(sha256: string): Promise<Buffer> {
    return readFile(join(this.dir, sha256));
  }
}
