/**
 * The emulator's state: one ordered map per table, in memory, mirrored to a journal when a
 * data directory is given. Mutations are synchronous (so a check and the write that follows it
 * cannot interleave with another request); commit() makes them durable before an answer.
 * The clock's offset is journaled beside the tables, so a restart keeps the emulator's time.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Clock } from "./clock";
import { DiskContentStore, MemoryContentStore, type ContentStore } from "./content";
import { Journal, readJournal, type JournalEntry } from "./journal";
import { lockDataDir } from "./lock";
import { TABLE_NAMES, timestamp, type TableName, type Tables } from "./records";

type Table<K extends TableName> = Map<string, Tables[K]>;
type NewRecord<K extends TableName> = Omit<Tables[K], "seq" | "dateCreated" | "dateUpdated">;

/** Journal "table" of the emulator's own settings (not a Twilio resource). */
const META = "meta";
const CLOCK_KEY = "clock";

export class Store {
  private readonly tables = Object.fromEntries(TABLE_NAMES.map((name) => [name, new Map()])) as {
    [K in TableName]: Table<K>;
  };
  private lastSeq = 0;
  private journal: Journal | undefined;
  private unlock: (() => void) | undefined;
  private clockOffsetMs = 0;
  /** The emulator's time: every timestamp the store writes comes from it. */
  readonly clock = new Clock(0, (offsetMs) => {
    this.clockOffsetMs = offsetMs;
    this.journal?.append(this.clockEntry());
  });

  private constructor(readonly content: ContentStore) {}

  /** Memory only without `dataDir`; else replays `<dataDir>/state.jsonl` and compacts it. */
  static async open(dataDir?: string): Promise<Store> {
    if (!dataDir) return new Store(new MemoryContentStore());
    mkdirSync(dataDir, { recursive: true });
    const unlock = lockDataDir(dataDir);
    try {
      const store = new Store(new DiskContentStore(join(dataDir, "content")));
      const file = join(dataDir, "state.jsonl");
      for (const entry of readJournal(file)) store.replay(entry);
      if (store.clockOffsetMs > 0) store.clock.advance(store.clockOffsetMs);
      store.journal = new Journal(file, () => store.snapshot());
      await store.journal.start();
      store.unlock = unlock;
      return store;
    } catch (error) {
      unlock();
      throw error;
    }
  }

  get<K extends TableName>(table: K, sid: string): Tables[K] | undefined {
    return this.tables[table].get(sid);
  }

  /** Records of a table in creation order, optionally filtered. */
  list<K extends TableName>(table: K, keep?: (record: Tables[K]) => boolean): Tables[K][] {
    const records = [...this.tables[table].values()];
    return keep ? records.filter(keep) : records;
  }

  find<K extends TableName>(table: K, keep: (record: Tables[K]) => boolean): Tables[K] | undefined {
    for (const record of this.tables[table].values()) if (keep(record)) return record;
    return undefined;
  }

  insert<K extends TableName>(table: K, fields: NewRecord<K>): Tables[K] {
    const now = timestamp(this.clock.now());
    const record = { ...fields, seq: ++this.lastSeq, dateCreated: now, dateUpdated: now } as Tables[K];
    this.put(table, record);
    return record;
  }

  update<K extends TableName>(table: K, record: Tables[K], changes: Partial<Tables[K]>): Tables[K] {
    const updated = { ...record, ...changes, dateUpdated: timestamp(this.clock.now()) };
    this.put(table, updated);
    return updated;
  }

  remove(table: TableName, sid: string): void {
    if (!this.tables[table].delete(sid)) return;
    this.journal?.append({ t: table, d: sid });
  }

  /** Resolves when every mutation so far is on disk (at once without a data directory). */
  commit(): Promise<void> {
    return this.journal ? this.journal.commit() : Promise.resolve();
  }

  async close(): Promise<void> {
    await this.journal?.close();
    this.unlock?.();
    this.unlock = undefined;
  }

  private put<K extends TableName>(table: K, record: Tables[K]): void {
    this.tables[table].set(record.sid, record);
    this.journal?.append({ t: table, r: record as unknown as JournalEntry["r"] });
  }

  private clockEntry(): JournalEntry {
    return { t: META, r: { sid: CLOCK_KEY, offsetMs: this.clockOffsetMs } };
  }

  private replay(entry: JournalEntry): void {
    if (entry.t === META) {
      if (entry.r?.sid === CLOCK_KEY) this.clockOffsetMs = Number(entry.r.offsetMs) || 0;
      return;
    }
    const table = this.tables[entry.t as TableName] as Map<string, { seq: number }> | undefined;
    if (!table) throw new Error(`journal entry for unknown table "${entry.t}"`);
    if (entry.d) table.delete(entry.d);
    if (entry.r) {
      const record = entry.r as unknown as { sid: string; seq: number };
      table.set(record.sid, record);
      this.lastSeq = Math.max(this.lastSeq, record.seq);
    }
  }

  private snapshot(): JournalEntry[] {
    const entries: JournalEntry[] = this.clockOffsetMs > 0 ? [this.clockEntry()] : [];
    for (const name of TABLE_NAMES) {
      for (const record of this.tables[name].values()) {
        entries.push({ t: name, r: record as unknown as JournalEntry["r"] });
      }
    }
    return entries;
  }
}
