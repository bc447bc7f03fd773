// The tables of the 2019 and 2021 templates: 表二 (第二十条), 表三 (applications, seven applicant
// columns) and 表四 (行政复议/行政诉讼, fifteen columns). Locate the template's labels in order, read
// the cell text after each, solve the table with the identities. Row by row (web pages, pipes,
// a crawl that glued the cells) or labels-first (PDF text) are both just readings to choose from.
import type { Evidence, Figure, ReportWarning } from "../domain.js";
import { readCell, unsignedCells, type ValueToken } from "./cell-text.js";
import { type Accept, digitByDigit, type Reading, readings } from "./cuts.js";
import { spanEvidence } from "./evidence.js";
import { numberingForms } from "./headings.js";
import { identitiesOf, instancesOf } from "./identities.js";
import { type Compact, compactLabel, type Found, lastBefore, locateInOrder } from "./locate.js";
import { metricDef } from "./metrics.js";
import { type Slot, solveTable } from "./solve.js";
import {
  asPrinted,
  BLANK_ROW_NOTE,
  blockAlternatives,
  cellFigure,
  cellTokens,
  readingNote,
  rowEvidence,
  SPACED_NOTE,
  SPARSE_NOTE,
  undecided,
} from "./table-read.js";
import {
  APPLICANT_COLUMNS,
  APPLICATION_HEADER,
  APPLICATION_ROWS,
  ART20_HEADER_ITEMS,
  ART20_HEADERS_2019,
  ART20_HEADERS_2021,
  ART20_ROWS,
  ART20_UNITS,
  MERGED_ORGS,
  REVIEW_COLUMNS,
  REVIEW_HEADER,
  type RowDef,
  TOTAL_WORDS,
} from "./template.js";
import type { SourceText, Span } from "./text.js";

export type Generation = "gbf2019" | "gbf2021";

export interface TableResult {
  figures: Figure[];
  warnings: ReportWarning[];
  /** Where the table is in the text (left out of the prose). */
  span: Span;
  /**
   * The table left a row's cells blank, and the page glued its cells together (a crawl that
   * dropped the separators): a blank cell then leaves no trace in a glued run, so no cut of one
   * is sure.
   */
  blankCells?: boolean;
  /**
   * The table marks blank cells "-" (表三 and 表四 have no signed values): 第二十条's 本年增/减 then
   * reads a glued "-" as a mark as well as a sign ("行政强制27-105" is 27 | 空 | 105 or 27 | -10 | 5).
   */
  hyphenMarks?: boolean;
  /**
   * 表三 showed its blanks are marked with spaces (cells side by side glued, a blank's space
   * between), and a row so read held with the identities of its columns: 表四 may be read so too.
   */
  spacesMarkBlanks?: boolean;
}

/**
 * A number read with a minus sign.
 */
function signedNumbers(cells: readonly (readonly ValueToken[])[]): boolean {
  return cells.some((row) => row.some((t) => t.kind === "num" && t.raw.startsWith("-")));
}

/** A blank cell marked "-" (or "--"…) among the cells. */
function hyphenBlanks(text: string, cells: readonly (readonly ValueToken[])[]): boolean {
  return cells.some((row) => row.some((t) => t.kind === "blank" && /^-+$/.test(text.slice(t.start, t.end))));
}

/** Cells of 表三 or 表四, as printed, marked blank with "-": a "-" alone, or one before digits (those tables have no signs). */
function hyphenMarked(text: string, cells: readonly (readonly ValueToken[])[]): boolean {
  return signedNumbers(cells) || hyphenBlanks(text, cells);
}

/**
 * A row whose numbers stand apart (a line or a cell each) yet are fewer than its columns: the page
 * leaves cells blank with no mark ("88 / 29 / 2 / 5 / 10 / 134" for seven). A lone number of another
 * row is then one cell, not a run to cut: "行政许可 409" had read 4 | 0 | 9, sure.
 */
export function shortRowsApart(cells: readonly (readonly ValueToken[])[], width: (i: number) => number): boolean {
  return cells.some((row, i) => {
    const nums = row.filter((t) => t.kind === "num");
    return nums.length >= 2 && row.length < width(i) && nums.slice(1).every((t) => t.gap >= 2);
  });
}

/**
 * A row whose numbers stand apart, one space or more ("79 1 13 84" for seven cells), that no cut of
 * them fills: the page leaves cells blank (a crawl keeps a blank cell's &nbsp; as one space). Then
 * no glued run elsewhere is sure either ("行政强制 490" had read 4 | 9 | 0, sure). A row with a cut
 * that fits ("500000 5") says nothing.
 */
function tooFewToCut(cells: readonly (readonly ValueToken[])[], width: number, accept: Accept): boolean {
  return cells.some((row) => {
    const nums = row.filter((t) => t.kind === "num");
    return nums.length >= 2 && row.length < width && nums.slice(1).every((t) => t.gap >= 1) && readings(row, width, accept).length === 0;
  });
}

/**
 * A row printed with no value, followed by a row whose values are glued to its label: the page
 * leaves cells blank and runs cells together ("行政许可第二十条第（六）项…行政处罚3247"). (A —— glued
 * to a value, one blank cell or two, is no such trace: its readings count both, see `cells`.)
 */
export function blankBeforeGlued(cells: readonly (readonly ValueToken[])[], isHeading: (i: number) => boolean): boolean {
  for (let i = 0; i + 1 < cells.length; i++) {
    if (cells[i]!.length > 0 || isHeading(i)) continue;
    const next = cells.slice(i + 1).find((t) => t.length > 0);
    if (next && next[0]!.kind === "num" && next[0]!.gap === 0) return true;
  }
  return false;
}

interface Ctx {
  src: SourceText;
  c: Compact;
  proseNumbers: (exclude: Span[]) => Set<string>;
}

/** A located row waiting for its values (printed labels-first, its numbers come after a later label). */
interface Pending {
  row: RowDef;
  found: Found;
}

// ── locating the tables ─────────────────────────────────────────────────────────────────────────

/** 表三's first two rows' words, as forms print them (本年度新收, 上年度结转). */
const FIRST_ROW = /本年度?新收/g;
const SECOND_ROW = /上(?:一)?年度?结转/g;

/** Where 表三 starts: its first row label, followed soon by its second. */
export function findApplications(c: Compact): number {
  FIRST_ROW.lastIndex = 0;
  for (let m = FIRST_ROW.exec(c.s); m; m = FIRST_ROW.exec(c.s)) {
    SECOND_ROW.lastIndex = m.index;
    const second = SECOND_ROW.exec(c.s);
    if (second && second.index - m.index < 800) return m.index;
  }
  return -1;
}

/** The generation from 表二's column headers, else from 表三's (六)其他处理 split in three. */
export function detectGeneration(c: Compact, from: number, to: number): Generation | null {
  const region = c.s.slice(Math.max(0, from), Math.max(from, to));
  if (ART20_HEADERS_2021.some((h) => region.includes(compactLabel(h)))) return "gbf2021";
  if (ART20_HEADERS_2019.some((h) => region.includes(compactLabel(h)))) return "gbf2019";
  if (/逾期不补正|逾期未按收费/.test(region)) return "gbf2021";
  return null;
}

// ── 表三 ──────────────────────────────────────────────────────────────────────────────────────

const K3 = APPLICANT_COLUMNS.length;
const SLICES3 = APPLICANT_COLUMNS.map((c) => (c === "total" ? "" : c));

/** A cut that makes a count a fraction is no reading of it ("0.0014" is no 0.0014 件): 表三 and 表四 count 件. */
const counts = (v: readonly (number | null)[]) => {
  for (let i = 0; i < v.length; i++) if (v[i] !== null && !Number.isInteger(v[i])) return false;
  return true;
};

/**
 * 总计 = the applicant columns before it (a row whose digits ran together is cut only this way),
 * for a table of `width` columns: the form's seven, or three (自然人 | 法人或其他组织 | 总计).
 */
function sumsTo(width: number): Accept {
  return (v, complete) => {
    if (!counts(v)) return false;
    if (!complete) return true;
    if (v.length !== width) return false;
    let parts = 0;
    for (let i = 0; i < width - 1; i++) parts += v[i] ?? 0;
    return v[width - 1] === null || Math.abs(parts - v[width - 1]!) < 1e-6;
  };
}
const rowSum = sumsTo(K3);
/**
 * 表三 with the organisations in one column, as some bodies print it: 自然人 | 法人或其他组织 | 总计.
 * Its rows had been read as a table of totals only, each row's three cells as one number ("9211"
 * for 9 | 2 | 11), sure.
 */
const SLICES_MERGED = ["natural_person", MERGED_ORGS, ""];

/** Header words of 表三, whole or as PDF text breaks them ("商 业 企 / 业"): they may stand among the values of a block. */
const APP_WORDS = new RegExp(
  [...APPLICATION_HEADER, "其他", ...TOTAL_WORDS, "商业", "企业", "科研", "机构", "社会", "公益", "组织", "法律", "服务", "法人"]
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "g",
);
const isAppHeader = (t: string) => t.replace(/[\s()]/g, "").replace(APP_WORDS, "") === "";

/** The header's names of the applicant columns, two of them together (compact text). */
const APPLICANT_HEADER_WORDS =
  /自然人[^\d]{0,40}(?:商业企业|科研机构|社会公益组织|法律服务机构)|(?:商业企业|科研机构|社会公益组织|法律服务机构)[^\d]{0,40}自然人/;
/** A header of the three columns (SLICES_MERGED): 自然人, 法人或其他组织, 总计, and no organisation apart. */
const MERGED_HEADER = /自然人[^\d]{0,6}法人或其他组织[^\d]{0,6}(?:总计|合计)/;

/** Read 表三 from its first row label. */
export function readApplications(ctx: Ctx, start: number, generation: Generation): TableResult {
  const { src, c } = ctx;
  const rows = APPLICATION_ROWS;
  const found = locateInOrder(
    c,
    rows.map((r) => ({ label: r.label, aliases: r.aliases, floating: r.heading || r.metric === "requests.result.other", ...(r.num ? { num: r.num } : {}) })),
    start,
    Math.min(c.s.length, start + 8000),
    1500,
  );
  const split2021 = found.some((f, i) => f && rows[i]!.only === "gbf2021");
  const isHeading = (r: RowDef) => r.heading || (r.metric === "requests.result.other" && split2021);
  const located = rows
    .map((row, i) => ({ row, found: found[i]! }))
    .filter((x) => x.found)
    .sort((a, b) => a.found.start - b.found.start);
  for (let i = 0; i + 1 < located.length; i++) located[i]!.found = lastBefore(c, located[i]!.found, located[i + 1]!.found.cs, located[i]!.row.num);
  const warnings: ReportWarning[] = [];
  const end = located.length ? located[located.length - 1]!.found.end : start;
  const swapped = swappedRows(c, rows, found, located);

  // Cell tokens of every located label: up to the next label, its numbering peeled off.
  const asOnPage = located.map((x, i) => {
    const next = located[i + 1];
    const stop = next ? next.found.start : Math.min(src.text.length, x.found.end + 4000);
    return cellTokens(src.text, x.found.end, stop, next?.row.num, isAppHeader, !next);
  });
  const cells = asOnPage.map(unsignedCells);

  // Width: a table of totals only (one value per row) is rare but real. Not under a header that
  // names the applicant columns: there one number a row is a row whose cells ran together, their
  // blanks gone with the separators (a crawled page: 自然人 3, 其他 1, 总计 4 printed "314").
  const withValues = cells.filter((t) => t.length > 0);
  const header = located.length > 0 ? c.s.slice(Math.max(0, located[0]!.found.cs - 400), located[0]!.found.cs) : "";
  const headed = APPLICANT_HEADER_WORDS.test(header);
  const merged = !headed && MERGED_HEADER.test(header);
  const width = merged
    ? SLICES_MERGED.length
    : !headed && withValues.length >= 5 && withValues.every((t) => t.length === 1 && t[0]!.raw.replace(/\D/g, "").length <= 4)
      ? 1
      : K3;
  const slices = width === 1 ? [""] : merged ? SLICES_MERGED : SLICES3;
  const sums = width === K3 ? rowSum : merged ? sumsTo(width) : undefined;

  // The page leaves cells blank and the crawl left no trace of them (see `sparseTotals`).
  const blankCells =
    blankBeforeGlued(cells, (i) => isHeading(located[i]!.row)) ||
    (sums !== undefined && (shortRowsApart(cells, () => width) || tooFewToCut(cells, width, sums)));
  const sparse = new Set<Slot>();
  /** Rows read with blanks where the page left spaces (see `sparseRow`). */
  const spaced = new Set<Slot>();
  // The table marks its blanks with spaces when a row of it glues cells side by side and sets
  // numbers apart, and only blanks in those spaces make it add up ("82135 21859"). (Cells apart
  // everywhere — a line or a block each, or ending in &nbsp; — say nothing: a space there may be
  // any two cells', and glued digits of a page that leaves no trace may hide blanks anywhere.)
  // (Each row's readings so made once: the search is the costly part.)
  const spacedOf = blankCells && width === K3 ? cells.map(spacedReadings) : [];
  const spacesMarkBlanks = spacedOf.some((r) => r.length > 0 && !cellsApart(r));
  /** Rows with no number on such a page: blank, every cell (0 for the checks, not given). */
  const blankRows = new Set<string>();

  const slots: Slot[] = [];
  const slotTokens = new Map<Slot, ValueToken[]>();
  const labelOf = new Map<string, Found>();
  let pending: Pending[] = [];
  let pendingHeadings: Pending[] = [];
  const taken = new Set<Pending>();
  located.forEach((x, i) => {
    const tokens = cells[i]!;
    labelOf.set(x.row.metric, x.found);
    if (swapped.has(x)) {
      warnings.push({
        code: "TABLE_SHAPE",
        metrics: [x.row.metric, ...pending.map((p) => p.row.metric)],
        message: `表三“${shortLabel(x.row)}”与前一行的标签在文字中次序颠倒，其后的数值属于哪一行无法确定，未读取。`,
        evidence: [spanEvidence(src, [x.found])],
      });
      pending = [];
      return;
    }
    if (taken.has(x)) return;
    if (tokens.length === 0) {
      if (isHeading(x.row)) pendingHeadings.push(x);
      else pending.push(x);
      return;
    }
    // The values of several rows between the first label and the next ones (pdftotext's stream
    // order: "1.申请人无正当理由… 0 0 0 0 0 0 0 0 0 0 0 0 0 0 2.申请人逾期…"): those rows' in turn,
    // when the labels after it have no values of their own.
    const m = tokens.length / width;
    const rest = located.slice(i + 1, i + m);
    if (
      pending.length === 0 &&
      Number.isInteger(m) &&
      m > 1 &&
      rest.length === m - 1 &&
      rest.every((r, j) => !isHeading(r.row) && cells[i + 1 + j]!.length === 0)
    ) {
      const alts = blockAlternatives(tokens, m, width, undefined, "row-major");
      if (alts.length > 0) {
        for (const r of rest) taken.add(r);
        const slot: Slot = { metrics: [x, ...rest].map((p) => p.row.metric), alternatives: alts };
        slots.push(slot);
        slotTokens.set(slot, tokens);
        return;
      }
    }
    let group: Pending[] = [...pending, x];
    // A heading with its subtotal printed is a row like any other.
    if (isHeading(x.row) && pending.length === 0 && x.row.metric) group = [x];
    else if (isHeading(x.row) && !x.row.metric) group = pending;
    const withHeadings = [...pending, ...pendingHeadings.filter((h) => h.row.metric), x].sort((a, b) => a.found.start - b.found.start);
    pending = [];
    pendingHeadings = [];
    if (group.length === 0) return;
    let slot: Slot | null = null;
    // On a page whose blank cells left no trace, rows before this one with no number are blank,
    // not printed labels-first: this row's numbers are its own.
    const sparseRow = () => {
      if (!blankCells || width !== K3) return null;
      // A blank cell that left a space (&nbsp;, crawled), where the table shows it does: blanks
      // stand where the numbers are apart, glued digits are cells side by side ("82135 21859" is
      // 821 | 35 | 空 | 空 | 2 | 1 | 859; then "18 18" is 18 | 空 × 5 | 18).
      const apart = spacesMarkBlanks ? spacedOf[i]! : [];
      if (apart.length > 0) {
        for (const p of group.slice(0, -1)) if (!isHeading(p.row)) blankRows.add(p.row.metric);
        const one: Slot = { metrics: [x.row.metric], alternatives: apart.map((r) => [r]) };
        spaced.add(one);
        return one;
      }
      const alternatives = sparseTotals(tokens);
      if (alternatives.length === 0) return null;
      for (const p of group.slice(0, -1)) if (!isHeading(p.row)) blankRows.add(p.row.metric);
      const one: Slot = { metrics: [x.row.metric], alternatives: alternatives.map((r) => [r]) };
      sparse.add(one);
      return one;
    };
    if (group.length === 1) {
      const alternatives = rowReadings(tokens, width, sums);
      // A row cut one digit to a cell against its sum, on a page that leaves blanks: its blanks, not
      // a misprint ("2171218" is 217 | 1 | … | 218, not 2 | 1 | 7 | 1 | 2 | 1 | 8, which is then dropped).
      const forcedOnly = alternatives.length === 1 && alternatives[0]!.forced === true;
      if (forcedOnly && blankCells && group[0] === x) slot = sparseRow();
      if (!slot && alternatives.length) slot = { metrics: [group[0]!.row.metric], alternatives: alternatives.map((r) => [r]) };
      else if (!slot && group[0] === x) slot = sparseRow();
    } else {
      // A labels-first block: the numbers of every pending row come after the last label.
      let rowsIn = group;
      if (tokens.length !== group.length * width && tokens.length === withHeadings.length * width) rowsIn = withHeadings;
      // PDF text sometimes prints the 总计 column before 其他: the identities decide.
      const totalBefore = (c2: number) => (c2 === 5 ? 6 : c2 === 6 ? 5 : c2);
      const alts = blockAlternatives(tokens, rowsIn.length, width, width === K3 ? [(c2) => c2, totalBefore] : [(c2) => c2]);
      if (alts.length) slot = { metrics: rowsIn.map((p) => p.row.metric), alternatives: alts };
      else if (tokens.length === width && tokens.every((t) => t.gap > 0) && group.every((p) => rows.indexOf(p.row) <= rows.indexOf(x.row))) {
        // Only this row's values, each in its own cell: the rows before it printed none. (Fewer
        // runs than cells after labels printed first is a block whose values ran together: unread.
        // Labels out of the form's order — "(七)总计 3.其他 5 1 0 0 0 0 6" — say the text was
        // reordered: whose values these are is not known.)
        const printed = asPrinted(tokens, width);
        if (printed) slot = { metrics: [x.row.metric], alternatives: [[printed]] };
      }
      if (!slot && group[group.length - 1] === x) slot = sparseRow();
    }
    if (!slot) {
      warnings.push({
        code: "TABLE_SHAPE",
        metrics: group.map((p) => p.row.metric),
        message:
          group.length === 1 && tokens.length === 1
            ? `表三“${shortLabel(group[0]!.row)}”一行的数字连在一起（${tokens[0]!.raw}），没有一种分到${width}列的读法合乎勾稽关系，未读取。`
            : `表三${group.map((p) => `“${shortLabel(p.row)}”`).join("")}处读到${tokens.length}个数值，与${group.length}行×${width}列对不上，未读取。`,
        evidence: [spanEvidence(src, [group[0]!.found, { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end }])],
      });
      return;
    }
    slots.push(slot);
    slotTokens.set(slot, tokens);
  });
  // Rows whose values never came: said, not guessed (on a page of untraced blanks: blank).
  if (blankCells && width === K3 && sparse.size > 0) {
    for (const p of pending) blankRows.add(p.row.metric);
    pending = [];
  }
  if (pending.length > 0) {
    warnings.push({
      code: "TABLE_SHAPE",
      metrics: pending.map((p) => p.row.metric),
      message: `表三${pending.map((p) => `“${shortLabel(p.row)}”`).join("")}之后没有读到数值，未读取。`,
      evidence: [spanEvidence(src, [pending[0]!.found])],
    });
  }

  const solved = solveTable({
    slots,
    slices,
    identities: identitiesOf(generation),
    proseNumbers: () => ctx.proseNumbers([{ start: located[0]?.found.start ?? start, end }]),
  });
  // A 总计 read from a row of untraced blanks is sure when an identity of the 总计 column holds with
  // it (一 + 二 = 三(七) + 四, 不予公开 = its eight…), the blank rows counting 0.
  // So is a cell of a row read with blanks where the page left spaces, when an identity of its
  // column holds with it, its blanks counting 0.
  const slotOfRow = (metric: string) => slots.find((sl) => sl.metrics.includes(metric));
  const solvedRow = new Map(solved.map((r) => [r.metric, r]));
  const cellOf = (m: string, sl: string): number | null | undefined => {
    const row = solvedRow.get(m);
    if (!row) return blankRows.has(m) ? 0 : undefined;
    const slot = slotOfRow(m)!;
    if (sparse.has(slot)) return sl === "" ? row.reading.values[K3 - 1] : undefined;
    const v = row.reading.values[slices.indexOf(sl)];
    return v === null && spaced.has(slot) ? 0 : v;
  };
  const checks = sparse.size + spaced.size > 0 ? instancesOf(identitiesOf(generation), { slices, metrics: [...solvedRow.keys(), ...blankRows] }) : [];
  const confirmed = (metric: string, slice: string) =>
    checks.some((inst) => {
      const o = inst.run(cellOf, true);
      return o?.holds === true && o.cells.some(([m, sl]) => m === metric && sl === slice);
    });
  const totalConfirmed = (metric: string) => confirmed(metric, "");
  const valueRows = located.filter((x) => !isHeading(x.row)).length;
  const unreadRows = new Set(warnings.flatMap((w) => w.metrics)).size;
  const shaky = unreadRows * 3 >= valueRows;
  const figures: Figure[] = [];
  let uncertain = 0;
  for (const row of solved) {
    const slot = slots.find((s) => s.metrics.includes(row.metric))!;
    const tokens = slotTokens.get(slot)!;
    const label = labelOf.get(row.metric)!;
    const unit = metricDef(row.metric)?.unit ?? "件";
    const block = slot.metrics.length > 1;
    // The row's evidence, made once: every cell of a row that is not a block quotes the whole row.
    let whole: Evidence | undefined;
    const rowWhole = () => (whole ??= rowEvidence(src, label, row.reading.spans));
    if (sparse.has(slot)) {
      const decided = row.status[K3 - 1] === "printed" || row.status[K3 - 1] === "identities" || row.status[K3 - 1] === "prose";
      const certain = decided && totalConfirmed(row.metric);
      const digits = tokens.map((t) => t.raw).join(" ");
      const note = `${SPARSE_NOTE}，数字连在一起（${digits}），各类申请人的数字对应哪一列无法确定；总计为其余各数之和，读为 ${row.reading.values[K3 - 1]}${certain ? "，与表内勾稽关系相符" : "，请核对原表"}`;
      if (!certain) uncertain++;
      figures.push(cellFigure(row.metric, "", row.reading.values[K3 - 1]!, unit, rowWhole(), { certain, note }));
      continue;
    }
    if (spaced.has(slot)) {
      const values = row.reading.values.map((v) => v ?? "空").join(" | ");
      row.reading.values.forEach((v, col) => {
        const status = row.status[col]!;
        if (status === "unread") return;
        // (Not when the row had more readings than the solver weighs: the one it took was among the likeliest only.)
        const certain =
          (status === "printed" || status === "identities" || status === "prose") && slot.alternatives.length <= 60 && confirmed(row.metric, slices[col]!);
        const note = `${SPACED_NOTE}（${tokens.map((t) => t.raw).join(" ")}）：连在一起的数字是相邻的格，空格处是空白格，读为 ${values}${certain ? "，与表内勾稽关系相符" : "，请核对原表"}`;
        if (!certain) uncertain++;
        figures.push(cellFigure(row.metric, slices[col]!, v, unit, rowWhole(), { certain, note }));
      });
      continue;
    }
    let rowSure = true;
    row.reading.values.forEach((v, col) => {
      let how = readingNote(row, tokens, col);
      if (!how) return;
      // A block whose rows were given by the order of labels and numbers, in a table most of whose
      // rows could not be read: that order is not to be trusted, even where the identities hold.
      if (block && how.certain && shaky) how = { certain: false, note: "表三文字次序混乱，多行未能读取；此处按标签与数字的先后推断，请核对原表" };
      // A row found by its numbering only: its place is sure, what it counts is not.
      if (label.byNumber)
        how = {
          certain: false,
          note: `该行文字与模板不同（原文“${src.text.slice(label.start, label.end).replace(/\s+/g, "")}”），按编号读为“${metricDef(row.metric)?.label ?? row.metric}”，请核对原表${how.note ? `；${how.note}` : ""}`,
        };
      if (!how.certain) uncertain++, (rowSure = false);
      const evidence = block ? rowEvidence(src, label, row.reading.spans, col) : rowWhole();
      figures.push(cellFigure(row.metric, slices[col]!, v, unit, evidence, how));
    });
    const w = undecided(row, tokens, metricDef(row.metric)?.label ?? row.metric, [row.metric], rowWhole);
    if (w) warnings.push(w);
    // 总计 blank (printed so): the six columns' sum beside it, as derived.
    const vals = row.reading.values;
    if (width === K3 && vals[6] === null && vals.slice(0, 6).some((v) => v !== null)) {
      figures.push({
        metric: row.metric,
        value: vals.slice(0, 6).reduce<number>((a, v) => a + (v ?? 0), 0),
        unit,
        source: "derived",
        evidence: rowWhole(),
        // No surer than the cells it adds up (a blank read into the wrong column had made it sure).
        certain: rowSure,
        note: rowSure ? "表中总计栏空白，此为六类申请人之和" : "表中总计栏空白，此为六类申请人之和；各栏读法不唯一，请核对原表",
      });
    }
  }
  // A row with no number on a page whose blanks leave no trace is printed blank, every cell: its
  // 总计 is given as blank, as a row of untraced blanks gives its 总计 only (an answer to
  // "因国家秘密不予公开多少件" had fallen back to 不予公开's whole).
  for (const metric of blankRows) {
    if (solvedRow.has(metric)) continue;
    const evidence = spanEvidence(src, [labelOf.get(metric)!]);
    figures.push(cellFigure(metric, "", null, metricDef(metric)?.unit ?? "件", evidence, { certain: true, note: BLANK_ROW_NOTE }));
  }
  if (uncertain > 0) {
    warnings.push({
      code: "ORIENTATION_GUESSED",
      metrics: [...new Set(figures.filter((f) => !f.certain).map((f) => f.metric))],
      message: `表三有${uncertain}个数值的读法无法用勾稽关系唯一确定，已按最可能的读法取值并标为不确定，请核对原表。`,
    });
  }
  const lastToken = cells[cells.length - 1]?.[cells[cells.length - 1]!.length - 1];
  return {
    figures,
    warnings,
    span: { start: located[0]?.found.start ?? start, end: Math.max(end, lastToken?.end ?? end) },
    blankCells,
    hyphenMarks: hyphenMarked(src.text, asOnPage),
    spacesMarkBlanks: figures.some((f) => f.certain && f.value !== null && f.note?.startsWith(SPACED_NOTE)),
  };
}

/**
 * Rows whose label follows, with no value between, the label of a row the form puts after it
 * ("(七)总计 3.其他 5 1 0 0 0 0 6": PDF text that printed two labels out of order). The row the
 * template order did not find there (总计) was never located; the values after the pair are either
 * row's, so the located one (3.其他) must not take them.
 */
function swappedRows<T extends { row: RowDef; found: Found }>(
  c: Compact,
  rows: readonly RowDef[],
  found: readonly (Found | null)[],
  located: readonly T[],
): Set<T> {
  const out = new Set<T>();
  if (located.length < 2) return out;
  const from = located[0]!.found.cs;
  const to = located[located.length - 1]!.found.ce;
  rows.forEach((row, i) => {
    if (found[i] || row.heading || !row.num) return;
    for (const form of numberingForms(row.num)) {
      const at = c.s.indexOf(form + compactLabel(row.label), from);
      if (at < 0 || at >= to) continue;
      const labelEnd = at + form.length + compactLabel(row.label).length;
      const next = located.find((x) => x.found.cs >= labelEnd);
      if (next && rows.indexOf(next.row) < i && /^[^\d]*$/.test(c.s.slice(labelEnd, next.found.cs))) out.add(next);
      return;
    }
  });
  return out;
}

/**
 * Readings with blanks in a row's spaces that leave every number a cell of its own: the spaces may
 * as well be the page's between any two cells (cells a line or a block each, or ending in &nbsp;),
 * and the blanks anywhere. Blanks are read from spaces only where the row glues cells side by side
 * ("5 278 19"): "6 2 8" had read 6 | 空 | 2 | 空 | 8 in 表四, sure.
 */
function cellsApart(readings: readonly Reading[]): boolean {
  return readings.some((r) => r.cuts === 0);
}

/** A 表三 row's readings with blanks where it has spaces (none for a block's run of numbers). */
function spacedReadings(tokens: readonly ValueToken[]): Reading[] {
  const digits = tokens.reduce((n, t) => n + t.raw.length, 0);
  if (!tokens.slice(1).some((t) => t.gap > 0) || digits > 35) return [];
  return readings(tokens, K3, rowSum, undefined, { gapBlanks: true, leadingBlanks: true });
}

/**
 * A 表三 row on a page whose blank cells left no trace (a crawl of a page that leaves zeros empty:
 * "一、本年新收…82135 21859" is 821 | 35 | 空 | 空 | 2 | 1 | 859): its numbers are its filled cells in
 * order, the last its 总计, the sum of the others. Which applicant each part is cannot be told; the
 * 总计 can. One reading per 总计 the digits allow, its six parts unknown (null, not given).
 */
function sparseTotals(tokens: readonly ValueToken[]): Reading[] {
  if (tokens.length === 0 || tokens.some((t) => t.kind !== "num")) return [];
  const byTotal = new Map<number, Reading>();
  for (let k = Math.max(2, tokens.length); k < K3; k++) {
    const accept: Accept = (v, complete) => {
      if (!v.every((x) => x !== null && Number.isInteger(x) && x > 0)) return false;
      if (!complete) return true;
      return v[k - 1] === v.slice(0, -1).reduce<number>((a, x) => a + x!, 0);
    };
    for (const r of readings(tokens, k, accept)) {
      const total = r.values[k - 1]!;
      const had = byTotal.get(total);
      if (had && had.balance <= r.balance) continue;
      const all = { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end };
      byTotal.set(total, {
        values: [...Array<null>(K3 - 1).fill(null), total],
        spans: [...Array<Span>(K3 - 1).fill(all), r.spans[k - 1]!],
        cuts: r.cuts,
        balance: r.balance,
      });
    }
  }
  return [...byTotal.values()];
}

/** A single row's readings: as printed, or its glued digits cut where 总计 = the six columns. */
function rowReadings(tokens: readonly ValueToken[], width: number, sums?: Accept): Reading[] {
  const printed = asPrinted(tokens, width);
  if (printed) return [printed];
  // A row printed with its six applicant columns and a blank 总计 (上海 2019 left them empty).
  // Not when the sixth is the sum of the five before it: then it is the 总计, and one applicant
  // column is the blank ("88 29 2 5 10 134" had read 总计 blank, sure).
  if (width === K3 && tokens.length === 6 && tokens.every((t) => t.gap > 0 || t === tokens[0])) {
    const six = asPrinted(tokens, 6);
    const sumsUp = six !== null && six.values[5] === six.values.slice(0, 5).reduce<number>((a, v) => a + (v ?? 0), 0);
    if (!sumsUp && six?.values.slice(0, 6).every((v) => v !== null) && tokens.every((t) => t.raw.length <= 3)) {
      return [{ ...six, values: [...six.values, null], spans: [...six.spans, six.spans[5]!] }];
    }
  }
  const cut = readings(tokens, width, sums);
  // 总计 ≠ the six columns, one digit to a cell: the row as printed (the checks say it does not add up).
  const forced = cut.length === 0 ? digitByDigit(tokens, width) : null;
  return forced ? [forced] : cut;
}

function shortLabel(r: RowDef): string {
  return r.label.replace(/\(.*$/, "").slice(0, 16);
}

// ── 表四 ──────────────────────────────────────────────────────────────────────────────────────

/** 表四's header words, whole or as PDF text breaks them ("结 果 / 维持"). */
const REVIEW_WORDS = new RegExp(
  [...REVIEW_HEADER, "结果", "维持", "纠正", "其他", "其它", "尚未", "未审结", "审结", "未经复议", "直接起诉", "行政", "复议", "诉讼", "起诉", "总", "合", "计"]
    .sort((a, b) => b.length - a.length)
    .join("|"),
  "g",
);

/**
 * Each of the three groups: 维持 + 纠正 + 其他 + 尚未审结 = 总计, checked as soon as a group is cut. A
 * blank part counts 0 (the page's mark for none), as in 表三's rows; a blank 总计 checks nothing.
 * (Blank parts had been let pass unchecked: "11——23120—…" then had sixty readings, 11 | 空 | 空 | 2 | 3
 * among them.)
 */
const groupSums: Accept = (v) => {
  if (!counts(v)) return false;
  for (let g = 0; g + 5 <= v.length; g += 5) {
    const total = v[g + 4];
    if (total === null) continue;
    const parts = (v[g] ?? 0) + (v[g + 1] ?? 0) + (v[g + 2] ?? 0) + (v[g + 3] ?? 0);
    if (Math.abs(parts - total!) > 1e-6) return false;
  }
  return true;
};

/**
 * `groupSums`, and a group with a number among its parts has its 总计: where blanks are read from
 * the page's spaces, a blank 总计 would let any parts pass ("5 278 19" had read 5 | 2 | 7 | 8 | 空).
 */
const groupTotalsPrinted: Accept = (v, complete) => {
  if (!groupSums(v, complete)) return false;
  for (let g = 0; g + 5 <= v.length; g += 5)
    if (v[g + 4] === null && (v[g] !== null || v[g + 1] !== null || v[g + 2] !== null || v[g + 3] !== null)) return false;
  return true;
};

/** 表四's three groups, each 维持 | 纠正 | 其他 | 尚未审结 | 总计, by the prefix of their metrics. */
const REVIEW_GROUPS = ["review", "litigation.direct", "litigation.after_review"] as const;

/**
 * 表四 on a page whose blank cells left no trace ("5 278 19" for 5 | 空 | 空 | 2 | 7 | 8 | 空 | 空 | 1 |
 * 9 | 空 × 5): its numbers are the filled cells in order, each group's parts and then its 总计, their
 * sum; a group of none is all blank. The totals of the groups found, when every cut of the digits
 * gives the same; which parts they are is not known, nor, with fewer than three groups, which
 * groups they are (`sure` is false). Null when the digits allow no such reading.
 */
function sparseGroups(tokens: readonly ValueToken[]): { totals: number[]; spans: Span[]; sure: boolean } | null {
  if (tokens.length === 0 || tokens.some((t) => t.kind !== "num")) return null;
  const outcomes = new Map<string, { totals: number[]; spans: Span[] }>();
  // Each group: 1–4 parts and their sum; at most three groups.
  const groups = (v: readonly (number | null)[], from: number, found: number[], ends: number[]): number[][] => {
    if (from === v.length) return [ends];
    if (found.length === REVIEW_GROUPS.length) return [];
    const out: number[][] = [];
    let sum = 0;
    for (let j = from; j < v.length - 1 && j - from < 4; j++) {
      sum += v[j]!;
      if (v[j + 1] === sum) out.push(...groups(v, j + 2, [...found, sum], [...ends, j + 1]));
    }
    return out;
  };
  for (let n = Math.max(2, tokens.length); n <= 15; n++) {
    const accept: Accept = (v) => v.every((x) => x !== null && Number.isInteger(x) && x > 0);
    for (const r of readings(tokens, n, accept)) {
      for (const ends of groups(r.values, 0, [], [])) {
        const totals = ends.map((e) => r.values[e]!);
        outcomes.set(totals.join(","), { totals, spans: ends.map((e) => r.spans[e]!) });
      }
      if (outcomes.size > 1) return null;
    }
  }
  const [one] = [...outcomes.values()];
  return one ? { ...one, sure: one.totals.length === REVIEW_GROUPS.length } : null;
}

/** Read 表四: its header words, then one row of fifteen values. */
export function readReview(ctx: Ctx, from: number, generation: Generation, spacesMarkBlanks = false): TableResult | null {
  const { src, c } = ctx;
  // The header: the first place after 表三 where several of its words stand together (PDF text may
  // print them one character column at a time, "结 果 / 维持"): the values are the first numbers after it.
  const words = REVIEW_HEADER.filter((w) => !(TOTAL_WORDS as readonly string[]).includes(w));
  let headStart = -1;
  for (let at = c.s.indexOf("复议", from); at >= 0 && at - from < 4000; at = c.s.indexOf("复议", at + 2)) {
    const near = c.s.slice(Math.max(0, at - 8), at + 80);
    if (words.filter((w) => near.includes(w)).length >= 3) {
      headStart = Math.max(0, at - 8);
      break;
    }
  }
  if (headStart < 0) return null;
  // Quote the header from the start of its line (the heading "四、…"), when that is near.
  let headEnd = c.at[headStart]!;
  const lineStart = src.text.lastIndexOf("\n", headEnd) + 1;
  if (headEnd - lineStart <= 40 && !/\d/.test(src.text.slice(lineStart, headEnd))) headEnd = lineStart;
  // Converted documents print each group as its own small table with the header words again.
  const headerWord = (t: string) => t.replace(/[\s()（）#|]/g, "").replace(REVIEW_WORDS, "") === "";
  const found = cellTokens(src.text, headEnd, Math.min(src.text.length, headEnd + 2500), undefined, headerWord);
  // Numbers only after the next part's heading ("五、…2020年") are the prose's: the table was left
  // all blank, and its row has none.
  const nextPart = found.length > 0 && /[五六七八九十][、.．]\s*[\u4e00-\u9fff]{2}/.test(src.text.slice(headEnd + 6, found[0]!.start));
  const asOnPage = nextPart ? [] : found;
  const tokens = unsignedCells(asOnPage);
  // Trailing blanks after the row are layout, not cells.
  while (tokens.length > 15 && tokens[tokens.length - 1]!.kind === "blank") tokens.pop();
  // The part's own heading ("四、政府信息公开行政复议、行政诉讼情况") stays in the prose: it opens a section.
  const heading = /^[一二三四五六七八九十]{1,2}[、.][^\n]{0,40}?情况/.exec(src.text.slice(headEnd, headEnd + 60));
  const span = { start: heading ? headEnd + heading[0].length : headEnd, end: tokens.length ? tokens[Math.min(14, tokens.length - 1)]!.end : headEnd };
  const warnings: ReportWarning[] = [];
  let alternatives: Reading[] = [];
  const printed = asPrinted(tokens, 15);
  if (printed) alternatives = [printed];
  else if (tokens.length < 15) alternatives = readings(tokens, 15, groupSums);
  // A group's 总计 that contradicts its parts, its digits glued one to a cell: read as printed.
  const forced = alternatives.length === 0 ? digitByDigit(tokens, 15) : null;
  if (forced) alternatives = [forced];
  // Blank cells that left a space (a Word page's &nbsp;, crawled): blanks only there and after the
  // last number, glued digits cells side by side ("5 278 19": 5 | 空 | 空 | 2 | 7 | 8 | 空 | 空 | 1 | 9 |
  // 空 × 5). A group's parts must still make its 总计.
  const digits = tokens.reduce((n, t) => n + t.raw.length, 0);
  const spaced =
    alternatives.length === 0 && spacesMarkBlanks && tokens.slice(1).some((t) => t.gap > 0) && digits <= 45
      ? readings(tokens, 15, groupTotalsPrinted, undefined, { gapBlanks: true, leadingBlanks: true, trailingBlanks: true })
      : [];
  if (spaced.length > 0 && !cellsApart(spaced)) alternatives = spaced;
  else spaced.length = 0;
  const sparse = alternatives.length === 0 ? sparseGroups(tokens) : null;
  if (sparse) {
    const evidence = spanEvidence(src, [
      { start: headEnd, end: Math.min(headEnd + 40, tokens[0]!.start) },
      { start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end },
    ]);
    const digits = tokens.map((t) => t.raw).join(" ");
    // Fewer than three groups with numbers: which of 行政复议, 直接起诉, 复议后起诉 they are is not
    // known (over generated pages, taking them in order was wrong more often than right).
    // Fewer than three groups with numbers: which they are is not known. Of two, the first is most
    // likely 行政复议 (else both kinds of lawsuit had cases and no review had, which is rarer: 复议后起诉
    // follows a review) and the second then 行政诉讼 in all, whichever kind it is: read so, neither
    // sure. One group alone is as likely a lawsuit as a review (a third of generated pages, more than
    // half wrong read as 行政复议): not read, its total said in a warning.
    if (!sparse.sure) {
      const [review, lawsuits] = sparse.totals;
      if (lawsuits === undefined) {
        warnings.push({
          code: "TABLE_SHAPE",
          metrics: [...REVIEW_COLUMNS],
          message: `表四的数字连在一起（${digits}），空白格不留痕迹：只有一组有数字（总计${review}），属于行政复议还是行政诉讼无法确定，未读取；请以原文为准。`,
          evidence: [evidence],
        });
        return { figures: [], warnings, span, blankCells: true };
      }
      const guess = `只有两组有数字（总计${review}、${lawsuits}），按常见情形把第一组当作行政复议、第二组当作行政诉讼，请核对原表`;
      const note = (total: number) => `${SPARSE_NOTE}，数字连在一起（${digits}），${guess}，读为 ${total}`;
      const figures: Figure[] = [
        cellFigure("review.total", "", review!, "件", evidence, { certain: false, note: note(review!) }),
        { ...cellFigure("litigation.total", "", lawsuits, "件", evidence, { certain: false, note: note(lawsuits) }), source: "derived" },
      ];
      warnings.push({
        code: "ORIENTATION_GUESSED",
        metrics: ["review.total", "litigation.total"],
        message: `表四的数字连在一起（${digits}），空白格不留痕迹：${guess}。`,
        evidence: [evidence],
      });
      return { figures, warnings, span, blankCells: true };
    }
    const note = (total: number) => `${SPARSE_NOTE}，数字连在一起（${digits}），各项结果对应哪一列无法确定；三组的总计各为其前几个数之和，读为 ${total}`;
    const figures = sparse.totals.map((total, g) => cellFigure(`${REVIEW_GROUPS[g]}.total`, "", total, "件", evidence, { certain: true, note: note(total) }));
    const [direct, after] = [figures[1]!, figures[2]!];
    figures.push({
      ...direct,
      metric: "litigation.total",
      value: direct.value! + after.value!,
      source: "derived",
      note: `未经复议直接起诉 ${direct.value} + 复议后起诉 ${after.value}`,
    });
    return { figures, warnings, span, blankCells: true };
  }
  if (alternatives.length === 0) {
    warnings.push({
      code: "TABLE_SHAPE",
      metrics: [...REVIEW_COLUMNS],
      message: `表四（行政复议、行政诉讼）应有15个数值，读到${tokens.length}个${tokens.length < 15 ? "（数字连在一起，无法按勾稽关系唯一拆分）" : ""}，未读取；请以原文为准。`,
      evidence: tokens.length ? [spanEvidence(src, [{ start: span.start, end: tokens[tokens.length - 1]!.end }])] : [],
    });
    return { figures: [], warnings, span };
  }
  const [row] = solveTable({
    slots: [{ metrics: ["review"], alternatives: alternatives.map((r) => [r]) }],
    slices: REVIEW_COLUMNS.map(() => ""),
    identities: identitiesOf(generation),
    proseNumbers: () => ctx.proseNumbers([span]),
    cellOf: (_m, col) => [REVIEW_COLUMNS[col]!, ""],
  });
  const figures: Figure[] = [];
  const first = row!.reading.spans[0]!.start;
  const evidence = spanEvidence(src, [
    { start: headEnd, end: Math.min(headEnd + 40, first) },
    { start: first, end: row!.reading.spans[14]!.end },
  ]);
  const asSpaced = row!.reading.values.map((v) => v ?? "空").join(" | ");
  row!.reading.values.forEach((v, col) => {
    let how = readingNote(row!, tokens, col);
    // (Read with blanks where the page left spaces: never sure. 表三 may show the page marks its
    // blanks so, yet a page whose cells end in &nbsp; here and there shows the same, and 表四's
    // sums do not tell the two apart: "… 4 3 7" had read 纠正 4 | 其他 3 for 其他 4 | 尚未审结 3.)
    if (how && spaced.length > 0)
      how = {
        certain: false,
        note: `${SPACED_NOTE}（${tokens.map((t) => t.raw).join(" ")}）：连在一起的数字是相邻的格，空格处是空白格，读为 ${asSpaced}，请核对原表`,
      };
    if (how) figures.push(cellFigure(REVIEW_COLUMNS[col]!, "", v, "件", evidence, how));
  });
  const w = undecided(row!, tokens, "表四", [...REVIEW_COLUMNS], evidence);
  if (w) warnings.push(w);
  // 行政诉讼 as users mean it: 未经复议直接起诉 + 复议后起诉, per outcome.
  for (const part of ["upheld", "corrected", "other", "pending", "total"]) {
    const a = figures.find((f) => f.metric === `litigation.direct.${part}`);
    const b = figures.find((f) => f.metric === `litigation.after_review.${part}`);
    if (!a || !b || (a.value === null && b.value === null)) continue;
    figures.push({
      metric: `litigation.${part}`,
      value: (a.value ?? 0) + (b.value ?? 0),
      unit: "件",
      source: "derived",
      evidence: a.evidence,
      certain: a.value !== null && b.value !== null && a.certain && b.certain,
      note: `未经复议直接起诉 ${a.value ?? "空"} + 复议后起诉 ${b.value ?? "空"}`,
    });
  }
  return {
    figures,
    warnings,
    span,
    blankCells: shortRowsApart([tokens], () => 15),
    hyphenMarks: hyphenMarked(src.text, [asOnPage]),
  };
}

// ── 表二 第二十条 ─────────────────────────────────────────────────────────────────────────────

/** More items than any body's catalogue holds (上一年项目数量), more decisions than any body makes in a year. */
const MAX_ITEMS = 99_999;
const MAX_DECISIONS = 99_999_999;

/**
 * Which cut of a glued 2019 第二十条 row (上一年项目数量 | 本年增/减 | 处理决定数量) is likeliest, and what
 * decided it, said in the note of a guessed reading ("按本年增/减最小的读法"). Not rules of the form but
 * what filled-in forms show: a catalogue changes little in a year (本年增/减 near 0), and many bodies
 * print 上一年项目数量 + 本年增/减 as the 处理决定数量. Lower is likelier; the even spread of digits
 * breaks what is left.
 */
function art20Prior(cols: readonly string[], r: Reading, amountUnit = "万元"): { balance: number; why?: string } {
  const at = (k: string) => r.values[cols.indexOf(k)];
  // (九)项 of 2019: a procurement costs a thousand 元 at least ("政府集中采购6251000元" is 6 | 251000元:
  // 625 | 1000元 had been the guess, 1.6 元 an item).
  const items = at("items");
  const amount = at("amount");
  if (typeof items === "number" && typeof amount === "number") {
    const yuan = amount * (amountUnit === "元" ? 1 : 10000);
    return items > 0 && yuan / items < 1000 ? { balance: 1e9 + r.balance } : { balance: r.balance, why: "每个采购项目不少于1000元、数字位数最均匀" };
  }
  // (一)项 of 2019: what was made this year was mostly published this year (本年新制作 = 本年新公开),
  // and 对外公开总数量 counts every year's: more than this year's, published or made ("3236" is
  // 3 | 2 | 36, not 32 | 3 | 6).
  const made = at("new_made");
  const published = at("new_published");
  const total = at("total_published");
  if (typeof made === "number" && typeof published === "number" && typeof total === "number") {
    const balance = (made === published ? 0 : 1e9) + (total >= published ? 0 : 1e8) + (total >= made ? 0 : 1e7) + r.balance;
    if (made === published) return { balance, why: "本年新制作与本年新公开相同" };
    return total >= made && total >= published ? { balance, why: "对外公开总数量不少于本年新制作和新公开" } : { balance };
  }
  const prev = at("prev_items");
  const delta = at("delta");
  const decisions = at("decisions");
  if (typeof prev !== "number" || typeof delta !== "number") return { balance: r.balance };
  const sums = typeof decisions === "number" && prev + delta === decisions;
  // A catalogue of a hundred thousand items, or a hundred million decisions, is no body's: a cut
  // that makes one ("1114526111208" read 11145261112 | 0 | 8 for its 0) loses to any that does not.
  const absurd = prev > MAX_ITEMS || (typeof decisions === "number" && decisions > MAX_DECISIONS);
  return {
    balance: (absurd ? 1e12 : 0) + (sums ? 0 : 1e9) + Math.min(Math.abs(delta), 1e6) * 1000 + r.balance,
    why: sums ? "上一年项目数量加本年增/减等于处理决定数量" : "本年增/减最小",
  };
}

/**
 * Only 本年增/减 is printed with a sign: a "+8" or "-3" in another column says the cells are not
 * where this reading puts them ("行政许可13+8" with 处理决定数量 blank is 13 | +8, not 1 | 3 | 8).
 */
function signsInDelta(text: string, cols: readonly string[], r: Reading): boolean {
  return cols.every(
    (col, j) => col === "delta" || r.values[j] === null || (r.values[j]! >= 0 && !/^[+＋]/.test(text.slice(r.spans[j]!.start, r.spans[j]!.end))),
  );
}

/** Read 表二 between its first 第二十条 and `to` (表三). */
export function readArt20(ctx: Ctx, from: number, to: number, generation: Generation): TableResult | null {
  const { src, c } = ctx;
  const start = c.s.indexOf("第二十条", from);
  if (start < 0 || start >= to) return null;
  const colsOf = (r: (typeof ART20_ROWS)[number]) => (generation === "gbf2021" ? r.cols2021 : r.cols2019) ?? [];
  const rows = ART20_ROWS.filter((r) => colsOf(r).length > 0);
  const found = locateInOrder(
    c,
    rows.map((r) => ({ label: r.label, aliases: r.aliases })),
    start,
    to,
    1200,
  );
  const located = rows
    .map((row, i) => ({ row, found: found[i]! }))
    .filter((x) => x.found)
    .sort((a, b) => a.found.start - b.found.start);
  const warnings: ReportWarning[] = [];
  const slots: Slot[] = [];
  const tokensOf = new Map<Slot, ValueToken[]>();
  // Labels and numbers as one stream: a row printed with its values takes them (cut if glued); rows
  // printed labels-first (PDF) wait, and the numbers that follow fill them an item at a time.
  type Row = (typeof located)[number];
  let queue: Row[] = [];
  let buffer: ValueToken[] = [];
  const shape = (x: Row, tokens: readonly ValueToken[], k: number) =>
    warnings.push({
      code: "TABLE_SHAPE",
      metrics: colsOf(x.row).map((col) => `art20.${x.row.key}.${col}`),
      message: `第二十条表“${x.row.label}”一行读到${tokens.length}个数值，应为${k}个，未读取。`,
      evidence: [spanEvidence(src, [{ start: x.found.start, end: tokens[tokens.length - 1]?.end ?? x.found.end }])],
    });
  const add = (group: Row[], alternatives: Reading[][], tokens: ValueToken[]) => {
    const slot = { metrics: group.map((p) => p.row.key), alternatives };
    slots.push(slot);
    tokensOf.set(slot, tokens);
  };
  const drain = () => {
    while (queue.length > 0 && buffer.length > 0) {
      const item = queue[0]!.row.item;
      let n = 0;
      while (n < queue.length && queue[n]!.row.item === item) n++;
      const group = queue.slice(0, n);
      const k = colsOf(group[0]!.row).length;
      if (buffer.length < n * k) return;
      const take = buffer.splice(0, n * k);
      add(group, n > 1 ? blockAlternatives(take, n, k) : [[asPrinted(take, k)!]], take);
      queue = queue.slice(n);
    }
  };
  const tokensAt = located.map((x, i) => {
    const next = located[i + 1];
    const stop = next ? next.found.start : Math.min(src.text.length, c.at[Math.min(to, c.s.length - 1)]! + 1);
    // Between two labels of 表二 there is nothing but headers, item markers and values.
    return next ? readCell(src.text, x.found.end, stop).tokens : cellTokens(src.text, x.found.end, stop);
  });
  const taken = new Set<Row>();
  located.forEach((x, i) => {
    if (taken.has(x)) return;
    const tokens = tokensAt[i]!;
    const k = colsOf(x.row).length;
    // A column header of an earlier item, none of whose rows wait for values, after this row's label
    // ("行政强制 … 现行有效件数 0 60 本年处理决定数量 548 …"): the text was reordered (a PDF's stream),
    // whose values follow is not known.
    const next = located[i + 1];
    const span = c.s.slice(x.found.ce, next ? next.found.cs : Math.min(to, x.found.ce + 400));
    // (Printed labels-first, the headers come after the labels: a header of rows still waiting is theirs.)
    const waiting = new Set(queue.map((p) => p.row.item));
    if (Object.entries(ART20_HEADER_ITEMS).some(([h, items]) => span.includes(h) && items.every((item) => item < x.row.item && !waiting.has(item)))) {
      for (const p of [...queue, x]) shape(p, buffer, colsOf(p.row).length);
      queue = [];
      buffer = [];
      return;
    }
    // Rows left waiting when a later item's row comes with values, too few for them and it: the
    // rows were left blank, not printed labels-first ("行政处罚 | 空 行政强制 82 … 行政事业性收费
    // 334.8" had read 行政处罚 82, 行政强制 334.8, sure). They are not read; the row is read on its
    // own. (A PDF's stream may print an item's values after the next item's label: then they are
    // enough for both, "行政许可 … 1 8 0 26 11 66 … 447228".)
    const need = queue.reduce((n, p) => n + colsOf(p.row).length, 0) + k;
    if (queue.length > 0 && tokens.length > 0 && queue.every((p) => p.row.item < x.row.item) && buffer.length + tokens.length < need) {
      for (const p of queue) shape(p, buffer, colsOf(p.row).length);
      queue = [];
      buffer = [];
    }
    if (queue.length === 0 && buffer.length === 0 && tokens.length > 0) {
      // The values of an item's rows between its first label and the others (PDF text: "规章 0 0 0
      // 0 0 6 规范性文件"): a block of those rows, when the labels after it have no values of their own.
      const m = tokens.length / k;
      const rest = located.slice(i + 1, i + m);
      if (Number.isInteger(m) && m > 1 && rest.length === m - 1 && rest.every((r, j) => r.row.item === x.row.item && tokensAt[i + 1 + j]!.length === 0)) {
        const alternatives = blockAlternatives(tokens, m, k, undefined, "row-major");
        if (alternatives.length > 0) {
          for (const r of rest) taken.add(r);
          return add([x, ...rest], alternatives, tokens);
        }
      }
      // Printed with its own values: as printed, or its glued digits cut.
      if (tokens.length > k || (tokens.length < k && tokens.length > 1 && tokens.every((t) => t.gap > 0))) return shape(x, tokens, k);
      const printed = asPrinted(tokens, k);
      const cols = colsOf(x.row);
      // Only an amount (万元) has decimals: a cut that makes a count a fraction is no reading.
      const cut = readings(tokens, k, (v) => v.every((n, j) => n === null || Number.isInteger(n) || ART20_UNITS[cols[j]!] === "万元"));
      const amountUnit = tokens[tokens.length - 1]!.unit ?? ART20_UNITS.amount;
      const alternatives = (printed ? [printed] : cut.map((r) => ({ ...r, ...art20Prior(cols, r, amountUnit) }))).filter((r) =>
        signsInDelta(src.text, cols, r),
      );
      if (alternatives.length === 0) return shape(x, tokens, k);
      return add(
        [x],
        alternatives.map((r) => [r]),
        tokens,
      );
    }
    queue.push(x);
    // Printed labels-first, the values stand apart (a line or cell each); a run glued to the words
    // before it is a row printed with its values, not a block's: it cannot fill waiting rows.
    // Labels-first rows whose values then ran together cannot be told apart: none is read.
    if (queue.length > 1 && tokens.some((t) => t.gap === 0)) {
      for (const p of queue) shape(p, tokens, colsOf(p.row).length);
      queue = [];
      buffer = [];
      return;
    }
    buffer.push(...tokens);
    drain();
  });
  for (const x of queue) shape(x, [], colsOf(x.row).length);
  const end = Math.max(...slots.flatMap((s) => tokensOf.get(s)!.map((t) => t.end)), c.at[start]! + 1);
  const span = { start: c.at[start]!, end };
  const keyRow = new Map(ART20_ROWS.map((r) => [r.key, r]));
  const solved = solveTable({
    slots,
    slices: [""],
    identities: identitiesOf(generation),
    proseNumbers: () => ctx.proseNumbers([span]),
    cellOf: (key, col) => [`art20.${key}.${colsOf(keyRow.get(key)!)[col]}`, ""],
  });
  const figures: Figure[] = [];
  for (const row of solved) {
    const r = keyRow.get(row.metric)!;
    const slot = slots.find((s) => s.metrics.includes(row.metric))!;
    const tokens = tokensOf.get(slot)!;
    const label = located.find((x) => x.row.key === row.metric)!.found;
    const block = slot.metrics.length > 1;
    let whole: Evidence | undefined;
    const rowWhole = () => (whole ??= rowEvidence(src, label, row.reading.spans));
    row.reading.values.forEach((v, col) => {
      const key = colsOf(r)[col]!;
      // A unit printed after a run belongs to the value that ends the run ("288519616万元": the amount).
      const t = tokens.find((tok) => tok.start <= row.reading.spans[col]!.start && tok.end === row.reading.spans[col]!.end);
      const how = readingNote(row, tokens, col);
      if (how)
        figures.push(
          cellFigure(
            `art20.${r.key}.${key}`,
            "",
            v,
            t?.unit ?? ART20_UNITS[key] ?? "",
            block ? rowEvidence(src, label, row.reading.spans, col) : rowWhole(),
            how,
          ),
        );
    });
    const w = undecided(
      row,
      tokens,
      r.label,
      colsOf(r).map((col) => `art20.${r.key}.${col}`),
      rowWhole,
    );
    if (w) warnings.push(w);
  }
  return {
    figures,
    warnings,
    span,
    blankCells: blankBeforeGlued(tokensAt, () => false) || shortRowsApart(tokensAt, (i) => colsOf(located[i]!.row).length),
    // Blank cells marked "-" beside numbers read with a minus sign: each "-" may be a mark or a sign
    // ("其他对外管理服务事项--13" is 空 | 空 | 13 or 空 | -1 | 3).
    hyphenMarks: hyphenBlanks(src.text, tokensAt) && signedNumbers(tokensAt),
  };
}
