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
import { intern, internAll, internEntry } from "./intern.js";

export type SqliteDatabase = Database.Database;

/** A catalog write past this much WAL checkpoints it into the database and truncates it. */
const WAL_CHECKPOINT_BYTES = 4 << 20;

/**
 * Bump when the tables below change shape (the index has its own format, fts-index.ts).
 * 1: `entry.data` an entry's JSON object, its key figures in `entry.key`.
 * 2: `entry.data` the entry's fields by position and its issuer by number (`entryCodec`, table
 *    `body`), the key figures in `entry_key`: the rows start-up reads are a tenth of the size and
 *    parse several times faster. A version-1 file is moved to version 2 by the first process that
 *    opens it for writing.
 */
const SCHEMA_VERSION = 2;

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
  let version = Number((db.prepare("SELECT value FROM store_meta WHERE key = 'schema'").pluck().get() as string | undefined) ?? SCHEMA_VERSION);
  if (version === 1 && !readOnly) {
    migrateFromV1(db);
    version = SCHEMA_VERSION;
  }
  if (version === 1) {
    db.close();
    throw new Error(`数据库文件 ${path} 是旧的格式（1），需要先由可写入的进程（npm start 或 npm run cli）打开一次以升级。`);
  }
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
    -- Full records (records.ts): the report part first, so reading it never touches the text part.
    CREATE TABLE IF NOT EXISTS record (id TEXT PRIMARY KEY, report BLOB NOT NULL, text BLOB NOT NULL);
  `);
  // A version-1 file keeps its entry table until migrateFromV1 moves it.
  if (Number(db.prepare("SELECT value FROM store_meta WHERE key = 'schema'").pluck().get()) === 1) return;
  db.exec(`
    -- One row per catalog entry: answering (held = 0) or held for an admin (held = 1), in order;
    -- data: its fields by position, its issuer by number (entryCodec). Start-up reads this table
    -- and the next, nothing else.
    CREATE TABLE IF NOT EXISTS entry (id TEXT PRIMARY KEY, held INTEGER NOT NULL, pos INTEGER NOT NULL, data TEXT NOT NULL);
    -- Who issued reports (org, region, fullRegion, aliases, level, parent, province, city,
    -- county), by position (entryCodec), each once: a body's reports of every year name it alike.
    -- Rows are never deleted (a few hundred bytes a body).
    CREATE TABLE IF NOT EXISTS body (id INTEGER PRIMARY KEY, who TEXT NOT NULL UNIQUE);
    -- Each entry's key figures (JSON object, metric → value): two thirds of an entry, read only by
    -- library-wide questions, so apart (in the entry's row they made start-up read 4× the pages).
    CREATE TABLE IF NOT EXISTS entry_key (id TEXT PRIMARY KEY, key TEXT NOT NULL);
  `);
}

/** Schema 1 → 2: the entries re-encoded by position, their key figures moved to `entry_key`. */
function migrateFromV1(db: SqliteDatabase): void {
  db.transaction(() => {
    const hasKey = (db.prepare("SELECT name FROM pragma_table_info('entry')").pluck().all() as string[]).includes("key");
    db.exec("ALTER TABLE entry RENAME TO entry_v1");
    db.prepare("UPDATE store_meta SET value = ? WHERE key = 'schema'").run(String(SCHEMA_VERSION));
    createSchema(db);
    const put = db.prepare("INSERT INTO entry (id, held, pos, data) VALUES (?, ?, ?, ?)");
    const putKey = db.prepare("INSERT INTO entry_key (id, key) VALUES (?, ?)");
    const { encode } = entryCodec(db);
    for (const row of db.prepare(`SELECT id, held, pos, data${hasKey ? ", key" : ""} FROM entry_v1`).all() as {
      id: string;
      held: number;
      pos: number;
      data: string;
      key?: string | null;
    }[]) {
      const { key, ...e } = JSON.parse(row.data) as StoredEntry;
      put.run(row.id, row.held, row.pos, encode(e as StoredEntry));
      putKey.run(row.id, row.key ?? JSON.stringify(key ?? {}));
    }
    db.exec("DROP TABLE entry_v1");
  })();
}

/**
 * The fields of an entry in the order `entry.data` holds them. Why by position: parsing 100k
 * entries' keys was half of a start-up's reading. Append new fields at the end (at most 31); a
 * field not listed here is kept in a trailing object, so nothing an entry holds is lost. The first
 * BODY_FIELDS are the issuer's, kept in `body`.
 */
const ENTRY_FIELDS = [
  "org",
  "region",
  "fullRegion",
  "aliases",
  "level",
  "parent",
  "province",
  "city",
  "county",
  "year",
  "published",
  "template",
  "title",
  "sourceName",
  "chars",
  "traditional",
  "figureCount",
  "warningCount",
  "conflictCount",
  "columns",
  "statLabels",
  "file",
  "original",
  "addedAt",
  "announced",
  "uncertainCount",
  "renditions",
  "revisions",
  "revisionPending",
  "missing",
] as const;
const BODY_FIELDS = 9;
const LISTED = new Set<string>(["id", "key", ...ENTRY_FIELDS]);

export interface EntryCodec {
  /** The entry's row text (a writer's: a body not seen before is added to `body`). */
  encode(e: StoredEntry): string;
  /** The entry a row holds, without its key figures (its body's strings and aliases shared). */
  decode(id: string, data: string): StoredEntry;
}

/**
 * How a database holds an entry: `entry.data` is `[mask, body, ...values, extra?]` — bit f of
 * the mask set when ENTRY_FIELDS[f] (f ≥ BODY_FIELDS) is present, absent fields taking no place,
 * then an object of any fields not listed; `body` the id of the `body` row holding the first
 * BODY_FIELDS the same way (`[mask, ...values]`). PostgreSQL mirrors both texts as they are.
 *
 *   encode({ id: "a", org: "长寿区人民政府", region: "长寿区", …, year: 2018, … }) → '[33553920,7,2018,"2019-01-20",…]'
 */
export function entryCodec(db: SqliteDatabase): EntryCodec {
  let bodies: Map<number, unknown[]> | undefined;
  let bodyIds: Map<string, number> | undefined;
  const load = () => {
    if (bodies) return;
    bodies = new Map();
    bodyIds = new Map();
    for (const [id, who] of db.prepare("SELECT id, who FROM body").raw().iterate() as IterableIterator<[number, string]>) {
      bodies.set(id, internBody(JSON.parse(who) as unknown[]));
      bodyIds.set(who, id);
    }
  };
  let addBody: ReturnType<SqliteDatabase["prepare"]> | undefined;
  const bodyOf = (who: string): number => {
    load();
    let id = bodyIds!.get(who);
    if (id === undefined) {
      addBody ??= db.prepare("INSERT INTO body (who) VALUES (?)");
      id = Number(addBody.run(who).lastInsertRowid);
      bodies!.set(id, internBody(JSON.parse(who) as unknown[]));
      bodyIds!.set(who, id);
    }
    return id;
  };
  const decoders = new Map<string, (id: string, a: unknown[], b: unknown[]) => StoredEntry>();
  return {
    encode(e) {
      const rec = e as unknown as Record<string, unknown>;
      const body: unknown[] = [0];
      const out: unknown[] = [0, 0];
      let bodyMask = 0;
      let mask = 0;
      for (let f = 0; f < ENTRY_FIELDS.length; f++) {
        const v = rec[ENTRY_FIELDS[f]!];
        if (v === undefined) continue;
        if (f < BODY_FIELDS) (bodyMask |= 1 << f), body.push(v);
        else (mask |= 1 << f), out.push(v);
      }
      body[0] = bodyMask;
      out[0] = mask;
      out[1] = bodyOf(JSON.stringify(body));
      let extra: Record<string, unknown> | undefined;
      // Never e.key: it may be the lazy getter (sqliteDbAdapter), and it has a table of its own.
      for (const k of Object.keys(e)) if (!LISTED.has(k) && rec[k] !== undefined) (extra ??= {})[k] = rec[k];
      if (extra) out.push(extra);
      return JSON.stringify(out);
    },
    decode(id, data) {
      load();
      const a = JSON.parse(data) as unknown[];
      const b = bodies!.get(a[1] as number) ?? [0];
      const masks = `${b[0]}/${a[0]}`;
      let decode = decoders.get(masks);
      if (!decode) {
        // One object literal per pair of masks (a catalog has a handful): every entry of a kind
        // gets its shape at once — field by field, 100k entries took twice as long to build.
        // Field names are ENTRY_FIELDS (identifiers), indexes numbers: nothing of the data is code.
        const fields = ["id: id"];
        let i = 1;
        let j = 2;
        for (let f = 0; f < ENTRY_FIELDS.length; f++) {
          if (f < BODY_FIELDS && (b[0] as number) & (1 << f)) fields.push(`${ENTRY_FIELDS[f]}: b[${i++}]`);
          else if (f >= BODY_FIELDS && (a[0] as number) & (1 << f)) fields.push(`${ENTRY_FIELDS[f]}: a[${j++}]`);
        }
        decode = new Function("id", "a", "b", `const e = { ${fields.join(", ")} }; if (a.length > ${j}) Object.assign(e, a[${j}]); return e;`) as (
          id: string,
          a: unknown[],
          b: unknown[],
        ) => StoredEntry;
        decoders.set(masks, decode);
      }
      // The body's strings are interned once with it; the entry's own repeated ones here.
      return internEntry(decode(id, a, b), { body: false });
    },
  };
}

/**
 * A body's fields (`[mask, ...values]`) with their strings interned (intern.ts): bodies in the
 * same city or province name it alike, each in a copy of its own.
 */
function internBody(body: unknown[]): unknown[] {
  for (let i = 1; i < body.length; i++) {
    const v = body[i];
    if (typeof v === "string") body[i] = intern(v);
    else if (Array.isArray(v) && v.every((x) => typeof x === "string")) internAll(v as string[]);
  }
  return body;
}

/**
 * What, of an entry, the library changes in place after it is made (a flag set, a copy pushed):
 * compared on every write.
 */
function mutable(e: StoredEntry): number {
  // A number, not a string: 100k of them are made at start-up. Counts past 999 give NaN, which
  // equals nothing: such an entry is written at every write, never missed.
  const flag = (b: boolean | undefined) => (b === undefined ? 0 : b ? 1 : 2);
  const [a, b, c] = [e.renditions?.length ?? 0, e.revisions?.length ?? 0, e.missing?.length ?? 0];
  if (a > 999 || b > 999 || c > 999) return Number.NaN;
  return flag(e.announced) + 3 * flag(e.revisionPending) + 9 * (a + 1000 * (b + 1000 * c));
}

/**
 * lowdb over the `entry`, `entry_key` and `store_meta` tables. `read()` gives the whole `DbData`
 * (entries in their order); `write()` stores the entries that are new, replaced or changed in
 * place (`mutable`), deletes the ones gone and rewrites the small parts (decisions, bot state)
 * only when they changed — so a /subscribe at 100k reports writes one row, not the catalog.
 *
 * Start-up reads the entries without their key figures: `entry_key` is read, for every entry at
 * once, the first time any entry's is asked (a library-wide question: 2019年哪个地区行政处罚最多).
 */
export function sqliteDbAdapter(db: SqliteDatabase): Adapter<DbData> {
  const known = new Map<string, { obj: StoredEntry; fp: number; held: number; pos: number }>();
  const small = new Map<string, string>();
  const getMeta = db.prepare("SELECT value FROM store_meta WHERE key = ?").pluck();
  const readOnly = db.readonly;
  let codec = entryCodec(db);
  const own = (e: StoredEntry, key: Record<string, number>) =>
    Object.defineProperty(e, "key", { value: key, writable: true, enumerable: true, configurable: true });
  const isLazy = (e: StoredEntry) => Object.getOwnPropertyDescriptor(e, "key")?.get !== undefined;
  let keysRead = false;
  const readKeys = () => {
    if (keysRead) return;
    keysRead = true;
    for (const [id, key] of db.prepare("SELECT id, key FROM entry_key").raw().iterate() as IterableIterator<[string, string]>) {
      const e = known.get(id)?.obj;
      if (e && isLazy(e)) own(e, JSON.parse(key) as Record<string, number>);
    }
    for (const { obj } of known.values()) if (isLazy(obj)) own(obj, {});
  };
  // One getter and setter for every entry (no closure each: 100k entries at start-up).
  const lazy: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: StoredEntry) {
      readKeys();
      // An entry no longer in the catalog (replaced since): its own row, if still there.
      if (isLazy(this))
        own(
          this,
          JSON.parse((db.prepare("SELECT key FROM entry_key WHERE id = ?").pluck().get(this.id) as string | undefined) ?? "{}") as Record<string, number>,
        );
      return this.key;
    },
    set(this: StoredEntry, value: Record<string, number>) {
      own(this, value);
    },
  };
  const w = readOnly
    ? null
    : {
        meta: db.prepare("INSERT OR REPLACE INTO store_meta (key, value) VALUES (?, ?)"),
        put: db.prepare("INSERT OR REPLACE INTO entry (id, held, pos, data) VALUES (?, ?, ?, ?)"),
        putKey: db.prepare("INSERT OR REPLACE INTO entry_key (id, key) VALUES (?, ?)"),
        move: db.prepare("UPDATE entry SET held = ?, pos = ? WHERE id = ?"),
        drop: db.prepare("DELETE FROM entry WHERE id = ?"),
        dropKey: db.prepare("DELETE FROM entry_key WHERE id = ?"),
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
          w!.put.run(e.id, held, pos, codec.encode(e));
          // A new or replaced entry brings its key figures; one changed in place keeps them (and
          // asking an entry read from the table for them would read every entry's).
          if (!was || was.obj !== e) w!.putKey.run(e.id, JSON.stringify(e.key ?? {}));
        } else if (was.held !== held || was.pos !== pos) w!.move.run(held, pos, e.id);
        else return;
        known.set(e.id, { obj: e, fp, held, pos });
      });
    };
    place(data.reports, 0);
    place(data.held, 1);
    for (const id of [...known.keys()]) {
      if (seen.has(id)) continue;
      w!.drop.run(id);
      w!.dropKey.run(id);
      known.delete(id);
    }
  });
  return {
    async read() {
      const version = getMeta.get("version") as string | undefined;
      if (version === undefined) return null;
      const reports: StoredEntry[] = [];
      const held: StoredEntry[] = [];
      const at: number[][] = [[], []];
      // In table order, sorted here only when out of order: ORDER BY would make SQLite sort every
      // row's data.
      // Row by row (iterate): a row is garbage once decoded, never promoted by the collector.
      for (const [id, h, pos, data] of db.prepare("SELECT id, held, pos, data FROM entry").raw().iterate() as IterableIterator<
        [string, number, number, string]
      >) {
        const e = codec.decode(id, data);
        Object.defineProperty(e, "key", lazy);
        (h ? held : reports).push(e);
        at[h ? 1 : 0]!.push(pos);
        known.set(id, { obj: e, fp: mutable(e), held: h, pos });
      }
      const inOrder = (list: StoredEntry[], pos: number[]) => {
        for (let i = 1; i < pos.length; i++) {
          if (pos[i - 1]! > pos[i]!)
            return list
              .map((e, j) => ({ e, p: pos[j]! }))
              .sort((a, b) => a.p - b.p)
              .map((x) => x.e);
        }
        return list;
      };
      const part = <T>(key: string, fallback: T): T => {
        const raw = getMeta.get(key) as string | undefined;
        if (raw !== undefined) small.set(key, raw);
        return raw === undefined ? fallback : (JSON.parse(raw) as T);
      };
      small.set("version", version);
      return {
        version: Number(version),
        reports: inOrder(reports, at[0]!),
        held: inOrder(held, at[1]!),
        decisions: part("decisions", { confirmed: [], discarded: [] }),
        ...(getMeta.get("bot") !== undefined ? { bot: part("bot", {}) } : {}),
      } as DbData;
    },
    async write(data) {
      if (!w) return; // a reader never writes (the library does not ask it to)
      try {
        write(data);
      } catch (err) {
        codec = entryCodec(db); // bodies it added went with the transaction
        throw err;
      }
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
