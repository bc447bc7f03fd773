// A year asked against the one before when only the year's own report is held: its figure for what
// is asked, and what the report says against the year before. A report that prints last year's
// number in its change sentence ("较2013年的245件增长27.3%") had answered with that number, labelled
// "较2013年的", for the year's own 312 (the clause held 增长, a word of the question).
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { parseReport } from "../../src/parse/report.js";
import { depsOf } from "../helpers/deps.js";

const TEXT = [
  "苏州市相城区2014年政府信息公开工作年度报告",
  "本报告中所列数据的统计期限自2014年1月1日起至2014年12月31日止。",
  "二、主动公开政府信息情况",
  "全区共主动公开政府信息15872条，同比增长12.3%。",
  "三、依申请公开政府信息情况",
  "全区共收到政府信息公开申请312件，较2013年的245件增长27.3%。",
].join("\n");

describe("a year against the year before, that year not held", () => {
  const parsed = parseReport(TEXT, { name: "xiangcheng-2014.txt" });
  if (!parsed.ok) throw new Error(parsed.error);
  const r = parsed.report;
  const deps = depsOf([r]);

  it.each(["相城区2014年申请比上年增长多少", "相城区2014年收到的申请同比增加了多少件"])("%s: the year's own figure, and the report's words", (q) => {
    const a = answer(q, deps);
    expect(a.text).toContain("没有苏州市相城区2013年的报告");
    expect(a.answers.map((x) => x.value)).toEqual([312]);
    expect(a.text).toContain("报告中与上年比较的说法");
    expect(a.text).toContain("较2013年的245件增长27.3%");
  });
});
