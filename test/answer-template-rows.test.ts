// Every row and column of the templates, asked by its own name. Reports generated in every template
// and saved as crawled pages (src/bench: their truth is known) are ingested; each figure the parser
// read right and sure is then asked for the way the reply labels it ("…其他处理（其他）是多少") and
// the way a user words it ("…其他处理中的其他有多少件"). Each must be answered with that figure. Four
// rows had not been: 主动公开规范性文件数 answered 制发规范性文件总数, 申请人逾期未按收费通知要求缴纳费用
// and 行政事业性收费本年增/减 were taken for money asked (no figure), 其他处理（其他） gave 其他处理.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { crawledText } from "../src/bench/crawl.js";
import { generateHtmlReport } from "../src/bench/generate.js";
import type { Answer } from "../src/domain.js";
import { metricDef } from "../src/parse/metrics.js";
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
  const said = def.label.replace(/·/g, "").replace(/（([^）]*)）/g, "中的$1");
  return [`${org}${year}年${def.label}是多少`, `${org}${year}年${said.replace(/(?:数量|数)$/, "")}有多少${def.unit}`];
}

const asked: Asked[] = [];
let answers: Answer[] = [];

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
  }
  const res = ingestDirs([dir]);
  if (res.status !== 0) throw new Error(res.stderr);
  answers = askJsonl(
    res.db,
    asked.map((a) => a.question),
  );
}, 180_000);

describe("every template row and column asked by its own name", () => {
  it("asks all three templates' rows", () => {
    const metrics = new Set(asked.map((a) => a.metric));
    for (const m of ["proactive.normative_docs", "requests.result.other.fee_unpaid", "requests.result.other.misc", "art20.fees.delta", "review.corrected"])
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
