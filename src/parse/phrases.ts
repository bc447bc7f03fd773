// How the prose names each metric: the one vocabulary narrative.ts reads figures with. A figure is a
// quantity (quantities.ts) in a clause that names a metric, whatever words stand between them
// ("共收到公民、法人或其他组织提出的政府信息公开申请12件", "本年度全区共收到70件申请"). In the
// patterns below "#" stands for the quantity and the text is the quantity's clause, cut at its
// neighbouring quantities; the metric ids are those of the registry (metrics.ts).

/** What a breakdown figure belongs to: the topic word nearest before it (申请, 复议, 诉讼). */
export type Topic = "requests" | "review" | "litigation";

export interface MetricPhrase {
  metric: string;
  /**
   * Ways the clause names the metric, strongest first: each a list of patterns that must all
   * occur; the first pattern is the key word whose distance to the quantity counts. A weaker way
   * loses to a stronger one elsewhere in the report ("发布政策解读信息1870条" over "解读信息300多条").
   */
  names: readonly (readonly RegExp[])[];
  /** Units the metric is counted in ("申请21条" in the old reports). */
  units: readonly string[];
  /** The clause counts something else ("作为依申请公开信息数46条" is a classification). */
  not?: RegExp;
  /**
   * The sentence is about something else (the service hall, 12345) unless the clause itself
   * says 信息公开: "窗口服务大厅…共受理申请136437件" is not a disclosure request.
   */
  offTopic?: RegExp;
  /** A part of a breakdown: the topic word nearest before the quantity must be this one. */
  topic?: Topic;
  /** Said only in a passage about disclosure (the sentence, the one before, or the section title). */
  disclosure?: boolean;
  /** The clause says there was none ("未收到…申请", "行政复议和行政诉讼均为0"): the figure is 0. */
  none?: RegExp;
}

const COUNT = ["件", "条", "个", "份", "宗"];
/** Applications that are not disclosure requests: the service hall, licences, 12345, letters and visits. */
const OTHER_APPLICATIONS = /审批|窗口|服务大厅|政务服务|行政服务|便民服务|12345|热线|诉求|信访|建议|提案|留言|许可|办件|收件|低保|补贴|救助/;
const CASES = ["件", "起", "宗", "份", "次", "条"];
/** A clause that counts the requests received, whatever channel it names. */
const RECEIVED = /收到|受理|接收|接到/;
/** No, none: 未收到, 没有发生, 无因…, 未被提起. */
const NO = String.raw`(?:(?:(?<!尚)未(?!经)|没有)(?:被)?(?:收到|发生|出现|产生|接到|涉及|有|提起|申请)?|无(?=因|政府|涉及|行政|相关|有关|被))`;
const ZERO = String.raw`(?:均|都|皆)?(?:为|是)(?:0|零)(?:件|起|宗)?(?![\d.])`;

const REVIEW_NONE = new RegExp(String.raw`${NO}[^，,。；;:：未]{0,30}?行政复议|行政复议[^，,。；;#]{0,12}?${ZERO}`);
// (行政复议、诉讼: the two named with 行政 once.)
const LITIGATION_NONE = new RegExp(String.raw`${NO}[^，,。；;:：未]{0,40}?(?:行政诉讼|起诉|复议[、和及与]诉讼)|行政诉讼[^，,。；;#]{0,6}?${ZERO}`);

export const PHRASES: readonly MetricPhrase[] = [
  // ── 依申请公开 ────────────────────────────────────────────────────────────────────────────
  {
    metric: "requests.received",
    names: [
      [/收到|受理|接收|接到|新收|办理/, /申请/],
      [/政府信息公开申请(?:数|总数|数量)?(?:共|共计|总计|合计|为|达)#/],
      [/依申请公开(?:政府)?信息(?:共|共计|总计)?#/],
    ],
    units: COUNT,
    not: /复议|诉讼|作为依申请|制作|获取|结转|顺延|办结|答复|按时|按期|延期|不予|同意|部分公开|予以公开|转办|当面|网上申请|信函申请数|传真|电子邮件/,
    offTopic: OTHER_APPLICATIONS,
    disclosure: true,
    // (无政府信息公开申请: 无 right before the request itself; not 无正当理由…申请, a row of 表三.)
    none: /(?:未|没有)(?:收到|受理|接到|接收|发生)[^，,。；;]{0,24}?申请|(?:^|[，,。；;]|全年|本年度?|今年)无(?:政府信息公开|信息公开|依申请公开(?:政府信息)?)的?申请|^无(?:政府信息)?依申请公开|(?:申请|依申请公开)[^，,。；;#]{0,8}?(?:数量)?(?:均|都)?为(?:0|零)(?![\d.])/,
  },
  { metric: "requests.carried_over", names: [[/上年(?:度)?结转/]], units: COUNT },
  // How the requests came (the old 统计表's channels): "其中当面申请12件，网上申请6件". A clause that
  // says 收到 / 受理 counts the requests received ("收到有关政府信息公开的信函申请1条" is all of them),
  // and 信函 and 传真 named together are the one row 信函、传真申请数.
  ...(
    [
      ["in_person", /(?:当面|现场|窗口)(?:申请|提交|提出)/, null],
      ["online", /(?:网上|网络|互联网|在线|网站)(?:申请|提交|提出)/, null],
      ["letter", /(?:信函|来信|邮寄)(?:申请|提交|提出)/, "传真"],
      ["fax", /传真(?:申请|提交|提出)/, "信函"],
      ["email", /(?:电子)?邮件(?:申请|提交|提出)/, null],
    ] as const
  ).map(
    ([channel, name, other]): MetricPhrase => ({
      metric: `requests.channel.${channel}`,
      names: [[name]],
      units: COUNT,
      not: other ? new RegExp(`${other}|${RECEIVED.source}`) : RECEIVED,
      topic: "requests",
      offTopic: OTHER_APPLICATIONS,
      disclosure: true,
    }),
  ),
  {
    metric: "requests.carried_forward",
    names: [[/(?:结转|顺延|转入)(?:到|至)?下(?:一)?年/], [/(?:结转|顺延)(?:到|至)?(?:\d{4}年|明年)/]],
    units: COUNT,
  },
  {
    metric: "requests.result.total",
    names: [[/办结|办理完毕|作出答复|予以答复|答复(?:总数|数)?/]],
    units: COUNT,
    not: /按时|按期|延期|逾期|同意|不予|部分|转办|主动公开范围|结转|顺延/,
    topic: "requests",
    offTopic: OTHER_APPLICATIONS,
  },
  {
    metric: "requests.result.granted",
    names: [[/予以公开|同意公开|全部公开/]],
    units: COUNT,
    not: /部分|不同意|不予|主动公开范围/,
    topic: "requests",
    offTopic: OTHER_APPLICATIONS,
  },
  {
    metric: "requests.result.partial",
    names: [[/部分公开/]],
    units: COUNT,
    not: /(?:予以|同意)公开(?:及|和|与|、)/,
    topic: "requests",
    offTopic: OTHER_APPLICATIONS,
  },
  { metric: "requests.result.withheld", names: [[/不予公开|不同意公开/]], units: COUNT, not: /信息数/, topic: "requests", offTopic: OTHER_APPLICATIONS },
  { metric: "requests.result.unable", names: [[/无法提供/]], units: COUNT, topic: "requests", offTopic: OTHER_APPLICATIONS },
  { metric: "requests.result.not_processed", names: [[/不予处理/]], units: COUNT, topic: "requests", offTopic: OTHER_APPLICATIONS },
  { metric: "requests.result.other", names: [[/其他处理/]], units: COUNT, topic: "requests", offTopic: OTHER_APPLICATIONS },
  // the 2008/2016 outcomes the 2019/2021 templates fold into others
  { metric: "requests.result.already_public", names: [[/已?主动公开(?:的)?范围|已主动公开/]], units: COUNT, topic: "requests", offTopic: OTHER_APPLICATIONS },
  {
    metric: "requests.result.not_this_agency",
    names: [[/不属于本(?:行政)?机关|非本(?:行政)?机关/]],
    units: COUNT,
    topic: "requests",
    offTopic: OTHER_APPLICATIONS,
  },
  { metric: "requests.result.not_exist", names: [[/信息不存在/]], units: COUNT, topic: "requests", offTopic: OTHER_APPLICATIONS },

  // ── 主动公开 ──────────────────────────────────────────────────────────────────────────────
  {
    metric: "proactive.channel.website",
    names: [[/网站|门户网|政府网/, /公开|发布|更新/]],
    units: ["条", "篇"],
    not: /主动|采购|招聘|招标|投标|专栏|栏目|依申请|访问|上报|报送|转载|点击|浏览|留言|微博|微信|解读/,
  },
  { metric: "proactive.channel.weibo", names: [[/微博/]], units: ["条", "篇"], not: /粉丝|关注|转发|阅读|评论|留言|访问|账号|回应|微信/ },
  { metric: "proactive.channel.wechat", names: [[/微信/]], units: ["条", "篇"], not: /粉丝|关注|转发|阅读|评论|留言|访问|账号|回应|微博|招聘/ },
  {
    metric: "proactive.total",
    names: [[/主动(?:公开|发布)/, /信息|文件/], [/(?:全(?:区|县|市|镇|乡|省|年)|本(?:机关|单位|年度)|年内)[^#]{0,8}(?:公开|发布)[^#]{0,6}政府信息/]],
    units: ["条", "件"],
    not: /采购|招标|投标|项目|类信息|类的|清单|解读|简报|专栏|栏目|依申请|作为|公开办|目录|访问|微博|微信|网站群|竞价|征地|重点领域/,
  },

  // ── 回应解读 ──────────────────────────────────────────────────────────────────────────────
  {
    metric: "response.interpretations",
    names: [[/政策(?:文件)?解读|解读(?:稿件|文章|材料)|文件解读/], [/解读/]],
    units: ["条", "篇", "个", "期", "件", "次", "份"],
    not: /目录|清单|解读会|一书|宣传册|访谈/,
  },
  {
    metric: "response.hotspots",
    names: [[/回应/, /关切|热点|舆情|关注/]],
    units: ["次", "条", "件", "个"],
    // "(不同方式回应同一热点或舆情计1次)" is the table's counting rule
    not: /留言|诉求|建议|提案|解读|计#|同一/,
  },
  { metric: "response.press_conferences", names: [[/发布会/]], units: ["场", "次", "期"] },
  { metric: "response.interviews", names: [[/访谈/]], units: ["次", "期", "场"], not: /培训/ },

  // ── 行政复议 / 行政诉讼 ──────────────────────────────────────────────────────────────────────
  { metric: "review.total", names: [[/行政复议|复议申请|复议案件/]], units: CASES, disclosure: true, none: REVIEW_NONE },
  { metric: "review.upheld", names: [[/维持|驳回/]], units: CASES, topic: "review" },
  { metric: "review.corrected", names: [[/纠正|纠错|撤销|确认违法/]], units: CASES, topic: "review" },
  { metric: "review.other", names: [[/其他(?:结果|情形)/]], units: CASES, topic: "review" },
  { metric: "review.pending", names: [[/尚未审结|未审结|正在审理|审理中/]], units: CASES, topic: "review" },
  { metric: "litigation.total", names: [[/行政诉讼|诉讼案件|起诉|应诉/]], units: CASES, disclosure: true, none: LITIGATION_NONE },
  { metric: "litigation.upheld", names: [[/维持|驳回|胜诉/]], units: CASES, topic: "litigation" },
  { metric: "litigation.corrected", names: [[/纠正|纠错|撤销|败诉|确认违法/]], units: CASES, topic: "litigation" },
  { metric: "litigation.other", names: [[/其他(?:结果|情形)/]], units: CASES, topic: "litigation" },
  { metric: "litigation.pending", names: [[/尚未审结|未审结|正在审理|审理中/]], units: CASES, topic: "litigation" },

  // ── 收费, 机构人员, 会议培训, 经费 ──────────────────────────────────────────────────────────
  {
    metric: "fees.info_processing",
    names: [[/信息处理费/]],
    units: ["元", "万元"],
    none: /(?:未|没有|无|不|均未)(?:收取|产生|征收)[^，,。；;]{0,12}?信息处理费|信息处理费[^，,。；;#]{0,8}?(?:为|是)(?:0|零)(?![\d.])/,
  },
  {
    metric: "fees.requests",
    names: [[/收取[^#]{0,12}费用|收费(?:金额|总额|共计|合计)/]],
    units: ["元", "万元"],
    not: /信息处理费|事业性/,
    // 未收取任何费用, 未向申请人收取检索、复制费, 未收取政府信息公开相关费用.
    none: /(?:未|没有|无|不|暂不|均未|免)(?:向[^，,。；;]{1,8}?)?收(?:取)?[^，,。；;收]{0,14}?(?:费用|费)(?!处理)/,
  },
  { metric: "staff.total", names: [[/工作人员|从事[^#]{0,14}人员|经办人员|工作队伍/]], units: ["人", "名"], not: /专职|兼职/ },
  { metric: "staff.fulltime", names: [[/专职/]], units: ["人", "名"] },
  { metric: "staff.parttime", names: [[/兼职/]], units: ["人", "名"] },
  { metric: "org.units", names: [[/专门机构|工作机构/]], units: ["个", "家"] },
  { metric: "org.reading_points", names: [[/查阅点|查阅场所|查阅室|查阅中心/]], units: ["个", "处"], not: /接待|访问/ },
  { metric: "meetings", names: [[/会议|专题会/, /召开|举行|组织/]], units: ["次", "场", "期"], not: /培训|发布会|新闻|常务会议|听证/ },
  { metric: "training.sessions", names: [[/培训/]], units: ["次", "期", "场"] },
  { metric: "training.trainees", names: [[/培训/]], units: ["人次", "人", "名"] },
  { metric: "budget", names: [[/经费/]], units: ["万元", "元"], not: /三公|预算|决算|财政|专项资金|行政经费/ },
];

/** The clause speaks of a part of the issuer (各乡镇, 区直各部门), not of the report's own total. */
export const SUB_UNIT = /各(?:乡镇|乡|镇|街道|街办|部门|单位|县区|县市区|区县|县|区|委办局)(?!级)|[区县市]直(?:各)?(?:部门|单位)|[区县市]直、/;

/** The passage is about disclosure (for figures that other work also counts: 申请, 行政复议). */
export const DISCLOSURE = /信息公开|依申请|公开申请|政务公开/;

/** What a report calls itself: …政府信息公开工作年度报告, …政务公开工作总结, …信息公开年报 (meta.ts, page.ts). */
export const REPORT_NAME =
  /(?:政府信息与政务公开|政府信息公开和政务公开|政府信息公开|政务公开|信息公开)(?:工作)?(?:年度)?(?:工作)?(?:的)?(?:情况)?(?:年度报告|年报|报告|总结)/g;
