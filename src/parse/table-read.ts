// What every table reader shares: the cell text between two located labels (the next row's
// numbering peeled off, prose after the last value left out), readings of labels-first PDF blocks,
// and figures with their evidence and the note that says how a glued row was cut.
import type { Evidence, Figure, ReportWarning } from "../domain.js";
import { readCell, type ValueToken } from "./cell-text.js";
import { numberOf, type Reading } from "./cuts.js";
import { spanEvidence } from "./evidence.js";
import { numberingForms } from "./headings.js";
import { COUNT_UNITS, PROSE_UNITS, UNITS, unitAlternation } from "./numbers.js";
import type { SolvedRow } from "./solve.js";
import type { SourceText, Span } from "./text.js";

const CJK = /[\u4e00-\u9fff]/g;

/** Words that may stand among a row's values without ending its cell: units, blank marks. */
const CELL_WORDS = new RegExp(`^(?:${unitAlternation([...COUNT_UNITS, ...PROSE_UNITS])}|无|空|—+|-+)$`);

/**
 * The value tokens of text[start, end): reading stops at the first run of words after the values
 * began (the next, unlocated label, or the prose after the table), and the next row's numbering
 * (`nextNum` "2." in any style: "2、", "(2)", "二、") is peeled off the end. A table's last row
 * (`stopAtHeading`) also stops at the next part's heading before any value.
 */
export function cellTokens(text: string, start: number, end: number, nextNum?: string, allow?: (text: string) => boolean, stopAtHeading = false): ValueToken[] {
  let stop = end;
  // The next row's numbering, printed right before its label: "…0000000 2.其他法律…".
  if (nextNum) {
    const tail = text.slice(Math.max(start, stop - 10), stop).replace(/\s+$/, "");
    const form = numberingForms(nextNum).find((f) => tail.replace(/\s+/g, "").endsWith(f));
    if (form) {
      // Back over the form's characters (and any white space among them) from the tail's end.
      let i = Math.max(start, stop - 10) + tail.length;
      for (let k = form.length; k > 0; ) if (!/\s/.test(text[--i]!)) k--;
      stop = i;
    }
  }
  const cell = readCell(text, start, stop);
  const out: ValueToken[] = [];
  // A row of a table with pipes has one between its label and its first value ("label | 821 | 35 |").
  // A pipe anywhere after (a crawled page's footer "网站地图 | 联系我们") makes no table of one: it had
  // taken a one-line page's last row, "结转下年度继续办理72 72 …", for a cell sharing words.
  const first = cell.items.find((it) => "kind" in it);
  const piped = first !== undefined && text.slice(start, first.start).includes("|");
  for (const item of cell.items) {
    if ("kind" in item) {
      // In a table with pipes, a number sharing its cell with words is part of a label ("| 数据1 |").
      if (piped && item.kind === "num" && sharesCellWithWords(text, item, start, stop)) continue;
      // The next row's numbering after the rest of a wrapped label ("属于国家秘 0 0 … 0 密 2.其他…"):
      // a number and its 、 or . before words is a row's number, never a cell.
      if (item.kind === "num" && /^\d{1,2}$/.test(item.raw) && (item.gap > 0 || out.length === 0) && NUMBERING_AFTER.test(text.slice(item.end, item.end + 3)))
        break;
      out.push(item);
      continue;
    }
    const words = item.text.replace(/[()（）:：,，、.]/g, "");
    if (out.length > 0 && (words.match(CJK)?.length ?? 0) >= 2 && !CELL_WORDS.test(words) && !allow?.(item.text)) break;
    // The next part's heading before any value ("四、结转下年度继续办理 四、因政府信息公开工作被申请
    // 行政复议…"): the row printed none, and the numbers after it are the next table's.
    if (stopAtHeading && out.length === 0 && /^\s*[一二三四五六七八九十]{1,2}、[\u4e00-\u9fff]{4}/.test(item.text)) break;
  }
  return out;
}

function sharesCellWithWords(text: string, t: ValueToken, start: number, stop: number): boolean {
  let a = t.start;
  while (a > start && text[a - 1] !== "|" && text[a - 1] !== "\n") a--;
  let b = t.end;
  while (b < stop && text[b] !== "|" && text[b] !== "\n") b++;
  if (a === start && b === stop) return false;
  const rest = (text.slice(a, t.start) + text.slice(t.end + (t.unit?.length ?? 0), b)).replace(CELL_WORDS_ANY, "");
  return /[\u4e00-\u9fff]/.test(rest);
}
const NUMBERING_AFTER = /^[.、．]\s*[\u4e00-\u9fff]/;
const CELL_WORDS_ANY = new RegExp(unitAlternation([...COUNT_UNITS, ...PROSE_UNITS]), "g");
/** A number and the unit after it (numbersOutside). */
const QUANTITY = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(?:${unitAlternation([...UNITS, ...PROSE_UNITS])})`, "g");

/**
 * Every quantity the text states outside the spans, as printed (a number with its unit: 2071件,
 * 12人次): the prose's figures, for breaking ties. Only quantities: every report names its years
 * (2020年), dates, document numbers and the 12345 hotline, and with its line breaks removed the
 * other tables' cells run together into numbers too; one of those had made a glued row read
 * 行政处罚 202071 as 2020 | 7 | 1, "decided by the prose", for 2 | 0 | 2071.
 */
export function numbersOutside(text: string, spans: readonly Span[]): Set<string> {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out = new Set<string>();
  let from = 0;
  const scan = (a: number, b: number) => {
    const part = text.slice(a, b);
    QUANTITY.lastIndex = 0;
    for (let m = QUANTITY.exec(part); m; m = QUANTITY.exec(part)) out.add(String(Number(m[1])));
  };
  for (const s of sorted) {
    if (s.start > from) scan(from, s.start);
    from = Math.max(from, s.end);
  }
  scan(from, text.length);
  return out;
}

/**
 * A labels-first block (PDF text: all the labels, then the numbers) read both ways: row by row and
 * column by column. `permute` may add orders the template knows (表三 with 总计 printed before 其他).
 */
export function blockAlternatives(
  tokens: readonly ValueToken[],
  rows: number,
  k: number,
  permute: ((c: number) => number)[] = [(c) => c],
  prior: "column-major" | "row-major" = "column-major",
): Reading[][] {
  // (A run whose cells ran together around a thousands separator is to be cut, not placed.)
  if (tokens.length !== rows * k || tokens.some((t) => t.kind === "num" && Number.isNaN(numberOf(t.raw)))) return [];
  const out: Reading[][] = [];
  const seen = new Set<string>();
  // PDF text reads a labels-first block column by column more often than not: that order is the
  // prior when the identities cannot tell (balance 0 against 1, the 总计-first order 2); a block
  // printed after its first label reads row by row (`prior`).
  for (const columnMajor of [true, false]) {
    for (const [pi, perm] of permute.entries()) {
      const alt: Reading[] = [];
      for (let r = 0; r < rows; r++) {
        const vals: (number | null)[] = [];
        const spans: Span[] = [];
        for (let c = 0; c < k; c++) {
          const t = tokens[columnMajor ? perm(c) * rows + r : r * k + perm(c)]!;
          vals.push(t.kind === "blank" ? null : numberOf(t.raw));
          spans.push({ start: t.start, end: t.end });
        }
        alt.push({ values: vals, spans, cuts: 0, balance: r === 0 ? (columnMajor === (prior === "column-major") ? 0 : 1) + 2 * pi : 0 });
      }
      const key = JSON.stringify(alt.map((a) => a.values));
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(alt);
    }
  }
  return out;
}

/** A row's reading as printed (one value per token), when the tokens fill exactly k columns. */
export function asPrinted(tokens: readonly ValueToken[], k: number): Reading | null {
  if (tokens.length !== k) return null;
  if (tokens.some((t) => t.kind === "num" && Number.isNaN(numberOf(t.raw)))) return null;
  return {
    values: tokens.map((t) => (t.kind === "blank" ? null : numberOf(t.raw))),
    spans: tokens.map((t) => ({ start: t.start, end: t.end })),
    cuts: 0,
    balance: 0,
  };
}

/** Evidence for a row: the label with its values, quoted as one span when they are close together. */
export function rowEvidence(src: SourceText, label: Span, values: readonly Span[], only?: number): Evidence {
  if (only !== undefined) return spanEvidence(src, [label, values[only]!]);
  let first = label.start;
  let last = label.end;
  for (const s of values) {
    if (s.start < first) first = s.start;
    if (s.end > last) last = s.end;
  }
  if (last - first <= 240) return spanEvidence(src, [{ start: first, end: last }]);
  return spanEvidence(src, [label, ...values]);
}

/**
 * How a solved row's cell was read, for the figure's note; null when the cell is not to be given
 * (several readings left and nothing decides between them).
 */
/** How a note on a value cut from a glued run starts. */
export const GLUED_NOTE = "原文数字连在一起";
/** What a note on a value cut one digit to a cell, against the identities, says (`digitByDigit`). */
export const FORCED_NOTE = "每格一位数字，只能拆分为";
/** How a note on a value the identities placed starts (when it was not cut). */
export const IDENTITIES_NOTE = "按勾稽关系";
/** How a note on a 表三 总计 read from a row whose blank cells left no trace starts (tables-gbf.ts). */
export const SPARSE_NOTE = "原文空白格不留痕迹";
/** How a note on a 表三 cell read from a row whose blank cells left a space starts (tables-gbf.ts). */
export const SPACED_NOTE = "原文空白格只留下空格";
/** The note on each cell of a 表三 row printed with no number, on a page whose blanks leave no trace (tables-gbf.ts). */
export const BLANK_ROW_NOTE = "原文这一行没有数字：各栏空白";

export function readingNote(row: SolvedRow, raw: readonly ValueToken[], c: number): { certain: boolean; note?: string } | null {
  const status = row.status[c]!;
  // The note names the run this value was cut from, if it was cut.
  const span = row.reading.spans[c]!;
  const tok = raw.find((t) => t.start <= span.start && t.end >= span.end);
  const glued = tok && tok.kind === "num" && (tok.start !== span.start || tok.end !== span.end) ? `${GLUED_NOTE}（${tok.raw}），` : "";
  const values = row.reading.values.map((v) => v ?? "空").join(" | ");
  if (glued && row.reading.forced && status !== "unread") return { certain: true, note: `${glued}${FORCED_NOTE} ${values}（表内勾稽关系不成立，见提示）` };
  switch (status) {
    case "unread":
      return null;
    case "guess":
      return {
        certain: false,
        note: `${glued}读法不唯一（也可能是 ${row.others[c]!.map((d) => d ?? "空").join("、")}），按${row.reading.why ?? "数字位数最均匀"}的读法取 ${values}，请核对原文`,
      };
    case "plausible":
      return { certain: false, note: `${glued}按表内数据通常的关系（如本年新增的不多于现有总数）推断为 ${values}，请核对原文` };
    case "checkable":
      return {
        certain: false,
        note: `${glued}${IDENTITIES_NOTE}能够核对的读法为 ${values}（另一种读法也不违反勾稽关系，但使总计等栏为空、无从核对），请核对原文`,
      };
    case "prose":
      return { certain: true, note: `${glued}${IDENTITIES_NOTE}和正文中的数字确定为 ${values}` };
    case "identities":
      // A cell printed apart beside cells guessed from a run ("行政许可1256 +342981"): the row the note
      // would quote holds guesses.
      if (!glued && row.status.some((s) => s === "guess" || s === "unread" || s === "plausible" || s === "checkable"))
        return { certain: true, note: `${IDENTITIES_NOTE}确定（同一行其他格的读法不唯一）` };
      return { certain: true, note: `${glued}${IDENTITIES_NOTE}${glued ? "拆分" : "确定"}为 ${values}` };
    default:
      return glued ? { certain: true, note: `${glued}${IDENTITIES_NOTE}拆分为 ${values}` } : { certain: true };
  }
}

/** The warning for a row whose cells could not all be decided; its evidence made only then (mostly there is none). */
export function undecided(
  row: SolvedRow,
  raw: readonly ValueToken[],
  label: string,
  metrics: string[],
  evidence: Evidence | (() => Evidence),
): ReportWarning | null {
  const unread = row.status.map((s, c) => (s === "unread" ? c : -1)).filter((c) => c >= 0);
  if (unread.length === 0) return null;
  const digits = raw
    .filter((t) => t.kind === "num")
    .map((t) => t.raw)
    .join(" ");
  return {
    code: "TABLE_SHAPE",
    metrics,
    message: `“${label}”一行的数字连在一起（${digits}），有${row.possible}种读法合乎勾稽关系，无法确定，其中${unread.length}个数值未读取。`,
    evidence: [typeof evidence === "function" ? evidence() : evidence],
  };
}

/** A figure from a table cell. */
export function cellFigure(
  metric: string,
  slice: string,
  value: number | null,
  unit: string,
  evidence: Evidence,
  how: { certain: boolean; note?: string },
): Figure {
  // Two literal shapes, not spreads: made for every cell of every table (the same keys, in the same order).
  const f: Figure = slice
    ? { metric, slice, value, unit, source: "table", evidence, certain: how.certain }
    : { metric, value, unit, source: "table", evidence, certain: how.certain };
  if (how.note) f.note = how.note;
  return f;
}
