// Follow-ups: a fragment (那2019年呢, 和资阳区比呢, 行政诉讼呢, 占比呢) read against the question before it
// in the same conversation. The last question leaves its body, years and topic; the fragment says
// what changes; the completed question is asked and the reply says how it was read.
import type { QueryContext } from "../domain.js";
import type { ParsedQuestion } from "../parse/question.js";

export type { QueryContext };

/** Words that only carry a fragment along: 那, 还有, 再看看, …的情况 (courtesy and 呢 are gone already: question-courtesy.ts). */
const FILLER = /^(?:那么|那|还有|再看看?|再问|换成|改成|如果是|要是|看看|那个)|(?:的情况|情况如何|怎么样|如何)$/g;
/** A fragment comparing another body with the last one: 和资阳区比呢, 跟资阳区相比, 对比一下资阳区. */
const COMPARE = /^(?:和|跟|与|同|比|对比|比较)|(?:比|相比|比较|对比)(?:一下)?(?:呢|吗)?$/;
/** Asking for a share of the last figure. */
const SHARE = /占比|比例|比率|百分比|比重|占多少/;
/** A question that stands on its own though it names no body: over the whole library. */
const LIBRARY_WIDE = /哪个|哪些|哪里|哪家|排名|排行|最多|最少|最高|最低|全部|所有|各地|全国|一共|合计|总共|库中|有哪些报告/;

/**
 * The question a fragment stands for, given the conversation's last question; null when the text
 * is a question of its own.
 *
 *   completeFollowUp(parse("那2019年呢"), { regions: ["重庆市长寿区"], years: [2018], topic: "行政复议多少件" })
 *   → "重庆市长寿区2019年行政复议多少件"
 */
export function completeFollowUp(pq: ParsedQuestion, ctx: QueryContext): string | null {
  const text = pq.normalized.replace(/[\s?？!！。.,，]+/g, "");
  if (!text || ctx.regions.length === 0) return null;
  const short = text.length <= 14;
  const marked = /^(?:那|那么|还有|换成|改成|如果是|要是)|(?:呢|吗)$/.test(text);
  if (!short && !marked) return null;
  const yearsText = (ys: readonly number[]) => (ys.length === 0 ? "" : ys.length === 1 ? `${ys[0]}年` : `${ys[0]}年到${ys[ys.length - 1]}年`);
  const years = pq.years.length ? pq.years : ctx.years;
  /** The bodies just asked about, the years (the fragment's own, else theirs), then `rest`. */
  const ofLast = (rest: string) => `${ctx.regions.join("和")}${yearsText(years)}${rest}`;
  // 存在什么问题, 有哪些不足: the problems of the body (and year) just asked about — unless a body is
  // named, or the bodies are what is asked (哪些地区存在问题).
  if (pq.asksProblems) {
    if (pq.mentions.length || /哪个|哪里|哪家|各地|全部|所有|排名|地区|单位|部门|机关/.test(text)) return null;
    return ofLast(text);
  }
  // 原文在哪, 什么时候发布的: the report just asked about.
  if (pq.about.length > 0 && pq.mentions.length === 0) return ofLast(text);
  if (LIBRARY_WIDE.test(text) && !marked) return null;
  if (pq.intent === "list" || pq.intent === "conflicts") return null;
  // What the fragment itself says, fillers and years dropped.
  const own = pq.keywordSource.replace(/\s+/g, "").replace(FILLER, "").replace(FILLER, "");
  const topicNoAmount = ctx.topic.replace(/(?:有|是|为)?(?:多少|几)[件条个人次项份元]?$/, "").replace(/对比$|比较$/, "");
  const named = pq.mentions.map((m) => m.text);
  // 和资阳区比呢: the last body (and its year) against the one named now, on the last topic.
  if (named.length > 0 && COMPARE.test(text)) {
    const others = named.filter((n) => !ctx.regions.includes(n));
    if (others.length === 0) return null;
    const topic = pq.metric ? own.replace(/^(?:和|跟|与|同|比|对比|比较)|(?:比|相比|比较|对比)(?:一下)?$/g, "") : topicNoAmount;
    return `${ctx.regions[0]}${yearsText(pq.years.length ? pq.years : ctx.years)}和${others.join("和")}${topic || topicNoAmount}对比`;
  }
  // 资阳区呢, 资阳区2020年呢: another body, the same question.
  if (named.length > 0) {
    // (Not a question with words of its own: "平潭2019年政务公开栏更新了56期吗" had been read as the
    // last question, its 吗 taken for 呢.)
    if (pq.metric || !marked || own.replace(/[呢吗]+$/, "").length > 0) return null;
    return `${named.join("和")}${yearsText(years)}${ctx.topic}`;
  }
  // 和2024年比呢: the year asked last against the one named now, on the last topic.
  if (COMPARE.test(text) && pq.years.length === 1 && ctx.years.length === 1 && pq.years[0] !== ctx.years[0] && !pq.metric)
    return `${ctx.regions.join("和")}${ctx.years[0]}年和${pq.years[0]}年${topicNoAmount}对比`;
  // 行政诉讼呢: another figure of the same body and year.
  if (pq.metric) return ofLast(own);
  // 占比呢: the share of the last figure.
  if (SHARE.test(text)) return ofLast(`${topicNoAmount}占比`);
  // 那2019年呢: the same question of another year.
  if (pq.years.length) {
    const extra = own.replace(/^(?:年度?|度)/, "");
    return ofLast(extra && !/^[的了]$/.test(extra) ? extra : ctx.topic);
  }
  return null;
}

/** What a question leaves for the next: its bodies (by names that parse back), years and topic. */
export function contextOf(pq: ParsedQuestion, labelOf: (key: string) => string): QueryContext | null {
  // (A question about the report itself leaves its topic too: 那2021年的呢 after 发布日期.)
  if (pq.mentions.length === 0 || (!pq.metric && !pq.asksQuantity && pq.about.length === 0)) return null;
  const regions = pq.mentions.map((m) => (m.areaOnly ? m.area!.name : m.keys.length === 1 ? labelOf(m.keys[0]!) : m.text));
  // The topic: the question without bodies, years, joiners and comparison words.
  const topic = pq.keywordSource
    .replace(/\s+/g, "")
    .replace(/^(?:和|与|跟|的)+/, "")
    .replace(/(?:对比|比较|相比)$/, "");
  if (!topic) return null;
  return { regions, years: pq.years, topic, ...(pq.metric ? { metric: pq.metric } : {}) };
}
