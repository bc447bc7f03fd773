// The tables of the 2019 and 2021 templates: 表二 (第二十条), 表三 (applications, 7 applicant
// columns) and 表四 (行政复议/行政诉讼, 15 columns). Cells may come one per line row by row
// (web pages), or, from PDF text extraction, all the row labels first and then the values COLUMN
// by column, with page numbers and split header cells in between. The reading order of a block is
// decided by the template's own identities (总计 = sum of the applicant columns), not by layout.
import type { Figure, ReportWarning, Template } from "../domain.js";
import { cellsOf, compact } from "./cells.js";
import { OTHER_PARTS, STAT_RULES } from "./checks.js";
import { evidenceOf } from "./evidence.js";
import { metricDef } from "./metrics.js";
import { digitSplits, isBlankCell, parseCellNumber } from "./numbers.js";
import {
  APPLICANT_COLUMNS, APPLICATION_ROWS, ART20_2019_HEADERS, ART20_2021_HEADERS, ART20_ROWS, ART20_UNITS, REVIEW_COLUMNS,
  type ApplicationRow,
} from "./template.js";

export interface GbfSpans {
  art20?: { start: number; end: number };
  applications?: { start: number; end: number };
  review?: { start: number; end: number };
}

// Headings may be numbered 二、 / (二) / 2. or not at all.
const NUM = String.raw`(?:[一二三四五六七八九十]{1,2}[、.]|\([一二三四五六七八九十]{1,2}\)|\d{1,2}[、.])?`;
const H_ART20 = new RegExp(String.raw`^${NUM}主动公开政府信息(?:的)?情况$`);
const H_APPS = new RegExp(String.raw`^${NUM}收到和处理政府信息公开申请(?:的)?情况$`);
const H_REVIEW = new RegExp(String.raw`^${NUM}(?:因)?政府信息公开(?:工作)?(?:被申请)?行政复议[、和及,]?(?:提起)?行政诉讼(?:的)?情况$`);
const H_NEXT = /^(?:五[、.]|\(五\)|5[、.])|^(?:政府信息公开工作)?存在的?主要问题/;

/** Locate the three tables by their headings (a heading may end a line of prose: 西湖区 2019). */
export function findGbfTables(lines: readonly string[]): GbfSpans {
  let art20 = -1;
  let apps = -1;
  let review = -1;
  let next = -1;
  // A heading counts only when its table follows: "(一)主动公开政府信息情况" is also a sub-heading
  // of 一、总体情况 in many reports.
  const followedBy = (i: number, re: RegExp, within: number) => {
    let seen = 0;
    for (let j = i + 1; j < lines.length && seen < within; j++) {
      const c = compact(lines[j]!);
      if (!c) continue;
      seen++;
      if (re.test(c)) return true;
    }
    return false;
  };
  for (let i = 0; i < lines.length; i++) {
    const c = compact(lines[i]!);
    if (!c) continue;
    const tail = c.length > 40 ? c.slice(-24) : c;
    if (art20 < 0 && (H_ART20.test(c) || /二、主动公开政府信息情况$/.test(tail)) && followedBy(i, /第二十条/, 6)) art20 = i;
    else if (apps < 0 && H_APPS.test(c) && followedBy(i, /本年新收|申请人情况|勾稽|自然人|法人或其他组织/, 12)) apps = i;
    else if (review < 0 && apps >= 0 && (H_REVIEW.test(c) || (/^四[、.]/.test(c) && /行政复议/.test(c) && c.length < 40)) && followedBy(i, /复议|诉讼|结果|维持|纠正|审结|^\d/, 12)) review = i;
    else if (review >= 0 && next < 0 && H_NEXT.test(c)) next = i;
  }
  // No heading over 表三 / 表四 (a table pasted without its title): find them by their rows.
  if (apps < 0) {
    const first = lines.findIndex((l) => /本年新收政府信息公开申请/.test(compact(l)));
    if (first >= 0) apps = Math.max(0, first - 1 - lines.slice(Math.max(0, first - 30), first).filter((l) => /申请人情况|自然人|法人或其他组织|勾稽/.test(l)).length);
  }
  if (review < 0 && apps >= 0) {
    const col = lines.findIndex((l, i) => i > apps && /未经复议直接起诉|复议后起诉/.test(compact(l)));
    if (col >= 0) {
      review = col;
      while (review > apps + 1 && /行政复议|行政诉讼|结果|维持|纠正|审结|总计/.test(compact(lines[review - 1]!)) && compact(lines[review - 1]!).length < 30) review--;
      review--;
      if (next < 0 || next < review) next = lines.findIndex((l, i) => i > col && H_NEXT.test(compact(l)));
    }
  }
  // Without the 第二十条 marker the 主动公开 heading is just prose.
  const spans: GbfSpans = {};
  if (art20 >= 0) {
    const end = apps >= 0 ? apps : Math.min(lines.length, art20 + 120);
    if (lines.slice(art20, end).some((l) => /第二十条/.test(l))) spans.art20 = { start: art20, end };
  }
  if (apps >= 0) spans.applications = { start: apps, end: review >= 0 ? review : Math.min(lines.length, apps + 400) };
  if (review >= 0) spans.review = { start: review, end: next >= 0 ? next : Math.min(lines.length, review + 80) };
  return spans;
}

/** 2019 or 2021, from the column headers of 表二 and the rows of 表三. */
export function detectGeneration(lines: readonly string[], spans: GbfSpans): "gbf2019" | "gbf2021" | null {
  const text = (s?: { start: number; end: number }) => (s ? compact(lines.slice(s.start, s.end).join("")) : "");
  const t2 = text(spans.art20);
  if (ART20_2021_HEADERS.test(t2)) return "gbf2021";
  if (ART20_2019_HEADERS.test(t2)) return "gbf2019";
  const t3 = text(spans.applications);
  if (/逾期不补正|逾期未按收费/.test(t3)) return "gbf2021";
  if (t3 || t2) return "gbf2019";
  return null;
}

interface Token {
  kind: "label" | "number";
  key?: string;
  value?: number | null;
  unit?: string;
  line: number;
  /** The cell's digits as printed, when it was a bare digit run (a glued row keeps its leading zeros). */
  raw?: string;
}

// ── 表三 ──────────────────────────────────────────────────────────────────────────────────────

function appTokens(lines: readonly string[], span: { start: number; end: number }): Token[] {
  const tokens: Token[] = [];
  let started = false;
  const cells = cellsOf(lines, span.start + 1, span.end);
  // A header row repeated inside the table ("| 项目 | 本年新收件数 | 上年结转件数 | 予以公开 | …"):
  // several row labels on one pipe line and no number. Its labels are column titles, not rows.
  const headerLines = new Set<number>();
  const perLine = new Map<number, { labels: number; numbers: number }>();
  for (const c of cells) {
    if (!/\|/.test(lines[c.line]!)) continue;
    const e = perLine.get(c.line) ?? { labels: 0, numbers: 0 };
    const t = compact(c.text);
    if (parseCellNumber(t)) e.numbers++;
    else if (matchAppRows(t).length) e.labels++;
    perLine.set(c.line, e);
  }
  for (const [line, e] of perLine) if (e.labels >= 2 && e.numbers === 0) headerLines.add(line);
  for (const cell of cells) {
    if (headerLines.has(cell.line)) continue;
    const t = compact(cell.text);
    const num = parseCellNumber(t);
    if (num) {
      if (started) tokens.push({ kind: "number", value: num.value, line: cell.line, ...(/^\d+$/.test(t) ? { raw: t } : {}) });
      continue;
    }
    if (t === "") {
      // Only a pipe layout marks a blank cell; blank lines elsewhere are just spacing.
      if (started && /\|/.test(lines[cell.line]!)) tokens.push({ kind: "number", value: null, line: cell.line });
      continue;
    }
    if (isBlankCell(t)) {
      if (started) tokens.push({ kind: "number", value: null, line: cell.line });
      continue;
    }
    for (const row of matchAppRows(t)) {
      started = true;
      tokens.push({ kind: "label", key: row.key, line: cell.line });
    }
  }
  return tokens;
}

/** Row labels in one cell, in order (a PDF line may hold two: "(四)无法提供 1.本机关不掌握…"). */
function matchAppRows(t: string): ApplicationRow[] {
  if (t.length > 120) return [];
  const parts = t.split(/(?=\([一二三四五六七]\))|(?=(?<![\d.])[1-8][.、](?!\d))/).filter(Boolean);
  const out: ApplicationRow[] = [];
  for (const p of parts.length > 1 ? parts : [t]) {
    const row = APPLICATION_ROWS.find((r) => r.pattern.test(p));
    if (row && !out.includes(row)) out.push(row);
  }
  return out;
}

export interface AppTableResult {
  figures: Figure[];
  warnings: ReportWarning[];
  /** Rows read, key → 7 values (or fewer when the table had fewer columns). */
  rows: Map<string, (number | null)[]>;
}

/** Parse 表三. */
export function parseApplications(lines: readonly string[], original: readonly string[], span: { start: number; end: number }, generation: Template): AppTableResult {
  const tokens = appTokens(lines, span);
  const warnings: ReportWarning[] = [];
  const keysSeen = new Set(tokens.filter((t) => t.kind === "label").map((t) => t.key!));
  const otherIsHeader = keysSeen.has("other.no_correction") || keysSeen.has("other.fee_unpaid");

  // Segments: a run of labels followed by a run of numbers.
  interface Segment { labels: Token[]; numbers: Token[] }
  const segments: Segment[] = [];
  let seg: Segment | null = null;
  for (const tok of tokens) {
    if (tok.kind === "label") {
      if (!seg || seg.numbers.length > 0) segments.push((seg = { labels: [], numbers: [] }));
      if (!seg.labels.some((l) => l.key === tok.key)) seg.labels.push(tok);
    } else if (seg) seg.numbers.push(tok);
  }

  const rows = new Map<string, (number | null)[]>();
  const rowLines = new Map<string, { label: number; values: number[] }>();
  let uncertain = false;
  let width: number = APPLICANT_COLUMNS.length;
  // A table of totals only (one value per row) is rare but real.
  if (segments.length > 2 && segments.every((s) => s.numbers.length === valueRows(s, otherIsHeader).length)) width = 1;

  // Which reading fits the identities: row- or column-major, and where the 总计 column is (PDF
  // extraction sometimes puts 总计 before 其他). Scored per segment, summed for the whole table.
  const readings: Reading[] = [];
  for (const columnMajor of [true, false]) for (const totalAt of [6, 5]) readings.push({ columnMajor, totalAt });
  const planned = segments.map((s) => {
    let labels = valueRows(s, otherIsHeader);
    const n = s.numbers.length;
    // Some reports print subtotals on the group headings ((三)不予公开 …): then they are rows too.
    if (n !== labels.length * width && n === s.labels.length * width) labels = s.labels;
    const scores = readings.map((r) => (width === 7 ? identityScore(labels.length, s.numbers, r) : 0));
    return { s, labels, scores };
  });
  const tableScores = readings.map((_, i) => planned.reduce((sum, p) => sum + p.scores[i]!, 0));
  const tableBest = tableScores.indexOf(Math.max(...tableScores));

  const glued: { label: Token; token: Token; warning: ReportWarning }[] = [];
  for (const { s, labels, scores } of planned) {
    const n = s.numbers.length;
    if (labels.length === 0 || n === 0) continue;
    // A row printed with its six applicant columns and a blank 总计 (上海 2019 left them empty):
    // the blank is kept as blank, and the sum of the six is given beside it as derived.
    if (width === 7 && labels.length === 1 && n === 6) {
      const l = labels[0]!;
      rows.set(l.key!, [...s.numbers.map((t) => t.value ?? null), null]);
      rowLines.set(l.key!, { label: l.line, values: [...s.numbers.map((t) => t.line), s.numbers[5]!.line] });
      continue;
    }
    if (n !== labels.length * width) {
      const warning: ReportWarning = {
        code: "TABLE_SHAPE",
        metrics: labels.map((l) => APPLICATION_ROWS.find((r) => r.key === l.key)!.metric),
        message: `表三有一段 ${labels.length} 行却有 ${n} 个数值（应为 ${labels.length * width} 个），这一段未读取。`,
        evidence: [evidenceOf(original, s.labels[0]!.line, s.numbers[n - 1]!.line)],
      };
      // One row, one long digit run: the seven cells ran together. Tried once the other rows are read.
      if (width === 7 && labels.length === 1 && n === 1 && (s.numbers[0]!.raw?.length ?? 0) >= 7) {
        glued.push({ label: labels[0]!, token: s.numbers[0]!, warning });
      } else warnings.push(warning);
      continue;
    }
    const L = labels.length;
    let reading: Reading = { columnMajor: false, totalAt: 6 };
    if (width === 7) {
      const best = Math.max(...scores);
      const candidates = readings.filter((_, i) => scores[i] === best);
      // Prefer the table-wide reading, then the plain one; a tie between readings that give
      // different numbers is a guess and is said so.
      reading = candidates.includes(readings[tableBest]!) && tableScores[tableBest]! > 0 ? readings[tableBest]! : L === 1 ? { columnMajor: false, totalAt: 6 } : candidates[0]!;
      if (L > 1 && best === 0 && tableScores[tableBest] === 0) {
        const distinct = new Set(candidates.map((r) => JSON.stringify(read(L, s.numbers, r).map((row) => row.map((t) => t.value)))));
        if (distinct.size > 1) uncertain = true;
      }
    }
    const matrix = width === 7 ? read(L, s.numbers, reading) : labels.map((_, r) => [s.numbers[r]!]);
    labels.forEach((l, r) => {
      rows.set(l.key!, matrix[r]!.map((t) => t.value ?? null));
      rowLines.set(l.key!, { label: l.line, values: matrix[r]!.map((t) => t.line) });
    });
  }
  const splitNotes = splitGluedRows(glued, rows, rowLines, warnings);
  if (uncertain) {
    warnings.push({
      code: "ORIENTATION_GUESSED",
      metrics: [],
      message: "表三的数值无法用勾稽关系确定按行还是按列排列，已按PDF常见的按列顺序读取，请核对原表。",
    });
  }

  const figures: Figure[] = [];
  for (const [key, vals] of rows) {
    const row = APPLICATION_ROWS.find((r) => r.key === key)!;
    const unit = metricDef(row.metric)?.unit ?? "件";
    const lines = rowLines.get(key)!;
    // 总计 blank (printed so, or the cell missing): the six columns' sum beside it, as derived.
    if (width === 7 && vals[6] === null && vals.slice(0, 6).some((v) => v !== null)) {
      figures.push({
        metric: row.metric,
        value: vals.slice(0, 6).reduce<number>((a, v) => a + (v ?? 0), 0),
        unit,
        source: "derived",
        evidence: evidenceOf(original, lines.label, Math.max(...lines.values)),
        certain: true,
        note: "表中总计栏空白，此为六类申请人之和",
      });
    }
    vals.forEach((v, c) => {
      const col = width === 1 ? "total" : APPLICANT_COLUMNS[c]!;
      const contiguous = Math.max(...lines.values) - lines.label < 12;
      const evidence = contiguous
        ? evidenceOf(original, lines.label, Math.max(...lines.values))
        : evidenceOf(original, lines.label, lines.values[c]!, [lines.label, lines.values[c]!]);
      figures.push({
        metric: row.metric,
        ...(col === "total" ? {} : { slice: col }),
        value: v,
        unit,
        source: "table",
        evidence,
        certain: !uncertain,
        ...(uncertain ? { note: "PDF表格读取顺序未经勾稽关系确认" } : splitNotes.has(key) ? { note: splitNotes.get(key)! } : {}),
      });
    });
  }
  void generation;
  return { figures, warnings, rows };
}

/** 表三's identities, per column, as signed sums that must be zero. */
const APP_IDENTITIES: { metric: string; sign: 1 | -1 }[][] = [
  // 一 + 二 = 三(七) + 四
  [["requests.received", 1], ["requests.carried_over", 1], ["requests.result.total", -1], ["requests.carried_forward", -1]],
  // (七)总计 = every outcome row
  [["requests.result.total", 1], ...STAT_RULES.find((r) => r.total === "requests.result.total")!.parts.map((m) => [m, -1] as [string, -1])],
].map((terms) => terms.map(([metric, sign]) => ({ metric: metric as string, sign: sign as 1 | -1 })));

/**
 * A 表三 row printed as one digit run ("予以公开 29010030294": 290|1|0|0|3|0|294 with the separators
 * lost). Of its readings, keep those where the six applicant columns add up to 总计 and, where the
 * other rows are read, the column identities hold; exactly one left is the row, anything else stays
 * unread with the original warning.
 */
function splitGluedRows(
  glued: { label: Token; token: Token; warning: ReportWarning }[],
  rows: Map<string, (number | null)[]>,
  rowLines: Map<string, { label: number; values: number[] }>,
  warnings: ReportWarning[],
): Map<string, string> {
  const notes = new Map<string, string>();
  const byMetric = () => {
    const m = new Map<string, (number | null)[]>();
    for (const [key, vals] of rows) if (vals.length === 7) m.set(APPLICATION_ROWS.find((r) => r.key === key)!.metric, vals);
    // 2021 splits (六)其他处理 in three; the identities name the single row.
    const other = OTHER_PARTS.map((id) => m.get(id));
    if (!m.has("requests.result.other") && other.every(Boolean)) {
      m.set("requests.result.other", [0, 1, 2, 3, 4, 5, 6].map((c) => other.reduce((a, v) => a + (v![c] ?? 0), 0)));
    }
    return m;
  };
  let pending = glued;
  for (let progress = true; progress && pending.length > 0; ) {
    progress = false;
    const known = byMetric();
    pending = pending.filter(({ label, token }) => {
      const metric = APPLICATION_ROWS.find((r) => r.key === label.key)!.metric;
      let fits = digitSplits(token.raw!, 7).filter((v) => v.slice(0, 6).reduce((a, b) => a + b, 0) === v[6]);
      const applicable = APP_IDENTITIES.filter((id) => id.some((t) => t.metric === metric) && id.every((t) => t.metric === metric || known.has(t.metric)));
      fits = fits.filter((v) => applicable.every((id) => [0, 1, 2, 3, 4, 5, 6].every((c) =>
        id.reduce((a, t) => a + t.sign * (t.metric === metric ? v[c]! : known.get(t.metric)![c] ?? 0), 0) === 0)));
      if (fits.length !== 1) return true;
      rows.set(label.key!, fits[0]!);
      rowLines.set(label.key!, { label: label.line, values: fits[0]!.map(() => token.line) });
      notes.set(label.key!, `原文数字连在一起（${token.raw}），按勾稽关系拆分为 ${fits[0]!.join(" | ")}`);
      progress = true;
      return false;
    });
  }
  for (const g of pending) warnings.push({ ...g.warning, message: `${g.warning.message.replace(/，这一段未读取。$/, "")}：数字连在一起（${g.token.raw}），无法确定如何分到7列，未读取。` });
  return notes;
}

/** The labels of a segment that carry values: group headings are dropped. */
function valueRows(s: { labels: Token[] }, otherIsHeader: boolean): Token[] {
  return s.labels.filter((l) => {
    const row = APPLICATION_ROWS.find((r) => r.key === l.key)!;
    if (row.header) return false;
    if (row.key === "other" && otherIsHeader) return false;
    return true;
  });
}

interface Reading {
  columnMajor: boolean;
  /** Index of the 总计 column in the printed order (6 normally; 5 when PDF text put it before 其他). */
  totalAt: number;
}

/** The segment's numbers as rows of 7 in template order (six applicant columns, then 总计). */
function read(rows: number, numbers: Token[], r: Reading): Token[][] {
  const out: Token[][] = [];
  for (let i = 0; i < rows; i++) {
    const printed: Token[] = [];
    for (let c = 0; c < 7; c++) printed.push(r.columnMajor ? numbers[c * rows + i]! : numbers[i * 7 + c]!);
    const total = printed[r.totalAt]!;
    const others = printed.filter((_, c) => c !== r.totalAt);
    out.push([...others, total]);
  }
  return out;
}

/** How many rows satisfy 总计 = sum of the six applicant columns (rows of zeros don't count). */
function identityScore(rows: number, numbers: Token[], r: Reading): number {
  if (numbers.length !== rows * 7) return 0;
  let score = 0;
  for (const row of read(rows, numbers, r)) {
    const parts = row.slice(0, 6).map((t) => t.value ?? 0);
    const sum = parts.reduce((a, b) => a + b, 0);
    if (parts.some((v) => v !== 0) && Math.abs(sum - (row[6]!.value ?? 0)) < 1e-6) score++;
  }
  return score;
}

// ── 表四 ──────────────────────────────────────────────────────────────────────────────────────

/**
 * 表四 read short because cells ran together ("| 2710915 | 61 |" for 27 | 10 | 9 | 15 | 61). Each of
 * the three groups must satisfy 维持 + 纠正 + 其他 + 尚未审结 = 总计; when exactly one way of cutting one
 * digit run gives 15 values that do, that is the row. Otherwise null (the table stays unread).
 */
interface ReviewValue {
  value: number | null;
  line: number;
  /** The digits as printed, when the cell was a run of two or more. */
  raw?: string;
  /** Cut out of a run by `splitReviewRun`. */
  split?: boolean;
}

function splitReviewRun(values: ReviewValue[]): { values: ReviewValue[]; note: string } | null {
  const missing = 15 - values.length;
  const holds = (v: (number | null)[]) =>
    [0, 1, 2].every((g) => v.slice(g * 5, g * 5 + 4).reduce<number>((a, x) => a + (x ?? 0), 0) === (v[g * 5 + 4] ?? 0));
  const found = new Map<string, { values: typeof values; note: string }>();
  values.forEach((run, i) => {
    if (!run.raw) return;
    for (const parts of digitSplits(run.raw, missing + 1)) {
      const next = [...values.slice(0, i), ...parts.map((value) => ({ value, line: run.line, split: true })), ...values.slice(i + 1)];
      if (holds(next.map((x) => x.value))) found.set(JSON.stringify(next.map((x) => x.value)), { values: next, note: `原文数字连在一起（${run.raw}），按勾稽关系拆分为 ${parts.join(" | ")}` });
    }
  });
  return found.size === 1 ? [...found.values()][0]! : null;
}

export interface ReviewTableResult {
  figures: Figure[];
  warnings: ReportWarning[];
}

/** Parse 表四: one row of 15 numbers (复议 5, 未经复议直接起诉 5, 复议后起诉 5). */
export function parseReviewTable(lines: readonly string[], original: readonly string[], span: { start: number; end: number }): ReviewTableResult {
  let values: ReviewValue[] = [];
  for (const cell of cellsOf(lines, span.start + 1, span.end)) {
    const t = compact(cell.text);
    const num = parseCellNumber(t);
    if (num) values.push({ value: num.value, line: cell.line, ...(/^\d{2,}$/.test(t) ? { raw: t } : {}) });
    else if (t === "" && /\|/.test(lines[cell.line]!) && values.length > 0) values.push({ value: null, line: cell.line });
    else if (t === "" && /\|/.test(lines[cell.line]!) && /^\s*\|/.test(lines[cell.line]!)) values.push({ value: null, line: cell.line });
  }
  // Trailing blanks after the row are layout, not cells.
  while (values.length > 15 && values[values.length - 1]!.value === null) values.pop();
  const warnings: ReportWarning[] = [];
  const split = values.length < 15 ? splitReviewRun(values) : null;
  if (split) values = split.values;
  if (values.length !== 15) {
    warnings.push({
      code: "TABLE_SHAPE",
      metrics: [...REVIEW_COLUMNS],
      message: `表四（行政复议、行政诉讼）应有15个数值，读到${values.length}个，未读取；请以原文为准。`,
      evidence: values.length ? [evidenceOf(original, span.start, values[values.length - 1]!.line)] : undefined,
    });
    return { figures: [], warnings };
  }
  const last = values[14]!.line;
  // The row as printed, after the table's heading (the 15 leaf columns repeat 结果维持 … 总计).
  const valueLines = [...new Set(values.map((v) => v.line))];
  const evidence = evidenceOf(original, span.start, last, [span.start, ...valueLines]);
  const figures: Figure[] = values.map((v, i) => ({
    metric: REVIEW_COLUMNS[i]!,
    value: v.value,
    unit: "件",
    source: "table",
    evidence,
    certain: true,
    ...(split && v.split ? { note: split.note } : {}),
  }));
  // 行政诉讼 as users mean it: 未经复议直接起诉 + 复议后起诉, per outcome.
  for (const part of ["upheld", "corrected", "other", "pending", "total"]) {
    const a = figures.find((f) => f.metric === `litigation.direct.${part}`)!;
    const b = figures.find((f) => f.metric === `litigation.after_review.${part}`)!;
    if (a.value === null && b.value === null) continue;
    figures.push({
      metric: `litigation.${part}`,
      value: (a.value ?? 0) + (b.value ?? 0),
      unit: "件",
      source: "derived",
      evidence: a.evidence,
      certain: a.value !== null && b.value !== null,
      note: `未经复议直接起诉 ${a.value ?? "空"} + 复议后起诉 ${b.value ?? "空"}`,
    });
  }
  return { figures, warnings };
}

// ── 表二 第二十条 ─────────────────────────────────────────────────────────────────────────────

export interface Art20Result {
  figures: Figure[];
  warnings: ReportWarning[];
}

/** Parse 表二. Row labels then their values, row by row or (PDF) a group's labels then its columns. */
export function parseArt20(lines: readonly string[], original: readonly string[], span: { start: number; end: number }, generation: "gbf2019" | "gbf2021"): Art20Result {
  const figures: Figure[] = [];
  const warnings: ReportWarning[] = [];
  const pending: { key: string; line: number }[] = [];
  const numbers: { value: number | null; unit?: string; line: number }[] = [];
  const colsOf = (key: string) => {
    const row = ART20_ROWS.find((r) => r.key === key)!;
    return (generation === "gbf2021" ? row.cols2021 : row.cols2019) ?? [];
  };
  const groupOf = (key: string) => ART20_ROWS.find((r) => r.key === key)!.group;

  const flush = () => {
    // Assign buffered numbers to the pending rows of the first pending group, as far as they go.
    while (pending.length > 0) {
      const group = groupOf(pending[0]!.key);
      const rowsInGroup = pending.filter((p) => groupOf(p.key) === group);
      // Rows of one group waiting together were printed labels-first: their values come column by column.
      const width = colsOf(rowsInGroup[0]!.key).length;
      if (width === 0) {
        pending.splice(pending.indexOf(rowsInGroup[0]!), 1);
        continue;
      }
      const need = rowsInGroup.length * width;
      if (numbers.length < need) return;
      const take = numbers.splice(0, need);
      const columnMajor = rowsInGroup.length > 1;
      let uncertain = false;
      if (columnMajor && width > 1) {
        const asRows = rowsInGroup.map((_, r) => take.slice(r * width, r * width + width).map((x) => x.value));
        const asCols = rowsInGroup.map((_, r) => Array.from({ length: width }, (_, c) => take[c * rowsInGroup.length + r]!.value));
        // 2021 (一): documents issued this year are still in force at its end (现行有效 ≥ 本年制发).
        const plausible = (m: (number | null)[][]) => m.filter((r) => generation !== "gbf2021" || (r[2] ?? 0) >= (r[0] ?? 0)).length;
        uncertain = JSON.stringify(asRows) !== JSON.stringify(asCols) && plausible(asCols) === plausible(asRows);
        if (plausible(asRows) > plausible(asCols)) {
          assign(rowsInGroup, take, width, false, false);
          for (const r of rowsInGroup) pending.splice(pending.indexOf(r), 1);
          continue;
        }
      }
      assign(rowsInGroup, take, width, columnMajor, uncertain);
      for (const r of rowsInGroup) pending.splice(pending.indexOf(r), 1);
    }
  };

  const assign = (rows: { key: string; line: number }[], take: typeof numbers, width: number, columnMajor: boolean, uncertain: boolean) => {
    rows.forEach((row, r) => {
      const cols = colsOf(row.key);
      const cells = Array.from({ length: width }, (_, c) => (columnMajor ? take[c * rows.length + r]! : take[r * width + c]!));
      const valueLines = cells.map((c) => c.line);
      const last = Math.max(row.line, ...valueLines);
      // Quote the label with its own values: the whole row when it is printed together, else the
      // label line and the lines its values were read from.
      const evidence = !columnMajor && last - row.line < 12
        ? evidenceOf(original, row.line, last)
        : evidenceOf(original, row.line, last, [row.line, ...valueLines]);
      cells.forEach((cell, c) => {
        const col = cols[c]!;
        figures.push({
          metric: `art20.${row.key}.${col}`,
          value: cell.value,
          unit: cell.unit ?? ART20_UNITS[col] ?? "",
          source: "table",
          evidence,
          certain: !uncertain,
          ...(uncertain ? { note: "PDF表格按列读取，行列顺序未经核验" } : {}),
        });
      });
    });
    if (uncertain) {
      warnings.push({
        code: "ORIENTATION_GUESSED",
        metrics: rows.flatMap((row) => colsOf(row.key).map((c) => `art20.${row.key}.${c}`)),
        message: `第二十条表（${rows.map((r) => labelOf(r.key)).join("、")}）的数值按PDF常见的按列顺序读取，无法用勾稽关系核验。`,
      });
    }
  };

  const cells = cellsOf(lines, span.start + 1, span.end);
  // A row printed on one line with its values (pipes, or label and numbers on one PDF line) owns
  // exactly the numbers on that line. Fewer than its columns ("| 行政规范性文件 | 6132 |": the cells
  // ran together, or some were lost) must not pull the next rows' values up into it.
  const shortLines = new Set<number>();
  {
    const perLine = new Map<number, { key?: string; numbers: string[] }>();
    for (const cell of cells) {
      const t = compact(cell.text);
      const e = perLine.get(cell.line) ?? { numbers: [] };
      if (parseCellNumber(t) || (t !== "" && isBlankCell(t))) e.numbers.push(t);
      else if (!e.key) e.key = ART20_ROWS.find((r) => r.pattern.test(t))?.key;
      perLine.set(cell.line, e);
    }
    for (const [line, e] of perLine) {
      const width = e.key ? colsOf(e.key).length : 0;
      if (!e.key || e.numbers.length === 0 || e.numbers.length >= width) continue;
      shortLines.add(line);
      const glued = e.numbers.length === 1 && /^\d{3,}$/.test(e.numbers[0]!) ? `（“${e.numbers[0]}”像是${width}个数字连在一起）` : "";
      warnings.push({
        code: "TABLE_SHAPE",
        metrics: colsOf(e.key).map((c) => `art20.${e.key}.${c}`),
        message: `第二十条表“${labelOf(e.key)}”一行只有${e.numbers.length}个数值，应为${width}个${glued}，未读取。`,
        evidence: [evidenceOf(original, line)],
      });
    }
  }
  for (const cell of cells) {
    if (shortLines.has(cell.line)) continue;
    const t = compact(cell.text);
    const num = parseCellNumber(t);
    if (num) {
      if (pending.length > 0) numbers.push({ value: num.value, unit: num.unit, line: cell.line });
      flush();
      continue;
    }
    if (pending.length > 0 && t !== "" && isBlankCell(t)) {
      numbers.push({ value: null, line: cell.line });
      flush();
      continue;
    }
    const row = ART20_ROWS.find((r) => r.pattern.test(t));
    if (row && colsOf(row.key).length > 0 && !pending.some((p) => p.key === row.key) && !figures.some((f) => f.metric.startsWith(`art20.${row.key}.`))) {
      pending.push({ key: row.key, line: cell.line });
    }
  }
  if (pending.length > 0) {
    warnings.push({
      code: "TABLE_SHAPE",
      metrics: pending.flatMap((p) => colsOf(p.key).map((c) => `art20.${p.key}.${c}`)),
      message: `第二十条表中 ${pending.map((p) => labelOf(p.key)).join("、")} 的数值不全，未读取。`,
    });
  }
  return { figures, warnings };
}

function labelOf(key: string): string {
  return ({ rules: "规章", normative_docs: "规范性文件", licensing: "行政许可", other_services: "其他对外管理服务事项", penalty: "行政处罚", coercion: "行政强制", fees: "行政事业性收费", procurement: "政府集中采购" } as Record<string, string>)[key] ?? key;
}
