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
  const counts = new Map<string, number>();
  // Which passage counted each word last: a word counts once a passage, without a Set per passage.
  const lastIn = new Map<string, number>();
  list.forEach((p, i) => {
    for (const t of p.tokens.split(" ")) {
      if (!t || lastIn.get(t) === i) continue;
      lastIn.set(t, i);
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
  });
  return counts;
}
