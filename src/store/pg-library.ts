// The library on PostgreSQL (DATABASE_URL): the stores of pg-stores.ts, the index of
// index/pg-index.ts and the catalog of pg.ts wired into createLibrary, plus what the bot needs to
// share the database with other processes (the alert store, update claims). Selected in one
// place, cli.ts openLibrary.
import { setTimeout as sleep } from "node:timers/promises";
import type { Low } from "lowdb";
import { pgAlertStore, type SharedAlertStore } from "../alerts/pg-store.js";
import { pgUpdateClaims, type UpdateClaims } from "../bot/updates.js";
import { createPgIndex } from "../index/pg-index.js";
import { type CoreLibrary, createLibrary, type LibraryOptions, type SharedCatalog } from "../library.js";
import { type DbData, openDb } from "./db.js";
import { CHANNELS, catalogRevision, LOCKS, openPg, type PgDbAdapter, type PgSync, pgDbAdapter } from "./pg.js";
import { pgAddressBook, pgBotState, pgOriginalStore, pgRecordStore } from "./pg-stores.js";
import type { CutPassages } from "./records.js";

/** The writer lock is asked for this often while another process holds it. */
const LOCK_POLL_MS = 100;

export interface PgLibrary {
  lib: CoreLibrary;
  /** The alert state, shared (alerts/pg-store.ts). */
  alertStore(): SharedAlertStore;
  /** Which process handles an update (bot/updates.ts). */
  updates: UpdateClaims;
  db: PgSync;
  close(): Promise<void>;
}

/**
 * Writes take turns across processes: a session advisory lock on the bridge's connection (so
 * re-entrant within this process, whose own writes the library queues one after another).
 */
export function sharedCatalog(db: PgSync, adapter: PgDbAdapter): SharedCatalog {
  return {
    async exclusive(job) {
      while (!db.tryLock(LOCKS.writer)) await sleep(LOCK_POLL_MS);
      const before = adapter.revision;
      try {
        return await job();
      } finally {
        db.unlock(LOCKS.writer);
        if (adapter.revision !== before) db.notify(CHANNELS.catalog);
      }
    },
    changed: () => catalogRevision(db) !== adapter.revision,
    onChange: (listener) => db.listen(CHANNELS.catalog, listener),
    changes: () => adapter.readChanges(),
  };
}

export async function openPgLibrary(
  url: string,
  opts: Omit<LibraryOptions, "db" | "records" | "originals" | "addresses" | "createIndex" | "botState" | "shared" | "indexPath"> & { cut: CutPassages },
): Promise<PgLibrary> {
  const db = openPg(url);
  try {
    const { cut, ...rest } = opts;
    const adapter = pgDbAdapter(db);
    const shared = sharedCatalog(db, adapter);
    const readOnly = opts.readOnly ?? false;
    // Opened under the writer lock: start-up repairs the index from the catalog, which must not see
    // half of another process's ingest.
    const lib = await shared.exclusive(async () => {
      const catalog: Low<DbData> = await openDb(adapter, "PostgreSQL");
      return createLibrary({
        ...rest,
        db: catalog,
        records: pgRecordStore(db, cut),
        originals: pgOriginalStore(db),
        addresses: pgAddressBook(db),
        botState: pgBotState(db),
        createIndex: (passagesOf, { fresh }) => createPgIndex(db, passagesOf, { fresh, readOnly }),
        shared,
      });
    });
    let alerts: SharedAlertStore | undefined;
    return {
      lib,
      db,
      alertStore: () => (alerts ??= pgAlertStore(db)),
      updates: pgUpdateClaims(db),
      close: () => db.close(),
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
