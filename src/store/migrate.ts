// From the JSON store (lowdb file + one record file per report) to the SQLite store: run once,
// when the SQLite database has no catalog yet and the lowdb file exists beside it. The JSON files
// are left where they are (NIANBAO_STORE=json still opens them); the full-text index is not
// copied — the library fills it from the records' stored tokens at the first start.
import { existsSync } from "node:fs";
import { fileAdapter, openDb } from "./db.js";
import { type CutPassages, fileRecordStore, sqliteRecordStore } from "./records.js";
import { isEmptyStore, recordFileIds, type SqliteDatabase, setStoreMeta, sqliteDbAdapter } from "./sqlite.js";

export interface Migrated {
  reports: number;
  held: number;
  records: number;
}

/**
 * Copy `jsonPath` (entries, decisions, bot state) and the record files under `recordsDir` into
 * `db`, in one transaction (`cut`: how passages are cut from sections, see records.ts). Returns undefined when there is nothing to migrate (no JSON file, or
 * the database already holds a catalog). A malformed JSON file is an error naming it (db.ts), and
 * the SQLite database is then left empty.
 */
export async function migrateJsonStore(db: SqliteDatabase, jsonPath: string, recordsDir: string, cut: CutPassages): Promise<Migrated | undefined> {
  if (!existsSync(jsonPath) || !isEmptyStore(db)) return undefined;
  const low = await openDb(fileAdapter(jsonPath), jsonPath);
  const from = fileRecordStore(recordsDir);
  const to = sqliteRecordStore(db, cut);
  const adapter = sqliteDbAdapter(db);
  let records = 0;
  const ids = recordFileIds(recordsDir);
  const run = db.transaction(() => {
    for (const id of ids) {
      const report = from.readReport(id);
      if (!report) continue;
      to.write({ report: { ...report, sections: from.readSections(id) ?? [] }, passages: from.readPassages(id) ?? [] });
      records++;
    }
    setStoreMeta(db, "migrated_from", jsonPath);
  });
  run();
  await adapter.write(low.data);
  return { reports: low.data.reports.length, held: low.data.held.length, records };
}
