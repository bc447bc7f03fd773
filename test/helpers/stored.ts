// The catalog a CLI or bot process left on disk, whichever store it used: the SQLite file beside
// `db.json` when there is one, else the lowdb file itself.
import { existsSync, readFileSync } from "node:fs";
import type { DbData } from "../../src/store/db.js";
import { entryCodec, openSqlite } from "../../src/store/sqlite.js";

export function storedCatalog(dbPath: string): DbData {
  const sqlite = dbPath.replace(/\.json$/i, "") + ".sqlite";
  if (!existsSync(sqlite)) return JSON.parse(readFileSync(dbPath, "utf8")) as DbData;
  const db = openSqlite(sqlite, { readOnly: true });
  try {
    const rows = db.prepare("SELECT e.id, e.held, e.data, k.key FROM entry e LEFT JOIN entry_key k ON k.id = e.id ORDER BY e.held, e.pos").all() as {
      id: string;
      held: number;
      data: string;
      key: string | null;
    }[];
    const { decode } = entryCodec(db);
    const entry = (r: (typeof rows)[number]) => ({ ...decode(r.id, r.data), key: JSON.parse(r.key ?? "{}") });
    const meta = (key: string) => db.prepare("SELECT value FROM store_meta WHERE key = ?").pluck().get(key) as string | undefined;
    return {
      version: Number(meta("version") ?? 0),
      reports: rows.filter((r) => !r.held).map(entry),
      held: rows.filter((r) => r.held).map(entry),
      decisions: JSON.parse(meta("decisions") ?? '{"confirmed":[],"discarded":[]}'),
      bot: JSON.parse(meta("bot") ?? "{}"),
    };
  } finally {
    db.close();
  }
}
