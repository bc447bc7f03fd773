// In-process answering over a few parsed reports: the catalog, records and an empty full-text index
// (a whitespace split for jieba), for tests of answers that need no CLI process.
import { Catalog, toEntry } from "../../src/catalog.js";
import type { Report } from "../../src/domain.js";
import { createSearchIndex } from "../../src/index/search-index.js";
import { keyFigures } from "../../src/qa/figures.js";
import type { AnswerDeps } from "../../src/qa/select.js";

export function depsOf(reports: readonly Report[], more: Partial<AnswerDeps> = {}): AnswerDeps {
  const byId = new Map(reports.map((r) => [r.id, r]));
  return {
    catalog: new Catalog(reports.map((r) => toEntry(r, keyFigures(r)))),
    load: (id) => byId.get(id),
    index: createSearchIndex(() => undefined),
    segment: (t) => t.split(/\s+/).filter(Boolean),
    ...more,
  };
}
