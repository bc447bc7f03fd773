// A synthetic report as a document (title, sections of paragraphs, tables) and its printing in
// each layout: one paragraph a line (seeds 000/002), blank lines between (seed 001), or PDF text
// (淮安). Filler paragraphs are added to the marked sections until the text reaches its size.
import type { Identity } from "./generate-identity.js";
import { PdfWriter } from "./generate-pdf.js";
import { fillerParagraph } from "./generate-phrases.js";
import type { Rng } from "./random.js";

/** A table in every layout it can print in. */
export interface TableSpec {
  /** Text lines for the line layouts (stat: pipes or cell-per-line; gbf: one cell a line). */
  lines: string[];
  /** Print into a PDF writer (gbf tables only). */
  pdf?: (w: PdfWriter) => void;
  /** The table as a web page prints it (generate-html.ts). */
  html?: string;
}

export interface DocSection {
  heading?: string;
  paras: string[];
  /** Filler paragraphs may be added here, before the paragraphs at these indexes (default: at the end). */
  pad?: boolean;
  padAt?: number[];
  table?: TableSpec;
}

export interface Doc {
  /** Lines above the title (web page furniture), the title lines, then the sections. */
  preamble: string[];
  title: string[];
  sections: DocSection[];
  /** Signature block (office, date), printed after the last prose section. */
  signature: string[];
  /** Tables printed after the signature ("附件"), for the 统计表. */
  appendix?: { caption: string[]; table: TableSpec };
}

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s).length;

/** Add filler paragraphs to the pad sections until the estimated size reaches `target` bytes. */
export function padDoc(rng: Rng, id: Identity, doc: Doc, target: number, overhead: number): void {
  const slots = doc.sections.filter((s) => s.pad);
  if (slots.length === 0) return;
  let size = estimate(doc) * overhead;
  const added = slots.map(() => new Map<number, string[]>());
  for (let i = 0; size < target && i < 400; i++) {
    const p = fillerParagraph(rng, id);
    const k = rng.int(0, slots.length - 1);
    const at = rng.pick(slots[k]!.padAt ?? [slots[k]!.paras.length]);
    added[k]!.set(at, [...(added[k]!.get(at) ?? []), p]);
    size += bytes(p) * overhead + 1;
  }
  slots.forEach((s, k) => {
    const paras: string[] = [];
    for (let j = 0; j <= s.paras.length; j++) {
      paras.push(...(added[k]!.get(j) ?? []));
      if (j < s.paras.length) paras.push(s.paras[j]!);
    }
    s.paras = paras;
  });
}

function estimate(doc: Doc): number {
  let n = 0;
  for (const l of [...doc.preamble, ...doc.title, ...doc.signature]) n += bytes(l) + 1;
  for (const s of doc.sections) {
    n += bytes(s.heading ?? "") + 1;
    for (const p of s.paras) n += bytes(p) + 1;
    if (s.table) n += s.table.lines.reduce((a, l) => a + bytes(l) + 2, 0);
  }
  if (doc.appendix) n += doc.appendix.table.lines.reduce((a, l) => a + bytes(l) + 1, 0);
  return n;
}

/** Print a document: `blank` puts an empty line between lines (seed 001 style). */
export function renderLines(doc: Doc, blank: boolean): string {
  const out: string[] = [...doc.preamble, ...doc.title];
  for (const s of doc.sections) {
    if (s.heading) out.push(s.heading);
    out.push(...s.paras);
    if (s.table) out.push(...s.table.lines);
  }
  out.push(...doc.signature);
  if (doc.appendix) out.push(...doc.appendix.caption, ...doc.appendix.table.lines);
  return out.join(blank ? "\n\n" : "\n") + "\n";
}

/** Print a document as PDF-extracted text. */
export function renderPdf(rng: Rng, doc: Doc): string {
  const w = new PdfWriter(rng, rng.int(27, 32), rng.int(20, 27));
  for (const l of doc.title) w.line(l);
  for (const s of doc.sections) {
    if (s.heading) w.line(s.heading);
    for (const p of s.paras) w.paragraph(p);
    if (s.table?.pdf) s.table.pdf(w);
    else if (s.table) for (const l of s.table.lines) w.line(l);
  }
  for (const l of doc.signature) w.line(l);
  return w.text() + "\n";
}

/** Half-width punctuation, as in the seed texts ("(以下简称《条例》)要求,由…"). */
export function halfWidth(text: string): string {
  return text.replace(/[（）：，；]/g, (c) => ({ "（": "(", "）": ")", "：": ":", "，": ",", "；": ";" })[c]!);
}
