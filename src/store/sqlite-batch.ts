// An ingest's batch as one transaction of the SQLite store, and the bookkeeping written once per
// batch. Apart from sqlite.ts so the full-text index (fts-index.ts, which the PostgreSQL index
// shares) can use it without loading better-sqlite3.
import type { Database } from "better-sqlite3";

type SqliteDatabase = Database;

/** Work to do before the open batch of a database commits (sqliteWriteBatch), each once. */
const batchEnds = new WeakMap<SqliteDatabase, Set<() => void>>();
/** Work to do once it has committed, in a transaction of its own (never when it rolls back). */
const batchAfters = new WeakMap<SqliteDatabase, Set<() => void>>();

/**
 * Have `fn` run in the batch open on `db`, just before it commits — once, however often it is
 * asked for in that batch (bookkeeping a batch of reports changes, written once). False when no
 * batch is open: the caller does it now.
 */
export function beforeBatchCommit(db: SqliteDatabase, fn: () => void): boolean {
  const ends = batchEnds.get(db);
  if (!ends) return false;
  ends.add(fn);
  return true;
}

/**
 * Have `fn` run once the open batch of `db` has committed, in a transaction of its own, once
 * however often it is asked for; not at all when the batch rolls back. False when no batch is
 * open. A failure of `fn` is the batch's no more: it committed.
 */
export function afterBatchCommit(db: SqliteDatabase, fn: () => void): boolean {
  const afters = batchAfters.get(db);
  if (!afters) return false;
  afters.add(fn);
  return true;
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
    const ends = new Set<() => void>();
    const afters = new Set<() => void>();
    db.exec("BEGIN");
    batchEnds.set(db, ends);
    batchAfters.set(db, afters);
    let out: Awaited<ReturnType<typeof work>>;
    try {
      out = await work();
      for (const fn of ends) fn();
      db.exec("COMMIT");
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    } finally {
      batchEnds.delete(db);
      batchAfters.delete(db);
    }
    for (const fn of afters) {
      try {
        db.transaction(fn)();
      } catch {
        /* committed already: what fn tidies stays as it was (its owner says what that leaves) */
      }
    }
    return out;
  };
}
