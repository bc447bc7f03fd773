// A figure read from a glued run by a guess is marked in every list it stands in: a comparison, a
// trend and a ranking said it plainly, and the difference of two figures as if sure. A generated
// 2019-template page crawled with its cells glued: its 行政处罚 row has no identity to cut by.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { crawledText } from "../../src/bench/crawl.js";
import { generateHtmlReport } from "../../src/bench/generate.js";
import type { Report } from "../../src/domain.js";
import { parseReport } from "../../src/parse/report.js";
import { depsOf } from "../helpers/deps.js";

const page = generateHtmlReport(2024, 31);
const parse = (text: string): Report => {
  const res = parseReport(text, { name: page.name });
  if (!res.ok) throw new Error(res.error);
  return res.report;
};
const first = parse(crawledText(page.html));
const year = first.year!;
// The same body a year on, its figures the same: a second report to compare with.
const next = parse(crawledText(page.html).replaceAll(`${year}`, `${year + 1}`));
const deps = depsOf([first, next]);
const penalty = first.figures.find((f) => f.metric === "art20.penalty.decisions" && !f.slice)!;

describe("a guessed reading in a series", () => {
  it("the fixture's 行政处罚 is a guess", () => expect(penalty.certain).toBe(false));

  it("compared: each line and the difference say so", () => {
    const a = answer(`${first.org}${year}年和${year + 1}年行政处罚对比`, deps);
    expect(a.kind).toBe("compare");
    expect(a.text.split("\n").filter((l) => l.includes("行政处罚") && l.includes("（读法不确定）"))).toHaveLength(2);
    expect(a.text).toContain("相同（其中有读法不确定的数字，仅供参考）");
  });

  it("ranked: the line says so", () => {
    const a = answer(`${year}年哪个地区行政处罚最多`, deps);
    expect(a.text).toContain(`${penalty.value}件（读法不确定）`);
  });

  it("in the report's card: the line says so", () => {
    const a = answer(`${first.org}${year}年度报告`, deps);
    expect(a.text).toContain(`· 行政处罚·处理决定数量：${penalty.value}件（读法不确定）`);
  });

  it("added to another figure: the sum says so", () => {
    const a = answer(`${first.org}${year}年行政处罚和行政强制一共多少`, deps);
    expect(a.text.split("\n")[0]).toContain("合计：");
    expect(a.text.split("\n")[0]).toContain("（其中有读法不确定的数字，仅供参考）");
  });
});
