// Who issued a report and for when. Read on offsets of the normalised text with the page furniture
// blanked and white space dropped, so a crawled page flattened to one line, a PDF wrapped every 30
// characters and a Word file read the same. Candidates for the issuer come from the report's name
// (the title, or a sentence naming it), the 由…编制 / 请与…联系 sentences, the signature, the page's
// 来源 and the place names of the opening; each is scored, its region resolved with the gazetteer,
// and the region with the most weight wins. The year is the title's unless the 统计期限 says
// otherwise (then the 统计期限 wins and a warning says so).
import type { Level, Report, ReportWarning } from "../domain.js";
import { spanEvidence } from "./evidence.js";
import {
  type Chain,
  chainOf,
  type PlaceContext,
  type PlacePart,
  placeContext,
  placesIn,
  type RegionMatch,
  resolveParts,
  splitPlaces,
  stemOf,
  ZONE_SUFFIXES,
} from "./gazetteer.js";
import { asYear, chineseToNumber, digitYears } from "./numbers.js";
import { findPageJunk } from "./page.js";
import { REPORT_NAME } from "./phrases.js";
import { lineAt, type SourceText, type Span } from "./text.js";

/** Who and when, as the record keeps them, plus where they were found. */
export interface ReportMeta
  extends Pick<Report, "org" | "region" | "fullRegion" | "aliases" | "level" | "parent" | "province" | "city" | "county" | "year" | "published" | "title"> {
  /** 1-based line of the title in the original (1 when there is no title). */
  titleLine: number;
  yearSource: "title" | "period" | "table" | "mention" | "file" | "text" | "none";
  /** The title as a span of `src.text`, when the report prints one. */
  titleSpan?: Span;
  /** A year conflict between the title and the 统计期限. */
  warnings: ReportWarning[];
}

/** How far the issuer, title and 统计期限 are looked for (characters of text without white space). */
const HEAD = 8000;

// ── the compact view ────────────────────────────────────────────────────────────────────────────

/** The text without white space, with each character's offset in `src.text`. */
interface Compact {
  s: string;
  at: Int32Array;
}

/** A space, a line break or a tab. */
const isBlank = (code: number) => code === 32 || code === 10 || code === 9;

/**
 * Characters [from, to) of `text` without white space and without the junk spans (sorted);
 * Chinese-numeral years (二〇一九年) as digits.
 */
function compactOf(text: string, from: number, to: number, junk: readonly Span[] = [], max = Infinity): Compact {
  const pieces: string[] = [];
  const at = new Int32Array(Math.min(to - from, max) + 1);
  let n = 0;
  // Runs of text between white space and junk, appended whole. White space is found by char code:
  // a pattern's match was an array made for every run (the headers of a crawled page are many).
  let j = 0;
  let i = from;
  while (i < to && n < max) {
    while (j < junk.length && junk[j]!.end <= i) j++;
    const junkAt = j < junk.length ? junk[j]!.start : Infinity;
    if (junkAt <= i) {
      i = junk[j]!.end;
      continue;
    }
    let wsAt = i;
    while (wsAt < to && !isBlank(text.charCodeAt(wsAt))) wsAt++;
    const end = Math.min(wsAt, junkAt, to, i + (max - n));
    if (end > i) {
      pieces.push(text.slice(i, end));
      for (let k = i; k < end; k++) at[n++] = k;
    }
    if (end === wsAt && wsAt < to) {
      // past the whole run of white space (it may run on past `to`: the loop ends then)
      i = wsAt + 1;
      while (i < text.length && isBlank(text.charCodeAt(i))) i++;
    } else i = end;
  }
  // 二〇一二年 → 2012年 (same length, offsets kept)
  const s = digitYears(pieces.join(""));
  at[n] = n > 0 ? at[n - 1]! + 1 : from;
  return { s, at: at.subarray(0, n + 1) };
}

function spanOf(c: Compact, start: number, end: number): Span {
  return { start: c.at[start]!, end: end > start ? c.at[end - 1]! + 1 : c.at[start]! };
}

/** True when offset `i` of `s` lies inside 《…》 or 〈…〉 (a cited document, not this report). */
function insideBookTitle(s: string, i: number): boolean {
  const from = Math.max(0, i - 120);
  for (let k = i - 1; k >= from; k--) {
    const ch = s[k];
    if (ch === "》" || ch === "〉") return false;
    if (ch === "《" || ch === "〈") return true;
  }
  return false;
}

// ── the report's name ───────────────────────────────────────────────────────────────────────────

const YEAR_AT_END = /((?:19|20)\d{2})年度?(?:的)?$/;
const YEAR_THEN_ORG = /((?:19|20)\d{2})年度?(?:的)?([\u4e00-\u9fff]{2,30})$/;
const YEAR_AFTER = /^\(?((?:19|20)\d{2})年度?\)?/;
/** Where an issuer's name cannot continue to the left. */
const LEFT_STOP = /[^\u4e00-\u9fff〇]/;

interface NameMatch {
  /** Span in the compact view: the whole name (issuer + year + 年度报告). */
  start: number;
  end: number;
  year: number | null;
  org: OrgRead | null;
}

/** Every report name in the compact head, with the issuer before it (or between year and name). */
function reportNames(c: Compact, limit: number): NameMatch[] {
  const s = c.s.slice(0, limit);
  const out: NameMatch[] = [];
  REPORT_NAME.lastIndex = 0;
  for (const m of s.matchAll(REPORT_NAME)) {
    const cs = m.index!;
    let ce = cs + m[0].length;
    if (insideBookTitle(s, cs)) continue;
    const before = s.slice(Math.max(0, cs - 50), cs);
    const base = cs - before.length;
    let year: number | null = null;
    let org: OrgRead | null = null;
    let start = cs;
    let done = false;
    const ym = YEAR_AT_END.exec(before);
    const between = ym ? null : YEAR_THEN_ORG.exec(before);
    if (ym) {
      year = asYear(ym[1]!);
      const yearAt = base + ym.index;
      start = yearAt;
      org = orgBefore(s, yearAt);
      if (org) start = org.start;
      done = true;
    } else if (between) {
      // 2019年南昌市西湖区政府信息公开年报: the issuer between the year and the name.
      const orgText = between[2]!;
      const read = readOrg(orgText);
      if (read && read.offset === 0) {
        year = asYear(between[1]!);
        start = base + between.index;
        org = { ...read, start: base + between.index + between[0].length - orgText.length };
        done = true;
      }
    }
    if (!done) {
      // 南京市江宁区人民政府政府信息公开工作年度报告（2019年度）, or a name without a year.
      const after = YEAR_AFTER.exec(s.slice(ce, ce + 12));
      if (after) {
        year = asYear(after[1]!);
        ce += after[0].length;
      }
      org = orgBefore(s, cs);
      if (org) start = org.start;
    }
    if (year === null && !org) continue;
    out.push({ start, end: ce, year, org });
  }
  return out;
}

/** What may stand between two report names of one list: nothing, a date, a bullet or a separator. */
const LIST_GAP = /^[\d\-./:：年月日()（）·•|、,，[\]【】>》]{0,16}$/;

/**
 * The names that name this report. Names one after another (a sidebar's 最新年报, a page's 相关链接,
 * 上一篇/下一篇) are a list of other reports and are dropped. When no name stands alone, the report's
 * own title may be the one printed right under such a list: the listed name whose issuer the rest
 * of the text speaks of most (at least once) is kept; none when the text speaks of none of them.
 *
 *   "最新年报 浦东新区2023年…年度报告 西湖区2022年…年度报告 长寿区2018年…年度报告 2018年，长寿区…"
 *   → [长寿区2018年…年度报告]
 */
function ownNames(s: string, names: NameMatch[]): NameMatch[] {
  // (A title printed twice — the page's and the document's, 平潭综合实验区管委会2014年度… then
  // 平潭综合实验区2014年度… — is one report's name, not a list: same year, same region.)
  const same = (a: NameMatch, b: NameMatch) => a.year === b.year && a.org?.parts.at(-1)?.text === b.org?.parts.at(-1)?.text;
  const adjacent = (a: NameMatch, b: NameMatch) => b.start >= a.end && LIST_GAP.test(s.slice(a.end, b.start)) && !same(a, b);
  const listed = names.map((n, i) => (i > 0 && adjacent(names[i - 1]!, n)) || (i + 1 < names.length && adjacent(n, names[i + 1]!)));
  if (!listed.some(Boolean)) return names;
  const alone = names.filter((_, i) => !listed[i]);
  if (alone.length > 0) return alone;
  let rest = s;
  for (const n of [...names].reverse()) rest = rest.slice(0, n.start) + rest.slice(n.end);
  // The region word (西湖区) and the name with its parents (南昌市西湖区); a tie goes to the later
  // name, the one nearer the text it heads.
  const count = (word: string | undefined) => (word ? rest.split(word).length - 1 : 0);
  const spoken = (n: NameMatch) => {
    const parts = n.org?.parts ?? [];
    return count(parts[parts.length - 1]?.text) + (parts.length > 1 ? count(parts.map((p) => p.text).join("")) : 0);
  };
  let best: NameMatch | undefined;
  for (const n of names) if (spoken(n) > 0 && (!best || spoken(n) >= spoken(best))) best = n;
  return best ? [best] : [];
}

// ── issuers ─────────────────────────────────────────────────────────────────────────────────────

/** An issuer's name read from the text: its region words and the body after them. */
interface OrgRead {
  /** Offset in the compact view where the name starts. */
  start: number;
  /** Offset inside the string read where the name starts. */
  offset: number;
  text: string;
  parts: PlacePart[];
  body: string;
  /** A head office's name before the region words: 国家税务总局 (淮安市税务局). */
  prefix?: string;
}

/** Bodies that issue reports: governments, their offices, departments. */
const BODY =
  /^(?:|人民政府|政府|(?:党工委)?(?:管委会|管理委员会)|(?:街道)?办事处|[\u4e00-\u9fff]{1,18}?(?:局|委员会|委|办公室|办公厅|厅|中心|院|所|站|队|署|办|处|馆|管委会|管理委员会|人民政府|政府|海关)|[\u4e00-\u9fff]{1,12}?(?:组织|宣传|统战|政法|武装)部)$/;
/** Words no issuer's body holds: report words, navigation, collective words. */
const NOT_BODY = /公开|年报|报告|来源|字号|打印|登录|无障碍|时间|编制|^[各全我本该其]|所属|下属|有关|以下|以及|及其/;
/** Words of a web site's chrome, never of an issuer's name (read on the whole name, before NOT_BODY). */
const SITE_WORDS = /网站|门户|栏目|频道|首页|位置|导航/;
/** A department named without its region (信访局, 区工信局): never a government or its office. */
const DEPARTMENT_ALONE = /^[\u4e00-\u9fff]{1,14}(?:局|委员会|委|中心|厅|署|院|所|站|队)$/;
/** A name never starts with a verb or a function word: 现将区政府…, 根据…. */
const FUNCTION_START = /^(?:现|将|根据|依据|按照|关于|由|对|向|把|被|经|据|为|在|是|及|与|特|兹|请|本|我|该|各|全)/;
/** A government (not one of its departments). */
const GOVERNMENT = /^(?:人民政府|政府|(?:党工委)?(?:管委会|管理委员会)|(?:街道)?办事处)?$/;
/** A government's own office, which compiles or answers for it: 人民政府办公室, 管委会信息公开工作办公室. */
const GOVERNMENT_OFFICE =
  /^(?:人民政府|政府|(?:党工委)?(?:管委会|管理委员会)|(?:街道)?办事处)?(?:(?:党政|综合|党政综合)?办公室|办公厅|党政办|办|(?:政府)?(?:信息公开|政务公开|政府信息公开|政府信息与政务公开)(?:工作)?(?:领导小组)?办公室)$/;

/**
 * The issuer ending at `end` of `s`: the longest name before it that reads as region words and a
 * body, preferring one whose region words all resolve. "…政府信息公开年报平潭综合实验区" → 平潭综合实验区.
 */
function orgBefore(s: string, end: number): (OrgRead & { start: number }) | null {
  // 社会事业局(卫生健康委员会)2022年…: the name a body also goes by, in brackets after its own.
  const also = /\([\u4e00-\u9fff、]{2,16}\)$/.exec(s.slice(Math.max(0, end - 18), end));
  if (also) {
    const read = orgBefore(s, end - also[0].length);
    if (read) return read;
  }
  let from = end;
  while (from > 0 && end - from < 40 && !LEFT_STOP.test(s[from - 1]!)) from--;
  const read = readOrg(s.slice(from, end));
  if (read && read.parts.length > 0) return { ...read, start: from + read.offset };
  return relativeOrg(s, from, end) ?? (read ? { ...read, start: from + read.offset } : null);
}

/** A department named by its level alone (市交通运输局, 区教育局): "this city's", "this district's". */
const RELATIVE_DEPARTMENT = /^([市区县])([\u4e00-\u9fff]{1,14}?(?:局|委员会|委|办公室|中心|厅|署|院|所|站|队))$/;
const SITE_WORDS_ALL = new RegExp(SITE_WORDS.source, "g");

/**
 * "宁德市人民政府门户网站 … 市交通运输局2024年…": a department named by its level alone is the
 * department of the place of that level the page names before it (the site's own, in its header).
 * Filed under the place alone, it had been 宁德市人民政府's report; read with the site's name, it
 * had been 宁德市人民政府门户网站市交通运输局.
 */
function relativeOrg(s: string, from: number, end: number): (OrgRead & { start: number }) | null {
  // The name starts after the site's words ("…门户网站市交通运输局"), else where the scan stopped.
  let start = from;
  for (const w of s.slice(from, end).matchAll(SITE_WORDS_ALL)) start = from + w.index! + w[0].length;
  const m = RELATIVE_DEPARTMENT.exec(s.slice(start, end));
  if (!m) return null;
  const at = start;
  const level = m[1]!;
  const place = placesIn(s.slice(Math.max(0, at - 300), at), 60)
    .filter((p) => p.name.endsWith(level))
    .at(-1);
  if (!place) return null;
  const read = readOrg(place.name + m[2]!);
  return read && read.parts.length > 0 ? { ...read, start: at } : null;
}

/** The longest tail of `text` that is an issuer's name (one whose first region word is known first). */
function readOrg(text: string): Omit<OrgRead, "start"> | null {
  let fallback: Omit<OrgRead, "start"> | null = null;
  const t = text.replace(/(?:的|关于|对|有关)$/, "");
  for (let p = 0; p <= t.length - 2; p++) {
    const tail = t.slice(p);
    // A site's name before the title ("宁德市人民政府门户网站市交通运输局…") is no part of the issuer's.
    if (SITE_WORDS.test(tail)) continue;
    const { parts, rest } = splitPlaces(tail);
    if (!BODY.test(rest) || NOT_BODY.test(rest)) continue;
    if (parts.length === 0) {
      // A body without region words (信访局) only as the whole text, and never a bare government.
      if (p === 0 && rest.length >= 3 && !fallback && DEPARTMENT_ALONE.test(rest) && !FUNCTION_START.test(rest))
        fallback = { offset: p, text: tail, parts, body: rest };
      continue;
    }
    // 国家税务总局淮安市税务局: a vertically managed agency keeps its head office's name.
    // 中共平潭综合实验区工委组织部: a party organ keeps its 中共.
    const head = /^(?:[\u4e00-\u9fff]{2,12}总局|中共|中国共产党)$/.test(t.slice(0, p)) ? t.slice(0, p) : "";
    const read = head ? { offset: 0, text: t, parts, body: rest, prefix: head } : { offset: p, text: tail, parts, body: rest };
    // The longest name whose first region word is known (a new town under a known county stays whole).
    if (parts[0]!.candidates.length > 0) return read;
    fallback ??= read;
  }
  return fallback;
}

type Source = "title" | "name" | "compiler" | "contact" | "signature" | "source" | "opening" | "mention" | "file";
const WEIGHT: Record<Source, number> = { title: 10, name: 3, compiler: 5, contact: 5, signature: 4, source: 2, opening: 3, mention: 0.5, file: 4 };

/**
 * A department named right after the opening's place (2024年，宁德市生态环境局坚持以…): the body
 * ends at its suffix, and what follows starts the sentence's verb. The place alone had made the
 * city government the issuer of its department's report.
 */
const DEPARTMENT_AFTER =
  /^([\u4e00-\u9fff]{1,16}?(?:局|委员会|委|办公室|办公厅|厅|中心|署|管委会|管理委员会|办事处))(?=坚持|以|围绕|深入|认真|全面|按照|根据|紧紧|紧扣|进一步|始终|着力|聚焦|严格|持续|扎实|不断|高度|积极|切实|依法|主动|继续|全年|共|通过|在|把|将|对|结合|立足|贯彻|落实|统筹|大力)/;

/**
 * The issuer and year a file's name gives ("宁德市生态环境局2024年政府信息公开工作年度报告.docx"):
 * an upload often carries the title its text leaves out. A hint, weighed like a signature.
 */
function fileNameHint(fileName: string): { org: Omit<OrgRead, "start"> | null; year: number | null } | null {
  const base = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.[A-Za-z0-9]{1,5}$/, "")
    .replace(/[^\u4e00-\u9fff\d]/g, "");
  const m = /^(?:\d+)?([\u4e00-\u9fff]{2,40}?)((?:19|20)\d{2})年度?(?:的)?(?:政府|政务)?(?:信息公开|公开)?(?:工作)?(?:年度)?(?:报告|年报)/.exec(base);
  if (!m) return null;
  return { org: readOrg(m[1]!), year: asYear(m[2]!) };
}

interface Candidate {
  source: Source;
  read: Omit<OrgRead, "start">;
  /** Compact offsets of the name. */
  start: number;
  end: number;
  weight: number;
}

/** 由淮安市人民政府办公室根据…编制 / 由区政府办编制. */
const COMPILER = /由([^，。；,;:：、《》()|]{2,40}?)(?=根据|依据|按照|结合|参照|负责|汇总|综合|编制|制作|发布|牵头)/g;
/** 我区管委会办公室编制完成了本报告. */
const COMPILED = /编制(?:完成)?了?本(?:年度)?报告/g;
/** 请与重庆市长寿区人民政府政务公开办公室联系 / 联系单位：… */
const CONTACT = /(?:请与|请联系|联系单位[:：]?|联系部门[:：]?|联系机关[:：]?)([^，。；,;:：、《》()|]{2,40}?)(?=联系|\(|地址|电话|[，。；,;:：]|$)/g;
/** 来源：平潭县人民政府 (read before the furniture is blanked). */
const SOURCE = /(?:信息)?来源[:：]([^:：|]{2,30}?)(?=时间|发布|作者|浏览|点击|字号|字体|微信|分享|$|\|)/;

/** Candidates from the sentences that name a body. */
function sentenceCandidates(c: Compact, limit: number): Candidate[] {
  const s = c.s.slice(0, limit);
  const out: Candidate[] = [];
  const take = (re: RegExp, source: Source) => {
    re.lastIndex = 0;
    for (const m of s.matchAll(re)) {
      const whole = m[1]!;
      const at = m.index! + m[0].indexOf(whole);
      if (insideBookTitle(s, at)) continue;
      const read = readOrg(whole);
      if (!read) continue;
      out.push({ source, read, start: at + read.offset, end: at + whole.length, weight: WEIGHT[source] });
    }
  };
  take(COMPILER, "compiler");
  COMPILED.lastIndex = 0;
  for (const m of s.matchAll(COMPILED)) {
    const org = orgBefore(s, m.index!);
    if (org && !insideBookTitle(s, org.start)) out.push({ source: "compiler", read: org, start: org.start, end: m.index!, weight: WEIGHT.compiler });
  }
  take(CONTACT, "contact");
  return out;
}

// ── the year ────────────────────────────────────────────────────────────────────────────────────

/** 本报告所列数据的统计期限自2012年1月1日起至2012年12月31日 (also 为/从…至…止, 统计数据的时间为…). */
/** The words that introduce the period a report's figures cover (统计期限, 所列数据的时间). */
export const PERIOD_WORDS = /统计期限|统计时限|统计时间|统计期间|统计区间|数据统计期|统计数据的时间|所列数据(?:的)?(?:时间|期限)?/;
const PERIOD = new RegExp(`(?:${PERIOD_WORDS.source})(?:是|为|自|从|:)*((?:19|20)\\d{2})年1月1日(?:起)?(?:至|到|-|—|~)((?:19|20)\\d{2})?年?12月31日`);
/** 统计期限自至 (the dates left out). */
const EMPTY_PERIOD = /统计期限(?:为|是)?自?至。/;
const TABLE_YEAR = /\(((?:19|20)\d{2})年度?\)/;

// ── dates ───────────────────────────────────────────────────────────────────────────────────────

const ARABIC_DATE = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/g;
/** A year and month with no day after it. */
const MONTH_DATE = /((?:19|20)\d{2})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(?![\d一二三四五六七八九十]{0,3}日)/g;
const HEADER_DATE = /(?:发布时间|发布日期|成文日期|发文日期|时间|日期)[:：]((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/;
const FORM_DATE = /填报日期[:：]((?:19|20)\d{2})[-./年](\d{1,2})[-./月](\d{1,2})/;
/** What stands before a signing date: the end of a sentence, a bracket, the signing body. */
const BEFORE_SIGNATURE = /(?:[。)）(（]|人民政府|政府|办公室|办公厅|办事处|管委会|委员会|局|委)$/;
/** What follows a signing date: nothing, a bracket, the attachments. */
const AFTER_SIGNATURE = /^(?:$|[)）]|附件|附表|\||一、)/;

function iso(y: number, m: number, d: number): string | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A date (Arabic or Chinese numerals) that stands alone: the signature. The last one wins. */
function signatureDate(c: Compact): { date: string; start: number } | undefined {
  let best: { date: string; start: number } | undefined;
  const consider = (start: number, end: number, y: number, m: number, d: number) => {
    const before = c.s.slice(Math.max(0, start - 8), start);
    const after = c.s.slice(end, end + 4);
    if (!BEFORE_SIGNATURE.test(before) || !AFTER_SIGNATURE.test(after)) return;
    // A month without its day signs too ("福州市鼓楼区教育局 2025年1月"): no publication date then.
    const date = d === 0 ? (m >= 1 && m <= 12 ? "" : undefined) : iso(y, m, d);
    if (date !== undefined && (!best || start > best.start)) best = { date, start };
  };
  ARABIC_DATE.lastIndex = 0;
  for (const m of c.s.matchAll(ARABIC_DATE)) consider(m.index!, m.index! + m[0].length, Number(m[1]), Number(m[2]), Number(m[3]));
  // compactOf turned 二〇一二年 into 2012年: Chinese months and days remain.
  const mixed = /((?:19|20)\d{2})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/g;
  for (const m of c.s.matchAll(mixed)) {
    const mm = chineseToNumber(m[2]!);
    const dd = chineseToNumber(m[3]!);
    if (mm && dd) consider(m.index!, m.index! + m[0].length, Number(m[1]), mm, dd);
  }
  for (const m of c.s.matchAll(MONTH_DATE)) {
    const mm = /^\d/.test(m[2]!) ? Number(m[2]) : chineseToNumber(m[2]!);
    if (mm) consider(m.index!, m.index! + m[0].length, Number(m[1]), mm, 0);
  }
  return best;
}

// ── names a user may type ───────────────────────────────────────────────────────────────────────

/** Short forms of a zone: 平潭综合实验区 → 平潭实验区; 淮安经济技术开发区 → 淮安经开区, 淮安开发区. */
const ZONE_SHORT: readonly [RegExp, string[]][] = [
  [/综合实验区$/, ["实验区"]],
  [/综合试验区$/, ["试验区"]],
  [/经济技术开发区$/, ["经开区", "开发区"]],
  [/高新技术产业开发区$|高新技术开发区$/, ["高新区"]],
  [/经济开发区$/, ["开发区"]],
];

/**
 * Short forms a user may type for the region, by rule: the region without its suffix (长寿, 平潭), a
 * zone's short forms (平潭实验区; 实验区 alone is too generic and never an alias), the government's
 * forms (长寿区政府, 长寿区人民政府, 平潭综合实验区管委会), the region under its written parents, and
 * the text's own spelling when it made an OCR slip.
 *
 *   regionAliases({ region: "长寿区", fullRegion: "重庆市长寿区", org: "重庆市长寿区人民政府", level: "county" }) ⊇ ["长寿", "长寿区政府"]
 */
export function regionAliases(r: {
  region: string;
  fullRegion: string;
  org: string;
  level: Level;
  /** Other spellings the text used for the region (沐阳县 for 沭阳县, 盐边县新九镇). */
  written?: string[];
  zone?: boolean;
  /** A township's county: 盐边县新九镇, 盐边县新九镇人民政府. */
  county?: string;
  /** A zone whose stem is its city's (蚌埠高新区): the stem is the city's, never the zone's. */
  anchoredInCity?: boolean;
}): string[] {
  const out = new Set<string>([r.region, r.fullRegion, r.org]);
  for (const w of r.written ?? []) out.add(w);
  if (r.level === "department") return [...out].filter((a) => a.length >= 2);
  const government =
    r.org.endsWith("管委会") || r.org.endsWith("管理委员会")
      ? r.org.endsWith("管委会")
        ? "管委会"
        : "管理委员会"
      : r.org.endsWith("办事处")
        ? "办事处"
        : "人民政府";
  const names = new Set<string>([r.region, ...(r.written ?? []).filter((w) => w.length <= r.region.length + 1)]);
  // The region without its suffix (长寿, 平潭); not a zone's whose stem is its city's (蚌埠高新区 → 蚌埠).
  for (const name of names) {
    const stem = shortName(name);
    if (stem && !(r.zone && r.anchoredInCity)) out.add(stem);
  }
  if (r.county) names.add(r.county + r.region);
  for (const name of names) {
    out.add(name);
    for (const [re, shorts] of r.zone ? ZONE_SHORT : []) {
      for (const sh of shorts) {
        const short = name.replace(re, sh);
        if (short !== name && short.length > sh.length) out.add(short).add(short + government);
      }
    }
    out.add(name + government);
    if (government === "人民政府") out.add(name + "政府");
    if (r.zone && government !== "管委会") out.add(name + "管委会");
  }
  return [...out].filter((a) => a.length >= 2);
}

/** "长寿区" → "长寿", "小板桥街道" → "小板桥", "平潭综合实验区" → "平潭"; null when under two characters. */
export function shortName(region: string): string | null {
  return stemOf(region);
}

// ── the issuer chosen ───────────────────────────────────────────────────────────────────────────

interface Group {
  key: string;
  match: RegionMatch | null;
  cands: Candidate[];
  weight: number;
}

/** A region key: the division's code, the zone as written, or the words themselves. */
function keyOf(m: RegionMatch | null, read: Omit<OrgRead, "start">): string {
  if (!m) return "body:" + read.body;
  if (m.division) return "div:" + m.division.code;
  return "name:" + m.name;
}

function isGovernmentBody(body: string, source: Source): boolean {
  if (GOVERNMENT.test(body)) return true;
  // An office compiling or answering for its government; in the title (or the file's name, which
  // carries one) it is the issuer itself.
  return source !== "title" && source !== "name" && source !== "file" && GOVERNMENT_OFFICE.test(body);
}

/** The department's own name: 工信局办公室 → 工信局 (an office answering for its department). */
function departmentBody(body: string): string {
  const m = /^(.{2,}?(?:局|委员会|委|厅|中心))(?:办公室|综合科|政务公开办公室)$/.exec(body);
  return m ? m[1]! : body;
}

/**
 * Who issued a report and for when.
 *
 *   findMeta(prepareText("当前位置： 首页政务公开政府信息公开年报 平潭综合实验区2011年政府信息公开工作年度报告 来源：平潭综合实验区管委会办公室 …"))
 *   → { org: "平潭综合实验区管委会", region: "平潭综合实验区", level: "county", city: "福州市", province: "福建省", year: 2011, … }
 */
export function findMeta(src: SourceText, junk: readonly Span[] = findPageJunk(src), fileName = "", unblanked = src.text): ReportMeta {
  const text = src.text;
  // The head, white space and furniture dropped (bounded: a 5 MB text is read for its first characters only).
  const headEnd = Math.min(text.length, HEAD * 4);
  // A report of ordinary length is compacted once, for its head and its signature alike.
  const whole = text.length <= 60000 ? compactOf(text, 0, text.length, junk) : null;
  const c = whole ? { s: whole.s.slice(0, 12000), at: whole.at.subarray(0, Math.min(whole.s.length, 12000) + 1) } : compactOf(text, 0, headEnd, junk, 12000);
  const limit = Math.min(c.s.length, HEAD);
  const doc = placeContext(c.s);
  const warnings: ReportWarning[] = [];

  // 1. Candidates.
  const cands: Candidate[] = [];
  const names = ownNames(c.s, reportNames(c, limit));
  let titleName: NameMatch | undefined;
  for (const n of names) {
    if (!n.org) continue;
    const source: Source = titleName ? "name" : "title";
    titleName ??= n;
    // A title naming a body without its region (信访局2021年…) says less about the region.
    const weight = n.org.parts.length === 0 ? WEIGHT.compiler - 1 : WEIGHT[source];
    cands.push({ source, read: n.org, start: n.org.start, end: n.org.start + n.org.text.length, weight });
  }
  cands.push(...sentenceCandidates(c, limit));
  const fromFile = fileName ? fileNameHint(fileName) : null;
  if (fromFile?.org) cands.push({ source: "file", read: fromFile.org, start: -1, end: -1, weight: WEIGHT.file });
  // The page's 来源 line is page furniture, blanked in `src`: read where it stands (`unblanked`).
  const raw = compactOf(unblanked, 0, Math.min(unblanked.length, 3000));
  const source = SOURCE.exec(raw.s);
  if (source) {
    const read = readOrg(source[1]!);
    if (read) cands.push({ source: "source", read, start: -1, end: -1, weight: WEIGHT.source });
  }
  // The signature closes the text: read the last 40 000 characters when the head does not reach the end.
  const headReachesEnd = c.s.length === 0 || c.at[c.s.length - 1]! >= text.trimEnd().length - 1;
  const tail = headReachesEnd ? c : (whole ?? compactOf(text, Math.max(0, text.length - 40000), text.length, junk));
  let signedIn = tail;
  let signed = signatureDate(tail);
  if (!signed && !headReachesEnd) [signed, signedIn] = [signatureDate(c), c];
  if (signed) {
    const org = orgBefore(signedIn.s, signed.start);
    if (org) cands.push({ source: "signature", read: org, start: -1, end: -1, weight: WEIGHT.signature });
  }
  // Place names of the opening: the first after "2024年，" counts more.
  const opening = /(?:19|20)\d{2}年(?:度)?[,，]/.exec(c.s.slice(0, limit));
  // Places written one right after the other are one name: 淮安市洪泽区 is 洪泽区 under 淮安市.
  const places: { name: string; start: number; end: number }[] = [];
  for (const p of placesIn(c.s.slice(0, Math.min(limit, 3000)), 60)) {
    const last = places[places.length - 1];
    if (last && last.end === p.start) (last.name += p.name), (last.end = p.end);
    else places.push({ name: p.name, start: p.start, end: p.end });
  }
  for (const p of places) {
    if (insideBookTitle(c.s, p.start)) continue;
    const first = opening && p.start >= opening.index + opening[0].length && p.start <= opening.index + opening[0].length + 2;
    const dept = first ? DEPARTMENT_AFTER.exec(c.s.slice(p.end, p.end + 24)) : null;
    const whole = dept ? readOrg(p.name + dept[1]!) : null;
    const read = whole && whole.offset === 0 ? whole : readOrg(p.name);
    if (!read) continue;
    const end = read === whole ? p.end + dept![1]!.length : p.end;
    cands.push({ source: first ? "opening" : "mention", read, start: p.start, end, weight: first ? WEIGHT.opening : WEIGHT.mention });
  }

  // 2. Group by region, weigh.
  const groups = new Map<string, Group>();
  for (const cand of cands) {
    const match = resolveParts(cand.read.parts, doc);
    const key = keyOf(match, cand.read);
    const g = groups.get(key) ?? { key, match, cands: [], weight: 0 };
    const capped = cand.source === "mention" && g.cands.filter((x) => x.source === "mention").length >= 4;
    if (!capped) g.weight += cand.weight;
    g.cands.push(cand);
    groups.set(key, g);
  }
  // 马城镇人民政府 (compiler) is the title's 怀远县马城镇人民政府: a bare region word joins the one
  // group that writes the same word under a parent, whatever the dataset made of the bare word.
  for (const [key, g] of groups) {
    if (!g.cands.every((x) => x.read.parts.length === 1)) continue;
    const word = g.cands[0]!.read.parts[0]!.text;
    const fuller = [...groups.values()].filter(
      (o) => o !== g && o.cands.some((x) => x.read.parts.length > 1 && x.read.parts[x.read.parts.length - 1]!.text === word),
    );
    if (fuller.length !== 1) continue;
    fuller[0]!.cands.push(...g.cands);
    fuller[0]!.weight += g.weight;
    groups.delete(key);
  }
  const best = [...groups.values()].sort((a, b) => b.weight - a.weight || firstAt(a) - firstAt(b))[0];

  // 3. Year.
  const period = PERIOD.exec(c.s.slice(0, limit * 2));
  const periodYear = period ? asYear(period[1]!) : null;
  const titleYear = titleName?.year ?? null;
  const mentionYear = titleYear === null ? (names.find((n) => n.year !== null)?.year ?? null) : null;
  let year: number | null = null;
  let yearSource: ReportMeta["yearSource"] = "none";
  if (titleYear !== null) {
    year = titleYear;
    yearSource = "title";
    if (periodYear !== null && periodYear !== titleYear) {
      year = periodYear;
      yearSource = "period";
      warnings.push({
        code: "YEAR_CONFLICT",
        metrics: [],
        message: `标题写的是${titleYear}年，统计期限是${periodYear}年，按统计期限记为${periodYear}年。`,
        evidence: [
          spanEvidence(src, [spanOf(c, titleName!.start, titleName!.end)]),
          spanEvidence(src, [spanOf(c, period!.index, period!.index + period![0].length)]),
        ],
      });
    }
  } else if (periodYear !== null) {
    year = periodYear;
    yearSource = "period";
  } else if (mentionYear !== null) {
    year = mentionYear;
    yearSource = "mention";
  } else if (fromFile?.year) {
    year = fromFile.year;
    yearSource = "file";
  } else {
    const t = TABLE_YEAR.exec(c.s);
    if (t && asYear(t[1]!)) {
      year = asYear(t[1]!);
      yearSource = "table";
    } else if (!EMPTY_PERIOD.test(c.s.slice(0, limit))) {
      // "2018年,我区…": the year the opening talks about, when it is said at least twice.
      const counts = new Map<number, number>();
      for (const m of c.s.slice(0, 3000).matchAll(/((?:19|20)\d{2})年(?!\d{1,2}月\d{1,2}日)/g)) {
        const y = asYear(m[1]!);
        if (y) counts.set(y, (counts.get(y) ?? 0) + 1);
      }
      const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
      if (top && top[1] >= 2) {
        year = top[0];
        yearSource = "text";
      }
    }
  }

  // 4. Published or signed.
  let published: string | undefined;
  const header = HEADER_DATE.exec(raw.s);
  if (header) published = iso(Number(header[1]), Number(header[2]), Number(header[3]));
  published ??= signed?.date || undefined;
  if (!published) {
    const form = FORM_DATE.exec(compactOf(src.text, Math.max(0, src.text.length - 4000), src.text.length).s);
    if (form) published = iso(Number(form[1]), Number(form[2]), Number(form[3]));
  }

  // 5. Title.
  let title = "";
  let titleSpan: Span | undefined;
  if (titleName) {
    title = c.s.slice(titleName.start, titleName.end);
    titleSpan = spanOf(c, titleName.start, titleName.end);
  }
  const titleLine = titleSpan ? lineAt(src, titleSpan.start) : 1;

  // How the report speaks of itself: 我局/本委 (a department) or 我区/全县 (a government).
  const head = c.s.slice(0, limit);
  const voice =
    Math.min(2, 0.5 * (head.match(/[我本](?:局|委|办|厅)/g)?.length ?? 0)) -
    Math.min(2, 0.5 * (head.match(/(?:[我本全](?:省|市|区|县|镇|乡|旗)|我街道)/g)?.length ?? 0));
  const who = best ? describe(best, doc, voice) : { org: "", region: "", fullRegion: "", aliases: [], level: "unknown" as Level };
  return { ...who, year, yearSource, ...(published ? { published } : {}), title, titleLine, ...(titleSpan ? { titleSpan } : {}), warnings };
}

function firstAt(g: Group): number {
  return Math.min(...g.cands.map((x) => (x.start < 0 ? 1e9 : x.start)));
}

type Who = Pick<ReportMeta, "org" | "region" | "fullRegion" | "aliases" | "level" | "parent" | "province" | "city" | "county">;

/** The issuer of the winning group: its body, level, names and parents. */
function describe(g: Group, doc: PlaceContext, voice: number): Who {
  const m = g.match;
  // The body: the title's if it names one; else the weightiest reading (offices count for their government).
  const title = g.cands.find((x) => x.source === "title");
  let gov = 0;
  const depts = new Map<string, number>();
  for (const x of g.cands) {
    if (isGovernmentBody(x.read.body, x.source)) gov += x.weight;
    else depts.set(departmentBody(x.read.body), (depts.get(departmentBody(x.read.body)) ?? 0) + x.weight);
  }
  let dept: string | null = null;
  if (title) dept = isGovernmentBody(title.read.body, "title") ? null : departmentBody(title.read.body);
  else {
    const top = [...depts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (top && top[1] + voice > gov) dept = top[0];
  }
  // The longest written form of the region words (淮安市洪泽区 over 洪泽区).
  const written = g.cands.map((x) => x.read.parts.map((p) => p.text)).sort((a, b) => b.join("").length - a.join("").length)[0] ?? [];

  if (!m) {
    // A department named without its region (信访局).
    const org = dept ?? g.cands[0]!.read.body;
    return { org, region: org, fullRegion: org, aliases: regionAliases({ region: org, fullRegion: org, org, level: "department" }), level: "department" };
  }

  // A zone: one the dataset lacks (平潭综合实验区), or holds under a zone's name (淮安经济技术开发区).
  const zone = !m.division ? g.cands.some((x) => x.read.parts[x.read.parts.length - 1]?.zone) : isZoneName(m.name);
  const chain: Chain = m.division ? chainOf(m.division) : m.chain;
  const region = m.name;
  let level: Level = zone ? "county" : m.level;
  const city = chain.city && chain.city !== m.division ? chain.city.name : m.division?.level === "city" ? m.division.name : undefined;
  const province = chain.province?.name ?? provinceNamed(doc.text);
  const county = zone || m.level === "county" ? region : m.level === "township" ? chain.county?.name : undefined;

  // fullRegion: a county under its city (淮安市洪泽区, 重庆市长寿区); zones, cities, townships alone; unknown as written.
  let fullRegion = region;
  if (m.division?.level === "county" && !zone && chain.city && chain.city !== m.division) fullRegion = chain.city.name + region;
  else if (!m.division && !zone && level === "county" && chain.city) fullRegion = chain.city.name + region;

  let parent: string | undefined;
  if (m.level === "township") parent = chain.county?.name ?? chain.city?.name;
  else if (m.level === "city") parent = chain.province?.name;
  else if (m.level !== "province") parent = chain.city?.name ?? chain.province?.name;
  if (!parent && !m.division && written.length > 1) parent = written[written.length - 2];

  // The text's own spelling of the region, when it slipped (沐阳县).
  const slipWritten = m.slip?.written;
  const writtenNames = [...new Set(g.cands.flatMap((x) => x.read.parts.map((p) => p.text)))].filter(
    (w) => w !== region && (w === slipWritten || w.endsWith(region)),
  );
  // The region words as the document writes them, its last word as the dataset names it.
  const stated =
    written.length > 0 && (written[written.length - 1] === region || written[written.length - 1] === slipWritten)
      ? [...written.slice(0, -1), region].join("")
      : region;

  let org: string;
  if (dept) {
    // As printed, with a corrected slip: 沭阳县发展和改革局, 平潭综合实验区地方税务局.
    const src = (title ?? g.cands.find((x) => !isGovernmentBody(x.read.body, x.source)))!.read;
    org = (src.prefix ?? "") + src.parts.map((p) => (p.text === slipWritten ? region : p.text)).join("") + dept;
    level = "department";
  } else {
    // 淮安市洪泽区人民政府 (as written, even under a title 洪泽区人民政府), 盐边县新九镇人民政府, 平潭综合实验区管委会.
    org = stated + governmentWord(region, zone, !!m.division, title?.read.body ?? "", doc);
  }

  const aliases = regionAliases({
    region,
    fullRegion,
    org,
    level,
    written: writtenNames,
    zone,
    county: m.division?.level === "township" ? chain.county?.name : undefined,
    anchoredInCity: zone && m.anchor?.level !== "county",
  });
  return {
    org,
    region,
    fullRegion,
    aliases,
    level,
    ...(parent ? { parent } : {}),
    ...(province ? { province } : {}),
    ...(city ? { city } : {}),
    ...(county ? { county } : {}),
  };
}

/** Zone names, even where the dataset holds them as county-level areas (淮安经济技术开发区); not 新区 (浦东新区 is a district). */
function isZoneName(name: string): boolean {
  return ZONE_SUFFIXES.some((z) => z !== "新区" && name.endsWith(z));
}

/**
 * The government's word: the title's own (管委会, 人民政府, 办事处), else the one the document uses after
 * the region most, else 管委会 for a zone the dataset lacks, 办事处 for a 街道, 人民政府 for the rest.
 */
function governmentWord(region: string, zone: boolean, inDataset: boolean, titleBody: string, doc: PlaceContext): string {
  const norm = (w: string) => (w === "政府" ? "人民政府" : w.replace(/^党工委/, "").replace(/^街道/, ""));
  if (titleBody && GOVERNMENT.test(titleBody)) return norm(titleBody);
  let best = "";
  let most = 0;
  for (const w of ["人民政府", "管委会", "管理委员会", "办事处"]) {
    let n = 0;
    for (let i = doc.text.indexOf(region + w); i >= 0 && n < 50; i = doc.text.indexOf(region + w, i + 1)) n++;
    if (n > most) [best, most] = [w, n];
  }
  if (best) return best;
  if (region.endsWith("街道")) return "办事处";
  return zone && !inDataset ? "管委会" : "人民政府";
}

/** The one province the head names in full, when the gazetteer could not place the region. */
function provinceNamed(doc: string): string | undefined {
  const found = new Set<string>();
  for (const p of placesIn(doc.slice(0, 5000), 100)) for (const d of p.divisions) if (d.level === "province" && p.name === d.name) found.add(d.name);
  return found.size === 1 ? [...found][0] : undefined;
}
