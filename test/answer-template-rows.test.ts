// Every row and column of the templates, asked by its own name. Reports generated in every template
// and saved as crawled pages (src/bench: their truth is known) are ingested; each figure the parser
// read right and sure is then asked for the way the reply labels it ("…其他处理（其他）是多少") and
// the way a user words it ("…其他处理中的其他有多少件"), and 表三's applicant columns after their row.
// Each must be answered with that figure. Five had not been: 主动公开规范性文件数 answered 制发规范性
// 文件总数, 申请人逾期未按收费通知要求缴纳费用 and 行政事业性收费本年增/减 were taken for money asked (no
// figure), 其他处理（其他） gave 其他处理, 其他处理中其他申请人 the 2021 row 其他处理（其他）.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { crawledText } from "../src/bench/crawl.js";
import { generateHtmlReport, generateReport } from "../src/bench/generate.js";
import type { Answer } from "../src/domain.js";
import { APPLICANT_SLICES, metricDef } from "../src/parse/metrics.js";
import { parseReport } from "../src/parse/report.js";
import { askJsonl, ingestDirs } from "./helpers/gold.js";

const SEED = 11;
const REPORTS = 60;

interface Asked {
  question: string;
  metric: string;
  want: number;
}

/** The row as the reply labels it, and as a user words it with its unit. */
function wordings(org: string, year: number, metric: string): string[] {
  const def = metricDef(metric)!;
  return [`${org}${year}年${def.label}是多少`, `${org}${year}年${said(metric).replace(/(?:数量|数)$/, "")}有多少${def.unit}`];
}

/** A row's label as a user says it: 其他处理（其他） is 其他处理中的其他. */
function said(metric: string): string {
  return metricDef(metric)!
    .label.replace(/·/g, "")
    .replace(/（([^）]*)）/g, "中的$1");
}

const asked: Asked[] = [];
let answers: Answer[] = [];

/** A 2014 统计表 whose 行政诉讼 cell is blank, its prose saying there was none (generated, seed 11 #168). */
const BLANK = generateReport(SEED, 168);
const BLANK_ASKED = "沈阳市人民政府2014年行政诉讼是多少";
let blankAnswer: Answer;

beforeAll(() => {
  const dir = join(mkdtempSync(join(tmpdir(), "nianbao-rows-")), "reports");
  mkdirSync(dir);
  const pages = Array.from({ length: REPORTS }, (_, i) => generateHtmlReport(SEED, i));
  // A body generated twice for one year is one report revised: its questions have two answers.
  const bodies = new Map<string, number>();
  for (const p of pages) bodies.set(p.truth.org, (bodies.get(p.truth.org) ?? 0) + 1);
  for (const p of pages) {
    if (p.truth.template === "narrative" || bodies.get(p.truth.org) !== 1) continue;
    const text = crawledText(p.html);
    writeFileSync(join(dir, p.name.replace(/\.html$/, ".txt")), text);
    const read = parseReport(text);
    if (!read.ok) continue;
    for (const [metric, want] of Object.entries(p.truth.figures)) {
      const f = read.report.figures.find((x) => x.metric === metric && !x.slice && x.source === "table");
      // What the parser could not read (glued cells with two readings) is the parser's tests' concern.
      if (f?.value !== want || f.certain === false || !metricDef(metric)) continue;
      for (const question of wordings(p.truth.org, p.truth.year, metric)) asked.push({ question, metric, want });
    }
    // 表三's applicant columns, asked after the row (其他处理中其他申请人: that 其他 is the column's).
    for (const [slice, figures] of Object.entries(p.truth.slices ?? {}))
      for (const [metric, want] of Object.entries(figures)) {
        const f = read.report.figures.find((x) => x.metric === metric && x.slice === slice && x.source === "table");
        if (f?.value !== want || f.certain === false || !metricDef(metric)) continue;
        const column = slice === "other_org" ? "其他申请人" : APPLICANT_SLICES.find((a) => a.key === slice)!.label;
        asked.push({
          question: `${p.truth.org}${p.truth.year}年${said(metric).replace(/(?:数量|数)$/, "")}中${column}有多少件`,
          metric: `${metric}/${slice}`,
          want,
        });
      }
  }
  writeFileSync(join(dir, BLANK.name), BLANK.text);
  const res = ingestDirs([dir]);
  if (res.status !== 0) throw new Error(res.stderr);
  [blankAnswer] = askJsonl(res.db, [BLANK_ASKED]);
  answers = askJsonl(
    res.db,
    asked.map((a) => a.question),
  );
}, 180_000);

describe("every template row and column asked by its own name", () => {
  it("asks all three templates' rows", () => {
    const metrics = new Set(asked.map((a) => a.metric));
    for (const m of [
      "proactive.normative_docs",
      "requests.result.other.fee_unpaid",
      "requests.result.other.misc",
      "art20.fees.delta",
      "review.corrected",
      "requests.result.other/other_org",
    ])
      expect(metrics).toContain(m);
    expect(asked.length).toBeGreaterThan(2000);
  });

  it("answers each with its figure", () => {
    const wrong = asked.flatMap((a, i) => {
      const got = answers[i]?.answers[0];
      return Number(got?.value) === a.want ? [] : [`${a.question} → ${got ? `${got.value} (${got.metric})` : "no figure"}, want ${a.want}`];
    });
    expect(wrong).toEqual([]);
  });
});

describe("a table cell left blank where the prose states the figure", () => {
  it("is the report meant", () => {
    expect(BLANK.text).toMatch(/五、行政诉讼数量 \| 件 \| \|/);
    expect(BLANK.text).toContain("未发生因政府信息公开引起的行政诉讼");
  });

  it("answers the prose's figure and says the cell is blank", () => {
    // It had been "表中该栏空白（未填写，不等于0），报告没有给出这个数字".
    expect(blankAnswer.answers[0]).toMatchObject({ value: 0 });
    expect(blankAnswer.text).toContain("表中该栏空白，以上为正文所述");
    expect(blankAnswer.text).toContain("未发生因政府信息公开引起的行政诉讼");
  });
});
