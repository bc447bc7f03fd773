// Question understanding: plain Chinese (or Traditional, or with noise) → what is asked: regions,
// years, metric, column slice, intent. Pure: the known regions and the newest year come in as the
// `lexicon` argument (chrono's refDate), so the same question always parses the same way.
import type { Intent, Question } from "../domain.js";
import { parentsOf } from "./checks.js";
import { lookupName, lookupStem } from "./gazetteer.js";
import { everyday } from "./everyday.js";
import { APPLICANT_SLICES, METRICS } from "./metrics.js";
import { normalizeQuery } from "./text.js";
import { asYear, chineseToNumber } from "./numbers.js";

/** A region the store holds, with every name a user may type for it. */
export interface RegionEntry {
  /** Unique key: the full region (南昌市西湖区), or the org for department reports. */
  key: string;
  /** Display name. */
  label: string;
  names: readonly string[];
}

/** A county, city or province some held body lies in: its name covers every such body. */
export interface AreaEntry {
  /** As the gazetteer writes it: 江苏省, 淮安市, 盐边县. */
  name: string;
  /** Names typed for it: the full name and its stem (江苏省, 江苏). */
  names: readonly string[];
  /** Keys of the held bodies inside it. */
  keys: readonly string[];
}

export interface Lexicon {
  regions: readonly RegionEntry[];
  /** Counties, cities and provinces of the held bodies (a 洪泽区 report is inside 江苏省 though it never says so). */
  areas?: readonly AreaEntry[];
  /** Named value columns seen in multi-column tables (市政府, 市直单位 …). */
  sliceNames: readonly string[];
  /** Newest statistics year held: 今年/去年/近三年 are relative to it. */
  newestYear: number | null;
  /** Labels of table rows outside the registry (蚌埠: 开展宣传活动), asked by their own words. */
  statLabels?: readonly string[];
}

export interface RegionMention {
  /** The words as typed (normalised). */
  text: string;
  /** Candidate region keys: more than one = ambiguous (西湖区: 南昌 or 杭州). */
  keys: string[];
  /** The mention ends with 政府 (蚌埠市政府): may mean that column of a summary table. */
  government: boolean;
  /** The year typed right after this name, when several regions each have one (资阳区2020年和长寿区2018年). */
  year?: number;
  /** Offset of the name in the squeezed question. */
  at?: number;
  /**
   * The name is also a county, city or province (江苏省, 淮安市): every held body inside it, for a
   * question over the area (有哪些报告, 一共, 哪个…最多).
   */
  area?: { name: string; keys: string[] };
  /** Only an area is named, no body of that name is held: `keys` are the bodies inside it. */
  areaOnly?: boolean;
}

export type ProblemsAspect = "problems" | "improvements" | "both";

/** Words asking for problems; "针对问题" / "解决问题" name them only as what improvements are for. */
const PROBLEM_WORDS = /问题|不足|短板|差距|困难|薄弱|毛病|缺点|短处|欠缺/;
const PROBLEM_AS_OBJECT = /(?:针对|解决|改进|整改)(?:存在的?|这些|上述|以上|有关|相关)?(?:的)?(?:问题|不足)/g;
/** Words asking for the improvements: 改进措施, 下一步, 打算, 如何改进. */
const IMPROVE_WORDS = /改进|整改|下一步|下步|今后|打算|(?:如何|怎么|怎样)(?:改|提升|加强|解决)|工作(?:计划|安排|思路)|整改措施/;

/**
 * Which half of the 存在的主要问题及改进情况 part a question asks for.
 *
 *   problemsAspect("资阳区2020年下一步怎么改进") → "improvements"
 *   problemsAspect("资阳区2020年存在的问题和改进措施") → "both"
 */
export function problemsAspect(q: string): ProblemsAspect {
  const improve = IMPROVE_WORDS.test(q);
  const problems = PROBLEM_WORDS.test(q.replace(PROBLEM_AS_OBJECT, " "));
  return improve ? (problems ? "both" : "improvements") : "problems";
}

export interface ParsedQuestion extends Question {
  mentions: RegionMention[];
  /** Place names typed that the store does not hold ("朝阳区"). */
  unknownRegions: string[];
  /** Metrics matching the question, best first (ties kept: the report decides). */
  metricCandidates: string[];
  /** The question asks for a count or amount (多少, 几): prefer passages with numbers. */
  wantsNumber: boolean;
  /**
   * Asks for a number (多少, 几, 访问量, 占比, …数): a quantity stated in the prose may answer when no
   * table figure does, and "not stated" is the answer when neither does.
   */
  asksQuantity: boolean;
  /** Asks across years (历年, 趋势, 每年 …; not the 历年累计 column). */
  asksTrend: boolean;
  /** Asks about problems/shortcomings or the improvements: answer from the 存在问题 section. */
  asksProblems: boolean;
  /**
   * Which half of 存在的主要问题及改进情况 is asked: the problems (存在哪些不足), the improvements
   * (下一步怎么改进, 改进措施), or both (存在的问题和改进情况).
   */
  problemsAspect: ProblemsAspect;
  /** Further metrics asked in the same question ("行政复议和行政诉讼"), each with its candidates. */
  moreMetrics: string[][];
  /**
   * The question's words that named the metric (行政诉讼, 申请 答复): a figure of that metric
   * accounts for them when it is weighed against a prose clause.
   */
  metricWords?: string;
  /** A registry word typed with one character wrong, read as the registry's word (申清 → 申请). */
  understood?: { typed: string; word: string };
  /** The question without region names and years: what full-text search segments. */
  keywordSource: string;
  /**
   * No held name was typed, but one is a character away from what was (长受区 → 长寿区, 沐阳 → 沭阳):
   * the words typed and the names meant, for "did you mean".
   */
  didYouMean?: { typed: string; names: string[] };
}

/** Longest accepted question; longer input is cut (a 4,000-emoji message is not a question). */
const MAX_QUESTION = 300;

/** Remove everything that is not a letter or a digit: spaces, punctuation, emoji, HTML brackets. */
function squeeze(s: string): string {
  return s.replace(/<[^>]{0,80}>/g, " ").replace(/[^\p{L}\p{N}]+/gu, "");
}

const CN_DIGIT: Record<string, string> = { 〇: "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };

/** "二〇一八年" → "2018年". */
function chineseYears(s: string): string {
  return s.replace(/([〇零一二三四五六七八九]{4})年/g, (_, d: string) => d.split("").map((c) => CN_DIGIT[c] ?? c).join("") + "年");
}

interface YearResult {
  years: number[];
  relative: boolean;
  /** The relative word (去年, 近三年), when one set the years. */
  relativeWord?: string;
  /** Text spans consumed (removed before metric matching). */
  consumed: string[];
}

/** Years: 2018, 2018年度, 18年, 2018到2020, 去年/今年/前年, 近三年, 近几年/历年 (all held). */
export function parseYears(q: string, newestYear: number | null): YearResult {
  const years = new Set<number>();
  const consumed: string[] = [];
  let relative = false;
  let relativeWord: string | undefined;
  const range = /((?:19|20)\d{2})年?度?(?:到|至|~|-|—|－)((?:19|20)\d{2})年?度?/.exec(q);
  if (range) {
    const a = asYear(range[1]!);
    const b = asYear(range[2]!);
    if (a && b) {
      for (let y = Math.min(a, b); y <= Math.max(a, b) && years.size < 40; y++) years.add(y);
      relative = true;
      consumed.push(range[0]);
    }
  }
  // "2020年12345平台": the 年 ends the year even when digits follow it.
  for (const m of q.matchAll(/(?<!\d)((?:19|20)\d{2})(?:年度|年|(?!\d))/g)) {
    const y = asYear(m[1]!);
    if (y) {
      years.add(y);
      consumed.push(m[0]);
    }
  }
  for (const m of q.matchAll(/(?<![\d年])(\d{2})年(?!\d)/g)) {
    const y = 2000 + Number(m[1]);
    if (newestYear && y <= newestYear + 1) {
      years.add(y);
      consumed.push(m[0]);
    }
  }
  if (newestYear) {
    const rel: [RegExp, number[]][] = [
      [/今年|本年度|本年/, [0]],
      // Not 上一年没办完的 (上年结转): that is a row of the table, not a year.
      [/去年(?!结转|[没未还剩遗留转])|上一年(?!项目|结转|[没未还剩遗留转])|上年度(?!结转|[没未还剩遗留转])/, [1]],
      [/前年/, [2]],
    ];
    for (const [re, back] of rel) {
      const m = re.exec(q);
      if (m && !/上年结转/.test(q)) {
        for (const b of back) years.add(newestYear - b);
        relative = true;
        relativeWord ??= m[0];
        consumed.push(m[0]);
      }
    }
    const recent = /(?:近|最近|过去)([一二两三四五六七八九十\d]{1,2})年/.exec(q);
    if (recent) {
      const n = Math.min(20, /^\d+$/.test(recent[1]!) ? Number(recent[1]) : chineseToNumber(recent[1]!) ?? 3);
      for (let i = 0; i < n; i++) years.add(newestYear - i);
      relative = true;
      relativeWord ??= recent[0];
      consumed.push(recent[0]);
    }
  }
  return { years: [...years].sort((a, b) => a - b), relative, ...(relativeWord ? { relativeWord } : {}), consumed };
}

/** Longest run of characters of `a` that appears in `b` (both short). */
function longestCommonRun(a: string, b: string): string {
  let best = "";
  for (let i = 0; i < a.length; i++) {
    for (let j = i + best.length + 1; j <= a.length; j++) {
      if (b.includes(a.slice(i, j))) best = a.slice(i, j);
      else break;
    }
  }
  return best;
}

/** Find region names: longest known name first, no overlaps. */
function findRegions(q: string, lexicon: Lexicon): { mentions: RegionMention[]; rest: string } {
  const byName = nameIndex(lexicon);
  const byArea = areaIndex(lexicon);
  const mentions: RegionMention[] = [];
  const used = new Array<boolean>(q.length).fill(false);
  const maxLen = 16;
  for (let len = Math.min(maxLen, q.length); len >= 2; len--) {
    for (let i = 0; i + len <= q.length; i++) {
      let taken = false;
      for (let k = i; k < i + len && !taken; k++) taken = used[k]!;
      if (taken) continue;
      let word = q.slice(i, i + len);
      let keys = byName.get(word);
      const area = byArea.get(word);
      if (!keys && area) {
        for (let k = i; k < i + len; k++) used[k] = true;
        mentions.push({ text: word, keys: [...area.keys], government: false, at: i, area: { name: area.name, keys: [...area.keys] }, areaOnly: true });
        continue;
      }
      if (!keys) continue;
      // "洪泽区政府办…": the office of the government is a word of the question (区政府办代表区政府受理…);
      // the region is named without it.
      const body = /(?:人民政府|政府|管委会)$/.exec(word);
      if (body && /^办/.test(q.slice(i + len)) && byName.has(word.slice(0, -body[0].length))) {
        word = word.slice(0, -body[0].length);
        keys = byName.get(word)!;
      }
      // "长寿区" inside "长寿区民政局": take the longer known name only (handled by order).
      for (let k = i; k < i + word.length; k++) used[k] = true;
      const covers = byArea.get(word);
      mentions.push({ text: word, keys: [...keys], government: /政府$/.test(word), at: i, ...(covers && covers.keys.length > 1 ? { area: { name: covers.name, keys: [...covers.keys] } } : {}) });
    }
  }
  mentions.sort((a, b) => a.at! - b.at!);
  let rest = "";
  for (let i = 0; i < q.length; i++) rest += used[i] ? " " : q[i];
  return { mentions, rest };
}

/** The question with only these mentions blanked out (what the rest of the parser reads). */
function blankMentions(q: string, mentions: readonly RegionMention[]): string {
  const used = new Array<boolean>(q.length).fill(false);
  for (const m of mentions) if (m.at !== undefined) for (let k = m.at; k < m.at + m.text.length; k++) used[k] = true;
  let rest = "";
  for (let i = 0; i < q.length; i++) rest += used[i] ? " " : q[i];
  return rest;
}

/**
 * A short name that fits a region already named is that region, not a second one: "平潭综合实验区…
 * 通过中国平潭网…" names one body (the 平潭 of 中国平潭网 is a word of the question).
 */
function dropRepeats(mentions: RegionMention[], q: string): RegionMention[] {
  const out: RegionMention[] = [];
  for (const m of mentions) {
    // "平潭综合实验区和平潭…" joins two names: the second may be another body.
    const joined = /[和与及、跟同比]$/.test(q.slice(0, m.at ?? 0));
    const named = !joined && out.find((o) => o.keys.length === 1 && o.text !== m.text && o.text.includes(m.text) && m.keys.includes(o.keys[0]!));
    if (!named) out.push(m);
  }
  return out;
}

const nameCache = new WeakMap<Lexicon, Map<string, Set<string>>>();
function nameIndex(lexicon: Lexicon): Map<string, Set<string>> {
  let map = nameCache.get(lexicon);
  if (map) return map;
  map = new Map();
  for (const r of lexicon.regions) {
    for (const n of r.names) {
      const name = squeeze(n);
      if (name.length < 2) continue;
      let set = map.get(name);
      if (!set) map.set(name, (set = new Set()));
      set.add(r.key);
    }
  }
  nameCache.set(lexicon, map);
  return map;
}

const areaCache = new WeakMap<Lexicon, Map<string, AreaEntry>>();
function areaIndex(lexicon: Lexicon): Map<string, AreaEntry> {
  let map = areaCache.get(lexicon);
  if (map) return map;
  map = new Map();
  for (const a of lexicon.areas ?? []) for (const n of a.names) if (n.length >= 2 && !map.has(n)) map.set(n, a);
  areaCache.set(lexicon, map);
  return map;
}

/**
 * An area typed before a body inside it ("江苏淮安市洪泽区", "南昌西湖区") only places that body: it is
 * no mention of its own, though it still tells homonyms apart (kept for that in `narrow`).
 */
function dropPlacingAreas(mentions: RegionMention[], q: string): RegionMention[] {
  return mentions.filter((m, i) => {
    if (!m.areaOnly) return true;
    const next = mentions[i + 1];
    if (!next || next.at !== (m.at ?? 0) + m.text.length) return true;
    const within = next.keys.filter((k) => m.keys.includes(k));
    if (within.length === 0) return true;
    // The body's homonyms outside the area are ruled out.
    if (within.length < next.keys.length) next.keys = within;
    void q;
    return false;
  });
}

const fuzzyCache = new WeakMap<Lexicon, Map<string, Set<string>>>();
/** Every held name (bodies and areas) under each of its one-character blanks: "长?区" → 长寿区. */
function fuzzyIndex(lexicon: Lexicon): Map<string, Set<string>> {
  let map = fuzzyCache.get(lexicon);
  if (map) return map;
  map = new Map();
  const add = (name: string) => {
    if (name.length < 2 || name.length > 12) return;
    for (let i = 0; i < name.length; i++) {
      const k = name.slice(0, i) + "?" + name.slice(i + 1);
      let set = map!.get(k);
      if (!set) map!.set(k, (set = new Set()));
      set.add(name);
    }
  };
  for (const name of nameIndex(lexicon).keys()) add(name);
  for (const name of areaIndex(lexicon).keys()) add(name);
  fuzzyCache.set(lexicon, map);
  return map;
}

/** A department's name right after a region's, ending where the question goes on (沐阳县|发改局|2020年…). */
const DEPARTMENT_AFTER = /^(?!人民政府|政府|管委会)([\u4e00-\u9fff]{1,10}?(?:局|委员会|委|办公室|办公厅|厅))(?=$|\d|的|在|有|是|收到|行政|政府信息|信息公开|主动|依申请|多少|几|去年|今年|前年|近|一共|共|全年|哪)/;

/** Words that are no place, whatever place they are one character from. */
const NOT_A_NAME = /哪|多少|几|什么|信息|公开|申请|复议|诉讼|报告|年度|政府|部门|单位|情况|数量|工作/;

/**
 * A held name one character away from words of the question (长受区 → 长寿区; 沐阳 → 沭阳, a slip the
 * gazetteer knows as no division of its own). Names of two characters only at the start of the
 * question, where a place is typed; never words the gazetteer holds as another place.
 *
 *   nearNames("长受区2018年行政复议多少件", lexicon) → { typed: "长受区", names: ["长寿区"] }
 */
export function nearNames(q: string, lexicon: Lexicon): { typed: string; names: string[] } | null {
  const index = fuzzyIndex(lexicon);
  const known = nameIndex(lexicon);
  const areas = areaIndex(lexicon);
  for (let len = Math.min(12, q.length); len >= 2; len--) {
    for (let i = 0; i + len <= q.length; i++) {
      if (len === 2 && i > 0) break;
      const typed = q.slice(i, i + len);
      // Where a place is typed: the question's start, or a word ending as a place or a body ends.
      if (i > 0 && !/[省市区县旗镇乡州局委办厅]$/.test(typed)) continue;
      if (!/^[\u4e00-\u9fff]+$/.test(typed) || known.has(typed) || areas.has(typed) || NOT_A_NAME.test(typed)) continue;
      // A place of its own (平安, 长春区) is no slip of another.
      if (lookupName(typed).length || (len <= 3 && lookupStem(typed).length)) continue;
      const names = new Set<string>();
      for (let k = 0; k < len; k++) for (const n of index.get(typed.slice(0, k) + "?" + typed.slice(k + 1)) ?? []) names.add(n);
      if (names.size > 0 && names.size <= 5) return { typed, names: [...names] };
    }
  }
  return null;
}

/** A mention with several candidates narrowed by another mention that names a parent (南昌 … 西湖区). */
function narrow(mentions: RegionMention[], lexicon: Lexicon, q: string): RegionMention[] {
  if (mentions.length < 2) return mentions;
  const labelOf = new Map(lexicon.regions.map((r) => [r.key, r.key]));
  const out: RegionMention[] = [];
  for (const m of mentions) {
    const others = mentions.filter((o) => o !== m);
    if (m.keys.length > 1) {
      const narrowed = m.keys.filter((k) => others.some((o) => (labelOf.get(k) ?? k).includes(o.text.replace(/政府$/, ""))));
      if (narrowed.length > 0) {
        out.push({ ...m, keys: narrowed });
        continue;
      }
    }
    // A mention that only names the parent of another mention ("南昌" in "南昌西湖区") is not a region of
    // its own; typed apart ("洪泽区和淮安市") it is.
    const isParentOnly = others.some((o) => o.keys.every((k) => k !== m.keys[0] && k.includes(m.text)) && o.keys.length > 0 && (q.includes(m.text + o.text) || q.includes(`${m.text}的${o.text}`)));
    if (isParentOnly && m.keys.every((k) => others.some((o) => o.keys.some((ok) => ok.startsWith(k))))) continue;
    out.push(m);
  }
  return out;
}

/** How a column is typed: as printed, and a 单位 column as 部门 or 机关 (市直单位 → 市直部门). */
function columnNames(column: string): string[] {
  const c = column.replace(/、/g, "");
  return /单位$/.test(c) ? [c, c.replace(/单位$/, "部门"), c.replace(/单位$/, "机关")] : [c];
}

/**
 * The question names this column: outside the region names, or running on from one ("蚌埠市直单位":
 * the 市 of 蚌埠市 starts 市直单位, read as 蚌埠 + 市直单位). A column wholly inside a name (蚌埠市政府) is
 * the name's, not the column's.
 */
function namesColumn(q: string, unnamed: string, column: string): boolean {
  if (column.length < 2) return false;
  for (let at = q.indexOf(column); at >= 0; at = q.indexOf(column, at + 1)) {
    let outside = 0;
    for (let k = at; k < at + column.length; k++) if (unnamed[k] !== " ") outside++;
    if (outside === column.length || outside >= 2) return true;
  }
  return false;
}

const GENERIC_PLACE = /^(?:全|我|本|各|哪|每|该|其|这|那|此|县|市|地|城|辖|社|园|景|片|小|学|省|直|所|区|乡|镇|街|分|下|上|老|新)/;
/** Place-like words not in the store: "朝阳区", "杭州市". */
function unknownPlaces(rest: string): string[] {
  const out: string[] = [];
  for (const m of rest.matchAll(/([\u4e00-\u9fff]{2,5}?(?:自治州|自治县|街道|省|市|区|县|镇|乡|旗))(?:政府|人民政府)?/g)) {
    const name = m[1]!;
    const stem = name.replace(/(?:自治州|自治县|街道|省|市|区|县|镇|乡|旗)$/, "");
    if (stem.length < 2 || GENERIC_PLACE.test(stem) || /政府|单位|部门|行政|信息|公开|申请|哪个|哪些|地区/.test(name)) continue;
    out.push(name);
  }
  return out;
}

interface Scored {
  id: string;
  score: number;
  /** Positions of the text the best alternative covered. */
  covered: Set<number>;
  /** The best alternative's words that say much (the weak ones left out). */
  words?: string[];
}

/** Words too common to say much on their own: they count half. */
const WEAK = new Set(["公开了", "发布了", "信息", "公开", "发布", "数量", "条信息", "多少钱"]);

/** Metric words → candidates, best first. Each alternative must match all its words. */
export function matchMetrics(text: string): Scored[] {
  const scored: Scored[] = [];
  for (const def of METRICS) {
    let best = 0;
    let bestCovered = new Set<number>();
    let bestWords: string[] = [];
    const label = def.label.replace(/（[^）]*）|\([^)]*\)/g, "").replace(/·/g, "").replace(/(?:数量|数)$/, "");
    const alternatives = [...def.terms, [label]];
    for (const alt of alternatives) {
      const covered = new Set<number>();
      let ok = true;
      for (const w of alt) {
        const at = text.indexOf(w);
        if (at < 0) {
          ok = false;
          break;
        }
        for (let k = at; k < at + w.length; k++) covered.add(k);
      }
      if (!ok) continue;
      const weak = alt.filter((w) => WEAK.has(w)).reduce((n, w) => n + w.length / 2, 0);
      const score = covered.size - weak + 0.1 * alt.length + (def.primary ? 0.05 : 0);
      if (score > best) (best = score), (bestCovered = covered), (bestWords = alt.filter((w) => !WEAK.has(w)));
    }
    if (best >= 2) scored.push({ id: def.id, score: best, covered: bestCovered, words: bestWords });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored;
}

/** Words every table row label shares: they say nothing about which row is asked. */
const GENERIC_ROW = /政府信息公开|信息公开|政府信息|政务公开|政府|工作|相关|情况|数量|多少|几|数/g;

/** Registry metrics, then rows outside the registry, matching a question's words; best first. */
function allCandidates(metricText: string, lexicon: Lexicon): Scored[] {
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
let termWords: string[] | null = null;
function registryWords(): string[] {
  termWords ??= [...new Set(METRICS.flatMap((d) => d.terms.flat()).filter((w) => w.length >= 2 && /^[\u4e00-\u9fff]+$/.test(w)))];
  return termWords;
}

/** Words of asking and of the report's parts, never a slip of a metric word. */
const COMMON_WORDS = /有多少|是多少|多少|几|哪些|哪个|什么|怎么|怎样|如何|是否|有没有|存在|问题|不足|主要|情况|方面|工作|报告|年度|总共|一共|分别|部门|单位|机关|政府|区直|县直|市直|乡镇|街道|管委会/g;

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
      for (let k = 0; k < w.length && n < 2; k++) if (typed[k] !== w[k]) (n++, (diff = k));
      // The character taken for a slip is no part of a word typed right (部门公开 is no 部分公开).
      if (n !== 1 || !/[\u4e00-\u9fff]/.test(typed[diff]!) || common[i + diff]) continue;
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

function isAncestor(a: string, b: string): boolean {
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

const SLICE_WORDS: readonly [RegExp, string][] = [
  // 单位申请 (not 市直单位): the organisations that apply, as people say it.
  [/法人或其他组织|法人和其他组织|法人|(?<![直属各本该])单位(?:来|提出|提交)?申请|组织申请/, "legal_persons"],
  // 几个人申请 counts people, it names no column.
  [/自然人|(?<![几少])个人申请|个人名义|个人身份|公民/, "natural_person"],
  [/商业企业|企业申请|企业|公司/, "commercial"],
  [/科研机构/, "research"],
  [/社会公益组织|公益组织/, "public_interest"],
  [/法律服务机构|律师/, "legal_service"],
];

/**
 * Understand a question.
 *
 *   parseQuestion("长寿区2018年行政复议多少件", lexicon)
 *   → { regions: ["长寿区"], years: [2018], metric: "review.total", intent: "value", … }
 */
export function parseQuestion(text: string, lexicon: Lexicon, segmentWords?: (s: string) => string[]): ParsedQuestion {
  const cut = text.length > MAX_QUESTION ? text.slice(0, MAX_QUESTION) : text;
  const normalized = chineseYears(normalizeQuery(cut));
  const q = squeeze(normalized).replace(/、/g, "");
  const yr = parseYears(q, lexicon.newestYear);
  const found = findRegions(q, lexicon);
  const deduped = dropRepeats(found.mentions, q);
  // A repeat is a word of the question again (中国平潭网): its text is not blanked.
  const repeats = new Set(found.mentions.filter((m) => !deduped.includes(m)).map((m) => m.at));
  const kept = dropPlacingAreas(deduped, q);
  let mentions = narrow(kept, lexicon, q);
  let rest = blankMentions(q, found.mentions.filter((m) => !repeats.has(m.at)));
  // The same, offsets kept (years are cut from `rest` below).
  const unnamed = rest;
  // "杭州西湖区": the parent typed without its suffix still tells the two 西湖区 apart.
  mentions = mentions.map((m) => {
    if (m.keys.length < 2) return m;
    const hit = m.keys.filter((k) => (k.match(/[^省市区县]{2,}?(?:省|市|自治州|地区)/g) ?? []).some((p) => p !== m.text && q.includes(p.replace(/(?:省|市|自治州|地区)$/, ""))));
    return hit.length > 0 && hit.length < m.keys.length ? { ...m, keys: hit } : m;
  });
  // "杭州市西湖区" when only 南昌市西湖区 is held: the city typed right before the name rules the held
  // one out. Answering 南昌 would be answering another region silently.
  const conflicts: string[] = [];
  mentions = mentions.filter((m) => {
    const at = q.indexOf(m.text);
    const parent = /([\u4e00-\u9fff]{2,6}?(?:市|自治州|地区|盟))$/.exec(rest.slice(0, Math.max(0, at)))?.[1];
    const stem = parent?.replace(/(?:市|自治州|地区|盟)$/, "");
    if (!parent || !stem || stem.length < 2 || GENERIC_PLACE.test(stem)) return true;
    // Keys that name that city, or name no city at all (a parent we cannot check).
    const keep = m.keys.filter((k) => k.includes(stem) || !/(?:市|自治州|地区|盟)/.test(k.replace(m.text, "")));
    if (keep.length === m.keys.length) return true;
    if (keep.length > 0) {
      m.keys = keep;
      return true;
    }
    conflicts.push(`${parent}${m.text}`);
    return false;
  });
  if (mentions.length >= 2) {
    mentions = mentions.map((m) => {
      const after = q.slice(q.indexOf(m.text) + m.text.length);
      const y = /^的?((?:19|20)\d{2})(?!\d)/.exec(after);
      const year = y ? asYear(y[1]!) : null;
      return year ? { ...m, year } : m;
    });
  }
  for (const c of yr.consumed) rest = rest.split(c).join(" ");
  // "沐阳县发改局", "长寿区民政局": a department of the region named, which no held name spells. Its
  // government does not answer for it: the department is unknown (or one character from a held one).
  let near: ParsedQuestion["didYouMean"] | null = null;
  for (const m of mentions) {
    const dept = DEPARTMENT_AFTER.exec(q.slice((m.at ?? 0) + m.text.length));
    if (!dept) continue;
    const typed = m.text + dept[1];
    near = nearNames(typed, lexicon);
    if (!near) conflicts.push(typed);
    mentions = mentions.filter((x) => x !== m);
    break;
  }
  const unknownRegions = conflicts.length > 0 ? conflicts : mentions.length === 0 ? unknownPlaces(rest) : [];
  if (mentions.length === 0 && !near) near = nearNames(q.replace(/((?:19|20)\d{2})年?度?/g, ""), lexicon);

  // Named columns (市直单位) and applicant types (自然人) before metric matching.
  let slice: string | undefined;
  const sliceName = [...lexicon.sliceNames].sort((a, b) => b.length - a.length).find((n) => columnNames(n).some((c) => namesColumn(q, unnamed, c)));
  if (sliceName) slice = sliceName;
  else for (const [re, key] of SLICE_WORDS) if (re.test(rest)) (slice = key);

  // Everyday words in the template's words (打官司 → 行政诉讼), for the metrics and the prose alike.
  rest = everyday(rest);
  let metricText = rest.replace(/\s+/g, "");
  let candidates = allCandidates(metricText, lexicon);
  // Nothing matches well: a metric word typed with one character wrong (申清, 复义).
  let understood: ParsedQuestion["understood"];
  if ((candidates[0]?.score ?? 0) < 3) {
    const fix = slipFix(metricText);
    if (fix && rest.includes(fix.typed)) {
      understood = { typed: fix.typed, word: fix.word };
      rest = rest.replace(fix.typed, fix.word);
      metricText = rest.replace(/\s+/g, "");
      candidates = allCandidates(metricText, lexicon);
    }
  }
  // "依申请公开的答复有多少不予公开", "依申请公开办结率": a category, then the item asked for within it.
  // The item wins over the longer category word, unless the two are joined as two questions (和, 与).
  if (candidates.length > 1 && !/和|与|及|以及|还有|、/.test(normalized)) {
    const head = candidates[0]!;
    // Every item of that category the same words name (办结: 申请办结数 in 2016, 办理结果总计 in 2019/2021), in order.
    const inner = candidates.filter((c) => c !== head && c.covered.size > 0 && isAncestor(head.id, c.id) && [...c.covered].every((i) => !head.covered.has(i)));
    const first = inner[0];
    const same = inner.filter((c) => first && c.score === first.score && [...c.covered].join() === [...first.covered].join());
    for (const c of same.reverse()) candidates.splice(candidates.indexOf(c), 1), candidates.unshift({ ...c, score: Math.max(c.score, head.score) });
  }
  const top = candidates[0]?.score ?? 0;
  const metricCandidates = candidates.filter((c) => c.score >= top * 0.75).map((c) => c.id);
  const metric = metricCandidates[0];
  const metricWords = candidates[0]?.words?.join(" ") ?? "";
  // "行政复议和行政诉讼": a second metric in the text the first did not cover, joined by 和/与/及/、.
  const moreMetrics: string[][] = [];
  // Words typed apart ("长寿区 2018 复议 诉讼", "复议、诉讼") name a metric each, short as they are.
  const listed = /\S\s+\S|、/.test(normalized.trim());
  if (metric && (listed || /和|与|及|以及|还有|,|，/.test(normalized))) {
    let restText = metricText;
    let covered = candidates[0]!.covered;
    for (let round = 0; round < 3; round++) {
      restText = [...restText].map((ch, i) => (covered.has(i) ? " " : ch)).join("");
      // A short word right after 和 (行政复议和诉讼) names a metric too.
      const joined = (c: Scored) => listed || /[和与及]/.test(metricText[Math.min(...c.covered) - 1] ?? "");
      const next = matchMetrics(restText).filter((c) => c.score >= 3.5 || (c.score >= 2 && joined(c)));
      if (!next.length) break;
      const best = next[0]!.score;
      const group = next.filter((c) => c.score >= best * 0.75).map((c) => c.id).filter((id) => !metricCandidates.includes(id) || id !== metric);
      if (!group.length || moreMetrics.some((g) => g[0] === group[0])) break;
      moreMetrics.push(group);
      covered = next[0]!.covered;
    }
    // A metric asked on its own is no alternative reading of the first.
    for (const g of moreMetrics) for (const id of g) if (id !== metric && metricCandidates.includes(id)) metricCandidates.splice(metricCandidates.indexOf(id), 1);
  }

  const wantsNumber = /多少|几|数量|数额|金额|总数|总计|合计|一共|共有|多大/.test(q);
  const asksQuantity = wantsNumber || /(?:量|数|额|率|比例|占比|比重)(?:是|为|有)?(?:的?(?:对比|比较|变化|趋势))?$/.test(q) || /占比|比例/.test(q);
  // A column named in the question (历年累计) is not a word of the intent (历年 → trend).
  const qi = sliceName ? q.split(sliceName.replace(/、/g, "")).join(" ") : q;
  const asksProblems = (/存在.{0,6}(?:问题|不足)|(?:哪些|什么|主要|啥)(?:问题|不足|困难|毛病|缺点|短处)|不足之处|短板|差距|问题$/.test(q) || IMPROVE_WORDS.test(q)) && !metric;

  // "哪些地区有行政诉讼": every body with a figure above nought, not the top few.
  const which = /哪些(?:地区|区县|区|县|市|单位|地方|部门|报告|机关)?(?:有|出现|发生|存在|收到)/.test(qi);
  let rank: Question["rank"];
  const topN = /前([一二两三四五六七八九十\d]{1,3})(?:名|个|位)?/.exec(qi) ?? /top(\d{1,3})/i.exec(qi);
  const rankWords = /哪个|哪些(?:地区|区|县|市|单位|地方|部门)|哪里|哪家|最多|最少|最高|最低|排名|排行|排序|名列|第一/.test(qi);
  if (rankWords || topN) {
    const n = topN ? (/^\d+$/.test(topN[1]!) ? Number(topN[1]) : chineseToNumber(topN[1]!) ?? 5) : /哪个|哪里|哪家|第一/.test(qi) ? 1 : 5;
    rank = { top: Math.max(1, Math.min(50, n)), order: /最少|最低|倒数/.test(qi) ? "asc" : "desc", ...(which && !topN && !/最多|最少|最高|最低|排名|排行|排序/.test(qi) ? { which: true } : {}) };
  }
  // Figures that do not add up (勾稽) or a table the prose contradicts.
  const asksConflicts = /矛盾|不一致|对不上|不相符|不符|勾稽|冲突|(?:数据|数字)(?:有误|错误|有问题)|算错/.test(qi);
  // A sum over the bodies asked (一共, 合计), not a ranking of them.
  const asksTotal = /一共|合计|总共|总计|加起来|共计|总和|汇总|累计(?!数)/.test(qi) && !/历年累计/.test(qi);

  const regionCount = mentions.length;
  const asksTrend = /趋势|变化|历年|逐年|每年|近几年|这几年|这些年|这么多年|多年来|各年|变多|变少|越来越|有没有(?:变|增|减|上升|下降)/.test(qi);
  let intent: Intent = "search";
  const listWords = /有哪些报告|哪些报告|什么报告|报告列表|有哪些年份|哪些年份|哪几年|有哪些年|收录|都有哪些|有哪些地区|哪些地区有|的报告$|报告有哪些|几份报告|多少份报告|多少报告/.test(qi);
  const areaOnly = mentions.length > 0 && mentions.every((m) => m.areaOnly);
  if (asksConflicts && !asksProblems) intent = "conflicts";
  else if (metric && asksTotal && (regionCount === 0 || areaOnly)) intent = "total";
  else if (listWords && !metric) intent = "list";
  else if (metric && rank && regionCount === 0) intent = "rank";
  // "长寿区哪一年行政复议最多": one region across its years.
  else if (metric && rank && regionCount === 1 && /哪(?:一)?年|哪个年度|哪些年/.test(qi)) intent = "trend";
  else if (metric && (regionCount >= 2 || (/对比|比较|相比|差别|差异|vs|\d{4}年?度?比/i.test(qi) && (regionCount >= 2 || yr.years.length >= 2)))) intent = "compare";
  else if (metric && (yr.years.length >= 2 || asksTrend)) intent = "trend";
  else if (metric && /情况|构成|明细|分别|分类|详细|具体|怎么样|如何|结果/.test(qi) && METRICS.some((d) => d.parent === metric)) intent = "breakdown";
  else if (metric) intent = "value";
  else if (/有哪些|哪些年|列表/.test(qi) && regionCount <= 1 && !asksProblems && q.length <= 16) intent = "list";

  const keywordSource = rest.replace(/\s+/g, " ");
  // Segmenting costs the jieba dictionary: done here only when asked for (the answerer segments
  // `keywordSource` itself, and only on the full-text path).
  const keywords = segmentWords ? segmentWords(keywordSource) : keywordSource.split(/\s+/).filter(Boolean);

  return {
    text,
    normalized,
    regions: mentions.map((m) => m.text),
    years: yr.years,
    yearsRelative: yr.relative,
    ...(yr.relativeWord && lexicon.newestYear ? { relativeYears: { word: yr.relativeWord, newest: lexicon.newestYear } } : {}),
    ...(metric ? { metric } : {}),
    ...(slice ? { slice } : {}),
    intent,
    ...(rank ? { rank } : {}),
    keywords,
    keywordSource,
    mentions,
    unknownRegions,
    metricCandidates,
    wantsNumber,
    asksQuantity,
    asksTrend,
    asksProblems,
    problemsAspect: problemsAspect(q),
    ...(understood ? { understood } : {}),
    ...(metricWords ? { metricWords } : {}),
    ...(near ? { didYouMean: near } : {}),
    moreMetrics,
  };
}

export { APPLICANT_SLICES };
