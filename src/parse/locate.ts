// Locate: find a template's row labels, in order, in the text however it was laid out. Labels are
// compared in a compact view of the text (no white space, no pipes), so "社会公益 组织" or a label
// wrapped over three PDF lines is still found; each compact offset maps back to the text.
import { numberingForms } from "./headings.js";
import { UNITS, unitAlternation } from "./numbers.js";
import type { Span } from "./text.js";

/** `text` without white space and pipes, with the way back. */
export interface Compact {
  s: string;
  /** `at[i]` is the offset in the text of `s[i]`; `at[s.length]` is the end of the compacted range. */
  at: Int32Array;
  /** The text it is a view of (where a pipe or tab between two characters says a cell ends). */
  src: string;
}

/** The compact view of text[from, to). */
export function compactOf(text: string, from = 0, to = text.length): Compact {
  const parts: string[] = [];
  const at = new Int32Array(Math.max(0, to - from) + 1);
  let n = 0;
  let runFrom = -1;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : 0x20;
    const skip = c === 0x20 || c === 0x0a || c === 0x09 || c === 0x7c || c === 0x0d;
    if (!skip) {
      if (runFrom < 0) runFrom = i;
      continue;
    }
    if (runFrom >= 0) {
      parts.push(text.slice(runFrom, i));
      for (let k = runFrom; k < i; k++) at[n++] = k;
      runFrom = -1;
    }
  }
  at[n] = to;
  return { s: parts.join(""), at: at.subarray(0, n + 1), src: text };
}

/** A label as the compact view holds it. */
export function compactLabel(label: string): string {
  return label.normalize("NFKC").replace(/[\s|]+/g, "");
}

/** A label found: compact offsets [cs, ce) and text span. `edits` > 0 for a fuzzy match. */
export interface Found extends Span {
  cs: number;
  ce: number;
  edits: number;
  /** The label form that matched, compact (exact matches only). */
  label?: string;
  /**
   * Found by its numbering alone, in its place between the rows found before and after it, its
   * words not the template's ("2.反复提出同一申请" for 2.重复申请): its values are its own, not the
   * next row's, but what it counts is not sure.
   */
  byNumber?: true;
}

function toFound(c: Compact, cs: number, ce: number, edits: number): Found {
  return { cs, ce, start: c.at[cs]!, end: c.at[ce - 1]! + 1, edits };
}

/** First exact occurrence of `label` with cs in [from, to). */
export function findExact(c: Compact, label: string, from: number, to: number): Found | null {
  const l = compactLabel(label);
  if (!l) return null;
  const at = c.s.indexOf(l, Math.max(0, from));
  if (at < 0 || at >= to) return null;
  return { ...toFound(c, at, at + l.length, 0), label: l };
}

/**
 * A label a PDF printed around its row's numbers: wrapped over the lines of a narrow cell, the
 * numbers on the middle line ("1.属于国家秘 0 0 0 0 0 0 0 密", "3.危及“三安 0 … 0 全一稳定”"), a side
 * cell's numbering between ("4.保护第三方 (三) 0 … 0 合法权益"). Found with the numbers and a bracketed
 * (一)…(十) left out; the label ends where its numbers start, so they read as its row's and the
 * rest of the label after them is passed over. Labels of four characters or more, exactly.
 */
export function findAroundValues(c: Compact, label: string, from: number, to: number, noise: readonly string[] = []): Found | null {
  const l = compactLabel(label);
  if (l.length < 4 || /\d/.test(l)) return null;
  const end = Math.min(to + l.length * 2 + 40, c.s.length);
  // The compact text without numbers and bracketed numbering, each kept character's compact offset.
  // The kept characters are taken a run at a time, between the skipped ones: a string made per
  // character, and a pattern tried at each, was most of what reading a table allocated.
  const kept: number[] = [];
  const runs: string[] = [];
  const part = c.s.slice(from, end);
  const skip = /[\d.+\-—–]+|\([一二三四五六七八九十]\)/y;
  let run = 0;
  for (let i = 0; i < part.length; ) {
    if (mayStartSkip(part.charCodeAt(i))) {
      skip.lastIndex = i;
      const m = skip.exec(part);
      if (m && m[0] !== "." && m[0] !== "-") {
        if (i > run) runs.push(part.slice(run, i));
        i += m[0].length;
        run = i;
        continue;
      }
    }
    kept.push(from + i);
    i++;
  }
  if (part.length > run) runs.push(part.slice(run));
  const view = runs.join("");
  const match = matchWithNoise(view, l, noise);
  if (!match || kept[match.at]! >= to) return null;
  const first = kept[match.at]!;
  const last = kept[match.end - 1]!;
  // Only a label broken by numbers: one printed whole is findExact's.
  const digit = c.s.slice(first, last + 1).search(/\d/);
  if (digit < 0) return null;
  return toFound(c, first, first + digit, 0);
}

/** The characters the skipped runs of findAroundValues start with: a digit . + - — – ( */
const mayStartSkip = (code: number) =>
  (code >= 48 && code <= 57) || code === 46 || code === 43 || code === 45 || code === 0x2014 || code === 0x2013 || code === 40;

/** Most characters of side-cell words passed over inside one label. */
const NOISE_MAX = 8;

/**
 * `label` in `view`, exactly, or with pieces of the side cells' words between its characters: a
 * merged side cell (三、本年度办理结果, (三)不予公开) printed in the lines of the labels beside it
 * ("4.保护第三 不予公 方合法权益 开"). Each piece passed over must be part of one of the `noise` words.
 */
function matchWithNoise(view: string, label: string, noise: readonly string[]): { at: number; end: number } | null {
  const exact = view.indexOf(label);
  if (exact >= 0) return { at: exact, end: exact + label.length };
  if (noise.length === 0) return null;
  const isPiece = (piece: string) => noise.some((w) => w.includes(piece));
  for (let at = view.indexOf(label[0]!); at >= 0; at = view.indexOf(label[0]!, at + 1)) {
    let j = at;
    let k = 0;
    let skipped = 0;
    let piece = "";
    while (k < label.length && j < view.length && skipped <= NOISE_MAX) {
      if (view[j] === label[k]) {
        if (piece && !isPiece(piece)) break;
        piece = "";
        j++;
        k++;
      } else {
        piece += view[j];
        skipped++;
        j++;
      }
    }
    if (k === label.length && !piece) return { at, end: j };
  }
  return null;
}

/**
 * Best approximate occurrence of `label` in c.s[from, to) within `maxEdits` (Sellers' algorithm:
 * edit distance of the label to any substring). Labels with typos and lost characters
 * ("其他法律行政止公开" for 其他法律行政法规禁止公开) are found where the template expects them.
 */
export function findFuzzy(c: Compact, label: string, from: number, to: number, maxEdits: number): Found | null {
  const p = compactLabel(label);
  const m = p.length;
  if (m === 0 || to <= from) return null;
  let prev = new Int32Array(m + 1);
  let cur = new Int32Array(m + 1);
  const startOf = new Int32Array(m + 1);
  const startPrev = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  startPrev.fill(from);
  let best: Found | null = null;
  for (let j = from; j < to; j++) {
    const ch = c.s[j]!;
    cur[0] = 0;
    startOf[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      const sub = prev[i - 1]! + (p[i - 1] === ch ? 0 : 1);
      const del = prev[i]! + 1; // text char skipped
      const ins = cur[i - 1]! + 1; // label char missing
      let v = sub;
      let s = startPrev[i - 1]!;
      if (del < v) (v = del), (s = startPrev[i]!);
      if (ins < v) (v = ins), (s = startOf[i - 1]!);
      cur[i] = v;
      startOf[i] = s;
    }
    const d = cur[m]!;
    if (d <= maxEdits && (!best || d < best.edits)) {
      const cs = startOf[m]!;
      // The match must cover most of the label and start on a label character.
      if (j + 1 - cs >= m - maxEdits && cs <= j) best = toFound(c, cs, j + 1, d);
      if (d === 0) break;
    }
    [prev, cur] = [cur, prev];
    startPrev.set(startOf);
  }
  return best;
}

/** How many edits a label of this length may carry: none for short labels, a quarter for long ones. */
export function editBudget(label: string): number {
  const n = compactLabel(label).length;
  return n <= 4 ? 0 : n <= 7 ? 1 : Math.floor(n / 4);
}

/** How far (compact characters: a row of seven values) an unnumbered generic label may follow the row before it. */
const UNNUMBERED_REACH = 80;

/** Digits, signs, decimal points, blank marks and units: the cells of one row, no words. */
function onlyValues(s: string): boolean {
  return s.replace(VALUE_CHARS, "") === "";
}
const UNIT_AFTER = new RegExp(`^(?:${unitAlternation(UNITS)})`);
const VALUE_CHARS = new RegExp(`[\\d.+\\-—–/*]|${unitAlternation(UNITS)}|无|空`, "g");

export interface LabelSpec {
  label: string;
  aliases?: readonly string[];
  /** For a label too generic to stand alone ("其他", "总计"): the numbering that must precede it. */
  num?: string;
  /** A heading: found where it is, but it does not move the reading position (PDF prints the
   *  vertical 三、本年度办理结果 after the rows it heads). */
  floating?: boolean;
}

/**
 * Find labels in template order within c.s[from, to): each exact (label, then its aliases) after
 * the previous one found and within `window` compact characters of it; then each one still
 * missing by fuzzy match in the gap between its found neighbours. A label followed by a bracketed
 * note ("部分公开(区分处理的,…)") takes the note with it.
 */
export function locateInOrder(c: Compact, specs: readonly LabelSpec[], from: number, to: number, window = 3000): (Found | null)[] {
  const found: (Found | null)[] = specs.map(() => null);
  let pos = from;
  // The headings' words, which a PDF prints in a side cell beside the labels they head.
  const noise = specs.filter((s) => s.floating).map((s) => compactLabel(s.label));
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const limit = Math.min(to, pos + window);
    let hit: Found | null = null;
    for (const l of [spec.label, ...(spec.aliases ?? [])]) {
      for (let from = pos; from < limit; ) {
        hit = findExact(c, l, from, limit);
        if (!hit || !spec.num || compactLabel(l).length > 2 || numberedBefore(c, hit.cs, spec.num)) break;
        // Unnumbered, it is still this row where only the values of the row found before it stand
        // between them (a report that prints no numbering: "其他处理 0 0 0 0 0 0 0 总计 …").
        const prev = found.slice(0, i).findLast((f) => f !== null);
        if (prev && hit.cs >= prev.ce && hit.cs - prev.ce <= UNNUMBERED_REACH && onlyValues(c.s.slice(prev.ce, hit.cs))) break;
        from = hit.cs + 1;
        hit = null;
      }
      // The whole label around its numbers before a short form of it printed whole after them
      // ("2.没有现成 0 … 0 信息需要另行制作": not 需要另行制作).
      if (!hit && l === spec.label) hit = findAroundValues(c, l, pos, limit, noise);
      if (hit) break;
    }
    if (!hit) for (const l of spec.aliases ?? []) if ((hit = findAroundValues(c, l, pos, limit, noise))) break;
    if (!hit) continue;
    // Found by its core words: the label as printed runs on to the next digit (a typo inside it
    // is then part of it: "其他法律行政止公开").
    if (hit.label && hit.label !== compactLabel(spec.label))
      hit = extendWord(c, hit, nextLabelAt(c, specs, i, hit.ce, to), compactLabel(spec.label).length - hit.label.length + 2, pos);
    found[i] = withNumber(c, withNote(c, hit, to), spec.num);
    if (!spec.floating) pos = found[i]!.ce;
  }
  for (let i = 0; i < specs.length; i++) {
    if (found[i]) continue;
    const spec = specs[i]!;
    let lo = from;
    for (let j = i - 1; j >= 0; j--)
      if (found[j] && !specs[j]!.floating) {
        lo = found[j]!.ce;
        break;
      }
    let hi = Math.min(to, lo + window);
    for (let j = i + 1; j < specs.length; j++)
      if (found[j] && !specs[j]!.floating) {
        hi = Math.min(hi, found[j]!.cs);
        break;
      }
    let best: Found | null = null;
    for (const l of [spec.label, ...(spec.aliases ?? [])]) {
      const budget = editBudget(l);
      if (budget === 0) continue;
      const f = findFuzzy(c, l, lo, hi, budget);
      if (f && (!best || f.edits < best.edits)) best = f;
    }
    if (best) found[i] = withNumber(c, withNote(c, best, to), spec.num);
    else if (spec.num && !spec.floating) found[i] = byNumbering(c, spec.num, lo, hi);
  }
  return found;
}

/**
 * A row the words do not find, by its numbering: the one place in [lo, hi) where a form of `num`
 * ("2." "2、" "(2)" …) stands before words. Why: printed labels-first (PDF text), a row not found
 * gave its values to the row after it (重复申请 worded otherwise: 要求提供公开出版物 took its 25,
 * sure). Only where that numbering stands once.
 */
function byNumbering(c: Compact, num: string, lo: number, hi: number): Found | null {
  const hits: { at: number; len: number }[] = [];
  for (const f of numberingForms(num)) {
    for (let k = c.s.indexOf(f, lo); k >= 0 && k + f.length < hi; k = c.s.indexOf(f, k + 1)) {
      // The numbering of words ("2.反复提出…"), not a decimal or a longer number's tail ("12.", "2.5").
      if (!/[\u4e00-\u9fff]/.test(c.s[k + f.length] ?? "") || (/^\d/.test(f) && /\d/.test(c.s[k - 1] ?? "") && !/^\d+\.$/.test(f))) continue;
      if (!hits.some((h) => h.at === k)) hits.push({ at: k, len: f.length });
    }
  }
  if (hits.length !== 1) return null;
  const { at, len } = hits[0]!;
  let ce = at + len;
  while (ce < hi && ce - at < 40 && /[\u4e00-\u9fff“”"、，,]/.test(c.s[ce]!)) ce++;
  if (ce - at - len < 2) return null;
  return { ...toFound(c, at, ce, 0), byNumber: true };
}

/** How many characters of the row's numbering, in any style ("2." "2、" "(2)" "(二)" "二、"), precede compact offset `cs` (0: none). */
export function numberedBefore(c: Compact, cs: number, num: string): number {
  return numberingForms(num).find((f) => c.s.slice(Math.max(0, cs - f.length), cs) === f)?.length ?? 0;
}

/**
 * A label printed twice before its values (a converter's "### (一) 予以公开" heading above the table
 * row "| 予以公开 | 290 | …"): the row is the last occurrence before `before`.
 */
export function lastBefore(c: Compact, f: Found, before: number, num?: string): Found {
  if (!f.label) return f;
  const again = c.s.lastIndexOf(f.label, before - f.label.length);
  if (again <= f.ce - 1 || again < f.cs) return f;
  return withNumber(c, withNote(c, { ...toFound(c, again, again + f.label.length, 0), label: f.label }, before), num);
}

/** Where the first label of a later row starts in [from, to) (a label run on without numbering
 *  stops there: "其他法律行政止公开危及“三安全一稳定”…"), else `to`. */
function nextLabelAt(c: Compact, specs: readonly LabelSpec[], i: number, from: number, to: number): number {
  const reach = Math.min(to, from + 30);
  let at = to;
  for (let j = i + 1; j < specs.length && j <= i + 4; j++) {
    for (const l of [specs[j]!.label, ...(specs[j]!.aliases ?? [])]) {
      const cl = compactLabel(l);
      if (cl.length < 3) continue;
      const k = c.s.indexOf(cl, from);
      if (k >= 0 && k < reach && k < at) at = k;
    }
  }
  return at;
}

function extendWord(c: Compact, f: Found, to: number, back: number, lo: number): Found {
  // Never over a cell's edge (a pipe or tab between two characters: "规范性文件 | | | |" then the
  // next item's "第二十条第（五）项" had been taken into a blank row's label), nor into that header.
  const edge = (k: number) => /[|\t]/.test(c.src.slice(c.at[k - 1]! + 1, c.at[k]!)) || c.s.startsWith("第二十条", k);
  let ce = f.ce;
  while (ce < to && ce - f.ce < 24 && /[\u4e00-\u9fff“”"、]/.test(c.s[ce]!) && !edge(ce)) ce++;
  // Blank cells marked 无 glued after the label are the row's cells, not its words ("规范性文件无无258"
  // had read 2 | 5 | 8, sure).
  while (ce > f.ce && /[无空]/.test(c.s[ce - 1]!)) ce--;
  // …and back to where it starts ("无正当理由大量反覆申请" found by 大量反覆申请), as far as the
  // full label is longer than the words that found it.
  let cs = f.cs;
  while (cs > lo && f.cs - cs < back && /[\u4e00-\u9fff“”"、]/.test(c.s[cs - 1]!) && !edge(cs)) cs--;
  return ce === f.ce && cs === f.cs ? f : { ...f, cs, ce, start: c.at[cs]!, end: c.at[ce - 1]! + 1 };
}

/** Extend a found label back over its printed numbering: evidence quotes "1.属于国家秘密", and the
 *  row before it never takes the "1" for a value. */
function withNumber(c: Compact, f: Found, num?: string): Found {
  // A label never starts with punctuation: a match widened back over "2、" or a fuzzy one that
  // took the 、 for an edit gives it back to the numbering.
  while (f.ce - f.cs > 1 && /[、.,:;]/.test(c.s[f.cs]!)) f = { ...f, cs: f.cs + 1, start: c.at[f.cs + 1]! };
  const len = num ? numberedBefore(c, f.cs, num) : 0;
  return len ? { ...f, cs: f.cs - len, start: c.at[f.cs - len]! } : f;
}

/** Extend a found label over a bracketed note that follows it ("(区分处理的,只计这一情形,不计其他情形)"). */
function withNote(c: Compact, f: Found, to: number): Found {
  if (c.s[f.ce] !== "(") return f;
  const close = c.s.indexOf(")", f.ce);
  if (close < 0 || close >= to || close - f.ce > 60) return f;
  const inner = c.s.slice(f.ce + 1, close);
  if ((inner.match(/[\u4e00-\u9fff]/g)?.length ?? 0) < 2) return f;
  // A PDF centres the row's values on the middle line of a label wrapped over three: "(区分处理的,
  // 只计这一情形,不" / "29 0 0 0 0 0 29" / "计其他情形)". The note stops where the values start; what
  // follows them is the note's rest, not a row.
  // (A number the note itself states has its unit after it: "(相同信息计1条)".)
  const values = /\d[\d.]*/.exec(inner);
  if (values && !UNIT_AFTER.test(inner.slice(values.index + values[0].length))) {
    const cut = f.ce + 1 + values.index;
    return cut - f.ce > 2 ? { ...f, ce: cut, end: c.at[cut - 1]! + 1 } : f;
  }
  return { ...f, ce: close + 1, end: c.at[close]! + 1 };
}
