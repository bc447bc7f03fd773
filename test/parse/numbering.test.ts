// A row's numbering is the report's style, the row is the template's: 2. / 2、 / (2) / 二、 / (二)
// number the same row, and numbering never reads as a value.
import { describe, expect, it } from "vitest";
import { numberingForms, pointMarksIn } from "../../src/parse/headings.js";
import { parseReport } from "../../src/parse/report.js";
import { prepareText } from "../../src/parse/text.js";

describe("numberingForms", () => {
  it.each([
    ["2.", ["(二)", "(2)", "二、", "二.", "2.", "2、"]],
    ["(七)", ["(七)", "(7)", "七、", "七.", "7.", "7、"]],
    ["12.", ["(十二)", "(12)", "十二、", "十二.", "12.", "12、"]],
    ["其他", []],
  ])("%s", (num, forms) => expect([...numberingForms(num)].sort()).toEqual([...forms].sort()));
});

describe("pointMarksIn: the numbers that open points in running text", () => {
  it.each([
    ["2.推进民生改善信息公开（1）推进扶贫脱贫信息公开。", ["2.", "（1）"]],
    ["（二）把握工作重点一是推进行政权力清单公开。二是推进财政资金信息公开。", ["（二）", "一是", "二是"]],
    // Not 第（一）项, a year, a decimal, nor 一 inside a word (统一是).
    ["根据第二十条第（一）项,2021年共发布1.5万条,统一是原则。", []],
  ])("%s", (text, want) => {
    expect(pointMarksIn(text).map((m) => text.slice(m.at, m.at + m.length))).toEqual(want);
  });
});

describe("circled numbers", () => {
  it("① is a numbering, never a bare 1", () => expect(prepareText("①属于国家秘密").text).toBe("(1)属于国家秘密"));
});

/** A 2021 表三 on one line, its values glued, in a given numbering style. */
function table3(num: (n: number, level: "cn" | "arabic") => string): string {
  const p = (n: number) => num(n, "cn");
  const a = (n: number) => num(n, "arabic");
  return [
    "某某县人民政府2021年政府信息公开工作年度报告",
    "三、收到和处理政府信息公开申请情况",
    "申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
    `一、本年新收政府信息公开申请数量 10 2 0 0 0 0 12`,
    `二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1`,
    `三、本年度办理结果 ${p(1)}予以公开 5 1 0 0 0 0 6 ${p(2)}部分公开（区分处理的，只计这一情形，不计其他情形） 1 0 0 0 0 0 1`,
    `${p(3)}不予公开 ${a(1)}属于国家秘密 0 0 0 0 0 0 0 ${a(2)}其他法律行政法规禁止公开 0 0 0 0 0 0 0 ${a(3)}危及“三安全一稳定” 0 0 0 0 0 0 0 ${a(4)}保护第三方合法权益 0 0 0 0 0 0 0 ${a(5)}属于三类内部事务信息 0 0 0 0 0 0 0 ${a(6)}属于四类过程性信息 0 0 0 0 0 0 0 ${a(7)}属于行政执法案卷 0 0 0 0 0 0 0 ${a(8)}属于行政查询事项 0 0 0 0 0 0 0`,
    `${p(4)}无法提供 ${a(1)}本机关不掌握相关政府信息 3 1 0 0 0 0 4 ${a(2)}没有现成信息需要另行制作 0 0 0 0 0 0 0 ${a(3)}补正后申请内容仍不明确 0 0 0 0 0 0 0`,
    `${p(5)}不予处理 ${a(1)}信访举报投诉类申请 1 0 0 0 0 0 1 ${a(2)}重复申请 0 0 0 0 0 0 0 ${a(3)}要求提供公开出版物 0 0 0 0 0 0 0 ${a(4)}无正当理由大量反复申请 0 0 0 0 0 0 0 ${a(5)}要求行政机关确认或重新出具已获取信息 0 0 0 0 0 0 0`,
    `${p(6)}其他处理 ${a(1)}申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0 ${a(2)}申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0 ${a(3)}其他 0 0 0 0 0 0 0`,
    `${p(7)}总计 10 2 0 0 0 0 12 四、结转下年度继续办理 1 0 0 0 0 0 1`,
    "四、政府信息公开行政复议、行政诉讼情况",
  ].join(" ");
}

const CN = "一二三四五六七八九";
const STYLES: [string, (n: number, level: "cn" | "arabic") => string][] = [
  ["the template's (一) and 1.", (n, l) => (l === "cn" ? `（${CN[n - 1]}）` : `${n}.`)],
  ["1、 for 1.", (n, l) => (l === "cn" ? `（${CN[n - 1]}）` : `${n}、`)],
  ["(1) for (一)", (n, l) => (l === "cn" ? `(${n})` : `${n}.`)],
  ["① for 1.", (n, l) => (l === "cn" ? `（${CN[n - 1]}）` : "①②③④⑤⑥⑦⑧"[n - 1]!)],
  ["no numbering at all", () => ""],
];

describe("表三 in every numbering style gives the same figures", () => {
  const figures = (text: string) => {
    const r = parseReport(text);
    if (!r.ok) throw new Error(r.error);
    return Object.fromEntries(r.report.figures.filter((f) => f.source === "table" && !f.slice).map((f) => [f.metric, f.value]));
  };
  const want = figures(table3(STYLES[0]![1]));
  it("reads the template's own numbering", () => {
    expect(want).toMatchObject({
      "requests.received": 12,
      "requests.result.granted": 6,
      "requests.result.unable.not_held": 4,
      "requests.result.not_processed.petition_complaint": 1,
      "requests.result.total": 12,
      "requests.carried_forward": 1,
    });
  });
  it.each(STYLES.slice(1).map(([name, fn]) => ({ name, fn })))("$name", ({ fn }) => {
    const text = table3(fn);
    expect(figures(text)).toEqual(want);
    // …and glued, as a crawler saves it.
    expect(figures(text.replace(/(\d) (?=\d)/g, "$1"))).toEqual(want);
  });
});
