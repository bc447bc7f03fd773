// The one registry of metrics: every figure a report can hold, with its Chinese label, the words a
// user may ask it with, its unit, and the template generations that print it. Table layouts live
// in template.ts and prose patterns in narrative.ts; both refer to these ids.
//
// Crosswalk (see shared/domain/templates.md §1.3.5): one id per user concept where the templates
// agree (行政复议 总计 is `review.total` in the 2016 统计表 and in the 2019/2021 表四), separate ids
// where they do not (2019 对外公开总数量 is not 2021 现行有效件数).
import type { Template } from "../domain.js";
import { MERGED_ORGS } from "./template.js";

export interface MetricDef {
  id: string;
  /** Canonical Chinese label, as the reply shows it. */
  label: string;
  unit: string;
  /** Templates whose tables print this metric ("narrative" = only ever stated in prose). */
  templates: readonly Template[];
  /**
   * Question words: alternatives, each a list of words that must all appear. The best-covering
   * alternative over all metrics wins; more words break ties (复议+纠错 beats 复议).
   */
  terms: readonly (readonly string[])[];
  /** Parent in a breakdown ("review.upheld" → "review.total"). */
  parent?: string;
  /** How to compute it when no table prints it: the sum of these ids (same slice). */
  sumOf?: readonly string[];
  /** When several metrics match a question equally, the preferred one. */
  primary?: boolean;
  /** Closest metric of another template generation, offered with an explicit note. */
  crosswalk?: readonly string[];
}

const ALL_TABLES = ["stat2008", "stat2016", "gbf2019", "gbf2021"] as const;
const NEW = ["gbf2019", "gbf2021"] as const;
const OLD = ["stat2008", "stat2016"] as const;

const defs: MetricDef[] = [];
function def(id: string, label: string, unit: string, templates: readonly Template[], terms: (string | string[])[], extra: Partial<MetricDef> = {}): void {
  defs.push({ id, label, unit, templates, terms: terms.map((t) => (Array.isArray(t) ? t : [t])), ...extra });
}

// ── 主动公开 (proactive disclosure) ───────────────────────────────────────────────────────────
def(
  "proactive.total",
  "主动公开政府信息数",
  "条",
  [...OLD, "narrative"],
  ["主动公开", "主动发布", ["主动", "公开", "信息"], "公开政府信息", "公开信息", ["公开了", "信息"], ["公开", "条信息"], ["发布了", "信息"]],
  { primary: true },
);
def("proactive.normative_docs", "主动公开规范性文件数", "条", OLD, [["主动公开", "规范性文件"]], { parent: "proactive.total" });
def("proactive.normative_docs_issued", "制发规范性文件总数", "件", OLD, [["制发", "规范性文件"]], {
  parent: "proactive.total",
  crosswalk: ["art20.normative_docs.issued", "art20.normative_docs.new_made"],
});
def("proactive.channel.gazette", "政府公报公开政府信息数", "条", OLD, ["政府公报", "公报"], { parent: "proactive.total" });
def(
  "proactive.channel.website",
  "政府网站公开政府信息数",
  "条",
  [...OLD, "narrative"],
  ["政府网站", "门户网站", ["政府网站", "公开"], ["网站", "公开", "信息"], ["网站", "发布", "信息"], ["网站", "公开"], ["网站", "发布"]],
  { parent: "proactive.total" },
);
def("proactive.channel.weibo", "政务微博公开政府信息数", "条", [...OLD, "narrative"], ["政务微博", "微博"], { parent: "proactive.total" });
def("proactive.channel.wechat", "政务微信公开政府信息数", "条", OLD, ["政务微信", "微信"], { parent: "proactive.total" });
def("proactive.channel.platform", "政府信息公开统一平台公开政府信息数", "条", OLD, ["统一平台"], { parent: "proactive.total" });
def("proactive.channel.other", "其他方式公开政府信息数", "条", OLD, [["其他方式", "公开"]], { parent: "proactive.total" });

// ── 回应解读 (responses and interpretation), 2016 table; prose in every generation ──────────────
def("response.hotspots", "回应公众关注热点或重大舆情数", "次", [...OLD, "narrative"], ["回应公众关注热点", "重大舆情", "热点", "舆情", "回应关切"]);
def("response.press_conferences", "参加或举办新闻发布会总次数", "次", [...OLD, "narrative"], ["新闻发布会", "发布会"], { parent: "response.hotspots" });
// (Asked as people say it: 领导 or 负责人 for the form's 主要负责同志.)
const LEADERS = ["主要负责", "负责同志", "负责人", "领导"];
def(
  "response.press_conferences.leaders",
  "主要负责同志参加新闻发布会次数",
  "次",
  OLD,
  LEADERS.map((w) => [w, "发布会"]),
  { parent: "response.press_conferences" },
);
def("response.interviews", "政府网站在线访谈次数", "次", OLD, ["在线访谈", "访谈"], { parent: "response.hotspots" });
def(
  "response.interviews.leaders",
  "主要负责同志参加政府网站在线访谈次数",
  "次",
  OLD,
  LEADERS.map((w) => [w, "访谈"]),
  { parent: "response.interviews" },
);
def(
  "response.interpretations",
  "政策解读稿件发布数",
  "篇",
  [...OLD, "narrative"],
  ["政策解读", "解读稿件", "解读信息", "解读", ["解读", "发布"], ["解读", "制作"]],
  { parent: "response.hotspots" },
);
def("response.weibo_wechat", "微博微信回应事件数", "次", OLD, [["微博微信", "回应"]], { parent: "response.hotspots" });
def("response.other", "其他方式回应事件数", "次", OLD, [["其他方式", "回应"]], { parent: "response.hotspots" });

// ── 依申请公开 (requests), both generations ─────────────────────────────────────────────────────
const REQ = ["申请", "依申请", "依申请公开", "申请公开", "政府信息公开申请", "收到申请", "新收", "受理申请"];
def(
  "requests.received",
  "收到政府信息公开申请数",
  "件",
  [...ALL_TABLES, "narrative"],
  [...REQ, ["收到", "申请"], ["受理", "申请"], ["申请", "数量"], ["申请", "政府信息公开"], ["申请", "信息公开"]],
  { primary: true },
);
def("requests.carried_over", "上年结转政府信息公开申请数量", "件", NEW, ["上年结转", ["上年", "结转"]], { parent: "requests.received" });
def("requests.channel.in_person", "当面申请数", "件", OLD, ["当面申请", "当面", "现场申请"], { parent: "requests.received" });
def("requests.channel.fax", "传真申请数", "件", OLD, ["传真申请", "传真"], { parent: "requests.received" });
def("requests.channel.online", "网络申请数", "件", OLD, ["网络申请", "网上申请", "在线申请", "互联网申请", ["网络", "申请"]], { parent: "requests.received" });
def("requests.channel.letter", "信函申请数", "件", OLD, ["信函申请", "信函"], { parent: "requests.received" });
def("requests.channel.email", "电子邮件申请数", "件", OLD, ["电子邮件申请", "电子邮件", "邮件申请"], { parent: "requests.received" });
def("requests.channel.letter_fax", "信函、传真申请数", "件", OLD, [["信函", "传真"]], { parent: "requests.received" });
def("requests.channel.other", "其他形式申请数", "件", OLD, [["其他形式", "申请"]], { parent: "requests.received" });
def("requests.closed", "申请办结数", "件", OLD, ["办结", "申请办结"], { parent: "requests.received", crosswalk: ["requests.result.total"] });
def("requests.closed.on_time", "按时办结数", "件", OLD, ["按时办结", "按期办结"], { parent: "requests.closed" });
def("requests.closed.late", "延期办结数", "件", OLD, ["延期办结", "延期"], { parent: "requests.closed" });
def(
  "requests.answered",
  "申请答复数",
  "件",
  OLD,
  ["申请答复", "答复数", "答复总数", ["申请", "答复"], ["依申请公开", "答复"], "处理结果", "怎么处理", "如何处理", "怎样处理", ["申请", "处理情况"]],
  { parent: "requests.received", crosswalk: ["requests.result.total"] },
);
def("requests.result.already_public", "属于已主动公开范围数", "件", OLD, ["已主动公开范围", ["已主动公开", "范围"]], { parent: "requests.answered" });
def("requests.result.granted", "予以公开（同意公开）", "件", ALL_TABLES, ["予以公开", "同意公开", "全部公开"], { parent: "requests.result.total" });
def("requests.result.partial", "部分公开", "件", ALL_TABLES, ["部分公开", "同意部分公开", "部分同意公开"], { parent: "requests.result.total" });
def("requests.result.withheld", "不予公开（不同意公开）", "件", ALL_TABLES, ["不予公开", "不同意公开", "否决公开", "不公开", "拒绝公开", ["拒绝", "申请"]], {
  parent: "requests.result.total",
  sumOf: [
    "requests.result.withheld.state_secret",
    "requests.result.withheld.other_law",
    "requests.result.withheld.security_stability",
    "requests.result.withheld.third_party",
    "requests.result.withheld.internal_affairs",
    "requests.result.withheld.process_info",
    "requests.result.withheld.enforcement_file",
    "requests.result.withheld.admin_query",
  ],
});
def("requests.result.withheld.state_secret", "属于国家秘密", "件", ALL_TABLES, ["国家秘密"], { parent: "requests.result.withheld" });
def("requests.result.withheld.other_law", "其他法律行政法规禁止公开", "件", NEW, ["法律行政法规禁止", ["法规", "禁止公开"]], {
  parent: "requests.result.withheld",
});
def("requests.result.withheld.security_stability", "危及“三安全一稳定”", "件", ALL_TABLES, ["三安全一稳定", "危及国家安全", "社会稳定"], {
  parent: "requests.result.withheld",
});
def("requests.result.withheld.third_party", "保护第三方合法权益", "件", NEW, ["第三方合法权益", "第三方"], { parent: "requests.result.withheld" });
def("requests.result.withheld.internal_affairs", "属于三类内部事务信息", "件", NEW, ["内部事务"], { parent: "requests.result.withheld" });
def("requests.result.withheld.process_info", "属于四类过程性信息", "件", NEW, ["过程性信息"], { parent: "requests.result.withheld" });
def("requests.result.withheld.enforcement_file", "属于行政执法案卷", "件", NEW, ["行政执法案卷", "执法案卷"], { parent: "requests.result.withheld" });
def("requests.result.withheld.admin_query", "属于行政查询事项", "件", NEW, ["行政查询事项", "行政查询"], { parent: "requests.result.withheld" });
def("requests.result.withheld.commercial_secret", "涉及商业秘密", "件", OLD, ["商业秘密"], { parent: "requests.result.withheld" });
def("requests.result.withheld.privacy", "涉及个人隐私", "件", OLD, ["个人隐私", "隐私"], { parent: "requests.result.withheld" });
def("requests.result.withheld.not_gov_info", "不是《条例》所指政府信息", "件", OLD, ["所指政府信息", "不是政府信息"], { parent: "requests.result.withheld" });
def("requests.result.withheld.legal_other", "法律法规规定的其他情形", "件", OLD, ["法律法规规定的其他情形"], { parent: "requests.result.withheld" });
def("requests.result.unable", "无法提供", "件", NEW, ["无法提供"], {
  parent: "requests.result.total",
  sumOf: ["requests.result.unable.not_held", "requests.result.unable.needs_creation", "requests.result.unable.still_unclear"],
});
def("requests.result.unable.not_held", "本机关不掌握相关政府信息", "件", NEW, ["不掌握"], {
  parent: "requests.result.unable",
  crosswalk: ["requests.result.not_exist"],
});
def("requests.result.unable.needs_creation", "没有现成信息需要另行制作", "件", NEW, ["另行制作", "没有现成信息"], { parent: "requests.result.unable" });
def("requests.result.unable.still_unclear", "补正后申请内容仍不明确", "件", NEW, ["补正后", "仍不明确"], { parent: "requests.result.unable" });
def("requests.result.not_processed", "不予处理", "件", NEW, ["不予处理"], {
  parent: "requests.result.total",
  sumOf: [
    "requests.result.not_processed.petition_complaint",
    "requests.result.not_processed.duplicate",
    "requests.result.not_processed.publication",
    "requests.result.not_processed.mass_repeat",
    "requests.result.not_processed.confirm_reissue",
  ],
});
def("requests.result.not_processed.petition_complaint", "信访举报投诉类申请", "件", NEW, ["信访举报投诉", "信访"], { parent: "requests.result.not_processed" });
def("requests.result.not_processed.duplicate", "重复申请", "件", NEW, ["重复申请", "重复"], { parent: "requests.result.not_processed" });
def("requests.result.not_processed.publication", "要求提供公开出版物", "件", NEW, ["公开出版物", "出版物"], { parent: "requests.result.not_processed" });
def("requests.result.not_processed.mass_repeat", "无正当理由大量反复申请", "件", NEW, ["大量反复"], { parent: "requests.result.not_processed" });
def(
  "requests.result.not_processed.confirm_reissue",
  "要求行政机关确认或重新出具已获取信息",
  "件",
  NEW,
  ["重新出具", ["确认", "已获取信息"], "要求确认", ["确认", "信息", "申请"]],
  {
    parent: "requests.result.not_processed",
  },
);
def("requests.result.other", "其他处理", "件", NEW, ["其他处理"], {
  parent: "requests.result.total",
  sumOf: ["requests.result.other.no_correction", "requests.result.other.fee_unpaid", "requests.result.other.misc"],
});
def("requests.result.other.no_correction", "申请人无正当理由逾期不补正", "件", ["gbf2021"], ["逾期不补正", "不补正", "未补正", "没有补正", "没补正"], {
  parent: "requests.result.other",
});
def(
  "requests.result.other.fee_unpaid",
  "申请人逾期未按收费通知要求缴纳费用",
  "件",
  ["gbf2021"],
  ["缴纳费用", "未缴费", "逾期不缴费", "收费通知", "缴费", "交费", "未缴纳"],
  {
    parent: "requests.result.other",
  },
);
def(
  "requests.result.other.misc",
  "其他处理（其他）",
  "件",
  ["gbf2021"],
  // Its 其他 said after 其他处理 (其他处理中的其他; 其他处理（其他）, as the reply labels it, reaches
  // here without its brackets), not the 其他 inside 其他处理 itself.
  [["其他处理", "其他情形"], ["其他处理", "其他原因"], "其他处理其他", "其他处理中的其他", "其他处理中其他", "其他处理的其他", "其他处理之其他"],
  { parent: "requests.result.other" },
);
def(
  "requests.result.total",
  "办理结果总计",
  "件",
  NEW,
  [
    "办理结果",
    "办理结果总计",
    ["办理", "总计"],
    "办理总数",
    "办结",
    "处理结果",
    "怎么处理",
    "如何处理",
    "怎样处理",
    ["申请", "处理情况"],
    "处理了",
    "办理了",
    "处理申请",
    "办理申请",
  ],
  { parent: "requests.received", crosswalk: ["requests.closed"] },
);
def("requests.carried_forward", "结转下年度继续办理", "件", NEW, ["结转下年度", "结转下年", ["下年度", "继续办理"], "顺延"], { parent: "requests.received" });
def("requests.result.other_types", "其他类型答复数", "件", OLD, ["其他类型答复", ["其他类型", "答复"]], { parent: "requests.answered" });
def("requests.result.not_this_agency", "不属于本行政机关公开数", "件", OLD, ["不属于本行政机关", "不属于本机关"], { parent: "requests.answered" });
def("requests.result.not_exist", "申请信息不存在数", "件", OLD, ["信息不存在", "不存在"], {
  parent: "requests.answered",
  crosswalk: ["requests.result.unable.not_held"],
});
def("requests.result.needs_change", "告知作出更改补充数", "件", OLD, ["更改补充", "告知作出更改"], { parent: "requests.answered" });
def("requests.result.other_channel", "告知通过其他途径办理数", "件", OLD, ["其他途径"], { parent: "requests.answered" });

// ── 行政复议 / 行政诉讼 / 举报投诉 ─────────────────────────────────────────────────────────────────
const REVIEW = ["行政复议", "复议", "被申请复议"];
/**
 * The words 表四 is headed with (因政府信息公开申请行政复议、行政诉讼): with them 行政复议 or 诉讼 is what
 * is asked, not the requests ("因政府信息公开申请引发的行政复议" had answered 收到申请 218).
 */
const BECAUSE_OF_REQUESTS = ["政府信息公开申请", "信息公开申请", "政府信息公开", "信息公开"];
const withRequests = (words: readonly string[]) => words.flatMap((w) => BECAUSE_OF_REQUESTS.map((r) => [w, r]));
def(
  "review.total",
  "行政复议",
  "件",
  [...ALL_TABLES, "narrative"],
  // (复议申请 as one phrase: 复议 … 申请 apart, "申请数量，复议数量", asks two things.)
  [...REVIEW, ["复议", "总计"], ["复议", "数量"], "复议申请", "复议的申请", ...withRequests(["行政复议", "复议"])],
  { primary: true },
);
def(
  "review.upheld",
  "行政复议·结果维持",
  "件",
  [...ALL_TABLES, "narrative"],
  [
    ["复议", "维持"],
    ["复议", "驳回"],
  ],
  { parent: "review.total" },
);
def(
  "review.corrected",
  "行政复议·结果纠正",
  "件",
  [...ALL_TABLES, "narrative"],
  [
    ["复议", "纠正"],
    ["复议", "纠错"],
  ],
  { parent: "review.total" },
);
def("review.other", "行政复议·其他结果", "件", [...ALL_TABLES, "narrative"], [["复议", "其他"]], { parent: "review.total" });
def(
  "review.pending",
  "行政复议·尚未审结",
  "件",
  [...NEW, "narrative"],
  [
    ["复议", "尚未审结"],
    ["复议", "未审结"],
    ["复议", "未结"],
  ],
  { parent: "review.total" },
);

const SUIT = ["行政诉讼", "诉讼", "被起诉", "起诉", "被诉"];
const outcome = (base: string, label: string, templates: readonly Template[]) => {
  def(
    `${base}.upheld`,
    `${label}·结果维持`,
    "件",
    templates,
    [[label.slice(-2), "维持"], [label.slice(-2), "驳回"], ...(label === "行政诉讼" ? [["胜诉"], ["诉讼", "胜诉"]] : [])],
    { parent: `${base}.total` },
  );
  def(
    `${base}.corrected`,
    `${label}·结果纠正`,
    "件",
    templates,
    [[label.slice(-2), "纠正"], [label.slice(-2), "纠错"], ...(label === "行政诉讼" ? [["败诉"], ["诉讼", "败诉"]] : [])],
    { parent: `${base}.total` },
  );
  def(`${base}.other`, `${label}·其他结果`, "件", templates, [[label.slice(-2), "其他"]], { parent: `${base}.total` });
};
def(
  "litigation.total",
  "行政诉讼",
  "件",
  [...ALL_TABLES, "narrative"],
  [...SUIT, ["诉讼", "总计"], ["诉讼", "数量"], ...withRequests(["行政诉讼", "诉讼", "被诉"])],
  {
    primary: true,
    sumOf: ["litigation.direct.total", "litigation.after_review.total"],
  },
);
outcome("litigation", "行政诉讼", [...ALL_TABLES, "narrative"]);
def(
  "litigation.pending",
  "行政诉讼·尚未审结",
  "件",
  [...NEW, "narrative"],
  [
    ["诉讼", "尚未审结"],
    ["诉讼", "未审结"],
    ["诉讼", "未结"],
  ],
  { parent: "litigation.total" },
);
for (const [base, label, word] of [
  ["litigation.direct", "未经复议直接起诉", "直接起诉"],
  ["litigation.after_review", "复议后起诉", "复议后起诉"],
] as const) {
  def(`${base}.total`, label, "件", NEW, [word, [word, "总计"], [word, "诉讼"]], { parent: "litigation.total" });
  def(`${base}.upheld`, `${label}·结果维持`, "件", NEW, [[word, "维持"]], { parent: `${base}.total` });
  def(
    `${base}.corrected`,
    `${label}·结果纠正`,
    "件",
    NEW,
    [
      [word, "纠正"],
      [word, "纠错"],
    ],
    { parent: `${base}.total` },
  );
  def(`${base}.other`, `${label}·其他结果`, "件", NEW, [[word, "其他"]], { parent: `${base}.total` });
  def(
    `${base}.pending`,
    `${label}·尚未审结`,
    "件",
    NEW,
    [
      [word, "尚未审结"],
      [word, "未审结"],
    ],
    { parent: `${base}.total` },
  );
}
def("complaints.total", "举报投诉数量", "件", OLD, ["举报投诉", "投诉", "举报"], { primary: true });
outcome("complaints", "举报投诉", OLD);

// ── 收费, 机构人员经费, 会议培训 (2016 table; fees in the prose of 2021 reports) ────────────────────
def(
  "fees.requests",
  "依申请公开信息收取的费用",
  "万元",
  OLD,
  [["依申请", "收费"], ["依申请", "费用"], "收取的费用", "收费金额", "收费", "费用", "多少钱", ["收", "钱"]],
  {
    crosswalk: ["fees.info_processing"],
  },
);
def("fees.info_processing", "信息处理费", "元", ["narrative"], ["信息处理费", "处理费", ["处理费", "多少钱"]], { crosswalk: ["fees.requests"] });
def("fees.waived", "政府信息公开收费减免金额", "元", OLD, ["减免金额", "收费减免", "减免"], { crosswalk: ["fees.requests"] });
// (Asked as 工作机构 or 公开机构 too: "有几个政府信息公开工作机构".)
def("org.units", "政府信息公开工作专门机构数", "个", OLD, ["专门机构", "机构数", "工作机构", "公开机构"]);
def("org.reading_points", "政府信息公开查阅点数", "个", OLD, ["查阅点"]);
def("org.reading_point_visitors", "查阅点接待人数", "人次", OLD, [["查阅点", "接待"]], { parent: "org.reading_points" });
def("staff.total", "从事政府信息公开工作人员数", "人", OLD, ["工作人员", "人员数", "从事政府信息公开", ["多少人", "从事"], ["多少人", "负责"]]);
def("staff.fulltime", "专职人员数", "人", OLD, ["专职人员", "专职"], { parent: "staff.total" });
def("staff.parttime", "兼职人员数", "人", OLD, ["兼职人员", "兼职"], { parent: "staff.total" });
def("budget", "政府信息公开专项经费", "万元", OLD, ["专项经费", "经费"]);
def("meetings", "召开政府信息公开工作会议或专题会议数", "次", OLD, ["工作会议", "专题会议", "会议"]);
def("training.sessions", "举办各类培训班数", "次", OLD, ["培训班", ["举办", "培训"]]);
def("training.trainees", "接受培训人员数", "人次", OLD, ["接受培训", "培训人员", "培训人次", ["培训", "人次"], ["培训", "多少人"]], {
  parent: "training.sessions",
});

// ── 第二十条 tables (2019 and 2021; their columns differ and do not compare) ─────────────────────
const ART20_2019 = ["gbf2019"] as const;
const ART20_2021 = ["gbf2021"] as const;
for (const [key, label, words, templates] of [
  ["rules", "规章", ["规章"], NEW],
  ["normative_docs", "规范性文件", ["规范性文件", "行政规范性文件"], NEW],
] as const) {
  // 制定, 出台, 印发: how people say a body made rules (2019: 新制作; 2021: 制发).
  const made = ["制定", "出台", "印发"];
  def(
    `art20.${key}.new_made`,
    `${label}·本年新制作数量`,
    "件",
    ART20_2019,
    // The word alone (规章多少件): the year's own, as 本年制发 in 2021.
    words.flatMap((w) => [[w], [w, "新制作"], [w, "制作"], ...made.map((m) => [w, m])]),
  );
  def(
    `art20.${key}.new_published`,
    `${label}·本年新公开数量`,
    "件",
    ART20_2019,
    // 主动公开规章多少件 asks for this row, not for every 主动公开 of the year (proactive.total).
    words.flatMap((w) => [
      [w, "新公开"],
      [w, "主动公开"],
    ]),
  );
  def(
    `art20.${key}.total_published`,
    `${label}·对外公开总数量`,
    "件",
    ART20_2019,
    words.flatMap((w) => [
      [w, "对外公开总数"],
      [w, "公开总数"],
    ]),
  );
  def(
    `art20.${key}.issued`,
    `${label}·本年制发件数`,
    "件",
    ART20_2021,
    words.flatMap((w) => [[w], [w, "制发"], [w, "发布"], [w, "主动公开"], [w, "新制作"], [w, "制作"], ...made.map((m) => [w, m])]),
    // A 2019 form's 本年新制作 is the same count of the year's own (规章制发了几件 of a 2019 report).
    { primary: true, crosswalk: key === "normative_docs" ? ["art20.normative_docs.new_made", "proactive.normative_docs_issued"] : [`art20.${key}.new_made`] },
  );
  def(
    `art20.${key}.repealed`,
    `${label}·本年废止件数`,
    "件",
    ART20_2021,
    words.flatMap((w) => [[w, "废止"]]),
  );
  def(
    `art20.${key}.in_force`,
    `${label}·现行有效件数`,
    "件",
    ART20_2021,
    words.flatMap((w) => [
      [w, "现行有效"],
      [w, "有效"],
    ]),
  );
  void templates;
}
for (const [key, label, words, in2021] of [
  ["licensing", "行政许可", ["行政许可", "许可"], true],
  ["other_services", "其他对外管理服务事项", ["其他对外管理服务事项", "对外管理服务"], false],
  ["penalty", "行政处罚", ["行政处罚", "处罚"], true],
  ["coercion", "行政强制", ["行政强制", "强制"], true],
] as const) {
  const t: readonly Template[] = in2021 ? NEW : ART20_2019;
  def(`art20.${key}.decisions`, `${label}·处理决定数量`, "件", t, [...words, ...words.map((w) => [w, "处理决定"])], { primary: true });
  def(
    `art20.${key}.prev_items`,
    `${label}·上一年项目数量`,
    "项",
    ART20_2019,
    // 上一年项目数量, said 上年 too ("行政处罚事项上年有多少项"); 比上年 asks the 本年增/减 below.
    words.flatMap((w) => [
      [w, "上一年"],
      [w, "上年"],
      [w, "项目数"],
    ]),
  );
  def(
    `art20.${key}.delta`,
    `${label}·本年增/减`,
    "项",
    ART20_2019,
    words.flatMap((w) => [
      [w, "增减"],
      [w, "增/减"],
      [w, "增加"],
      [w, "减少"],
      [w, "比上年", "增"],
      [w, "比上年", "减"],
    ]),
  );
}
// 收费金额 alone is this column where a report prints it (本年收费金额), else the old forms' fees (fees.requests).
def(
  "art20.fees.amount",
  "行政事业性收费·本年收费金额",
  "万元",
  ART20_2021,
  ["行政事业性收费", ["事业性收费", "金额"], ["行政事业性收费", "金额"], "收费金额"],
  {
    primary: true,
  },
);
// (收费项目: the 2019 form's only count of fee items; the old forms counted fees charged, in 万元.)
def("art20.fees.prev_items", "行政事业性收费·上一年项目数量", "项", ART20_2019, [
  "行政事业性收费",
  ["事业性收费", "项目"],
  ["事业性收费", "上一年"],
  "收费项目",
]);
// As the other 第二十条 rows' 本年增/减 (行政事业性收费项目本年增减 had found 上一年项目数量 by 项目).
def(
  "art20.fees.delta",
  "行政事业性收费·本年增/减",
  "项",
  ART20_2019,
  ["行政事业性收费", "事业性收费", "收费项目"].flatMap((w) => [
    [w, "增减"],
    [w, "增/减"],
    [w, "增加"],
    [w, "减少"],
  ]),
);
def("art20.procurement.items", "政府集中采购·采购项目数量", "", ART20_2019, [
  "采购项目",
  ...["政府集中采购", "集中采购", "采购"].flatMap((w) => [
    [w, "项目"],
    [w, "数量"],
    [w, "批次"],
  ]),
]);
def(
  "art20.procurement.amount",
  "政府集中采购·采购总金额",
  "万元",
  ART20_2019,
  ["政府集中采购", "集中采购", "采购总金额", ...["政府集中采购", "集中采购", "采购"].map((w) => [w, "金额"])],
  { primary: true },
);

export const METRICS: readonly MetricDef[] = defs;
const byId = new Map(defs.map((d) => [d.id, d]));

/** The definition of a metric id; `stat.*` ids (rows not in the registry) get a generic one. */
export function metricDef(id: string): MetricDef | undefined {
  return byId.get(id);
}

/** Label for any metric id, including generic `stat.<label>` rows. */
export function metricLabel(id: string): string {
  return byId.get(id)?.label ?? (id.startsWith("stat.") ? id.slice(5) : id);
}

/** Children of a metric in registry order (its breakdown). */
export function childrenOf(id: string): MetricDef[] {
  return defs.filter((d) => d.parent === id);
}

/** Applicant columns of 表三, in template order, with their Chinese labels. */
export const APPLICANT_SLICES = [
  { key: "natural_person", label: "自然人" },
  { key: "commercial", label: "商业企业" },
  { key: "research", label: "科研机构" },
  { key: "public_interest", label: "社会公益组织" },
  { key: "legal_service", label: "法律服务机构" },
  { key: "other_org", label: "其他" },
] as const;

/** Every applicant column a 表三 may print: the form's six, or 法人或其他组织 as one (MERGED_ORGS). */
export const APPLICANT_KEYS: readonly string[] = [...APPLICANT_SLICES.map((s) => s.key), MERGED_ORGS];

/** Display label of a slice key (applicant columns) or the slice itself (named columns). */
export function sliceLabel(slice: string): string {
  if (slice === MERGED_ORGS) return "法人或其他组织";
  return APPLICANT_SLICES.find((s) => s.key === slice)?.label ?? slice;
}
