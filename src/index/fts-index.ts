// The full-text index on disk: SQLite FTS5 over the jieba tokens computed at ingest, in the same
// database as the catalog and the records (store/sqlite.ts opens it). Same contract and the same
// final ranking as the in-memory FlexSearch index (search-index.ts): the index only proposes
// candidates, our scorePassage ranks them, a search restricted to a few reports scores every
// passage of those reports. What changes is where it lives: postings are read per query, so the
// process neither holds nor loads the index, and a restart opens it in milliseconds.
//
// Tables, per generation `g` (a reindex builds generation g+1 beside the live one, then swaps):
// - `fts_doc_g`: report id ↔ a small integer `seq`, its passage count and its passages (text,
//   section, line: what scoring reads), deflated together — a few KB per report;
// - `fts_g`: contentless FTS5 (detail=none: no positions, a token is one word), passage n of
//   report seq at rowid `seq × 2^20 + n`;
// - `fts_df_g`: passages per token, to keep very common words out of recall;
// - `fts_meta`: the format, the live generation and, as `passages_g`, generation g's passage count
//   (so opening the index reads only the id ↔ seq pairs, from the id index).

import type { Database } from "better-sqlite3";
import { unpackJson } from "../store/packed.js";
import { beforeBatchCommit } from "../store/sqlite-batch.js";
import { hitCollector, IdsFingerprint, type IndexedPassage, rankHits, type SearchIndex } from "./search-index.js";
import { PER_REPORT, preparePassages, type StoredPassage, termCounts } from "./stored-passages.js";

/** Changes whenever the table layout or the token format change: another format is rebuilt. */
export const FTS_FORMAT = "fts5/detail-none/ascii/jieba-cutForSearch-hmm/v2-deflated-passages";

/** Matches bm25 ranks at most; past this the first found are taken (ranking all would be slower). */
const RANK_LIMIT = 2_000;

/**
 * Up to this many passages with a rare word of the question, every one is scored (not only the
 * RECALL best): our ranking then sees all of them, as a restricted search does.
 */
export const SCORE_ALL = 300;

/** Candidates FTS5 proposes for an unrestricted search, before our ranking (as search-index.ts). */
export const RECALL = 30;

/** FTS5's ascii tokenizer splits at ASCII punctuation: a jieba word keeps only its letters and digits there. */
export function ftsToken(t: string): string {
  return t.replace(/[\x00-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/g, "");
}

/** ASCII punctuation but the space that separates a passage's words. */
const NOT_SPACE_PUNCTUATION = /[\x00-\x1f\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7f]/;

/** ftsToken on every word of a passage's tokens (words apart by one space), the words left empty dropped. */
function ftsTokens(tokens: string): string {
  // Most passages have none: left as they are (an ingest runs this for every passage).
  if (!NOT_SPACE_PUNCTUATION.test(tokens) && !tokens.includes("  ") && !tokens.startsWith(" ") && !tokens.endsWith(" ")) return tokens;
  return tokens.split(" ").map(ftsToken).filter(Boolean).join(" ");
}

export interface FtsIndex extends SearchIndex {
  readonly generation: number;
  /** Make this generation the one the database opens with (after a reindex built it). */
  activate(): void;
  /** Drop this generation's tables (the one a reindex replaced). */
  retire(): void;
  fingerprint(): string;
}

export interface FtsOptions {
  /** A new, empty generation beside the live one (a reindex). Defaults to the live one. */
  fresh?: boolean;
  /** Only read; add and remove do nothing (a reader beside the process that owns the db). */
  readOnly?: boolean;
}

const meta = (db: Database, key: string): string | undefined =>
  (db.prepare("SELECT value FROM fts_meta WHERE key = ?").get(key) as { value: string } | undefined)?.value;

function createTables(db: Database, g: number): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS fts_doc_${g} (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, n INTEGER NOT NULL, passages BLOB NOT NULL);
    CREATE VIRTUAL TABLE IF NOT EXISTS fts_${g} USING fts5(tokens, content='', contentless_delete=1, detail=none, tokenize='ascii');
    CREATE TABLE IF NOT EXISTS fts_df_${g} (term TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
  `);
}

function dropTables(db: Database, g: number): void {
  db.exec(`DROP TABLE IF EXISTS fts_doc_${g}; DROP TABLE IF EXISTS fts_${g}; DROP TABLE IF EXISTS fts_df_${g};`);
  db.prepare("DELETE FROM fts_meta WHERE key = ?").run(`passages_${g}`);
}

/**
 * Open the index kept in `db` (creating it, or starting empty when its format is not this one —
 * the library then adds every report from the records' stored tokens, never segmenting again).
 * Generations other than the live one are what a reindex left when the process stopped: dropped.
 */
export function createFtsIndex(
  db: Database,
  /** A report's passages with their tokens (its record): what a removal takes out of the frequencies. */
  tokensOf: (reportId: string) => readonly IndexedPassage[] | undefined,
  { fresh = false, readOnly = false }: FtsOptions = {},
): FtsIndex {
  if (!readOnly) db.exec("CREATE TABLE IF NOT EXISTS fts_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  const hasMeta = !!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'fts_meta'").get();
  let live = hasMeta ? Number(meta(db, "generation") ?? 0) : 0;
  const format = hasMeta ? meta(db, "format") : undefined;
  let g = live;
  if (!readOnly) {
    if (format !== FTS_FORMAT) {
      // Another format (or none yet): every generation goes, the live one starts empty.
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'fts_doc_*'").all() as { name: string }[])
        dropTables(db, Number(name.slice(8)));
      db.prepare("INSERT OR REPLACE INTO fts_meta VALUES ('format', ?), ('generation', ?)").run(FTS_FORMAT, String(live));
    }
    if (fresh) {
      const made = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'fts_doc_*'").all() as { name: string }[]).map((r) =>
        Number(r.name.slice(8)),
      );
      g = Math.max(live, ...made) + 1;
    } else {
      // Left by a reindex that did not finish.
      for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'fts_doc_*'").all() as { name: string }[]) {
        const other = Number(name.slice(8));
        if (other !== live) dropTables(db, other);
      }
    }
    createTables(db, g);
  }
  const exists = !!db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(`fts_doc_${g}`);
  if (!exists) return emptyReadOnly(g);

  // Nothing per report is held: a report's seq is looked up by its id (the id index), its id read
  // with its passages. What a start needs is kept in fts_meta: the passage count (`passages_g`)
  // and the fingerprint of the reports indexed (`reports_g`), so the library checks the index
  // against the catalog without listing either; an index made before they were is counted once.
  const meta_ = readOnly ? null : db.prepare("INSERT OR REPLACE INTO fts_meta VALUES (?, ?)");
  const allIds = () => db.prepare(`SELECT id FROM fts_doc_${g}`).pluck().all() as string[];
  let nextSeq = ((db.prepare(`SELECT max(seq) FROM fts_doc_${g}`).pluck().get() as number | null) ?? 0) + 1;
  const counted = hasMeta ? meta(db, `passages_${g}`) : undefined;
  let size = counted !== undefined ? Number(counted) : ((db.prepare(`SELECT coalesce(sum(n), 0) FROM fts_doc_${g}`).pluck().get() as number) ?? 0);
  const printed = hasMeta ? meta(db, `reports_${g}`) : undefined;
  let print = printed !== undefined ? IdsFingerprint.parse(printed) : IdsFingerprint.of(allIds());
  const saveCounts = () => {
    meta_?.run(`passages_${g}`, String(size));
    meta_?.run(`reports_${g}`, print.toString());
  };
  if (counted === undefined || printed === undefined) saveCounts();

  const q = {
    doc: db.prepare(`SELECT id, passages FROM fts_doc_${g} WHERE seq = ?`).raw(),
    seq: db.prepare(`SELECT seq FROM fts_doc_${g} WHERE id = ?`).pluck(),
    id: db.prepare(`SELECT id FROM fts_doc_${g} WHERE seq = ?`).pluck(),
    df: db.prepare(`SELECT n FROM fts_df_${g} WHERE term = ?`).pluck(),
    ranked: db.prepare(`SELECT rowid FROM fts_${g} WHERE fts_${g} MATCH ? ORDER BY rank LIMIT ?`).pluck(),
    first: db.prepare(`SELECT rowid FROM fts_${g} WHERE fts_${g} MATCH ? LIMIT ?`).pluck(),
  };
  const w = readOnly
    ? null
    : {
        doc: db.prepare(`INSERT INTO fts_doc_${g} (seq, id, n, passages) VALUES (?, ?, ?, ?)`),
        count: db.prepare(`SELECT n FROM fts_doc_${g} WHERE seq = ?`).pluck(),
        undoc: db.prepare(`DELETE FROM fts_doc_${g} WHERE seq = ?`),
        fts: db.prepare(`INSERT INTO fts_${g} (rowid, tokens) VALUES (?, ?)`),
        unfts: db.prepare(`DELETE FROM fts_${g} WHERE rowid = ?`),
        df: db.prepare(`INSERT INTO fts_df_${g} (term, n) VALUES (?, ?) ON CONFLICT (term) DO UPDATE SET n = n + excluded.n`),
        undf: db.prepare(`DELETE FROM fts_df_${g} WHERE n <= 0`),
      };

  // Document frequencies move by many small steps (~500 words a report): they are summed here and
  // written every few hundred reports and on flush(), one row per word. Searches add what is pending.
  const pendingDf = new Map<string, number>();
  let pendingReports = 0;
  const flushDf = db.transaction(() => {
    let removed = false;
    for (const [t, n] of pendingDf) {
      if (n === 0) continue;
      w!.df.run(t, n);
      if (n < 0) removed = true;
    }
    if (removed) w!.undf.run();
    pendingDf.clear();
    pendingReports = 0;
  });
  const countDf = (terms: ReadonlyMap<string, number>, by: 1 | -1) => {
    for (const [t, n] of terms) pendingDf.set(t, (pendingDf.get(t) ?? 0) + by * n);
    if (++pendingReports >= 500) flushDf();
  };

  /**
   * The passage count and fingerprint changed: written with the batch open (sqliteWriteBatch),
   * once before it commits; else now.
   */
  const countsChanged = () => {
    if (!beforeBatchCommit(db, saveCounts)) saveCounts();
  };

  /** A report's rows; returns its seq. */
  const insert = (reportId: string, list: readonly IndexedPassage[], packed: Uint8Array): number => {
    const seq = nextSeq++;
    w!.doc.run(seq, reportId, Math.min(list.length, PER_REPORT), packed);
    const base = seq * PER_REPORT;
    list.forEach((p, n) => {
      if (n >= PER_REPORT) return;
      const tokens = p.tokens ? ftsTokens(p.tokens) : "";
      if (tokens) w!.fts.run(base + n, tokens);
    });
    return seq;
  };
  const insertAlone = db.transaction(insert);
  /**
   * Inside an open transaction (an ingest's batch) the rows go in without a savepoint of their
   * own: FTS5 writes its pending terms out as a segment at every savepoint, which made a report's
   * insert cost 2–3× (a segment per report, merged again later) against one per batch. A failure
   * takes out what this report wrote, as the savepoint's rollback did.
   */
  const add = (reportId: string, list: readonly IndexedPassage[], packed: Uint8Array) => {
    if (!db.inTransaction) insertAlone(reportId, list, packed);
    else {
      const seq = nextSeq;
      try {
        insert(reportId, list, packed);
      } catch (err) {
        w!.undoc.run(seq);
        unindex(seq, Math.min(list.length, PER_REPORT));
        throw err;
      }
    }
    size += Math.min(list.length, PER_REPORT);
    print = print.with(reportId, 1);
    countsChanged();
  };

  /**
   * A report's rows out; the doc row first, so a failure between leaves FTS5 rows nothing reads.
   * Its passages by rowid, one by one: FTS5 finds a range of rowids by scanning the table (≈2.5 ms
   * a report at 1,000 reports, growing with the index), a rowid at once. A passage that had no
   * words was never inserted: deleting its rowid changes nothing.
   */
  const unindex = (seq: number, n: number) => {
    for (let i = 0; i < n; i++) w!.unfts.run(seq * PER_REPORT + i);
  };
  /**
   * In a batch, the FTS5 rows of the reports removed go at its end, together: a delete makes FTS5
   * write out the terms pending since the batch began (≈4 ms for a revision mid-batch), at the end
   * they are written once anyway. Meanwhile a search finds no doc row for them and skips them. A
   * batch rolled back brought its doc rows back: their rows stay.
   */
  const dropLater: [seq: number, n: number][] = [];
  const dropPending = () => {
    for (const [seq, n] of dropLater.splice(0)) if (w!.count.get(seq) === undefined) unindex(seq, n);
  };
  const drop = (seq: number): number => {
    const n = (w!.count.get(seq) as number | undefined) ?? 0;
    w!.undoc.run(seq);
    if (beforeBatchCommit(db, dropPending)) dropLater.push([seq, n]);
    else unindex(seq, n);
    return n;
  };
  const dropAlone = db.transaction(drop);
  /** As add: no savepoint inside a batch. */
  const remove = (reportId: string, seq: number) => {
    const n = db.inTransaction ? drop(seq) : dropAlone(seq);
    cache.delete(seq);
    size -= n;
    print = print.with(reportId, -1);
    countsChanged();
  };

  // The passages of the reports searched last: a question's candidates often share reports.
  const cache = new Map<number, IndexedPassage[]>();
  /** Report seq's passages, read with its id (none when it is gone). */
  const passagesOfSeq = (seq: number): IndexedPassage[] => {
    let list = cache.get(seq);
    if (list) return list;
    const row = q.doc.get(seq) as [string, Buffer] | undefined;
    const stored = row ? unpackJson<StoredPassage[]>(row[1]) : [];
    const reportId = row?.[0] ?? "";
    list = stored.map(([text, section, line]) => ({ reportId, text, section, line, tokens: "" }));
    cache.set(seq, list);
    if (cache.size > 256) cache.delete(cache.keys().next().value!);
    return list;
  };
  const seqOf = (reportId: string) => q.seq.get(reportId) as number | undefined;

  /**
   * Candidate passages: all those with a rare word of the question when they are few; else, as
   * FlexSearch's `suggest` gives them, those with every rare word of the question first, then
   * those with some, each set best first by bm25 — unless it is so large
   * that ranking it would cost more than reading it (a word in several thousand passages), when
   * the first found are taken. Words in more than 1% of the passages (政府, 公开) say little and
   * would merge huge lists: left to our own ranking, unless no other word is there.
   */
  const candidates = (words: string[], want: number): number[] => {
    const limit = Math.max(200, size * 0.01);
    const df = new Map(words.map((word) => [word, ((q.df.get(word) as number | undefined) ?? 0) + (pendingDf.get(word) ?? 0)]));
    // A word not counted (none of the passages, or counts lost with a crash) is asked: FTS5 knows.
    let recall = words.filter((word) => df.get(word)! <= limit);
    if (recall.length === 0) recall = [...words].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 1);
    const quoted = recall.map((word) => `"${word}"`);
    const matches = recall.reduce((sum, word) => sum + df.get(word)!, 0);
    if (matches <= SCORE_ALL) return q.first.all(quoted.join(" OR "), SCORE_ALL) as number[];
    const out: number[] = [];
    const seen = new Set<number>();
    const take = (query: string, ranked: boolean) => {
      for (const id of (ranked ? q.ranked : q.first).all(query, want) as number[]) {
        if (out.length >= want) break;
        if (!seen.has(id)) seen.add(id), out.push(id);
      }
    };
    if (quoted.length > 1) take(quoted.join(" AND "), Math.min(...recall.map((word) => df.get(word)!)) <= RANK_LIMIT);
    if (out.length < want) take(quoted.join(" OR "), matches <= RANK_LIMIT);
    return out;
  };

  return {
    generation: g,
    get size() {
      return size;
    },
    has: (reportId) => seqOf(reportId) !== undefined,
    reports: allIds,
    fingerprint: () => print.toString(),
    add(reportId, list, prepared) {
      if (!w || seqOf(reportId) !== undefined) return;
      const { packed, terms } = prepared ?? preparePassages(list);
      add(reportId, list, packed);
      countDf(terms, 1);
    },
    remove(reportId) {
      const seq = seqOf(reportId);
      if (!w || seq === undefined) return;
      const passages = tokensOf(reportId);
      remove(reportId, seq);
      countDf(termCounts(passages ?? []), -1);
    },
    search(keywords, opts = {}) {
      const { reportIds, limit = 5, wantsNumber = false } = opts;
      const collected = hitCollector(keywords, wantsNumber);
      if (!collected) return [];
      const { words, hits, consider } = collected;
      // Up to 200 of the reports asked in the index: every passage of theirs (looked up until a
      // 201st is found).
      let restricted: number[] | null = reportIds ? [] : null;
      if (reportIds) {
        for (const r of reportIds) {
          const seq = seqOf(r);
          if (seq !== undefined && restricted!.push(seq) > 200) {
            restricted = null;
            break;
          }
        }
      }
      if (restricted) {
        // Exact: score every passage of those reports.
        for (const seq of restricted) {
          const list = passagesOfSeq(seq);
          for (let n = 0; n < list.length; n++) consider(list[n]!, seq * PER_REPORT + n);
        }
      } else {
        const asked = [...new Set(words.map(ftsToken).filter(Boolean))];
        if (asked.length === 0) return [];
        for (const rowid of candidates(asked, reportIds ? RECALL * 10 : RECALL)) {
          const seq = Math.floor(rowid / PER_REPORT);
          // Outside the reports asked: skipped by its id alone, its passages never read.
          if (reportIds && !cache.has(seq) && !reportIds.has((q.id.get(seq) as string | undefined) ?? "")) continue;
          const p = passagesOfSeq(seq)[rowid - seq * PER_REPORT];
          if (!p || (reportIds && !reportIds.has(p.reportId))) continue;
          consider(p, rowid);
        }
      }
      return rankHits(hits, limit);
    },
    // Nothing to export: the index is the database.
    export: async () => ({ format: FTS_FORMAT, refs: [], chunks: [] }),
    import: () => false,
    flush() {
      if (w && pendingDf.size) flushDf();
    },
    activate() {
      if (!w) return;
      if (pendingDf.size) flushDf();
      db.prepare("INSERT OR REPLACE INTO fts_meta VALUES ('generation', ?)").run(String(g));
      live = g;
    },
    retire() {
      if (!w) return;
      dropTables(db, g);
      cache.clear();
      size = 0;
      print = IdsFingerprint.of([]);
    },
  };
}

/** A reader opened on a database no writer has indexed yet. */
function emptyReadOnly(g: number): FtsIndex {
  return {
    generation: g,
    size: 0,
    has: () => false,
    reports: () => [],
    add: () => undefined,
    remove: () => undefined,
    search: () => [],
    export: async () => ({ format: FTS_FORMAT, refs: [], chunks: [] }),
    import: () => false,
    activate: () => undefined,
    retire: () => undefined,
    fingerprint: () => IdsFingerprint.of([]).toString(),
  };
}
