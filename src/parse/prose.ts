// The narrative as prose: the running text of a report without its tables, white space inside
// sentences dropped, paragraphs where the layout gives them (a line break after a sentence end)
// and where it does not (before a heading number after a sentence end), with a map from every
// character back to the report text so a figure or passage quotes the original. Real reports often
// arrive as ONE line (a crawled page), so nothing here relies on line breaks; they are hints.
import type { Section } from "../domain.js";
import { headingNumberAt, TABLE_ROW_TITLES, TITLE_END_WORDS, templateHeading } from "./headings.js";

/** Where a heading's own title ends, when it is not the template's. */
const HEADING_TITLE_END = new RegExp(TITLE_END_WORDS);

import { lineAt as lineAtText, type SourceText, type Span } from "./text.js";

export interface Prose {
  /** The report text the prose was read from (offsets below are offsets of `src.text`). */
  src: SourceText;
  /** Paragraphs joined with "\n"; no other white space except a single " " between two ASCII words. */
  text: string;
  /** `map[i]` is the offset in `src.text` of `text[i]`; `map[text.length]` is the end of the last character. */
  map: Int32Array;
}

const STOPS = "。！？；：!?;:";
const CLOSERS = "”’」』）)】";
/** Stops that end a sentence (a colon introduces, it does not end). */
const SENTENCE_STOPS = "。！？；!?;";

/** Character classes by code unit, so the per-character loops below compare numbers. */
const SPACE = 1;
const STOP = 2; // 。：… a stop before a heading number
const SENTENCE_STOP = 4; // 。；… ends a sentence
const CLOSER = 8;
const HEADING_START = 16; // may start a heading number
const ASCII_WORD = 32;
const CJK = 64;
const CLAUSE_MARK = 128; // ， : ; inside a line: it is running text, not a title
const CLASS = new Uint8Array(65536);
for (const c of " \t\n") CLASS[c.charCodeAt(0)]! |= SPACE;
for (const c of STOPS) CLASS[c.charCodeAt(0)]! |= STOP;
for (const c of SENTENCE_STOPS) CLASS[c.charCodeAt(0)]! |= SENTENCE_STOP;
for (const c of CLOSERS) CLASS[c.charCodeAt(0)]! |= CLOSER;
for (const c of "0123456789(（零〇一二三四五六七八九十") CLASS[c.charCodeAt(0)]! |= HEADING_START;
for (let c = 0x30; c <= 0x7a; c++) if (/[0-9A-Za-z]/.test(String.fromCharCode(c))) CLASS[c]! |= ASCII_WORD;
for (let c = 0x4e00; c <= 0x9fff; c++) CLASS[c]! |= CJK;
for (const c of ",，:：;；") CLASS[c.charCodeAt(0)]! |= CLAUSE_MARK;

/**
 * The length of a full line (non-space characters): the 75th percentile of the lines outside
 * `skip` that hold Chinese text; 0 for a one-line text. A line much shorter than this ends its
 * paragraph (a title, a heading, the last line of a wrapped PDF paragraph).
 */
function fullLineLength(text: string, skip: readonly Span[]): number {
  const lengths: number[] = [];
  let k = 0;
  let nextSkip = skip.length ? skip[0]!.start : Infinity;
  let n = 0;
  let cjk = false;
  for (let i = 0; i <= text.length; i++) {
    if (i >= nextSkip && i < text.length) {
      i = skip[k]!.end - 1;
      k++;
      nextSkip = k < skip.length ? skip[k]!.start : Infinity;
      continue;
    }
    const code = i < text.length ? text.charCodeAt(i) : 10;
    if (code === 10) {
      if (n > 0 && cjk) lengths.push(n);
      n = 0;
      cjk = false;
      if (lengths.length > 20000) break;
    } else if (!(CLASS[code]! & SPACE)) {
      n++;
      if (CLASS[code]! & CJK) cjk = true;
    }
  }
  if (lengths.length < 3) return 0;
  lengths.sort((a, b) => a - b);
  return lengths[Math.floor(lengths.length * 0.75)]!;
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans
    .filter((s) => s.end > s.start)
    .map((s) => ({ ...s }))
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push(s);
  }
  return out;
}

/**
 * The running text of a report: `skip` (the tables, as spans of `src.text`) left out, white space
 * inside sentences dropped ("主动公开政府信息 2543条" → "主动公开政府信息2543条"), and a paragraph break
 * ("\n") where a line ends a sentence, after a short or bare heading line, around a skipped table,
 * and before a heading number that follows a sentence end (a one-line report: "…下载。一、概述…").
 *
 *   buildProse(prepareText("…联系。一、 概述2015年，我区…"), []).text === "…联系。\n一、概述2015年，我区…"
 */
export function buildProse(src: SourceText, skip: readonly Span[]): Prose;
/**
 * @deprecated Line-based bridge for the old parser (src/parse/report.ts until its rewrite): the
 * lines are joined and read as a text, `skip(i)` lines left out. Offsets then refer to the joined lines.
 */
export function buildProse(lines: readonly string[], skip: (line: number) => boolean): Prose;
export function buildProse(a: SourceText | readonly string[], b: readonly Span[] | ((line: number) => boolean)): Prose {
  if (Array.isArray(a)) return fromLines(a as readonly string[], b as (line: number) => boolean);
  return build(a as SourceText, b as readonly Span[]);
}

function fromLines(lines: readonly string[], skipLine: (line: number) => boolean): Prose {
  // The lines are normalised already: the joined text is its own source (identity map).
  const text = lines.join("\n").replace(/[^\S\n]/g, " ");
  const map = new Int32Array(text.length + 1);
  for (let i = 0; i <= text.length; i++) map[i] = i;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const src: SourceText = { original: text, text, map, lineStarts, traditional: false };
  const spans: Span[] = [];
  const skippedLine = lines.map((_, i) => skipLine(i));
  let line = 0;
  let open = -1;
  for (let i = 0; i < src.text.length; i++) {
    const at = src.map[i]!;
    while (line + 1 < src.lineStarts.length && src.lineStarts[line + 1]! <= at) line++;
    const skipped = skippedLine[line] ?? false;
    if (skipped && open < 0) open = i;
    else if (!skipped && open >= 0) {
      spans.push({ start: open, end: i });
      open = -1;
    }
  }
  if (open >= 0) spans.push({ start: open, end: src.text.length });
  return build(src, spans);
}

const TITLE_END = /(?:报告|年报|总结)$/;
const UNIT_START = /[件条人次项个万亿元篇份场期家宗套名%]/;

function build(src: SourceText, skipIn: readonly Span[]): Prose {
  const t = src.text;
  const skip = mergeSpans(skipIn);
  const full = fullLineLength(t, skip);
  // Output as slices of `t` (runs of characters written in order) plus inserted breaks.
  const parts: string[] = [];
  // Breaks are inserted where the text had none, so the prose may be longer than `t`: grow as needed.
  let map = new Int32Array(t.length + 256);
  const room = () => {
    if (n + 2 >= map.length) {
      const bigger = new Int32Array(Math.ceil(map.length * 1.5));
      bigger.set(map);
      map = bigger;
    }
  };
  let n = 0; // characters written
  let runStart = -1;
  let runEnd = -1;
  let last = 0; // code units of the last two characters written
  let last2 = 0;
  const flush = () => {
    if (runStart >= 0) parts.push(t.slice(runStart, runEnd));
    runStart = -1;
  };
  const insert = (c: string, at: number) => {
    flush();
    parts.push(c);
    room();
    map[n++] = at;
    last2 = last;
    last = c.charCodeAt(0);
    if (c === "\n") {
      // a paragraph starts here: a heading at its start is a heading line even mid-line
      segLen = 0;
      segHeading = false;
      segTitleLen = 0;
      segStop = false;
    }
  };
  const endsWith = (cls: number) => (CLASS[last]! & cls) !== 0 || ((CLASS[last]! & CLOSER) !== 0 && (CLASS[last2]! & cls) !== 0);
  let pending = 0; // 0, 32 (" ") or 10 ("\n"): white space seen since the last character written
  let pendingAt = -1;
  let forced = false; // a skipped table lies between the last character and the next
  // The source line being read (its length, whether it holds a stop), and the part of it since the
  // last paragraph break (its length, whether it starts with a heading number, holds a stop).
  let lineLen = 0;
  let lineStop = false;
  let lineClause = false;
  let prevClause = false;
  let segLen = 0;
  let segHeading = false;
  let segStop = false;
  let prevLen = 0;
  let prev2Len = 0; // the line before that
  let prev2Stop = false; // …and whether it ended with a sentence stop
  let prevEndStop = false;
  let prevStop = false;
  let prevSegLen = 0;
  let prevHeading = false;
  let segTitleLen = 0; // heading number + template title of the segment's heading, when it is one
  let prevTitleLen = 0;
  let prevSegStop = false;
  let k = 0;
  let nextSkip = skip.length ? skip[0]!.start : Infinity;
  for (let i = 0; i < t.length; i++) {
    if (i >= nextSkip) {
      i = skip[k]!.end - 1;
      k++;
      nextSkip = k < skip.length ? skip[k]!.start : Infinity;
      forced = true;
      prevLen = lineLen = segLen = 0;
      continue;
    }
    const code = t.charCodeAt(i);
    const cls = CLASS[code]!;
    if (cls & SPACE) {
      if (pending !== 10) {
        pending = code === 10 ? 10 : 32;
        pendingAt = i;
      }
      if (code === 10 && lineLen > 0) {
        // (a blank line keeps the stats of the line before it)
        prev2Len = prevLen;
        prev2Stop = prevEndStop;
        prevEndStop = endsWith(SENTENCE_STOP);
        prevLen = lineLen;
        prevStop = lineStop;
        prevClause = lineClause;
        lineClause = false;
        prevSegLen = segLen;
        prevHeading = segHeading;
        prevTitleLen = segTitleLen;
        prevSegStop = segStop;
        lineLen = 0;
        lineStop = false;
        segLen = 0;
        segHeading = false;
        segTitleLen = 0;
        segStop = false;
      }
      continue;
    }
    const heading = cls & HEADING_START ? headingNumberAt(t, i) : null;
    if (n > 0 && (forced || pending || heading)) {
      let brk = forced;
      if (!brk && pending === 10) {
        brk =
          endsWith(SENTENCE_STOP) ||
          // a heading on a line of its own (a line filled to the wrap width goes on: "六、其他…2021年,无收")
          // (a line filled to the wrap width whose heading's title ends before the line does goes on:
          // "六、其他需要报告的事项2021年,无收" / "取信息处理费情况。")
          // (nor a line filled to the wrap width, whatever its heading: "(一)主动公开政府信息的数量2016年全区主动公开政" /
          // "府信息3460条。" is one sentence)
          (prevHeading &&
            prevSegLen <= 40 &&
            !prevSegStop &&
            !(prevTitleLen > 0 && prevSegLen > prevTitleLen && full >= 20 && prevLen >= full * 0.8) &&
            !(full >= 20 && prevLen >= full * 0.9)) ||
          // the report's title on a line of its own
          (!prevStop && prevLen <= 60 && TITLE_END.test(String.fromCharCode(last2, last))) ||
          // a short line without clause marks: a title, a heading, a signature (a wrapped paragraph's
          // first line, indented, is short too but holds a comma)
          // (not the tail of a line filled to the wrap width and left without a stop: "…受理政" / "府")
          (full > 0 && prevLen < full * 0.7 && !prevClause && !prevStop && !(prev2Len >= full * 0.9 && !prev2Stop)) ||
          heading !== null;
      }
      if (!brk && heading) {
        brk =
          endsWith(STOP) ||
          (heading.kind === "paren" && !/[第条款项\d]/.test(String.fromCharCode(last))) ||
          // a template title after a number starts a part even where no stop precedes it ("…@163.com一、概述")
          (heading.kind === "cn" && templateHeading(t.slice(i + heading.length, i + heading.length + 40).replace(/\s+/g, "")) !== null);
      }
      // A number at the end of a line and its unit at the start of the next are one quantity
      // ("结果维持 25" / "件"), however short the line.
      if (brk && !forced && !heading && last >= 48 && last <= 57 && UNIT_START.test(t[i]!)) brk = false;
      if (brk) {
        if (last !== 10) insert("\n", i);
      } else if (pending && CLASS[last]! & ASCII_WORD && cls & ASCII_WORD) {
        // Digits on both sides of a line break inside a paragraph are one number the wrap broke
        // ("主动公开政府信息188" / "46条" is 18846条, not 46条: a line ending in a bare number, the next
        // starting with one, is no sentence); elsewhere two words keep a space.
        const wrapped = pending === 10 && last >= 48 && last <= 57 && code >= 48 && code <= 57;
        if (!wrapped) insert(" ", pendingAt);
      }
    }
    if (segLen === 0 && heading) {
      segHeading = true;
      const title = templateHeading(t.slice(i + heading.length, i + heading.length + 40).replace(/\s+/g, ""));
      segTitleLen = title ? heading.length + title.length : 0;
    }
    if (cls & SENTENCE_STOP) lineStop = segStop = true;
    if (cls & CLAUSE_MARK) lineClause = true;
    lineLen++;
    segLen++;
    if (runStart < 0 || runEnd !== i) {
      flush();
      runStart = i;
    }
    runEnd = i + 1;
    room();
    map[n++] = i;
    last2 = last;
    last = code;
    pending = 0;
    forced = false;
  }
  flush();
  let text = parts.join("");
  while (text.endsWith("\n")) {
    text = text.slice(0, -1);
    n--;
  }
  map[n] = n > 0 ? map[n - 1]! + 1 : 0;
  return { src, text, map: map.slice(0, n + 1) };
}

/** The span of `src.text` that prose characters [start, end) were read from. */
export function srcSpan(prose: Prose, start: number, end: number): Span {
  const s = prose.map[Math.max(0, Math.min(start, prose.text.length))]!;
  const e = end > start ? prose.map[Math.min(end, prose.text.length) - 1]! + 1 : s;
  return { start: s, end: Math.max(s, e) };
}

/** 1-based line of the original report where prose character `offset` stands. */
export function lineAt(prose: Prose, offset: number): number {
  return lineAtText(prose.src, prose.map[Math.max(0, Math.min(offset, prose.text.length))]!);
}

// ── sections ────────────────────────────────────────────────────────────────────────────────────

/** Where a title stops in running text: a stop, a bracket, a quote, a digit, a cell mark. */
const TITLE_STOP = /[。；：，,;:!?！？（(【“"|\t\d]/;
/** Words that start a sentence, so a heading run into its paragraph ends before them. */
const SENTENCE_START =
  /(?:本年度|本年|今年|全年|报告期内|近年来|截至|截止|根据|按照|围绕|为(?:了|进一步|深入|切实)|一是|我(?:区|县|市|省|局|委|办|镇|街道|乡|单位|部门|们)|全(?:区|县|市|省|镇|乡|街道)|本(?:机关|单位|部门|局|委|办)|区(?:政府|管委会)|县政府|市政府)/;

/** What a template's own heading title adds to a candidate's score. */
const TEMPLATE_BONUS = 4;
/** A candidate this heading-like has a template title (1 + the bonus at least). */
const TEMPLATE_SCORE = 1 + TEMPLATE_BONUS;
/** What a chain pays for a heading number it skips. */
const SKIP_COST = 2;

interface Candidate {
  value: number;
  /** Prose offsets: the heading's number, where its title ends, where its paragraph ends. */
  start: number;
  titleEnd: number;
  title: string;
  score: number;
}

/** A top-level heading at the start of a paragraph, with its title and how heading-like it is. */
function candidateAt(text: string, start: number, paraEnd: number): Candidate | null {
  const h = headingNumberAt(text, start);
  if (h?.kind !== "cn") return null;
  const bodyStart = start + h.length;
  const rest = text.slice(bodyStart, Math.min(paraEnd, bodyStart + 60));
  let titleLen: number;
  let score = 1;
  const stop = rest.search(TITLE_STOP);
  const window = stop >= 0 ? rest.slice(0, stop) : rest;
  const bare = paraEnd - bodyStart <= 40 && !/[。；！？]/.test(rest);
  const known = templateHeading(rest);
  if (bare) {
    const cell = rest.search(/[|\t]/);
    titleLen = cell >= 0 ? cell : rest.length;
    score += 1;
  } else if (known) {
    titleLen = known.length;
  } else {
    const w = window.slice(0, 30);
    const s = w.slice(2).search(SENTENCE_START);
    const end = HEADING_TITLE_END.exec(w);
    titleLen = end ? end.index + end[0].length : s >= 0 ? s + 2 : w.length;
  }
  const title = text
    .slice(bodyStart, bodyStart + titleLen)
    .trim()
    .replace(/[：:。]+$/, "");
  if (!title) return null;
  if (templateHeading(title)) score += TEMPLATE_BONUS;
  if (TABLE_ROW_TITLES.test(title)) score -= 6;
  // A row of a statistics table: numbers, dashes and cell marks follow the title.
  const after = text.slice(bodyStart + titleLen, Math.min(paraEnd, bodyStart + titleLen + 30));
  if (after.length >= 6 && (after.match(/[\d|—-]/g)?.length ?? 0) > after.length / 2) score -= 3;
  return { value: h.value, start, titleEnd: bodyStart + titleLen, title: text.slice(start, bodyStart) + title, score };
}

/**
 * The top-level headings of the report (prose offsets of the number and of the title's end), as
 * findSections reads them: the best sequence 一、二、三 … of heading-like paragraph starts.
 */
export function sectionHeads(prose: Prose): { start: number; titleEnd: number; title: string }[] {
  const text = prose.text;
  const cands: Candidate[] = [];
  for (let p = 0; p < text.length; ) {
    let e = text.indexOf("\n", p);
    if (e < 0) e = text.length;
    const c = candidateAt(text, p, e);
    if (c) cands.push(c);
    p = e + 1;
  }
  // Best chain 一, 二, 三 … by total score (a chain may stop anywhere).
  const best: number[] = new Array(cands.length).fill(-Infinity);
  const from: number[] = new Array(cands.length).fill(-1);
  const bestOfValue = new Map<number, number>(); // value → index of the best chain ending at that value so far
  for (let i = 0; i < cands.length; i++) {
    const c = cands[i]!;
    if (c.value === 1) best[i] = c.score;
    const prevIdx = bestOfValue.get(c.value - 1);
    if (prevIdx !== undefined && best[prevIdx]! + c.score > best[i]!) {
      best[i] = best[prevIdx]! + c.score;
      from[i] = prevIdx;
    }
    // A template heading after a gap of one: the heading between lost its title to the table it
    // introduces (a crawled page's "四、政府信息公开行政复议、行政诉讼情况行政复议…" is read as 表四,
    // leaving "四、"), and the parts after the tables had stayed inside 三.
    const skipIdx = c.score >= TEMPLATE_SCORE ? bestOfValue.get(c.value - 2) : undefined;
    if (skipIdx !== undefined && best[skipIdx]! + c.score - SKIP_COST > best[i]!) {
      best[i] = best[skipIdx]! + c.score - SKIP_COST;
      from[i] = skipIdx;
    }
    const cur = bestOfValue.get(c.value);
    if (best[i]! > -Infinity && (cur === undefined || best[i]! > best[cur]!)) bestOfValue.set(c.value, i);
  }
  let end = -1;
  for (let i = 0; i < cands.length; i++) if (best[i]! > 0 && (end < 0 || best[i]! > best[end]!)) end = i;
  const chain: Candidate[] = [];
  for (let i = end; i >= 0; i = from[i]!) chain.unshift(cands[i]!);
  return chain.map(({ start, titleEnd, title }) => ({ start, titleEnd, title }));
}

/**
 * The report's top-level sections, found by their numbers 一、… in running text: a heading must
 * start a paragraph, and the numbers must follow each other (一 then 二 …). Among the sequences
 * the text allows, the one with the most heading-like titles wins (template titles count most; the
 * rows of a statistics table and a sub-list's second 一、 lose). Text before the first heading is
 * the section "". A title ends where the heading does: at the end of a template title, else at
 * the first stop, digit or sentence start (≤ 30 chars).
 *
 *   findSections(buildProse(prepareText("…。一、概述2015年，我区…。二、主动公开政府信息情况…"), []))
 *   → [{ title: "" …}, { title: "一、概述", text: "2015年，我区…" }, { title: "二、主动公开政府信息情况", … }]
 */
export function findSections(prose: Prose): Section[] {
  const text = prose.text;
  const chain = sectionHeads(prose);
  const sections: Section[] = [];
  const add = (title: string, headStart: number, bodyStart: number, stop: number) => {
    const paras: string[] = [];
    const paraLines: number[] = [];
    for (let p = bodyStart; p < stop; ) {
      let e = text.indexOf("\n", p);
      if (e < 0 || e > stop) e = stop;
      const para = text.slice(p, e).trim();
      if (para) {
        paras.push(para);
        paraLines.push(lineAt(prose, p + (text.slice(p, e).length - text.slice(p, e).trimStart().length)));
      }
      p = e + 1;
    }
    if (!title && paras.length === 0) return;
    const lastChar = Math.max(headStart, stop - 1);
    const span = srcSpan(prose, headStart, stop);
    sections.push({
      title,
      line: lineAt(prose, headStart),
      endLine: lineAt(prose, lastChar),
      text: paras.join("\n"),
      paraLines,
      start: prose.src.map[span.start]!,
      end: prose.src.map[span.end]!,
    });
  };
  add("", 0, 0, chain[0]?.start ?? text.length);
  chain.forEach((c, i) => add(c.title, c.start, c.titleEnd, chain[i + 1]?.start ?? text.length));
  return sections;
}

/** Sentences of a text with their offsets (for narrative figures and search passages). */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？!?;；\n]+[。！？!?;；]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].trim()) out.push({ text: m[0], start: m.index });
  }
  return out;
}
