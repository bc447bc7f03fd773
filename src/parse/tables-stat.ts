// The pre-2019 统计表: the national 2016 form (统计指标 | 单位 | 统计数, or one column per kind of
// body with a 序号 column) and the older provincial forms (指标名称 | 计量单位 | 2012年度 | 历年累计).
// Their rows vary by province and year, so the reader is structural: a row is a label, its unit,
// its values; the next row's numbering ("2.", or the 序号) is peeled off by the expected sequence,
// so `条179533042.政府公报` is 17953304 for this row and "2." for the next. Labels map to metrics
// through the template's patterns; unknown rows are kept under their own label.
import type { Figure, ReportWarning, Template } from "../domain.js";
import { readCell, type TextRun, type ValueToken } from "./cell-text.js";
import { numberOf, type Reading, readings } from "./cuts.js";
import { spanEvidence } from "./evidence.js";
import { headingNumberAt } from "./headings.js";
import { identitiesOf } from "./identities.js";
import { type Compact, compactOf } from "./locate.js";
import { METRICS, metricDef } from "./metrics.js";
import { CN_NUMERAL, COUNT_UNITS, UNITS, unitAlternation } from "./numbers.js";
import { type Slot, solveTable } from "./solve.js";
import { asPrinted, cellFigure, readingNote, rowEvidence, undecided } from "./table-read.js";
import {
  CUMULATIVE_SLICE,
  STAT_DELTA,
  STAT_HEADER_START,
  STAT_HEADER_WORDS,
  STAT_PREVIOUS,
  STAT_ROWS,
  type StatColumnKind,
  statColumnKind,
} from "./template.js";
import type { SourceText, Span } from "./text.js";

export interface StatTableResult {
  figures: Figure[];
  warnings: ReportWarning[];
  span: Span;
  /** Named value columns (历年累计, 市直单位 …), for questions that ask for one. */
  columns: string[];
  template: Template;
  /** Rows left blank on a page whose cells ran together: a cut of a glued run is never sure (tables-gbf.ts). */
  blankCells?: boolean;
}

interface Ctx {
  src: SourceText;
  c: Compact;
  proseNumbers: (exclude: Span[]) => Set<string>;
}

const UNIT_SUFFIX = new RegExp(`(${unitAlternation(COUNT_UNITS)})$`);
const UNIT_ONLY = new RegExp(`^(?:${unitAlternation(COUNT_UNITS)})$`);

function followedByValue(items: readonly (ValueToken | TextRun)[], i: number): boolean {
  const next = items[i + 1];
  return next !== undefined && "kind" in next;
}

/** A row label continued by the next run of text; a unit at its end is the row's unit. */
function extendLabel(row: Row, text: string, end: number, valuesFollow: boolean): void {
  row.label += text;
  row.labelSpan = { start: row.labelSpan.start, end };
  const unit = valuesFollow ? UNIT_SUFFIX.exec(row.label)?.[1] : undefined;
  if (unit && !row.unit && row.label.length > unit.length + 1) {
    row.unit = unit;
    row.label = row.label.slice(0, -unit.length);
  }
}
const CJK = /[\u4e00-\u9fff]/;
/** A label's bracketed note, maybe with the row's unit glued after it. */
const NOTE_THEN_UNIT = new RegExp(`^(\\([^()]*\\))(${unitAlternation(COUNT_UNITS)})?$`);
/** A unit inside a run of text, followed by more text (global, for scanning). */
const UNIT_INSIDE = new RegExp(`(?:${unitAlternation(COUNT_UNITS)})(?=[\\u4e00-\\u9fff(])`, "g");
/** The row of the form a label names, or null (not only "stat.<its own words>"). */
const rowMetric = (label: string): string | null => {
  const m = statMetric(label, 0);
  return m !== null && !m.startsWith("stat.") ? m : null;
};
/**
 * Where a run of text is two rows' labels: a row whose value cell is blank, its label and unit
 * glued to the next row's label by a crawl that dropped the cells' separators ("涉及商业秘密件涉及个人
 * 隐私件0", "主动公开规范性文件数条 制发规范性文件总数件0"). The cut is after a unit, where the words
 * before it name a row of the form and so do the words after it, each on its own; the offset after
 * the unit, or -1. A label that holds a unit character (计1条, 工作人员数, 涉及个人 / 隐私 wrapped)
 * is never cut: its two sides do not both name rows.
 */
function blankRowCut(text: string): number {
  UNIT_INSIDE.lastIndex = 0;
  for (let m = UNIT_INSIDE.exec(text); m; m = UNIT_INSIDE.exec(text)) {
    const before = rowMetric(text.slice(0, m.index));
    const after = before && rowMetric(text.slice(m.index + m[0].length).replace(UNIT_SUFFIX, ""));
    if (after && after !== before) return m.index + m[0].length;
  }
  return -1;
}
// (…and a page's furniture after the table: sharing, printing, an attachment list, the footer.)
const END_WORDS =
  /单位负责人|审核人|填报人|填报日期|制表人|附件下载|备注[:：]|相关链接|相关文章|相关阅读|相关解读|上一篇|下一篇|年度报告|工作报告|年报|分享到|打印本页|关闭窗口|扫一扫|浏览次数|附件[:：]|【打印|【关闭|网站地图|版权所有|主办单位|技术支持/;
/** What follows a year in a date: "年3月29日", "年 3 月". */
const DATE_REST = /^年\s*\d{1,2}\s*月/;
/**
 * The numbering a label starts with, as headings.ts reads it ("一、" "(三)" "2."), also when a wrap
 * left its opening bracket on the line before ("二)新建…"); "" when none.
 */
function numberingOf(label: string): string {
  const h = headingNumberAt(label, 0);
  if (h) return label.slice(0, h.length);
  return new RegExp(`^(?:[${CN_NUMERAL}]{1,3}|\\d{1,2})\\)`).exec(label)?.[0] ?? "";
}

/** A row soon after a header: a label, maybe its unit, then a value or "——". */
const ROW_START = new RegExp(`[\\u4e00-\\u9fff)]{2,}(?:${unitAlternation(COUNT_UNITS)})?(?:\\d|—|-)`);

/** Where an old 统计表's header starts (compact offset), or -1. */
export function findStatTable(c: Compact, from = 0): number {
  for (let at = from; at < c.s.length; ) {
    const m = STAT_HEADER_START.exec(c.s.slice(at));
    if (!m) break;
    let pos = at + m.index;
    if (c.s.slice(Math.max(0, pos - 2), pos) === "序号") pos -= 2;
    // A header is followed soon by a row: a label, a unit or "——", and values.
    if (ROW_START.test(c.s.slice(pos, pos + 240))) return pos - headerAbove(c.s.slice(Math.max(0, pos - 24), pos)).length;
    at = pos + m[0].length;
  }
  // No header words: "统计表" followed by rows.
  for (let at = c.s.indexOf("统计表", from); at >= 0; at = c.s.indexOf("统计表", at + 3)) {
    if (/主动公开[\u4e00-\u9fff]{0,12}(?:条|件)?\d/.test(c.s.slice(at, at + 200))) return at + 3;
  }
  return -1;
}

/**
 * The header's first printed line when its cells wrapped over several lines: a PDF prints
 * "计量 2013" above "指标名称 历年累计" and "单位 年度" below, so 指标名称 is not where it starts.
 * Taken only when it holds a word no title or subtitle has alone (计量, 序号, 单位, 项目) — a "2018年度"
 * printed above the header on its own is the table's subtitle, not a column.
 */
function headerAbove(before: string): string {
  const m = /(?:计量|序号|单位|项目|(?:19|20)\d{2}(?:年度?)?|本年度?|历年|累计|统计数)+$/.exec(before);
  return m && /计量|序号|单位|项目/.test(m[0]) ? m[0] : "";
}

interface Row {
  label: string;
  labelSpan: Span;
  unit?: string;
  tokens: ValueToken[];
  /** Printed "——" (or nothing) in the unit/value cells: a heading. */
  heading: boolean;
  /**
   * A units column ran into the row (PDF text read column by column: labels, then their units,
   * then their values): what follows the label is not this row's, and it is not read.
   */
  broken?: boolean;
}

/** Header text → value columns: "2011年度历年累计" → [2011年度, 历年累计]; "市政府市直单位…统计数×5" → the five names. */
export function parseStatHeader(header: string): string[] {
  const h = header.replace(/\s+/g, "").replace(/统计表|政府信息公开情况/g, " ");
  const words = [...STAT_HEADER_WORDS].sort((a, b) => b.length - a.length).join("|");
  // One left-to-right pass: a header word, a year or 累计 column, 统计数, or a named column (市直单位).
  const re = new RegExp(
    `(${words})|((?<!\\d)(?:19|20)\\d{2}(?!\\d)(?:年度?)?|本年度?|当年|历年累计|累计|合计|总计|${STAT_DELTA}|${STAT_PREVIOUS})|(统计数|数量|数值)|([\\u4e00-\\u9fff、]{1,12}?(?:政府|单位|部门|机关|机构|街道|乡镇))`,
    "g",
  );
  const names: string[] = [];
  let counts = 0;
  for (const m of h.matchAll(re)) {
    if (m[1]) continue;
    if (m[3]) counts++;
    else names.push((m[2] ?? m[4])!.replace(/、/g, ""));
  }
  if (names.length === 0) return Array.from({ length: Math.max(1, counts) }, () => "统计数");
  return names;
}

/**
 * Read the 统计表 whose header starts at compact offset `at`.
 *
 *   readStatTable(ctx, at) → figures: 主动公开信息数 425 (本年度), 1516 (历年累计) …
 */
export function readStatTable(ctx: Ctx, at: number): StatTableResult | null {
  const { src, c } = ctx;
  const start = c.at[at]!;
  // A table holds no sentence: it ends at the first 。 after it (or 60 000 characters on).
  const stop = src.text.indexOf("。", start);
  const end = Math.min(src.text.length, start + 60000, stop < 0 ? Infinity : stop + 1);
  const cell = readCell(src.text, start, end);
  // The header and the first row label, as the page wrapped them: text runs with nothing but white
  // space between them read as one ("2015年" / "度历年累计主动" / "公开文件数条…").
  const FIRST_ROW = /主动公开|^[一二三四五六七八九十]、|^\(一\)|^1[.、]?[\u4e00-\u9fff]{2}/;
  const items0 = cell.items;
  const textBefore = (i: number): string => {
    const p = items0[i - 1];
    const x = items0[i]!;
    return p && !("kind" in p) && !("kind" in x) && /^\s*$/.test(src.text.slice(p.end, x.start)) ? p.text : "";
  };
  /** How many characters at the start of run i are header words (some may have begun in the run before). */
  const leadOf = (i: number, text = (items0[i] as TextRun).text): number => {
    const prev = textBefore(i);
    return Math.max(0, leadingHeader(prev + text).length - prev.length);
  };
  const startsRow = (i: number, text = (items0[i] as TextRun).text) => FIRST_ROW.test(text.slice(leadOf(i, text)));
  for (let i = 0; i + 1 < items0.length && i < 40; i++) {
    const a = items0[i]!;
    const b = items0[i + 1]!;
    if ("kind" in a) continue;
    if (startsRow(i)) break;
    if ("kind" in b || !/^\s*$/.test(src.text.slice(a.end, b.start)) || startsRow(i + 1)) continue;
    if (!startsRow(i, a.text + b.text)) continue;
    items0.splice(i, 2, { text: a.text + b.text, start: a.start, end: b.end });
    break;
  }

  // The header runs up to the first row: the first 主动公开 / 一、 / (一) label.
  const firstRow = items0.findIndex((it, i) => !("kind" in it) && startsRow(i));
  if (firstRow < 0) return null;
  const headerItems = items0.slice(0, firstRow);
  const firstText = items0[firstRow] as TextRun;
  const lead = firstText.text.slice(0, leadOf(firstRow));
  const headerText = headerItems.map((it) => ("kind" in it ? it.raw : it.text)).join(" ") + " " + lead;
  const columns = parseStatHeader(headerText);
  const hasSerial = /序号|序\s*号/.test(headerText);
  const k = columns.length;
  const kinds: StatColumnKind[] = columns.map(statColumnKind);
  // Two years side by side (2016年 | 2015年): the newer is the report's, the older last year's.
  const yearOf = (name: string) => Number(/^((?:19|20)\d{2})年/.exec(name)?.[1] ?? 0);
  const newest = Math.max(...columns.map(yearOf));
  columns.forEach((name, i) => {
    if (kinds[i] === "current" && yearOf(name) > 0 && yearOf(name) < newest) kinds[i] = "previous";
  });

  // Segment the body into rows: label, unit, values.
  const rows: Row[] = [];
  let expectArabic = 1;
  let unnumbered = 0; // rows pushed since the last numbered one
  let serial = hasSerial ? 2 : 0;
  let serialTakenFrom: Row | undefined; // the row whose last value gave up the next 序号 already
  let prefix = "";
  let endAt = end;
  const items = cell.items.slice(firstRow);
  (items[0] as TextRun) = { ...firstText, text: firstText.text.slice(lead.length), start: firstText.start + lead.length };
  splitAtDashes(items);
  joinBrokenWords(items, src.text);
  rowMajor(items);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const cur = rows[rows.length - 1];
    if ("kind" in it) {
      if (cur) cur.tokens.push(it);
      continue;
    }
    let text = it.text;
    let textStart = it.start;
    const prev = items[i - 1];
    const afterYear = !!cur && !!prev && /^年/.test(text) && "kind" in prev && /^(?:19|20)\d{2}$/.test(prev.raw) && cur.tokens.length === 1;
    // A date after the table: the signature ("宁德市人民政府办公室 2017年3月29日"), no row of 2017.
    const dated = afterYear && DATE_REST.test(src.text.slice(it.start, it.start + 12));
    if (dated || END_WORDS.test(text) || /[。;；]/.test(text) || (text.match(/[\u4e00-\u9fff]/g)?.length ?? 0) > 60) {
      endAt = it.start;
      // The year of a report's name after the table ("上海市浦东新区 2023 年度报告…", a page's links):
      // the words before it were that name's, not a row.
      if (afterYear) {
        rows.pop();
        endAt = cur.labelSpan.start;
      }
      break;
    }
    // Numbering glued to the values before it: "…1818" + "2." → 1818 and numbering 2 (also when the
    // label itself is on the next line: "2.\n同意部分公开答复数").
    let numbered = false; // this run starts a numbered row: it continues no label
    if (/^[.、]/.test(text) && cur && cur.tokens.length > 0) {
      const last = cur.tokens[cur.tokens.length - 1]!;
      // The next number in the sequence; or, after rows printed without numbering, the number by
      // position ("其中:当面申请数 18 18 2.传真申请数" — the first of a group left unnumbered).
      const byPosition = [expectArabic + unnumbered, ...(/^其中[:：]/.test(cur.label) && cur.label.length > 3 ? [2] : [])];
      const peeled = peelNumber(last, [expectArabic, 1, ...byPosition]);
      if (peeled) {
        cur.tokens.pop();
        if (peeled.rest) cur.tokens.push(peeled.rest);
        expectArabic = peeled.n + 1;
        unnumbered = -1; // the row this numbering starts is counted as it is pushed
        text = text.slice(1);
        textStart++;
        // A heading's only token was this numbering ("(二)…情况" + "1" + ".政府公报…"): it stays a label alone.
        numbered = cur.tokens.length === 0;
      }
    } else if (/^[、]/.test(text) && cur && cur.tokens.length === 0 && !cur.heading) {
      // A label wrapped at its own 、: "3、信函" / "、传真申请数".
      extendLabel(cur, text, it.end, followedByValue(items, i));
      continue;
    } else if (/^[.、]/.test(text)) (text = text.slice(1)), textStart++;
    if (!CJK.test(text)) continue; // punctuation between cells
    // The 序号 column: the next row's number printed after this row's values.
    if (hasSerial && cur && cur.tokens.length > 0 && serialTakenFrom !== cur) {
      const peeled = peelNumber(cur.tokens[cur.tokens.length - 1]!, [serial]);
      if (peeled) {
        cur.tokens.pop();
        if (peeled.rest) cur.tokens.push(peeled.rest);
        serial = peeled.n + 1;
        serialTakenFrom = cur;
      }
    }
    if (/^其中[:：]?$/.test(text.trim())) {
      prefix = "其中";
      expectArabic = 1;
      unnumbered = 0;
      continue;
    }
    // A bracketed note after the label: "(不同渠道和方式公开相同信息计1条)", and the row's unit glued
    // after it when a crawl dropped the cells' separators ("…计1条)条134").
    const note = cur && cur.tokens.length === 0 && !cur.unit ? NOTE_THEN_UNIT.exec(text.trim()) : null;
    if (cur && note && (!note[2] || followedByValue(items, i))) {
      cur.label += note[1];
      cur.labelSpan = { start: cur.labelSpan.start, end: it.end };
      if (note[2]) cur.unit = note[2];
      continue;
    }
    // A label continued over a separator ("主动公开信息数 条"): the unit is its own run. A second
    // unit, or a unit after the row's values, is a units column printed apart from its labels.
    // (A unit after the values, alone — "134 条" — is the row's own, printed after its number.)
    if (cur && UNIT_ONLY.test(text.trim())) {
      const next = items[i + 1];
      const unitsRun = !!next && !("kind" in next) && UNIT_ONLY.test(next.text.trim());
      if (!cur.unit && (cur.tokens.length === 0 || !unitsRun)) cur.unit = text;
      else cur.broken = true;
      continue;
    }
    // A label with neither unit nor values is not finished (a heading is numbered 一、/(一) or marked
    // "——"): the next words without a numbering of their own continue it ("参加政府网" / "站在线访谈次数").
    const unfinished = cur && !numbered && cur.tokens.length === 0 && !cur.unit && !cur.heading && cur.label.length < 40;
    // …unless the label ended with its unit and these words are the next row's: its value cell was blank.
    const blank = unfinished ? UNIT_SUFFIX.exec(cur.label) : null;
    if (blank && blankRowCut(cur.label + text) === cur.label.length) {
      cur.unit = blank[1]!;
      cur.label = cur.label.slice(0, -blank[1]!.length);
    } else if (unfinished && /^[\u4e00-\u9fff()、“”""《》]{1,30}$/.test(text.replace(/\([^()]*\)?$/, "")) && !numberingOf(text) && !/^其中/.test(text)) {
      // A label wrapped over two lines or cells.
      extendLabel(cur, text, it.end, followedByValue(items, i));
      continue;
    }
    // A section heading whose blank cells a crawl dropped, glued to its first row: a heading of its own.
    const glued = gluedRowAt(text);
    if (glued > 0) {
      rows.push({ label: text.slice(0, glued), labelSpan: { start: textStart, end: textStart + glued }, tokens: [], heading: true });
      text = text.slice(glued);
      textStart += glued;
    }
    if (/^[一二三四五六七八九十]、|^\([一二三四五六七八九十]\)/.test(text)) (expectArabic = 1), (unnumbered = 0);
    else if (!numberingOf(text)) unnumbered++;
    // Rows with blank values glued before this one's label: each a row of its own, with its unit.
    for (let cut = blankRowCut(text); cut > 0; cut = blankRowCut(text)) {
      const head = text.slice(0, cut);
      const unitOf = UNIT_SUFFIX.exec(head)![1]!;
      rows.push({
        label: (prefix ? "其中:" : "") + head.slice(0, -unitOf.length),
        labelSpan: { start: textStart, end: textStart + cut },
        unit: unitOf,
        tokens: [],
        heading: false,
      });
      prefix = "";
      unnumbered++;
      text = text.slice(cut);
      textStart += cut;
    }
    // A unit glued to the end of the label only when the values follow at once ("主动公开信息数条2026…"):
    // before a line break it is the label's own last character (涉及国家 / 秘密).
    const unit = followedByValue(items, i) ? UNIT_SUFFIX.exec(text)?.[1] : undefined;
    const label = unit && text.length > unit.length + 1 ? text.slice(0, -unit.length) : text;
    // "(二)…情况——1706": the unit cell's "——" glued to the label marks a heading (its number a subtotal).
    const dashed = /[—–-]{2,}$/.exec(label);
    rows.push({
      label: (prefix ? "其中:" : "") + (dashed ? label.slice(0, dashed.index) : label),
      labelSpan: { start: textStart, end: it.end },
      ...(unit && label !== text ? { unit } : {}),
      tokens: [],
      heading: !!dashed && dashed.index > 0,
    });
    prefix = "";
  }
  // A count is never negative where the form has no 增减 column: a "-" glued before a number is a
  // blank cell's mark ("当面申请数条-18" is 空 | 18, not -1 | 8).
  if (!kinds.includes("delta")) for (const r of rows) r.tokens = r.tokens.flatMap(markBeforeNumber);
  trimEmptyColumn(rows, k, /备\s*注/.test(headerText));
  // "——" in the unit or value cells marks a heading; its blanks are not values.
  for (const r of rows) if (r.tokens.length > 0 && r.tokens.every((t) => t.kind === "blank") && !r.unit) r.heading = true;
  // …also when a subtotal follows the "——" of its unit cell ("(二)通过不同渠道… | —— | 1706").
  for (const r of rows) if (!r.unit && r.tokens.length === k + 1 && r.tokens[0]!.kind === "blank") r.heading = true;

  const template: Template =
    kinds.includes("cumulative") || rows.some((r) => /受理(?:政府信息)?依申请公开|否决公开|行政申诉/.test(r.label)) ? "stat2008" : "stat2016";
  const warnings: ReportWarning[] = [];
  const slices = columns.map((name, i) =>
    kinds[i] === "cumulative" ? CUMULATIVE_SLICE : k === 1 || (kinds[i] === "current" && !kinds.includes("part")) ? "" : name,
  );

  rejoinWrappedLabels(rows);
  // Metrics, with the section (四/五/六) that gives 维持/纠错 their meaning.
  let section = 0;
  const metricOf = new Map<Row, string>();
  const used = new Set<string>();
  let before: string | undefined; // the metric of the row before, for a bare 其他
  for (const r of rows) {
    const sec = /^([一二三四五六七八九十]{1,2})、/.exec(r.label.replace(/^其中:/, ""));
    if (sec) section = CN_VALUE[sec[1]!] ?? section;
    let metric = statMetric(r.label, section);
    // "4.其他" alone is the "other" of the list it ends: the sibling of the row before that the
    // form words 其他… (其他类型答复数 after 不同意公开答复数, 其他形式申请数 after 信函申请数).
    if (before && BARE_OTHER.test(cleanLabel(r.label))) metric = otherOf(before, template) ?? metric;
    if (metric && !r.heading && !metric.startsWith("stat.")) before = metric;
    if (!metric || (r.heading && metric.startsWith("stat."))) continue;
    // A second row taken for the same metric is a row of its own (主动公开政府文件数 after 主动公开政府信息数).
    if (used.has(metric)) metric = `stat.${cleanLabel(r.label)}`;
    if (used.has(metric)) continue;
    used.add(metric);
    metricOf.set(r, metric);
  }

  const slots: Slot[] = [];
  const rowOfSlot = new Map<Slot, Row>();
  const cumulativeAt = kinds.indexOf("cumulative");
  const currentAt = kinds.indexOf("current");
  const previousAt = kinds.indexOf("previous");
  const deltaAt = kinds.indexOf("delta");
  for (const r of rows) {
    const metric = metricOf.get(r);
    if (!metric || r.heading || r.broken || r.tokens.length === 0) continue;
    const tokens = r.tokens;
    let alternatives: Reading[] = [];
    const printed = asPrinted(tokens, k);
    if (printed) alternatives = [printed];
    else if (tokens.length < k) {
      // Glued digits: 历年累计 includes this year.
      // 历年累计 includes this year; 增减 is this year less last year.
      const fits = (v: readonly (number | null)[]) =>
        (cumulativeAt < 0 || currentAt < 0 || v[cumulativeAt] === null || v[currentAt] === null || v[cumulativeAt]! >= v[currentAt]!) &&
        (deltaAt < 0 ||
          previousAt < 0 ||
          currentAt < 0 ||
          v[deltaAt] === null ||
          v[previousAt] === null ||
          v[currentAt] === null ||
          v[deltaAt] === v[currentAt]! - v[previousAt]!);
      alternatives = readings(tokens, k, (v, complete) => !complete || fits(v));
      // Fewer separate values than columns: one cell was left empty.
      // (Separate values only: one glued run too short for the columns says nothing of where the blank is.)
      if (
        alternatives.length === 0 &&
        tokens.every((t) => (t.gap > 0 || t === tokens[0]) && !Number.isNaN(numberOf(t.raw || "0"))) &&
        tokens.length < k &&
        (tokens.length > 1 || tokens[0]!.gap > 0)
      ) {
        const vals = [...tokens.map((t) => (t.kind === "blank" ? null : numberOf(t.raw))), ...Array(k - tokens.length).fill(null)];
        alternatives = [
          {
            values: vals,
            spans: [...tokens, ...Array(k - tokens.length).fill(tokens[tokens.length - 1])].map((t) => ({ start: t.start, end: t.end })),
            cuts: 0,
            balance: 0,
          },
        ];
        warnings.push({
          code: "TABLE_SHAPE",
          metrics: [metric],
          message: `统计表“${cleanLabel(r.label)}”一行只有${tokens.length}个数值，表头有${k}列，缺的一栏按空白处理。`,
          evidence: [spanEvidence(src, [r.labelSpan, ...tokens])],
        });
      }
    }
    if (alternatives.length === 0) {
      warnings.push({
        code: "TABLE_SHAPE",
        metrics: [metric],
        // (One digit glued to its unit is one cell, but which column's: a page that leaves its
        // zeros blank prints 0 | 7 as "条7".)
        message:
          tokens.length === 1 && /^\d$/.test(tokens[0]!.raw)
            ? `统计表“${cleanLabel(r.label)}”一行只有一个数字（${tokens[0]!.raw}），表头有${k}列，不知在哪一栏，未读取。`
            : `统计表“${cleanLabel(r.label)}”一行读到${tokens.length}个数值${tokens.length === 1 ? `（${tokens[0]!.raw}，像是几栏数字连在一起）` : ""}，表头有${k}列，无法确定，未读取。`,
        evidence: [spanEvidence(src, [r.labelSpan, ...tokens])],
      });
      continue;
    }
    const slot: Slot = { metrics: [metric], alternatives: alternatives.map((a) => [a]) };
    slots.push(slot);
    rowOfSlot.set(slot, r);
  }
  if (process.env.DEBUG_STAT)
    for (const r of rows) console.log(JSON.stringify(r.label), r.unit, r.heading, r.tokens.map((t) => t.raw || "_").join(","), metricOf.get(r));
  if (slots.length < 3) return null;

  const span = { start, end: Math.max(...rows.flatMap((r) => r.tokens.map((t) => t.end)), start) };
  const solved = solveTable({ slots, slices, identities: identitiesOf(template), proseNumbers: () => ctx.proseNumbers([span]) });
  const figures: Figure[] = [];
  for (const row of solved) {
    const slot = slots.find((s) => s.metrics[0] === row.metric)!;
    const r = rowOfSlot.get(slot)!;
    const unit = r.unit ?? r.tokens.find((t) => t.unit)?.unit ?? metricDef(row.metric)?.unit ?? "";
    const label = row.metric.startsWith("stat.") ? cleanLabel(r.label) : undefined;
    const evidence = rowEvidence(src, r.labelSpan, row.reading.spans);
    const given = row.reading.values.map((v, col) => {
      const how = readingNote(row, r.tokens, col);
      if (how) figures.push({ ...cellFigure(row.metric, slices[col]!, v, unit, evidence, how), ...(label ? { label } : {}) });
      return how;
    });
    const w = undecided(row, r.tokens, cleanLabel(r.label), [row.metric], evidence);
    if (w) warnings.push(w);
    if (given.some((h) => h === null)) continue;
    // Several parts (市政府 | 市直单位 | …): their sum is the report's own figure.
    const parts = row.reading.values.filter((_, col) => kinds[col] === "part");
    if (kinds.filter((x) => x === "part").length > 1 && parts.some((v) => v !== null)) {
      const sum = Math.round(parts.reduce<number>((a, v) => a + (v ?? 0), 0) * 1e6) / 1e6;
      const names = columns
        .map((n, col) => (kinds[col] === "part" ? `${n} ${row.reading.values[col] ?? "空"}` : ""))
        .filter(Boolean)
        .join(" + ");
      figures.push({
        metric: row.metric,
        value: sum,
        unit,
        source: "derived",
        evidence,
        certain: given.every((h) => h?.certain),
        note: `各列合计：${names}`,
        ...(label ? { label } : {}),
      });
    }
  }
  void endAt;
  // Several value columns, a row with its unit and no value, and values glued to their row's unit
  // ("当面申请数条18" for 空 | 18): the blanks left no trace between the glued cells.
  const gluedValues = rows.some((r) => r.tokens[0]?.kind === "num" && r.tokens[0].gap === 0);
  const blankRow = rows.some((r) => !r.heading && r.unit && r.tokens.length === 0);
  return { figures, warnings, span, columns: slices.filter(Boolean), template, blankCells: k > 1 && gluedValues && blankRow };
}

type Item = ValueToken | TextRun;

/** A number read with a minus sign, as the blank mark before it and the number. */
function markBeforeNumber(t: ValueToken): ValueToken[] {
  if (t.kind !== "num" || !t.raw.startsWith("-")) return [t];
  return [
    { kind: "blank", raw: "", start: t.start, end: t.start + 1, gap: t.gap },
    { ...t, raw: t.raw.slice(1), start: t.start + 1, gap: 0 },
  ];
}

/**
 * A label a PDF wrapped after its row's values ("其中:主动公开规范性 条 68" / "文件数"): its rest
 * starts the next label ("文件数制发规范性文件总数"). Where this row's label names no row of the form
 * and, with the first characters of the next one, it does — the rest still naming the next row (or
 * nothing, when that row has no values) — the characters move back.
 */
function rejoinWrappedLabels(rows: Row[]): void {
  const named = (label: string) => {
    const m = statMetric(label, 0);
    return m !== null && !m.startsWith("stat.");
  };
  for (let i = 0; i + 1 < rows.length; i++) {
    const r = rows[i]!;
    const next = rows[i + 1]!;
    if (r.heading || r.tokens.length === 0 || named(r.label) || numberingOf(next.label)) continue;
    for (let j = 1; j <= Math.min(12, next.label.length); j++) {
      const rest = next.label.slice(j);
      if (!named(r.label + next.label.slice(0, j))) continue;
      if (rest ? !named(rest) : next.tokens.length > 0) continue;
      r.label += next.label.slice(0, j);
      if (!rest) rows.splice(i + 1, 1);
      else next.label = rest;
      break;
    }
  }
}

/** A header cell printed after the labels it heads: 单位, 统计数, 计量单位, 备注. */
const STAT_HEADER_CELL = new RegExp(`^(?:${[...STAT_HEADER_WORDS, "统计数", "数量", "数值"].join("|")})+$`);

/**
 * A heading's "——" cell glued between its label and the next row's, in a crawl that dropped the
 * cells' separators ("一、主动公开情况——(一)主动公开政府信息数…条1652"): two runs, the first a
 * heading (its label ends with the dashes).
 */
function splitAtDashes(items: Item[]): void {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if ("kind" in it) continue;
    const m = /[—–]{2,}|-{2,}/.exec(it.text);
    if (!m || m.index === 0) continue;
    const cut = m.index + m[0].length;
    const rest = it.text.slice(cut);
    if (!/^\s*[\u4e00-\u9fff(]/.test(rest)) continue;
    const lead = rest.length - rest.trimStart().length;
    items.splice(
      i,
      1,
      { text: it.text.slice(0, cut), start: it.start, end: it.start + cut },
      { text: rest.trimStart(), start: it.start + cut + lead, end: it.end },
    );
  }
}

/**
 * Words a layout broke — wrapped (其 / 中:, a narrow unit cell's 万 / 元) or letter-spaced (其 中 :) —
 * are one run again, so the rows are read as when they are printed whole: after a wrapped 其中 the
 * first row it numbers ("1、政府网站公开数条2949…") was lost, its numbering not peeled from the row
 * before it; a row whose unit was 万 / 元 was lost.
 */
// Not a unit whose first character is a unit of its own (人次, 场次): 人 / 次 are as likely two rows'
// units, one a line, in a PDF's block of units.
const BROKEN_WORDS = ["其中：", "其中:", "其中", ...UNITS.filter((u) => u.length > 1 && !COUNT_UNITS.includes(u[0]!))];
function joinBrokenWords(items: Item[], text: string): void {
  for (let i = 0; i + 1 < items.length; i++) {
    const a = items[i]!;
    if ("kind" in a) continue;
    let joined = a.text.trim();
    if (!BROKEN_WORDS.some((w) => w.startsWith(joined) && w !== joined)) continue;
    let j = i + 1;
    let whole = -1;
    let wholeText = "";
    while (j < items.length) {
      const b = items[j]!;
      if ("kind" in b || !/^\s*$/.test(text.slice(items[j - 1]!.end, b.start))) break;
      const next = joined + b.text.trim();
      if (!BROKEN_WORDS.some((w) => w.startsWith(next))) break;
      joined = next;
      j++;
      if (BROKEN_WORDS.includes(joined)) (whole = j), (wholeText = joined);
    }
    if (whole < 0) continue;
    items.splice(i, whole - i, { text: wholeText, start: a.start, end: items[whole - 1]!.end });
  }
}

/**
 * A column after the values that holds nothing — 备注, or an empty cell a web page's table prints at
 * the end of every row ("主动公开政府信息数 | 条 | 1706 | |") — is not a value column: its blank cells
 * are dropped. Only when the header names it (备注) or most rows end so; a lone row with one blank
 * too many is left for the reader to weigh.
 */
function trimEmptyColumn(rows: Row[], k: number, named: boolean): void {
  const withValues = rows.filter((r) => r.tokens.length > 0);
  const ending = withValues.filter((r) => r.tokens.length > k && r.tokens[r.tokens.length - 1]!.kind === "blank");
  if (!named && ending.length * 2 < withValues.length) return;
  for (const r of ending) while (r.tokens.length > k && r.tokens[r.tokens.length - 1]!.kind === "blank") r.tokens.pop();
}

/**
 * PDF text read column by column prints a block of the table's labels, then their units, then
 * their values ("主动公开政府信息数 / 其中:主动公开规范性文件数 / … / 条 / 件 / … / 134 / 20 / …"),
 * a block a page. Where the three runs agree — as many units as labels, and a value for every unit
 * but the headings' "——" (or for every unit) — the block is put back in row order, in place.
 * Otherwise it is left as printed; the reader then marks its rows broken and reads nothing from
 * them, never a wrong row. A label's bracketed note and the label after a bare 其中: are its own.
 */
function rowMajor(items: Item[]): void {
  const isText = (it: Item | undefined): it is TextRun => !!it && !("kind" in it);
  const isUnit = (it: Item) => ("kind" in it ? it.kind === "blank" : UNIT_ONLY.test(it.text.trim()));
  // How many items the label at j takes: its text, or a numbering read as a number and the text
  // glued after it ("2" + ".政府网站公开政府信息数"); 0 when no label starts there.
  const labelAt = (j: number): number => {
    const it = items[j];
    if (!it) return 0;
    if (isText(it)) return !isUnit(it) && CJK.test(it.text) && !STAT_HEADER_CELL.test(it.text.replace(/\s+/g, "")) ? 1 : 0;
    const next = items[j + 1];
    return it.kind === "num" && /^\d{1,2}$/.test(it.raw) && isText(next) && next.start === it.end && /^[.、]/.test(next.text) && CJK.test(next.text) ? 2 : 0;
  };
  // From j: header words, then (unit or ——, a value or none) for each row; where that run ends.
  const pairsAfter = (j: number): { cells: Item[][]; end: number } | null => {
    let k = j;
    while (k < items.length && isText(items[k]) && STAT_HEADER_CELL.test((items[k] as TextRun).text.replace(/\s+/g, ""))) k++;
    const cells: Item[][] = [];
    while (k < items.length && isUnit(items[k]!)) {
      const cell: Item[] = [items[k]!];
      const next = items[k + 1];
      if (next && !isText(next) && next.kind === "num" && !labelAt(k + 1)) cell.push(next);
      cells.push(cell);
      k += cell.length;
    }
    return cells.length >= 3 && cells.some((c) => c.length === 2) ? { cells, end: k } : null;
  };
  for (let i = 0; i < items.length; i++) {
    if (!labelAt(i)) continue;
    // Label groups: the labels, each with its bracketed note, and the label after a bare 其中:.
    const groups: Item[][] = [];
    let j = i;
    for (let n = labelAt(j); n > 0; j += n, n = labelAt(j)) {
      const t = (items[j + n - 1] as TextRun).text.trim();
      const prev = groups[groups.length - 1];
      const afterMark = prev && /^其中[:：]?$/.test((prev[prev.length - 1] as TextRun).text.trim());
      if (prev && ((n === 1 && /^\([^()]*\)$/.test(t)) || afterMark)) prev.push(...items.slice(j, j + n));
      else groups.push(items.slice(j, j + n));
    }
    if (groups.length < 3) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < items.length && isUnit(items[k]!)) k++;
    let m = k;
    while (m < items.length && !isText(items[m]) && (items[m] as ValueToken).kind === "num" && !labelAt(m)) m++;
    const units = items.slice(j, k);
    const values = items.slice(k, m);
    const valued = units.filter(isText).length;
    const allValued = values.length === units.length;
    if (units.length !== groups.length || !(values.length === valued || allValued) || values.length === 0) {
      // …or each row's unit and value in turn after the labels ("单位 统计数 —— 条 21198 条 0 件 7 …",
      // a page's header cells between them): as many units as labels, each with its value or none.
      const paired = pairsAfter(j);
      if (paired && paired.cells.length === groups.length) {
        const rows = groups.flatMap((g, r) => [...g, ...paired.cells[r]!]);
        items.splice(i, paired.end - i, ...rows);
        i += rows.length - 1;
        continue;
      }
      i = j - 1;
      continue;
    }
    const rows: Item[] = [];
    let v = 0;
    groups.forEach((g, r) => {
      rows.push(...g, units[r]!);
      if (allValued || isText(units[r])) rows.push(values[v++]!);
    });
    items.splice(i, m - i, ...rows);
    i += rows.length - 1;
  }
}

const CN_VALUE: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10, 十一: 11 };

/** Header words glued before the first row label ("年度历年累计主动公开文件数条"): their length. */
const LEADING_HEADER = new RegExp(
  String.raw`^(?:(?:指标名称|统计指标|计量单位|单位|序号|项目|年度|年|本年度|本年数?|当年|历年累计|累计数?|统计数|数量|数值|${STAT_DELTA}|${STAT_PREVIOUS}|市政府|[\u4e00-\u9fff、]{1,10}?(?:政府|单位)(?=[\u4e00-\u9fff]))\s*)+`,
);

function leadingHeader(text: string): string {
  const m = LEADING_HEADER.exec(text);
  if (!m) return "";
  // Keep the row label itself: stop before 主动公开 / 一、.
  const at = text.search(/主动公开|[一二三四五六七八九十]、|\(一\)/);
  return at > 0 && at <= m[0].length ? text.slice(0, at) : m[0];
}

/** The numbering digits at the end of a value token ("18182" + "." → 1818 and 2), if one of `expect`. */
function peelNumber(tok: ValueToken, expect: readonly number[]): { n: number; rest?: ValueToken } | null {
  // (A signed value before it too: 增减 "-1" then "3.": "-13".)
  if (tok.kind !== "num" || !/^[-+]?\d+$/.test(tok.raw)) return null;
  for (const n of expect) {
    const s = String(n);
    if (!tok.raw.endsWith(s)) continue;
    const restRaw = tok.raw.slice(0, -s.length);
    if (!restRaw) return { n };
    if (!/\d/.test(restRaw)) continue;
    return { n, rest: { ...tok, raw: restRaw, end: tok.end - s.length } };
  }
  return null;
}

/**
 * Where a section heading's label ends and its first row's begins, when a crawl glued the two
 * without the heading's own cells ("一、主动公开情况(一)主动公开政府信息数"): the offset of the row's
 * "(一)", or -1. Only a top-level heading (一、) followed soon by a first sub-row numbering.
 */
function gluedRowAt(label: string): number {
  const m = /^[一二三四五六七八九十]{1,2}、[^()（）]{2,16}?(?=[(（]一[)）])/.exec(label);
  return m ? m[0].length : -1;
}

/** A row labelled only 其他 (its numbering and a 数 aside). */
const BARE_OTHER = /^其[他它](?:情形|情况)?数?$/;

/**
 * The one part the form words 其他… beside `metric` in `template`: in a sum it is a part of
 * (identities.ts: 其他类型答复数 beside 不同意公开答复数 in 申请答复数), else under its parent in the
 * registry (channels that overlap sum to nothing: 其他方式公开政府信息数 beside 政府网站公开数).
 */
function otherOf(metric: string, template: Template): string | undefined {
  const isOther = (m: string) => /^其[他它]/.test(metricDef(m)?.label ?? "");
  const others = new Set<string>();
  for (const rule of identitiesOf(template))
    if (rule.kind === "sum") for (const v of rule.variants) if (v.includes(metric)) for (const m of v) if (isOther(m)) others.add(m);
  const parent = metricDef(metric)?.parent;
  if (others.size === 0 && parent) for (const d of METRICS) if (d.parent === parent && d.templates.includes(template) && isOther(d.id)) others.add(d.id);
  return others.size === 1 ? [...others][0] : undefined;
}

/** A printed label without numbering, 其中 and bracketed notes: "(一)主动公开政府信息数(不同…计1条)" → "主动公开政府信息数". */
export function cleanLabel(label: string): string {
  const l = label.replace(/\s+/g, "").replace(/^其中[:：]?/, "");
  return l
    .slice(numberingOf(l).length)
    .replace(/^其中[:：]?/, "")
    .replace(/\([^)]*\)$/, "")
    .replace(/[:：]$/, "");
}

/** Metric id of a 统计表 row label, given the current section (四/五/六 share sub-row labels). */
export function statMetric(label: string, section: number): string | null {
  const key = `${section}|${label}`;
  const hit = metricCache.get(key);
  if (hit !== undefined) return hit;
  const metric = matchStatMetric(label, section);
  if (metricCache.size > 4096) metricCache.clear();
  metricCache.set(key, metric);
  return metric;
}
/** Row labels repeat across reports of a template: their metric is looked up once. */
const metricCache = new Map<string, string | null>();

function matchStatMetric(label: string, section: number): string | null {
  const clean = cleanLabel(label).replace(/\([^)]*\)/g, "");
  const full = label.replace(/\s+/g, "").replace(/^其中:/, "");
  for (const r of STAT_ROWS) {
    if (r.section !== undefined && r.section !== section) continue;
    if (r.pattern.test(clean) || (r.pattern.source.includes("、") && r.pattern.test(full))) return r.metric;
  }
  if (/^[一二三四五六七八九十]{1,2}、/.test(full)) return null; // a heading: 一、主动公开情况
  if (clean.length < 2 || !CJK.test(clean)) return null;
  return `stat.${clean}`;
}

export { compactOf };
