// The small stores on PostgreSQL (pg.ts): records, original bytes, addresses, the bot's counters —
// the same interfaces as their SQLite and file versions, so the library does not know where it is.
import type { Alert, BotState } from "../service.js";
import type { AddressBook, Addressed } from "./addresses.js";
import type { BotStateStore } from "./bot-state.js";
import { type OriginalStore, originalName } from "./originals.js";
import { asBuffer, unpackJson } from "./packed.js";
import type { PgSync } from "./pg.js";
import { type CutPassages, packParts, partReaders, type RecordStore } from "./records.js";

/** Records in the `record` table: the same two deflated parts as sqliteRecordStore (records.ts). */
export function pgRecordStore(db: PgSync, cut: CutPassages): RecordStore {
  const read = <T>(column: "report" | "text", id: string): T | undefined => {
    try {
      const row = db.query<{ blob: Uint8Array }>(`SELECT ${column} AS blob FROM record WHERE id = $1`, [id])[0];
      return row ? unpackJson<T>(row.blob) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    write(record) {
      const { report, text } = record.packed ?? packParts(record);
      db.query("INSERT INTO record (id, report, text) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET report = excluded.report, text = excluded.text", [
        record.report.id,
        asBuffer(report),
        asBuffer(text),
      ]);
    },
    ...partReaders(read, cut),
    has: (id) => db.query("SELECT 1 FROM record WHERE id = $1", [id]).length > 0,
    remove(id) {
      db.query("DELETE FROM record WHERE id = $1", [id]);
    },
  };
}

/** Original bytes in the `original` table, so a reindex or 原文 on any replica finds them. */
export function pgOriginalStore(db: PgSync): OriginalStore {
  const put = (data: Uint8Array, name: string) => {
    db.query("INSERT INTO original (name, data) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING", [
      name,
      Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    ]);
    return name;
  };
  return {
    put: (data, ext) => put(data, originalName(data, ext)),
    putAsync: async (data, ext, name) => put(data, name ?? originalName(data, ext)),
    read(name) {
      const row = db.query<{ data: Uint8Array }>("SELECT data FROM original WHERE name = $1", [name])[0];
      return row ? new Uint8Array(row.data) : undefined;
    },
    has: (name) => db.query("SELECT 1 FROM original WHERE name = $1", [name]).length > 0,
    list: () => db.query<{ name: string }>("SELECT name FROM original ORDER BY name").map((r) => r.name),
    remove(name) {
      db.query("DELETE FROM original WHERE name = $1", [name]);
    },
  };
}

/** The addresses files were fetched from, one row per key. */
export function pgAddressBook(db: PgSync): AddressBook {
  const get = (keys: readonly string[]): Addressed | null => {
    const rows = db.query<{ key: string; about: Addressed }>("SELECT key, about FROM address WHERE key = ANY($1::text[])", [[...keys]]);
    const byKey = new Map(rows.map((r) => [r.key, r.about]));
    const urls: string[] = [];
    const names: string[] = [];
    for (const k of keys) {
      const a = byKey.get(k);
      if (!a) continue;
      for (const u of a.urls) if (!urls.includes(u)) urls.push(u);
      for (const n of a.names) if (!names.includes(n)) names.push(n);
    }
    return urls.length || names.length ? { urls, names } : null;
  };
  return {
    get,
    add(keys, about) {
      db.transaction(() => {
        for (const k of keys) {
          if (!k) continue;
          const a = get([k]) ?? { urls: [], names: [] };
          for (const u of about.urls) if (!a.urls.includes(u)) a.urls.push(u);
          if (about.name && !a.names.includes(about.name)) a.names.push(about.name);
          const next = { urls: a.urls.slice(-10), names: a.names.slice(-10) };
          db.query("INSERT INTO address (key, about) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET about = excluded.about", [k, JSON.stringify(next)]);
        }
      });
    },
  };
}

/**
 * The bot's counters, shared: each process adds what it counted (deltas, so two replicas never
 * overwrite each other's counts) within `delayMs`, and reads the totals back. Subscriptions and
 * alerts of the earliest kind are not kept here (the alert store holds subscriptions).
 */
export function pgBotState(db: PgSync, { delayMs = 100 }: { delayMs?: number } = {}): BotStateStore {
  type Stats = BotState["stats"];
  const totals = (): Stats => {
    const out: Stats = { questions: 0, failures: 0, ingested: 0 };
    for (const r of db.query<{ name: string; n: number }>("SELECT name, n FROM bot_stat")) if (r.name in out) out[r.name as keyof Stats] = Number(r.n);
    return out;
  };
  const state: BotState = { subscriptions: [], alerts: [] as Alert[], stats: totals() };
  let written: Stats = { ...state.stats };
  let writes = 0;
  let timer: NodeJS.Timeout | undefined;
  let waiting: { resolve: () => void; reject: (e: unknown) => void }[] = [];
  const writeNow = async () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    try {
      const names = Object.keys(state.stats) as (keyof Stats)[];
      const deltas = names.map((k) => state.stats[k] - written[k]);
      if (deltas.some((d) => d !== 0)) {
        writes++;
        const rows = db.query<{ name: keyof Stats; n: number }>(
          "INSERT INTO bot_stat (name, n) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (name) DO UPDATE SET n = bot_stat.n + excluded.n RETURNING name, n",
          [names, deltas],
        );
        // Totals now include the other replicas' counts.
        for (const r of rows) state.stats[r.name] = Number(r.n);
      }
      written = { ...state.stats };
      for (const w of batch) w.resolve();
    } catch (err) {
      for (const w of batch) w.reject(err);
    }
  };
  return {
    get writes() {
      return writes;
    },
    read: () => state,
    update(mutate) {
      mutate(state);
      const done = new Promise<void>((resolve, reject) => waiting.push({ resolve, reject }));
      timer ??= setTimeout(() => void writeNow(), delayMs);
      return done;
    },
    flush: writeNow,
  };
}
