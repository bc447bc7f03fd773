// Figures stated in the prose ("全区共收到政府信息公开申请359件", "发生了15件因政府信息公开引起的
// 行政复议", "主动公开政府信息26.8万条"). An ordered list of small extractors, each one regex with
// a number group; the first mention of a metric in the report wins.
import type { Figure } from "../domain.js";
import { sentenceEvidence } from "./evidence.js";
import { parseProseNumber } from "./numbers.js";
import { lineAt, sentences, type Prose } from "./prose.js";

// Number as prose writes it: digits or Chinese numerals, then 万/亿, then 余/多 (approximate).
// Each quantifier is bounded, and the groups are positional: (1) number (2) 万/亿 (3) 余/多.
const N = String.raw`(\d{1,12}(?:\.\d{1,4})?|[一二两三四五六七八九十百千]{1,5})(万(?!元)|亿(?!元))?(余|多)?`;

interface Extractor {
  metric: string;
  re: RegExp;
  /** Default unit (the match's own unit group wins when present). */
  unit: string;
  /** Value when the sentence states there was none ("未发生…行政复议"). */
  zero?: boolean;
  /** The sentence must also match this (答复 N件 counts only in a sentence about applications). */
  context?: RegExp;
  /** A literal every match contains (prefilter). */
  need: string;
}

const x = (metric: string, unit: string, source: string, zero = false, context?: RegExp): Extractor => ({
  metric, unit, re: new RegExp(source), zero, ...(context ? { context } : {}), need: needOf(source),
});

/**
 * A word every match contains: the longest run of CJK characters outside any group. Sentences
 * without it are skipped before running the regex (most extractors match in few sentences).
 */
function needOf(source: string): string {
  let depth = 0;
  let run = "";
  let best = "";
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      i++;
      run = "";
      continue;
    }
    if (c === "(") depth++;
    else if (c === ")") depth--;
    if (depth === 0 && /[\u4e00-\u9fff]/.test(c) && source[i + 1] !== "?" && source[i + 1] !== "*" && source[i + 1] !== "{") {
      run += c;
      if (run.length > best.length) best = run;
    } else run = "";
  }
  return best;
}
const ABOUT_REQUESTS = /政府信息公开申请|依申请公开|信息公开申请/;
// 因政府信息公开(申请|工作)引起的 / 被申请 / 提起: the ways prose attaches a dispute to disclosure.
const CAUSE = String.raw`(?:因政府信息公开(?:申请|工作)?(?:而)?(?:引起|引发|提起)?的?)?(?:被申请|被提起|提起)?`;

const EXTRACTORS: readonly Extractor[] = [
  // 依申请公开
  x("requests.received", "件", String.raw`(?:收到|受理|接收|新收|共收)(?:各类|群众|了|到)?(?:政府信息公开|信息公开|依申请公开)申请(?:共计?|总计|合计)?${N}(件)`),
  x("requests.received", "件", String.raw`(?:收到|受理)(?:各类)?申请(?:共计?)?${N}(件)`),
  x("requests.received", "件", String.raw`依申请公开(?:政府)?信息(?:共计?)?${N}(条|件)`),
  x("requests.received", "件", String.raw`政府信息公开申请(?:共计?|总计)${N}(件)`),
  x("requests.received", "件", String.raw`(?:收到|受理)(?:各类)?(?:政府信息)?依申请公开(?:政府信息)?(?:办理)?(?:事项|申请)?(?:共计?)?${N}(件)`),
  x("requests.received", "件", String.raw`(?:未|没有)(?:收到|受理)(?:任何)?(?:政府信息公开|依申请公开|信息公开)?申请`, true),
  x("requests.result.total", "件", String.raw`(?:答复|办结|办理完毕)(?:共计?)?${N}(件)`, false, ABOUT_REQUESTS),
  x("requests.carried_over", "件", String.raw`上年(?:度)?结转(?:的)?(?:申请)?(?:共)?${N}(件)`),
  x("requests.carried_forward", "件", String.raw`${N}(件)(?:申请)?顺延(?:到|至)下(?:一)?年度`),
  x("requests.carried_forward", "件", String.raw`结转(?:到|至)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:的)?${N}(件)`),
  // "予以公开及部分公开258件" is the two together: neither alone.
  x("requests.result.granted", "件", String.raw`(?<![及和与、])(?:予以公开|同意公开(?:答复)?的?)${N}(件)`, false, ABOUT_REQUESTS),
  x("requests.result.partial", "件", String.raw`(?<![及和与、])(?:部分公开|同意部分公开(?:答复)?的?)${N}(件)`, false, ABOUT_REQUESTS),
  x("requests.result.withheld", "件", String.raw`(?<![及和与、])(?:不予公开|不同意公开(?:答复)?的?)${N}(件)`, false, ABOUT_REQUESTS),
  x("requests.result.unable", "件", String.raw`无法提供${N}(件)`, false, ABOUT_REQUESTS),
  x("requests.result.not_processed", "件", String.raw`不予处理${N}(件)`, false, ABOUT_REQUESTS),
  x("requests.result.other", "件", String.raw`其他处理${N}(件)`, false, ABOUT_REQUESTS),
  // 主动公开
  x("proactive.total", "条", String.raw`主动(?:公开|发布)(?:各类|了)?(?:政府)?信息(?:共计?|总计|合计)?${N}(条)`),
  x("proactive.total", "条", String.raw`(?:共|累计|全年|全市|全区|全县)(?:公开|发布)(?:各类)?政府信息(?:共计?)?${N}(条)`),
  x("proactive.channel.website", "条", String.raw`政府(?:门户|入口)?网站(?:公开|发布)(?:各类)?(?:政府)?信息${N}(条)`),
  x("proactive.channel.weibo", "条", String.raw`(?:政务)?微博(?:发布|公开)?(?:信息)?${N}(条)`),
  // 回应解读
  x("response.interpretations", "条", String.raw`(?:发布|制作|编发|刊发)(?:各类)?政策解读(?:信息|稿件|文章|材料)?(?:共计?)?${N}(条|篇|个|期|件)`),
  x("response.interpretations", "条", String.raw`(?:发布|制作|编发|刊发)(?:各类)?解读类(?:信息|稿件|文章|材料|产品)?(?:共计?)?${N}(条|篇|个|期|件)`),
  x("response.interpretations", "条", String.raw`政策解读(?:信息|稿件|文章|材料)?(?:发布|制作)(?:共计?)?${N}(条|篇|个|期|件)`),
  x("response.interpretations", "条", String.raw`解读(?:类)?(?:信息|稿件|文章|材料)?(?:发布|制作)?(?:共计?)?${N}(条|篇|个|期|件)`),
  x("response.hotspots", "次", String.raw`回(?:应|复)(?:公众关注热点或重大舆情|社会关切|公众关切|舆情|热点)(?:共计?)?${N}(次|条|件)`),
  x("response.press_conferences", "场", String.raw`新闻发布会(?:共计?)?${N}(场|次)`),
  // 行政复议 / 行政诉讼 (breakdowns follow the total in the same sentence)
  x("review.total", "件", String.raw`${N}(件)因政府信息公开(?:申请)?(?:而)?(?:引起|引发|提起)的行政复议`),
  x("review.total", "件", String.raw`行政复议(?:申请|案件)?(?:共计?)?${N}(件|起|宗)`),
  x("review.total", "件", String.raw`行政复议(?:和|与|及|、)行政诉讼(?:案件)?(?:数量)?(?:均为|都为|均是|均)(?:0|零)(?:件|起)?`, true),
  x("review.total", "件", String.raw`(?:未发生|没有发生|未出现|无)${CAUSE}行政复议`, true),
  x("review.total", "件", String.raw`(?:未发生|没有发生|未出现)[^,，。;；:：]{0,16}?(?:政府信息|信息公开|依申请)[^,，。;；:：]{0,10}?行政复议`, true),
  x("litigation.total", "件", String.raw`${N}(件)因政府信息公开(?:申请)?(?:而)?(?:引起|引发|提起)的行政诉讼`),
  x("litigation.total", "件", String.raw`行政诉讼(?:案件)?(?:共计?)?${N}(件|起|宗)`),
  x("litigation.total", "件", String.raw`行政复议(?:和|与|及|、)行政诉讼(?:案件)?(?:数量)?(?:均为|都为|均是|均)(?:0|零)(?:件|起)?`, true),
  x("litigation.total", "件", String.raw`(?:未发生|没有发生|未出现|无)${CAUSE}(?:行政复议[、和及或](?:提起|被提起)?)?行政诉讼`, true),
  x("litigation.total", "件", String.raw`(?:未发生|没有发生|未出现)[^,，。;；:：]{0,16}?(?:政府信息|信息公开|依申请)[^,，。;；:：]{0,10}?(?:行政复议[、和及或](?:提起|被提起)?)?行政诉讼`, true),
  // 收费, 机构人员, 会议培训
  x("fees.info_processing", "元", String.raw`信息处理费(?:共计?|合计)?${N}(元|万元)`),
  x("fees.requests", "万元", String.raw`(?:依申请公开(?:信息)?)?收取(?:的)?(?:检索|复制|邮寄|成本|[、等])*费用(?:共计?|合计)?${N}(万元|元)`),
  x("fees.info_processing", "元", String.raw`(?:未|没有|均未|无)收取(?:任何)?(?:政府信息公开)?信息处理费`, true),
  x("fees.requests", "万元", String.raw`(?:未|没有|均未)收取(?:任何)?(?:检索|复制|邮寄|成本|[、等])*(?:成本)?费用`, true),
  x("staff.total", "人", String.raw`(?:从事政府信息公开(?:工作)?的?(?:工作)?人员|信息公开工作人员)(?:有|共|共有)?${N}(人)`),
  x("staff.fulltime", "人", String.raw`专职(?:工作)?人员${N}(人)`),
  x("staff.parttime", "人", String.raw`兼职(?:工作)?人员${N}(人)`),
  x("org.units", "个", String.raw`专门机构${N}(个)`),
  x("org.reading_points", "个", String.raw`查阅点${N}(个)`),
  x("meetings", "次", String.raw`(?:召开|举行)[^,，。;]{0,20}?会议(?:或专题会议)?${N}(次)`),
  x("training.sessions", "次", String.raw`培训班${N}(次|期|场)`),
  x("training.trainees", "人次", String.raw`${N}(人次|人)接受(?:了)?培训`),
  x("training.trainees", "人次", String.raw`培训(?:人员)?(?:共计?)?${N}(人次)`),
  x("budget", "万元", String.raw`(?:专项(?:工作)?经费|工作经费)${N}(万元)`),
];

/** Outcome words after a 复议/诉讼 total in the same sentence. */
const OUTCOMES: readonly [string, RegExp][] = [
  ["upheld", new RegExp(String.raw`(?:结果)?维持(?:具体行政行为(?:数)?|原(?:行政)?行为)?(?:或者驳回原告诉讼请求数?)?${N}(件)`)],
  ["corrected", new RegExp(String.raw`(?:结果纠正|被依法纠错(?:数)?|被纠错|纠错|纠正)${N}(件)`)],
  ["other", new RegExp(String.raw`其他(?:结果|情形(?:数)?)${N}(件)`)],
  ["pending", new RegExp(String.raw`尚未审结${N}(件)`)],
];

/**
 * Extract the figures the narrative states. Every figure is `source: "narrative"` with the
 * sentence as evidence; approximate numbers (余, 多, 26.8万) are marked uncertain.
 *
 *   extractNarrative(prose("2018年,全区共收到政府信息公开申请359件,全部按时办结。"))
 *   → [{ metric: "requests.received", value: 359, unit: "件", … }]
 */
export function extractNarrative(prose: Prose): Figure[] {
  const found = new Map<string, Figure>();
  const add = (metric: string, value: number, unit: string, approximate: boolean, s: { text: string; start: number }, raw: string) => {
    if (found.has(metric)) return;
    const line = lineAt(prose, s.start) + 1;
    const endLine = lineAt(prose, s.start + s.text.length - 1) + 1;
    found.set(metric, {
      metric,
      value,
      unit,
      source: "narrative",
      evidence: sentenceEvidence(s.text, line, endLine),
      certain: !approximate,
      ...(approximate ? { note: `原文为约数（${raw}）` } : {}),
    });
  };
  // Extractors in priority order; each scans the whole report, the first hit of a metric wins.
  const all = sentences(prose.text).filter((s) => s.text.length <= 3000);
  // A context ("about applications") may be set by the sentences before: "共收到申请N件。办理结果中,予以公开…"
  const before = new Map(all.map((s, i) => [s, all.slice(Math.max(0, i - 6), i).map((x) => x.text).join("")]));
  const aboutRequests = new Map(all.map((s) => [s, ABOUT_REQUESTS.test(s.text) || ABOUT_REQUESTS.test(before.get(s) ?? "")]));
  for (const ex of EXTRACTORS) {
    for (const s of all) {
      if (found.has(ex.metric)) break;
      if (ex.need && !s.text.includes(ex.need)) continue;
      if (ex.context && !(ex.context === ABOUT_REQUESTS ? aboutRequests.get(s) : ex.context.test(s.text) || ex.context.test(before.get(s) ?? ""))) continue;
      const m = ex.re.exec(s.text);
      if (!m) continue;
      if (ex.zero) {
        add(ex.metric, 0, ex.unit, false, s, m[0]);
        continue;
      }
      const num = parseProseNumber(m[1]!, m[2], m[3]);
      if (!num) continue;
      const unit = m[4] && m[4] !== "万" ? m[4] : ex.unit;
      add(ex.metric, num.value, unit, num.approximate, s, m[0]);
    }
  }
  // "行政复议351件,其中结果维持72件,结果纠正64件…": outcomes follow a total in the same sentence
  // (a report may repeat the sentence with other outcomes: each fills what is still missing).
  for (const s of all) {
    for (const base of ["review", "litigation"] as const) {
      const word = base === "review" ? "行政复议" : "行政诉讼";
      for (let at = s.text.indexOf(word); at >= 0; at = s.text.indexOf(word, at + word.length)) {
        let tail = s.text.slice(at + word.length);
        const stop = tail.search(base === "review" ? /行政诉讼/ : /行政复议/);
        if (stop >= 0) tail = tail.slice(0, stop);
        if (!/\d/.test(tail)) continue;
        for (const [part, re] of OUTCOMES) {
          if (found.has(`${base}.${part}`)) continue;
          const o = re.exec(tail);
          if (!o) continue;
          const v = parseProseNumber(o[1]!, o[2], o[3]);
          if (v) add(`${base}.${part}`, v.value, "件", v.approximate, s, o[0]);
        }
      }
    }
  }
  return [...found.values()];
}
