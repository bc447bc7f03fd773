// The full-text index on PostgreSQL (store/pg.ts): the FTS5 index of fts-index.ts, table for
// table, in PostgreSQL's own full text — a tsvector of the very jieba tokens computed at ingest
// (each token one lexeme, cast as is: no parser or dictionary of PostgreSQL's touches them, as the
// `simple` configuration would), under a GIN index. The same contract and the same final ranking:
// the index only proposes candidates, scorePassage ranks them, by the same steps as fts-index.ts.
// Where FTS5 orders candidates `BY rank`, every match of its detail=none table has a bm25 of 0
// (no instances are kept to count), so its order is the rowid's: this index takes the same
// passages in the same order, and both stores propose the same candidates.
//
// Tables (pg.ts creates them), a column `gen` for the generation (a reindex builds gen g+1 beside
// the live one, then swaps): `fts_doc` (report ↔ seq, its passage count, its passages deflated),
// `fts_passage` (rowid `seq × 2^20 + n`, its tokens), `fts_df` (passages per token).
import { asBuffer, unpackJson } from "../store/packed.js";
import type { PgSync } from "../store/pg.js";
import { type FtsIndex, type FtsOptions, ftsToken, RECALL, SCORE_ALL } from "./fts-index.js";
import { hitCollector, IdsFingerprint, type IndexedPassage, rankHits } from "./search-index.js";
import { PER_REPORT, preparePassages, type StoredPassage, termCounts } from "./stored-passages.js";

/** Changes whenever the table layout or the token format change: another format is rebuilt. */
export const PG_FTS_FORMAT = "pg-tsvector/jieba-cutForSearch-hmm/v1";

/** A token as FTS5's ascii tokenizer keeps it: ASCII punctuation gone, ASCII letters folded. */
const lexeme = (t: string) => ftsToken(t).replace(/[A-Z]/g, (c) => c.toLowerCase());

/** A tsvector or tsquery literal of lexemes (ftsToken leaves no quote or backslash to escape). */
const quote = (l: string) => `'${l}'`;

const meta = (db: PgSync, key: string): string | undefined => db.query<{ value: string }>("SELECT value FROM fts_meta WHERE key = $1", [key])[0]?.value;

/**
 * Open the index kept in PostgreSQL (its live generation, or a new one with `fresh`). Other
 * generations are left alone on open (another replica may be building one); a reindex drops
 * every generation but the live one before it starts its own.
 */
export function createPgIndex(
  db: PgSync,
  tokensOf: (reportId: string) => readonly IndexedPassage[] | undefined,
  { fresh = false, readOnly = false }: FtsOptions = {},
): FtsIndex {
  if (!readOnly && meta(db, "format") !== PG_FTS_FORMAT) {
    db.tx([
      { text: "DELETE FROM fts_doc" },
      { text: "DELETE FROM fts_passage" },
      { text: "DELETE FROM fts_df" },
      {
        text: "INSERT INTO fts_meta VALUES ('format', $1), ('generation', '0') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        values: [PG_FTS_FORMAT],
      },
    ]);
  }
  let live = Number(meta(db, "generation") ?? 0);
  let g = live;
  if (fresh && !readOnly) {
    const others = db.query<{ gen: number }>("SELECT DISTINCT gen FROM fts_doc WHERE gen <> $1", [live]).map((r) => r.gen);
    for (const other of others) dropGeneration(db, other);
    g = Math.max(live, ...others) + 1;
  }

  const seqOf = new Map<string, number>();
  const idOf = new Map<number, string>();
  let size = 0;
  let nextSeq = 1;
  for (const r of db.query<{ seq: number; id: string; n: number }>("SELECT seq, id, n FROM fts_doc WHERE gen = $1", [g])) {
    seqOf.set(r.id, r.seq);
    idOf.set(r.seq, r.id);
    size += r.n;
    if (r.seq >= nextSeq) nextSeq = r.seq + 1;
  }

  // Document frequencies, summed here and written every few hundred reports and on flush() (as fts-index.ts).
  const pendingDf = new Map<string, number>();
  let pendingReports = 0;
  const flushDf = () => {
    const terms = [...pendingDf].filter(([, n]) => n !== 0);
    pendingDf.clear();
    pendingReports = 0;
    if (!terms.length) return;
    db.tx([
      {
        text: "INSERT INTO fts_df (gen, term, n) SELECT $1, * FROM unnest($2::text[], $3::int[]) ON CONFLICT (gen, term) DO UPDATE SET n = fts_df.n + excluded.n",
        values: [g, terms.map(([t]) => t), terms.map(([, n]) => n)],
      },
      ...(terms.some(([, n]) => n < 0) ? [{ text: "DELETE FROM fts_df WHERE gen = $1 AND n <= 0", values: [g] }] : []),
    ]);
  };
  const countDf = (terms: ReadonlyMap<string, number>, by: 1 | -1) => {
    for (const [t, n] of terms) pendingDf.set(t, (pendingDf.get(t) ?? 0) + by * n);
    if (++pendingReports >= 500) flushDf();
  };

  const cache = new Map<number, IndexedPassage[]>();
  const passagesOfSeq = (seq: number, reportId: string): IndexedPassage[] => {
    let list = cache.get(seq);
    if (list) return list;
    const row = db.query<{ passages: Uint8Array }>("SELECT passages FROM fts_doc WHERE gen = $1 AND seq = $2", [g, seq])[0];
    const stored = row ? unpackJson<StoredPassage[]>(row.passages) : [];
    list = stored.map(([text, section, line]) => ({ reportId, text, section, line, tokens: "" }));
    cache.set(seq, list);
    if (cache.size > 256) cache.delete(cache.keys().next().value!);
    return list;
  };

  const first = (query: string, limit: number): number[] =>
    db
      .query<{ rowid: number }>("SELECT rowid FROM fts_passage WHERE gen = $1 AND tokens @@ $2::tsquery ORDER BY rowid LIMIT $3", [g, query, limit])
      .map((r) => r.rowid);

  /** The candidates fts-index.ts proposes, by the same steps. */
  const candidates = (words: string[], want: number): number[] => {
    const limit = Math.max(200, size * 0.01);
    const stored = new Map(
      db.query<{ term: string; n: number }>("SELECT term, n FROM fts_df WHERE gen = $1 AND term = ANY($2::text[])", [g, words]).map((r) => [r.term, r.n]),
    );
    const df = new Map(words.map((word) => [word, (stored.get(word) ?? 0) + (pendingDf.get(word) ?? 0)]));
    let recall = words.filter((word) => df.get(word)! <= limit);
    if (recall.length === 0) recall = [...words].sort((a, b) => df.get(a)! - df.get(b)!).slice(0, 1);
    const quoted = recall.map(lexeme).map(quote);
    const matches = recall.reduce((sum, word) => sum + df.get(word)!, 0);
    if (matches <= SCORE_ALL) return first(quoted.join(" | "), SCORE_ALL);
    const out: number[] = [];
    const seen = new Set<number>();
    // FTS5's ranked and unranked queries give the same order here (see above): one query for both.
    const take = (query: string) => {
      for (const id of first(query, want)) {
        if (out.length >= want) break;
        if (!seen.has(id)) seen.add(id), out.push(id);
      }
    };
    if (quoted.length > 1) take(quoted.join(" & "));
    if (out.length < want) take(quoted.join(" | "));
    return out;
  };

  return {
    generation: g,
    get size() {
      return size;
    },
    has: (reportId) => seqOf.has(reportId),
    reports: () => [...seqOf.keys()],
    // The ids are in memory here (seqOf): the fingerprint is made from them when asked.
    fingerprint: () => IdsFingerprint.of(seqOf.keys()).toString(),
    add(reportId, list, prepared) {
      if (readOnly || seqOf.has(reportId)) return;
      const seq = nextSeq++;
      const kept = list.slice(0, PER_REPORT);
      const { packed, terms } = prepared ?? preparePassages(list);
      const ids: number[] = [];
      const vectors: string[] = [];
      kept.forEach((p, n) => {
        // PostgreSQL refuses a lexeme of 2 KB or more (never a word; a run of letters in a page's code).
        const lex = p.tokens
          ? p.tokens
              .split(" ")
              .map(lexeme)
              .filter((l) => l && l.length < 512)
          : [];
        if (!lex.length) return;
        ids.push(seq * PER_REPORT + n);
        vectors.push([...new Set(lex)].map(quote).join(" "));
      });
      db.tx([
        {
          text: "INSERT INTO fts_doc (gen, seq, id, n, passages) VALUES ($1, $2, $3, $4, $5)",
          values: [g, seq, reportId, kept.length, asBuffer(packed)],
        },
        ...(ids.length
          ? [
              {
                text: "INSERT INTO fts_passage (gen, rowid, tokens) SELECT $1, r, t::tsvector FROM unnest($2::bigint[], $3::text[]) AS u(r, t)",
                values: [g, ids, vectors],
              },
            ]
          : []),
      ]);
      seqOf.set(reportId, seq);
      idOf.set(seq, reportId);
      size += list.length;
      countDf(terms, 1);
    },
    remove(reportId) {
      const seq = seqOf.get(reportId);
      if (readOnly || seq === undefined) return;
      const passages = tokensOf(reportId);
      const [, doc] = db.tx([
        { text: "DELETE FROM fts_passage WHERE gen = $1 AND rowid BETWEEN $2 AND $3", values: [g, seq * PER_REPORT, seq * PER_REPORT + PER_REPORT - 1] },
        { text: "DELETE FROM fts_doc WHERE gen = $1 AND seq = $2 RETURNING n", values: [g, seq] },
      ]) as [unknown, { n: number }[]];
      cache.delete(seq);
      seqOf.delete(reportId);
      idOf.delete(seq);
      size -= doc[0]?.n ?? 0;
      countDf(termCounts(passages ?? []), -1);
    },
    search(keywords, opts = {}) {
      const { reportIds, limit = 5, wantsNumber = false } = opts;
      const collected = hitCollector(keywords, wantsNumber);
      if (!collected) return [];
      const { words, hits, consider } = collected;
      const restricted = reportIds ? [...reportIds].filter((r) => seqOf.has(r)) : null;
      if (restricted && restricted.length <= 200) {
        // Exact: score every passage of those reports.
        for (const r of restricted) {
          const seq = seqOf.get(r)!;
          const list = passagesOfSeq(seq, r);
          for (let n = 0; n < list.length; n++) consider(list[n]!, seq * PER_REPORT + n);
        }
      } else {
        const asked = [...new Set(words.map(ftsToken).filter(Boolean))];
        if (asked.length === 0) return [];
        for (const rowid of candidates(asked, reportIds ? RECALL * 10 : RECALL)) {
          const seq = Math.floor(rowid / PER_REPORT);
          const reportId = idOf.get(seq);
          if (!reportId || (reportIds && !reportIds.has(reportId))) continue;
          const p = passagesOfSeq(seq, reportId)[rowid - seq * PER_REPORT];
          if (p) consider(p, rowid);
        }
      }
      return rankHits(hits, limit);
    },
    // Nothing to export: the index is the database.
    export: async () => ({ format: PG_FTS_FORMAT, refs: [], chunks: [] }),
    import: () => false,
    flush() {
      if (!readOnly && pendingDf.size) flushDf();
    },
    activate() {
      if (readOnly) return;
      if (pendingDf.size) flushDf();
      db.query("INSERT INTO fts_meta VALUES ('generation', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(g)]);
      live = g;
    },
    retire() {
      if (readOnly) return;
      dropGeneration(db, g);
      cache.clear();
      seqOf.clear();
      idOf.clear();
      size = 0;
    },
  };
}

function dropGeneration(db: PgSync, g: number): void {
  db.tx([
    { text: "DELETE FROM fts_passage WHERE gen = $1", values: [g] },
    { text: "DELETE FROM fts_doc WHERE gen = $1", values: [g] },
    { text: "DELETE FROM fts_df WHERE gen = $1", values: [g] },
  ]);
}
