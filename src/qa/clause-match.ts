// Which clause of the prose a question asks about, and which of its numbers: the question's content
// words (jieba, plus character overlap for words jieba cuts differently) found around each quantity,
// weighted by how rare they are in this report (政府信息公开 says little, 粉丝 says a lot) and by how
// close to the number they stand; the unit asked must agree.
import { SUB_UNIT } from "../parse/phrases.js";
import type { ProseIndex, ProseQuantity } from "./prose-index.js";
import { type AskedUnit, isUnitWord, unitAgreement } from "./units.js";
import { holdsVariant } from "./word-variants.js";

/**
 * Words that ask, not name: removed before the question's words are matched. (…数量是多少 too:
 * left in, jieba cut "工单数量" as 工 / 单数 / 量, and the clause "受理12345热线工单3297件" was missed.)
 */
const ASKING =
  /(?:是不是|是否|有没有|有无)?(?:超过|超出|多于|少于|低于|高于|不到|不足|达到)?\d+(?:\.\d+)?\s*(?:万|亿)?\s*(?:万元|亿元|人次|元|件|条|次|篇|个|人|项|份|场|期|家|名)?(?:吗|呢)?(?![\d\u4e00-\u9fff])|是不是|有没有|(?:的)?(?:数量|总数)(?=是|为|有|多少|几|$)|是多少|是?有?(?:多少|几)(?:个)?(?:人次|次|件|条|人|名|场|期|篇|份|项|元|天|家|位|起)?(?![\u4e00-\u9fff])|是?有?(?:多少|几)(?:个|位|名|家)(?=[\u4e00-\u9fff])|是?有多少|为多少|达到多少|多少|几|是否|什么|哪些|怎样|如何|一共|总共|共计|共有|截至|截止|年度报告|年报|报告|(?<![上下本])年度|所?占(?:的)?(?:比例|比重|百分比)|占比|比例|比重|百分比|百分之|对比|比较|相比|变化|趋势|历年(?!累计)|逐年|每年|各年|分别/g;
/**
 * The year is named apart: 全年 and 今年 say nothing a clause must say ("全年不予公开的信息数" is the
 * clause "不予公开信息数1402"; 全年 had counted for the table row, whose background words hold it).
 */
const YEAR_WORDS = /全年|今年|本年度/g;
/** Particles and verbs too thin to match on. */
const THIN = new Set(["的", "了", "是", "有", "为", "在", "共", "达", "达到", "个", "和", "与", "及", "对", "把", "被", "数"]);

/** A content word of a question with its weight in one report. */
export interface Weighted {
  word: string;
  weight: number;
}

/**
 * The content words of a question: jieba's tokens without the asking words, units and particles, and
 * without a token inside a longer one (cut-for-search gives 政府, 信息, 政府信息 for one word).
 *
 *   contentWords("各乡镇主动公开政府信息多少条", segment) → ["乡镇", "主动公开", "政府信息"]
 */
export function contentWords(source: string, segment: (s: string) => string[]): string[] {
  const text = source.replace(ASKING, " ").replace(YEAR_WORDS, " ");
  // A verb's 了 says nothing of what is counted: 公开了 is 公开 (the report prints 公开信息19条).
  const toks = [
    ...new Set(
      segment(text)
        .map((t) => t.trim().replace(/(?<=..)了$/, ""))
        .filter((t) => t && !THIN.has(t) && !isUnitWord(t) && !/^\d+$/.test(t)),
    ),
  ];
  return toks.filter((t) => !toks.some((o) => o !== t && o.length > t.length && o.includes(t)));
}

/** The question's content as one string, for verbatim matching ("不予公开的信息数" → "不予公开信息数"). */
export function contentPhrase(source: string): string {
  return source
    .replace(ASKING, " ")
    .replace(YEAR_WORDS, " ")
    .replace(/[的了]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Longest run of `a`'s characters found in `b`. */
export function longestRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i + best < a.length; i++) {
    let j = i + best + 1;
    while (j <= a.length && b.includes(a.slice(i, j))) j++;
    if (j - 1 - i > best) best = j - 1 - i;
  }
  return best;
}

/** Most characters between the halves of a compound said apart (工作人员全年培训: 2). */
const HALVES_GAP = 6;

/** `a` and `b` both in `text`, in either order, at most HALVES_GAP characters apart. */
function halvesNear(text: string, a: string, b: string): boolean {
  for (let i = text.indexOf(a); i >= 0; i = text.indexOf(a, i + 1)) {
    const from = Math.max(0, i - HALVES_GAP - b.length);
    const window = text.slice(from, i + a.length + HALVES_GAP + b.length);
    const at = window.indexOf(b);
    if (at >= 0) return true;
  }
  return false;
}

/** How much of a word a text holds: 1 whole; both halves of a compound 0.85; a run of two or more of its characters counts in part. */
export function wordMatch(word: string, text: string): number {
  if (!text) return 0;
  if (text.includes(word)) return 1;
  // The report's word for the same act or measure (编印 for 印制, 点击量 for 访问量).
  if (holdsVariant(word, text)) return 0.85;
  // A compound the text says in two places or the other way round: jieba took 人员培训 for one word
  // in "工作人员培训了多少", and "工作人员全年培训8841人次" holds both of its halves.
  // Near each other, not anywhere in a sentence: "15个政务新媒体(微信和微博)" holds 政务 and 微博 far
  // apart, and counts new media, not 政务微博.
  for (let k = 2; k <= word.length - 2; k++) if (halvesNear(text, word.slice(0, k), word.slice(k))) return 0.85;
  if (word.length < 3) return 0;
  const run = longestRun(word, text);
  return run >= 2 ? (0.7 * run) / word.length : 0;
}

/**
 * Words that say how much of a thing, not what: "累计公开重大建设项目信息" asks what "重大建设项目信息全年
 * 公开488条" states, "受理12345热线工单数量" what "受理12345热线工单达3297件" does. Rare in a report, they had weighed most and sunk the clause that lacked them.
 */
const MODIFIERS = /^(?:累计|累积|全年|今年|本年|全区|全县|全市|合计|总计|共计|总共|一共|数量|总数|数目)$/;

/** Weights of the words in one report: rare words weigh more (inverse sentence frequency); a modifier little. */
export function weigh(words: readonly string[], index: ProseIndex): Weighted[] {
  const n = index.sentences.length;
  return words.map((word) => {
    let df = 0;
    for (const s of index.sentences) if (s.text.includes(word) || holdsVariant(word, s.text)) df++;
    const idf = Math.max(0.15, Math.log((n + 1) / (df + 0.5)));
    return { word, weight: idf * (word.length >= 2 ? 1 : 0.3) * (MODIFIERS.test(word) ? 0.2 : 1) };
  });
}

/** Share of the weighted words a set of texts holds, each text with a closeness factor. */
export function coverage(words: readonly Weighted[], texts: readonly { text: string; w: number }[]): number {
  let total = 0;
  let got = 0;
  for (const { word, weight } of words) {
    total += weight;
    let best = 0;
    for (const t of texts) {
      if (t.w <= best) continue;
      const m = t.w * wordMatch(word, t.text);
      if (m > best) best = m;
    }
    got += weight * best;
  }
  return total > 0 ? got / total : 0;
}

/** How many characters either side of a number name it, for precision. */
const NEAR = 8;
/** Characters of a label that say nothing about what is counted. */
const FILLER = /[\d\s\p{P}的了在和及与共为是有已达其中年度全]/gu;

/**
 * Share of the words naming a quantity that the question also uses: "完成梳理行政权力事项" names
 * another figure than "责任事项" even when the question says 梳理.
 */
function precision(q: ProseQuantity, question: string): number {
  // The words nearest the number name it; a long lead-in (完成了网审平台系统…) does not.
  const left = q.countedFirst ? "" : (isBareShare(q) ? (q.before[0] ?? "").replace(/[\d.]+\D{0,2}$/, "") : q.left).replace(FILLER, "").slice(-NEAR);
  const label = left + q.right.replace(FILLER, "").slice(0, NEAR);
  if (!label) return 0.5;
  let hit = 0;
  for (const ch of label) if (question.includes(ch)) hit++;
  return hit / label.length;
}

/** A quantity ranked for a question. */
export interface ClauseAnswer {
  q: ProseQuantity;
  /** Weighted share of the question's words found around the quantity (0–1), unit agreement applied. */
  score: number;
  /** Share of the question's content string found verbatim in the clause (0–1). */
  phrase: number;
}

/** A share's own words are few ("占28.7%"): what it is a share of is the clause before. */
function isBareShare(q: ProseQuantity): boolean {
  return q.unit === "%" && q.left.replace(/占比?|约|为|达|比例|比重/g, "").length <= 1;
}

/**
 * Words around a number that say it was published and nothing of what: "全年共发布47条信息" under the
 * point "(5)推进食品药品安全信息公开" is named by that heading alone.
 */
const ONLY_PUBLISHED = /全年|今年|本年度?|累计|共计|总计|合计|共|了|已|达到|达|约|主动公开|公开|发布|推送|刊发|编发|政府信息|信息|[\d\s\p{P}]/gu;

/** The texts around a quantity with how strongly each names it; `own: false` outside its sentence. */
function contexts(q: ProseQuantity, index: ProseIndex): { text: string; w: number; own?: boolean }[] {
  const s = index.sentences[q.sentence]!;
  // A number whose own words name nothing is named by the heading of its point, as by its own words.
  const named = `${q.left}${q.right}`.replace(ONLY_PUBLISHED, "").length > 0;
  const prev = index.sentences[q.sentence - 1];
  const bare = isBareShare(q);
  return [
    { text: q.left, w: 1 },
    { text: q.right, w: 0.9 },
    { text: q.clause, w: 0.75 },
    ...q.before.map((t, i) => ({ text: t, w: i === 0 ? (bare ? 0.95 : 0.6) : 0.45 })),
    { text: q.after, w: 0.35 },
    { text: prev && prev.section === s.section ? prev.text : "", w: 0.3, own: false },
    { text: s.section, w: 0.3, own: false },
    // The heading of the numbered point it stands under ("(4)推进国资国企信息公开。…今年共发布10条信息").
    { text: s.pointText, w: named ? 0.5 : 0.9, own: false },
  ];
}

/**
 * A word is around the number: in its own sentence, whole or in part; in the sentence before or the
 * section title only whole. ("政务微博发布多少条": the sentence before "2020年解读信息发布共10条" holds
 * 政务新媒体 … 微博 far apart, which had counted as 政务微博 and answered 10.)
 */
function mentions(ctx: readonly { text: string; own?: boolean }[], word: string): boolean {
  return ctx.some((c) => (c.own === false ? c.text.includes(word) : wordMatch(word, c.text) > 0));
}

/**
 * The quantities of the prose that answer a question, best first. Why: a number the registry does
 * not know is named by the words around it; the question's rarest words decide, the unit must agree,
 * and a clause about a part (各乡镇, 区直各部门) loses unless the question names that part.
 *
 *   rankQuantities(readProse(sections), weigh(["乡镇", "主动公开"], idx), "乡镇主动公开", askedUnit("多少条"), "各乡镇主动公开多少条")[0].q.value → 122
 */
/** The question's rarest word that names a thing (not a modifier such as 全年), or undefined. */
export function rarestWord(words: readonly Weighted[]): Weighted | undefined {
  let top: Weighted | undefined;
  for (const w of words) if (w.word.length >= 2 && !MODIFIERS.test(w.word) && (!top || w.weight > top.weight)) top = w;
  return top;
}

/** A website's visits asked about, and the parts of one a clause may count instead. */
const WEBSITE_VISITS = /(?:网站|门户).{0,6}(?:访问|浏览|点击)/;
const WEB_PART = /专栏|栏目|频道|专题/;

/** Acts done to some of a kind of thing, the count of which is of those acted upon. */
const ACTED_ON = /关停|注销|关闭|撤销|清理|整合|下线|撤并|合并|停更|清退|取消|废止|清除|删除/;

export function rankQuantities(index: ProseIndex, words: readonly Weighted[], phrase: string, asked: AskedUnit, question: string): ClauseAnswer[] {
  const out: ClauseAnswer[] = [];
  // The question's rarest word (专职 in 多少专职工作人员) must be somewhere around the number.
  const top = rarestWord(words);
  for (const q of index.quantities) {
    const unit = unitAgreement(q.unit, asked);
    if (unit === 0) continue;
    const ctx = contexts(q, index);
    let score = coverage(words, ctx) * unit * (0.75 + 0.25 * precision(q, question));
    if (top && !mentions(ctx, top.word)) score *= 0.6;
    // A part of the issuer the question does not name: another figure than the one asked.
    const sub = SUB_UNIT.exec(q.left + q.right);
    if (sub && !question.includes(sub[0].replace(/各/, ""))) score *= 0.8;
    // Visits to a part of a website (政府信息公开专栏, 栏目) when the question asks the site's: the
    // column's are not the site's (政府网站访问量 had been answered with 专栏访问量). (What a column
    // published the site published: only visits are the whole's alone.)
    const webPart = WEB_PART.exec(q.left + q.right);
    if (webPart && WEBSITE_VISITS.test(question) && !question.includes(webPart[0])) score *= 0.5;
    // Some of them acted upon (对5个…政务新媒体予以关停注销): how many were closed, not how many there
    // are, unless the question asks about the act. The quantity's own words: in "4家合并单位、23家更名
    // 单位" the 合并 is the other item's.
    const act = ACTED_ON.exec(q.left + q.right);
    if (act && !question.includes(act[0])) score *= 0.5;
    // One item of a list asked (食品药品安全信息): a number the list shares (环保、公共卫生、安全生产、食品
    // 药品、产品质量类信息276条) counts more than was asked, and a count of that item alone — the point
    // "(5)推进食品药品安全信息公开…全年共发布47条信息" — is the answer where the report gives one.
    if (listItemsAsked(q.left, question) === 1) score *= 0.7;
    const phraseText = isBareShare(q) ? `${q.before[0] ?? ""}${q.clause}` : q.clause;
    const ph = phrase ? longestRun(phrase, phraseText) / phrase.length : 0;
    out.push({ q, score, phrase: ph });
  }
  // Ties: the quantity named closest (its own label), then the first stated.
  return out.sort((a, b) => b.score - a.score || b.phrase - a.phrase);
}

/**
 * How many items of a list of three or more (apart by 、) naming a quantity the question names; -1
 * when the words naming it are no such list. An item is named when the question holds it whole, its
 * 类信息 or 信息 left off.
 */
function listItemsAsked(left: string, question: string): number {
  const items = left.split("、");
  if (items.length < 3) return -1;
  return items.filter((item) => {
    const core = item.replace(/^.*?[，,：:；;]/, "").replace(/(?:类)?(?:信息|事项)$/, "");
    return core.length >= 2 && question.includes(core);
  }).length;
}

/** A sentence listing the parts of the report (本报告由概述、主动公开政府信息情况……组成). */
const CONTENTS = /(?:本报告|本年报|年报|全文|报告)(?:由|包括|共分|主要内容)|(?:部分|方面)组成/;

/**
 * The sentence that speaks of what a question asks, number or not (安排了专项经费): quoted when the
 * report names the thing but states no number for it.
 */
export function bestSentence(index: ProseIndex, words: readonly Weighted[]): { sentence: number; score: number } | null {
  let best: { sentence: number; score: number } | null = null;
  index.sentences.forEach((s, i) => {
    // The report's own table of contents names everything and says nothing.
    if (CONTENTS.test(s.text)) return;
    const score = coverage(words, [{ text: s.text, w: 1 }]);
    if (!best || score > best.score) best = { sentence: i, score };
  });
  return best;
}
