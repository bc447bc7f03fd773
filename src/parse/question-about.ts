// A question about the report itself, not a figure in it: when it was published, who issued or
// compiled it, the period its figures cover, the form its tables follow. Answered from the report's
// record (answer.ts aboutReport), never searched as words: 发布日期 had found "发布权威信息" and
// "新闻发布会" passages, and 是哪个单位发的 the word 单位 anywhere in the report.

export type AboutField = "published" | "issuer" | "compiler" | "period" | "template" | "original";

const ABOUT: readonly { field: AboutField; asks: RegExp }[] = [
  {
    field: "published",
    asks: /(?:什么时候|什么时间|何时|哪天|哪一天|哪日|几月几[号日]|几号|哪个月|哪年哪月)(?:发布|公布|印发|发出|发的|出的|公开的|挂网|上网|出来)|(?:发布|公布|印发|成文|落款)(?:的)?(?:日期|时间)/,
  },
  {
    field: "issuer",
    asks: /(?:谁|哪个|哪家|什么)(?:单位|部门|机关|机构)?(?:发布|公布|印发|发的|出的)|发布(?:机关|单位|主体|者)|(?:报告|年报)(?:是)?(?:谁|哪个单位|哪个部门|哪个机关)(?:的)?$/,
  },
  { field: "compiler", asks: /(?:谁|哪个|哪家|什么)(?:单位|部门|机关|机构)?(?:编制|编写|撰写|起草|写)的?|编制(?:单位|机关|部门|机构|者)/ },
  {
    field: "period",
    asks: /统计(?:期限|时限|时间|时段|区间|周期|范围)|数据(?:的)?(?:时间|期限|起止)|起止(?:时间|日期)|(?:覆盖|包括|涵盖)(?:哪段|什么|多长)时间/,
  },
  // Where the report itself is: its original file or web address (the 原文 button's, asked in words).
  {
    field: "original",
    asks: /(?:原文|原件|原文件|原始文件|报告全文|年报全文)(?:在哪|在哪里|哪里|哪儿|的?链接|的?网址|的?地址|怎么(?:看|找|下载)|能不能发|发(?:我|一下)|给我)|(?:下载|查看|发我|发一下|给我|找)[^，,。？?]{0,20}?(?:原文|原件|原文件|报告全文|年报全文)|(?:报告|年报)(?:的)?(?:链接|网址|网页地址|下载地址)|(?:报告|年报)(?:的)?(?:原文)?(?:在哪|在哪里|哪里|哪儿)(?:能|可以)?(?:看|找|下载|查)|(?:哪里|哪儿|在哪)(?:能|可以)?(?:看到|找到|下载|查看)(?:这份|该)?(?:报告|年报|原文)/,
  },
  { field: "template", asks: /(?:什么|哪种|哪个|哪一?版|哪一种)(?:的)?(?:格式|模板|样式|表格格式)|(?:格式|模板)(?:是)?(?:哪|什么)/ },
];

/**
 * What a question asks about the report itself, in the question's order; none for a ranking (哪个单位
 * 发布的信息最多 asks for the bodies, not an issuer).
 *
 *   aboutAsked("平潭2024年年报是什么时候发布的") → ["published"]
 */
export function aboutAsked(question: string): AboutField[] {
  if (/最多|最少|最高|最低|排名|排行|前[一二三四五六七八九十\d]/.test(question)) return [];
  return ABOUT.filter((a) => a.asks.test(question))
    .map((a) => ({ field: a.field, at: question.search(a.asks) }))
    .sort((x, y) => x.at - y.at)
    .map((x) => x.field);
}
