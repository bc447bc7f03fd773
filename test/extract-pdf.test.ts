// PDFs printed from report pages, read back: the tables' ruled grids give each cell its words
// (extract-pdf-grid.ts). Read line by line, a narrow label column had put a row's numbers in the
// middle of its label ("1.属于国家秘" / "0 0 0 0 0 0 0" / "密") and a merged side cell's words among
// the rows; blank cells vanished. The fixtures are pages printed to PDF by Chromium (with its
// date/title header and address footer on every page): two synthetic reports with known figures
// in a narrow page (src/bench/generate-html.ts; scripts/print-pdf.sh makes them) and the real
// 平潭 2013 and 2024 pages of test/fixtures/reports. Three of the synthetic pages are also kept as
// pdftotext -layout prints them: text, where the grid is gone and the template must do its work.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateHtmlReport } from "../src/bench/generate.js";
import type { Report } from "../src/domain.js";
import { extractText } from "../src/extract.js";
import { type PdfRule, type PdfTextItem, pageLines } from "../src/extract-pdf-grid.js";
import { parseReport } from "../src/parse/report.js";
import { FIXTURES } from "./helpers/reports.js";

const PDF = join(FIXTURES, "../pdf");

async function read(path: string): Promise<Report> {
  const ex = await extractText(path, new Uint8Array(readFileSync(path)));
  if (!ex.ok) throw new Error(ex.error);
  const res = parseReport(ex.text);
  if (!res.ok) throw new Error(res.error);
  return res.report;
}

const tableValue = (r: Report, metric: string, slice?: string) =>
  r.figures.find((f) => f.metric === metric && (f.slice ?? undefined) === slice && f.source === "table")?.value;

/** The report against the synthetic report it was made from: who and when, and every table cell (total column and 表三's columns). */
function expectTruth(r: Report, index: number, atLeast: number): void {
  const { truth } = generateHtmlReport(7, index);
  expect({ org: r.org, year: r.year, template: r.template }).toEqual({ org: truth.org, year: truth.year, template: truth.template });
  const want: Record<string, number> = {};
  const got: Record<string, number | null | undefined> = {};
  const cells = [
    ...Object.entries(truth.figures).map(([m, v]) => [m, undefined, v] as const),
    ...Object.entries(truth.slices ?? {}).flatMap(([s, f]) => Object.entries(f).map(([m, v]) => [m, s, v] as const)),
  ];
  for (const [metric, slice, v] of cells) {
    const key = slice ? `${metric}/${slice}` : metric;
    want[key] = v;
    got[key] = tableValue(r, metric, slice);
  }
  expect(Object.keys(want).length).toBeGreaterThan(atLeast);
  expect(got).toEqual(want);
}

describe("synthetic reports printed from their pages in a narrow column", () => {
  it.each([
    ["synthetic-2019-narrow.pdf", 0],
    ["synthetic-2021-narrow.pdf", 3],
  ])("%s: who, when, and every figure of 表二, 表三 (seven columns) and 表四", async (file, index) => {
    expectTruth(await read(join(PDF, file)), index, 150);
  });
});

describe("the same narrow pages as pdftotext -layout prints them (labels wrapped around their numbers, side cells' words among them)", () => {
  it.each([
    ["synthetic-0-narrow.pdftotext-layout.txt", 0],
    ["synthetic-1-narrow.pdftotext-layout.txt", 1],
    ["synthetic-3-narrow.pdftotext-layout.txt", 3],
  ])("%s: every figure of its tables", (file, index) => {
    const res = parseReport(readFileSync(join(PDF, file), "utf8"));
    if (!res.ok) throw new Error(res.error);
    expectTruth(res.report, index, 40);
  });
});

describe("real report pages printed to PDF", () => {
  const said = (r: Report) =>
    r.figures
      .filter((f) => f.source !== "narrative")
      .map((f) => `${f.metric}/${f.slice ?? ""} = ${f.value}`)
      .sort();
  it.each([
    ["pingtan-2024-printed.pdf", "pingtan-2024-html"],
    ["pingtan-2013-printed.pdf", "pingtan-2013-html"],
  ])("%s gives the figures of the page itself", async (file, page) => {
    const fromPdf = await read(join(PDF, file));
    const fromPage = await read(join(FIXTURES, page, "input.html"));
    expect(said(fromPage).length).toBeGreaterThan(30);
    expect({ org: fromPdf.org, year: fromPdf.year, template: fromPdf.template }).toEqual({
      org: fromPage.org,
      year: fromPage.year,
      template: fromPage.template,
    });
    expect(said(fromPdf)).toEqual(said(fromPage));
  });
});

// ── the grid itself, on items and rules as pdf.js gives them (user space, y up) ──

/** Rules of a grid: rows between ys (top first), columns between xs; `skip` leaves out segments. */
function grid(xs: number[], ys: number[], skip: (kind: "h" | "v", i: number, j: number) => boolean = () => false): PdfRule[] {
  const rules: PdfRule[] = [];
  ys.forEach((y, i) => xs.slice(1).forEach((x, j) => !skip("h", i, j) && rules.push({ x0: xs[j]!, y0: y - 0.5, x1: x, y1: y + 0.5 })));
  xs.forEach((x, j) => ys.slice(1).forEach((y, i) => !skip("v", i, j) && rules.push({ x0: x - 0.5, y0: y, x1: x + 0.5, y1: ys[i]! })));
  return rules;
}
const word = (str: string, x: number, y: number): PdfTextItem => ({ str, x, y, width: str.length * 10, height: 10 });

describe("pageLines: a ruled table as rows of cells", () => {
  it("joins a label wrapped over three lines and reads the numbers on its middle line as its row's", () => {
    const rules = grid([0, 100, 130, 160], [300, 250, 200]);
    const items = [
      word("1.属于国家秘", 2, 282),
      word("0", 110, 270),
      word("2", 140, 270),
      word("密", 2, 258),
      word("2.其他法律行", 2, 232),
      word("政法规禁止公", 2, 220),
      word("3", 110, 220),
      word("", 140, 220),
      word("开", 2, 208),
    ];
    expect(pageLines(items, rules)).toEqual(["1.属于国家秘密 | 0 | 2 |", "2.其他法律行政法规禁止公开 | 3 |  |"]);
  });

  it("prints a merged side cell once, in its first row, and a blank cell as a cell", () => {
    // Column 0 is one cell down both rows: no rule between its rows.
    const rules = grid([0, 40, 100, 130], [300, 250, 200], (kind, i, j) => kind === "h" && i === 1 && j === 0);
    const items = [word("三、办理", 2, 240), word("结果", 2, 228), word("（一）予以公开", 42, 270), word("8", 110, 270), word("（二）部分公开", 42, 220)];
    expect(pageLines(items, rules)).toEqual(["三、办理结果 | （一）予以公开 | 8 |", "（二）部分公开 |  |"]);
  });

  it("takes a double border (each cell drawn with its own) for one rule, not a cell between", () => {
    const rules = [...grid([0, 100], [300, 250]), ...grid([102, 140], [300, 250]), ...grid([142, 180], [300, 250])];
    const items = [word("行政复议数", 2, 270), word("5", 110, 270), word("7", 150, 270)];
    expect(pageLines(items, rules)).toEqual(["行政复议数 | 5 | 7 |"]);
  });

  it("keeps the first row of a table a page break cut (no rule above it), and text around tables by line", () => {
    const rules = grid([0, 100, 130], [300, 250, 200], (kind, i) => kind === "h" && i === 0);
    const items = [
      word("三、收到和处理", 0, 320),
      word("3.补正后申请内容仍不明确", 2, 270),
      word("0", 110, 270),
      word("（七）总计", 2, 220),
      word("13", 110, 220),
      word("四、结转", 0, 150),
      word("下年度", 50, 150),
    ];
    expect(pageLines(items, rules)).toEqual(["三、收到和处理", "3.补正后申请内容仍不明确 | 0 |", "（七）总计 | 13 |", "四、结转 下年度"]);
  });

  it("reads a box drawn around text (no inner rules) line by line", () => {
    const rules = grid([0, 300], [300, 200]);
    const items = [word("结果 结果 其他", 2, 270), word("5 2 7", 2, 240)];
    expect(pageLines(items, rules)).toEqual(["结果 结果 其他", "5 2 7"]);
  });
});
