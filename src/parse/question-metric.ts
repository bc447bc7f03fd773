// Question understanding, what is asked of a body: the registry metrics its words match (scored by
// coverage, weak words counting half), rows outside the registry by their label, a registry word
// typed one character wrong, and the column asked (市直单位, 自然人).
import { parentsOf } from "./checks.js";
import { METRICS } from "./metrics.js";
import type { Lexicon } from "./question-names.js";

/** Longest run of characters of `a` that appears in `b` (both short). */
export function longestCommonRun(a: string, b: string): string {
  let best = "";
  for (let i = 0; i < a.length; i++) {
    for (let j = i + best.length + 1; j <= a.length; j++) {
      if (b.includes(a.slice(i, j))) best = a.slice(i, j);
      else break;
    }
  }
  return best;
}

export interface Scored {
  id: string;
  score: number;
  /** Positions of the text the best alternative covered. */
  covered: Set<number>;
  /** The best alternative's words that say much (the weak ones left out). */
  words?: string[];
}

/** Words too common to say much on their own: they count half. */
export const WEAK = new Set(["公开了", "发布了", "信息", "公开", "发布", "数量", "条信息", "多少钱"]);

/** A metric's way of being asked: all its words must be in the question. */
interface Alternative {
  words: readonly string[];
  /** Half the length of its weak words (they count half). */
  weak: number;
  /** Its words that say much. */
  strong: readonly string[];
}

/**
 * Each metric's alternatives — its terms, then its label without notes or 数 — made once: a
 * question is matched against all 133 metrics (several times for a question of several parts),
 * and making them per question was a third of what an answer allocated (young-generation
 * collections are the figure answers' slowest tail).
 */
let alternatives: { id: string; primary: boolean; alts: Alternative[] }[] | null = null;

function metricAlternatives(): NonNullable<typeof alternatives> {
  alternatives ??= METRICS.map((def) => {
    const label = def.label
      .replace(/（[^）]*）|\([^)]*\)/g, "")
      .replace(/·/g, "")
      .replace(/(?:数量|数)$/, "");
    const alts = [...def.terms, [label]].map((words) => ({
      words,
      weak: words.filter((w) => WEAK.has(w)).reduce((n, w) => n + w.length / 2, 0),
      strong: words.filter((w) => !WEAK.has(w)),
    }));
    return { id: def.id, primary: !!def.primary, alts };
  });
  return alternatives;
}

/**
 * Words a word before them turns into another thing: 公开, 处理, 答复… negated say the opposite
 * ("不予公开信息" holds 公开信息, 主动公开政府信息数's word, only as information not disclosed, and had
 * been answered with the information disclosed); 申请 after 复议 or 诉讼 is an appeal, not a request
 * for information ("收到复议申请几件" is 行政复议).
 */
const TURNED: readonly [word: RegExp, before: RegExp][] = [
  [/^(?:公开|发布|主动公开|主动发布|处理|办理|答复|办结|纠正|纠错|按时|按期|提供)/, /(?:不予?|未|没有?|非|拒绝|无法|不得|免予)$/],
  [/^申请/, /(?:复议|诉讼)$/],
];

/** Where `word` stands in `text` as itself, not turned into another thing by the words before it (TURNED). */
function ownIndex(text: string, word: string): number {
  let at = text.indexOf(word);
  const turned = TURNED.find(([w]) => w.test(word))?.[1];
  if (!turned) return at;
  while (at >= 0 && turned.test(text.slice(Math.max(0, at - 2), at))) at = text.indexOf(word, at + 1);
  return at;
}

/** Where each word of an alternative was found (reused: no array per alternative tried). */
const found: number[] = [];

/** Metric words → candidates, best first. Each alternative must match all its words. */
export function matchMetrics(text: string): Scored[] {
  const scored: Scored[] = [];
  for (const def of metricAlternatives()) {
    let best = 0;
    let bestCovered: Set<number> | undefined;
    let bestAlt: Alternative | undefined;
    for (const alt of def.alts) {
      let ok = true;
      for (let j = 0; j < alt.words.length; j++) {
        const at = ownIndex(text, alt.words[j]!);
        if (at < 0) {
          ok = false;
          break;
        }
        found[j] = at;
      }
      if (!ok) continue;
      const covered = new Set<number>();
      for (let j = 0; j < alt.words.length; j++) for (let k = found[j]!; k < found[j]! + alt.words[j]!.length; k++) covered.add(k);
      // Words found written together in their order are a phrase, above the same characters found as
      // another metric's words in another order: 主动公开规范性文件数 is that 2016 row, not the 2021
      // 规范性文件 column with 主动公开 among its words (primary among its columns).
      let phrase = alt.words.length > 1;
      for (let j = 1; phrase && j < alt.words.length; j++) phrase = found[j] === found[j - 1]! + alt.words[j - 1]!.length;
      const score = covered.size - alt.weak + 0.1 * alt.words.length + (def.primary ? 0.05 : 0) + (phrase ? 0.1 : 0);
      if (score > best) (best = score), (bestCovered = covered), (bestAlt = alt);
    }
    if (best >= 2 && bestCovered && bestAlt) scored.push({ id: def.id, score: best, covered: bestCovered, words: [...bestAlt.strong] });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored;
}

/** Words every table row label shares: they say nothing about which row is asked. */
export const GENERIC_ROW = /政府信息公开|信息公开|政府信息|政务公开|政府|工作|相关|情况|数量|多少|几|数/g;

/** Registry metrics, then rows outside the registry, matching a question's words; best first. */
export function allCandidates(metricText: string, lexicon: Lexicon): Scored[] {
  const candidates = matchMetrics(metricText);
  // Rows outside the registry compete by the longest run of their label found in the question.
  const plainText = metricText.replace(GENERIC_ROW, " ");
  for (const label of lexicon.statLabels ?? []) {
    const run = longestCommonRun(label.replace(GENERIC_ROW, " "), plainText).trim();
    // Below a registry metric covering as much: the registry knows the templates, these are one-offs.
    if (run.length >= 4) candidates.push({ id: `stat.${label}`, score: run.length - 0.5, covered: new Set() });
  }
  return candidates.sort((a, b) => b.score - a.score);
}

/** The registry's question words (Chinese, two characters or more), for one-character slips. */
export let termWords: string[] | null = null;

export function registryWords(): string[] {
  termWords ??= [...new Set(METRICS.flatMap((d) => d.terms.flat()).filter((w) => w.length >= 2 && /^[\u4e00-\u9fff]+$/.test(w)))];
  return termWords;
}

/** Words of asking and of the report's parts, never a slip of a metric word. */
export const COMMON_WORDS =
  /有多少|是多少|多少[次件条人名场期篇份项元天家位起个]?|几[次件条人名场期篇份项天家位起个]?|哪些|哪个|什么|怎么|怎样|如何|是否|有没有|存在|问题|不足|主要|情况|方面|工作|报告|年度|总共|一共|累计|共计|统计|审计|分别|部门|单位|机关|政府|区直|县直|市直|乡镇|街道|管委会/g;

/** A slip fixed: the words typed and the registry word read instead. */
export interface SlipFix {
  typed: string;
  word: string;
  text: string;
}

/**
 * A registry word typed with one character wrong (申清 for 申请, 复义 for 复议, an OCR-like slip):
 * the word one substitution away that makes the question match a metric well (four characters or
 * more covered, the fixed word among them). Why: a question that matches nothing is otherwise
 * answered by full-text search on a word no report prints. Only tried when nothing else matches;
 * the answer says which word was understood.
 *
 *   slipFix("行政复义多少件") → { typed: "复义", word: "复议", text: "行政复议多少件" }
 */
/** Particles and words of asking, typed as they are: never a slip for a registry word's character. */
const PARTICLES = /[的了吗呢吧啊么和与及或是在有几]/;

export function slipFix(text: string): SlipFix | null {
  const known = new Set(registryWords());
  // Words of asking and of the report's parts are typed right: 有多少 is no 有效, 主要问题 no 主动.
  const common = new Array<boolean>(text.length).fill(false);
  for (const m of text.matchAll(COMMON_WORDS)) for (let k = m.index!; k < m.index! + m[0].length; k++) common[k] = true;
  let best: (SlipFix & { score: number }) | null = null;
  const tried = new Set<string>();
  for (const w of registryWords()) {
    for (let i = 0; i + w.length <= text.length; i++) {
      const typed = text.slice(i, i + w.length);
      if (known.has(typed)) continue;
      let diff = -1;
      let n = 0;
      for (let k = 0; k < w.length && n < 2; k++) if (typed[k] !== w[k]) n++, (diff = k);
      // The character taken for a slip is no part of a word typed right (部门公开 is no 部分公开).
      // (Nor a particle: 政府的报告 is no 政府公报 mistyped — 的 is never a slip for a word's character.)
      if (n !== 1 || !/[\u4e00-\u9fff]/.test(typed[diff]!) || PARTICLES.test(typed[diff]!) || common[i + diff]) continue;
      const fixed = text.slice(0, i) + w + text.slice(i + w.length);
      if (tried.has(fixed)) continue;
      tried.add(fixed);
      const top = matchMetrics(fixed)[0];
      if (!top || top.score < 4 || !top.covered.has(i + diff)) continue;
      // A short word is a slip inside a metric's phrase (信息公开申清): it touches another word matched.
      if (w.length < 4 && !top.covered.has(i - 1) && !top.covered.has(i + w.length)) continue;
      if (!best || top.score > best.score) best = { typed, word: w, text: fixed, score: top.score };
    }
  }
  return best && { typed: best.typed, word: best.word, text: best.text };
}

export function isAncestor(a: string, b: string): boolean {
  const seen = new Set<string>();
  const todo = [...parentsOf(b)];
  while (todo.length) {
    const p = todo.pop()!;
    if (p === a) return true;
    if (seen.has(p)) continue;
    seen.add(p);
    todo.push(...parentsOf(p));
  }
  return false;
}

export const SLICE_WORDS: readonly [RegExp, string][] = [
  // 单位申请 (not 市直单位): the organisations that apply, as people say it.
  [/法人或其他组织|法人和其他组织|法人|(?<![直属各本该])单位(?:来|提出|提交)?申请|组织申请/, "legal_persons"],
  // 几个人申请 counts people, it names no column.
  // (…and the people themselves applying: 老百姓申请, 群众提出; 老百姓在网上递交 names the channel.)
  [/自然人|(?<![几少])个人申请|个人名义|个人身份|公民|(?:老百姓|群众|市民|居民)(?=申请|提出|提交|递交)/, "natural_person"],
  [/商业企业|企业申请|企业|公司/, "commercial"],
  [/科研机构|科研院所|研究机构|研究院|研究所/, "research"],
  // 社会组织 (社会团体, 基金会) are the 社会公益组织 column, not every 法人或其他组织.
  [/社会公益组织|公益组织|社会组织/, "public_interest"],
  [/法律服务机构|律师|律所/, "legal_service"],
  // The last of 法人或其他组织's columns, as people name it ("其他类型申请人提出多少件" had given the total).
  [/(?<![或和及与])其他(?:类型|类别|性质)?的?(?:申请人|申请主体|组织申请)/, "other_org"],
];

/**
 * Applicants no form counts apart, asked about (外地人申请多少件, 境外申请人, 女性申请, 记者申请): the
 * forms count them by kind only (自然人, 法人或其他组织 and its columns). A report's whole is all it
 * gives, and it is not theirs. (本市, 本地 and the like name the body asked about: not here.)
 */
export const UNCOUNTED_APPLICANTS =
  /(外地|外省|省外|外市|市外|外县|县外|境外|国外|外国|外籍|港澳台|香港|澳门|台湾|男性|女性|老年|残疾|未成年|学生|农民|媒体|记者)(?:人|人士|居民|群众|籍)?的?(?:申请人|申请者|申请|提出|提交)/;

/** How a column is typed: as printed, and a 单位 column as 部门 or 机关 (市直单位 → 市直部门). */
export function columnNames(column: string): string[] {
  const c = column.replace(/、/g, "");
  return /单位$/.test(c) ? [c, c.replace(/单位$/, "部门"), c.replace(/单位$/, "机关")] : [c];
}

/**
 * The question names this column: outside the region names, or running on from one ("蚌埠市直单位":
 * the 市 of 蚌埠市 starts 市直单位, read as 蚌埠 + 市直单位). A column wholly inside a name (蚌埠市政府) is
 * the name's, not the column's.
 */
export function namesColumn(q: string, unnamed: string, column: string): boolean {
  if (column.length < 2) return false;
  for (let at = q.indexOf(column); at >= 0; at = q.indexOf(column, at + 1)) {
    let outside = 0;
    for (let k = at; k < at + column.length; k++) if (unnamed[k] !== " ") outside++;
    if (outside === column.length || outside >= 2) return true;
  }
  return false;
}
