// A report's passages as the indexes on disk keep them (fts-index.ts, pg-index.ts): text, section
// and line deflated together, and how many of its passages hold each word (the document
// frequencies). Pure, so the reader's worker makes them beside the report (read-file.ts) and the
// thread that stores reports only inserts them; made here again when it did not.
import { packJson } from "../store/packed.js";
import type { IndexedPassage } from "./search-index.js";

/** Passages per report a rowid can address (`seq × 2^20 + n`). */
export const PER_REPORT = 2 ** 20;

/** A passage as stored: text, section title, line. */
export type StoredPassage = [text: string, section: string, line: number];

/** What an index on disk keeps of a report's passages, made before it is added. */
export interface PreparedPassages {
  /** The passages kept (at most PER_REPORT), packed (packed.ts). */
  packed: Uint8Array;
  /** Word → how many of the report's passages hold it. */
  terms: Map<string, number>;
}

export function preparePassages(list: readonly IndexedPassage[]): PreparedPassages {
  const stored: StoredPassage[] = list.slice(0, PER_REPORT).map((p) => [p.text, p.section, p.line]);
  return { packed: packJson(stored), terms: termCounts(list) };
}

/** Word → how many of these passages hold it. */
export function termCounts(list: readonly IndexedPassage[]): Map<string, number> {
  // One map, one lookup a word: its value is count × 2^26 + the passage that counted it last + 1,
  // so a word counts once a passage without a second map or a Set per passage (a report's
  // ≈1,900 words, 0.30 → 0.25 ms a report). Made plain counts at the end, in the same order.
  const counts = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const tokens = list[i]!.tokens;
    const mark = i + 1;
    let from = 0;
    while (from <= tokens.length) {
      let to = tokens.indexOf(" ", from);
      if (to < 0) to = tokens.length;
      if (to > from) {
        const t = tokens.slice(from, to);
        const v = counts.get(t);
        if (v === undefined) counts.set(t, LAST + mark);
        else if (v % LAST !== mark) counts.set(t, v - (v % LAST) + LAST + mark);
      }
      from = to + 1;
    }
  }
  for (const [t, v] of counts) counts.set(t, Math.floor(v / LAST));
  return counts;
}

/** termCounts' packing: the passage index below it (a report's passages are far fewer), the count above. */
const LAST = 2 ** 26;
