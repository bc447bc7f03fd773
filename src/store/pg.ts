// The PostgreSQL store (DATABASE_URL): the same catalog, records and full-text index as the SQLite
// store, in one database that several bot processes share behind a load balancer. The only place
// that connects to PostgreSQL.
//
// Why a synchronous bridge: the record and index reads (RecordStore, SearchIndex) are synchronous
// and used deep in the answering code (src/qa/*), as they are over SQLite. `pg` is asynchronous.
// Making the answering code async (and prefetching) would touch every answering module; keeping a
// copy of the derived data in each process would need a second store kept in step. Instead a
// worker thread owns one connection and the main thread waits for its answer (Atomics.wait on a
// shared flag): a read costs one round trip (≈0.1–0.3 ms on the same machine or network), which the
// LRU caches of the library absorb as they absorb the SQLite reads — the same blocking the SQLite
// store does on a cold page, with the same answering code and the same SQL design on both stores.
// Its limit: a distant database adds its round trip to every uncached read of a question.
//
// Replicas: every table below is shared. Writers take turns (a session advisory lock, `exclusive`),
// each write bumps `store_meta.revision` and notifies (LISTEN/NOTIFY on `nianbao_catalog`); the
// others read the catalog again before their next write and when notified (library.ts `follow`):
// only what changed since they last read (`entry.rev`, `entry_gone`, pgDbAdapter.readChanges).
import { MessageChannel, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { Adapter } from "lowdb";
import pg from "pg";
import type { DbData, StoredEntry } from "./db.js";
import { internEntry } from "./intern.js";

/** Bump when the tables below change shape. */
const SCHEMA_VERSION = 2;

/** The first key of every advisory lock this program takes (the second says which). */
export const LOCK_SPACE = 0x6e62; // "nb"
export const LOCKS = { schema: 1, writer: 2, alerts: 3, alertSender: 4 } as const;

/** How often listeners look again when no notification came. */
const LOOK_EVERY_MS = 5_000;

/** Channels other processes are told on. */
export const CHANNELS = { catalog: "nianbao_catalog", alerts: "nianbao_alerts" } as const;

export interface Query {
  text: string;
  values?: unknown[];
}

export class PgError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = "PgError";
  }
}

/** PostgreSQL, synchronously (see above). */
export interface PgSync {
  /** One statement; its rows. */
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): R[];
  /** Statements run in one transaction (all or none); the rows of each. */
  tx(queries: Query[]): Record<string, unknown>[][];
  /** `fn` inside BEGIN … COMMIT on the bridge's connection (ROLLBACK when it throws). Synchronous only. */
  transaction<T>(fn: () => T): T;
  /** Take a session advisory lock without waiting; true when this connection holds it. */
  tryLock(which: number): boolean;
  unlock(which: number): void;
  /**
   * Be called (on the main thread's event loop) when another process notifies `channel`, and every
   * few seconds anyway (a notification is lost with a dropped connection), until close().
   */
  listen(channel: string, listener: () => void): void;
  notify(channel: string): void;
  readonly url: string;
  close(): Promise<void>;
}

export interface OpenPgOptions {
  /** How long one query may take before the caller gets an error. Defaults to 30 s. */
  timeoutMs?: number;
}

/** Connect to `url` (postgres://…): the bridge's worker, then the schema (created when missing). */
export function openPg(url: string, { timeoutMs = 30_000 }: OpenPgOptions = {}): PgSync {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(new URL("./pg-sync-worker.mjs", import.meta.url), { workerData: { url, port: port2, flag: flag.buffer }, transferList: [port2] });
  worker.unref(); // an idle connection never holds the process
  let closed = false;
  let failed: Error | undefined;
  worker.on("error", (err) => (failed = err));
  worker.on("exit", () => (failed ??= new Error("the connection was closed")));
  let nextId = 1;
  const call = (queries: Query[], tx: boolean): Record<string, unknown>[][] => {
    if (closed) throw new PgError("PostgreSQL: the connection was closed");
    if (failed) throw new PgError(`PostgreSQL: ${failed.message}`);
    const id = nextId++;
    Atomics.store(flag, 0, 0);
    port1.postMessage({ id, tx, queries });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      Atomics.wait(flag, 0, 0, Math.max(1, deadline - Date.now()));
      for (let got = receiveMessageOnPort(port1); got; got = receiveMessageOnPort(port1)) {
        const reply = got.message as { id: number; ok: boolean; results?: Record<string, unknown>[][]; error?: string; code?: string };
        if (reply.id !== id) continue; // the answer to a call that timed out
        if (!reply.ok) throw new PgError(`PostgreSQL: ${reply.error}`, reply.code);
        return reply.results!;
      }
      if (Date.now() >= deadline) throw new PgError(`PostgreSQL did not answer within ${timeoutMs} ms (${url.replace(/\/\/[^@/]*@/, "//…@")})`);
      Atomics.store(flag, 0, 0);
    }
  };
  const query = <R>(text: string, values?: unknown[]): R[] => call([{ text, ...(values ? { values } : {}) }], false)[0] as R[];
  let depth = 0;

  // Notifications arrive on a connection of their own, on the main thread's event loop.
  const listeners = new Map<string, Set<() => void>>();
  let listener: pg.Client | undefined;
  let listening: Promise<void> | undefined;
  let looking: NodeJS.Timeout | undefined;
  const startListening = () => {
    if (listening || closed) return;
    const c = new pg.Client({ connectionString: url, application_name: "nianbao-listen" });
    listener = c;
    const again = () => {
      if (listener !== c) return;
      listener = undefined;
      listening = undefined;
      c.end().catch(() => undefined);
      // Whatever was said meanwhile is missed: every listener looks again.
      for (const set of listeners.values()) for (const l of set) l();
      if (!closed) setTimeout(startListening, 1000).unref();
    };
    c.on("error", again);
    c.on("end", again);
    c.on("notification", (n) => {
      for (const l of listeners.get(n.channel) ?? []) l();
    });
    listening = c
      .connect()
      .then(async () => {
        for (const channel of listeners.keys()) await c.query(`LISTEN ${channel}`);
        (c as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        // What was said before this connection listened is not heard: every listener looks now.
        for (const set of listeners.values()) for (const l of set) l();
      })
      .catch(again);
  };

  const pgSync: PgSync = {
    url,
    query,
    tx: (queries) => call(queries, true),
    transaction(fn) {
      if (depth > 0) return fn();
      query("BEGIN");
      depth++;
      try {
        const out = fn();
        depth--;
        query("COMMIT");
        return out;
      } catch (err) {
        depth--;
        try {
          query("ROLLBACK");
        } catch {
          /* the connection is gone: so is the transaction */
        }
        throw err;
      }
    },
    tryLock: (which) => query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [LOCK_SPACE, which])[0]!.ok,
    unlock: (which) => void query("SELECT pg_advisory_unlock($1, $2)", [LOCK_SPACE, which]),
    listen(channel, l) {
      const set = listeners.get(channel) ?? new Set();
      const first = !listeners.has(channel);
      set.add(l);
      listeners.set(channel, set);
      if (!listening) startListening();
      else if (first) void listening.then(() => listener?.query(`LISTEN ${channel}`).then(l)).catch(() => undefined);
      looking ??= setInterval(() => {
        for (const set of listeners.values()) for (const each of set) each();
      }, LOOK_EVERY_MS).unref();
    },
    notify: (channel) => void query("SELECT pg_notify($1, '')", [channel]),
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(looking);
      const c = listener;
      listener = undefined;
      await c?.end().catch(() => undefined);
      await worker.terminate();
    },
  };
  createSchema(pgSync);
  return pgSync;
}

function createSchema(db: PgSync): void {
  db.tx([
    // Two replicas starting on an empty database: one creates, the other waits for it.
    { text: "SELECT pg_advisory_xact_lock($1, $2)", values: [LOCK_SPACE, LOCKS.schema] },
    {
      text: `
    CREATE TABLE IF NOT EXISTS store_meta (key text PRIMARY KEY, value text NOT NULL);
    INSERT INTO store_meta VALUES ('schema', '${SCHEMA_VERSION}'), ('revision', '0') ON CONFLICT DO NOTHING;
    -- As in SQLite (sqlite.ts): one row per catalog entry, its key figures apart.
    -- rev: the revision that wrote the row; entry_gone: ids deleted, with the revision that deleted
    -- them (kept, one short row per id: a replica asks what changed since any revision it read).
    CREATE TABLE IF NOT EXISTS entry (id text PRIMARY KEY, held int NOT NULL, pos int NOT NULL, data text NOT NULL, key text, rev bigint NOT NULL DEFAULT 0);
    CREATE TABLE IF NOT EXISTS entry_gone (id text PRIMARY KEY, rev bigint NOT NULL);
    CREATE TABLE IF NOT EXISTS record (id text PRIMARY KEY, report bytea NOT NULL, text bytea NOT NULL);
    -- The full-text index (index/pg-index.ts), one generation live at a time.
    CREATE TABLE IF NOT EXISTS fts_meta (key text PRIMARY KEY, value text NOT NULL);
    CREATE TABLE IF NOT EXISTS fts_doc (gen int NOT NULL, seq int NOT NULL, id text NOT NULL, n int NOT NULL, passages bytea NOT NULL, PRIMARY KEY (gen, seq), UNIQUE (gen, id));
    CREATE TABLE IF NOT EXISTS fts_passage (gen int NOT NULL, rowid bigint NOT NULL, tokens tsvector NOT NULL, PRIMARY KEY (gen, rowid));
    CREATE INDEX IF NOT EXISTS fts_passage_tokens ON fts_passage USING gin (tokens);
    CREATE TABLE IF NOT EXISTS fts_df (gen int NOT NULL, term text NOT NULL, n int NOT NULL, PRIMARY KEY (gen, term));
    -- What lives beside the db in files otherwise (originals.ts, addresses.ts, bot-state.ts).
    CREATE TABLE IF NOT EXISTS original (name text PRIMARY KEY, data bytea NOT NULL);
    CREATE TABLE IF NOT EXISTS address (key text PRIMARY KEY, about jsonb NOT NULL);
    CREATE TABLE IF NOT EXISTS bot_stat (name text PRIMARY KEY, n bigint NOT NULL);
    -- Updates taken by some replica (bot/pg-updates.ts), and the alert state (alerts/pg-store.ts).
    CREATE TABLE IF NOT EXISTS bot_update (update_id bigint PRIMARY KEY, at timestamptz NOT NULL DEFAULT now());
    CREATE TABLE IF NOT EXISTS alert_op (seq bigserial PRIMARY KEY, ops text NOT NULL);
    CREATE TABLE IF NOT EXISTS alert_snapshot (id int PRIMARY KEY, seq bigint NOT NULL, state text NOT NULL);
  `,
    },
    {
      // Schema 1 → 2 (under the lock above, so once): its rows count as written at revision 0. Only
      // a schema this program knows is touched: a newer one is refused below.
      text: `
    DO $$ BEGIN
      IF (SELECT value FROM store_meta WHERE key = 'schema') = '1' THEN
        ALTER TABLE entry ADD COLUMN IF NOT EXISTS rev bigint NOT NULL DEFAULT 0;
        UPDATE store_meta SET value = '2' WHERE key = 'schema';
      END IF;
      IF (SELECT value FROM store_meta WHERE key = 'schema') = '2' THEN
        CREATE INDEX IF NOT EXISTS entry_rev ON entry (rev);
      END IF;
    END $$;
  `,
    },
  ]);
  const version = Number(db.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'schema'")[0]?.value ?? SCHEMA_VERSION);
  if (version !== SCHEMA_VERSION) throw new Error(`PostgreSQL 数据库的格式版本是 ${version}，本程序使用 ${SCHEMA_VERSION}。`);
}

/** What of an entry the library changes in place after making it (as sqlite.ts). */
function mutable(e: StoredEntry): string {
  return `${e.announced}|${e.renditions?.length ?? 0}|${e.revisions?.length ?? 0}|${e.revisionPending}|${e.missing?.length ?? 0}`;
}

/** The catalog's revision: bumped by every write of any replica. */
export function catalogRevision(db: PgSync): number {
  return Number(db.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'revision'")[0]?.value ?? 0);
}

/** What another process changed, as pgDbAdapter.readChanges() gives it. */
export interface CatalogChange {
  /** The whole catalog as it is now (the entries not written since are the objects read before). */
  data: DbData;
  /** Entries written since, among the answering reports (new, moved or rewritten in place). */
  put: StoredEntry[];
  /** Ids no longer among the answering reports (deleted, or held now). */
  gone: string[];
}

export interface PgDbAdapter extends Adapter<DbData> {
  /** The revision this process last read or wrote. */
  readonly revision: number;
  /**
   * Only what changed since that revision, in one snapshot; null when it cannot be told (nothing
   * read yet, or a writer that keeps no change log wrote): read() everything then.
   */
  readChanges(): Promise<CatalogChange | null>;
}

type Known = { obj: StoredEntry; fp: string; held: number; pos: number };
type Row = { id: string; held: number; pos: number; data: string; key: string | null };

/** The revision that wrote the rows: bumped first in each write, read back in the same transaction. */
const THIS_REVISION = "(SELECT value::bigint FROM store_meta WHERE key = 'revision')";

/**
 * lowdb over the `entry` and `store_meta` tables, as sqliteDbAdapter does it over SQLite: read()
 * gives the whole DbData in one snapshot, write() stores the entries that changed and bumps the
 * revision in the same transaction, marking the rows it wrote and deleted with that revision (for
 * readChanges). Key figures are read with the entries (no lazy column here: one query either way).
 */
export function pgDbAdapter(db: PgSync): PgDbAdapter {
  let known = new Map<string, Known>();
  const small = new Map<string, string>();
  let revision = -1;
  const parse = (row: Row): StoredEntry => {
    // One copy of the names and keys the entries repeat (intern.ts).
    const e = internEntry(JSON.parse(row.data) as StoredEntry);
    if (row.key !== null) e.key = JSON.parse(row.key) as Record<string, number>;
    return e;
  };
  /** The catalog from store_meta and `known`; null for a store nobody wrote yet. */
  const dataOf = (meta: { key: string; value: string }[], reports: StoredEntry[], held: StoredEntry[]): DbData | null => {
    const m = new Map(meta.map((r) => [r.key, r.value]));
    revision = Number(m.get("revision") ?? 0);
    const version = m.get("version");
    if (version === undefined) return null;
    small.clear();
    small.set("version", version);
    const decisions = m.get("decisions");
    if (decisions !== undefined) small.set("decisions", decisions);
    return { version: Number(version), reports, held, decisions: decisions ? JSON.parse(decisions) : { confirmed: [], discarded: [] } } as DbData;
  };
  return {
    get revision() {
      return revision;
    },
    async read() {
      const [meta, rows] = db
        .tx([
          { text: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ" },
          { text: "SELECT key, value FROM store_meta" },
          { text: "SELECT id, held, pos, data, key FROM entry ORDER BY held, pos" },
        ])
        .slice(1) as [{ key: string; value: string }[], Row[]];
      known = new Map();
      const reports: StoredEntry[] = [];
      const held: StoredEntry[] = [];
      for (const row of rows) {
        const e = parse(row);
        (row.held ? held : reports).push(e);
        known.set(e.id, { obj: e, fp: mutable(e), held: row.held, pos: row.pos });
      }
      return dataOf(meta, reports, held);
    },
    async readChanges() {
      if (revision < 0 || !small.has("version")) return null;
      const [meta, rows, deleted] = db
        .tx([
          { text: "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ" },
          { text: "SELECT key, value FROM store_meta" },
          { text: "SELECT id, held, pos, data, key FROM entry WHERE rev > $1", values: [revision] },
          { text: "SELECT id FROM entry_gone WHERE rev > $1", values: [revision] },
        ])
        .slice(1) as [{ key: string; value: string }[], Row[], { id: string }[]];
      // A process of schema 1 still running beside (a rolling upgrade) bumps the revision without
      // logging what it wrote: the last logging write is then not the last write.
      const m = new Map(meta.map((r) => [r.key, r.value]));
      if (m.get("logged") !== m.get("revision")) return null;
      const next = new Map(known);
      const gone = deleted.map((r) => r.id);
      for (const id of gone) next.delete(id);
      const put: StoredEntry[] = [];
      for (const row of rows) {
        const e = parse(row);
        next.set(e.id, { obj: e, fp: mutable(e), held: row.held, pos: row.pos });
        if (row.held) gone.push(e.id);
        else put.push(e);
      }
      // Each list in (held, pos) order, as read() gives it: a write numbers each list 0…n-1 (and
      // writes every row whose place moved), so the places fill each list exactly.
      const reports: StoredEntry[] = [];
      const held: StoredEntry[] = [];
      for (const k of next.values()) {
        const list = k.held ? held : reports;
        if (list[k.pos] !== undefined) return null;
        list[k.pos] = k.obj;
      }
      if (reports.length + held.length !== next.size) return null; // a place left empty
      known = next;
      const data = dataOf(meta, reports, held);
      return data && { data, put, gone };
    },
    async write(data) {
      // First: the rows below are marked with the revision this write makes.
      const queries: Query[] = [
        { text: "UPDATE store_meta SET value = (value::bigint + 1)::text WHERE key = 'revision' RETURNING value" },
        { text: `INSERT INTO store_meta (key, value) SELECT 'logged', ${THIS_REVISION}::text ON CONFLICT (key) DO UPDATE SET value = excluded.value` },
      ];
      for (const [key, value] of [
        ["version", String(data.version)],
        ["decisions", JSON.stringify(data.decisions)],
      ] as const) {
        if (small.get(key) === value) continue;
        queries.push({
          text: "INSERT INTO store_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
          values: [key, value],
        });
        small.set(key, value);
      }
      const put: [string, number, number, string, string][] = [];
      const seen = new Set<string>();
      const next = new Map(known);
      const place = (list: StoredEntry[], held: number) => {
        list.forEach((e, pos) => {
          seen.add(e.id);
          const was = known.get(e.id);
          const fp = mutable(e);
          if (!was || was.obj !== e || was.fp !== fp || was.held !== held || was.pos !== pos) {
            const { key, ...rest } = e;
            put.push([e.id, held, pos, JSON.stringify(rest), JSON.stringify(key ?? {})]);
            next.set(e.id, { obj: e, fp, held, pos });
          }
        });
      };
      place(data.reports, 0);
      place(data.held, 1);
      const gone = [...known.keys()].filter((id) => !seen.has(id));
      for (const id of gone) next.delete(id);
      // Many entries in one statement each (a bulk ingest writes thousands).
      for (let i = 0; i < put.length; i += 1000) {
        const part = put.slice(i, i + 1000);
        queries.push({
          text: `INSERT INTO entry (id, held, pos, data, key, rev) SELECT *, ${THIS_REVISION} FROM unnest($1::text[], $2::int[], $3::int[], $4::text[], $5::text[])
                 ON CONFLICT (id) DO UPDATE SET held = excluded.held, pos = excluded.pos, data = excluded.data, key = excluded.key, rev = excluded.rev`,
          values: [0, 1, 2, 3, 4].map((c) => part.map((row) => row[c])),
        });
      }
      if (gone.length) {
        queries.push({ text: "DELETE FROM entry WHERE id = ANY($1::text[])", values: [gone] });
        queries.push({
          text: `INSERT INTO entry_gone (id, rev) SELECT unnest($1::text[]), ${THIS_REVISION} ON CONFLICT (id) DO UPDATE SET rev = excluded.rev`,
          values: [gone],
        });
      }
      const results = db.tx(queries);
      revision = Number((results[0]![0] as { value: string }).value);
      known = next;
    },
  };
}
