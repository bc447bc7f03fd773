// readProse: the quantities of real report sentences with the words that name them.
import { describe, expect, it } from "vitest";
import type { Section } from "../../src/domain.js";
import { readProse } from "../../src/qa/prose-index.js";

const section = (text: string, title = ""): Section => ({ title, line: 1, endLine: 1, text, paraLines: text.split("\n").map(() => 1) });

/** [sentence, raw, value, unit, left, right] — sentences from the shared Pingtan, Huai'an and Bengbu reports. */
const CASES: [string, string, number, string, string, string][] = [
  ["各乡镇主动公开政府信息122条,占28.7%。", "122条", 122, "条", "各乡镇主动公开政府信息", ""],
  ["目前已汇集了60多个单位的主动公开的政府信息。", "60多个", 60, "个", "目前已汇集了", "单位的主动公开的政府信息。"],
  ["全年通过门户网站开展民意征集53期、网上调查51期,开展“平潭大家谈”系列在线访谈12期。", "51期", 51, "期", "、网上调查", ""],
  ["截至12月14日,新浪中国平潭官方微博共发布微博1288条,拥有粉丝10659名。", "10659名", 10659, "名", "拥有粉丝", "。"],
  [
    "区、县直各单位已有20多家预算部门都已对外公布本部门预决算和“三公”经费预算汇总数。",
    "20多家",
    20,
    "家",
    "区、县直各单位已有",
    "预算部门都已对外公布本部门预决算和“三公”经费预算汇总数。",
  ],
  // A count printed without its unit, right after the label that names it.
  ["其中主动公开政府信息425条,作为依申请公开信息数46条,不予公开信息数1402。", "1402", 1402, "", "不予公开信息数", "。"],
  ["2024年,市政府网站主动公开各类政府信息5500余条,全年新增公开市政府规章1件。", "5500余条", 5500, "条", "市政府网站主动公开各类政府信息", ""],
  ["全市主动公开政府信息26.8万条,依申请公开信息223条(详见附件2)。", "26.8万条", 268000, "条", "全市主动公开政府信息", ""],
  // Counted before the noun: the words after the previous item's joiner are that item's.
  ["对机构改革4家新建单位、4家合并单位、23家更名单位进行帮扶。", "23家", 23, "家", "", "更名单位进行帮扶。"],
  // 分别: each number its own item's, in order, with the words between 分别 and the numbers (every
  // number had been named by the whole list, and the first answered for all).
  ["通过政府网站、政务微博、政务微信分别发布信息1200条、300条、200条。", "300条", 300, "条", "政务微博发布信息", ""],
  ["通过政府网站、政务微博、政务微信分别发布信息1200条、300条、200条。", "200条", 200, "条", "政务微信发布信息", ""],
  ["当面申请、网络申请和信函申请分别为5件、28件和2件。", "28件", 28, "件", "网络申请", ""],
  ["行政复议和行政诉讼分别是3件、1件。", "1件", 1, "件", "行政诉讼", ""],
  // …a part of each item of a list earlier in the sentence (it had been named by "其中A类答复分别为"
  // alone, and 32, the first, answered for the 提案).
  ["全年办理人大代表建议45件、政协委员提案67件,办结率100%,其中A类答复分别为32件和41件。", "41件", 41, "件", "政协委员提案A类答复", ""],
  ["全年办理人大代表建议45件、政协委员提案67件,办结率100%,其中A类答复分别为32件和41件。", "32件", 32, "件", "全年办理人大代表建议A类答复", ""],
  // (No list before it in the sentence: named by nothing sure.)
  ["全年办理人大代表建议45件。其中A类答复分别为32件和41件。", "41件", 41, "件", "", "。"],
  // A bare count with 万 and a word of estimate: about 150,000 (it had been no number at all).
  ["政务微信公众号关注人数超过15万,全年推送信息1820条。", "15万", 150000, "", "政务微信公众号关注人数超过", ""],
];

describe("readProse quantities", () => {
  for (const [sentence, raw, value, unit, left, right] of CASES) {
    it(`${raw} in ${sentence.slice(0, 24)}…`, () => {
      const q = readProse([section(sentence)]).quantities.find((x) => x.raw === raw);
      expect(q).toBeDefined();
      expect(q!.value).toBe(value);
      expect(q!.unit).toBe(unit);
      expect(q!.left).toBe(left);
      expect(q!.right).toBe(right);
    });
  }

  it("reads a share with the clause before it as what it is a share of", () => {
    const q = readProse([section("区管委会及区直各部门主动公开政府信息1509条,占71.11%。")]).quantities.find((x) => x.unit === "%");
    expect(q?.value).toBe(71.11);
    expect(q?.before[0]).toBe("区管委会及区直各部门主动公开政府信息1509条");
  });

  it("marks estimates approximate and exact counts exact", () => {
    const qs = readProse([section("发布招聘信息20多条,共受理申请136437件。")]).quantities;
    expect(qs.map((q) => [q.value, q.approximate])).toEqual([
      [20, true],
      [136437, false],
    ]);
  });

  it("reads no count from a date, a year, an ordinal or a phone number", () => {
    const qs = readProse([section("2015年12月,成功组织了第二批保障性住房选房。电话:24336243;截至12月14日。")]).quantities;
    expect(qs).toEqual([]);
  });

  it("keeps the sentence, its section and line", () => {
    const idx = readProse([section("2012年政府信息公开专栏访问量达24745人次。", "二、主动公开政府信息情况")]);
    expect(idx.sentences[0]).toEqual({
      text: "2012年政府信息公开专栏访问量达24745人次。",
      section: "二、主动公开政府信息情况",
      line: 1,
      points: [],
      pointText: "",
    });
    expect(idx.quantities[0]!.quote).toBe("2012年政府信息公开专栏访问量达24745人次。");
  });

  it("keeps the headings of the numbered points a sentence stands under, each level replaced by its next", () => {
    // 平潭 2017 as crawled: the count ends the point, its subject only in the point's heading.
    const text =
      "2.推进民生改善信息公开（1）推进扶贫脱贫和社会救助信息公开。围绕实施精准扶贫，全年共发布25条信息。（2）推进教育和医疗卫生信息公开。一是积极推进教育领域信息公开，全年共发布152条。二是深化医疗卫生领域信息公开，公开医疗服务价格等内容。全年共发布12条信息。3.推进第二十条第（一）项信息公开。2021年共发布1.5万条。";
    const idx = readProse([section(text, "一、概述")]);
    const under = (start: string) => idx.sentences.find((x) => x.text.startsWith(start))!.points.join(" ");
    expect(under("围绕实施精准扶贫")).toBe("推进民生改善信息公开 推进扶贫脱贫和社会救助信息公开");
    expect(under("全年共发布12条")).toBe("推进民生改善信息公开 推进教育和医疗卫生信息公开 深化医疗卫生领域信息公开");
    // A new point of an outer level closes the inner ones; 第（一）项 and 1.5万 open none.
    expect(under("2021年共发布")).toBe("推进第二十条第（一）项信息公开");
  });
});

describe("a list said 分别", () => {
  it("leaves a list whose items and numbers do not pair as it was", () => {
    // Two items, one number: no pairing.
    const idx = readProse([section("政府网站和政务微博分别同比增长12%。")]);
    expect(idx.quantities.map((q) => q.left)).toEqual(["政府网站和政务微博分别同比增长"]);
  });
});

describe("a bare count", () => {
  it("is an estimate after 超过, 逾, 近 or 约, or in 万 with decimals", () => {
    const approx = (t: string) => readProse([section(t)]).quantities.map((q) => [q.value, q.approximate]);
    expect(approx("政务微信公众号关注人数超过15万。")).toEqual([[150000, true]]);
    expect(approx("不予公开信息数1402。")).toEqual([[1402, false]]);
    expect(approx("粉丝总数达2.35万。")).toEqual([[23500, true]]);
  });
});
