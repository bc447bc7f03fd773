// How people ask, in the template's words: everyday wording (打官司, 办完, 手里没有, 网上提交) rewritten
// to the words the templates print (行政诉讼, 办结, 不掌握, 网络申请) before a question is matched to
// the registry's metrics and to a report's prose. Question side only: report text is never rewritten.
// Words the reports themselves vary (访问量, 点击量, 浏览量) are left as typed: the prose is matched
// on them directly.

/**
 * Everyday wording → template word, applied in order (a later rule does not see what an earlier one
 * wrote when a lookbehind guards it). Each rule is a way people speak of one concept of the
 * templates, never the wording of one question.
 */
const EVERYDAY: readonly [RegExp, string][] = [
  // 表四's two kinds of lawsuit: after a review, or straight to court.
  [
    /复议(?:之后|以后|后|完(?:了|之后|以后|后)?|结束(?:了|后)?)(?:又|再|还|仍|才)?(?:去|到法院)?(?:起诉|打官司|告状?|上法庭|提起(?:行政)?诉讼|行政诉讼|诉讼)/g,
    "复议后起诉",
  ],
  [
    /(?:没有|没|未|不)经(?:过)?(?:行政)?复议(?:就|而)?(?:直接)?(?:起诉|打官司|告状?|上法庭|提起(?:行政)?诉讼|行政诉讼)|直接(?:去|到法院)?(?:起诉|打官司|告状?|上法庭)/g,
    "直接起诉",
  ],
  // Being sued: 打官司, 被告上法庭, 告政府. 报告, 告知, 公告 are no lawsuit.
  [
    /打(?:了|过)?(?:几|多少)?(?:个|场|起|次)?官司|(?:被|状)告(?:上法庭|到法院|上法院)?|告(?:上|到)法(?:庭|院)|告(?:了|过)?(?:[区县市镇乡]?政府|行政机关|机关)|(?<=有人|谁|被人)告(?:了|过)?|上法庭|(?<!复议后|直接)起诉|提起诉讼|吃官司|官司/g,
    "行政诉讼",
  ],
  // Not corrected (没被纠正, 未被撤销): the act upheld, as the government won; before 被纠正 is read.
  [/(?:没有?|未)(?:被)?(?:依法)?(?:纠正|纠错|撤销|改判)/g, "维持"],
  // A review or lawsuit the government lost: its act was corrected.
  [/被(?:依法)?(?:纠正|纠错|撤销|改正|改判|确认违法|改(?![革善进造建制组])(?:了|掉|变)?)|撤销|改正|改判|确认违法|(?:官司)?(?:打)?输了|输掉|判输/g, "纠正"],
  [/(?:官司)?(?:打)?赢了|打赢|被维持|维持原(?:决定|行为)?/g, "维持"],
  // Refused: 拒绝公开, 不给公开 (2008 tables: 否决公开; 2019/2021: 不予公开); a request 驳回 too (a
  // review's or a lawsuit's 驳回 is the registry's 维持: left as typed there).
  [/拒绝(?:了)?(?:公开)?|不给(?:予)?公开|没(?:有)?给(?:予)?公开|不让公开|不准公开|不肯公开|被拒(?:绝)?/g, "不予公开"],
  [/(?<=申请[^，。？?复诉]{0,8})(?:被)?驳回(?![^，。？?]{0,8}(?:复议|诉讼|起诉))/g, "不予公开"],
  // Granted, in whole or in part: 给公开了, 公开了一部分.
  [/(?:公开|给)了?一部分|部分(?:给|予以)?公开/g, "部分公开"],
  [/(?<![不没未])(?:全部|都|同意)?给(?:予)?(?:了)?(?:申请人|群众|他们|人家|老百姓)?公开/g, "予以公开"],
  // The agency does not hold it: 手里没有, 没有这个信息, 查无.
  [
    /手(?:里|上|头)(?:没有|没)(?:这个|这些|该|相关)?(?:信息|资料)?|(?<!有)没有(?:这个|这些|该|相关|此|所申请的?)(?:政府)?(?:信息|资料)|查无(?:此)?(?:信息)?|找不到(?:相关)?(?:信息|资料)|不掌握/g,
    "不掌握",
  ],
  // Could not be given: 没能提供, 提供不了 (2019/2021: 无法提供).
  [/(?:没有?|未)(?:能|法)?提供|提供不了|给不了/g, "无法提供"],
  // Asking for a review: 申请复议 is a review, not a request for information.
  [/(?:申请|提起|提出|要求)(?:了)?(?:行政)?复议/g, "行政复议"],
  // Looked at a page: 看过, 看了 (the prose says 访问量, 点击量, 浏览量 — those stay as typed).
  [/(?:看过|看了|查看过|点开过?)/g, "访问"],
  // Left over: from last year (上年结转), a review or lawsuit not decided (尚未审结), carried into next year (结转下年度).
  [
    /(?:上一?年度?|去年)(?:还)?(?:没|未)(?:有)?(?:办完|办结|处理完|答复完?)(?:的)?|(?:上一?年度?|去年)(?:剩下|遗留|留下)(?:来)?(?:的)?|(?:上一?年度?|去年)?(?:结转|转)过来(?:的)?|去年结转/g,
    "上年结转",
  ],
  [/(?<=(?:复议|诉讼|官司|起诉)[^，。？?]{0,6})(?:还|仍|尚)?(?:没|未)(?:有)?(?:结案|审结|判(?:决|下来)?|审完|出结果|结束|办完|办结|了结)/g, "尚未审结"],
  [/(?:还|仍|尚)?(?:没|未)(?:有)?(?:结案|审结|审完|判(?:决|下来)?)(?=的?(?:行政)?(?:复议|诉讼|官司|案))/g, "尚未审结"],
  [
    /(?:年底|年末)?(?:还|仍)?(?:没|未)(?:有)?(?:办完|办结|处理完|答复)(?:的)?(?:[^，。？?]{0,4}?(?:转到|留到|结转到?|转入)(?:明年|下一?年度?))?|(?:转到|留到|结转到?|转入)(?:明年|下一?年度?)/g,
    "结转下年度",
  ],
  // Done: 办完, 处理完 (2008/2016: 办结; 2019/2021: 办理结果).
  [/办完|办理完(?:毕|成)?|处理完(?:毕|成)?|答复完(?:毕)?|办结了|已办结|办好了/g, "办结"],
  // How a request came: by letter (寄信), in person (上门), by e-mail (发邮件).
  [/寄信|写信|邮寄|寄来|信件/g, "信函"],
  [/上门|现场|到窗口|亲自来/g, "当面"],
  [/发(?:了)?(?:电子)?邮件|电邮|email/gi, "电子邮件"],
  // Done late or on time: 超期才办完 (延期办结); 逾期不补正 is another row.
  [/(?:超过期限|超期|过了期限|延长(?:了)?期限|逾期(?![不未没]有?补正|未按|[不未没](?:缴|交|付)|不予))(?:才)?(?:办完|办结|答复|处理完)?/g, "延期办结"],
  [/(?:没有?|未|不)(?:能)?(?:按时|按期|如期)(?:办完|办结|处理完|答复)?/g, "延期办结"],
  [/(?:按时|按期|如期)(?:办完|处理完|答复)/g, "按时办结"],
  // Applied online: 网上提交, 在线申请 (2016 tables: 网络申请).
  [/(?:在)?(?:网上|在线|线上|通过网络|通过互联网|网络上|互联网上?)(?:(?:提交|提出|递交|发起)(?:了)?)?(?=[^，。？?]{0,6}申请)/g, "网络"],
  // People who came to apply: 来申请的, 有多少人申请 (收到申请).
  [/(?:前来|来)申请(?:的)?|申请的人(?:数)?|申请人数/g, "收到申请"],
  // Money spent: on procurement its amount, else the disclosure budget (经费).
  [/(?<=采购[^，。？?]{0,6})花(?:了|费)?(?:多少)?(?:钱|资金)/g, "金额"],
  [/花(?:了|费)(?:多少)?(?:钱|资金)?|花销|开销|投入(?:了)?(?:多少)?(?:钱|资金)/g, "经费"],
  // Fines: 罚了多少 (行政处罚).
  [/(?<!处|惩)罚(?:了|款|没)?/g, "处罚"],
  // Rules made: 出了/出台/发了 N 件规范性文件 (制定).
  // (not the 发 of 制发/印发/颁发, which are the template's own words)
  [/(?<![制印颁分转])(?:出|发|下发)(?:了|台了?)?(?=[^，。？?]{0,6}(?:规章|规范性文件))/g, "制定"],
  // "长寿区2018年公开了多少条": 公开 with nothing before it that says where or what is 主动公开.
  [/(?<=^|\s)(?:一共|总共|共|全年)?公开(?:了)?(?=(?:多少|几)(?:条|件|个)?)/g, "主动公开"],
  // "财政方面的信息", "这一块的": the kind of information is named by the word before; 方面 names nothing.
  [/方面(?:的)?|这(?:一)?块(?:的)?/g, ""],
  // Meetings held: 开了几次会 (2008/2016: 召开…会议数). Not 召开, 公开 or 展开.
  [/(?<![召公展])开(?:了|过)?((?:几|多少)(?:次|场|个)?)会(?:议)?/g, "召开$1会议"],
  [/(?<![召公展])开(?:了|过)?会(?:议)?/g, "召开会议"],
  // A fee not paid (2021: 申请人逾期未按收费通知要求缴纳费用): 没交费, 没缴钱, 不付费.
  [/(?:没有?|未|不)(?:按时)?(?:交|缴|付)(?:纳)?(?:费用?|钱|款)/g, "未缴纳费用"],
  // Full-time staff: 专职的人员, 专门负责的人.
  [/专职(?:的)?(?:工作)?(?:人员|人|员工)|专门负责(?:的)?(?:人员|人)/g, "专职人员"],
];

/**
 * A question's everyday words in the template's words, for matching metrics and prose.
 *
 *   everyday("资阳区2020年被告上法庭几次") → "资阳区2020年行政诉讼几次"
 */
export function everyday(text: string): string {
  let out = text;
  for (const [re, word] of EVERYDAY) out = out.replace(re, word);
  return out;
}
