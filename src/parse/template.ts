// The report templates as data: which printed label is which metric, in which order the cells of
// each table come, which identities (勾稽关系) hold. Patterns run on a label with all white space
// removed and brackets normalised to ASCII "(" ")".

/** A row of the pre-2019 统计表. `section` limits a generic label (维持…) to its part (四/五/六). */
export interface StatRow {
  pattern: RegExp;
  metric: string;
  section?: number;
}

/** Rows of the pre-2019 统计表 (first match wins, so specific labels come first). */
export const STAT2016_ROWS: readonly StatRow[] = [
  { pattern: /主动公开规范性文件数/, metric: "proactive.normative_docs" },
  { pattern: /制发规范性文件/, metric: "proactive.normative_docs_issued" },
  { pattern: /主动公开政府信息数/, metric: "proactive.total" },
  { pattern: /政府公报公开/, metric: "proactive.channel.gazette" },
  { pattern: /(?:政府网站|门户网站|信息公开网).*公开政府信息数/, metric: "proactive.channel.website" },
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
  { pattern: /收到申请数/, metric: "requests.received" },
  { pattern: /当面申请数/, metric: "requests.channel.in_person" },
  { pattern: /传真申请数/, metric: "requests.channel.fax" },
  { pattern: /网络申请数|网上申请数/, metric: "requests.channel.online" },
  { pattern: /信函申请数/, metric: "requests.channel.letter" },
  { pattern: /申请办结数/, metric: "requests.closed" },
  { pattern: /按时办结数/, metric: "requests.closed.on_time" },
  { pattern: /延期办结数/, metric: "requests.closed.late" },
  { pattern: /申请答复数/, metric: "requests.answered" },
  { pattern: /属于已主动公开范围/, metric: "requests.result.already_public" },
  { pattern: /不同意公开/, metric: "requests.result.withheld" },
  { pattern: /同意部分公开/, metric: "requests.result.partial" },
  { pattern: /同意公开/, metric: "requests.result.granted" },
  { pattern: /涉及国家秘密/, metric: "requests.result.withheld.state_secret" },
  { pattern: /涉及商业秘密/, metric: "requests.result.withheld.commercial_secret" },
  { pattern: /涉及个人隐私/, metric: "requests.result.withheld.privacy" },
  { pattern: /危及国家安全/, metric: "requests.result.withheld.security_stability" },
  { pattern: /不是《?条例》?所指政府信息/, metric: "requests.result.withheld.not_gov_info" },
  { pattern: /法律法规规定的其他情形/, metric: "requests.result.withheld.legal_other" },
  { pattern: /不属于本行政机关/, metric: "requests.result.not_this_agency" },
  { pattern: /申请信息不存在/, metric: "requests.result.not_exist" },
  { pattern: /告知作出更改补充/, metric: "requests.result.needs_change" },
  { pattern: /告知通过其他途径办理/, metric: "requests.result.other_channel" },
  { pattern: /行政复议数量|^四、行政复议/, metric: "review.total" },
  { pattern: /行政诉讼数量|^五、行政诉讼/, metric: "litigation.total" },
  { pattern: /举报投诉数量|^六、举报投诉/, metric: "complaints.total" },
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
  { pattern: /信息公开(?:工作)?专项经费|^\(?[一二三四五六七八九十]*\)?专项经费/, metric: "budget" },
  { pattern: /工作会议或专题会议数|召开.*会议/, metric: "meetings" },
  { pattern: /举办各类培训班数|培训班数/, metric: "training.sessions" },
  { pattern: /接受培训人员数|培训人员数/, metric: "training.trainees" },
];

/** Section headings of the 统计表 ("一、主动公开情况"): they carry no value of their own. */
export const STAT_SECTION = /^([一二三四五六七八九十]{1,3})、/;

export const CHINESE_ORDINAL: Record<string, number> = {
  一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11, 十二: 12, 十三: 13,
};

// ── 表三 收到和处理政府信息公开申请情况 (2019 / 2021) ─────────────────────────────────────────────

/** A row label of 表三. `header` rows carry no values in the official template. */
export interface ApplicationRow {
  key: string;
  metric: string;
  pattern: RegExp;
  header?: boolean;
  /** Only in the 2021 template ((六)其他处理 split in three). */
  only2021?: boolean;
}

export const APPLICATION_ROWS: readonly ApplicationRow[] = [
  { key: "new_received", metric: "requests.received", pattern: /本年新收/ },
  { key: "carried_over", metric: "requests.carried_over", pattern: /上年结转/ },
  { key: "granted", metric: "requests.result.granted", pattern: /予以公开/ },
  { key: "partial", metric: "requests.result.partial", pattern: /部分公开/ },
  { key: "withheld", metric: "requests.result.withheld", pattern: /\(三\)不予?(?:公开)?$|^不予公开$/, header: true },
  { key: "withheld.state_secret", metric: "requests.result.withheld.state_secret", pattern: /国家秘密/ },
  { key: "withheld.other_law", metric: "requests.result.withheld.other_law", pattern: /其他法律/ },
  { key: "withheld.security_stability", metric: "requests.result.withheld.security_stability", pattern: /三安全一稳定/ },
  { key: "withheld.third_party", metric: "requests.result.withheld.third_party", pattern: /第三方合法权益/ },
  { key: "withheld.internal_affairs", metric: "requests.result.withheld.internal_affairs", pattern: /三类内部事务/ },
  { key: "withheld.process_info", metric: "requests.result.withheld.process_info", pattern: /四类过程性/ },
  { key: "withheld.enforcement_file", metric: "requests.result.withheld.enforcement_file", pattern: /行政执法案卷/ },
  { key: "withheld.admin_query", metric: "requests.result.withheld.admin_query", pattern: /行政查询事项/ },
  { key: "unable", metric: "requests.result.unable", pattern: /\(四\)无(?:法提供)?$/, header: true },
  { key: "unable.not_held", metric: "requests.result.unable.not_held", pattern: /不掌握/ },
  { key: "unable.needs_creation", metric: "requests.result.unable.needs_creation", pattern: /没有现成信息/ },
  { key: "unable.still_unclear", metric: "requests.result.unable.still_unclear", pattern: /补正后申请内容/ },
  { key: "not_processed", metric: "requests.result.not_processed", pattern: /\(五\)不(?:予处理)?$/, header: true },
  { key: "not_processed.petition_complaint", metric: "requests.result.not_processed.petition_complaint", pattern: /信访举报投诉/ },
  { key: "not_processed.duplicate", metric: "requests.result.not_processed.duplicate", pattern: /重复申请/ },
  { key: "not_processed.publication", metric: "requests.result.not_processed.publication", pattern: /公开出版物/ },
  { key: "not_processed.mass_repeat", metric: "requests.result.not_processed.mass_repeat", pattern: /大量反复/ },
  { key: "not_processed.confirm_reissue", metric: "requests.result.not_processed.confirm_reissue", pattern: /要求行政机关确认|重新出具/ },
  // (六)其他处理 is a value row in 2019 and a header over three rows in 2021 (decided per table).
  { key: "other", metric: "requests.result.other", pattern: /\(六\)其(?:他处理)?$|\(六\)其他处理/ },
  { key: "other.no_correction", metric: "requests.result.other.no_correction", pattern: /逾期不补正|无正当理由逾期/, only2021: true },
  { key: "other.fee_unpaid", metric: "requests.result.other.fee_unpaid", pattern: /逾期未按收费|缴纳费用/, only2021: true },
  { key: "other.misc", metric: "requests.result.other.misc", pattern: /^3[.、]其他$/, only2021: true },
  { key: "total", metric: "requests.result.total", pattern: /\(七\)总计|^七[、.]总计/ },
  { key: "carried_forward", metric: "requests.carried_forward", pattern: /结转下年度/ },
];

/** The seven value columns of 表三 in template order; `total` has no slice. */
export const APPLICANT_COLUMNS = ["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org", "total"] as const;

// ── 表四 行政复议、行政诉讼 (15 columns, one row) ────────────────────────────────────────────────
export const REVIEW_COLUMNS = [
  "review.upheld", "review.corrected", "review.other", "review.pending", "review.total",
  "litigation.direct.upheld", "litigation.direct.corrected", "litigation.direct.other", "litigation.direct.pending", "litigation.direct.total",
  "litigation.after_review.upheld", "litigation.after_review.corrected", "litigation.after_review.other", "litigation.after_review.pending", "litigation.after_review.total",
] as const;

// ── 表二 第二十条 (2019 and 2021 columns differ) ─────────────────────────────────────────────────
export interface Art20Row {
  key: string;
  pattern: RegExp;
  /** Sub-table: rows of one group share a header and its columns. */
  group: number;
  cols2019?: readonly string[];
  cols2021?: readonly string[];
  /** Unit the template prints for the cells (2021 收费 is 万元). */
  unit2019?: readonly string[];
  unit2021?: readonly string[];
}

export const ART20_ROWS: readonly Art20Row[] = [
  { key: "rules", pattern: /^规章$/, group: 1, cols2019: ["new_made", "new_published", "total_published"], cols2021: ["issued", "repealed", "in_force"] },
  { key: "normative_docs", pattern: /规范性文件$/, group: 1, cols2019: ["new_made", "new_published", "total_published"], cols2021: ["issued", "repealed", "in_force"] },
  { key: "licensing", pattern: /^行政许可$/, group: 5, cols2019: ["prev_items", "delta", "decisions"], cols2021: ["decisions"] },
  { key: "other_services", pattern: /^其他对外管理(?:服务事项)?$/, group: 5, cols2019: ["prev_items", "delta", "decisions"] },
  { key: "penalty", pattern: /^行政处罚$/, group: 6, cols2019: ["prev_items", "delta", "decisions"], cols2021: ["decisions"] },
  { key: "coercion", pattern: /^行政强制$/, group: 6, cols2019: ["prev_items", "delta", "decisions"], cols2021: ["decisions"] },
  { key: "fees", pattern: /^行政事业性收费$/, group: 8, cols2019: ["prev_items", "delta"], cols2021: ["amount"] },
  { key: "procurement", pattern: /^政府集中采购$/, group: 9, cols2019: ["items", "amount"] },
];

/** Units of 表二 cells by column. */
export const ART20_UNITS: Record<string, string> = {
  new_made: "件", new_published: "件", total_published: "件", issued: "件", repealed: "件", in_force: "件",
  prev_items: "项", delta: "项", decisions: "件", amount: "万元", items: "",
};

/** Column headers that identify the generation of 表二. */
export const ART20_2021_HEADERS = /本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额/;
export const ART20_2019_HEADERS = /本年新制作|本年新公开|对外公开总数量|上一年项目数量|本年增\/减|采购项目数量|采购总金额/;
