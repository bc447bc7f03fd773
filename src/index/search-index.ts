// The only FlexSearch configuration. Passages are added with the tokens computed at ingest (no
// segmentation here), so building the index at start-up is cheap. FlexSearch gives recall over the
// whole corpus; the final ranking is ours (keywords found verbatim in the passage, weighted by
// length), which also makes a search restricted to a few reports exact and independent of how jieba
// happened to cut a name at ingest.
import { Index } from "flexsearch";

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

export interface SearchIndex {
  add(reportId: string, passages: readonly IndexedPassage[]): void;
  remove(reportId: string): void;
  search(keywords: readonly string[], opts?: SearchOptions): PassageHit[];
  readonly size: number;
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

export function createSearchIndex(): SearchIndex {
  // tokenize "strict" + our own encode: a token is exactly one jieba word, no further splitting.
  const index = new Index({ tokenize: "strict", encode: (s: string) => s.split(" ").filter(Boolean) });
  const passages: (IndexedPassage | undefined)[] = [];
  const byReport = new Map<string, number[]>();
  let size = 0;

  return {
    get size() {
      return size;
    },
    add(reportId, list) {
      if (byReport.has(reportId)) return;
      const ids: number[] = [];
      for (const p of list) {
        const id = passages.length;
        passages.push(p);
        ids.push(id);
        if (p.tokens) index.add(id, p.tokens);
      }
      byReport.set(reportId, ids);
      size += ids.length;
    },
    remove(reportId) {
      const ids = byReport.get(reportId);
      if (!ids) return;
      for (const id of ids) {
        index.remove(id);
        passages[id] = undefined;
      }
      byReport.delete(reportId);
      size -= ids.length;
    },
    search(keywords, opts = {}) {
      const { reportIds, limit = 5, wantsNumber = false } = opts;
      const words = [...new Set(keywords.filter(Boolean))];
      if (words.length === 0) return [];
      let candidates: number[];
      const restricted = reportIds ? [...reportIds].flatMap((r) => byReport.get(r) ?? []) : null;
      if (restricted && restricted.length <= 20000) {
        candidates = restricted; // exact: score every passage of those reports
      } else {
        const found = index.search(words.join(" "), { limit: 400, suggest: true }) as number[];
        candidates = reportIds ? found.filter((id) => reportIds.has(passages[id]?.reportId ?? "")) : found;
      }
      const hits: PassageHit[] = [];
      for (const id of candidates) {
        const p = passages[id];
        if (!p) continue;
        const score = scorePassage(words, p.text, wantsNumber);
        if (score > 0) hits.push({ passage: p, score });
      }
      hits.sort((a, b) => b.score - a.score);
      return hits.slice(0, limit);
    },
  };
}
