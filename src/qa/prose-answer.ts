// Answering a number from the prose, and deciding between a table figure and a prose clause. The
// table wins when it covers the question as well as the clause does (its figure is the template's);
// the clause wins when it names what the question adds (各乡镇, 粉丝, 网上, 区直) or says the question
// almost verbatim where the table row uses other words (不予公开信息数 vs 否决公开答复数).
import type { Figure, Section } from "../domain.js";
import { APPLICANT_KEYS, sliceLabel } from "../parse/metrics.js";
import { DISCLOSURE, PHRASES, SUB_UNIT } from "../parse/phrases.js";
import {
  type ClauseAnswer,
  contentPhrase,
  contentWords,
  coverage,
  longestRun,
  rankQuantities,
  rarestWord,
  type Weighted,
  weigh,
  wordMatch,
} from "./clause-match.js";
import { type ProseIndex, readProse } from "./prose-index.js";
import { type AskedUnit, askedUnit, unitAgreement } from "./units.js";

/** A question read against one report's prose. */
export interface ProseQuery {
  index: ProseIndex;
  words: Weighted[];
  phrase: string;
  asked: AskedUnit;
  question: string;
}

/** A clause answers on its own only from this share of the question's weighted words. */
export const MIN_CLAUSE = 0.45;
/** The clause beats a table figure by this much of the question's words … */
const WORD_GAIN = 0.2;
/** … or by this much of the question said verbatim. */
const PHRASE_GAIN = 0.3;

const cache = new Map<string, ProseIndex>();
const CACHE_SIZE = 64;

/** The prose index of a report, kept for the next question about it (its sections are read only once). */
export function proseIndexOf(id: string, sections: () => readonly Section[]): ProseIndex {
  let idx = cache.get(id);
  if (idx) return idx;
  idx = readProse(sections());
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(id, idx);
  return idx;
}

/**
 * Read a question against a report's prose: its content words weighted by their rarity in this
 * report, its content as one string, the unit it asks for.
 *
 *   proseQuery(idx, "各乡镇主动公开政府信息多少条", "…各乡镇主动公开政府信息多少条", segment).asked.units → ["条"]
 */
export function proseQuery(index: ProseIndex, keywordSource: string, normalized: string, segment: (s: string) => string[]): ProseQuery {
  const words = weigh(contentWords(keywordSource, segment), index);
  // A question of several parts asks each part's own unit ("新闻发布会多少场，政策解读多少个": 个 for
  // the second, whose 21个 had been no answer to 场); the whole question's when the part names none.
  const own = askedUnit(keywordSource);
  return { index, words, phrase: contentPhrase(keywordSource), asked: own.explicit ? own : askedUnit(normalized), question: normalized };
}

/** The prose's quantities ranked for a question: once per query, however many ask (its fields are never changed). */
const rankings = new WeakMap<ProseQuery, ClauseAnswer[]>();
function ranked(pq: ProseQuery): ClauseAnswer[] {
  let r = rankings.get(pq);
  if (!r) rankings.set(pq, (r = rankQuantities(pq.index, pq.words, pq.phrase, pq.asked, pq.question)));
  return r;
}

/** The best quantity of the prose for the question, when it names enough of what is asked. */
export function bestQuantity(pq: ProseQuery): ClauseAnswer | null {
  if (pq.words.length === 0) return null;
  const best = ranked(pq)[0];
  return best && best.score >= MIN_CLAUSE ? best : null;
}

/**
 * What every figure of a report is about without saying it: disclosure, and the issuer as a whole
 * (全区, 本级). A question's 政府信息公开 or 全县 is no qualifier a table figure fails to cover.
 */
const BACKGROUND = "政府信息公开 政务公开 政府信息 信息公开 全区 全县 全市 全省 全镇 全街道 全乡 本级 我区 我县 我市 本机关 全年 本年度 今年";

/** The words of a column asked: its label, and for 表三's applicant columns the header 申请人 (情况). */
function columnText(slice: string | undefined): string {
  if (!slice) return "";
  return APPLICANT_KEY_SET.has(slice) ? `${sliceLabel(slice)} 申请人` : sliceLabel(slice);
}
const APPLICANT_KEY_SET = new Set<string>(APPLICANT_KEYS);

/** The label a table row prints, without its numbers and units ("主动公开信息数 条 425 1516" → "主动公开信息数"). */
export function rowLabel(f: Figure): string {
  // Numbers, rules and spaces, however they follow one another, become one space: one pass (asked
  // of every table row of the report at every figure answer).
  return f.evidence.text.replace(ROW_FILLER, " ").trim();
}
const ROW_FILLER = /(?:\d[\d.,]*|[|｜\s])+/g;

/**
 * A table row's label to quote in a reply: rowLabel without the unit cell a crawl glued on
 *   printedRow(figure of "(三)接受培训人员数人次760") → "(三)接受培训人员数"
 */
export function printedRow(f: Figure): string {
  const row = rowLabel(f);
  return f.unit && row.endsWith(f.unit) && /[数)）]$/.test(row.slice(0, -f.unit.length).trimEnd()) ? row.slice(0, -f.unit.length).trimEnd() : row;
}

/**
 * The words a figure is named by: the row the report prints (a derived figure, columns summed,
 * quotes its row; a prose figure's evidence is a sentence, no row) and the registry's label without
 * its notes.
 */
function figureWords(f: Figure, label: string): { row: string; plain: string } {
  return { row: f.source === "narrative" ? "" : rowLabel(f), plain: label.replace(/（[^）]*）|\([^)]*\)/g, "") };
}

/**
 * How much of the question a figure accounts for: the words of the row the report prints, the
 * column, and (a little less) the registry's label.
 */
export function figureCoverage(pq: ProseQuery, f: Figure, label: string, slice?: string): { score: number; phrase: number } {
  const { row, plain } = figureWords(f, label);
  const texts = [
    { text: row, w: 1 },
    { text: columnText(slice), w: 1 },
    { text: plain, w: 0.85 },
    { text: BACKGROUND, w: 1 },
  ];
  const phrase = pq.phrase ? Math.max(longestRun(pq.phrase, row), 0.85 * longestRun(pq.phrase, plain)) / pq.phrase.length : 0;
  return { score: coverage(pq.words, texts), phrase };
}

/** Why a clause was chosen over a figure, or null when the figure answers. */
export function clauseOverFigure(pq: ProseQuery, best: ClauseAnswer, f: Figure, label: string, slice?: string, org = ""): string | null {
  if (f.unit && unitAgreement(f.unit, pq.asked) === 0) return "unit";
  const other = otherThings(pq, best, f.metric);
  if (other === "about") return null;
  if (other === "asked") return "other";
  if (namesPart(pq.question, best, org)) return "part";
  if (rowNamesWhatClauseDoesNot(pq, best, f, label)) return null;
  if (namesWhatRowDoesNot(pq, best, f, label, slice)) return "words";
  const fc = figureCoverage(pq, f, label, slice);
  if (best.score - fc.score >= WORD_GAIN) return "words";
  if (best.phrase - fc.phrase >= PHRASE_GAIN && best.score >= fc.score) return "phrase";
  return null;
}

/**
 * The question's rarest word is the clause's own (the words naming its number) and nowhere in the
 * figure's row, column or label: the question asks about the thing the clause counts, a part of
 * what the row counts or another thing. ("主动公开政府信息中规范性文件多少条": the table's 1853 is every
 * item made public, "政策、规范性文件类信息207条" the one asked; the table had answered, and the 207
 * had been said to contradict it.)
 */
function namesWhatRowDoesNot(pq: ProseQuery, best: ClauseAnswer, f: Figure, label: string, slice?: string): boolean {
  const top = rarestWord(pq.words);
  if (!top) return false;
  const own = best.q.countedFirst ? best.q.right : `${best.q.left}${best.q.right}`;
  if (wordMatch(top.word, own) < 0.85) return false;
  const { row } = figureWords(f, label);
  return [row, columnText(slice), label, BACKGROUND].every((t) => wordMatch(top.word, t) === 0);
}

/**
 * The other way round: a word the question asks and the figure's row or label names (复议 of
 * 行政复议) is nowhere in the clause's sentence, so the clause counts another thing, however many of
 * the question's other words it holds, nor before it in its sentence. ("长寿区2018年收到复议申请
 * 几件": "全区共收到政府信息公开申请359件" holds 收到 and 申请 and had answered over the table's 行政复议
 * 15.) The words every disclosure sentence shares (BACKGROUND) name no row.
 */
function rowNamesWhatClauseDoesNot(pq: ProseQuery, best: ClauseAnswer, f: Figure, label: string): boolean {
  const { row, plain } = figureWords(f, label);
  // The whole sentence, its parts before a ； too: "在…网站主动公开的1853条政府信息中，…；政策、
  // 规范性文件类信息207条" names 主动公开 before the ；.
  const all = pq.index.sentences;
  const at = all[best.q.sentence];
  let context = at?.text ?? best.q.clause;
  for (let i = best.q.sentence - 1; at && i >= 0 && all[i]!.line === at.line && /[;；]$/.test(all[i]!.text); i--) context = all[i]!.text + context;
  // A figure the prose states is one clause of its sentence: another clause of that sentence is
  // weighed by its own words ("其中通过门户网站公开1987条，通过“湖南交通”微信公众号发布信息1245条":
  // 网站发布 had taken the 公众号's 1245, its sentence holding 网站).
  if (f.source === "narrative" && at && f.evidence.text.includes(best.q.clause)) context = best.q.clause;
  // A negation the row and the question share is such a word too (不是《条例》所指政府信息 against
  // "收到政府信息公开申请359件"), though no content word of its own.
  const negation = ROW_NEGATION.exec(`${row} ${plain}`)?.[0];
  if (negation && pq.question.includes(negation) && !context.includes(negation)) return true;
  // (A compound the dictionary keeps whole, 复议申请, by its halves too: 复议 is the row's.)
  const parts = pq.words.flatMap(({ word }) => (word.length === 4 ? [word, word.slice(0, 2), word.slice(2)] : [word]));
  return parts.some(
    (word) => Math.max(wordMatch(word, row), wordMatch(word, plain)) >= 0.85 && wordMatch(word, BACKGROUND) === 0 && wordMatch(word, context) === 0,
  );
}

/** The negations table rows are worded with (不是…政府信息, 不属于本机关, 不予公开, 无法提供). */
const ROW_NEGATION = /不是|不属于|不予|不同意|无法|否决/;

/** A part of a body: its office (政府办), its departments or towns (各乡镇, 区直各部门). */
const BODY_PART = new RegExp(`${SUB_UNIT.source}|(?:政府|管委会)?办公室|政府办|管委会办`);

/**
 * The question asks about a part of the body the report is of, and the clause names that part: the
 * table counts the whole body. ("洪泽区政府办2024年收到申请多少件": the table's 95 is the district's,
 * "区政府办…受理政府信息公开申请17件" the office's; 受理 asked had found it, 收到 had not.)
 */
function namesPart(question: string, best: ClauseAnswer, org: string): boolean {
  const m = BODY_PART.exec(question);
  if (!m) return false;
  const part = m[0].replace(/^各/, "");
  return !org.includes(part) && `${best.q.left}${best.q.clause}`.includes(part);
}

/** Each metric's words for sentences about other things of its kind (审批窗口的申请 for 政府信息公开申请). */
const OFF_TOPIC = new Map(PHRASES.flatMap((p) => (p.offTopic ? [[p.metric, p.offTopic] as const] : [])));

/**
 * The clause's sentence is about other things of the figure's kind: "开设窗口24个，共受理申请136437件"
 * is the service hall's applications, not the 政府信息公开申请 the table counts. "about": the question
 * does not ask about those things, so the clause is no answer to it (it had answered "受理申请多少件"
 * with 136437 over the table's 0), unless the clause names disclosure. "asked": the question asks
 * about them and not about disclosure, so the clause answers ("窗口服务大厅共收到申请多少件": 收到 had
 * found the table row, 受理 the clause). Null when neither.
 */
function otherThings(pq: ProseQuery, best: ClauseAnswer, metric: string): "about" | "asked" | null {
  const other = OFF_TOPIC.get(metric);
  if (!other) return null;
  const sentence = pq.index.sentences[best.q.sentence]?.text ?? best.q.clause;
  if (!other.test(sentence)) return null;
  if (!other.test(pq.question)) return DISCLOSURE.test(best.q.clause) ? null : "about";
  return DISCLOSURE.test(pq.question) ? null : "asked";
}

/**
 * The clause restates the figure's own question (the table and the prose answer the same thing):
 * when they disagree, both are said.
 */
export function restates(pq: ProseQuery, best: ClauseAnswer, f: Figure, label: string, slice?: string): boolean {
  if (otherThings(pq, best, f.metric) === "about") return false;
  if (rowNamesWhatClauseDoesNot(pq, best, f, label)) return false;
  if (best.score < figureCoverage(pq, f, label, slice).score - 0.1) return false;
  // The prose gives the table's number too, about as surely: it agrees, and the other number is
  // another thing's ("其中属于主动公开范围的20件,同意公开答复的96件" against the table's 20: 已主动公开
  // 范围的答复 had been told "正文的说法不同：96件").
  return !ranked(pq).some((c) => c.q.value === f.value && c.score >= best.score - 0.1);
}

/**
 * The table row whose printed label says the question better than the metric the question's words
 * chose: "否决公开答复数" asked, the registry read 答复数 as 申请答复数. Why: tables word their rows in
 * ways no list of question words foresees; the row as printed is the surest match.
 *
 *   betterRow(px, report.figures, "requests.answered", 0.4) → the 否决公开答复数 row's metric
 */
export function betterRow(pq: ProseQuery, figures: readonly Figure[], current: string, currentScore: number, slice?: string): string | null {
  // The words that named the column asked are every row's: "其他申请人申请多少件" names the 其他
  // applicants, and its 申请人 had found 申请人无正当理由逾期不补正.
  const column = { text: columnText(slice), w: 1 };
  let best: { metric: string; score: number } | null = null;
  const seen = new Set<string>();
  for (const f of figures) {
    if (f.source !== "table" || f.slice || seen.has(f.metric)) continue;
    seen.add(f.metric);
    // A row counting another kind of thing than asked is no better row (依申请公开多少件 is no 依申请公开信息收取的费用 in 万元).
    if (f.unit && unitAgreement(f.unit, pq.asked) === 0) continue;
    const score = coverage(pq.words, [{ text: rowLabel(f), w: 1 }, column]);
    if (!best || score > best.score) best = { metric: f.metric, score };
  }
  if (!best || best.metric === current) return null;
  return best.score >= 0.75 && best.score >= currentScore + 0.2 ? best.metric : null;
}
