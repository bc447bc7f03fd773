// `npm run bench -- --replicate K`: a SQLite store of n ingested reports made K times larger by
// copying it, so that serving at 100k (cold start, RSS, answer latency, disk) can be measured
// where ingesting 100k would take hours. Copy c of a report is the same record, text and index
// rows under a new id, its year moved back by 30·c (so the names, and the name index, stay those
// of the n reports, and no copy collides with a report); only the copies' records still say the
// original year and id inside, which the bench never asks about. Knows the store's tables
// (store/sqlite.ts, index/fts-index.ts); a bench tool, not a way to fill a library.
import { createHash } from "node:crypto";
import { unpackJson } from "../store/packed.js";
import { entryCodec, type SqliteDatabase } from "../store/sqlite.js";

const PER_REPORT = 2 ** 20;

export function replicateStore(db: SqliteDatabase, k: number): number {
  const g = Number(db.prepare("SELECT value FROM fts_meta WHERE key = 'generation'").pluck().get() ?? 0);
  const newId = (id: string, c: number) => createHash("sha256").update(`${id}/${c}`).digest("hex").slice(0, 16);
  const entries = db.prepare("SELECT e.id, e.data, k.key FROM entry e LEFT JOIN entry_key k ON k.id = e.id WHERE e.held = 0").all() as {
    id: string;
    data: string;
    key: string | null;
  }[];
  const docs = db.prepare(`SELECT seq, id, n, passages FROM fts_doc_${g}`).all() as { seq: number; id: string; n: number; passages: Buffer }[];
  const maxSeq = docs.reduce((m, d) => Math.max(m, d.seq), 0);
  const putEntry = db.prepare("INSERT INTO entry (id, held, pos, data) VALUES (?, 0, ?, ?)");
  const putKey = db.prepare("INSERT INTO entry_key (id, key) VALUES (?, ?)");
  const copyRecord = db.prepare("INSERT OR REPLACE INTO record (id, report, text) SELECT ?, report, text FROM record WHERE id = ?");
  const textOf = db.prepare("SELECT text FROM record WHERE id = ?").pluck();
  const putDoc = db.prepare(`INSERT INTO fts_doc_${g} (seq, id, n, passages) VALUES (?, ?, ?, ?)`);
  const putFts = db.prepare(`INSERT INTO fts_${g} (rowid, tokens) VALUES (?, ?)`);
  const ftsToken = (t: string) => t.replace(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/g, "");
  const tokensOf = new Map<string, string[]>();
  for (const d of docs) {
    const blob = textOf.get(d.id) as Buffer | undefined;
    if (blob)
      tokensOf.set(
        d.id,
        unpackJson<{ tokens: string[] }>(blob).tokens.map((t) => t.split(" ").map(ftsToken).filter(Boolean).join(" ")),
      );
  }
  const codec = entryCodec(db);
  let pos = entries.length;
  for (let c = 1; c < k; c++) {
    db.transaction(() => {
      for (const e of entries) {
        const id = newId(e.id, c);
        const data = { ...codec.decode(id, e.data) };
        if (data.year !== null) data.year -= 30 * c;
        putEntry.run(id, pos++, codec.encode(data));
        putKey.run(id, e.key ?? "{}");
        copyRecord.run(id, e.id);
      }
      for (const d of docs) {
        const seq = d.seq + c * maxSeq;
        putDoc.run(seq, newId(d.id, c), d.n, d.passages);
        (tokensOf.get(d.id) ?? []).forEach((tokens, n) => {
          if (tokens) putFts.run(seq * PER_REPORT + n, tokens);
        });
      }
    })();
  }
  db.prepare(`UPDATE fts_df_${g} SET n = n * ?`).run(k);
  // The index's passage count and fingerprint of its reports no longer hold: counted again when
  // the store is next opened for writing.
  db.prepare("DELETE FROM fts_meta WHERE key IN (?, ?)").run(`passages_${g}`, `reports_${g}`);
  return pos;
}
