// 表三 with the five organisations printed as one column: 自然人 | 法人或其他组织 | 总计, as some bodies
// print it. Its rows had been read as a table of totals only: each row's three cells glued on a
// crawled page made one number ("9211" for 9 | 2 | 11), sure. Made from generated 2019 and 2021
// pages (each row's five organisation cells added into one, their header cells dropped), read as
// pages and as crawled.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { crawledText } from "../../src/bench/crawl.js";
import { generateHtmlReport } from "../../src/bench/generate.js";
import type { Report } from "../../src/domain.js";
import { extractText } from "../../src/extract.js";
import { parseReport } from "../../src/parse/report.js";
import { MERGED_ORGS } from "../../src/parse/template.js";
import { depsOf } from "../helpers/deps.js";

/** The page with 表三's organisations as one column. */
function merged(html: string): string {
  return html
    .replace(/<td colspan="7">申请人情况<\/td>/, '<td colspan="3">申请人情况</td>')
    .replace(
      /<tr><td rowspan="2">自然人<\/td><td colspan="5">法人或其他组织<\/td><td rowspan="2">总计<\/td><\/tr>\s*<tr>(?:<td>[^<]*<\/td>){5}<\/tr>/,
      "<tr><td>自然人</td><td>法人或其他组织</td><td>总计</td></tr>",
    )
    .replace(/((?:<td>\d+<\/td>))((?:<td>\d+<\/td>){5})(<td>\d+<\/td>)(?=<\/tr>)/g, (_, first: string, five: string, total: string) => {
      const sum = [...five.matchAll(/\d+/g)].reduce((a, m) => a + Number(m[0]), 0);
      return `${first}<td>${sum}</td>${total}`;
    });
}

const ORGS = ["commercial", "research", "public_interest", "legal_service", "other_org"];
const asPage = async (name: string, html: string): Promise<Report> => {
  const page = await extractText(name, Buffer.from(html));
  if (!page.ok) throw new Error(page.error);
  const res = parseReport(page.text, { name });
  if (!res.ok) throw new Error(res.error);
  return res.report;
};
const cell = (r: Report, metric: string, slice?: string) => r.figures.find((f) => f.metric === metric && f.slice === slice && f.source === "table");

const PAGES = Array.from({ length: 40 }, (_, i) => generateHtmlReport(7, i)).filter((p) => p.truth.template.startsWith("gbf"));

describe("表三 of three columns: 自然人 | 法人或其他组织 | 总计", () => {
  it("the pages are made as meant", () => {
    expect(PAGES.length).toBeGreaterThan(10);
    for (const p of PAGES) expect(crawledText(merged(p.html))).toMatch(/申请人情况\s*自然人法人或其他组织总计\s*一、本年新收政府信息公开申请数量\d+\s*二、/);
  });

  it("as pages: every cell the seven-column page's, its organisations added, sure", async () => {
    let n = 0;
    for (const p of PAGES) {
      const seven = await asPage(p.name, p.html);
      const three = await asPage(p.name, merged(p.html));
      for (const f of seven.figures.filter((x) => x.source === "table" && x.metric.startsWith("requests.") && !x.slice)) {
        const orgs = ORGS.reduce((a, s) => a + (cell(seven, f.metric, s)!.value ?? 0), 0);
        expect(cell(three, f.metric), f.metric).toMatchObject({ value: f.value, certain: true });
        expect(cell(three, f.metric, "natural_person"), f.metric).toMatchObject({ value: cell(seven, f.metric, "natural_person")!.value, certain: true });
        expect(cell(three, f.metric, MERGED_ORGS), f.metric).toMatchObject({ value: orgs, certain: true });
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
  });

  it("crawled, its cells glued: no figure of 表三 wrong and sure, most read", () => {
    let want = 0;
    let read = 0;
    for (const p of PAGES) {
      const res = parseReport(crawledText(merged(p.html)), { name: p.name });
      if (!res.ok) throw new Error(res.error);
      for (const [metric, value] of Object.entries(p.truth.figures)) {
        if (!metric.startsWith("requests.")) continue;
        want++;
        const f = cell(res.report, metric);
        if (f?.certain) expect(f.value, `${p.name} ${metric}: ${f.note ?? ""}`).toBe(value);
        if (f?.value === value) read++;
      }
    }
    expect(want).toBeGreaterThan(200);
    expect(read / want).toBeGreaterThanOrEqual(0.9);
  });
});

describe("asked of a 表三 of three columns", () => {
  it("哪类申请人最多: its two columns, the larger named", async () => {
    const p = PAGES[0]!;
    const r = await asPage(p.name, merged(p.html));
    const a = answer(`${r.org}${r.year}年收到的申请中哪类申请人最多`, depsOf([r]));
    const natural = cell(r, "requests.received", "natural_person")!.value!;
    const orgs = cell(r, "requests.received", MERGED_ORGS)!.value!;
    expect(a.text).toContain(`按申请人：自然人 ${natural}件，法人或其他组织 ${orgs}件`);
    expect(a.text).toContain(`最多的是：${natural >= orgs ? "自然人" : "法人或其他组织"}`);
  });
});
