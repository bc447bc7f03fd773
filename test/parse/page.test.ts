// Page furniture found as spans of the text, on one-line crawls and on many-line pages alike, and
// never a word of the report: the title after a breadcrumb, 微信 in a sentence, a "----" table cell.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPageJunk } from "../../src/parse/page.js";
import { prepareText, withBlanks } from "../../src/parse/text.js";
import { SEED, SEEDS } from "../helpers/reports.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/reports");

/** The junk as the text prints it, and the text with the junk blanked. */
function junkOf(raw: string): { junk: string[]; kept: string } {
  const src = prepareText(raw);
  const spans = findPageJunk(src);
  return { junk: spans.map((s) => src.text.slice(s.start, s.end)), kept: withBlanks(src, spans).text };
}

const CASES: [name: string, input: string, junk: string[], kept: string[]][] = [
  [
    "a crawled page on one line",
    "当前位置： 首页政务公开政府信息公开政府信息公开年报 平潭综合实验区2011年政府信息公开工作年度报告 来源：平潭综合实验区管委会办公室 时间：2012-04-11 00:00 微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： --> 本报告主要根据《条例》编制。 附件下载",
    [
      "当前位置: 首页政务公开政府信息公开政府信息公开年报",
      "来源:平潭综合实验区管委会办公室",
      "时间:2012-04-11 00:00",
      "微信 微博 QQ空间 全真版 文字版 文件下载",
      "相关链接: -->",
      "附件下载",
    ],
    ["平潭综合实验区2011年政府信息公开工作年度报告", "本报告主要根据《条例》编制。"],
  ],
  [
    "the same page, one widget a line",
    "当前位置： 首页政务公开政府信息公开年报\n平潭综合实验区2011年政府信息公开工作年度报告\n来源：平潭县人民政府\n时间：2012-04-11 00:00\n微信\n微博\nQQ空间\n相关链接：\n-->\n本报告主要根据《条例》编制。",
    ["当前位置: 首页政务公开政府信息公开年报", "来源:平潭县人民政府", "时间:2012-04-11 00:00", "微信\n微博\nQQ空间", "相关链接:\n-->"],
    ["平潭综合实验区2011年政府信息公开工作年度报告", "本报告主要根据"],
  ],
  [
    "a breadcrumb with separators, then widgets",
    "当前位置：首页 > 政务公开 > 政府信息公开年报 字号：大 中 小 打印 关闭\n淮安市人民政府2024年政府信息公开工作年度报告",
    ["当前位置:首页 > 政务公开 > 政府信息公开年报", "字号:大 中 小", "打印 关闭"],
    ["淮安市人民政府2024年政府信息公开工作年度报告"],
  ],
  [
    "a breadcrumb glued to the title: the title stays",
    "当前位置：首页>政务公开>政府信息公开年报平潭综合实验区2011年政府信息公开工作年度报告",
    ["当前位置:首页>政务公开>政府信息公开年报"],
    ["平潭综合实验区2011年政府信息公开工作年度报告"],
  ],
  [
    "a news page's header and footer",
    "益阳市资阳区人民政府2020年政府信息公开工作年度报告\n发布时间:2021-01-29 09:27 信息来源:部门单位 作者: 浏览量: 【字体:\n根据《条例》编制本年报。\n扫一扫在手机打开当前页\n【打印本页】\n【关闭窗口】",
    ["发布时间:2021-01-29 09:27", "信息来源:部门单位", "作者:", "浏览量:", "【字体:", "扫一扫在手机打开当前页", "【打印本页】", "【关闭窗口】"],
    ["益阳市资阳区人民政府2020年政府信息公开工作年度报告", "根据《条例》编制本年报。"],
  ],
  [
    "PDF page markers standing alone",
    "行政许可\n- 2 -\n9487\n第3页 共9页\n第 4 页\n一、总体情况",
    ["- 2 -", "第3页 共9页", "第 4 页"],
    ["行政许可", "9487", "一、总体情况"],
  ],
  [
    "Markdown rules and marks",
    "# 沐阳县人民政府 2025 年 政府信息公开工作年度报告\n| 信息内容 | 本年制发件数 |\n|---|---|\n| 规章 | 0 |\n**一、总体情况**",
    ["#", "|---|---|", "**", "**"],
    ["沐阳县人民政府 2025 年 政府信息公开工作年度报告", "| 规章 | 0 |", "一、总体情况"],
  ],
  [
    "Word's conditional comments in a crawl",
    "政策解读 <!--[if !supportLists]-->7、<!--[endif]-->公共监管信息公开情况",
    ["<!--[if !supportLists]-->", "<!--[endif]-->"],
    ["7、", "公共监管信息公开情况"],
  ],
  [
    "report words that only look like widgets stay",
    "通过政务微信微博发布信息。打印机采购。数据来源：统计局。办理时间：工作日。字体规范。扫一扫·市长助你跑。\n---- |\n统计数 |",
    [],
    ["政务微信微博", "打印机", "数据来源:统计局", "办理时间:工作日", "字体规范", "扫一扫·市长助你跑", "---- |"],
  ],
  ["a form's 填报日期 is report text", "单位负责人:鲁 巧 审核人:王国兵\n联系电话:023-40244979 填报日期:2019.1.23", [], ["填报日期:2019.1.23"]],
  [
    "a site footer: from its first link to the end",
    "行政申诉数条00\n网站地图 | 联系我们 | 版权所有：平潭综合实验区管委会 主办单位：办公室 闽ICP备12345678号-1 闽公网安备 35012802000123号\n",
    ["网站地图 | 联系我们 | 版权所有:平潭综合实验区管委会 主办单位:办公室 闽ICP备12345678号-1 闽公网安备 35012802000123号"],
    ["行政申诉数条00"],
  ],
  [
    "one footer word in a report's closing prose stays",
    "门户网站由区政府办公室主办单位：负责维护。\n平潭综合实验区管委会\n2024年1月",
    [],
    ["主办单位:负责维护", "2024年1月"],
  ],
  [
    "a browser's print header and footer, repeated page after page (pdf.js keeps them at the page's edges)",
    "12/6/26, 9:22 AM   平潭县人民政府 2013 年政府信息公开工作年度报告 _ 政府信息公开年报\n一、概述\nfi le:///work/reports/pingtan-2013/input.html   1/3\n\f\n12/6/26, 9:22 AM   平潭县人民政府 2013 年政府信息公开工作年度报告 _ 政府信息公开年报\n行政复议数   条   0   0\nfi le:///work/reports/pingtan-2013/input.html   2/3\n\f\n12/6/26, 9:22 AM   平潭县人民政府 2013 年政府信息公开工作年度报告 _ 政府信息公开年报\n行政诉讼数   条   0   0",
    // (The prepared text keeps a gap of several spaces as a tab, a column gap, but between ideographs.)
    [
      "fi le:///work/reports/pingtan-2013/input.html\t1/3",
      "12/6/26, 9:22 AM\t平潭县人民政府 2013 年政府信息公开工作年度报告 _ 政府信息公开年报",
      "fi le:///work/reports/pingtan-2013/input.html\t2/3",
      "12/6/26, 9:22 AM\t平潭县人民政府 2013 年政府信息公开工作年度报告 _ 政府信息公开年报",
    ],
    ["平潭县人民政府 2013 年政府信息公开工作年度报告", "行政复议数 条\t0\t0", "行政诉讼数 条\t0\t0"],
  ],
  [
    "the same header and footer where pdftotext puts them, amid the page",
    "（四）\n无法提\n供\nfile:///tmp/report.html\n3/5\n12/6/26, 9:28 AM\n（五）\n不予处\n理",
    ["file:///tmp/report.html", "3/5", "12/6/26, 9:28 AM"],
    ["无法提", "不予处"],
  ],
  // A page marker is on one line. A table printed a cell a line, its blanks marked, had lost rows to
  // them: "其他对外管理服务事项\n3\n/\n16" read as the page 3/16, "—\n3\n—" as the page "- 3 -".
  [
    "table cells a line each, blanks marked, are no page markers",
    "其他对外管理服务事项\n3\n/\n16\n行政强制\n—\n3\n—\n行政处罚\n-\n5\n-\n第 2 页\n- 4 -\n5/16\n88283  -\n 6 -  信息内容",
    // (a marker a narrower page wrapped is still one: "-\n 6 -" had become 行政强制's 6, sure)
    // …nor a crawled row's cells marked with dashes: "— 4 —", "—8—" between other cells
    ["第 2 页", "- 4 -", "5/16", "-\n6 -"],
    ["3\n/\n16", "—\n3\n—", "-\n5\n-"],
  ],
  // A flattened PDF text's page broke a sentence: the marker between the words and the number, or
  // between the number and its unit, touches the number (29 申请 had been no prose figure).
  [
    "page markers inside flattened prose, touching the number",
    "2025年，全市共收到政府信息公开申请- 1 -29 件，答复27件（含上年度结转申请 0- 2 -件，另有2件顺延）。",
    ["- 1 -", "- 2 -"],
    ["申请", "29 件", "0", "件,另有"],
  ],
  // …or a table's row label and its number, the line breaks around the marker removed (淮安 洪泽
  // 2024's 行政许可 9487 had been no figure: "行政许可- 2 -9487" read as the cells 2 and 9487).
  [
    "a page marker between a row's label and its number, in a flattened PDF table",
    "第二十条第（五）项信息内容本年处理决定数量行政许可- 2 -9487第二十条第（六）项",
    ["- 2 -"],
    ["行政许可", "9487第二十条"],
  ],
  [
    "…but not a crawled row's dashes beside digits, or a delta before a unit column",
    "行政许可20050— 4 ——254 行政处罚 — 3 —12 行政强制 0— 5 —0",
    [],
    ["20050— 4 ——254", "— 3 —12", "0— 5 —0"],
  ],
  [
    "a crawled row's cells marked with dashes are no page markers",
    "3.补正后申请内容仍不明确20050— 4 ——254 （一）予以公开1321— —8— — 1329 （二）部分公开",
    [],
    ["20050— 4 ——254", "— —8— — 1329"],
  ],
];

describe("findPageJunk", () => {
  it.each(CASES.map(([name, input, junk, kept]) => ({ name, input, junk, kept })))("$name", ({ input, junk, kept }) => {
    const got = junkOf(input);
    expect(got.junk).toEqual(junk);
    for (const k of kept) expect(got.kept).toContain(k);
  });
});

describe("on the reports we hold", () => {
  const read = (f: string) => readFileSync(f, "utf8");
  it("blanks a crawled page's chrome whether it is one line or many", () => {
    const raw = read(join(FIXTURES, "pingtan/09_pingtan_2017.txt"));
    const many = raw.replace(/ (?=来源|时间|微信|相关链接|平潭综合实验区2017)/g, "\n");
    for (const text of [raw, many]) {
      const { junk, kept } = junkOf(text);
      expect(junk.slice(0, 3)).toEqual(["当前位置: 首页政务公开政府信息公开政府信息公开年报", "来源:平潭县人民政府", "时间:2018-01-23 08:51"]);
      expect(kept).not.toContain("QQ空间");
      expect(kept.replace(/\s+/g, "")).toMatch(/^平潭综合实验区2017年度政府信息公开工作年度报告平潭综合实验区2017年度/);
      expect(kept.trimEnd()).toMatch(/行政诉讼数件00$/);
    }
  });
  it("keeps every table cell of a pipe table (the seeds have none of this furniture)", () => {
    for (const f of [SEED.changshou, SEED.bengbu, SEED.xiaobanqiao]) expect(junkOf(read(join(SEEDS, f))).junk).toEqual([]);
  });
  it("blanks the PDF page markers of a 2021-template PDF text", () => {
    expect(junkOf(read(join(FIXTURES, "extra/09_huaian_shi_2024.txt"))).junk).toEqual(["- 1 -", "- 2 -", "- 3 -", "- 4 -", "- 5 -", "- 6 -"]);
  });
  it("…also with its line breaks removed, where a marker falls between a row's label and its number", () => {
    const flat = read(join(FIXTURES, "extra/11_hongze_qu_2024.txt")).replace(/\r?\n/g, "");
    expect(flat).toContain("行政许可- 2 -9487");
    // (- 3 - stands between digits, "…000- 3 -2.没有现成信息", as a crawled row's dashes do: kept.)
    expect(junkOf(flat).junk).toEqual(["- 1 -", "- 2 -", "- 4 -", "- 5 -"]);
  });
});
