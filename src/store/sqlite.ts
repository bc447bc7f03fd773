// The embedded store: one SQLite file (WAL, one writer — the process holding the db lock, see
// lock.ts) with the catalog entries, the records and the full-text index (index/fts-index.ts).
// The only import of better-sqlite3.
//
// Why: the lowdb file is rewritten whole on every change and, past ≈170k reports, outgrows V8's
// largest string; record files take ≈4× the text; the in-memory index takes GBs. Here an ingest
// writes its own rows, a start-up reads the catalog entries and nothing else (records and postings
// are read per question), and the whole stays within about twice the text on disk.
//
// The catalog keeps the shape the library already works with (lowdb's `Low<DbData>`): this file
// gives lowdb an adapter whose write() stores only the entries that changed since the last write.
import { chmodSync, existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { Adapter } from "lowdb";
import type { DbData, StoredEntry } from "./db.js";
import { FILE_MODE } from "./durable.js";

export type SqliteDatabase = Database.Database;

/** A catalog write past this much WAL checkpoints it into the database and truncates it. */
const WAL_CHECKPOINT_BYTES = 4 << 20;

/** Bump when the tables below change shape (the index has its own format, fts-index.ts). */
const SCHEMA_VERSION = 1;

export interface OpenSqliteOptions {
  /** A reader beside the process that owns the db: no writes, no schema changes. Defaults to false. */
  readOnly?: boolean;
}

/**
 * Open (creating it) the database at `path`. A reader opens an existing file read-only; a
 * database of another schema version is an error naming the file, never rewritten silently.
 */
export function openSqlite(path: string, { readOnly = false }: OpenSqliteOptions = {}): SqliteDatabase {
  const fresh = !existsSync(path);
  if (readOnly && fresh) {
    // Nothing written yet: an empty in-memory database reads as an empty library.
    const mem = new Database(":memory:");
    createSchema(mem);
    return mem;
  }
  const db = new Database(path, readOnly ? { readonly: true } : {});
  if (fresh) chmodSync(path, FILE_MODE);
  db.pragma("busy_timeout = 10000");
  if (!readOnly) {
    db.pragma("journal_mode = WAL");
    // WAL + NORMAL: a commit is atomic and a crash never tears it; a power cut may lose the last
    // few commits, and then the catalog and the records lose them together (one file).
    db.pragma("synchronous = NORMAL");
    // The WAL is cut back to this after a checkpoint (else it keeps its largest size on disk).
    db.pragma("journal_size_limit = 16777216");
  }
  db.pragma("cache_size = -32000");
  if (!readOnly) createSchema(db);
  const version = Number((db.prepare("SELECT value FROM store_meta WHERE key = 'schema'").pluck().get() as string | undefined) ?? SCHEMA_VERSION);
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw new Error(`数据库文件 ${path} 的格式版本是 ${version}，本程序使用 ${SCHEMA_VERSION}。请移走该文件后重新导入报告。`);
  }
  return db;
}

function createSchema(db: SqliteDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT OR IGNORE INTO store_meta VALUES ('schema', '${SCHEMA_VERSION}');
    -- One row per catalog entry: answering (held = 0) or held for an admin (held = 1), in order;
    -- its key figures apart (two thirds of an entry, read only by library-wide questions).
    CREATE TABLE IF NOT EXISTS entry (id TEXT PRIMARY KEY, held INTEGER NOT NULL, pos INTEGER NOT NULL, data TEXT NOT NULL, key TEXT);
    -- Full records (records.ts): the report part first, so reading it never touches the text part.
    CREATE TABLE IF NOT EXISTS record (id TEXT PRIMARY KEY, report BLOB NOT NULL, text BLOB NOT NULL);
  `);
  // Made before the key figures had a column of their own: they stay inside `data` until rewritten.
  if (!(db.prepare("SELECT name FROM pragma_table_info('entry')").pluck().all() as string[]).includes("key")) db.exec("ALTER TABLE entry ADD COLUMN key TEXT");
}

/**
 * What, of an entry, the library changes in place after it is made (a flag set, a copy pushed):
 * compared on every write.
 */
function mutable(e: StoredEntry): string {
  return `${e.announced}|${e.renditions?.length ?? 0}|${e.revisions?.length ?? 0}|${e.revisionPending}|${e.missing?.length ?? 0}`;
}

/**
 * lowdb over the `entry` and `store_meta` tables. `read()` gives the whole `DbData` (entries in
 * their order); `write()` stores the entries that are new, replaced or changed in place
 * (`mutable`), deletes the ones gone and rewrites the small parts (decisions, bot state) only when
 * they changed — so a /subscribe at 100k reports writes one row, not the catalog.
 *
 * Start-up reads the entries without their key figures: `entry.key` is read, for every entry at
 * once, the first time any entry's is asked (a library-wide question: 2019年哪个地区行政处罚最多).
 */
export function sqliteDbAdapter(db: SqliteDatabase): Adapter<DbData> {
  const known = new Map<string, { obj: StoredEntry; fp: string; held: number; pos: number }>();
  const small = new Map<string, string>();
  const getMeta = db.prepare("SELECT value FROM store_meta WHERE key = ?").pluck();
  const readOnly = db.readonly;
  // Entries whose key figures are not read yet.
  const keyless = new Map<string, StoredEntry>();
  const own = (e: StoredEntry, key: Record<string, number>) => Object.defineProperty(e, "key", { value: key, writable: true, enumerable: true, configurable: true });
  const readKeys = () => {
    for (const row of db.prepare("SELECT id, key FROM entry WHERE key IS NOT NULL").iterate() as IterableIterator<{ id: string; key: string }>) {
      const e = keyless.get(row.id);
      if (e) own(e, JSON.parse(row.key) as Record<string, number>);
    }
    for (const e of keyless.values()) if (Object.getOwnPropertyDescriptor(e, "key")?.get) own(e, {});
    keyless.clear();
  };
  // One getter and setter for every entry (no closure each: 100k entries at start-up).
  const lazy: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: StoredEntry) {
      readKeys();
      return this.key;
    },
    set(this: StoredEntry, value: Record<string, number>) {
      keyless.delete(this.id);
      own(this, value);
    },
  };
  const lazyKey = (e: StoredEntry) => {
    keyless.set(e.id, e);
    Object.defineProperty(e, "key", lazy);
  };
  const w = readOnly
    ? null
    : {
        meta: db.prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"),
        put: db.prepare("INSERT OR REPLACE INTO entry (id, held, pos, data, key) VALUES (?, ?, ?, ?, ?)"),
        move: db.prepare("UPDATE entry SET held = ?, pos = ? WHERE id = ?"),
        drop: db.prepare("DELETE FROM entry WHERE id = ?"),
      };
  const write = db.transaction((data: DbData) => {
    for (const [key, value] of [
      ["version", String(data.version)],
      ["decisions", JSON.stringify(data.decisions)],
      // An older catalog's bot state, until the bot state file takes it (store/bot-state.ts).
      ...(data.bot ? [["bot", JSON.stringify(data.bot)] as const] : []),
    ] as const) {
      if (small.get(key) === value) continue;
      w!.meta.run(key, value);
      small.set(key, value);
    }
    const seen = new Set<string>();
    const place = (list: StoredEntry[], held: number) => {
      list.forEach((e, pos) => {
        seen.add(e.id);
        const was = known.get(e.id);
        const fp = mutable(e);
        if (!was || was.obj !== e || was.fp !== fp) {
          const { key, ...rest } = e;
          w!.put.run(e.id, held, pos, JSON.stringify(rest), JSON.stringify(key ?? {}));
        }
        else if (was.held !== held || was.pos !== pos) w!.move.run(held, pos, e.id);
        else return;
        known.set(e.id, { obj: e, fp, held, pos });
      });
    };
    place(data.reports, 0);
    place(data.held, 1);
    for (const id of [...known.keys()]) {
      if (seen.has(id)) continue;
      w!.drop.run(id);
      known.delete(id);
    }
  });
  return {
    async read() {
      const version = getMeta.get("version") as string | undefined;
      if (version === undefined) return null;
      const rows: { e: StoredEntry; held: number; pos: number }[] = [];
      // In table order, sorted here: ORDER BY would make SQLite sort every row's data.
      for (const [held, pos, data] of db.prepare("SELECT held, pos, data FROM entry").raw().all() as [number, number, string][]) {
        const e = JSON.parse(data) as StoredEntry;
        if (!("key" in e)) lazyKey(e);
        rows.push({ e, held, pos });
        known.set(e.id, { obj: e, fp: mutable(e), held, pos });
      }
      rows.sort((a, b) => a.held - b.held || a.pos - b.pos);
      const reports = rows.filter((r) => !r.held).map((r) => r.e);
      const held = rows.filter((r) => r.held).map((r) => r.e);
      const part = <T>(key: string, fallback: T): T => {
        const raw = getMeta.get(key) as string | undefined;
        if (raw !== undefined) small.set(key, raw);
        return raw === undefined ? fallback : (JSON.parse(raw) as T);
      };
      small.set("version", version);
      return {
        version: Number(version),
        reports,
        held,
        decisions: part("decisions", { confirmed: [], discarded: [] }),
        ...(getMeta.get("bot") !== undefined ? { bot: part("bot", {}) } : {}),
      } as DbData;
    },
    async write(data) {
      if (!w) return; // a reader never writes (the library does not ask it to)
      write(data);
      // After a bulk ingest the WAL holds the whole of it: moved into the database and cut back
      // (journal_size_limit keeps it from growing again between these).
      let wal = 0;
      try {
        wal = statSync(`${db.name}-wal`).size;
      } catch {
        /* no WAL file */
      }
      // Not inside an ingest's batch (sqliteWriteBatch): its commit comes first.
      if (wal > WAL_CHECKPOINT_BYTES && !db.inTransaction) db.pragma("wal_checkpoint(TRUNCATE)");
    },
  };
}

/**
 * A batch of an ingest as one transaction: its records, index rows and catalog rows committed
 * together, once (a commit per report cost more than the report's own rows). `work` may await —
 * its bytes written to the originals, the workers' messages — but writes only through this
 * connection, and the library runs one ingest at a time; a failure rolls the batch back.
 */
export function sqliteWriteBatch(db: SqliteDatabase): <T>(work: () => Promise<T>) => Promise<T> {
  return async (work) => {
    if (db.inTransaction) return work();
    db.exec("BEGIN");
    try {
      const out = await work();
      db.exec("COMMIT");
      return out;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    }
  };
}

/** True when the database holds no catalog yet (a migration from the JSON store may fill it). */
export function isEmptyStore(db: SqliteDatabase): boolean {
  return db.prepare("SELECT value FROM store_meta WHERE key = 'version'").get() === undefined;
}

export function storeMeta(db: SqliteDatabase, key: string): string | undefined {
  return db.prepare("SELECT value FROM store_meta WHERE key = ?").pluck().get(key) as string | undefined;
}

export function setStoreMeta(db: SqliteDatabase, key: string, value: string): void {
  db.prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)").run(key, value);
}

/** Record files under a records folder (records.ts: `<2 hex>/<16 hex>.rec`), by report id. */
export function recordFileIds(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const ids: string[] = [];
  for (const sub of readdirSync(dir)) {
    if (!/^[0-9a-f]{2}$/.test(sub)) continue;
    for (const f of readdirSync(join(dir, sub))) if (/^[0-9a-f]{16}\.rec$/.test(f)) ids.push(f.slice(0, 16));
  }
  return ids;
}
