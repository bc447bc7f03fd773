// Questions worded the way people talk (打官司, 办完, 手里没有, 下一步怎么改, one character mistyped),
// end to end through the CLI contract (ingest, ask --jsonl) on the fixture reports. The wording is
// ours; the expected figures are the reports' own.
import { beforeAll, describe, expect, it } from "vitest";
import type { Answer } from "../src/domain.js";
import { askJsonl, ingestDirs } from "./helpers/gold.js";
import { EXTRA, PINGTAN, SEEDS } from "./helpers/reports.js";

/** [question, the first figure answered, a text the reply must hold] */
const VALUES: [string, number, string?][] = [
  // A column named in the question, even when it runs on from the city's name.
  ["蚌埠市直单位2019年收到多少件信息公开申请", 105, "市直单位"],
  ["蚌埠市直单位2019年同意公开了多少件", 36, "市直单位"],
  ["蚌埠市2019年县区政府收到申请多少件", 36, "县区政府"],
  // How the requests were handled: the results' total and its parts, in either generation of the table.
  ["长寿区2018年的信息公开申请都是怎么处理的", 359, "属于已主动公开范围数 20件"],
  ["洪泽区2024年的信息公开申请都是怎么处理的", 95, "予以公开（同意公开） 50件"],
  // A change between two years is a comparison with the difference.
  ["洪泽区2024年收到的信息公开申请比2023年多了多少", 21, "2024年比2023年多 74件"],
  // A rate over a total of 0.
  ["资阳区2020年行政诉讼纠错率", 0, "比例无从计算"],
  // A part larger than its whole is no share of it (it had been "5770.15%").
  ["长寿区2018年主动公开信息中政府网站公开的占比", 7732, "大于主动公开政府信息数（134条），不是它的一部分，比例无从计算"],
  // Lawsuits and reviews.
  ["长寿区2018年被告上法庭几次", 7, "行政诉讼"],
  ["西湖区2019年打了几个官司", 1, "行政诉讼"],
  ["长寿区2018年官司输了几次", 2, "结果纠正"],
  ["长寿区2018年复议被撤销几件", 5, "结果纠正"],
  ["淮安市2024年复议后又起诉的案子有几件", 20, "复议后起诉"],
  ["洪泽区2023年复议还没结案的有几件", 0, "尚未审结"],
  // Requests: came in, done, left over, online, refused, not held.
  ["长寿区2018年有多少人来申请信息公开", 359, "收到政府信息公开申请数"],
  ["长寿区2018年办完了多少件申请", 359, "申请办结数"],
  ["西湖区2019年办完了多少件申请", 12, "办理结果总计"],
  // 答复 names the 2016 table's 申请答复数; the 2019 table's 办理结果总计 stands for it, not the prose's 受理13件.
  ["西湖区2019年答复了多少件申请", 12, "对应的是“办理结果总计”"],
  ["西湖区2019年有几件申请给公开了", 6, "予以公开"],
  ["西湖区2019年有几件只公开了一部分", 4, "部分公开"],
  ["淮安市2024年去年结转过来的申请有几件", 34, "上年结转"],
  ["淮安市2024年年底还没办完的申请有几件", 103, "结转下年度"],
  ["长寿区2018年网上提交的申请有多少", 1, "网络申请"],
  ["蚌埠市2019年乡镇政府拒绝公开了几件", 0, "不予公开"],
  ["资阳区2020年手里没有信息的有几件", 0, "本机关不掌握"],
  // The 2016 table has no 不掌握 row: its 申请信息不存在数 is said to stand for it.
  ["长寿区2018年手里没有信息的有几件", 74, "申请信息不存在数"],
  ["平潭县2013年老百姓在网上递交了几条申请", 4, "网络申请"],
  ["平潭综合实验区2021年有几个人以个人名义申请", 64, "自然人"],
  ["平潭综合实验区2024年公司来申请的有几件", 1, "商业企业"],
  ["平潭综合实验区2024年给申请人公开了多少件", 71, "予以公开"],
  ["平潭综合实验区2021年打了几场官司", 12, "行政诉讼"],
  ["淮安市2024年复议的决定被改了多少件", 64, "结果纠正"],
  // Visits in the prose, asked as 看过 or 访问了多少次 (人次 printed).
  ["平潭县2013年信息公开专栏有多少人看过", 19363, "访问量"],
  ["平潭综合实验区2014年网站专栏被访问了多少次", 69598, "访问量"],
  // Words naming bodies are typed right: 部门公开 is no slip for 部分公开.
  ["平潭综合实验区2017年区管委会和区直部门公开的占多少比例", 71.11, "71.11%"],
  ["长寿区2018年寄信来申请的有多少", 297, "信函申请"],
  ["长寿区2018年超过期限才办完的有几件", 9, "延期办结"],
  ["长寿区2018年信息公开花了多少钱", 15, "专项经费"],
  // 规章 and 规范性文件 named alone or with 主动公开: their 第二十条 row (it had been no figure, or
  // the year's 10407 条 of every 主动公开), in either generation's columns.
  ["平潭综合实验区2024年主动公开规章多少件", 0, "规章·本年制发件数"],
  ["平潭综合实验区2024年规章多少件", 0, "规章·本年制发件数"],
  ["平潭综合实验区2024年规范性文件多少件", 62, "规范性文件·本年制发件数"],
  ["资阳区2020年规范性文件多少件", 21, "规范性文件·本年新制作数量"],
  ["西湖区2019年主动公开规章多少件", 0, "规章·本年新公开数量"],
  // The best metric's name in this generation of the template before a weaker metric the words also
  // fit (it had found 收到申请 3119件, then refused it for its unit).
  ["淮安市2024年依申请公开收费多少钱", 3940, "对应的是“信息处理费”"],
  // Information classed as disclosed on request is not the requests received (it had been 收到申请 21条).
  ["平潭县2012年作为依申请公开的信息多少条", 46, "作为依申请公开信息数：46条"],
  // Two metrics added up when asked so, the parts after (it had given the parts alone).
  ["长寿区2018年行政复议和行政诉讼加起来多少件", 22, "行政复议与行政诉讼合计：22件（行政复议 15件 + 行政诉讼 7件）"],
  ["平潭综合实验区2021年行政复议和行政诉讼一共多少件", 15, "合计：15件"],
  // (…in the question's order: it had been the parser's, 部分公开 first.)
  ["西湖区2019年不予公开和部分公开共多少件", 4, "合计：4件（不予公开（不同意公开） 0件 + 部分公开 4件）"],
  // One metric against another of the same report (it had answered one of them alone).
  ["长寿区2018年当面申请比网络申请多多少", 60, "当面申请数比网络申请数多 60件（61件 − 1件）"],
  ["长寿区2018年行政复议比行政诉讼多几件", 8, "行政复议比行政诉讼多 8件"],
  // Which of one report's parts is the most: the parts, and the largest named (it had been the total alone).
  ["淮安市2024年收到的申请中哪类申请人最多", 3119, "最多的是：自然人 3001件"],
  ["淮安市2024年不予公开的理由中哪种最多", 178, "最多的是：属于行政查询事项 105件"],
  ["平潭綜合實驗區2024年哪類申請人最多", 218, "最多的是：自然人 217件"],
  // 办结率: handled against the year's new requests and those carried over (it had been over the new alone, 97.79%).
  ["淮安市2024年申请办结率", 3050, "与上年结转之和（3153件）的比例：96.73%（3050 ÷ 3153）"],
  ["平潭综合实验区2024年收到申请哪类申请人最少", 218, "最少的是：科研机构 0件、社会公益组织 0件、法律服务机构 0件、其他 0件"],
  // A category inside 主动公开 the prose counts: its clause answers, and is not said to contradict
  // the table's total (it had been "正文的说法不同：207条" under 1853).
  ["平潭县2013年主动公开政府信息中规范性文件多少条", 207, "政策、规范性文件类信息：207条"],
  // The whole asked, then a column in a later clause: both, in that order (it had been the column alone).
  ["淮安市2024年收到申请多少件，其中自然人多少", 3119, "收到政府信息公开申请数（自然人）：3001件"],
  // …and the column first, the whole after it by name (it had been the column alone).
  ["淮安市2024年自然人申请多少件，总数多少", 3001, "收到政府信息公开申请数：3119件"],
  // Two words naming the one clause are one answer, never added to itself (it had been "…合计：126条").
  ["平潭綜合實驗區2011年一共安全生產、應急管理類信息公開了多少條", 63, "安全生产、应急管理类信息：63条"],
  // 全年 names nothing the table row covers better (it had counted for the row, whose background holds it).
  ["平潭综合实验区2011年全年不予公开的信息数是多少", 1402, "不予公开信息数：1402"],
  // The service hall asked about: its clause, whichever word asks (受理 had found it, 收到 the table's 0).
  ["平潭综合实验区2015年窗口服务大厅共收到申请多少件", 136437, "136437件"],
  ["平潭综合实验区2012年政府信息公开专栏点击量", 72065, "72065人次"],
  // A metric named is a number asked, 多少 or not: the part the question names (各乡镇) is the prose's
  // (the whole region's 3460 had answered).
  ["平潭综合实验区2016年各乡镇主动公开？", 1638, "各乡镇主动公开"],
  // A clause of thanks asks nothing (its comma had made 政府采购 a second metric, and 3460 answered).
  ["平潭2016年主动公开政府采购项目信息多少条，谢谢", 189, "主动公开政府采购项目信息：189条"],
  // Typed letter-spaced: its letters joined (粉 and 丝 had been two words of one letter, and 微博's 1288 answered).
  ["平 潭 综 合 实 验 区 官 方 微 博 2 0 1 2 年 有 多 少 粉 丝", 10659, "拥有粉丝：10659"],
  // A share asked as 占多少 or 百分之几 (it had been "没有给出“自然人申请占”的数字").
  ["淮安市2024年收到的申请中，自然人占多少", 3001, "96.22%（3001 ÷ 3119）"],
  ["淮安市2024年自然人申请占百分之几", 3001, "96.22%"],
  // 申请人 names the applicants' columns, not the row 申请人无正当理由逾期不补正.
  ["淮安市2024年其他申请人申请多少件", 4, "收到政府信息公开申请数（其他）：4件"],
  ["资阳区2020年罚了多少次", 543, "行政处罚"],
  ["资阳区2020年采购花了多少钱", 25795, "采购总金额"],
  ["资阳区2020年政府采购了多少个项目", 625, "采购项目数量"],
  ["资阳区2020年出了多少规范性文件", 21, "新制作"],
  ["小板桥街道2018年有人告吗", 1, "行政诉讼"],
  ["蚌埠市2019年市直部门被复议了多少次", 11, "市直单位"],
  ["西湖区2019年官司还没判的有几件", 1, "尚未审结"],
  // Staff, rules, what was published.
  ["长寿区2018年专职的人员有几个", 8, "专职人员"],
  ["淮安市2024年制定了多少规章", 1, "规章"],
  ["小板桥街道2018年公开了多少条", 1706, "主动公开"],
  // X方面的信息: the category the prose counts.
  ["平潭综合实验区2012年财政方面的信息公开了多少条", 9, "财政预算决算"],
  ["平潭县2012年安全生产方面的信息有多少条", 199, "安全生产"],
  // 公开了 is 公开: the category's own word decides (招投标信息19条).
  ["平潭综合实验区2012年招投标方面公开了多少条", 19, "招投标信息"],
  // …and the accounts closed, asked as such.
  ["平潭综合实验区2024年关停注销了几个政务新媒体", 5, "予以关停注销"],
  // One character mistyped, and said how it was read.
  ["长寿区2018年行政复义多少件", 15, "按“行政复议”理解"],
  ["长寿区2018年收到多少件信息公开申清", 359, "按“申请”理解"],
  // A short name for two bodies: only one report states it.
  ["平潭2012年官方微博有多少粉丝", 10659, "只有平潭综合实验区2012年的报告能回答"],
];

/** [question, texts the reply must hold, texts it must not] */
const TEXTS: [string, string[], string[]][] = [
  // Shares compared: each report's share and its figures, the gap in percentage points (it had said
  // neither report had 结果纠正, the count's unit not being the share's).
  ["淮安市和洪泽区2024年行政复议纠错率对比", ["18.23%（64 ÷ 351）", "50%（1 ÷ 2）", "洪泽区比淮安市高 31.77个百分点"], ["报告中没有"]],
  ["平潭综合实验区2021年和2024年予以公开占比对比", ["43.48%（30 ÷ 69）", "32.57%（71 ÷ 218）", "2024年比2021年低 10.91个百分点"], ["报告中没有"]],
  ["淮安市2024年收到申请是洪泽区的几倍", ["淮安市是洪泽区的32.83倍"], []],
  // Ranked by the share, not by the count (淮安市's 64件 had come first).
  ["2024年哪个地区行政复议纠错率最高", ["比例从多到少", "1. 淮安市洪泽区人民政府（2024年）50%（1 ÷ 2）"], ["64件"]],
  // …and where the prose does not state it, no count of requests stands in for it.
  ["平潭综合实验区2012年作为依申请公开的信息", ["没有"], ["收到政府信息公开申请数"]],
  // A plan period or an open range is the years it covers, each held one listed, the rest said missing.
  [
    "平潭综合实验区十三五期间主动公开",
    ["2016年 主动公开政府信息数：3460条", "2017年 主动公开政府信息数：2122条", "没有平潭综合实验区2018、2019、2020年的报告"],
    ["2024年"],
  ],
  ["平潭综合实验区2021年以来收到申请", ["2021年 收到政府信息公开申请数：70件", "2024年 收到政府信息公开申请数：218件"], []],
  ["资阳区2020年下一步怎么改进", ["改进措施", "加强政务新媒体的日常监管"], ["政务公开制度不够完善"]],
  ["资阳区2020年存在哪些不足", ["政务公开制度不够完善"], ["加强政务新媒体的日常监管"]],
  // A part named by its title: its text, which need not repeat the title's words (it had not been found).
  ["平潭综合实验区2024年其他需要报告的事项", ["「六、其他需要报告的事项」", "2024年,无收取信息处理费情况"], []],
  ["西湖区2019年存在的主要问题及改进情况", ["工作基础需进一步夯实", "优化政府网站服务功能"], []],
  ["长寿区2018年有什么毛病", ["公开力度有待进一步加大"], []],
  ["小板桥街道2018年有什么打算", ["进一步健全政府信息公开工作机制"], ["公开形式还不够便民"]],
  // About the report itself: its record's date, the lines that say who compiled it and what period
  // it covers; none said, said so (these had been full-text hits for 发布 and 单位).
  ["长寿区2018年报告的发布时间和统计期限", ["发布日期：2019年1月23日", "统计期限：第2行：“本年报中所列数据的统计期限自2018年1月1日起至12月31日止。”"], ["【"]],
  ["洪泽区2024年年报是谁编制的", ["编制：第4行：“本报告由淮安市洪泽区人民政府办公室根据"], ["【"]],
  ["平潭综合实验区2024年报告是什么时候发布的", ["发布日期：报告中没有写明"], ["【"]],
  // …but who published the most is a ranking, not a question about one report.
  ["2024年哪个单位发布的信息最多", [], ["发布机关"]],
  // Which of two years: the years ranked (it had listed both and said neither).
  ["平潭综合实验区2021年和2024年哪年收到的申请少", ["最少的是2021年：70件"], []],
  // A trend ends with the change from its first year to its last, in the last's unit.
  ["平潭综合实验区2015年到2017年主动公开信息数变化趋势", ["2017年比2015年少 827条（-28%）"], []],
  // Two metrics asked one after the other are answered in that order.
  [
    "长寿区2018年收到多少申请，予以公开多少",
    ["收到政府信息公开申请数：359件\n来源（表格第97行：“(一)收到申请数 | 件 | 359”）\n\n重庆市长寿区人民政府2018年予以公开"],
    [],
  ],
  // Each clause's metric is weighed with its own words: 依申请公开's figure is the requests, not the
  // row 依申请公开信息收取的费用 (万元) its words suggest, which no count of 件 is.
  ["长寿区2018年主动公开多少件，依申请公开多少件", ["主动公开政府信息数：134条", "收到政府信息公开申请数：359件"], ["没有给出"]],
  // Two metrics each asked with its own 多少 are two answers, not their sum.
  ["资阳区2020年一共收到多少申请，答复了多少", ["收到政府信息公开申请数：0件", "办理结果总计：0件"], ["合计"]],
  // A time taken is no count (it had been 申请答复数 359件, 办理结果总计 3050件).
  ["长寿区2018年依申请公开平均答复时间", ["没有给出"], ["359"]],
  ["淮安市2024年依申请公开平均办理时间是多少天", ["没有给出"], ["3119", "3050"]],
  // 多少次 is asked right, never a slip for the registry's 多少人; the thing not given is named
  // without its measure word (it had been "开展培训次").
  ["平潭综合实验区2012年开展培训多少次", ["没有给出“开展培训”的数字"], ["按“多少人”理解"]],
  // Three bodies listed with 、, each answered (the city had been joined to the district).
  [
    "淮安市、洪泽区、平潭综合实验区2024年收到申请对比",
    ["淮安市人民政府2024年收到政府信息公开申请数：3119件", "淮安市洪泽区人民政府2024年收到政府信息公开申请数：95件", "218件"],
    [],
  ],
  // A warning in a series names its year, and in a comparison its report.
  ["平潭综合实验区历年行政复议情况", ["⚠ 2013年：行政复议：表格为 0件，正文称 1份"], []],
  ["长寿区2018年和资阳区2020年主动公开对比", ["⚠ 重庆市长寿区人民政府2018年：主动公开政府信息数：表格为 134条"], []],
  // Accounts closed are not the accounts there are (it had answered 政务新媒体数量 with the 5 closed).
  ["平潭综合实验区2024年政务新媒体数量", ["没有给出“政务新媒体”的数字"], ["：5个"]],
  // The report's own numbers are dropped, and its repeated item said once.
  ["小板桥街道2018年存在哪些问题", ["1. 信息发布时有时存在粗心"], ["1. 1.", "2. 2."]],
  // Words of asking are never read as a mistyped metric word (有多 is no 有效, 主要 no 主动).
  ["平潭县2012年政策、规范性文件类信息有多少条", ["221"], ["理解"]],
  ["平潭综合实验区2014年政府信息公开存在的主要问题", ["公开范围有待拓展"], ["理解", "主动公开政府信息数"]],
  ["平潭综合实验区2017年区管委会和区直部门公开的占多少比例", ["71.11"], ["理解"]],
  // The 2008-era template has a name in the reply.
  ["平潭综合实验区2013年行政处罚多少件", ["2019年以前的省定统计表"], ["undefined"]],
];

let asked = new Map<string, Answer>();

beforeAll(() => {
  const res = ingestDirs([PINGTAN, SEEDS, EXTRA]);
  expect(res.status).toBe(0);
  const qs = [...VALUES.map((v) => v[0]), ...TEXTS.map((t) => t[0]), "平潭2012年主动公开政府信息多少条", "平潭2012年网站有多少人访问"];
  asked = new Map(askJsonl(res.db, qs).map((a, i) => [qs[i]!, a]));
});

describe("everyday questions answer the template's figure", () => {
  for (const [q, value, text] of VALUES) {
    it(q, () => {
      const a = asked.get(q)!;
      expect(a.answers[0]?.value, a.text).toBe(value);
      if (text) expect(a.text).toContain(text);
    });
  }
});

describe("everyday questions about the text", () => {
  for (const [q, want, not] of TEXTS) {
    it(q, () => {
      const a = asked.get(q)!;
      const all = [a.text, ...a.hits.map((h) => h.snippet)].join("\n");
      for (const w of want) expect(all).toContain(w);
      for (const n of not) expect(all).not.toContain(n);
    });
  }
});

describe("a short name for several bodies", () => {
  it("is asked back when both reports can answer", () => {
    expect(asked.get("平潭2012年主动公开政府信息多少条")!.choices).toHaveLength(2);
    // Both 2012 reports state their 专栏访问量.
    expect(asked.get("平潭2012年网站有多少人访问")!.choices).toHaveLength(2);
  });
});
