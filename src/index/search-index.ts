// The only FlexSearch configuration. Passages are added with the tokens computed at ingest (no
// segmentation here); the index keeps only (report, passage number) per entry, and reads passage
// text through `passagesOf` when ranking, so its memory does not grow with the text. FlexSearch
// gives recall over the whole corpus; the final ranking is ours (keywords found verbatim in the
// passage, weighted by length), which also makes a search restricted to a few reports exact and
// independent of how jieba cut a name at ingest. The index can be exported and imported, so a
// restart does not rebuild it.
import { Index } from "flexsearch";
import type { PreparedPassages } from "./stored-passages.js";

export interface IndexedPassage {
  reportId: string;
  text: string;
  section: string;
  line: number;
  /** jieba tokens joined by " ", computed once at ingest. */
  tokens: string;
}

export interface PassageHit {
  passage: IndexedPassage;
  score: number;
}

export interface SearchOptions {
  /** Only passages of these reports. Defaults to all. */
  reportIds?: ReadonlySet<string>;
  /** Defaults to 5. */
  limit?: number;
  /** Prefer passages that state a number (the question asks 多少/几). Defaults to false. */
  wantsNumber?: boolean;
}

/** What export() writes and import() reads back. Tied to INDEX_FORMAT: another format is rebuilt. */
export interface SerializedIndex {
  format: string;
  /** Entry id → [report id, passage number], null where removed. */
  refs: ([string, number] | null)[];
  chunks: [string, string][];
  /** Passages per token (document frequency), to keep very common words out of recall. */
  df?: [string, number][];
}

/** Changes whenever the FlexSearch options or the token format change. */
export const INDEX_FORMAT = "flexsearch-0.8/strict/jieba-cutForSearch-hmm/v3-shards";

export interface SearchIndex {
  /**
   * `prepared`: what an index on disk keeps of these passages, made already (the reader's worker
   * made it beside the report); made here when not given. An index in memory has no use for it.
   */
  add(reportId: string, passages: readonly IndexedPassage[], prepared?: PreparedPassages): void;
  remove(reportId: string): void;
  has(reportId: string): boolean;
  search(keywords: readonly string[], opts?: SearchOptions): PassageHit[];
  /** Report ids indexed. */
  reports(): string[];
  readonly size: number;
  export(): Promise<SerializedIndex>;
  /** Replace the contents with an export; false when its format is not this one. */
  import(data: SerializedIndex): boolean;
  /** An index kept in a database (fts-index.ts): this one, built by a reindex, becomes the live one. */
  activate?(): void;
  /** An index kept in a database: drop it (a reindex replaced it). */
  retire?(): void;
  /** An index kept in a database: write what it holds back in memory (counts batched over adds). */
  flush?(): void;
  /**
   * An index kept in a database: the fingerprint of the reports it holds (IdsFingerprint), kept
   * beside it, so a start checks it against the catalog without listing it.
   */
  fingerprint?(): string;
}

/**
 * An order-free fingerprint of a set of report ids: their count and two sums of 32-bit hashes
 * (FNV-1a, two offsets). Why: at start the library checks that the index holds the catalog's
 * reports and no others; an index on disk keeps its fingerprint up to date, so the check is one
 * pass over the catalog's ids instead of listing and comparing 100k of each.
 *
 *   IdsFingerprint.of(["a", "b"]).toString() === IdsFingerprint.of(["b", "a"]).toString() → true
 */
export class IdsFingerprint {
  private constructor(
    readonly count: number,
    readonly a: number,
    readonly b: number,
  ) {}

  static of(ids: Iterable<string>): IdsFingerprint {
    let count = 0;
    let a = 0;
    let b = 0;
    for (const id of ids) {
      count++;
      a = (a + fnv(id, 0x811c9dc5)) >>> 0;
      b = (b + fnv(id, 0x01000193)) >>> 0;
    }
    return new IdsFingerprint(count, a, b);
  }

  static parse(text: string): IdsFingerprint {
    const [count, a, b] = text.split(":").map(Number);
    return new IdsFingerprint(count ?? 0, a ?? 0, b ?? 0);
  }

  /** With one id more (1) or less (-1). */
  with(id: string, by: 1 | -1): IdsFingerprint {
    return new IdsFingerprint(this.count + by, (this.a + by * fnv(id, 0x811c9dc5)) >>> 0, (this.b + by * fnv(id, 0x01000193)) >>> 0);
  }

  toString(): string {
    return `${this.count}:${this.a}:${this.b}`;
  }
}

function fnv(s: string, offset: number): number {
  let h = offset;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** How much a keyword found in a passage counts: longer words are more specific. */
function weight(k: string): number {
  if (/^\d+$/.test(k)) return k.length >= 3 ? 3 : 1;
  return Math.min(k.length, 4);
}

/** Score a passage by the keywords it contains verbatim. */
export function scorePassage(keywords: readonly string[], text: string, wantsNumber = false): number {
  let score = 0;
  for (const k of keywords) if (k && text.includes(k)) score += weight(k);
  if (score > 0 && wantsNumber && /\d/.test(text)) score += 1.5;
  return score;
}

/** A scored passage and its place in the index (reports in the order added, passages in order). */
export interface RankedHit extends PassageHit {
  order: number;
}

/**
 * The hits best first; equal scores in the order the passages were added (so both indexes, and a
 * restart, give the same list). A passage that shares one short word with the question is noise
 * next to one that answers it: below 40% of the best score, left out.
 */
/**
 * A search's distinct keywords and the passages that score on them, in the order each index
 * proposes them (`order`: ties go to the earlier) — null when there is no keyword. The three
 * indexes (in memory here, FTS5, PostgreSQL) differ only in how they propose candidates.
 */
export function hitCollector(
  keywords: readonly string[],
  wantsNumber: boolean,
): { words: string[]; hits: RankedHit[]; consider: (p: IndexedPassage | undefined, order: number) => void } | null {
  const words = [...new Set(keywords.filter(Boolean))];
  if (words.length === 0) return null;
  const hits: RankedHit[] = [];
  const consider = (p: IndexedPassage | undefined, order: number) => {
    if (!p) return;
    const score = scorePassage(words, p.text, wantsNumber);
    if (score > 0) hits.push({ passage: p, score, order });
  };
  return { words, hits, consider };
}

export function rankHits(hits: RankedHit[], limit: number): PassageHit[] {
  hits.sort((a, b) => b.score - a.score || a.order - b.order);
  const floor = (hits[0]?.score ?? 0) * 0.4;
  return hits
    .filter((h) => h.score >= floor)
    .slice(0, limit)
    .map(({ passage, score }) => ({ passage, score }));
}

/** Candidates FlexSearch proposes for an unrestricted search, before our ranking. */
const RECALL = 30;

/**
 * Passages per FlexSearch instance. FlexSearch exports an index as JSON strings; past a few million
 * passages one of them outgrows V8's largest string (the process aborts), so the index is split
 * in shards by passage number, searched together and exported one by one.
 */
export const SHARD_PASSAGES = 1_000_000;

export function createSearchIndex(
  passagesOf: (reportId: string) => readonly IndexedPassage[] | undefined,
  { shardPassages = SHARD_PASSAGES }: { shardPassages?: number } = {},
): SearchIndex {
  // tokenize "strict" + our own encode: a token is exactly one jieba word, no further splitting.
  const make = () => new Index({ tokenize: "strict", encode: (s: string) => s.split(" ").filter(Boolean) });
  let shards: Index[] = [];
  const shardOf = (id: number): Index => {
    const n = Math.floor(id / shardPassages);
    while (shards.length <= n) shards.push(make());
    return shards[n]!;
  };
  let refs: ([string, number] | null)[] = [];
  let byReport = new Map<string, number[]>();
  let size = 0;
  // How many passages hold each token: a query word in a large share of all passages (政府, 公开)
  // makes FlexSearch merge huge lists and says little; it is left to our own ranking.
  let df = new Map<string, number>();
  const count = (tokens: string, by: 1 | -1) => {
    for (const t of new Set(tokens.split(" "))) {
      if (!t) continue;
      const n = (df.get(t) ?? 0) + by;
      if (n > 0) df.set(t, n);
      else df.delete(t);
    }
  };
  const recallWords = (words: string[]): string[] => {
    const limit = Math.max(200, size * 0.01);
    const rare = words.filter((w) => (df.get(w) ?? 0) <= limit);
    if (rare.length) return rare;
    return [...words].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, 1);
  };

  const textOf = (id: number): IndexedPassage | undefined => {
    const ref = refs[id];
    if (!ref) return undefined;
    return passagesOf(ref[0])?.[ref[1]];
  };

  return {
    get size() {
      return size;
    },
    has: (reportId) => byReport.has(reportId),
    reports: () => [...byReport.keys()],
    add(reportId, list) {
      if (byReport.has(reportId)) return;
      const ids: number[] = [];
      list.forEach((p, i) => {
        const id = refs.length;
        refs.push([reportId, i]);
        ids.push(id);
        if (p.tokens) {
          shardOf(id).add(id, p.tokens);
          count(p.tokens, 1);
        }
      });
      byReport.set(reportId, ids);
      size += ids.length;
    },
    remove(reportId) {
      const ids = byReport.get(reportId);
      if (!ids) return;
      for (const p of passagesOf(reportId) ?? []) count(p.tokens, -1);
      for (const id of ids) {
        shardOf(id).remove(id);
        refs[id] = null;
      }
      byReport.delete(reportId);
      size -= ids.length;
    },
    search(keywords, opts = {}) {
      const { reportIds, limit = 5, wantsNumber = false } = opts;
      const collected = hitCollector(keywords, wantsNumber);
      if (!collected) return [];
      const { words, hits, consider } = collected;
      const restricted = reportIds ? [...reportIds].filter((r) => byReport.has(r)) : null;
      if (restricted && restricted.length <= 200) {
        // Exact: score every passage of those reports.
        for (const r of restricted) {
          const ids = byReport.get(r)!;
          const list = passagesOf(r) ?? [];
          for (let i = 0; i < list.length; i++) consider(list[i], ids[i] ?? Infinity);
        }
      } else {
        const query = recallWords(words).join(" ");
        // Each shard proposes its best; together about RECALL candidates (each costs a record read).
        const per = Math.max(8, Math.ceil((reportIds ? RECALL * 10 : RECALL) / Math.max(1, shards.length)));
        const found = shards.flatMap((sh) => sh.search(query, { limit: per, suggest: true }) as number[]);
        for (const id of found) {
          const ref = refs[id];
          if (!ref || (reportIds && !reportIds.has(ref[0]))) continue;
          consider(textOf(id), id);
        }
      }
      return rankHits(hits, limit);
    },
    async export() {
      const chunks: [string, string][] = [];
      for (let n = 0; n < shards.length; n++) {
        await shards[n]!.export((key: string | number, data: string | undefined) => {
          if (data !== undefined && data !== null) chunks.push([`${n}/${key}`, data]);
        });
      }
      return { format: INDEX_FORMAT, refs, chunks, df: [...df] };
    },
    import(data) {
      if (!data || data.format !== INDEX_FORMAT || !Array.isArray(data.refs) || !Array.isArray(data.chunks)) return false;
      const next: Index[] = [];
      for (const [key, chunk] of data.chunks) {
        const slash = key.indexOf("/");
        const n = Number(key.slice(0, slash));
        if (slash < 0 || !Number.isInteger(n) || n < 0 || n > 10_000) return false;
        while (next.length <= n) next.push(make());
        next[n]!.import(key.slice(slash + 1), chunk);
      }
      shards = next;
      refs = data.refs;
      df = new Map(data.df ?? []);
      byReport = new Map();
      size = 0;
      refs.forEach((ref, id) => {
        if (!ref) return;
        const list = byReport.get(ref[0]) ?? [];
        list.push(id);
        byReport.set(ref[0], list);
        size++;
      });
      return true;
    },
  };
}
