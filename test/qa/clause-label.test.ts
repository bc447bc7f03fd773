// Prose figures asked of 平潭 2021's own text with sentences written into it:
// - the words that name a figure in the reply: the clause before the number, its leading joiner
//   (其中, 和, 以及…) left out, but not the 及 of 及时 ("及时发布疫情防控信息1260条" had been labelled
//   "时发布疫情防控信息");
// - a sum of money named by what it sums (交易总额), asked as 总额 or 金额: it had been the count of
//   the clause before (1862条);
// - a label of few words with nothing after the number: "粉丝量达18.6万人" is 粉丝量 (it had been
//   "粉丝量…");
// - a yes or no asked of a prose number, said first (the question had found no number: its 30亿元
//   and 是不是 were taken for words to find);
// - one clause of a sentence against another (below).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import type { Section } from "../../src/domain.js";
import { segment } from "../../src/index/segment.js";
import { extractNarrative } from "../../src/parse/narrative.js";
import { buildProse } from "../../src/parse/prose.js";
import { parseReport } from "../../src/parse/report.js";
import { prepareText } from "../../src/parse/text.js";
import { bestQuantity, clauseOverFigure, proseQuery } from "../../src/qa/prose-answer.js";
import { readProse } from "../../src/qa/prose-index.js";
import { depsOf } from "../helpers/deps.js";
import { PINGTAN } from "../helpers/reports.js";

const raw = readFileSync(join(PINGTAN, "10_pingtan_2021.txt"), "utf8");
const SENTENCE = "本年度全区共收到70件申请，";
const parsed = parseReport(
  raw.replace(
    SENTENCE,
    `${SENTENCE}及时发布疫情防控信息1260条，公开公共资源交易信息1862条，交易总额达38.6亿元，“平潭发布”微信公众号推送信息2130条，粉丝量达18.6万人；发放宣传资料3000余份，更新政务公开栏56期，`,
  ),
  {
    name: "10_pingtan_2021.txt",
  },
);
if (!parsed.ok) throw new Error(parsed.error);

describe("a prose figure's label", () => {
  it("the fixture holds the sentence written into it", () => expect(raw).toContain(SENTENCE));

  it("keeps 及时's 及", () => {
    const a = answer("平潭综合实验区2021年发布疫情防控信息多少条", depsOf([parsed.report], { segment }));
    expect(a.answers[0]).toMatchObject({ value: 1260, label: "及时发布疫情防控信息" });
  });

  it("a label of few words, nothing after the number: no ellipsis", () => {
    const a = answer("平潭综合实验区2021年公众号粉丝多少万", depsOf([parsed.report], { segment }));
    expect(a.answers[0]).toMatchObject({ value: 186000, label: "粉丝量" });
  });

  it.each([
    ["平潭综合实验区2021年公共资源交易总额是不是超过30亿元", "是的，超过 30亿：报告为 38.6亿元。"],
    ["平潭综合实验区2021年公共资源交易额有没有超过50亿元", "没有超过 50亿：报告为 38.6亿元。"],
    ["平潭综合实验区2021年发放宣传资料是不是3000份", "是的，报告为 “3000余份”（约数）。"],
    ["平潭综合实验区2021年政务公开栏更新了56期吗", "是的，报告为 56期。"],
    ["平潭综合实验区2021年政务公开栏更新了50期吗", "不是 50：报告为 56期。"],
  ])("%s: the yes or no first", (q, first) => {
    expect(answer(q, depsOf([parsed.report], { segment })).text.split("\n")[0]).toBe(first);
  });

  it.each(["平潭综合实验区2021年公共资源交易总额是多少", "平潭综合实验区2021年公共资源交易金额"])("%s: the amount, not the count", (q) => {
    const a = answer(q, depsOf([parsed.report], { segment }));
    expect(a.answers[0]).toMatchObject({ value: 38.6, unit: "亿元" });
  });
});

// One clause of a sentence against another: "其中通过门户网站公开1987条，通过…微信公众号发布信息1245条"
// asked 网站发布 is the website's figure, which the prose states. The 公众号's clause holds 发布, the
// rarer word of this report, and its sentence holds 网站: it had answered over the figure.
describe("a prose figure against another clause of its sentence", () => {
  const SENTENCE = "2020年，我厅全年主动公开政府信息2316条，其中通过门户网站公开1987条，通过“湖南交通”微信公众号发布信息1245条。";
  const section = (text: string): Section => ({ title: "一、总体情况", line: 1, endLine: 1, text, paraLines: [1] });
  const website = extractNarrative(buildProse(prepareText(SENTENCE), [])).find((f) => f.metric === "proactive.channel.website")!;
  const pq = proseQuery(readProse([section(SENTENCE)]), "网站发布多少条", "湖南省交通运输厅2020年网站发布多少条", segment);

  it("the sentence gives the website's figure, and the 公众号's clause is the best by words", () => {
    expect(website.value).toBe(1987);
    expect(bestQuantity(pq)?.q.value).toBe(1245);
  });

  it("the figure answers: the clause lacks 网站, the word that named it", () => {
    expect(clauseOverFigure(pq, bestQuantity(pq)!, website, "政府网站公开政府信息数 网站")).toBeNull();
  });
});
