// The report templates as data: each table's rows in printed order (numbering, label, aliases,
// metric), its columns, and where it starts. The reader (tables-*.ts) is generic code that takes a
// table from here; the identities that bind the cells live in identities.ts. Labels are written as
// printed; they are compared in their compact form (NFKC, no white space) by locate.ts.

/** The seven value columns of 表三 in template order; `total` is the slice "" (the row's own figure). */
export const APPLICANT_COLUMNS = ["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total"] as const;
/**
 * The five organisations' column when a 表三 prints them as one (自然人 | 法人或其他组织 | 总计), and
 * the sum of the five asked of the form's (qa/figures.ts legalPersons).
 */
export const MERGED_ORGS = "legal_persons";

/** The slice of an old 统计表's 历年累计 column (the 本年度 column is the row's own figure, slice ""). */
export const CUMULATIVE_SLICE = "历年累计";

/** A row of a template table. */
export interface RowDef {
  /** Registry metric (src/parse/metrics.ts); a heading's metric is its subtotal when one is printed. */
  metric: string;
  /** The numbering printed before the label ("一、", "(一)", "1."): peeled off the cell before it. */
  num?: string;
  /** The label as printed, without its numbering. */
  label: string;
  /** Shorter or older forms, tried when the label itself is not found (first is the core words). */
  aliases?: readonly string[];
  /** A group heading: usually no values of its own. */
  heading?: boolean;
  /** Printed only in this generation. */
  only?: "gbf2019" | "gbf2021";
}

// ── 表三 收到和处理政府信息公开申请情况 (2019 and 2021) ──────────────────────────────────────────
const R = "requests.result";
export const APPLICATION_ROWS: readonly RowDef[] = [
  // (本年度新收, 上年度结转: as some forms print them.)
  { metric: "requests.received", num: "一、", label: "本年新收政府信息公开申请数量", aliases: ["本年新收", "本年度新收"] },
  { metric: "requests.carried_over", num: "二、", label: "上年结转政府信息公开申请数量", aliases: ["上年结转", "上年度结转", "上一年度结转"] },
  { metric: "", num: "三、", label: "本年度办理结果", heading: true },
  { metric: `${R}.granted`, num: "(一)", label: "予以公开" },
  { metric: `${R}.partial`, num: "(二)", label: "部分公开(区分处理的,只计这一情形,不计其他情形)", aliases: ["部分公开"] },
  { metric: `${R}.withheld`, num: "(三)", label: "不予公开", heading: true },
  { metric: `${R}.withheld.state_secret`, num: "1.", label: "属于国家秘密", aliases: ["国家秘密"] },
  { metric: `${R}.withheld.other_law`, num: "2.", label: "其他法律行政法规禁止公开", aliases: ["法律行政法规禁止公开", "其他法律"] },
  // (the three securities and stability spelled out, as the 2008 regulation words them)
  {
    metric: `${R}.withheld.security_stability`,
    num: "3.",
    label: "危及“三安全一稳定”",
    aliases: ["三安全一稳定", "危及国家安全、公共安全、经济安全和社会稳定", "国家安全、公共安全、经济安全和社会稳定"],
  },
  { metric: `${R}.withheld.third_party`, num: "4.", label: "保护第三方合法权益", aliases: ["第三方合法权益"] },
  { metric: `${R}.withheld.internal_affairs`, num: "5.", label: "属于三类内部事务信息", aliases: ["三类内部事务"] },
  { metric: `${R}.withheld.process_info`, num: "6.", label: "属于四类过程性信息", aliases: ["四类过程性"] },
  { metric: `${R}.withheld.enforcement_file`, num: "7.", label: "属于行政执法案卷", aliases: ["行政执法案卷"] },
  { metric: `${R}.withheld.admin_query`, num: "8.", label: "属于行政查询事项", aliases: ["行政查询事项"] },
  { metric: `${R}.unable`, num: "(四)", label: "无法提供", heading: true },
  { metric: `${R}.unable.not_held`, num: "1.", label: "本机关不掌握相关政府信息", aliases: ["不掌握相关政府信息", "本机关不掌握"] },
  { metric: `${R}.unable.needs_creation`, num: "2.", label: "没有现成信息需要另行制作", aliases: ["没有现成信息", "需要另行制作"] },
  { metric: `${R}.unable.still_unclear`, num: "3.", label: "补正后申请内容仍不明确", aliases: ["补正后申请内容", "仍不明确"] },
  { metric: `${R}.not_processed`, num: "(五)", label: "不予处理", heading: true },
  { metric: `${R}.not_processed.petition_complaint`, num: "1.", label: "信访举报投诉类申请", aliases: ["信访举报投诉", "信访、举报、投诉"] },
  { metric: `${R}.not_processed.duplicate`, num: "2.", label: "重复申请" },
  { metric: `${R}.not_processed.publication`, num: "3.", label: "要求提供公开出版物", aliases: ["公开出版物"] },
  { metric: `${R}.not_processed.mass_repeat`, num: "4.", label: "无正当理由大量反复申请", aliases: ["大量反复申请", "大量反覆申请"] },
  { metric: `${R}.not_processed.confirm_reissue`, num: "5.", label: "要求行政机关确认或重新出具已获取信息", aliases: ["重新出具已获取信息", "确认或重新出具"] },
  // (六)其他处理 is a value row in 2019 and a heading over three rows in 2021 (decided per table).
  { metric: `${R}.other`, num: "(六)", label: "其他处理" },
  {
    metric: `${R}.other.no_correction`,
    num: "1.",
    label: "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    aliases: ["逾期不补正", "无正当理由逾期不补正"],
    only: "gbf2021",
  },
  {
    metric: `${R}.other.fee_unpaid`,
    num: "2.",
    label: "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    aliases: ["逾期未按收费通知要求缴纳费用", "未按收费通知", "缴纳费用"],
    only: "gbf2021",
  },
  { metric: `${R}.other.misc`, num: "3.", label: "其他", only: "gbf2021" },
  { metric: `${R}.total`, num: "(七)", label: "总计", aliases: ["合计"] },
  { metric: "requests.carried_forward", num: "四、", label: "结转下年度继续办理", aliases: ["结转下年度"] },
];

/** Words of 表三's header: never cell values, never row labels. */
export const APPLICATION_HEADER = [
  "本列数据的勾稽关系为",
  "申请人情况",
  "自然人",
  "法人或其他组织",
  "商业企业",
  "科研机构",
  "社会公益组织",
  "法律服务机构",
] as const;

// ── 表四 行政复议、行政诉讼 (15 columns, one row) ────────────────────────────────────────────────
export const REVIEW_COLUMNS = [
  "review.upheld",
  "review.corrected",
  "review.other",
  "review.pending",
  "review.total",
  "litigation.direct.upheld",
  "litigation.direct.corrected",
  "litigation.direct.other",
  "litigation.direct.pending",
  "litigation.direct.total",
  "litigation.after_review.upheld",
  "litigation.after_review.corrected",
  "litigation.after_review.other",
  "litigation.after_review.pending",
  "litigation.after_review.total",
] as const;

/** A table's total column as reports head it (合计 where the form prints 总计). */
export const TOTAL_WORDS = ["总计", "合计"] as const;

/** Header words of 表四 (the values follow the last of them). */
export const REVIEW_HEADER = [
  "行政复议",
  "行政诉讼",
  "未经复议直接起诉",
  "复议后起诉",
  "结果维持",
  "结果纠正",
  "其他结果",
  "尚未审结",
  ...TOTAL_WORDS,
] as const;

// ── 表二 第二十条 (2019 and 2021 columns differ and do not compare) ──────────────────────────────
export interface Art20Row {
  key: string;
  label: string;
  aliases?: readonly string[];
  /** 第二十条 item the row belongs to (its sub-table). */
  item: number;
  cols2019?: readonly string[];
  cols2021?: readonly string[];
}

export const ART20_ROWS: readonly Art20Row[] = [
  { key: "rules", label: "规章", item: 1, cols2019: ["new_made", "new_published", "total_published"], cols2021: ["issued", "repealed", "in_force"] },
  {
    key: "normative_docs",
    label: "行政规范性文件",
    aliases: ["规范性文件"],
    item: 1,
    cols2019: ["new_made", "new_published", "total_published"],
    cols2021: ["issued", "repealed", "in_force"],
  },
  { key: "licensing", label: "行政许可", item: 5, cols2019: ["prev_items", "delta", "decisions"], cols2021: ["decisions"] },
  { key: "other_services", label: "其他对外管理服务事项", aliases: ["其他对外管理"], item: 5, cols2019: ["prev_items", "delta", "decisions"] },
  { key: "penalty", label: "行政处罚", item: 6, cols2019: ["prev_items", "delta", "decisions"], cols2021: ["decisions"] },
  { key: "coercion", label: "行政强制", item: 6, cols2019: ["prev_items", "delta", "decisions"], cols2021: ["decisions"] },
  { key: "fees", label: "行政事业性收费", item: 8, cols2019: ["prev_items", "delta"], cols2021: ["amount"] },
  { key: "procurement", label: "政府集中采购", aliases: ["政府采购"], item: 9, cols2019: ["items", "amount"] },
];

/** Units of 表二 cells by column. */
export const ART20_UNITS: Record<string, string> = {
  new_made: "件",
  new_published: "件",
  total_published: "件",
  issued: "件",
  repealed: "件",
  in_force: "件",
  prev_items: "项",
  delta: "项",
  decisions: "件",
  amount: "万元",
  items: "",
};

/** Column headers of 表二: they tell the generation, and are never values. */
/** The 第二十条 items whose rows a 表二 column header heads (a header of an earlier item after a row's label says the text was reordered). */
export const ART20_HEADER_ITEMS: Readonly<Record<string, readonly number[]>> = {
  本年制发件数: [1],
  本年废止件数: [1],
  现行有效件数: [1],
  本年处理决定数量: [5, 6],
  本年收费金额: [8],
  本年新制作数量: [1],
  本年新公开数量: [1],
  对外公开总数量: [1],
  上一年项目数量: [5, 6, 8],
  处理决定数量: [5, 6],
  采购项目数量: [9],
  采购总金额: [9],
};
export const ART20_HEADERS_2021 = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额(单位:万元)", "本年收费金额"] as const;
export const ART20_HEADERS_2019 = [
  "本年新制作数量",
  "本年新公开数量",
  "对外公开总数量",
  "上一年项目数量",
  "本年增/减",
  "处理决定数量",
  "采购项目数量",
  "采购总金额",
] as const;

// ── the pre-2019 统计表: the national 2016 form and older provincial forms ────────────────────────
/** A row label of an old 统计表 → metric. `section` limits a generic label (维持…) to its part (四/五/六). */
export interface StatRow {
  pattern: RegExp;
  metric: string;
  section?: number;
}

/**
 * Rows of the old 统计表 (first match wins, so specific labels come first). Patterns run on the
 * compact label without its numbering and bracketed notes. Both the national 2016 form and the
 * provincial 2008-era forms (主动公开信息数 | 受理依申请公开信息总数 | 否决公开答复数 | 行政申诉数 …).
 */
export const STAT_ROWS: readonly StatRow[] = [
  { pattern: /主动公开规范性文件数/, metric: "proactive.normative_docs" },
  { pattern: /制发规范性文件/, metric: "proactive.normative_docs_issued" },
  { pattern: /^主动公开(?:政府)?信息(?:总)?数|^主动公开文件(?:总)?数|^主动公开(?:政府)?信息$/, metric: "proactive.total" },
  { pattern: /政府公报公开/, metric: "proactive.channel.gazette" },
  { pattern: /(?:政府网站|门户网站|信息公开网).*公开(?:政府)?信息数|^(?:政府|门户|政府门户)?网站公开/, metric: "proactive.channel.website" },
  { pattern: /政务微博公开/, metric: "proactive.channel.weibo" },
  { pattern: /政务微信公开/, metric: "proactive.channel.wechat" },
  { pattern: /统一平台公开/, metric: "proactive.channel.platform" },
  { pattern: /其他方式公开政府信息/, metric: "proactive.channel.other" },
  { pattern: /回应公众关注热点或重大舆情数/, metric: "response.hotspots" },
  { pattern: /主要负责同志参加新闻发布会/, metric: "response.press_conferences.leaders" },
  { pattern: /新闻发布会总次数|举办新闻发布会/, metric: "response.press_conferences" },
  { pattern: /主要负责同志参加.*在线访谈/, metric: "response.interviews.leaders" },
  { pattern: /在线访谈次数/, metric: "response.interviews" },
  { pattern: /政策解读稿件发布数|政策解读.*数$/, metric: "response.interpretations" },
  { pattern: /微博微信回应事件数/, metric: "response.weibo_wechat" },
  { pattern: /其他方式回应事件数/, metric: "response.other" },
  {
    pattern: /收到(?:政府信息公开)?申请(?:总)?数|^(?:受理)?(?:政府信息)?依申请公开(?:政府)?(?:信息)?(?:申请)?总数|受理(?:政府信息)?(?:公开)?申请(?:总)?数/,
    metric: "requests.received",
  },
  { pattern: /(?:当面|现场)申请数/, metric: "requests.channel.in_person" },
  { pattern: /^信函[、,和及]?传真申请数/, metric: "requests.channel.letter_fax" },
  { pattern: /传真申请数/, metric: "requests.channel.fax" },
  { pattern: /电子邮件申请数/, metric: "requests.channel.email" },
  { pattern: /(?:网络|网上|互联网|在线)申请数/, metric: "requests.channel.online" },
  { pattern: /信函申请数/, metric: "requests.channel.letter" },
  { pattern: /其[它他](?:形式|方式)申请数/, metric: "requests.channel.other" },
  { pattern: /申请办结数/, metric: "requests.closed" },
  { pattern: /按时办结数/, metric: "requests.closed.on_time" },
  { pattern: /延期办结数/, metric: "requests.closed.late" },
  { pattern: /申请答复数|对申请的答复(?:总)?数|答复(?:申请)?总数/, metric: "requests.answered" },
  { pattern: /属于已主动公开范围/, metric: "requests.result.already_public" },
  { pattern: /不同意公开|否决公开|不予公开答复/, metric: "requests.result.withheld" },
  { pattern: /同意部分公开/, metric: "requests.result.partial" },
  { pattern: /同意公开/, metric: "requests.result.granted" },
  { pattern: /其他(?:类型)?答复/, metric: "requests.result.other_types" },
  { pattern: /涉及国家秘密/, metric: "requests.result.withheld.state_secret" },
  { pattern: /涉及商业秘密/, metric: "requests.result.withheld.commercial_secret" },
  { pattern: /涉及个人隐私/, metric: "requests.result.withheld.privacy" },
  { pattern: /危及国家安全/, metric: "requests.result.withheld.security_stability" },
  { pattern: /不是《?条例》?所指政府信息/, metric: "requests.result.withheld.not_gov_info" },
  { pattern: /法律法规规定的其他情形/, metric: "requests.result.withheld.legal_other" },
  { pattern: /不属于本(?:行政)?机关/, metric: "requests.result.not_this_agency" },
  { pattern: /(?:申请)?信息不存在/, metric: "requests.result.not_exist" },
  { pattern: /告知作出更改补充/, metric: "requests.result.needs_change" },
  { pattern: /告知通过其他途径办理/, metric: "requests.result.other_channel" },
  { pattern: /收费减免金额|减免(?:的)?(?:收费)?金额/, metric: "fees.waived" },
  { pattern: /行政复议数量|^(?:被申请|申请)?行政复议(?:数|案件数|件数)?$|^四、行政复议/, metric: "review.total" },
  { pattern: /行政诉讼数量|^(?:被提起|提起|被起诉)?行政诉讼(?:数|案件数|件数)?$|^五、行政诉讼/, metric: "litigation.total" },
  { pattern: /举报投诉数量|^六、举报投诉|^行政申诉(?:、举报)?数$|^行政申诉/, metric: "complaints.total" },
  { pattern: /维持具体行政行为|维持/, metric: "review.upheld", section: 4 },
  { pattern: /纠错/, metric: "review.corrected", section: 4 },
  { pattern: /其他情形/, metric: "review.other", section: 4 },
  { pattern: /维持具体行政行为|驳回原告|维持/, metric: "litigation.upheld", section: 5 },
  { pattern: /纠错/, metric: "litigation.corrected", section: 5 },
  { pattern: /其他情形/, metric: "litigation.other", section: 5 },
  { pattern: /维持/, metric: "complaints.upheld", section: 6 },
  { pattern: /纠错/, metric: "complaints.corrected", section: 6 },
  { pattern: /其他情形/, metric: "complaints.other", section: 6 },
  { pattern: /依申请公开信息收取的费用|收取的费用/, metric: "fees.requests" },
  { pattern: /专门机构数/, metric: "org.units" },
  { pattern: /查阅点接待/, metric: "org.reading_point_visitors" },
  { pattern: /查阅点数|查阅点$/, metric: "org.reading_points" },
  { pattern: /从事政府信息公开工作人员数|工作人员数/, metric: "staff.total" },
  { pattern: /专职人员数/, metric: "staff.fulltime" },
  { pattern: /兼职人员数/, metric: "staff.parttime" },
  { pattern: /信息公开(?:工作)?专项经费|^专项经费/, metric: "budget" },
  { pattern: /工作会议或专题会议数|召开.*会议/, metric: "meetings" },
  { pattern: /举办各类培训班数|培训班数/, metric: "training.sessions" },
  { pattern: /接受培训人员数|培训人员数/, metric: "training.trainees" },
];

/** Words that name an old 统计表 and start its header. */
export const STAT_HEADER_START = /指标名称|统计指标|统\s*计\s*指\s*标/;

/** Header cells of an old 统计表 that name no value column. */
export const STAT_HEADER_WORDS = ["序号", "统计指标", "指标名称", "计量单位", "单位", "项目", "备注", "指标"] as const;

/**
 * A value column's header: this year's figures, the running total, a part (市直单位…), last year's
 * figures printed beside them (上年度, or the older of two years), or the change between the two.
 */
export type StatColumnKind = "current" | "cumulative" | "part" | "previous" | "delta";

/** Headers of last year's column and of the change (上年度 | 增减). */
export const STAT_PREVIOUS = String.raw`上一?年度?|去年|上年同期|同期`;
export const STAT_DELTA = String.raw`(?:比上年|同比|较上年)?(?:增减(?:量|幅度?|情况)?|增长(?:率|幅度?)?|增幅)`;

/** The kind of a value column from its header text ("2011年度", "历年累计", "统计数", "市直单位", "上年度", "增减"). */
export function statColumnKind(header: string): StatColumnKind {
  if (/累计/.test(header)) return "cumulative";
  if (new RegExp(`^(?:${STAT_PREVIOUS})$`).test(header)) return "previous";
  if (new RegExp(`^(?:${STAT_DELTA})$`).test(header)) return "delta";
  if (/^(?:(?:19|20)\d{2}(?:年度?)?|本年(?:度)?|当年|统计数|数量|数值|合计|总计)$/.test(header)) return "current";
  return "part";
}
