// A ranking by a share (纠错率最高, 予以公开占比排名) over many reports: ranked by each report's share
// from the in-memory key figures, the rows shown read again from their records. The first row must
// be the report with the largest share of all (computed from every record here), and only the first
// few records may be read (a ranking had read every report's record).
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { generateCorpus } from "../../src/bench/generate.js";
import { Catalog, toEntry } from "../../src/catalog.js";
import type { Report } from "../../src/domain.js";
import { createSearchIndex } from "../../src/index/search-index.js";
import { parseQuestion } from "../../src/parse/question.js";
import { parseReport } from "../../src/parse/report.js";
import { keyFigures, rateOf, resolveMetric } from "../../src/qa/figures.js";
import type { AnswerDeps } from "../../src/qa/select.js";

const reports: Report[] = [];
for (const d of generateCorpus(400, 17)) {
  const res = parseReport(d.text, { name: d.name });
  if (res.ok && res.report.year !== null) reports.push(res.report);
}
const byId = new Map(reports.map((r) => [r.id, r]));

function depsCounting(): { deps: AnswerDeps; loads: () => number } {
  let loads = 0;
  const deps: AnswerDeps = {
    catalog: new Catalog(reports.map((r) => toEntry(r, keyFigures(r)))),
    load: (id) => (loads++, byId.get(id)),
    index: createSearchIndex(() => undefined),
    segment: (t) => t.split(/\s+/).filter(Boolean),
  };
  return { deps, loads: () => loads };
}

describe("a ranking by a share", () => {
  it.each(["不予公开占比最高", "予以公开占比最高"])("%s: the largest share of all first, a few records read", (asked) => {
    const { deps, loads } = depsCounting();
    // The year with the most reports that have the figure.
    const counts = new Map<number, number>();
    for (const r of reports) counts.set(r.year!, (counts.get(r.year!) ?? 0) + 1);
    const year = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const q = `${year}年哪个地区${asked}`;
    const pq = parseQuestion(q, deps.catalog.lexicon());
    const shares = reports
      .filter((r) => r.year === year)
      .map((r) => {
        const f = resolveMetric(r, pq);
        const main = f?.primary ?? f?.narrative;
        return { r, v: main ? rateOf(r, main, pq)?.item?.value : undefined };
      })
      .filter((x): x is { r: Report; v: number } => x.v !== undefined);
    expect(shares.length).toBeGreaterThan(15);
    const best = Math.max(...shares.map((x) => x.v));
    const a = answer(q, deps);
    expect(a.kind).toBe("rank");
    expect(a.answers[0]!.unit).toBe("%");
    expect(a.answers[0]!.value).toBe(best);
    // "哪个" asks for one: at most eleven candidates read again, and the one shown.
    expect(loads()).toBeLessThanOrEqual(12);
  });
});
