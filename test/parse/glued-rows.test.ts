// A table row whose cells ran together (a page flattened with its line breaks removed: 行政处罚 2 | 0 |
// 2071 printed as 行政处罚202071) has several readings. What may decide one: the identities, and a
// quantity the prose states. What may not: a year or a hotline number of the prose, or readings
// that agree only because the solver cut the true one away. A cell decided by neither is given as
// uncertain or not at all, never as sure.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crawledText, tablesAsBlocks } from "../../src/bench/crawl.js";
import { generateHtmlReport, generateReport } from "../../src/bench/generate.js";
import type { Report } from "../../src/domain.js";
import { readCell } from "../../src/parse/cell-text.js";
import { readings } from "../../src/parse/cuts.js";
import { parseReport } from "../../src/parse/report.js";
import { FORCED_NOTE, numbersOutside } from "../../src/parse/table-read.js";
import { FIXTURES, PINGTAN } from "../helpers/reports.js";

describe("the prose's numbers that break a tie between readings", () => {
  it("are quantities the prose states, not its years, dates, document numbers or hotline", () => {
    const text = "2020年，我县收到政府信息公开申请2071件，答复 35 件，办理 1,204 人次。县府办〔2019〕12号，12345热线，2021年3月5日。";
    const numbers = numbersOutside(text, []);
    expect([...numbers].sort()).toEqual(["204", "2071", "35"]);
    // Outside the table's own span only.
    expect(numbersOutside(text, [{ start: text.indexOf("2071"), end: text.indexOf("2071") + 5 }]).has("2071")).toBe(false);
  });
});

describe("a glued row is never read wrong and sure", () => {
  // Two generated 2019-template reports flattened to one line whose 第二十条 rows read wrong and
  // sure before: 行政处罚 202071 as 2020 | 7 | 1 (2020 is the report's year, in its prose), and
  // 行政许可 21199151's 本年增/减 as 1 (every reading left after the cut said 1; 211 | 99 | 151 was cut).
  for (const [seed, index] of [
    [7, 589],
    [1234, 401],
  ] as const) {
    it(`generated report ${seed}/${index}, line breaks removed: every certain table figure is the true one`, () => {
      const syn = generateReport(seed, index);
      const res = parseReport(syn.text.replace(/\r?\n/g, ""), { name: syn.name });
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const checked: string[] = [];
      for (const [metric, want] of Object.entries(syn.truth.figures)) {
        const fig = res.report.figures.find((f) => f.metric === metric && !f.slice && f.source === "table");
        if (!fig?.certain) continue;
        checked.push(metric);
        expect(fig.value, `${metric}: ${fig.note ?? ""}`).toBe(want);
      }
      // The rows that were wrong are still read, as uncertain or certain and right.
      expect(checked.length).toBeGreaterThan(20);
      const row = seed === 7 ? "art20.penalty" : "art20.licensing";
      const figures = res.report.figures.filter((f) => f.metric.startsWith(row));
      for (const f of figures) if (f.certain) expect(f.value).toBe(syn.truth.figures[f.metric]);
    });
  }
});

describe("the note of a guessed 第二十条 row says what decided it", () => {
  // A 2019-template page crawled with its cells glued: 行政处罚 8793482276 has no identity to cut
  // by; the reading with the smallest 本年增/减 is taken, uncertain. Its note had said the digits'
  // even spread decided, which is the default of other rows, not this one's.
  it("本年增/减 smallest, and the procurement's 1000 元 an item", () => {
    const page = generateHtmlReport(2024, 31);
    const res = parseReport(crawledText(page.html), { name: page.name });
    if (!res.ok) throw new Error(res.error);
    const fig = (m: string) => res.report.figures.find((f) => f.metric === m && !f.slice)!;
    expect(fig("art20.penalty.decisions").certain).toBe(false);
    expect(fig("art20.penalty.decisions").note).toContain("按本年增/减最小的读法");
    expect(fig("art20.procurement.amount").note).toContain("按每个采购项目不少于1000元");
  });

  // Generated 7/0, crawled: "规范性文件3236" (3 | 2 | 36) had two readings left, 3 | 2 | 36 and 32 | 3 | 6,
  // and neither was read; "行政处罚1114526111208" had read 11145261112 | 0 | 8, a catalogue of eleven
  // billion items, for the 0 it holds.
  it("对外公开总数量 not below this year's, and no catalogue or year's decisions past belief", () => {
    const page = generateHtmlReport(7, 0);
    const text = crawledText(page.html);
    expect(text).toContain("规范性文件3236");
    expect(text).toContain("行政处罚1114526111208");
    const res = parseReport(text, { name: page.name });
    if (!res.ok) throw new Error(res.error);
    const fig = (m: string) => res.report.figures.find((f) => f.metric === m && !f.slice)!;
    expect(["new_made", "new_published", "total_published"].map((c) => fig(`art20.normative_docs.${c}`).value)).toEqual([3, 2, 36]);
    expect(fig("art20.normative_docs.total_published").certain).toBe(false);
    expect(fig("art20.normative_docs.total_published").note).toContain("按对外公开总数量不少于本年新制作和新公开的读法");
    expect(fig("art20.penalty.prev_items").value).toBeLessThanOrEqual(99_999);
    expect(fig("art20.penalty.decisions").value).toBeLessThanOrEqual(99_999_999);
    expect(fig("art20.penalty.decisions").certain).toBe(false);
  });
});

describe("a cell printed apart in a 第二十条 row whose other cells ran together", () => {
  // "行政许可1256 +342981": 1256 is printed apart, the rest is one run (+34 | 2981, +3 | 42981 …). The
  // 1256 is sure; its note had quoted the whole row as decided by the identities, guesses and all.
  it("is sure, its note quoting no guessed cell; the cells cut from the run say they are guesses", () => {
    const page = generateHtmlReport(7, 0);
    const text = crawledText(page.html).replace(/行政许可\d+/, "行政许可1256 +342981");
    expect(text).toContain("行政许可1256 +342981");
    const res = parseReport(text, { name: page.name });
    if (!res.ok) throw new Error(res.error);
    const fig = (m: string) => res.report.figures.find((f) => f.metric === m && !f.slice)!;
    expect(fig("art20.licensing.prev_items")).toMatchObject({ value: 1256, certain: true });
    expect(fig("art20.licensing.prev_items").note).toBe("按勾稽关系确定（同一行其他格的读法不唯一）");
    expect(fig("art20.licensing.decisions").certain).toBe(false);
  });
});

describe("a row that contradicts itself, its digits one to a cell", () => {
  // 平潭 2024 as crawled (one line, cells glued), its 表四 run replaced by one whose 行政复议 总计 (1)
  // is not the sum of its parts (0 + 0 + 0 + 0): fifteen digits for fifteen cells leave one cut. It
  // had read nothing of 表四 ("无法按勾稽关系唯一拆分"); printed apart, the row is read and flagged.
  const raw = readFileSync(join(PINGTAN, "11_pingtan_2024.txt"), "utf8");
  const RUN = "总计21317000001324019";
  const contradicting = raw.replace(RUN, "总计000010100110001");
  const figure = (r: Report, metric: string) => r.figures.find((f) => f.metric === metric && !f.slice && f.source === "table");

  it("the fixture prints the run this test replaces", () => expect(raw).toContain(RUN));

  it("is read as printed, sure, and the contradiction is said", () => {
    const res = parseReport(contradicting);
    if (!res.ok) throw new Error(res.error);
    const r = res.report;
    const got = [
      "review.upheld",
      "review.corrected",
      "review.other",
      "review.pending",
      "review.total",
      "litigation.direct.corrected",
      "litigation.after_review.total",
    ].map((m) => figure(r, m)?.value);
    expect(got).toEqual([0, 0, 0, 0, 1, 1, 1]);
    expect(figure(r, "review.total")?.certain).toBe(true);
    expect(figure(r, "review.total")?.note).toContain(FORCED_NOTE);
    expect(r.warnings.some((w) => w.code === "SUM_MISMATCH" && w.metrics.includes("review.total"))).toBe(true);
  });

  it("is not read where the page leaves cells blank (the digits may hold a blank and a two-digit number)", () => {
    // 上年结转's seven zeros left blank: the row stands empty before 予以公开's glued digits.
    const blanks = contradicting.replace("上年结转政府信息公开申请数量0000000", "上年结转政府信息公开申请数量");
    expect(blanks).not.toBe(contradicting);
    const res = parseReport(blanks);
    if (!res.ok) throw new Error(res.error);
    expect(res.report.figures.filter((f) => /^(review|litigation)\./.test(f.metric))).toEqual([]);
    expect(res.report.warnings.some((w) => w.code === "TABLE_SHAPE" && w.metrics.includes("review.total"))).toBe(true);
  });
});

describe("numbers printed apart are cells apart", () => {
  // 上海 2019's saved page with its tables as <div>s and <span>s: the cells it leaves blank are gone
  // without a trace ("（一）予以公开 258 12 1 1" for seven cells). Seven digits for seven cells had
  // been cut one to a cell (2 | 5 | 8 | 1 | 2 | 1 | 1), sure; only a row printed as one run is.
  it("no figure of the page without its blank cells is read wrong and sure", async () => {
    const { extractText } = await import("../../src/extract.js");
    const html = readFileSync(join(FIXTURES, "shanghai-2019-html/input.html"), "utf8");
    const divs = tablesAsBlocks(html, "span");
    const read = async (page: string) => {
      const x = await extractText("input.html", Buffer.from(page));
      if (!x.ok) throw new Error(x.error);
      const res = parseReport(x.text);
      if (!res.ok) throw new Error(res.error);
      return res.report.figures.filter((f) => f.source === "table");
    };
    const truth = new Map((await read(html)).map((f) => [`${f.metric}/${f.slice ?? ""}`, f.value]));
    const wrong = (await read(divs)).filter((f) => f.certain && truth.get(`${f.metric}/${f.slice ?? ""}`) !== f.value);
    expect(wrong.map((f) => `${f.metric}/${f.slice ?? ""} = ${f.value}`)).toEqual([]);
  });
});

/**
 * 本年增/减 printed in words: "增加3", "减少2", "无变化". "减少2" had read +2, sure (9 figures of 120
 * generated 2019 pages said the opposite of the page); "无变化" read nothing.
 */
describe("本年增/减 in words", () => {
  const worded = (html: string, zero: string) =>
    html.replace(
      /(<tr>\s*<td[^>]*>(?:行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费)<\/td>\s*<td[^>]*>[^<]*<\/td>\s*<td[^>]*>)([+-]?\d+)(<\/td>)/g,
      (_m, a: string, d: string, b: string) => a + (Number(d) > 0 ? `增加${Number(d)}` : Number(d) < 0 ? `减少${-Number(d)}` : zero) + b,
    );
  it.each(["0", "无变化", "持平"])("zero as %s: every 第二十条 figure of 120 generated pages is read as the page says", async (zero) => {
    const { extractText } = await import("../../src/extract.js");
    const wrong: string[] = [];
    let deltas = 0;
    for (let i = 0; i < 120; i++) {
      const page = generateHtmlReport(7, i);
      if (page.truth.template !== "gbf2019") continue;
      const x = await extractText("page.html", Buffer.from(worded(page.html, zero)));
      if (!x.ok) throw new Error(x.error);
      const res = parseReport(x.text, { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const [metric, want] of Object.entries(page.truth.figures)) {
        if (!metric.startsWith("art20.")) continue;
        if (metric.endsWith(".delta") && want < 0) deltas++;
        const f = res.report.figures.find((g) => g.metric === metric && !g.slice && g.source === "table");
        if (f?.value !== want) wrong.push(`${page.name} ${metric} = ${f?.value} (${want})`);
      }
    }
    expect(deltas).toBeGreaterThan(5);
    expect(wrong).toEqual([]);
  });

  it("减少 before a number is its minus sign; 无变化 is 0", () => {
    const s = "行政许可 | 19034 | 减少9539 | 9495 | 行政强制 | 205 | 无变化 | 257";
    const { tokens } = readCell(s, 0, s.length);
    expect(tokens.map((t) => t.raw)).toEqual(["19034", "-9539", "9495", "205", "0", "257"]);
  });
});

describe("政府集中采购 (2019's 第二十条第（九）项) glued", () => {
  // 上海 2019's own page, crawled: "政府集中采购6251000元" is 6 | 251000元. The most even cut, 625 |
  // 1000元, costs 1.6 元 an item: a procurement costs a thousand 元 at least. Still a guess, not sure.
  it("is read with an amount a procurement can cost, not sure", () => {
    const text =
      "上海市人民政府办公厅2019年政府信息公开工作年度报告 二、主动公开政府信息情况 第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购6251000元 三、收到和处理政府信息公开申请情况";
    const res = parseReport(text);
    if (!res.ok) throw new Error(res.error);
    const fig = (m: string) => res.report.figures.find((f) => f.metric === m && f.source === "table");
    expect(fig("art20.procurement.items")).toMatchObject({ value: 6, certain: false });
    expect(fig("art20.procurement.amount")).toMatchObject({ value: 251000, unit: "元", certain: false });
  });
});

/**
 * Thousands separators in cells a crawl ran together: "行政处罚1,114526111,208" is 1,114 | 526 |
 * 111,208. The comma had ended the first number (1, sure) and the rest was cut at will; "1,114"
 * alone had been cut 1 | 1 | 14. A number's groups are kept whole now, and no cut is sure that the
 * commas do not decide.
 */
describe("thousands separators in glued cells", () => {
  it("a run cut keeps each number's groups whole, and a number printed with them is one number", () => {
    const run = (s: string) => readCell(s, 0, s.length).tokens;
    expect(run("1,114526111,208").map((t) => t.raw)).toEqual(["1,114526111,208"]);
    expect(readings(run("1,114526111,208"), 3).map((r) => r.values)).toContainEqual([1114, 526, 111208]);
    for (const r of readings(run("1,114526111,208"), 3)) expect(r.values[0]).toBe(1114);
    expect(readings(run("1,114"), 3)).toEqual([]);
    expect(readings(run("1,114"), 1).map((r) => r.values)).toEqual([[1114]]);
  });

  it("over 100 generated pages with thousands separators, crawled: no table figure wrong and sure", () => {
    const wrong: string[] = [];
    for (let i = 0; i < 100; i++) {
      const page = generateHtmlReport(7, i);
      if (page.truth.template === "narrative") continue;
      const html = page.html.replace(
        /<td([^>]*)>(\d{4,})(\.\d+)?<\/td>/g,
        (_m, a: string, d: string, f?: string) => `<td${a}>${d.replace(/\B(?=(\d{3})+$)/g, ",")}${f ?? ""}</td>`,
      );
      const res = parseReport(crawledText(html), { name: page.name });
      if (!res.ok) throw new Error(res.error);
      for (const f of res.report.figures)
        if (f.source === "table" && f.certain && !f.slice && f.metric in page.truth.figures && f.value !== page.truth.figures[f.metric])
          wrong.push(`${page.name} ${f.metric} = ${f.value} (${page.truth.figures[f.metric]})`);
    }
    expect(wrong).toEqual([]);
  });
});

describe("a row worded unlike the form, found by its numbering", () => {
  it("is read in its place, not sure, saying so (淮安 2024, printed labels-first)", () => {
    const raw = readFileSync(join(FIXTURES, "extra/09_huaian_shi_2024.txt"), "utf8");
    expect(raw).toContain("2.重复申请");
    const res = parseReport(raw.replace("2.重复申请", "2.反复提出同一申请"));
    if (!res.ok) throw new Error(res.error);
    const base = parseReport(raw);
    if (!base.ok) throw new Error(base.error);
    const row = (r: Report, m: string) => r.figures.filter((f) => f.metric === m && f.source === "table");
    const dup = row(res.report, "requests.result.not_processed.duplicate");
    expect(dup.map((f) => f.value)).toEqual(row(base.report, "requests.result.not_processed.duplicate").map((f) => f.value));
    expect(dup.every((f) => !f.certain && f.note?.includes("按编号读为"))).toBe(true);
    // …and the row after it keeps its own values (it had taken these, sure).
    expect(row(res.report, "requests.result.not_processed.publication").map((f) => f.value)).toEqual(
      row(base.report, "requests.result.not_processed.publication").map((f) => f.value),
    );
  });
});
