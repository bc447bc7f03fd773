// parseQuestion on questions worded the way people talk (告, 办完, 手里没有, 下一步怎么改): the
// template's concept each means, with the same fixed lexicon style as question.test.ts.
import { describe, expect, it } from "vitest";
import { everyday } from "../../src/parse/everyday.js";
import type { Lexicon } from "../../src/parse/question.js";
import { parseQuestion, parseYears, problemsAspect, slipFix } from "../../src/parse/question.js";

const lexicon: Lexicon = {
  regions: [
    { key: "重庆市长寿区", label: "重庆市长寿区", names: ["长寿区", "重庆市长寿区", "长寿"] },
    { key: "益阳市资阳区", label: "益阳市资阳区", names: ["资阳区", "益阳市资阳区", "资阳"] },
    { key: "蚌埠市", label: "蚌埠市", names: ["蚌埠市", "蚌埠市人民政府", "蚌埠", "蚌埠市政府"] },
  ],
  sliceNames: ["市政府", "市直单位", "县区政府", "县区直属单位", "乡镇政府"],
  newestYear: 2020,
};
const ws = (s: string) => s.split(/\s+/).filter(Boolean);

/** [question, which half of 存在的主要问题及改进情况 it asks] */
const ASPECTS: [string, string][] = [
  ["资阳区2020年存在哪些问题", "problems"],
  ["资阳区2020年有什么不足", "problems"],
  ["资阳区2020年下一步怎么改进", "improvements"],
  ["资阳区2020年改进措施有哪些", "improvements"],
  ["资阳区2020年针对存在的问题有什么打算", "improvements"],
  ["资阳区2020年存在的主要问题及改进情况", "both"],
  ["资阳区2020年有哪些问题，打算怎么整改", "both"],
  // What needs improving is what falls short, not the measures.
  ["资阳区2020年还有哪些需要改进的地方", "problems"],
  ["资阳区2020年有哪些有待完善之处", "problems"],
];

describe("problemsAspect", () => {
  for (const [q, want] of ASPECTS) {
    it(q, () => {
      expect(problemsAspect(q)).toBe(want);
      const pq = parseQuestion(q, lexicon, ws);
      expect(pq.asksProblems).toBe(true);
      expect(pq.problemsAspect).toBe(want);
    });
  }

  it("a number asked about the improvements' topic is no problems question", () => {
    expect(parseQuestion("长寿区2018年行政复议多少件", lexicon, ws).asksProblems).toBe(false);
  });
});

/** [question as people say it, the metric it asks (first candidate), the column if any] */
const METRIC_CASES: [string, string, string?][] = [
  // The form's 主要负责同志 asked as 领导 or 负责人 (领导参加 had been the prose's clause, set against 总次数).
  ["长寿区2018年领导参加新闻发布会几次", "response.press_conferences.leaders"],
  ["长寿区2018年负责人参加新闻发布会多少次", "response.press_conferences.leaders"],
  ["长寿区2018年主要领导参加在线访谈几次", "response.interviews.leaders"],
  // The 统计表's 专门机构 asked as a 工作机构 (the reply had been that the report gives no number).
  ["长寿区2018年有几个政府信息公开工作机构", "org.units"],
  ["长寿区2018年被告上法庭几次", "litigation.total"],
  ["资阳区2020年打了几场官司", "litigation.total"],
  ["长寿区2018年有多少人告政府", "litigation.total"],
  ["资阳区2020年复议后又打官司的有几件", "litigation.after_review.total"],
  ["资阳区2020年复议完了又去起诉的有几件", "litigation.after_review.total"],
  ["资阳区2020年没经过复议直接告的有几件", "litigation.direct.total"],
  ["长寿区2018年官司输了几次", "litigation.corrected"],
  ["长寿区2018年复议被撤销了几件", "review.corrected"],
  ["长寿区2018年复议的决定被改正几件", "review.corrected"],
  ["资阳区2020年拒绝公开了多少件", "requests.result.withheld"],
  ["资阳区2020年有多少申请不给公开", "requests.result.withheld"],
  ["资阳区2020年手里没有信息的有几件", "requests.result.unable.not_held"],
  ["资阳区2020年因为没有这个信息答复了几件", "requests.result.unable.not_held"],
  ["长寿区2018年网上提交的申请有多少", "requests.channel.online"],
  ["长寿区2018年在线申请了几件", "requests.channel.online"],
  ["长寿区2018年有多少人来申请信息公开", "requests.received"],
  ["长寿区2018年专职的人员有几个", "staff.fulltime"],
  ["资阳区2020年企业申请公开的有几件", "requests.received", "commercial"],
  // 办完: 申请办结数 (2016) and 办理结果总计 (2019/2021) both, the report decides.
  ["资阳区2020年办完了多少件申请", "requests.closed"],
  // A column that runs on from the region's name (蚌埠市 + 市直单位).
  ["蚌埠市直单位2019年收到多少件信息公开申请", "requests.received", "市直单位"],
  ["蚌埠市直单位2019年行政复议纠正了几件", "review.corrected", "市直单位"],
  ["蚌埠市2019年县区直属单位办结了多少件", "requests.closed", "县区直属单位"],
  ["资阳区2020年有没有人因为信息公开申请复议", "review.total"],
  ["长寿区2018年老百姓在网上递交了几条申请", "requests.channel.online"],
  ["资阳区2020年有几个人以个人名义申请", "requests.received", "natural_person"],
  ["资阳区2020年公司来申请的有几件", "requests.received", "commercial"],
  ["资阳区2020年单位申请的有几件", "requests.received", "legal_persons"],
  // Meetings held and fees not paid, as people say them (开了几次会 had found no metric; 没交费的申请
  // had been 收到申请).
  ["长寿区2018年开了几次会", "meetings"],
  ["长寿区2018年开会多少次", "meetings"],
  ["资阳区2020年没交费的申请有几件", "requests.result.other.fee_unpaid"],
  ["资阳区2020年逾期没缴费的有几件", "requests.result.other.fee_unpaid"],
  // 科研院所 and 社会组织 are columns of their own (科研院所 had given the total, 社会组织 all 法人或其他组织);
  // a request 驳回 is refused, a lawsuit's 驳回 upheld.
  ["资阳区2020年科研院所申请几件", "requests.received", "research"],
  ["资阳区2020年社会组织申请多少件", "requests.received", "public_interest"],
  ["资阳区2020年律所申请多少件", "requests.received", "legal_service"],
  ["资阳区2020年申请被驳回的有几件", "requests.result.withheld"],
  ["长寿区2018年行政诉讼被驳回几件", "litigation.upheld"],
  // Label-style questions keep their metric.
  ["资阳区2020年因政府信息公开被申请行政复议几件", "review.total"],
  ["长寿区2018年行政诉讼多少件", "litigation.total"],
  ["长寿区2018年行政复议被依法纠错几件", "review.corrected"],
  ["资阳区2020年不予公开多少件", "requests.result.withheld"],
];

describe("everyday words name the template's concepts", () => {
  for (const [q, metric, slice] of METRIC_CASES) {
    it(q, () => {
      const pq = parseQuestion(q, lexicon, ws);
      expect(pq.metricCandidates[0]).toBe(metric);
      expect(pq.slice).toBe(slice);
    });
  }

  it("a column inside the name typed (蚌埠市政府) is the name's, not a column", () => {
    const pq = parseQuestion("蚌埠市政府2019年收到多少件申请", lexicon, ws);
    expect(pq.mentions[0]!.government).toBe(true);
    expect(pq.slice).toBeUndefined();
  });

  it("leaves 报告, 告知, 公告 and 有没有 alone", () => {
    for (const q of ["2019年报告", "告知作出更改补充数", "公告栏", "有没有信息公开指南"]) expect(everyday(q)).toBe(q);
  });

  it("leaves 召开, 公开 and 展开 alone (no meeting)", () => {
    for (const q of ["召开新闻发布会几次", "公开会议纪要几条", "展开会议讨论"]) expect(everyday(q)).toBe(q);
  });

  it("reads 上一年 after 项目 as the 2019 form's 上一年项目数量 column, not a year (it had asked 2024 and a trend)", () => {
    const pq = parseQuestion("资阳区2019年行政许可项目上一年有多少项", lexicon, ws);
    expect(pq.years).toEqual([2019]);
    expect(pq.metricCandidates[0]).toBe("art20.licensing.prev_items");
  });

  it.each([
    // 事项 for 项目, 上年 for 上一年 (both had answered 处理决定数量).
    ["资阳区2019年其他对外管理服务事项上一年多少项", "art20.other_services.prev_items"],
    ["资阳区2019年行政处罚事项上年有多少项", "art20.penalty.prev_items"],
    // Items against last year are the 本年增/减 column, not two years compared.
    ["资阳区2019年行政许可事项比上年增加了几项", "art20.licensing.delta"],
  ])("%s: the 2019 form's column, the year as written", (q, metric) => {
    const pq = parseQuestion(q, lexicon, ws);
    expect(pq.years).toEqual([2019]);
    expect(pq.metricCandidates[0]).toBe(metric);
  });

  it("still compares two years when requests are counted against last year", () => {
    expect(parseQuestion("资阳区2020年收到申请比上年增加了多少件", lexicon, ws).years).toEqual([2019, 2020]);
  });

  it("typed words the reports vary themselves (点击量, 浏览量) stay as typed", () => {
    expect(everyday("网站点击量多少")).toBe("网站点击量多少");
  });
});

/** [question words, the registry word read for the slip, or null when nothing may be fixed] */
const SLIPS: [string, string | null][] = [
  ["行政复义多少件", "行政复议"],
  ["收到多少件信息公开申清", "申请"],
  ["行政诉松多少件", "行政诉讼"],
  ["复义纠正几件", "复议"],
  // Words of asking and of the report's parts are typed right.
  ["政策规范性文件类信息有多少条", null],
  ["政府信息公开存在的主要问题", null],
  // A two-character word alone is too little to call a slip (会议 is no 公开).
  ["会议开了几次", null],
  ["区管委会和区直部门公开的占多少比例", null],
];

describe("slipFix", () => {
  for (const [text, word] of SLIPS) it(text, () => expect(slipFix(text)?.word ?? null).toBe(word));

  it("is said in the parsed question, and the metric follows the fixed word", () => {
    const pq = parseQuestion("长寿区2018年行政复义多少件", lexicon, ws);
    expect(pq.understood).toEqual({ typed: "行政复义", word: "行政复议" });
    expect(pq.metric).toBe("review.total");
    expect(parseQuestion("长寿区2018年行政复议多少件", lexicon, ws).understood).toBeUndefined();
  });
});

describe("years in everyday wording", () => {
  /** [text, years, what was consumed] */
  const CASES: [string, number[], string[]][] = [
    // The 年 ends the year though digits follow (12345平台 is no year).
    ["2020年12345平台办理诉求多少件", [2020], ["2020年"]],
    // Left-over requests are rows of the table, not last year.
    ["上一年没办完的有几件", [], []],
    ["去年结转过来的申请有几件", [], []],
    ["去年收到多少申请", [2019], ["去年"]],
    // 本年 is a column of the template (本年制发, 本年新收, 本年度办理结果), or the year written.
    ["2018年本年制发规范性文件多少件", [2018], ["2018年"]],
    ["本年新收申请多少", [], []],
    ["本年度办理结果里予以公开几件", [], []],
    ["本年度行政复议多少件", [2020], ["本年度"]],
    ["今年收到多少申请", [2020], ["今年"]],
  ];
  for (const [text, years, consumed] of CASES) {
    it(text, () => {
      const y = parseYears(text, 2020);
      expect(y.years).toEqual(years);
      expect(y.consumed).toEqual(consumed);
    });
  }
});

describe("across the years, in everyday words", () => {
  for (const q of ["长寿区这些年被复议的次数有没有变多", "长寿区行政诉讼是不是越来越多", "长寿区多年来收到的申请有什么变化"]) {
    it(q, () => expect(parseQuestion(q, lexicon, ws).intent).toBe("trend"));
  }
  it("a change within one year's table is no trend (行政许可增加)", () => {
    expect(parseQuestion("资阳区2020年行政许可增加了多少项", lexicon, ws).intent).toBe("value");
  });
});
