// parseQuestion: table-driven, one case per question, with a fixed lexicon (regions as the store
// would hold them, including a name that exists in two cities) and a fixed newest year.
import { describe, expect, it } from "vitest";
import type { Lexicon } from "../../src/parse/question.js";
import { parseQuestion, parseYears } from "../../src/parse/question.js";

const lexicon: Lexicon = {
  regions: [
    { key: "重庆市长寿区", label: "重庆市长寿区", names: ["长寿区", "重庆市长寿区", "重庆市长寿区人民政府", "长寿", "长寿区政府", "长寿区人民政府"] },
    { key: "益阳市资阳区", label: "益阳市资阳区", names: ["资阳区", "益阳市资阳区", "益阳市资阳区人民政府", "资阳", "资阳区政府"] },
    { key: "小板桥街道", label: "小板桥街道", names: ["小板桥街道", "小板桥街道办事处", "小板桥"] },
    { key: "蚌埠市", label: "蚌埠市", names: ["蚌埠市", "蚌埠市人民政府", "蚌埠", "蚌埠市政府"] },
    { key: "南昌市西湖区", label: "南昌市西湖区", names: ["西湖区", "南昌市西湖区", "西湖", "西湖区政府"] },
    { key: "杭州市西湖区", label: "杭州市西湖区", names: ["西湖区", "杭州市西湖区", "西湖", "西湖区政府"] },
    { key: "淮安市", label: "淮安市", names: ["淮安市", "淮安", "淮安市人民政府"] },
    { key: "淮安市洪泽区", label: "淮安市洪泽区", names: ["洪泽区", "淮安市洪泽区", "洪泽"] },
    { key: "重庆市长寿区民政局", label: "重庆市长寿区民政局", names: ["重庆市长寿区民政局", "长寿区民政局"] },
  ],
  sliceNames: ["市政府", "市直单位", "县区政府", "县区直属单位", "乡镇政府"],
  newestYear: 2020,
};

const ws = (s: string) => s.split(/\s+/).filter(Boolean);

interface Expect {
  regions?: string[];
  keys?: string[][];
  years?: number[];
  metric?: string;
  slice?: string;
  intent?: string;
  unknown?: string[];
  /** The further metrics asked, each group's candidates. */
  more?: string[][];
  /** The whole asked besides the column, and where (totalToo). */
  total?: "before" | "after" | false;
}

const CASES: Record<string, Expect> = {
  // value questions
  长寿区2018年行政复议多少件: { regions: ["长寿区"], years: [2018], metric: "review.total", intent: "value" },
  长寿区2018年行政复议被依法纠错几件: { metric: "review.corrected" },
  重庆市长寿区2018年行政复议维持了几件: { regions: ["重庆市长寿区"], metric: "review.upheld" },
  "长寿 2018 行政诉讼 其他情形": { regions: ["长寿"], years: [2018], metric: "litigation.other" },
  长寿区2018年收到政府信息公开申请多少件: { metric: "requests.received" },
  长寿区2018年网络申请有几件: { metric: "requests.channel.online" },
  长寿区2018年不同意公开的答复有多少: { metric: "requests.result.withheld" },
  长寿区2018年政务微博公开政府信息数: { metric: "proactive.channel.weibo" },
  长寿区2018年政府网站公开了多少条政府信息: { metric: "proactive.channel.website" },
  长寿区2018年依申请公开收费多少: { metric: "fees.requests" },
  资阳区2020年政府集中采购项目数量: { metric: "art20.procurement.items" },
  资阳区2020年政府集中采购总金额: { metric: "art20.procurement.amount" },
  // 项目 is a word of 行政事业性收费项目, not the 上一年项目数量 column.
  资阳区2020年行政事业性收费项目本年增减多少: { metric: "art20.fees.delta" },
  资阳区2020年收费项目减少了几个: { metric: "art20.fees.delta" },
  洪泽区2024年复议后起诉的行政诉讼有几件: { metric: "litigation.after_review.total" },
  西湖区2019年行政诉讼尚未审结的有几件: { metric: "litigation.pending" },
  长寿区18年被起诉了几次: { years: [2018], metric: "litigation.total" },
  二〇一八年长寿区行政复议: { years: [2018], metric: "review.total" },
  // Traditional and noise
  西湖區2019年行政複議多少件: { regions: ["西湖区"], metric: "review.total" },
  "  长寿区 ，2018年？？ 行政复议！！": { regions: ["长寿区"], years: [2018], metric: "review.total" },
  "<b>长寿区</b>2018年行政诉讼": { regions: ["长寿区"], metric: "litigation.total" },
  // slices
  西湖区2019年自然人申请多少件: { metric: "requests.received", slice: "natural_person", total: false },
  // The whole, then the column named in a later clause.
  "西湖区2019年收到申请多少件，其中自然人多少": { metric: "requests.received", slice: "natural_person", total: "before" },
  "蚌埠市2019年行政复议多少件，其中市直单位几件": { metric: "review.total", slice: "市直单位", total: "before" },
  // …or after it, by name.
  "西湖区2019年自然人申请多少件，总数多少": { metric: "requests.received", slice: "natural_person", total: "after" },
  蚌埠市2019年市直单位行政复议多少件: { metric: "review.total", slice: "市直单位" },
  蚌埠市2019年县区直属单位收到申请数: { slice: "县区直属单位" },
  // regions: ambiguity, narrowing, departments, unknown places
  西湖区2019年行政复议多少件: { keys: [["南昌市西湖区", "杭州市西湖区"]] },
  南昌市西湖区2019年行政复议多少件: { keys: [["南昌市西湖区"]] },
  长寿区民政局2018年行政复议: { keys: [["重庆市长寿区民政局"]] },
  朝阳区2018年行政复议多少件: { regions: [], unknown: ["朝阳区"] },
  苏州市西湖区2019年行政复议多少件: { regions: [], unknown: ["苏州市西湖区"] },
  杭州市西湖区2019年行政复议多少件: { keys: [["杭州市西湖区"]], unknown: [] },
  苏州市长寿区2018年行政复议: { regions: [], unknown: ["苏州市长寿区"] },
  洪泽区2024年和淮安市2024年收到申请对比: { keys: [["淮安市洪泽区"], ["淮安市"]], intent: "compare" },
  淮安市洪泽区2024年收到申请: { keys: [["淮安市洪泽区"]], intent: "value" },
  淮安市的洪泽区2024年收到申请: { keys: [["淮安市洪泽区"]], intent: "value" },
  // a category, then the item within it
  蚌埠2019年依申请公开的答复有多少不予公开: { metric: "requests.result.withheld" },
  长寿区2018年依申请公开办结率: { metric: "requests.closed" },
  长寿区2018年依申请公开多少件: { metric: "requests.received" },
  长寿区2018年申请答复中同意公开的比例: { metric: "requests.result.granted" },
  全区2018年行政复议多少件: { regions: [], unknown: [] },
  // years
  长寿区去年行政复议: { years: [2019] },
  资阳区2020年行政许可上一年项目数量: { years: [2020], intent: "value", metric: "art20.licensing.prev_items" },
  有几份报告: { intent: "list" },
  长寿区近三年行政复议: { years: [2018, 2019, 2020], intent: "trend" },
  长寿区2018到2020年行政复议: { years: [2018, 2019, 2020], intent: "trend" },
  // intents
  长寿区和资阳区2018年行政复议对比: { regions: ["长寿区", "资阳区"], intent: "compare" },
  西湖区2019年行政复议情况: { intent: "breakdown", metric: "review.total" },
  "2019年哪个地区行政处罚最多": { intent: "rank", metric: "art20.penalty.decisions" },
  有哪些报告: { intent: "list" },
  长寿区2019年比2018年行政复议多多少: { intent: "compare", years: [2018, 2019] },
  长寿区2019年收到的申请比2018年多了多少: { intent: "compare", years: [2018, 2019] },
  长寿区2018年和2019年行政复议相差多少: { intent: "compare", years: [2018, 2019] },
  长寿区2018到2019年行政复议: { intent: "trend", years: [2018, 2019] },
  长寿区哪一年行政复议最多: { intent: "trend" },
  长寿区2018年行政复议纠错率: { metric: "review.corrected" },
  长寿区2018年有多少人申请政府信息公开: { metric: "requests.received" },
  长寿区2018年行政诉讼败诉几件: { metric: "litigation.corrected" },
  长寿区2018年有多少申请被拒绝公开: { metric: "requests.result.withheld" },
  资阳区2020年通过12345平台办理群众诉求多少件: { intent: "search" },
  蚌埠市2019年受理市民反映问题诉求多少件: { intent: "search" },
  长寿区的政务公开办公室电话是多少: { intent: "search" },
  长寿区2018年存在哪些问题: { intent: "search" },
  西湖区2019年收费项目多少个: { metric: "art20.fees.prev_items" },
  // 表四's own heading words (因政府信息公开申请…): the review or the lawsuits, not the requests.
  长寿区2018年因政府信息公开申请引发的行政复议: { metric: "review.total" },
  长寿区2018年信息公开申请被诉几起: { metric: "litigation.total" },
  长寿区2018年因政府信息公开申请提起行政诉讼多少件: { metric: "litigation.total" },
  // The 收费通知 row of 表三, not the fees (it had answered 信息处理费 3940元).
  西湖区2019年未按收费通知缴费的申请多少件: { metric: "requests.result.other.fee_unpaid" },
  // Each side of 比 its own metric, in the question's order; a year against a year stays one metric.
  长寿区2018年当面申请比网络申请多多少: { metric: "requests.channel.in_person", more: [["requests.channel.online"]] },
  长寿区2018年收到申请比2017年多多少: { metric: "requests.received", more: [] },
  // Whether the figures agree, asked as people ask it.
  长寿区2018年表格数据对得上吗: { intent: "conflicts" },
  长寿区2018年的数据准确吗: { intent: "conflicts" },
  // The bodies inside the one named.
  长寿区各部门2018年行政复议最多的是哪个: { intent: "rank", metric: "review.total" },
  // One report's parts ranked, not the bodies.
  西湖区2019年收到的申请中哪类申请人最多: { intent: "breakdown", metric: "requests.received" },
  // …said the other way round (it had given the total, the largest part unnamed).
  西湖区2019年不予公开的最多的理由: { intent: "breakdown", metric: "requests.result.withheld" },
  西湖区2019年申请最多的申请人类型: { intent: "breakdown", metric: "requests.received" },
  // The 第二十条 row, not every 主动公开 of the year.
  平潭综合实验区2024年主动公开规章多少件: { metric: "art20.rules.issued" },
  资阳区2020年规范性文件多少件: { metric: "art20.normative_docs.issued" },
  // 依申请公开 names the requests; 答复 asks what was answered (it had read as 收到申请).
  长寿区2018年依申请公开答复了多少件: { metric: "requests.answered" },
  // Against the year before the one asked, not the newest held (it had given 2018's value alone).
  长寿区2018年收到申请同比增长多少: { years: [2017, 2018], metric: "requests.received", intent: "compare" },
  长寿区2018年主动公开多少条信息比上年多吗: { years: [2017, 2018], intent: "compare" },
  长寿区2018年行政复议比去年增加了几件: { years: [2017, 2018], metric: "review.total", intent: "compare" },
  // A city not held whose name starts like a generic word (上 of 上级): unknown, never the library
  // ranked (it had been answered with every report's 2024 figures, saying nothing of 上海).
  上海市2024年行政复议多少件: { unknown: ["上海市"] },
  新乡市2024年行政复议多少件: { unknown: ["新乡市"] },
  上级部门2024年行政复议多少件: { unknown: [] },
  // A place's short name, not held, before the year or before the words asked.
  宣威2024年行政处罚多少: { unknown: ["宣威"] },
  宣威行政处罚的报告: { unknown: ["宣威"] },
  行政处罚最多的是哪个: { unknown: [] },
  // Names listed with 、 or a comma are as many bodies (淮安市、洪泽区 had been the one 淮安市洪泽区);
  // typed with a space, the city places the district.
  "淮安市、洪泽区2024年收到申请对比": { keys: [["淮安市"], ["淮安市洪泽区"]], intent: "compare" },
  "淮安市，洪泽区2024年收到申请对比": { keys: [["淮安市"], ["淮安市洪泽区"]], intent: "compare" },
  "淮安市 洪泽区 2024年收到申请": { keys: [["淮安市洪泽区"]] },
  // The first metric's own noun left over is no second metric; a clause of its own shares it.
  "长寿区2018年信函、传真申请多少": { metric: "requests.channel.letter_fax", more: [] },
  "资阳区2020年一共收到多少申请，答复了多少": { metric: "requests.received", more: [["requests.answered"]] },
  // Each clause asking its own number names its own metric, a later one with the first's noun
  // (复议…纠正 had been read as one metric, and 行政复议 left unanswered).
  "长寿区2018年行政复议多少件，纠正了几件": { metric: "review.total", more: [["review.corrected"]] },
  "长寿区2018年行政复议多少件，诉讼多少件": { metric: "review.total", more: [["litigation.total"]] },
  "长寿区2018年行政复议多少件？行政诉讼呢？": { metric: "review.total", more: [["litigation.total"]] },
  "长寿区2018年行政复议多少件？": { metric: "review.total", more: [] },
  // …a short word that is its clause's whole too ("诉讼呢" had been dropped).
  "长寿区2018年行政复议是多少？诉讼呢？": { metric: "review.total", more: [["litigation.total"]] },
  // 复议 … 申请 in two clauses is two things; a list's 申请、复议 is no 申请复议 (行政复议).
  "长寿区2018年申请数量，复议数量": { metric: "requests.received", more: [["review.total"]] },
  长寿区2018年收到复议申请几件: { metric: "review.total", more: [] },
  "长寿区2018年的复议、诉讼、申请各多少": { metric: "review.total", more: [["litigation.total"], ["requests.received"]] },
  // A contact asked for without a number is searched, not the email requests ranked.
  Email地址是什么: { intent: "search" },
  平潭县2013年电子邮件申请多少条: { intent: "value" },
  // A place typed in pinyin: unknown, not the library ranked; a channel's pinyin or an English word is no place.
  "Pingtan 2024 申请数": { unknown: ["Pingtan"] },
  "Changshou 2018 行政复议": { unknown: ["Changshou"] },
  "2024年政务weibo发布信息最多的是哪个": { unknown: [] },
  "2024年Email申请最多的是哪个": { unknown: [] },
  // An item of a category sharing its words: 纠正 within 政府信息公开行政复议 (the longer category
  // phrase had answered the 行政复议 total).
  淮安市2024年政府信息公开行政复议被纠正了几件: { metric: "review.corrected" },
  淮安市2024年政府信息公开行政诉讼被纠正了几件: { metric: "litigation.corrected" },
  淮安市2024年政府信息公开行政复议多少件: { metric: "review.total" },
  // 未补正 as people say 不补正 (it had been read as the old 延期办结数).
  淮安2024年申请人逾期未补正的有多少: { metric: "requests.result.other.no_correction" },
  // A clause ending in 中 scopes the next one: one thing asked, not two.
  "平潭2024年依申请公开的答复中，予以公开的比例是多少": { metric: "requests.result.granted", more: [] },
  // Done or not done: a negated act is the template's row for it not done (未按时 is 延期, 没被纠正
  // 维持), never the row for it done (未按时办结 had answered 按时办结数, 没被纠正 结果纠正).
  长寿区2018年未按时办结的申请有几件: { metric: "requests.closed.late" },
  长寿区2018年没有答复的申请: { metric: "requests.carried_forward" },
  淮安2024年处理了多少申请: { metric: "requests.result.total" },
  淮安2024年不予处理的申请多少件: { metric: "requests.result.not_processed" },
  淮安2024年没能提供信息的申请多少件: { metric: "requests.result.unable" },
  淮安2024年复议没被纠正的有几件: { metric: "review.upheld" },
  淮安2024年还没审结的行政诉讼: { metric: "litigation.pending" },
  淮安2024年部分同意公开多少: { metric: "requests.result.partial" },
  // The people themselves (老百姓, 群众) are the 自然人 column; 要求确认 the 2021 form's row 5 of 不予处理.
  淮安2024年老百姓申请了多少件: { metric: "requests.received", slice: "natural_person" },
  淮安2024年群众申请多少件: { metric: "requests.received", slice: "natural_person" },
  淮安2024年要求确认信息的申请: { metric: "requests.result.not_processed.confirm_reissue" },
  // 有哪些 of a topic asks what the report says of it; of the bodies, years or the store, lists reports.
  长寿区2018年查阅场所有哪些: { intent: "search" },
  长寿区有哪些年份: { intent: "list" },
  库里有哪些: { intent: "list" },
  // 今年…同比: the relative year against the one before it.
  长寿区今年收到申请同比增长多少: { years: [2019, 2020], intent: "compare" },
};

describe("parseQuestion", () => {
  for (const [q, want] of Object.entries(CASES)) {
    it(q, () => {
      const pq = parseQuestion(q, lexicon, ws);
      if (want.regions) expect(pq.regions).toEqual(want.regions);
      if (want.keys) expect(pq.mentions.map((m) => [...m.keys].sort())).toEqual(want.keys.map((k) => [...k].sort()));
      if (want.years) expect(pq.years).toEqual(want.years);
      if (want.metric) expect(pq.metric).toBe(want.metric);
      if (want.slice) expect(pq.slice).toBe(want.slice);
      if (want.intent) expect(pq.intent).toBe(want.intent);
      if (want.unknown) expect(pq.unknownRegions).toEqual(want.unknown);
      if (want.more) expect(pq.moreMetrics).toEqual(want.more);
      if (want.total !== undefined) expect(pq.totalToo ?? false).toBe(want.total);
    });
  }
  it("tells applicants no form counts apart (外地人) from the body asked about and the kinds it counts", () => {
    const uncounted = (q: string) => parseQuestion(q, lexicon, ws).uncounted;
    expect(uncounted("长寿区2018年外地人申请多少件")).toBe("外地");
    expect(uncounted("长寿区2018年境外申请人提出多少申请")).toBe("境外");
    expect(uncounted("长寿区2018年记者申请多少件")).toBe("记者");
    expect(uncounted("长寿区2018年本市申请人申请多少件")).toBeUndefined();
    expect(uncounted("长寿区2018年人大代表提出建议多少件")).toBeUndefined();
    expect(uncounted("长寿区2018年自然人申请多少件")).toBeUndefined();
  });
  it("asks for a number when the question ends in a count of people served (访问人次)", () => {
    // "专栏访问人次" had searched the text instead of answering 69598人次.
    expect(parseQuestion("长寿区2018年专栏访问人次", lexicon, ws).asksQuantity).toBe(true);
    expect(parseQuestion("长寿区2018年接待咨询人次", lexicon, ws).asksQuantity).toBe(true);
    expect(parseQuestion("长寿区2018年专栏访问情况", lexicon, ws).asksQuantity).toBe(false);
  });
  it("reads 公开 negated (不予公开信息, 没有公开的) as never the information made public", () => {
    // "不予公开信息多少条" had answered 主动公开政府信息数: its 公开信息 was that metric's word.
    expect(parseQuestion("长寿区2018年不予公开信息多少条", lexicon, ws).metric).toBe("requests.result.withheld");
    for (const q of ["长寿区2018年没有公开的信息多少条", "长寿区2018年未公开信息多少条"])
      expect(parseQuestion(q, lexicon, ws).metric, q).not.toBe("proactive.total");
    expect(parseQuestion("长寿区2018年公开信息多少条", lexicon, ws).metric).toBe("proactive.total");
  });
  it("names the 其他 column of the applicants as people do, never inside 法人或其他组织", () => {
    // "其他类型申请人提出多少件" had given the total.
    expect(parseQuestion("长寿区2018年其他类型申请人提出多少件", lexicon, ws).slice).toBe("other_org");
    expect(parseQuestion("长寿区2018年法人或其他组织申请多少件", lexicon, ws).slice).toBe("legal_persons");
    expect(parseQuestion("长寿区2018年法人和其他组织申请多少件", lexicon, ws).slice).toBe("legal_persons");
  });
  it("reads 及 inside a word (涉及) as no join of two questions", () => {
    // "因涉及国家秘密不予公开" had been read as two things asked, and 不予公开 (39) answered for 国家秘密 (4).
    expect(parseQuestion("长寿区2018年因涉及国家秘密不予公开的申请有几件", lexicon, ws).metric).toBe("requests.result.withheld.state_secret");
    const two = parseQuestion("长寿区2018年行政复议及行政诉讼多少件", lexicon, ws);
    expect([two.metric, ...two.moreMetrics.map((g) => g[0])]).toEqual(["review.total", "litigation.total"]);
  });
  it("reads both sides of 和 when one side is a part of the other's total (申请总数和上年结转)", () => {
    // 上年结转 is counted under 收到申请: "申请总数" had been taken for its leftover noun, and only 上年结转 answered.
    for (const [q, want] of [
      ["长寿区2018年申请总数和上年结转", ["requests.received", "requests.carried_over"]],
      ["长寿区2018年上年结转和新收申请各多少", ["requests.carried_over", "requests.received"]],
    ] as const) {
      const pq = parseQuestion(q, lexicon, ws);
      expect([pq.metric, ...pq.moreMetrics.map((g) => g[0])]).toEqual(want);
    }
    // …but a row's own words joined by 、 stay one row.
    const one = parseQuestion("长寿区2018年信函、传真申请数", lexicon, ws);
    expect([one.metric, one.moreMetrics.length]).toEqual(["requests.channel.letter_fax", 0]);
  });
  it("reads 年里 / 年内 as the year alone (its particle had been glued to the words after it)", () => {
    const pq = parseQuestion("平潭综合实验区2014年里区管委会及区直各部门主动公开多少条", lexicon, ws);
    expect(pq.years).toEqual([2014]);
    expect(pq.keywordSource).toContain("区管委会");
    expect(pq.keywordSource).not.toContain("里");
    // (…but 内部 is a word: 三类内部事务信息.)
    expect(parseQuestion("长寿区2018年内部事务信息不予公开多少件", lexicon, ws).keywordSource).toContain("内部事务");
  });
  it("takes a channel of request for a count, not a contact (传真申请数)", () => {
    const count = parseQuestion("长寿区2018年信函和传真申请数", lexicon, ws);
    expect([count.intent, count.metric]).toEqual(["value", "requests.channel.letter_fax"]);
    expect(parseQuestion("长寿区2018年传真号码", lexicon, ws).intent).toBe("search");
  });
  it("takes no word typed right for a slip: 累计 is no 总计 mistyped", () => {
    // "累计办理政协委员提案" had been read as 办理结果总计, and answered that the table lacks it.
    const pq = parseQuestion("长寿区2018年累计办理政协委员提案多少件", lexicon, ws);
    expect(pq.understood).toBeUndefined();
    expect(pq.metric).toBeUndefined();
    expect(parseQuestion("长寿区2018年行政复义多少件", lexicon, ws).understood).toEqual({ typed: "行政复义", word: "行政复议" });
  });
  it("remembers the relative word and the year it was read against, and nothing for a stated year", () => {
    expect(parseQuestion("长寿区去年行政复议", lexicon, ws).relativeYears).toEqual({ word: "去年", newest: 2020 });
    expect(parseQuestion("长寿区近三年行政复议", lexicon, ws).relativeYears).toEqual({ word: "近三年", newest: 2020 });
    expect(parseQuestion("长寿区2018到2020年行政复议", lexicon, ws).relativeYears).toBeUndefined();
    expect(parseQuestion("长寿区2018年上年结转多少件", lexicon, ws).relativeYears).toBeUndefined();
  });

  it("keeps the year typed after each region when several are compared", () => {
    const pq = parseQuestion("资阳区2020年和长寿区2018年行政复议对比", lexicon, ws);
    expect(pq.mentions.map((m) => [m.keys[0], m.year])).toEqual([
      ["益阳市资阳区", 2020],
      ["重庆市长寿区", 2018],
    ]);
    expect(parseQuestion("长寿区和资阳区2018年行政复议对比", lexicon, ws).mentions.map((m) => m.year)).toEqual([undefined, 2018]);
  });

  it("asks about problems only when the question is about problems", () => {
    expect(parseQuestion("长寿区2018年存在哪些问题", lexicon, ws).asksProblems).toBe(true);
    // …worded as users word it ("工作中的不足", "薄弱环节" had searched the text for the words).
    for (const q of ["长寿区2018年工作中的不足", "长寿区2018年还有哪些薄弱环节", "长寿区2018年信息公开工作的问题", "长寿区2018年的不足"])
      expect(parseQuestion(q, lexicon, ws).asksProblems, q).toBe(true);
    expect(parseQuestion("蚌埠市2019年受理市民反映问题诉求多少件", lexicon, ws).asksProblems).toBe(false);
  });
});

describe("parseYears", () => {
  const table: Record<string, number[]> = {
    "2018年": [2018],
    "2018年度": [2018],
    "2018": [2018],
    "2018-2020": [2018, 2019, 2020],
    "18年": [2018],
    今年: [2020],
    前年: [2018],
    近两年: [2019, 2020],
    // Open ranges and plan periods ("十三五期间" had been no year, and answered with the newest report).
    "2018年以来": [2018, 2019, 2020],
    自2019年起: [2019, 2020],
    "2011年以前": [2008, 2009, 2010],
    "2010年及以前": [2008, 2009, 2010],
    十二五期间: [2011, 2012, 2013, 2014, 2015],
    十三五: [2016, 2017, 2018, 2019, 2020],
    上年结转: [],
    "12345平台": [],
    "2018年同比": [2017, 2018],
    "2018年较上年": [2017, 2018],
    "2018年与去年相比": [2017, 2018],
    "2018年本年增/减较上年": [2018],
  };
  for (const [text, years] of Object.entries(table)) it(text, () => expect(parseYears(text, 2020).years).toEqual(years));
});

describe("questions about a zone and its county (Pingtan)", () => {
  const zones: Lexicon = {
    regions: [
      { key: "福州市平潭县", label: "福州市平潭县", names: ["平潭县", "福州市平潭县", "平潭县人民政府", "平潭县政府", "平潭"] },
      { key: "平潭综合实验区", label: "平潭综合实验区", names: ["平潭综合实验区", "平潭综合实验区管委会", "平潭", "平潭实验区", "实验区", "平潭实验区管委会"] },
      { key: "平潭综合实验区交通与建设局", label: "平潭综合实验区交通与建设局", names: ["平潭综合实验区交通与建设局", "平潭交建局"] },
    ],
    sliceNames: ["历年累计"],
    newestYear: 2024,
  };
  interface Z {
    keys?: string[][];
    slice?: string;
    intent?: string;
    quantity?: boolean;
    trend?: boolean;
    metric?: string;
    rest?: string;
    /** The question's words without names and years, exactly. */
    only?: string;
    /** How many further metrics the question lists. */
    more?: number;
  }
  const ZCASES: Record<string, Z> = {
    平潭2015年主动公开政府信息多少条: { keys: [["平潭综合实验区", "福州市平潭县"]], quantity: true },
    平潭实验区2012年新浪官方微博发布了多少条微博: { keys: [["平潭综合实验区"]] },
    "实验区2011年制作、获取的政府信息总数有多少": { keys: [["平潭综合实验区"]], quantity: true },
    平潭综合实验区管委会2014年政府信息公开专栏访问量是多少: { keys: [["平潭综合实验区"]], quantity: true, intent: "search" },
    // 平潭 inside 中国平潭网 is a word of the question, not a second region.
    平潭综合实验区2012年通过中国平潭网门户网站公开了多少条政府信息: { keys: [["平潭综合实验区"]], intent: "value", rest: "中国平潭网" },
    // 平潭 inside the name of a programme (问政平潭), the department typed with its place: one body.
    平潭交建局2021年推出了几期问政平潭: { keys: [["平潭综合实验区交通与建设局"]] },
    // The same short name typed again inside a programme's name is the same name, not a comparison
    // of 平潭 with itself.
    平潭2021年推出了多少期问政平潭之有事您说: { keys: [["平潭综合实验区", "福州市平潭县"]] },
    // A zone's 管理委员会 spelled out is its 管委会 (it had been an unknown 平潭综, "did you mean 平潭县").
    平潭综合实验区管理委员会2011年主动公开政府信息多少条: { keys: [["平潭综合实验区"]] },
    // … unless the place is asked again in a clause of its own.
    "平潭交建局2021年收到申请多少件，平潭呢": { keys: [["平潭综合实验区交通与建设局"], ["平潭综合实验区", "福州市平潭县"]] },
    // Two names joined by 和 are two regions.
    平潭县和平潭综合实验区2013年主动公开政府信息对比: { keys: [["福州市平潭县"], ["平潭综合实验区"]], intent: "compare" },
    // 历年累计 is a column, not a trend.
    截至2011年平潭综合实验区主动公开信息历年累计多少条: { slice: "历年累计", intent: "value", trend: false },
    平潭综合实验区历年政府信息公开专栏访问量: { trend: true, quantity: true },
    平潭综合实验区2012年政府信息公开专栏访问量: { quantity: true, intent: "search" },
    平潭综合实验区2017年区管委会及区直部门主动公开占比多少: { quantity: true },
    平潭综合实验区2014年政府信息公开存在的主要问题: { quantity: false },
    // 经费 and 费用 are amounts asked, with or without 多少 (it had been searched).
    平潭综合实验区2024年政府信息公开工作经费: { quantity: true },
    平潭综合实验区2024年依申请公开收取的费用: { quantity: true },
    平潭综合实验区2011年政府信息公开专项经费万元: { quantity: true },
    平潭县2013年否决公开答复数: { metric: "requests.result.withheld" },
    平潭县2013年对申请的答复总数是多少: { metric: "requests.answered" },
    平潭综合实验区2017年收到多少件行政复议申请: { metric: "review.total" },
    // The government's office is a word of the question, not part of the name.
    平潭县政府办2013年受理申请多少条: { keys: [["福州市平潭县"]], rest: "政府办" },
    // A hall is no department of the region: 服务大厅 had been read as one, and the zone as unknown.
    "2015年平潭综合实验区服务大厅共受理申请多少件": { keys: [["平潭综合实验区"]], rest: "服务大厅" },
    // Courtesy is no word of the metric, and a closing 呢 does not hide that a quantity is asked.
    我想知道平潭综合实验区2012年政府信息公开专栏访问量: { keys: [["平潭综合实验区"]], quantity: true, intent: "search", only: "政府信息公开专栏访问量" },
    "平潭综合实验区2012年政府信息公开专栏访问量呢?": { quantity: true, only: "政府信息公开专栏访问量" },
    "麻烦帮我查一下平潭县2013年否决公开答复数，谢谢": { metric: "requests.result.withheld", only: "否决公开答复数" },
    请问平潭综合实验区2017年收到多少件行政复议申请呀: { metric: "review.total" },
    "平潭综合实验区2011年不予公开的信息数是多少，请回答": { only: "不予公开的信息数是多少" },
    // The words asked before the name and year.
    "政府信息公开专栏访问量，平潭综合实验区2012年": { keys: [["平潭综合实验区"]], quantity: true },
    // Spaces around a year do not list two metrics.
    "平潭综合实验区截至 2013年 政府公报公开信息历年累计多少条": { slice: "历年累计", more: 0 },
    // …nor a space between the year and its 年.
    "平潭综合实验区截至2013 年政府公报公开信息历年累计多少条": { slice: "历年累计", more: 0 },
    "平潭县 2013 网上申请数 信函申请数": { metric: "requests.channel.online", more: 1 },
    // A comma lists two metrics only with words asked on both sides of it.
    "政府公报公开信息历年累计多少条，平潭综合实验区截至2013年": { slice: "历年累计", more: 0 },
    "平潭县2013年网上申请数多少，信函申请数多少": { metric: "requests.channel.online", more: 1 },
  };
  it("a held name with a body of its own after it is that body, unknown: no slip of another name", () => {
    // (A slice of the held name, 平潭综, had been taken for a slip of 平潭县, and asked back.)
    const pq = parseQuestion("平潭综合实验区党工委2011年主动公开政府信息多少条", zones, ws);
    expect(pq.unknownRegions).toEqual(["平潭综合实验区党工委"]);
    expect(pq.didYouMean).toBeUndefined();
  });
  for (const [q, want] of Object.entries(ZCASES)) {
    it(q, () => {
      const pq = parseQuestion(q, zones, ws);
      if (want.keys) expect(pq.mentions.map((m) => [...m.keys].sort())).toEqual(want.keys);
      if (want.slice) expect(pq.slice).toBe(want.slice);
      if (want.intent) expect(pq.intent).toBe(want.intent);
      if (want.quantity !== undefined) expect(pq.asksQuantity).toBe(want.quantity);
      if (want.trend !== undefined) expect(pq.asksTrend).toBe(want.trend);
      if (want.metric) expect(pq.metric).toBe(want.metric);
      if (want.rest) expect(pq.keywordSource.replace(/\s+/g, "")).toContain(want.rest);
      if (want.only) expect(pq.keywordSource.replace(/\s+/g, "")).toBe(want.only);
      if (want.more !== undefined) expect(pq.moreMetrics.length).toBe(want.more);
    });
  }
});
