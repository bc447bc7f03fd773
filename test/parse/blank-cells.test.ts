// Tables whose empty cells are left blank instead of 0, on a page a crawler flattened: the blanks
// leave no trace between glued cells ("自然人 3 | 空 | … | 其他 1 | 总计 4" is "314"), so a glued run
// has readings the digits alone cannot tell apart. What the parser may not do is read one of them
// as sure. Generated 2019- and 2021-template reports as their web pages, each of which gave figures
// wrong and sure before: 表三's rows read as a table of totals only (314 as 总计), a 第二十条 row cut
// into one digit a cell (131 as 1 | 3 | 1, blank | 1 | 31 in truth), a signed 本年增/减 read as
// 处理决定数量 (行政许可13+8 as 1 | 3 | 8).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blankZeroCells, copiedText, crawledText, emptyBlankCells, tablesAsBlocks } from "../../src/bench/crawl.js";
import { generateHtmlReport } from "../../src/bench/generate.js";
import type { Report } from "../../src/domain.js";
import { extractText } from "../../src/extract.js";
import { readCell } from "../../src/parse/cell-text.js";
import { readings } from "../../src/parse/cuts.js";
import { parseReport } from "../../src/parse/report.js";
import { BLANK_ROW_NOTE, cellTokens, SPACED_NOTE } from "../../src/parse/table-read.js";
import { FIXTURES } from "../helpers/reports.js";

/** The table's figures read as sure, with a value: each must be the truth. */
const sureTableFigures = (r: Report) => r.figures.filter((f) => f.source === "table" && f.certain && !f.slice && f.value !== null);

describe("a page with blank cells, crawled: no glued run is read as sure", () => {
  it.each([
    [42, 20],
    [42, 34],
    [42, 93],
    [7, 0],
    [7, 6],
  ])("generated report %i/%i: every certain table figure is the true one", (seed, index) => {
    const page = generateHtmlReport(seed, index);
    const res = parseReport(crawledText(blankZeroCells(page.html)), { name: page.name });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const sure = sureTableFigures(res.report);
    for (const f of sure) expect(f.value, `${f.metric}: ${f.note ?? ""}`).toBe(page.truth.figures[f.metric]);
    // The page is still read where it can be, as sure or as uncertain.
    expect(res.report.figures.filter((f) => f.source === "table").length).toBeGreaterThan(3);
  });
});

/**
 * Generated 2019 and 2021 reports' pages, their zero cells left blank (`blank`: the page as such,
 * by default every zero cell emptied), crawled and parsed.
 */
function* crawledBlankPages(n: number, blank: (html: string, i: number) => string = (html) => blankZeroCells(html)) {
  for (let i = 0; i < n; i++) {
    const page = generateHtmlReport(7, i);
    if (!page.truth.template.startsWith("gbf")) continue;
    const res = parseReport(crawledText(blank(page.html, i)), { name: page.name });
    if (!res.ok) throw new Error(res.error);
    yield { page, report: res.report };
  }
}

/** 上海 2019's own page, read as a page: what a crawl of it should give. */
const shanghai = readFileSync(join(FIXTURES, "shanghai-2019-html/input.html"), "utf8");
const onPage = async () => {
  const page = await extractText("input.html", Buffer.from(shanghai));
  if (!page.ok) throw new Error(page.error);
  const res = parseReport(page.text);
  if (!res.ok) throw new Error(res.error);
  return res.report;
};
const cell = (r: Report, metric: string, slice = "") => r.figures.find((f) => f.metric === metric && (f.slice ?? "") === slice && f.source === "table");
const FOUR = ["requests.received", "requests.carried_over", "requests.result.total", "requests.carried_forward"];

describe("表三's 总计 column, read from rows whose blank cells left no trace", () => {
  // A row's numbers are its filled cells in order, the last its 总计, the sum of the others
  // ("82135 21859" is 821 | 35 | 空 | 空 | 2 | 1 | 859): which applicant each part is cannot be told,
  // the 总计 can. Such rows had been left unread, and with them 表三's totals (5 of 502 read).
  it("over generated pages: most totals read, and sure only where the 总计 column's identities hold", () => {
    let want = 0;
    let sure = 0;
    let read = 0;
    for (const { page, report } of crawledBlankPages(60)) {
      for (const [metric, value] of Object.entries(page.truth.figures)) {
        if (!metric.startsWith("requests.") || !value) continue;
        want++;
        const f = report.figures.find((x) => x.metric === metric && !x.slice && x.source === "table");
        if (!f) continue;
        if (f.certain) expect(f.value, `${page.name} ${metric}: ${f.note}`).toBe(value);
        if (f.value === value) read++;
        if (f.certain) sure++;
      }
    }
    expect(want).toBeGreaterThan(150);
    expect(read / want).toBeGreaterThanOrEqual(0.9);
    expect(sure / want).toBeGreaterThanOrEqual(0.7);
  });

  it('平潭 2024\'s own page, its zero cells emptied and crawled: "2171218" is a row of blanks, not one digit a cell', () => {
    // Seven digits for seven cells had been cut one to a cell against the row's sum (2 | 1 | 7 | 1 |
    // 2 | 1 | 8) and then dropped as a misprint: 收到 218 went unread.
    const html = readFileSync(join(FIXTURES, "pingtan-2024-html/input.html"), "utf8").replace(
      /<td([^>]*)>([\s\S]*?)<\/td>/g,
      (td, attrs: string, inner: string) => (inner.replace(/<[^>]*>|&nbsp;|\s/g, "") === "0" ? `<td${attrs}></td>` : td),
    );
    const text = crawledText(html.replace(/>\s+</g, "><"));
    expect(text).toContain("一、本年新收政府信息公开申请数量2171218二、");
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    expect(cell(res.report, "requests.received")).toMatchObject({ value: 218, certain: true });
  });

  it("上海 2019's own page, its blank cells emptied and crawled: 一、二、三(七)、四 the page's, sure; no applicant column given", async () => {
    const page = await onPage();
    const crawled = parseReport(crawledText(emptyBlankCells(shanghai)));
    if (!crawled.ok) throw new Error(crawled.error);
    expect(crawledText(emptyBlankCells(shanghai))).toContain("一、本年新收政府信息公开申请数量8213521859");
    for (const metric of FOUR) {
      const f = cell(crawled.report, metric);
      expect(f, metric).toMatchObject({ value: cell(page, metric)!.value, certain: true });
    }
    expect(crawled.report.figures.filter((f) => f.source === "table" && f.metric.startsWith("requests.") && f.slice)).toEqual([]);
  });

  it("上海 2019's page, its blank cells emptied and crawled: a row with no number is given blank, sure, where the page leaves it blank", async () => {
    const page = await onPage();
    const crawled = parseReport(crawledText(emptyBlankCells(shanghai)));
    if (!crawled.ok) throw new Error(crawled.error);
    const blank = crawled.report.figures.filter((f) => f.source === "table" && f.value === null);
    // (Only where the rows around are read: 不予公开's rows, one number each and 总计 left blank, are not.)
    expect(blank.map((f) => f.metric)).toEqual([
      "requests.result.not_processed.publication",
      "requests.result.not_processed.mass_repeat",
      "requests.result.not_processed.confirm_reissue",
      "requests.result.other",
    ]);
    for (const f of blank) {
      expect(f.slice, f.metric).toBeUndefined();
      expect(f, f.metric).toMatchObject({ certain: true, note: BLANK_ROW_NOTE });
      // Every cell of that row blank on the page itself.
      expect(
        page.figures.filter((x) => x.metric === f.metric && x.source === "table" && x.value !== null),
        f.metric,
      ).toEqual([]);
    }
  });

  it("over generated pages: every row given blank is a row of zeros emptied", () => {
    let blank = 0;
    for (const { page, report } of crawledBlankPages(60)) {
      for (const f of report.figures.filter((x) => x.source === "table" && x.value === null && x.note === BLANK_ROW_NOTE)) {
        blank++;
        expect(page.truth.figures[f.metric] ?? 0, `${page.name} ${f.metric}`).toBe(0);
      }
    }
    expect(blank).toBeGreaterThan(100);
  });
});

describe("表三 on a crawled page whose blank cells left a space", () => {
  // A blank cell holding &nbsp; leaves one space when crawled, however many stand together: "82135
  // 21859" is 821 | 35 | 空 | 空 | 2 | 1 | 859, glued digits being cells side by side. Such a row is
  // read whole; its cells are sure where the identities of their columns hold.
  it("上海 2019's own page as crawled: 一、二、三(七)、四, every cell the page's, sure", async () => {
    const page = await onPage();
    const text = crawledText(shanghai);
    expect(text).toContain("一、本年新收政府信息公开申请数量82135 21859");
    const crawled = parseReport(text);
    if (!crawled.ok) throw new Error(crawled.error);
    for (const metric of FOUR)
      for (const slice of ["", "natural_person", "commercial", "research", "public_interest", "legal_service", "other_org"]) {
        const f = cell(crawled.report, metric, slice);
        expect(f, `${metric}/${slice}`).toMatchObject({ value: cell(page, metric, slice)!.value, certain: true });
      }
    expect(cell(crawled.report, "requests.received", "commercial")!.note).toContain(
      "连在一起的数字是相邻的格，空格处是空白格，读为 821 | 35 | 空 | 空 | 2 | 1 | 859",
    );
  });

  it("上海 2019's 表四 as crawled, \"5 278 19\": every cell the page's, not sure (表四's sums cannot tell its spaces are blanks)", async () => {
    const page = await onPage();
    const crawled = parseReport(crawledText(shanghai));
    if (!crawled.ok) throw new Error(crawled.error);
    for (const group of ["review", "litigation.direct", "litigation.after_review"])
      for (const part of ["upheld", "corrected", "other", "pending", "total"]) {
        const metric = `${group}.${part}`;
        expect(cell(crawled.report, metric), metric).toMatchObject({ value: cell(page, metric)!.value, certain: false });
      }
    expect(cell(crawled.report, "review.total")!.note).toContain("读为 5 | 空 | 空 | 2 | 7 | 8 | 空 | 空 | 1 | 9 | 空 | 空 | 空 | 空 | 空");
  });

  it("over generated pages whose blank cells hold &nbsp; here and there: no cell read wrong and sure", () => {
    let sure = 0;
    const nbsp = (html: string, i: number) => html.replace(/<td([^>]*)>0<\/td>/g, (_m, a: string) => `<td${a}>${i % 2 ? "&nbsp;" : ""}</td>`);
    for (const { page, report } of crawledBlankPages(80, nbsp)) {
      for (const f of report.figures.filter((x) => x.source === "table" && x.certain && x.note?.startsWith(SPACED_NOTE))) {
        sure++;
        const want = f.slice ? page.truth.slices?.[f.slice]?.[f.metric] : page.truth.figures[f.metric];
        if (want !== undefined) expect(f.value ?? 0, `${page.name} ${f.metric}/${f.slice ?? ""}`).toBe(want);
      }
    }
    expect(sure).toBeGreaterThan(0);
  });
});

describe("表四 on a crawled page whose blank cells left no trace", () => {
  // "5 278 19" is 5 | 空 | 空 | 2 | 7 | 8 | 空 | 空 | 1 | 9 | 空 × 5: each group's parts, then its 总计.
  // Three groups found are the three, sure. Two are most likely 行政复议 and then a lawsuit of either
  // kind: read so, not sure. One alone is as likely a lawsuit as a review: not read, nor numbers of
  // the prose after a table left all blank.
  it("over generated pages: the three groups' totals sure and right; two read as 复议 and 诉讼, not sure; one not read", () => {
    let sure = 0;
    let guessed = 0;
    for (const { page, report } of crawledBlankPages(150)) {
      const t: Record<string, number | undefined> = {
        ...page.truth.figures,
        "litigation.total": (page.truth.figures["litigation.direct.total"] ?? 0) + (page.truth.figures["litigation.after_review.total"] ?? 0),
      };
      const groups = ["review", "litigation.direct", "litigation.after_review"].filter((g) => (t[`${g}.total`] ?? 0) > 0).length;
      const read = report.figures.filter((f) => /^(review|litigation)\./.test(f.metric) && f.source !== "narrative");
      for (const f of read.filter((x) => x.certain)) expect(f.value ?? 0, `${page.name} ${f.metric}`).toBe(t[f.metric] ?? 0);
      sure += read.filter((f) => f.certain && f.value).length;
      // (None at all: the prose after an all-blank table is not its row — "五、…2020年" had read 20 | 20.)
      if (groups <= 1) expect(read, page.name).toEqual([]);
      if (read.some((f) => !f.certain)) {
        guessed++;
        expect(read.map((f) => f.metric).sort()).toEqual(["litigation.total", "review.total"]);
      }
    }
    expect(sure).toBeGreaterThanOrEqual(9);
    expect(guessed).toBeGreaterThan(3);
  });

  it("上海 2019's page, its blank cells emptied, two groups with numbers: 行政复议 7 and 行政诉讼 9, not sure, saying so", () => {
    const res = parseReport(crawledText(emptyBlankCells(shanghai)));
    if (!res.ok) throw new Error(res.error);
    const read = res.report.figures.filter((f) => /^(review|litigation)\./.test(f.metric) && f.source !== "narrative");
    expect(read.map((f) => [f.metric, f.value, f.certain])).toEqual([
      ["review.total", 7, false],
      ["litigation.total", 9, false],
    ]);
    expect(read[0]!.note).toContain("只有两组有数字（总计7、9），按常见情形把第一组当作行政复议、第二组当作行政诉讼");
  });
});

describe("本年增/减 is the only column printed with a sign", () => {
  it("a signed number in a glued 第二十条 row is 本年增/减, whatever the cut", () => {
    const page = generateHtmlReport(42, 93);
    const text = crawledText(blankZeroCells(page.html));
    expect(text).toContain("行政许可13+8");
    const res = parseReport(text, { name: page.name });
    if (!res.ok) throw new Error(res.error);
    expect(res.report.figures.find((f) => f.metric === "art20.licensing.decisions")).toBeUndefined();
  });
});

describe("a page whose empty cells hold a mark, crawled", () => {
  // A slash stays between glued cells, so the row is read; but glued after a row's unit it had been
  // taken for the label's ("政务微博公开政府信息数条/ 4.政务微信…条17": 微博 read 17, sure), and "//"
  // or a row of "///////" for one blank cell or none (规章//43 read 空 | 4 | 3; 结转 took 表四's).
  // "——" glued between values is one blank cell or two ("11——23120—176810——111", 表四): the cut
  // beside it cannot be sure, nor the cells the identities placed. And 表三's last row, all dashes,
  // had taken 表四's numbers after the heading between them (结转下年度继续办理 4, sure).
  it.each([
    ["/", 42, 1, 10],
    ["/", 42, 2, 10],
    ["/", 42, 49, 10],
    ["/", 7, 31, 10],
    ["—", 42, 84, 0],
    ["—", 99, 12, 0],
    ["—", 7, 96, 0],
    // "-" as the mark beside 本年增/减's signs: "其他对外管理服务事项--13" had read 空 | -1 | 3, sure.
    ["-", 7, 96, 0],
    ["-", 99, 97, 0],
  ] as const)(
    "%s, generated report %i/%i: every certain table figure is the true one, or blank where the page has the mark",
    (mark, seed, index, sureAtLeast) => {
      const page = generateHtmlReport(seed, index);
      const res = parseReport(crawledText(blankZeroCells(page.html, mark)), { name: page.name });
      if (!res.ok) throw new Error(res.error);
      const sure = res.report.figures.filter((f) => f.source === "table" && f.certain && !f.slice);
      for (const f of sure) expect(f.value ?? 0, `${f.metric}: ${f.note ?? ""}`).toBe(page.truth.figures[f.metric] ?? 0);
      expect(sure.filter((f) => f.value !== null).length).toBeGreaterThanOrEqual(sureAtLeast);
      expect(res.report.figures.filter((f) => f.source === "table").length).toBeGreaterThan(3);
    },
  );
});

describe("the saved 平潭 2013 page (old 统计表, two columns) with its zero cells marked or left blank, crawled", () => {
  // "6.其它形式申请数条//对申请的答复数条324": the marks glued between two rows' labels had joined
  // them, and 其它形式申请数 took 3 | 24. Left blank, "当面申请数条18" is 空 | 18 on the page but 1 | 8
  // by the digits: no cut of such a page is sure.
  const html = readFileSync(join(FIXTURES, "pingtan-2013-html/input.html"), "utf8");
  const zeros = /(<td[^>]*>(?:\s*<[^>]*>)*\s*)0(\s*(?:<[^>]*>\s*)*<\/td>)/g;
  const onPage = async () => {
    const page = await extractText("input.html", readFileSync(join(FIXTURES, "pingtan-2013-html/input.html")));
    if (!page.ok) throw new Error(page.error);
    const res = parseReport(page.text);
    if (!res.ok) throw new Error(res.error);
    return new Map(res.report.figures.filter((f) => f.source === "table").map((f) => [`${f.metric}|${f.slice ?? ""}`, f.value]));
  };
  // Marked "-" (or "－"), "当面申请数条-18" had read -1 | 8, sure: a count is never negative where the
  // form has no 增减 column, so the "-" is a blank cell's mark.
  it.each([["/"], [""], ["-"], ["－"]])("marked %j: every certain figure is the page's (a zero read blank)", async (mark) => {
    const want = await onPage();
    const res = parseReport(crawledText(html.replace(zeros, `$1${mark}$2`)));
    if (!res.ok) throw new Error(res.error);
    const table = res.report.figures.filter((f) => f.source === "table");
    for (const f of table.filter((x) => x.certain)) expect(f.value ?? 0, f.metric).toBe(want.get(`${f.metric}|${f.slice ?? ""}`) ?? 0);
    if (mark === "/") expect(table.filter((f) => f.certain).length).toBe(want.size);
  });
});

describe("a saved page with blank cells, read as a page (its cells kept)", () => {
  // "规范性文件 | | | |" then "第二十条第（五）项": the label, found by its short form, had been
  // widened over the blank cells into the next item's header, and the rows after it each took the
  // next one's values (规范性文件 67 | 空 | 2744, 行政许可's), sure.
  it.each([
    [99, 79],
    [42, 20],
  ])("generated report %i/%i: every table figure is the true one, a zero read blank", async (seed, index) => {
    const page = generateHtmlReport(seed, index);
    const text = await extractText("page.html", new TextEncoder().encode(blankZeroCells(page.html)));
    if (!text.ok) throw new Error(text.error);
    const res = parseReport(text.text, { name: page.name });
    if (!res.ok) throw new Error(res.error);
    const table = res.report.figures.filter((f) => f.source === "table" && !f.slice);
    for (const f of table) expect(f.value ?? 0, `${f.metric}: ${f.note ?? ""}`).toBe(page.truth.figures[f.metric] ?? 0);
    expect(table.length).toBeGreaterThan(30);
  });
});

/**
 * The same pages with their tables built of <div>s, a cell to a block: each number stands on a line
 * of its own, as PDF text prints a table cell by cell, and a blank cell leaves no line. A row's
 * numbers are then fewer than its columns, and which columns are blank is not known. 260 figures
 * over 300 pages had been read wrong and sure: a row left blank lent its place to its neighbour's
 * value (行政处罚 空, 行政强制 82 read 行政处罚 82 and 行政强制 the fee below), a lone number cut
 * into the row's cells (行政许可 409 as 4 | 0 | 9), and 表三's 总计 taken for the blank column
 * (88 29 2 5 10 134). Now none.
 */
describe("a page whose table cells are blocks, blank cells left empty", () => {
  it("no table figure is read wrong and sure over 100 generated pages, and most are read", async () => {
    const wrong: string[] = [];
    let read = 0;
    let cells = 0;
    for (let i = 0; i < 100; i++) {
      const page = generateHtmlReport(5, i);
      const x = await extractText("page.html", Buffer.from(tablesAsBlocks(blankZeroCells(page.html), "div")));
      if (!x.ok) throw new Error(x.error);
      const res = parseReport(x.text, { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const [metric, want] of Object.entries(page.truth.figures)) {
        const f = res.report.figures.find((g) => g.metric === metric && !g.slice && g.source === "table");
        if (want === 0 && (!f || f.value === null || f.value === 0)) continue;
        cells++;
        if (f?.value === want) read++;
        else if (f?.certain) wrong.push(`${page.name} ${metric} = ${f.value} (${want}) ${f.note ?? ""}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(read / cells).toBeGreaterThan(0.6);
  });
});

/**
 * The same pages as text laid out as on the page (pdftotext -layout): a row's cells apart by runs
 * of spaces, a blank cell only a wider run. A run of two spaces or more in a line is now kept as a
 * column gap (a tab) where the text is prepared; as one space it could not be told from the single
 * space a crawled page leaves inside a glued row, and 43 figures over 300 pages had been read wrong
 * and sure ("行政许可   409" as 4 | 0 | 9). Now none.
 */
describe("a page laid out in columns of spaces, blank cells left empty", () => {
  const asLaidOut = (html: string) =>
    html
      .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, "")
      .replace(/<\/t[dh]>/gi, "   ")
      .replace(/<\/tr>|<\/p>|<br\s*\/?>|<\/h\d>|<\/div>/gi, "\n")
      .replace(/<[^>]+>/g, "")
      .replace(/&nbsp;/g, " ")
      .replace(/&[a-z]+;/g, "");
  it("no table figure is read wrong and sure over 100 generated pages", () => {
    const wrong: string[] = [];
    for (let i = 0; i < 100; i++) {
      const page = generateHtmlReport(5, i);
      const res = parseReport(asLaidOut(blankZeroCells(page.html)), { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const f of res.report.figures) {
        if (f.source !== "table" || f.slice || !f.certain || f.value === null) continue;
        const want = page.truth.figures[f.metric] ?? 0;
        if (f.value !== want) wrong.push(`${page.name} ${f.metric} = ${f.value} (${want}) ${f.note ?? ""}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/**
 * Blank cells marked with a dash or 无, on a crawled page: the marks stay between the glued cells,
 * so the row is there to read. They had cost most of 表三 and 表四 (of 150 generated pages, 61.7% of
 * the figures read with "—", 59.0% with "-", 31.6% with "无", 283 of those wrong and sure):
 *  - "79——11384" is 79 | — | — | 1 | 1 | 3 | 84: a run of dashes is one mark or several;
 *  - "79无无11384" likewise, a cell a 无; "规范性文件无无258" had taken 无无 into the label and read
 *    258 as 2 | 5 | 8, sure; "政务微博公开政府信息数条无 4.政务微信…条8" had read 微博 8, sure;
 *  - "1---11---1--1-1": 表三 and 表四 hold no negative count, so "-1" there is a mark and a 1.
 */
describe("blank cells marked with dashes or 无, glued on a crawled page", () => {
  const MARKS = ["—", "——", "-", "无", "/"] as const;
  it.each(MARKS)("%s: over 60 generated pages, no table figure wrong and sure, and 95 percent read", (mark) => {
    let read = 0;
    let cells = 0;
    const wrong: string[] = [];
    for (let i = 0; i < 60; i++) {
      const page = generateHtmlReport(7, i);
      if (page.truth.template === "narrative") continue;
      const res = parseReport(crawledText(blankZeroCells(page.html, mark)), { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const [metric, want] of Object.entries(page.truth.figures)) {
        const f = res.report.figures.find((g) => g.metric === metric && !g.slice && g.source === "table");
        cells++;
        if (f && (f.value === want || (want === 0 && f.value === null))) read++;
        else if (f?.certain && f.value !== null) wrong.push(`${page.name} ${metric} = ${f.value} (${want})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(read / cells).toBeGreaterThanOrEqual(0.95);
  });

  const read = (seed: number, index: number, mark: string) => {
    const page = generateHtmlReport(seed, index);
    const text = crawledText(blankZeroCells(page.html, mark));
    const res = parseReport(text, { name: page.name });
    if (!res.ok) throw new Error(res.error);
    const fig = (metric: string) => res.report.figures.find((f) => f.metric === metric && !f.slice && f.source === "table");
    return { text, fig, truth: page.truth.figures };
  };

  it("a run of dashes between glued values is as many blank cells as the identities need", () => {
    const { text, fig } = read(7, 0, "—");
    expect(text).toContain("一、本年新收政府信息公开申请数量79——11384");
    expect(fig("requests.received")).toMatchObject({ value: 84, certain: true });
  });

  it("无 glued after a label is the row's blank cells, not the label's words", () => {
    const { text, fig, truth } = read(42, 13, "无");
    expect(text).toContain("规范性文件无无258");
    expect(fig("art20.normative_docs.total_published")?.value).toBe(258);
    expect(truth["art20.normative_docs.total_published"]).toBe(258);
    expect(fig("art20.normative_docs.new_made")?.value ?? null).toBeNull();
  });

  it("a “-” before digits in 表四 is a mark; in 第二十条 it may be a sign, and the cut is not sure", () => {
    const four = read(7, 0, "-");
    expect(four.text).toContain("1---11---1--1-1");
    for (const m of ["review.upheld", "review.total", "litigation.direct.total", "litigation.after_review.other"])
      expect(four.fig(m), m).toMatchObject({ value: four.truth[m], certain: true });
    const two = read(42, 206, "-");
    expect(two.text).toContain("行政强制27-105");
    const delta = two.fig("art20.coercion.delta");
    if (delta) expect(delta.certain).toBe(false);
  });
});

describe("the cells of a row as tokens", () => {
  it("a run of dashes glued between numbers is one blank token that may fill several cells", () => {
    const s = "79——11384";
    const { tokens } = readCell(s, 0, s.length);
    expect(tokens.map((t) => [t.kind, t.raw, t.cells])).toEqual([
      ["num", "79", undefined],
      ["blank", "", 2],
      ["num", "11384", undefined],
    ]);
    const sums = (v: readonly (number | null)[], complete: boolean) => !complete || v.slice(0, 6).reduce<number>((a, x) => a + (x ?? 0), 0) === v[6];
    expect(readings(tokens, 7, sums).map((r) => r.values)).toEqual([[79, null, null, 1, 1, 3, 84]]);
  });

  it("无 glued after a unit, and 无无 glued between numbers, are blank cells", () => {
    const a = "数条无 4.";
    expect(readCell(a, 0, a.length).tokens[0]).toMatchObject({ kind: "blank" });
    // …and the unit in a cell of its own ("主动公开规范性文件数 条无 制发…件104" had lent the row 104)
    const u = " 条无 制发规范性文件总数件104";
    expect(readCell(u, 0, u.length).tokens[0]).toMatchObject({ kind: "blank" });
    const b = "79无无11384";
    expect(readCell(b, 0, b.length).tokens.map((t) => t.kind)).toEqual(["num", "blank", "blank", "num"]);
  });

  it("the last dash of a run is no minus sign", () => {
    const s = "2-----2";
    expect(readCell(s, 0, s.length).tokens.map((t) => t.raw)).toEqual(["2", "", "2"]);
    const t = "19034-9539";
    expect(readCell(t, 0, t.length).tokens.map((x) => x.raw)).toEqual(["19034", "-9539"]);
  });

  it("a pipe in a crawled page's footer makes no piped table of the row before it", () => {
    // "| 数据1 |": in a piped table a number sharing its cell with words is a label's. The footer's
    // pipe had made 上海 2019's last 表三 row, crawled, one such cell, and "72 72" was not read.
    const s = "72 72 四、政府信息公开行政复议、行政诉讼情况结果维持5 278 19 五、存在的主要问题 网站地图 | 联系我们";
    expect(cellTokens(s, 0, s.length, undefined, undefined, true).map((t) => t.raw)).toEqual(["72", "72"]);
    const piped = " | 数据1 | 5 |";
    expect(cellTokens(piped, 0, piped.length).map((t) => t.raw)).toEqual(["5"]);
  });

  it("a search cut short gives no reading: what it did not see could be the right one", () => {
    const s = "1234567890123456789012345";
    const { tokens } = readCell(s, 0, s.length);
    expect(readings(tokens, 15)).toEqual([]);
    expect(readings(tokens.slice(0, 1), 2).length).toBeGreaterThan(0);
  });
});

describe("a count is a whole number", () => {
  // Zero cells printed "0.00" and glued: "结转下年度继续办理0.00140.00…" had read 结转 0.0014, sure.
  // A cut may make decimals only of an amount (万元).
  it("over 80 generated pages with zeros printed 0.00, no cut makes a count a fraction", () => {
    const fractions: string[] = [];
    for (let i = 0; i < 80; i++) {
      const page = generateHtmlReport(7, i);
      const res = parseReport(crawledText(blankZeroCells(page.html, "0.00")), { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const f of res.report.figures)
        if (f.source === "table" && f.value !== null && !Number.isInteger(f.value) && !/amount|budget|fees/.test(f.metric))
          fractions.push(`${page.name} ${f.metric} = ${f.value}`);
    }
    expect(fractions).toEqual([]);
  });
});

describe("a page whose table cells are blocks, blank cells marked", () => {
  // Each cell a line: "3\n/\n16" had been taken for a page marker (page 3 of 16) and "—\n3\n—" for
  // "- 3 -", and the row lost; of 100 pages, 92.7% of the figures read with "—" or "-", one wrong and
  // sure with "/" (其他对外管理服务事项 took 行政强制's 233). PDF text prints a table this way.
  it.each(["—", "-", "/"])("%s: over 40 generated pages every table figure is read, a zero blank", async (mark) => {
    const wrong: string[] = [];
    for (let i = 0; i < 40; i++) {
      const page = generateHtmlReport(7, i);
      if (page.truth.template === "narrative") continue;
      const x = await extractText("page.html", Buffer.from(tablesAsBlocks(blankZeroCells(page.html, mark), "div")));
      if (!x.ok) throw new Error(x.error);
      const res = parseReport(x.text, { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const [metric, want] of Object.entries(page.truth.figures)) {
        const f = res.report.figures.find((g) => g.metric === metric && !g.slice && g.source === "table");
        if (!f || (f.value ?? 0) !== want) wrong.push(`${page.name} ${metric} = ${f?.value} (${want})`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

/** A deterministic stream of numbers in [0, 1) for a test's random pages. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

/** Cells that end in &nbsp; (one space once crawled), each with chance `p`. */
const nbspAfter = (html: string, p: number, rnd: () => number) =>
  html.replace(/<td([^>]*)>([^<]*)<\/td>/g, (m, a: string, c: string) => (rnd() < p ? `<td${a}>${c}&nbsp;</td>` : m));

/** The table figures read sure and wrong over generated pages `0 .. n-1` of `seed`, each page laid out by `relay`, then crawled. */
function sureAndWrong(seed: number, n: number, relay: (html: string) => string): string[] {
  const wrong: string[] = [];
  for (let i = 0; i < n; i++) {
    const page = generateHtmlReport(seed, i);
    if (page.truth.template === "narrative") continue;
    const res = parseReport(crawledText(relay(page.html)), { name: page.name });
    if (!res.ok) throw new Error(res.error);
    for (const f of res.report.figures)
      if (f.source === "table" && f.certain && !f.slice && f.value !== null && f.metric in page.truth.figures && f.value !== page.truth.figures[f.metric])
        wrong.push(`${page.name} ${f.metric} = ${f.value} (${page.truth.figures[f.metric]})`);
  }
  return wrong;
}

describe("blank cells on a page whose cells end in &nbsp; here and there, crawled", () => {
  // A Word page's cells often end in &nbsp;, which a crawl keeps as one space: "79 1 13 84" for
  // seven cells, "行政强制 490" for three. The row of four numbers apart says cells were left blank;
  // the 490 had still been cut 4 | 9 | 0, sure (10 figures over 100 pages).
  it("over 100 generated pages, no table figure wrong and sure", () => {
    const rnd = lcg(12345);
    expect(sureAndWrong(7, 100, (html) => nbspAfter(blankZeroCells(html), 0.6, rnd))).toEqual([]);
  });
});

describe("blank marks, thousands separators and &nbsp; together, crawled", () => {
  // Each page its own mark, separators or not, cells ending in &nbsp; at its own rate. Two sure
  // figures had still been wrong: a unit in its own cell before 无 ("条无") lent its row the next
  // row's value, and "—8—" / "— 4 —" between a crawled row's cells were taken for page numbers.
  it("over 200 generated pages, no table figure wrong and sure", () => {
    const rnd = lcg(4);
    const relay = (page: string) => {
      const mark = ["", "—", "-", "/", "无", "0"][Math.floor(rnd() * 6)]!;
      let html = mark === "0" ? page : blankZeroCells(page, mark);
      if (rnd() < 0.5)
        html = html.replace(
          /<td([^>]*)>(\d{4,})(\.\d+)?<\/td>/g,
          (_m, a: string, d: string, f?: string) => `<td${a}>${d.replace(/\B(?=(\d{3})+$)/g, ",")}${f ?? ""}</td>`,
        );
      return nbspAfter(html, rnd() * 0.7, rnd);
    };
    expect(sureAndWrong(11, 200, relay)).toEqual([]);
  });
});

/**
 * The page copied into a text file (a browser's or a sheet's copy): cells apart by tabs, an empty
 * cell still one tab. The tabs say where the blank cells are: 上海 2019's 表三 (its blanks &nbsp;)
 * reads as its saved page does. Tabs had been white space like any other, a run of them one
 * separator: 27 of its 198 figures were read, the empty cells gone.
 */
describe("a page copied with its cells apart by tabs", () => {
  const html = readFileSync(join(FIXTURES, "shanghai-2019-html/input.html"), "utf8");
  const said = (r: Report) =>
    r.figures
      .filter((f) => f.source === "table")
      .map((f) => `${f.metric}/${f.slice ?? ""} = ${f.value}`)
      .sort();
  it.each([
    ["tabs between the cells", false],
    ["a tab after every cell", true],
  ])("%s: the figures of the saved page", async (_, after) => {
    const page = await extractText("input.html", new TextEncoder().encode(html));
    if (!page.ok) throw new Error(page.error);
    const saved = parseReport(page.text);
    const copied = parseReport(copiedText(html, after));
    if (!saved.ok || !copied.ok) throw new Error("not read");
    expect(said(saved.report).length).toBeGreaterThan(190);
    expect(said(copied.report)).toEqual(said(saved.report));
  });
});

/**
 * Generated pages whose zero cells are blank, copied with tabs: a row of one cell left empty
 * ("行政许可\t", then 行政处罚\t, 行政强制\t5) is a blank cell, not the next row's number (行政许可 had
 * been read 5, sure, when only rows of two tabs or more counted as tab-separated).
 */
describe("generated pages with blank cells, copied with tabs", () => {
  it.each([
    [5, 0],
    [5, 108],
    [9, 54],
    [9, 121],
    [13, 6],
  ])("report %i/%i: every certain table figure is the true one, either way the tabs are placed", (seed, index) => {
    const page = generateHtmlReport(seed, index);
    for (const after of [false, true]) {
      const res = parseReport(copiedText(blankZeroCells(page.html), after));
      if (!res.ok) throw new Error(res.error);
      const sure = sureTableFigures(res.report);
      for (const f of sure) expect(f.value, `${f.metric} (tab after each cell: ${after})`).toBe(page.truth.figures[f.metric]);
      expect(sure.length).toBeGreaterThan(2);
    }
  });
});
