// The unit a question asks for and how a stated unit agrees with it: table-driven.
import { describe, expect, it } from "vitest";
import { askedUnit, unitAgreement } from "../../src/qa/units.js";

describe("askedUnit", () => {
  const CASES: [string, string[], boolean][] = [
    ["平潭综合实验区2011年主动公开政府信息多少条", ["条"], true],
    ["平潭综合实验区2012年收到几件政府信息公开申请", ["件"], true],
    ["平潭2015年第二批保障性住房选房有多少套房子", ["套"], true],
    ["平潭综合实验区2015年发布征地告知书多少宗", ["宗"], true],
    ["平潭2015年有多少家预算部门对外公布了本部门预决算", ["家"], true],
    ["平潭县2013年公众查阅点汇集了多少个单位的主动公开信息", ["个"], true],
    ["平潭综合实验区2013年政府信息公开专栏访问量达到多少人次", ["人次"], true],
    ["平潭2024年行政事业性收费多少万元", ["万元"], true],
    ["平潭综合实验区2017年区管委会及区直部门主动公开占比多少", ["%"], true],
    ["淮安市2024年政务新媒体检查合格率是多少", ["%"], true],
    // No unit written: the noun tells the kind of count.
    ["平潭综合实验区官方微博2012年有多少粉丝", ["人", "名", "位", "人次"], false],
    // …and classified by 个: the noun's units, then 个 (个 alone had found 发布微博1288条 as good as 粉丝10659名).
    ["平潭综合实验区官方微博2012年有多少个粉丝", ["人", "名", "位", "人次", "个"], false],
    ["平潭综合实验区2017年政府信息公开专项经费多少", ["万元", "元", "亿元"], false],
    ["平潭县2012年政府信息公开专栏访问量达到多少", ["人次", "次", "万人次"], false],
    ["平潭综合实验区2011年不予公开的信息数是多少", [], false],
    // 收费项目 are counted, not money; 收费金额 is money.
    ["资阳区2020年行政事业性收费上一年项目数量", [], false],
    ["资阳区2020年行政事业性收费金额是多少", ["万元", "元", "亿元"], false],
    // A sum of money named by what it sums (it had matched the count of the clause before, 1862条).
    ["平潭2019年公共资源交易总额是多少", ["万元", "元", "亿元"], false],
    ["平潭2019年成交额多少", ["万元", "元", "亿元"], false],
    // 财政资金信息 are items about money: counted (as money asked, 发布348条 had been no answer).
    ["平潭2017年财政资金信息发布了多少", [], false],
    ["平潭2017年财政资金信息涉及金额多少万元", ["万元"], true],
    // People counted by what they did: the count is of requests.
    ["长寿区2018年有多少人来申请信息公开", ["件", "人", "人次"], false],
    ["长寿区2018年有几个人申请复议", ["件", "人", "人次"], false],
    // 项目, 部门 are nouns, not 项 or 部 counted: 个 is the unit.
    ["资阳区2020年政府采购了多少个项目", ["个"], true],
    ["蚌埠市2019年有几个部门公开了预算", ["个"], true],
    // A time taken, written or named: no count of requests answers it (it had been 申请答复数 359件).
    ["长寿区2018年申请平均多少天答复", ["天"], true],
    ["长寿区2018年依申请公开平均答复时间", ["个工作日", "工作日", "天", "日"], false],
  ];
  for (const [q, units, explicit] of CASES) {
    it(q, () => {
      const a = askedUnit(q);
      expect(a.units).toEqual(units);
      expect(a.explicit).toBe(explicit);
    });
  }
});

describe("unitAgreement", () => {
  const CASES: [string, string, number | "partial"][] = [
    ["条", "多少条", 1],
    // Old reports count requests in 条: 几件 is answered by 条, in part.
    ["条", "收到几件申请", "partial"],
    ["名", "有多少粉丝", "partial"],
    ["人次", "访问量是多少", 1],
    // Money asked, a count stated: it does not answer.
    ["条", "专项经费是多少", 0],
    ["条", "占比多少", 0],
    ["件", "平均答复时间是多少", 0],
    ["个工作日", "平均答复时间是多少", 1],
    ["%", "占比多少", 1],
    // Nothing asked: a count answers, a share or money hardly.
    ["件", "行政复议数", 1],
    ["%", "行政复议数", "partial"],
    // A count printed without its unit answers a count.
    ["", "不予公开的信息数是多少", "partial"],
    ["", "经费多少万元", 0],
  ];
  for (const [unit, q, want] of CASES) {
    it(`${unit || "(none)"} for ${q}`, () => {
      const got = unitAgreement(unit, askedUnit(q));
      if (want === "partial") {
        expect(got).toBeGreaterThan(0);
        expect(got).toBeLessThan(1);
      } else expect(got).toBe(want);
    });
  }
});

describe("units speech uses across classes", () => {
  /** [stated unit, question, agreement] */
  const CASES: [string, string, number][] = [
    ["件", "资阳区2020年被起诉了几次", 0.6],
    ["条", "平潭县2013年被复议了几次", 0.6],
    ["次", "长寿区2018年行政诉讼几件", 0.6],
    ["人", "长寿区2018年专职人员有几个", 0.6],
    // Still apart: money, shares, and a count of items for visits.
    ["条", "长寿区2018年政府网站访问量多少人次", 0],
    ["万元", "长寿区2018年行政诉讼几次", 0],
    ["人", "长寿区2018年主动公开多少条", 0],
  ];
  for (const [unit, q, want] of CASES) it(`${unit} ← ${q}`, () => expect(unitAgreement(unit, askedUnit(q))).toBe(want));
});
