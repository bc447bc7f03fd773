// The "pdf-columns" layout, as text extracted from a PDF (like the 淮安 2024 report): prose wrapped
// at ~30 characters with a blank line after every line and spaces around numbers ("2024 年"),
// a page marker "- 3 -" at the end of each page, and tables printed page by page: the row labels
// of the page first, then the page's values column by column.
import type { Art20Group, Table3 } from "./generate-gbf.js";
import { TABLE3_COLUMNS, TABLE4_IDS } from "./generate-gbf.js";
import { type Art20Style, art20Cell, maybeSplit, TABLE4_HEADER, table3Header, table3Rows } from "./generate-tables.js";
import type { Rng } from "./random.js";

/** "2024年" → "2024 年", "3119件" → "3119 件" (PDF text puts spaces between digits and CJK). */
export function spaceDigits(s: string): string {
  return s.replace(/([\u4e00-\u9fff“”（）])(\d)/g, "$1 $2").replace(/(\d)([\u4e00-\u9fff“”（）])/g, "$1 $2");
}

/** Cut a string into lines of about `width` characters, never inside a number. */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (rest.length > width) {
    let at = width;
    while (at > 1 && /[\d.]/.test(rest[at - 1]!) && /[\d.%]/.test(rest[at]!)) at--;
    // Line-breaking rules: no line starts with closing punctuation; it stays on the line before.
    while (at < rest.length && /[，。、；：）”》%]/.test(rest[at]!)) at++;
    if (rest[at] === " ") at++;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

export class PdfWriter {
  private readonly out: string[] = [];
  private used = 0;
  private page = 1;

  constructor(
    private readonly rng: Rng,
    readonly width: number,
    readonly perPage: number,
  ) {}

  private push(line: string): void {
    this.out.push(line, "");
  }

  /** End the current page with its marker. */
  breakPage(): void {
    this.push(`- ${this.page} -`);
    this.page++;
    this.used = 0;
  }

  private content(line: string, cost = 1): void {
    this.push(line);
    this.used += cost;
    if (this.used >= this.perPage) this.breakPage();
  }

  /** A line kept whole (title, heading). */
  line(text: string): void {
    this.content(text);
  }

  paragraph(text: string): void {
    for (const l of wrap(spaceDigits(text), this.width)) this.content(l);
  }

  /** Table cells that take no page space of their own (labels and values are costed per row). */
  private cells(lines: readonly string[]): void {
    for (const l of lines) this.push(l);
  }

  /**
   * A table printed page by page: per page, `labels(rows)` then `values(rows)` (column-major),
   * `head` (column headers) before the first page's values. Each row costs ~1.6 lines of page.
   */
  table<R>(
    rows: readonly R[],
    labels: (rows: readonly R[]) => string[],
    head: string[],
    values: (rows: readonly R[]) => string[],
    headBeforeLabels = false,
  ): void {
    let i = 0;
    let first = true;
    while (i < rows.length) {
      let fit = Math.floor((this.perPage - this.used) / 1.6);
      if (fit < 3) {
        this.breakPage();
        fit = Math.floor(this.perPage / 1.6);
      }
      // A page holds a few rows more rather than leave one or two for the next page.
      if (rows.length - (i + fit) < 3) fit = rows.length - i;
      const chunk = rows.slice(i, i + fit);
      i += chunk.length;
      const midMarker = i < rows.length && this.rng.chance(0.3);
      if (first && headBeforeLabels) this.cells(head);
      this.cells(labels(chunk));
      if (midMarker) this.breakPage();
      if (first && !headBeforeLabels) this.cells(head);
      this.cells(values(chunk));
      first = false;
      if (i < rows.length) {
        if (!midMarker) this.breakPage();
      } else {
        this.used += Math.ceil(chunk.length * 1.6);
        if (this.used >= this.perPage) this.breakPage();
      }
    }
  }

  text(): string {
    if (this.used > 0) this.breakPage();
    return this.out.join("\n");
  }
}

/** A label as a narrow PDF cell prints it: wrapped, sometimes spaced out ("结 果" / "维持"). */
function pdfLabel(rng: Rng, label: string, width: number): string[] {
  if (rng.chance(0.15) && label.length <= 6) return [label.split("").join(" ")];
  return wrap(label, width);
}

export function art20Pdf(w: PdfWriter, rng: Rng, groups: readonly Art20Group[], style: Art20Style): void {
  for (const g of groups) {
    const item = g.item.replace("第二十条", "第二十条 ");
    const head = g.headers.flatMap((h) => maybeSplit(rng, h, 0.3));
    const ncol = g.rows[0]!.values.length;
    w.table(
      g.rows,
      (rows) => [item, "信息内容", ...rows.map((r) => r.label)],
      head,
      (rows) => Array.from({ length: ncol }, (_, c) => rows.map((r) => art20Cell(r.values[c]![0], r.values[c]![1], style))).flat(),
    );
  }
}

export function table3Pdf(w: PdfWriter, rng: Rng, t3: Table3, generation: "gbf2019" | "gbf2021"): void {
  const all = table3Rows(generation);
  const labelWidth = rng.int(12, 17);
  const vertical = rng.chance(0.4);
  // Headings travel with the next value row, so a page never ends on a heading.
  const rows: { headings: string[]; label: string; metric: string }[] = [];
  let pending: string[] = [];
  for (const r of all) {
    if (!r.metric) pending.push(r.label);
    else {
      rows.push({ headings: pending, label: r.label, metric: r.metric });
      pending = [];
    }
  }
  const header = table3Header(rng).flatMap((h) => pdfLabel(rng, h, 5));
  const labels = (chunk: readonly (typeof rows)[number][]) => {
    const out: string[] = [];
    let tail: string[] = [];
    for (const r of chunk) {
      for (const h of r.headings) {
        if (h.startsWith("三、") && vertical) tail = h.split("");
        else out.push(...(h.startsWith("（") && rng.chance(0.5) ? wrap(h, 4) : [h]));
      }
      out.push(...wrap(r.label, labelWidth));
    }
    return [...out, ...tail];
  };
  const values = (chunk: readonly (typeof rows)[number][]) => TABLE3_COLUMNS.flatMap((col) => chunk.map((r) => String(t3[col][r.metric] ?? 0)));
  w.table(rows, labels, header, values, rng.chance(0.3));
}

export function table4Pdf(w: PdfWriter, rng: Rng, t4: Record<string, number>): void {
  const head = TABLE4_HEADER.flatMap((h) => pdfLabel(rng, h, rng.chance(0.5) ? 2 : 4));
  w.table(
    [0],
    () => head.slice(0, 0),
    head,
    () => TABLE4_IDS.map((k) => String(t4[k] ?? 0)),
  );
}
