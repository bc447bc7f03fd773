// Question understanding: plain Chinese (or Traditional, or with noise) → what is asked: regions,
// years, metric, column slice, intent. Pure: the known regions and the newest year come in as the
// `lexicon` argument (chrono's refDate), so the same question always parses the same way.
import type { Question } from "../domain.js";
import { everyday } from "./everyday.js";
import { ZONE_SUFFIXES } from "./gazetteer.js";
import { APPLICANT_SLICES } from "./metrics.js";
import { asYear, digitYears } from "./numbers.js";
import { type AboutField, aboutAsked } from "./question-about.js";
import { contactAsked, contactNumberAsked } from "./question-contact.js";
import { onlyCourtesy, stripCourtesy } from "./question-courtesy.js";
import { ASKS_TOTAL, IMPROVE_WORDS, NEEDS_IMPROVING, type ProblemsAspect, problemsAspect, readIntent } from "./question-intent.js";
import {
  allCandidates,
  columnNames,
  isAncestor,
  matchMetrics,
  namesColumn,
  type Scored,
  SLICE_WORDS,
  slipFix,
  UNCOUNTED_APPLICANTS,
} from "./question-metric.js";
import {
  blankMentions,
  DEPARTMENT_AFTER,
  dropOfInsideNames,
  dropPlacingAreas,
  dropRepeats,
  findDepartments,
  findRegions,
  GENERIC_PLACE,
  type Lexicon,
  listedNames,
  narrow,
  nearNames,
  type RegionMention,
  squeeze,
  unknownDepartment,
  unknownPlaces,
} from "./question-names.js";
import { parseYears } from "./question-years.js";
import { JOINS } from "./respectively.js";
import { normalizeQuery } from "./text.js";

export { type ProblemsAspect, problemsAspect, readIntent } from "./question-intent.js";
export { matchMetrics, type SlipFix, slipFix } from "./question-metric.js";
export type { AreaEntry, Lexicon, RegionEntry, RegionMention } from "./question-names.js";
export { nearNames } from "./question-names.js";
export { parseYears } from "./question-years.js";

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
  /** What it asks about the report itself (发布日期, 编制单位, 统计期限), in the question's order. */
  about: AboutField[];
  /** Further metrics asked in the same question ("行政复议和行政诉讼"), each with its candidates. */
  moreMetrics: string[][];
  /**
   * The whole is asked besides the column (`slice`), in a clause of its own: "before" it ("收到申请多少件，
   * 其中自然人多少") or "after" it ("自然人申请多少件，总数多少"). Both are answered, in that order.
   */
  totalToo?: "before" | "after";
  /** Applicants asked about whom no form counts apart (外地人: question-metric.ts UNCOUNTED_APPLICANTS), as typed. */
  uncounted?: string;
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

/** The applicants' 其他 column as a question names it (SLICE_WORDS). */
const OTHER_APPLICANTS = SLICE_WORDS.find(([, key]) => key === "other_org")![0];

/** "当面申请比网络申请多多少": two metrics of one report, the one against the other. */
export const METRICS_COMPARED = /比(?![例重较率])[^，,。？?]{1,16}?[多少高低](?:多少|几|了)?/;

/** The metric each side of 比 names, when they are two different ones; else null (a year against a year). */
function metricsCompared(text: string): [string, string] | null {
  const at = text.search(/比(?![例重较率])/);
  if (at < 0) return null;
  const left = matchMetrics(text.slice(0, at))[0];
  const right = matchMetrics(text.slice(at + 1).replace(/[多少高低](?:多少|几|了).*$/, ""))[0];
  return left && right && left.id !== right.id ? [left.id, right.id] : null;
}

/** The whole asked by name in a clause of its own: the words of a total (question-intent.ts), and 总数. */
const WHOLE_ASKED = new RegExp(`${ASKS_TOTAL.source}|总数|全部`);

/**
 * A zone's 管理委员会 spelled out is its 管委会, the form its names are held in ("平潭综合实验区管理委员会"
 * had been read as an unknown 平潭综). Only after a zone's word: 国有资产监督管理委员会 is 国资委's.
 */
function committeeShort(q: string): string {
  return q.includes("管理委员会") ? q.replace(ZONE_COMMITTEE, "$1管委会") : q;
}
const ZONE_COMMITTEE = new RegExp(`(${ZONE_SUFFIXES.join("|")})管理委员会`, "g");

/**
 * Understand a question.
 *
 *   parseQuestion("长寿区2018年行政复议多少件", lexicon)
 *   → { regions: ["长寿区"], years: [2018], metric: "review.total", intent: "value", … }
 */
export function parseQuestion(text: string, lexicon: Lexicon, segmentWords?: (s: string) => string[], opts: { slips?: boolean } = {}): ParsedQuestion {
  const cut = text.length > MAX_QUESTION ? text.slice(0, MAX_QUESTION) : text;
  // 二〇一八年 → 2018年, as a report's text is read (numbers.ts).
  const normalized = digitYears(normalizeQuery(cut));
  const q = dropOfInsideNames(stripCourtesy(committeeShort(squeeze(listedNames(normalized, lexicon)))), lexicon);
  const yr = parseYears(q, lexicon.newestYear);
  const found = findRegions(q, lexicon);
  // "…多少件，平潭呢": a name alone in a last clause asks the same of it.
  const asksAlso = (name: string) => {
    const at = normalized.lastIndexOf(name);
    return at > 0 && /[，,;；]\s*$/.test(normalized.slice(0, at)) && /^\s*(?:的)?(?:呢|吗)?\s*[？?]*\s*$/.test(normalized.slice(at + name.length));
  };
  const deduped = dropRepeats(found.mentions, q, asksAlso);
  // A repeat is a word of the question again (中国平潭网): its text is not blanked.
  const repeats = new Set(found.mentions.filter((m) => !deduped.includes(m)).map((m) => m.at));
  const kept = dropPlacingAreas(deduped, q, lexicon);
  let mentions = narrow(kept, lexicon, q);
  // Held departments typed by their own names (交通与建设局), alone or joined to other names; one typed
  // right after a place is that place's (长寿区民政局, below), not the held one.
  const taken = (at: number, len: number) => found.mentions.some((m) => at < m.at! + m.text.length && m.at! < at + len);
  const departments = findDepartments(q, lexicon).filter(
    (d) => !taken(d.at!, d.text.length) && !found.mentions.some((m) => m.at! + m.text.length === d.at || `${m.text}的` === q.slice(m.at!, d.at)),
  );
  if (departments.length > 0) mentions = [...mentions, ...departments].sort((a, b) => a.at! - b.at!);
  let rest = blankMentions(q, [...found.mentions.filter((m) => !repeats.has(m.at)), ...departments]);
  // The same, offsets kept (years are cut from `rest` below).
  const unnamed = rest;
  // "杭州西湖区": the parent typed without its suffix still tells the two 西湖区 apart.
  mentions = mentions.map((m) => {
    if (m.keys.length < 2) return m;
    const hit = m.keys.filter((k) =>
      (k.match(/[^省市区县]{2,}?(?:省|市|自治州|地区)/g) ?? []).some((p) => p !== m.text && q.includes(p.replace(/(?:省|市|自治州|地区)$/, ""))),
    );
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
    const after = q.slice((m.at ?? 0) + m.text.length);
    // (Not a second body joined to it: 平潭综合实验区和交通与建设局.)
    if (departments.includes(m) || /^(?:和|与|及|跟|同|以及)/.test(after)) continue;
    const dept = DEPARTMENT_AFTER.exec(after.replace(/^的/, ""));
    if (!dept) continue;
    const typed = m.text + dept[1];
    near = nearNames(typed, lexicon);
    if (!near) conflicts.push(typed);
    mentions = mentions.filter((x) => x !== m);
    break;
  }
  const unknownRegions = conflicts.length > 0 ? conflicts : mentions.length === 0 ? unknownPlaces(rest) : [];
  if (mentions.length === 0 && !near) near = nearNames(q.replace(/((?:19|20)\d{2})年?度?/g, ""), lexicon);
  if (mentions.length === 0 && !near && unknownRegions.length === 0) {
    const dept = unknownDepartment(q);
    if (dept) unknownRegions.push(dept);
  }

  // Named columns (市直单位) and applicant types (自然人) before metric matching.
  let slice: string | undefined;
  const sliceName = [...lexicon.sliceNames].sort((a, b) => b.length - a.length).find((n) => columnNames(n).some((c) => namesColumn(q, unnamed, c)));
  if (sliceName) slice = sliceName;
  else for (const [re, key] of SLICE_WORDS) if (re.test(rest)) slice = key;
  const uncounted = slice ? undefined : UNCOUNTED_APPLICANTS.exec(rest)?.[1];

  // Everyday words in the template's words (打官司 → 行政诉讼), for the metrics and the prose alike.
  rest = everyday(rest);
  // The 其他 of the applicants' 其他 column names no row (其他处理中其他申请人 is 其他处理, that column).
  const metricTextOf = (text: string) => {
    const flat = text.replace(/\s+/g, "");
    return slice === "other_org" ? flat.replace(OTHER_APPLICANTS, "申请人") : flat;
  };
  let metricText = metricTextOf(rest);
  let candidates = allCandidates(metricText, lexicon);
  // Nothing matches well: a metric word typed with one character wrong (申清, 复义).
  let understood: ParsedQuestion["understood"];
  if ((candidates[0]?.score ?? 0) < 3 && opts.slips !== false) {
    const fix = slipFix(metricText);
    if (fix && rest.includes(fix.typed)) {
      understood = { typed: fix.typed, word: fix.word };
      rest = rest.replace(fix.typed, fix.word);
      metricText = metricTextOf(rest);
      candidates = allCandidates(metricText, lexicon);
    }
  }
  // "作为依申请公开的信息": information classed as disclosed on request (old reports count it beside
  // 主动公开 and 不予公开), not the requests received; the prose states it or nothing does.
  if (/作为依申请公开/.test(normalized)) candidates = candidates.filter((c) => !c.id.startsWith("requests."));
  // "依申请公开的答复有多少不予公开", "依申请公开办结率": a category, then the item asked for within it.
  // The item wins over the longer category word, unless the two are joined as two questions (和, 与).
  if (candidates.length > 1 && !(JOINS.test(normalized) || normalized.includes("、"))) {
    const head = candidates[0]!;
    // Every item of that category the same words name (办结: 申请办结数 in 2016, 办理结果总计 in 2019/2021), in order.
    // (An item may share the category's words: 政府信息公开行政复议被纠正 is 复议 + 纠正 within 行政复议,
    // its own word 纠正 outside the longer category phrase.)
    const inner = candidates.filter(
      (c) => c !== head && c.covered.size > 0 && isAncestor(head.id, c.id) && [...c.covered].filter((i) => !head.covered.has(i)).length >= 2,
    );
    const first = inner[0];
    const same = inner.filter((c) => first && c.score === first.score && [...c.covered].join() === [...first.covered].join());
    for (const c of same.reverse()) candidates.splice(candidates.indexOf(c), 1), candidates.unshift({ ...c, score: Math.max(c.score, head.score) });
  }
  const top = candidates[0]?.score ?? 0;
  const metricCandidates = candidates.filter((c) => c.score >= top * 0.75).map((c) => c.id);
  let metric = metricCandidates[0];
  let metricWords = candidates[0]?.words?.join(" ") ?? "";
  // "行政复议和行政诉讼": a second metric in the text the first did not cover, joined by 和/与/及/、.
  const moreMetrics: string[][] = [];
  // Where each further metric's words start, and its words: the metrics are answered in the
  // question's order (收到多少申请，予以公开多少 had answered 予以公开 first).
  const moreAt: { at: number; words: string }[] = [];
  // Words typed apart ("长寿区 2018 复议 诉讼", "复议、诉讼") name a metric each, short as they are.
  // (Not the spaces around a year: "截至 2013年 政府公报…" is one metric.)
  const listed = /\S\s+\S|、/.test(normalized.replace(/\s*((?:19|20)\d{2})\s*(年?度?)\s*/g, "$1$2").trim());
  // A comma joins two metrics only when words other than the name and year stand on both sides of
  // it ("行政复议多少件，诉讼多少件"), not "政府公报公开信息历年累计多少条，平潭综合实验区截至2013年".
  const names = mentions.map((m) => m.text);
  const commaJoins =
    normalized.split(/[,，]/).filter((part, i, parts) => {
      // (A clause of thanks asks nothing: "…多少条，谢谢" had read 政府采购 as a second metric.)
      if (onlyCourtesy(squeeze(part))) return false;
      // (Nor does a scope: "依申请公开的答复中，予以公开的比例" asks one thing within another.)
      if (i < parts.length - 1 && /(?:当|之)?中$/.test(squeeze(part))) return false;
      let words = stripCourtesy(squeeze(part));
      for (const n of names) words = words.split(n).join("");
      return words.replace(/(?:19|20)\d{2}年?度?|截至|截止|多少|几/g, "").length >= 2;
    }).length >= 2;
  const compared = METRICS_COMPARED.test(normalized);
  if (metric && (listed || JOINS.test(normalized) || commaJoins || compared)) {
    let restText = metricText;
    let covered = candidates[0]!.covered;
    const head = candidates[0]!.covered;
    // A metric's words all on one side of a 和 / 与 / 及 and the first metric's all on the other.
    const apart = (c: Scored) =>
      [...metricText.matchAll(/[和与及]/g)].some(({ index: j }) => {
        const before = (set: Set<number>) => [...set].every((i) => i < j);
        const after = (set: Set<number>) => [...set].every((i) => i > j);
        return (before(c.covered) && after(head)) || (after(c.covered) && before(head));
      });
    for (let round = 0; round < 3; round++) {
      restText = [...restText].map((ch, i) => (covered.has(i) ? " " : ch)).join("");
      // A short word right after 和 (行政复议和诉讼) names a metric too, and so does one in a clause of
      // its own (行政复议，诉讼各多少: the comma is gone from metricText, its clauses each hold words).
      const joined = (c: Scored) => listed || commaJoins || compared || /[和与及]/.test(metricText[Math.min(...c.covered) - 1] ?? "") || apart(c);
      // (Not the first metric's own noun left over: 信函、传真申请's 申请 is no 收到申请 of its own —
      // unless a 和 stands between the two: "申请总数和上年结转" asks both.)
      // (A clause sharing the first metric's noun, 收到多少申请，答复了多少, is read by clauseMetrics below.)
      const next = matchMetrics(restText).filter(
        (c) => (c.score >= 3.5 || (c.score >= 2 && joined(c))) && !(c.score < 3.5 && isAncestor(c.id, metric!) && !apart(c)),
      );
      if (!next.length) break;
      const best = next[0]!.score;
      const group = next
        .filter((c) => c.score >= best * 0.75)
        .map((c) => c.id)
        .filter((id) => !metricCandidates.includes(id) || id !== metric);
      if (!group.length || moreMetrics.some((g) => g[0] === group[0])) break;
      moreMetrics.push(group);
      moreAt.push({ at: Math.min(...next[0]!.covered), words: next[0]!.words?.join(" ") ?? "" });
      covered = next[0]!.covered;
    }
    // A metric asked on its own is no alternative reading of the first.
    for (const g of moreMetrics)
      for (const id of g) if (id !== metric && metricCandidates.includes(id)) metricCandidates.splice(metricCandidates.indexOf(id), 1);
    if (moreMetrics.length > 0) {
      const asked = [
        { ids: [...metricCandidates], at: Math.min(...candidates[0]!.covered), words: metricWords },
        ...moreMetrics.map((ids, i) => ({ ids, ...moreAt[i]! })),
      ].sort((a, b) => a.at - b.at);
      metricCandidates.splice(0, metricCandidates.length, ...asked[0]!.ids);
      metric = asked[0]!.ids[0];
      metricWords = asked[0]!.words;
      moreMetrics.splice(0, moreMetrics.length, ...asked.slice(1).map((x) => x.ids));
    }
  }
  // "行政复议多少件，纠正了几件", "行政复议多少件？行政诉讼呢？": each clause asking its own number
  // names its own metric, a later one sharing the first's noun. Matched over the whole text, 复议…
  // 纠正 had made one metric of the two clauses, and 行政复议 was left unanswered.
  const perClause = metric && !compared ? clauseMetrics(normalized, [...names, ...yr.consumed]) : null;
  if (perClause) {
    metricCandidates.splice(0, metricCandidates.length, ...perClause.first);
    metric = perClause.first[0];
    metricWords = perClause.words;
    moreMetrics.splice(0, moreMetrics.length, ...perClause.more);
  }
  // "当面申请比网络申请多多少": each side of 比 names its own metric, in the question's order (their
  // shared 申请 had been taken by the first's words, leaving the second unread).
  const sides = compared ? metricsCompared(metricText) : null;
  if (sides) {
    metricCandidates.splice(0, metricCandidates.length, sides[0]);
    moreMetrics.splice(0, moreMetrics.length, [sides[1]]);
    metric = sides[0];
  }

  // (…and a yes or no asked of a number: "交易额是不是超过30亿元", "更新了56期吗".)
  const wantsNumber =
    /多少|几|数量|数额|金额|总数|总计|合计|一共|共有|多大|(?:是不是|是否|有没有|超过|超出|多于|少于|低于|高于|不到|不足)\s*\d/.test(q) ||
    /\d\s*(?:万|亿)?[^\d]{0,3}吗[?？]?$/.test(normalized);
  // (The words asked may come before the name and year: "政府信息公开专栏访问量，平潭2012年".)
  // 经费 and 费用 are amounts ("政府信息公开工作经费" asks how much, as 专项经费是多少 does).
  // (…with the unit asked after it: 专项经费万元.) A count of visits or people served ends in 人次
  // (专栏访问人次, 接待咨询人次), as one of things ends in 数.
  const QUANTITY_END =
    /(?:量|数|额|率|比例|占比|比重|经费|费用|时长|用时|天数|(?:访问|浏览|点击|阅读|参与|接待|咨询|培训)人次|(?:平均|办理|答复|办结)时间)(?:是|为|有)?(?:万元|亿元|元)?(?:的?(?:对比|比较|变化|趋势))?$/;
  // A phone number is no quantity (电话是多少): its passages are searched; nor is a date (几月几号发布的).
  const about = aboutAsked(q);
  const asksQuantity =
    !contactAsked(q) && about.length === 0 && (wantsNumber || QUANTITY_END.test(q) || QUANTITY_END.test(rest.replace(/\s+/g, "")) || /占比|比例/.test(q));
  // A column named in the question (历年累计) is not a word of the intent (历年 → trend).
  const qi = sliceName ? q.split(sliceName.replace(/、/g, "")).join(" ") : q;
  const asksProblems =
    (/存在.{0,6}(?:问题|不足)|(?:哪些|什么|主要|啥)(?:问题|不足|困难|毛病|缺点|短处|薄弱)|不足之处|短板|差距|薄弱环节|(?:问题|不足)$|(?:工作|公开)(?:中|上)?的?(?:问题|不足)/.test(
      q,
    ) ||
      IMPROVE_WORDS.test(q) ||
      NEEDS_IMPROVING.test(q)) &&
    !metric;

  // "收到申请多少件，其中自然人多少": the column is named only after a clause asking the whole; or
  // before a clause asking the whole by name ("自然人申请多少件，总数多少").
  let totalToo: ParsedQuestion["totalToo"];
  if (slice && moreMetrics.length === 0) {
    const names = (t: string) => (sliceName ? columnNames(sliceName).some((c) => t.includes(c)) : SLICE_WORDS.some(([re, key]) => key === slice && re.test(t)));
    const asking = normalized.split(/[,，;；?？!！。]/).filter((part) => /多少|几/.test(part));
    if (asking.length >= 2 && !names(asking[0]!) && asking.slice(1).some(names)) totalToo = "before";
    else if (asking.length >= 2 && names(asking[0]!) && asking.slice(1).some((p) => !names(p) && WHOLE_ASKED.test(p))) totalToo = "after";
  }

  const read = readIntent({ q, qi, metric, mentions, years: yr.years, asksProblems });
  const { rank, asksTrend } = read;
  // A contact asked for (Email地址是什么), no number: searched, never the email requests ranked.
  // Nor is a contact's own number (传真号码是多少: not the 传真申请数 of the old tables).
  const intent = contactAsked(q) && (!wantsNumber || contactNumberAsked(q)) && read.intent !== "list" ? "search" : read.intent;

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
    about,
    asksTrend,
    asksProblems,
    problemsAspect: problemsAspect(q),
    ...(understood ? { understood } : {}),
    ...(metricWords ? { metricWords } : {}),
    ...(near ? { didYouMean: near } : {}),
    moreMetrics,
    ...(totalToo ? { totalToo } : {}),
    ...(uncounted ? { uncounted } : {}),
  };
}

/**
 * One metric per clause of a question whose clauses each ask a number ("行政复议多少件，纠正了几件"):
 * the first clause's candidates and words, then each later clause's metric, read with the first
 * clause's noun when it names none of its own. Null unless every clause names a metric of its own.
 */
function clauseMetrics(normalized: string, dropped: readonly string[]): { first: string[]; words: string; more: string[][] } | null {
  // (Clauses end at commas and at question marks: "行政复议多少件？行政诉讼呢？" asks two.)
  const clauses = normalized
    .split(/[,，;；?？!！。]/)
    .filter((part) => /多少|几|呢\s*$/.test(part))
    .map((part) => {
      let words = stripCourtesy(squeeze(part));
      for (const d of dropped) words = words.split(d).join("");
      return everyday(words);
    });
  if (clauses.length < 2) return null;
  const found = matchMetrics(clauses[0]!);
  const head = found[0];
  if (!head || head.score < 3.5) return null;
  const noun = head.words?.at(-1) ?? "";
  const more: string[][] = [];
  for (const clause of clauses.slice(1)) {
    // A short metric word that is the whole clause names its metric too ("诉讼呢", "诉讼多少").
    const whole = (c: Scored) => c.score >= 2 && c.covered.size >= clause.replace(/呢|吗|多少|几|是|有|的|了|个|件|条|次/g, "").length;
    const own = matchMetrics(clause).find((c) => (c.score >= 3.5 || whole(c)) && c.id !== head.id);
    const shared = own
      ? undefined
      : matchMetrics(`${clause}${noun}`).find(
          (c) => c.score >= 3.5 && c.id !== head.id && !isAncestor(c.id, head.id) && [...c.covered].some((i) => i < clause.length),
        );
    const next = own ?? shared;
    if (!next || more.some((g) => g[0] === next.id)) return null;
    more.push([next.id]);
  }
  return { first: found.filter((c) => c.score >= head.score * 0.75).map((c) => c.id), words: head.words?.join(" ") ?? "", more };
}

export { APPLICANT_SLICES };
