// Evidence: the report text a figure or warning was read from, quoted as spans of the original.
import type { Evidence } from "../domain.js";
import { lineAtOriginal, type SourceText, type Span } from "./text.js";

const MAX_EVIDENCE = 200;

/**
 * Evidence for a span of `src.text` (or several far-apart spans, as a column-major PDF value and its
 * label): the original text of each, white space collapsed, joined with " | ", with the original
 * offsets and the lines they fall on.
 */
export function spanEvidence(src: SourceText, spans: readonly Span[]): Evidence {
  // (one span, a row quoted whole, is most calls: no copy to filter and sort)
  const sorted = spans.length === 1 ? (spans[0]!.end > spans[0]!.start ? spans : []) : byStart(spans.filter((s) => s.end > s.start));
  if (sorted.length === 0) return { line: 1, endLine: 1, text: "" };
  const first = sorted[0]!;
  const last = sorted.reduce((a, s) => (s.end > a.end ? s : a), first);
  const start = src.map[first.start]!;
  const end = src.map[last.end]!;
  const parts: string[] = [];
  let len = 0;
  for (const s of sorted) {
    const raw = src.original.slice(src.map[s.start]!, src.map[s.end]!);
    // (most cells hold neither white space nor a pipe: left as they are, this runs for every figure)
    const t = /[\s|]/.test(raw)
      ? raw
          .replace(/\s+/g, " ")
          .trim()
          .replace(/^\|\s*|\s*\|$/g, "")
      : raw;
    if (!t || parts[parts.length - 1] === t) continue;
    parts.push(t);
    len += t.length + 3;
    if (len > MAX_EVIDENCE * 2) break;
  }
  let text = parts.join(" | ");
  if (text.length > MAX_EVIDENCE) text = text.slice(0, MAX_EVIDENCE - 1) + "…";
  return { line: lineAtOriginal(src, start), endLine: lineAtOriginal(src, Math.max(start, end - 1)), text, start, end };
}

/**
 * The spans in place by start, those starting together kept in their order: an insertion sort, as
 * a row's label and its few cells are nearly in order already (Array.prototype.sort made a work
 * array for each of the thousands of calls a report makes).
 */
function byStart(spans: Span[]): Span[] {
  for (let a = 1; a < spans.length; a++) {
    const x = spans[a]!;
    let b = a - 1;
    while (b >= 0 && spans[b]!.start > x.start) {
      spans[b + 1] = spans[b]!;
      b--;
    }
    spans[b + 1] = x;
  }
  return spans;
}
