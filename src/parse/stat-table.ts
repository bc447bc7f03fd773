// The pre-2019 统计表: 统计指标 | 单位 | 统计数, one value column or several (a city summary with
// 市政府 | 市直单位 | 县区政府 | 县、区直属单位 | 乡镇政府 and a 序号 column).
import type { Figure, ReportWarning } from "../domain.js";
import { cellsOf, compact, type Cell } from "./cells.js";
import { STAT_RULES } from "./checks.js";
import { evidenceOf } from "./evidence.js";
import { metricDef } from "./metrics.js";
import { digitSplits, isBlankCell, isUnitCell, parseCellNumber } from "./numbers.js";
import { CHINESE_ORDINAL, STAT2016_ROWS, STAT_SECTION } from "./template.js";

export interface StatTableResult {
  figures: Figure[];
  warnings: ReportWarning[];
  /** Lines the table occupies [start, end), excluded from the narrative. */
  start: number;
  end: number;
  /** Named value columns, when there are several. */
  columns: string[];
}

const HEADER = /统计指标|^指标(?:名称)?(?:\||单位|$)|^项目\|?单位\|?(?:统计数|数量)/;
const END = /^(?:单位负责人|审核人|填报人|填报日期|联系电话)/;
const HEADER_WORDS = new Set(["统计指标", "单位", "统计数", "序号", "计量单位", "指标名称", "项目", "数量", "备注"]);
const HAS_CJK = /[\u4e00-\u9fff]/;

/** Find the 统计表: its header line, or its first section "一、主动公开情况" followed by a unit or value. */
export function findStatTable(lines: readonly string[]): { start: number; end: number } | null {
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const c = compact(lines[i]!);
    if (c.length < 40 && HEADER.test(c)) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    for (let i = 0; i < lines.length; i++) {
      const c = compact(lines[i]!);
      if (/^一、主动公开(?:政府信息)?情况/.test(c) && c.length < 60) {
        const next = cellsOf(lines, i, i + 4).slice(1, 4);
        if (next.some((x) => isUnitCell(x.text) || isBlankCell(x.text) || parseCellNumber(x.text))) {
          start = i;
          break;
        }
        if (/\|/.test(lines[i]!)) {
          start = i;
          break;
        }
      }
    }
  }
  if (start < 0) return null;
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    if (END.test(compact(lines[i]!))) {
      end = i;
      break;
    }
  }
  return { start, end };
}

interface Row {
  label: string;
  line: number;
  lastLine: number;
  unit?: string;
  values: (number | null)[];
  /** A cell held label, unit and digits run together ("主动公开信息数条4251516"). */
  runTogether?: string;
  /** The unit cell was "——": a heading row, whatever number follows is a subtotal we don't keep. */
  heading?: boolean;
}

/** Strip numbering and notes from a printed label: "(一)主动公开政府信息数 (不同…计1条)" → "主动公开政府信息数". */
export function cleanLabel(label: string): string {
  return compact(label)
    .replace(/^(?:其中[:：]?)/, "")
    .replace(/^(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\)|\d{1,2}[.、．])/, "")
    .replace(/^(?:其中[:：]?)/, "")
    .replace(/\([^)]*\)$/, "")
    .replace(/[:：]$/, "");
}

/** Parse the 统计表 found by `findStatTable`. */
export function parseStatTable(lines: readonly string[], original: readonly string[], span: { start: number; end: number }): StatTableResult {
  const cells = cellsOf(lines, span.start, span.end);
  const warnings: ReportWarning[] = [];

  // Header: the cells before the first row label name the value columns.
  let i = 0;
  const columns: string[] = [];
  for (; i < cells.length; i++) {
    const t = compact(cells[i]!.text);
    if (STAT_SECTION.test(t) || isRowLabel(t)) break;
    if (!t || HEADER_WORDS.has(t) || parseCellNumber(t) || !HAS_CJK.test(t) || /年度|盖章|填报/.test(t)) continue;
    columns.push(t.replace(/、/g, ""));
  }
  const k = Math.max(1, columns.length);

  const rows: Row[] = [];
  let row: Row | null = null;
  for (; i < cells.length; i++) {
    const cell = cells[i]!;
    const t = compact(cell.text);
    if (t === "") {
      if (row && !row.runTogether && row.values.length < k) row.values.push(null), (row.lastLine = cell.line);
      continue;
    }
    const num = parseCellNumber(t);
    if (num) {
      // A glued row already holds its digits: what follows is the next row's 序号.
      if (row && !row.runTogether && row.values.length < k) {
        row.values.push(num.value);
        row.lastLine = cell.line;
        if (num.unit && !row.unit) row.unit = num.unit;
      }
      continue; // a 序号 cell, or a value beyond the table's columns
    }
    if (isUnitCell(t)) {
      if (row && row.values.length === 0) row.unit = t;
      continue;
    }
    if (isBlankCell(t)) {
      if (row && row.values.length === 0) row.heading = true; // "——": a heading row
      continue;
    }
    if (HAS_CJK.test(t) && t.length >= 3) {
      row = { label: t, line: cell.line, lastLine: cell.line, values: [] };
      // Up to 60 digits: five columns of four digits glued is 20, and a run too long to be one value
      // must still be recognised as glued, or the 序号 after it would be read as the row's value.
      const glued = /^(.*?[\u4e00-\u9fff)])(万元|人次|件|条|次|篇|个|人|元)?(\d{1,60}(?:\.\d+)?)$/.exec(t);
      if (glued && glued[1]!.length >= 3) {
        row.label = glued[1]!;
        row.unit = glued[2];
        if (k === 1 && glued[3]!.length <= 15) row.values.push(Number(glued[3]));
        else row.runTogether = glued[3];
      }
      rows.push(row);
    }
  }

  const figures: Figure[] = [];
  let section = 0;
  const metricOf = new Map<Row, string>();
  for (const r of rows) {
    const sec = STAT_SECTION.exec(r.label);
    if (sec) section = CHINESE_ORDINAL[sec[1]!] ?? section;
    const metric = statMetricFor(r.label, section);
    if (metric && !(r.heading && metric.startsWith("stat."))) metricOf.set(r, metric);
  }
  const splitNotes = k > 1 ? splitRunTogether(rows, metricOf, k) : new Map<Row, string>();
  for (const r of rows) {
    const metric = metricOf.get(r);
    if (!metric) continue;
    if (r.runTogether) {
      warnings.push({
        code: "TABLE_SHAPE",
        metrics: [metric],
        message: `“${cleanLabel(r.label)}”一行的数字连在一起（${r.runTogether}），无法确定如何分到${k}列，未读取。`,
        evidence: [evidenceOf(original, r.line)],
      });
      continue;
    }
    if (r.values.length === 0) continue;
    const def = metricDef(metric);
    const unit = r.unit ?? def?.unit ?? "";
    const evidence = evidenceOf(original, r.line, r.lastLine);
    const label = metric.startsWith("stat.") ? cleanLabel(r.label) : undefined;
    if (k === 1) {
      figures.push({ metric, value: r.values[0]!, unit, source: "table", evidence, certain: true, ...(label ? { label } : {}) });
      continue;
    }
    let sum = 0;
    let any = false;
    const splitNote = splitNotes.get(r);
    r.values.forEach((v, c) => {
      figures.push({
        metric, slice: columns[c], value: v, unit, source: "table", evidence, certain: true,
        ...(splitNote ? { note: splitNote } : {}), ...(label ? { label } : {}),
      });
      if (v !== null) (sum += v), (any = true);
    });
    if (r.values.length < k) {
      warnings.push({
        code: "TABLE_SHAPE",
        metrics: [metric],
        message: `“${cleanLabel(r.label)}”一行只有${r.values.length}个数值，表头有${k}列。`,
        evidence: [evidence],
      });
    }
    if (any) {
      const parts = r.values.map((v, c) => `${columns[c]} ${v ?? "空"}`).join(" + ");
      figures.push({
        metric, value: round(sum), unit, source: "derived", evidence, certain: r.values.length === k,
        note: `各列合计：${parts}`, ...(label ? { label } : {}),
      });
    }
  }
  return { figures, warnings, start: span.start, end: span.end, columns: k > 1 ? columns : [] };
}

/**
 * A multi-column row whose digits ran together ("主动公开信息数条4251516" under two columns) has many
 * readings: 4|251516, 42|51516, 425|1516 … The template's own identities pick one. A glued row that is
 * the total (or a part) of a 勾稽 rule whose other rows were read cleanly is split the one way that
 * makes the rule hold in every column; when no rule applies, or more than one split fits, the row stays
 * unread (and warned about) rather than guessed. Solved rows count as clean for the next pass, so a page
 * with several glued rows resolves as far as the identities reach.
 */
function splitRunTogether(rows: Row[], metricOf: Map<Row, string>, k: number): Map<Row, string> {
  const notes = new Map<Row, string>();
  if (k > 8) return notes;
  const known = new Map<string, (number | null)[]>();
  for (const r of rows) {
    const m = metricOf.get(r);
    if (m && !r.runTogether && r.values.length === k && !known.has(m)) known.set(m, r.values);
  }
  let progress = true;
  while (progress) {
    progress = false;
    for (const r of rows) {
      const metric = metricOf.get(r);
      if (!metric || !r.runTogether || known.has(metric)) continue;
      const rules = STAT_RULES.filter(
        (rule) => rule.templates.includes("stat2016") &&
          [rule.total, ...rule.parts].includes(metric) &&
          [rule.total, ...rule.parts].every((m) => m === metric || known.has(m)),
      );
      if (rules.length === 0) continue;
      const fits = digitSplits(r.runTogether, k).filter((cand) =>
        rules.every((rule) => {
          const col = (m: string, c: number) => (m === metric ? cand[c]! : known.get(m)![c] ?? 0);
          for (let c = 0; c < k; c++) {
            const parts = rule.parts.reduce((a, m) => a + col(m, c), 0);
            if (Math.abs(col(rule.total, c) - parts) > 1e-9) return false;
          }
          return true;
        }),
      );
      if (fits.length !== 1) continue;
      const values = fits[0]!;
      notes.set(r, `原文数字连在一起（${r.runTogether}），按勾稽关系（${rules.map((x) => x.total === metric ? "总数=分项之和" : "分项之和=总数").join("、")}）拆分为 ${values.join(" | ")}`);
      r.values = values;
      r.runTogether = undefined;
      known.set(metric, values);
      progress = true;
    }
  }
  return notes;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

function isRowLabel(t: string): boolean {
  return STAT2016_ROWS.some((r) => r.section === undefined && r.pattern.test(t));
}

/** Metric id of a 统计表 row label, given the current section (四/五/六 share sub-row labels). */
export function statMetricFor(label: string, section: number): string | null {
  // Notes in brackets name other rows ("专职人员数(不包括…工作人员数)"): match without them.
  const t = compact(label).replace(/\([^)]*\)/g, "");
  for (const r of STAT2016_ROWS) {
    if (r.section !== undefined && r.section !== section) continue;
    if (r.pattern.test(t)) return r.metric;
  }
  if (STAT_SECTION.test(t)) return null; // a heading: 一、主动公开情况
  const clean = cleanLabel(t);
  if (clean.length < 2 || !HAS_CJK.test(clean)) return null;
  return `stat.${clean}`;
}

export type { Cell };
