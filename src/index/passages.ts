// What a report contributes to the search index, segmented: the one place segmentation runs at
// ingest (once per report; the tokens are stored with the record). Runs in the reader's worker
// thread or, without one, on the main thread.
import type { Report } from "../domain.js";
import { toPassages } from "./documents.js";
import type { IndexedPassage } from "./search-index.js";
import { addWord, segmentMany } from "./segment.js";

/** The names of a report jieba is taught: its aliases, then its issuer. */
export function namesOf(r: Pick<Report, "aliases" | "org">): string[] {
  return r.org ? [...r.aliases, r.org] : [...r.aliases];
}

/** Teach jieba the names of a report so questions and passages cut them whole. */
export function learnNames(r: Pick<Report, "aliases" | "org">): void {
  for (const w of namesOf(r)) addWord(w);
}

/** The report's passages with their tokens (its names learned first). */
export function indexPassages(r: Report): IndexedPassage[] {
  learnNames(r);
  const passages = toPassages(r);
  const tokens = segmentMany(passages.map((p) => p.text));
  return passages.map((p, i) => ({ reportId: r.id, text: p.text, section: p.section, line: p.line, tokens: tokens[i]!.join(" ") }));
}
