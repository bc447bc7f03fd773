// The parser on reports it has never seen: synthetic reports in every template and layout
// (generator with known truth), compared figure by figure. A wrong figure is worse than a missing
// one, so "wrong" must stay at zero.
import { describe, expect, it } from "vitest";
import { measureAccuracy } from "../../src/bench/accuracy.js";

describe("parser accuracy on synthetic reports", () => {
  const res = measureAccuracy(150, 7);
  it("reads every report", () => expect(res.rejected).toBe(0));
  it("never reads a table figure wrong, and misses none", () => {
    for (const row of res.table) {
      expect(row.wrong, row.group).toBe(0);
      expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.99);
    }
    expect(res.table.length).toBeGreaterThanOrEqual(6);
  });
  it("reads the figures the prose states", () => {
    for (const row of res.prose) {
      expect(row.wrong, row.group).toBe(0);
      expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.97);
    }
  });
  it("names issuer, region, year and template", () => {
    expect(res.meta.correct / res.meta.expected).toBeGreaterThanOrEqual(0.99);
  });
});

describe("parser accuracy on the same reports re-laid", () => {
  it("as a crawler flattens a page (white space runs → one space): every table figure still read right", () => {
    const res = measureAccuracy(150, 7, 0, "crawled");
    expect(res.rejected).toBe(0);
    for (const row of res.table) {
      expect(row.wrong, row.group).toBe(0);
      expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.99);
    }
  });
  it("as the crawler took a page's text (its table cells glued): never wrong and sure, the old 统计表 and 2021 tables all but whole", () => {
    const res = measureAccuracy(150, 7, 0, "page-crawled");
    expect(res.rejected).toBe(0);
    for (const row of res.table) expect(row.wrongCertain, row.group).toBe(0);
    for (const row of res.table.filter((r) => !r.group.startsWith("gbf2019"))) expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.99);
    // 2019's 第二十条 rows (上一年项目数量 | 本年增/减 | 处理决定数量) have no identity to cut them by.
    for (const row of res.table) expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.9);
    for (const row of res.prose) expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.97);
  });
  it("…with the tables' zero cells left blank, which leave no trace between glued cells: never wrong and sure", () => {
    const res = measureAccuracy(150, 7, 0, "page-crawled-blanks");
    for (const row of res.table) expect(row.wrongCertain, row.group).toBe(0);
    // The old 统计表 keeps its labels between the cells, so a blank is seen.
    for (const row of res.table.filter((r) => r.group.startsWith("stat2016"))) expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.99);
    // 2021's 表三 totals are read from the rows' sums (19–20% of the figures had been read).
    for (const row of res.table.filter((r) => r.group.startsWith("gbf2021"))) expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.6);
  });
  it("with every line break removed (cells of PDF blocks run together): figures go missing, never wrong and sure", () => {
    const res = measureAccuracy(150, 7, 0, "no-line-breaks");
    for (const row of res.table) expect(row.wrongCertain, row.group).toBe(0);
    // Row-printed tables keep nearly all: their rows are cut by the identities.
    const rowPrinted = res.table.filter((r) => !r.group.endsWith("pdf-columns"));
    for (const row of rowPrinted) expect(row.correct / row.expected, row.group).toBeGreaterThanOrEqual(0.9);
  });
});
