/**
 * Append-only journal of store mutations, one JSON line each. Appends are grouped: every
 * commit() waits for one write + fdatasync that covers all entries appended before it, so
 * concurrent requests share a sync. The file is rewritten from a snapshot on start and when
 * it has grown well past the live state, so replay stays proportional to the state.
 */
import { existsSync, readFileSync } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { writeFileAtomic } from "./fsutil";

export interface JournalEntry {
  /** Table name. */
  t: string;
  /** Record put (insert or full replace). */
  r?: { sid: string } & Record<string, unknown>;
  /** Sid deleted. */
  d?: string;
}

interface Waiter {
  upTo: number;
  resolve(): void;
  reject(error: Error): void;
}

const MIN_COMPACT_LINES = 10_000;

/** Reads a journal, dropping a torn tail (a write cut short by a crash was never acknowledged). */
export function readJournal(file: string): JournalEntry[] {
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, "utf8").split("\n");
  const entries: JournalEntry[] = [];
  let firstBadLine = -1;
  for (let index = 0; index < lines.length; index++) {
    if (lines[index] === "") continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(lines[index]) as JournalEntry;
    } catch {
      if (firstBadLine < 0) firstBadLine = index;
      continue;
    }
    if (firstBadLine >= 0) {
      throw new Error(
        `journal ${file} is corrupt at line ${firstBadLine + 1} (valid entries follow it); move it away to start empty`,
      );
    }
    entries.push(entry);
  }
  return entries;
}

export class Journal {
  private handle: FileHandle | undefined;
  private buffer: string[] = [];
  private queued = 0;
  private durable = 0;
  private waiters: Waiter[] = [];
  private flushing = false;
  private failure: Error | undefined;
  private linesInFile = 0;
  private snapshotSize = 0;

  /** `snapshot` returns the entries that recreate the live state, used to compact. */
  constructor(
    private readonly file: string,
    private readonly snapshot: () => JournalEntry[],
  ) {}

  /** Replaces the file with the current snapshot and opens it for appending. */
  async start(): Promise<void> {
    await this.rewrite();
  }

  append(entry: JournalEntry): void {
    this.buffer.push(JSON.stringify(entry) + "\n");
    this.queued++;
  }

  /** Resolves once every entry appended so far is on disk. */
  commit(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.durable >= this.queued) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ upTo: this.queued, resolve, reject }));
    void this.flush();
    return done;
  }

  async close(): Promise<void> {
    await this.commit().catch(() => undefined);
    await this.handle?.close();
    this.handle = undefined;
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.buffer.length > 0) {
        const lines = this.buffer;
        this.buffer = [];
        const handle = this.handle;
        if (!handle) throw new Error(`journal ${this.file} is closed`);
        await handle.write(lines.join(""));
        await handle.datasync();
        this.linesInFile += lines.length;
        this.durable += lines.length;
        this.settle();
        if (this.linesInFile > Math.max(MIN_COMPACT_LINES, 4 * this.snapshotSize)) await this.rewrite();
      }
    } catch (error) {
      // A journal that cannot write must not acknowledge anything again.
      this.failure = error instanceof Error ? error : new Error(String(error));
      for (const waiter of this.waiters) waiter.reject(this.failure);
      this.waiters = [];
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Writes the live state to a new file and swaps it in atomically. Entries still buffered are
   * appended after it later: replaying puts and deletes over a state that already holds them
   * gives the same state.
   */
  private async rewrite(): Promise<void> {
    const entries = this.snapshot();
    this.snapshotSize = entries.length;
    await this.handle?.close();
    this.handle = undefined;
    await writeFileAtomic(this.file, entries.map((entry) => JSON.stringify(entry) + "\n").join(""));
    this.handle = await open(this.file, "a");
    this.linesInFile = entries.length;
  }

  private settle(): void {
    const pending: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.upTo <= this.durable) waiter.resolve();
      else pending.push(waiter);
    }
    this.waiters = pending;
  }
}
