// An ingest's batch as one transaction of the SQLite store, and the bookkeeping written once per
// batch. Apart from sqlite.ts so the full-text index (fts-index.ts, which the PostgreSQL index
// shares) can use it without loading better-sqlite3.
import type { Database } from "better-sqlite3";

type SqliteDatabase = Database;

/** Work to do before the open batch of a database commits (sqliteWriteBatch), each once. */
const batchEnds = new WeakMap<SqliteDatabase, Set<() => void>>();

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
 * A batch of an ingest as one transaction: its records, index rows and catalog rows committed
 * together, once (a commit per report cost more than the report's own rows). `work` may await —
 * its bytes written to the originals, the workers' messages — but writes only through this
 * connection, and the library runs one ingest at a time; a failure rolls the batch back.
 */
export function sqliteWriteBatch(db: SqliteDatabase): <T>(work: () => Promise<T>) => Promise<T> {
  return async (work) => {
    if (db.inTransaction) return work();
    const ends = new Set<() => void>();
    db.exec("BEGIN");
    batchEnds.set(db, ends);
    try {
      const out = await work();
      for (const fn of ends) fn();
      db.exec("COMMIT");
      return out;
    } catch (err) {
      if (db.inTransaction) db.exec("ROLLBACK");
      throw err;
    } finally {
      batchEnds.delete(db);
    }
  };
}
