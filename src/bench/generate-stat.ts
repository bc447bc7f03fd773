// The pre-2019 national 统计表 (统计指标 | 单位 | 统计数): its figures, consistent with the form's
// identities (收到申请 = 四个渠道, 办结 = 按时 + 延期, 答复 = 八类之和, 不同意公开 = 其中六项,
// 复议/诉讼/投诉 = 三个子项, 人员 = 专职 + 兼职), and its rows with the labels of the real form.
import type { Identity } from "./generate-identity.js";
import { disputeCount, requestCount, SCALES, thinWeights } from "./generate-scale.js";
import { decimal, type Rng } from "./random.js";

export interface StatRow {
  label: string;
  unit: string;
  /** Metric id of a value row; absent for a section heading. */
  metric?: string;
  /** The printed cell ("" = blank). */
  cell: string;
}

export interface StatTable {
  rows: StatRow[];
  /** Metric id → value of every printed (non-blank) value cell. */
  figures: Record<string, number>;
}

/** The figures of one 统计表, all consistent. Values in 万元 are decimals; the rest integers. */
export function statFigures(rng: Rng, id: Identity): Record<string, number> {
  const s = SCALES[id.level];
  const f: Record<string, number> = {};
  const put = (ids: readonly string[], values: readonly number[]) => ids.forEach((k, i) => (f[k] = values[i]!));

  // 一、主动公开
  const proactive = rng.logInt(s.proactive[0], s.proactive[1]);
  f["proactive.total"] = proactive;
  f["proactive.normative_docs_issued"] = rng.sparse(0.3, 1, Math.max(2, Math.round(proactive / 200)));
  f["proactive.normative_docs"] = Math.min(f["proactive.normative_docs_issued"]!, rng.logInt(0, f["proactive.normative_docs_issued"]! + 3));
  f["proactive.channel.gazette"] = id.level === "city" || rng.chance(0.3) ? rng.logInt(0, Math.round(proactive / 20)) : 0;
  f["proactive.channel.website"] = rng.logInt(Math.round(proactive / 3), proactive);
  f["proactive.channel.weibo"] = rng.sparse(0.35, 1, proactive);
  f["proactive.channel.wechat"] = rng.sparse(0.3, 1, Math.round(proactive / 2));
  f["proactive.channel.platform"] = rng.sparse(0.4, 1, Math.round(proactive / 3));
  f["proactive.channel.other"] = rng.sparse(0.3, 1, proactive);

  // 二、回应解读
  f["response.hotspots"] = rng.sparse(0.2, 1, Math.round(30 * s.org) + 5);
  f["response.press_conferences"] = rng.sparse(0.4, 1, Math.round(12 * s.org) + 1);
  f["response.press_conferences.leaders"] = rng.int(0, f["response.press_conferences"]!);
  f["response.interviews"] = rng.sparse(0.6, 1, Math.round(6 * s.org) + 1);
  f["response.interviews.leaders"] = rng.int(0, f["response.interviews"]!);
  f["response.interpretations"] = rng.sparse(0.25, 1, Math.round(60 * s.org) + 3);
  f["response.weibo_wechat"] = rng.sparse(0.4, 1, Math.round(80 * s.org) + 3);
  f["response.other"] = rng.sparse(0.5, 1, Math.round(20 * s.org) + 2);

  // 三、依申请公开
  const received = requestCount(rng, id.level);
  f["requests.received"] = received;
  put(
    ["requests.channel.in_person", "requests.channel.fax", "requests.channel.online", "requests.channel.letter"],
    rng.split(received, thinWeights(rng, [3, 0.1, 4, 2], 0.3)),
  );
  const closed = rng.chance(0.8) ? received : received - rng.int(0, Math.round(received / 20));
  const late = rng.chance(0.6) ? 0 : rng.int(0, Math.round(closed / 10));
  f["requests.closed"] = closed;
  f["requests.closed.late"] = late;
  f["requests.closed.on_time"] = closed - late;
  f["requests.answered"] = closed;
  const answers = rng.split(closed, thinWeights(rng, [4, 1, 1, 0.6, 1, 1.2, 0.6, 0.5], 0.35));
  const [alreadyPublic, granted, partial, withheld, notAgency, notExist, change, otherWay] = answers as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  f["requests.result.granted"] = granted;
  f["requests.result.already_public"] = alreadyPublic;
  f["requests.result.partial"] = partial;
  f["requests.result.withheld"] = withheld;
  put(
    [
      "requests.result.withheld.state_secret",
      "requests.result.withheld.commercial_secret",
      "requests.result.withheld.privacy",
      "requests.result.withheld.security_stability",
      "requests.result.withheld.not_gov_info",
      "requests.result.withheld.legal_other",
    ],
    rng.split(withheld, [0.3, 0.6, 0.8, 0.2, 1, 0.8]),
  );
  f["requests.result.not_this_agency"] = notAgency;
  f["requests.result.not_exist"] = notExist;
  f["requests.result.needs_change"] = change;
  f["requests.result.other_channel"] = otherWay;

  // 四、五、六 复议 / 诉讼 / 投诉
  for (const [base, factor] of [
    ["review", 1],
    ["litigation", 0.5],
    ["complaints", 1.5],
  ] as const) {
    const total = base === "complaints" ? rng.sparse(0.5, 1, Math.round(20 * s.org) + 2) : disputeCount(rng, id.level, received, factor);
    f[`${base}.total`] = total;
    put([`${base}.upheld`, `${base}.corrected`, `${base}.other`], rng.split(total, thinWeights(rng, [3, 1, 1.5], 0.3)));
  }

  // 七、收费 (万元), 八、机构人员经费, 九、会议培训
  f["fees.requests"] = rng.chance(0.85) ? 0 : Number(decimal(rng.int(1, 80) / 100, 2));
  f["org.units"] = Math.max(1, Math.round(rng.logInt(1, 60) * Math.min(1, s.org)));
  f["org.reading_points"] = Math.max(0, Math.round(rng.logInt(0, 40) * Math.min(1, s.org)));
  const full = rng.sparse(0.3, 1, Math.round(8 * s.org) + 1);
  const part = rng.logInt(1, Math.round(80 * s.org) + 2);
  put(["staff.total", "staff.fulltime", "staff.parttime"], [full + part, full, part]);
  f["budget"] = rng.chance(0.4) ? 0 : Number(decimal(rng.logInt(1, Math.round(300 * s.org) + 10) / 10, 1));
  f["meetings"] = rng.sparse(0.15, 1, Math.round(20 * s.org) + 2);
  f["training.sessions"] = rng.sparse(0.2, 1, Math.round(8 * s.org) + 1);
  f["training.trainees"] = f["training.sessions"] === 0 ? 0 : rng.int(f["training.sessions"]! * 5, f["training.sessions"]! * 120);
  return f;
}

const H = (label: string): StatRow => ({ label, unit: "——", cell: "" });
const V = (label: string, unit: string, metric: string): StatRow => ({ label, unit, metric, cell: "" });

/** The rows of the form in print order (cells filled in by statTable). */
function statLayout(rng: Rng): StatRow[] {
  const note = rng.chance(0.6);
  const platform = rng.chance(0.4);
  const complaintRows = rng.chance(0.35);
  const rows: StatRow[] = [
    H("一、主动公开情况"),
    V(`（一）主动公开政府信息数${note ? "（不同渠道和方式公开相同信息计1条）" : ""}`, "条", "proactive.total"),
    V("其中：主动公开规范性文件数", "条", "proactive.normative_docs"),
    V("制发规范性文件总数", "件", "proactive.normative_docs_issued"),
    H("（二）通过不同渠道和方式公开政府信息的情况"),
    V("1.政府公报公开政府信息数", "条", "proactive.channel.gazette"),
    V("2.政府网站公开政府信息数", "条", "proactive.channel.website"),
    V("3.政务微博公开政府信息数", "条", "proactive.channel.weibo"),
    V("4.政务微信公开政府信息数", "条", "proactive.channel.wechat"),
    ...(platform ? [V("5.政府信息公开统一平台公开政府信息数", "条", "proactive.channel.platform")] : []),
    V(`${platform ? 6 : 5}.其他方式公开政府信息数`, "条", "proactive.channel.other"),
    H("二、回应解读情况"),
    V(`（一）回应公众关注热点或重大舆情数${note ? "（不同方式回应同一热点或舆情计1次）" : ""}`, "次", "response.hotspots"),
    H("（二）通过不同渠道和方式回应解读的情况"),
    V("1.参加或举办新闻发布会总次数", "次", "response.press_conferences"),
    V("其中：主要负责同志参加新闻发布会次数", "次", "response.press_conferences.leaders"),
    V("2.政府网站在线访谈次数", "次", "response.interviews"),
    V("其中：主要负责同志参加政府网站在线访谈次数", "次", "response.interviews.leaders"),
    V("3.政策解读稿件发布数", "篇", "response.interpretations"),
    V("4.微博微信回应事件数", "次", "response.weibo_wechat"),
    V("5.其他方式回应事件数", "次", "response.other"),
    H("三、依申请公开情况"),
    V("（一）收到申请数", "件", "requests.received"),
    V("1.当面申请数", "件", "requests.channel.in_person"),
    V("2.传真申请数", "件", "requests.channel.fax"),
    V("3.网络申请数", "件", "requests.channel.online"),
    V("4.信函申请数", "件", "requests.channel.letter"),
    V("（二）申请办结数", "件", "requests.closed"),
    V("1.按时办结数", "件", "requests.closed.on_time"),
    V("2.延期办结数", "件", "requests.closed.late"),
    V("（三）申请答复数", "件", "requests.answered"),
    V("1.属于已主动公开范围数", "件", "requests.result.already_public"),
    V("2.同意公开答复数", "件", "requests.result.granted"),
    V("3.同意部分公开答复数", "件", "requests.result.partial"),
    V("4.不同意公开答复数", "件", "requests.result.withheld"),
    V("其中：涉及国家秘密", "件", "requests.result.withheld.state_secret"),
    V("涉及商业秘密", "件", "requests.result.withheld.commercial_secret"),
    V("涉及个人隐私", "件", "requests.result.withheld.privacy"),
    V("危及国家安全、公共安全、经济安全和社会稳定", "件", "requests.result.withheld.security_stability"),
    V("不是《条例》所指政府信息", "件", "requests.result.withheld.not_gov_info"),
    V("法律法规规定的其他情形", "件", "requests.result.withheld.legal_other"),
    V("5.不属于本行政机关公开数", "件", "requests.result.not_this_agency"),
    V("6.申请信息不存在数", "件", "requests.result.not_exist"),
    V("7.告知作出更改补充数", "件", "requests.result.needs_change"),
    V("8.告知通过其他途径办理数", "件", "requests.result.other_channel"),
    V("四、行政复议数量", "件", "review.total"),
    V("（一）维持具体行政行为数", "件", "review.upheld"),
    V("（二）被依法纠错数", "件", "review.corrected"),
    V("（三）其他情形数", "件", "review.other"),
    V("五、行政诉讼数量", "件", "litigation.total"),
    V("（一）维持具体行政行为或者驳回原告诉讼请求数", "件", "litigation.upheld"),
    V("（二）被依法纠错数", "件", "litigation.corrected"),
    V("（三）其他情形数", "件", "litigation.other"),
    V("六、举报投诉数量", "件", "complaints.total"),
    ...(complaintRows
      ? [
          V("（一）维持具体行政行为数", "件", "complaints.upheld"),
          V("（二）被纠错数", "件", "complaints.corrected"),
          V("（三）其他情形数", "件", "complaints.other"),
        ]
      : []),
    V("七、依申请公开信息收取的费用", "万元", "fees.requests"),
    H("八、机构建设和保障经费情况"),
    V("（一）政府信息公开工作专门机构数", "个", "org.units"),
    V("（二）设置政府信息公开查阅点数", "个", "org.reading_points"),
    V("（三）从事政府信息公开工作人员数", "人", "staff.total"),
    V("1.专职人员数（不包括政府公报及政府网站工作人员数）", "人", "staff.fulltime"),
    V("2.兼职人员数", "人", "staff.parttime"),
    V("（四）政府信息公开专项经费（不包括用于政府公报编辑管理及政府网站建设维护等方面的经费）", "万元", "budget"),
    H("九、政府信息公开会议和培训情况"),
    V("（一）召开政府信息公开工作会议或专题会议数", "次", "meetings"),
    V("（二）举办各类培训班数", "次", "training.sessions"),
    V("（三）接受培训人员数", "人次", "training.trainees"),
  ];
  return rows;
}

/** Heading rows that some reports fill with the sum of the section (seed 002 does). */
const HEADING_SUMS: Record<string, readonly string[]> = {
  "一、主动公开情况": ["proactive.total"],
  "（二）通过不同渠道和方式公开政府信息的情况": [
    "proactive.channel.gazette",
    "proactive.channel.website",
    "proactive.channel.weibo",
    "proactive.channel.wechat",
    "proactive.channel.platform",
    "proactive.channel.other",
  ],
  "（二）通过不同渠道和方式回应解读的情况": [
    "response.press_conferences",
    "response.interviews",
    "response.interpretations",
    "response.weibo_wechat",
    "response.other",
  ],
  "八、机构建设和保障经费情况": ["org.units"],
  "九、政府信息公开会议和培训情况": ["meetings", "training.sessions"],
};

/** The printed table: rows with cells, and the figures of the non-blank cells. */
export function statTable(rng: Rng, figures: Record<string, number>): StatTable {
  const rows = statLayout(rng);
  const headingSums = rng.chance(0.15);
  const blankZeros = rng.chance(0.08);
  const printed: Record<string, number> = {};
  for (const row of rows) {
    if (!row.metric) continue;
    const v = figures[row.metric] ?? 0;
    if (v === 0 && blankZeros && rng.chance(0.5)) continue; // blank cell: not 0, not in the truth
    row.cell = String(v);
    printed[row.metric] = v;
  }
  // Headings filled with the sum of what the section prints (channels add up to their heading).
  for (const row of rows) {
    const sum = HEADING_SUMS[row.label];
    if (!row.metric && headingSums && sum) row.cell = String(sum.reduce((a, k) => a + (printed[k] ?? 0), 0));
  }
  return { rows, figures: printed };
}
