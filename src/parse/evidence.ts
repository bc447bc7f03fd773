// Evidence: the report text a figure or warning was read from, quoted from the original lines.
import type { Evidence } from "../domain.js";

const MAX_EVIDENCE = 200;

/**
 * Quote original lines [from, to] (0-based, inclusive) as one evidence string: non-empty lines
 * joined with " | " (a row read one cell per line reads as a row), trailing pipes dropped.
 * `only` restricts the quote to some lines (a column-major PDF value far from its label).
 */
export function evidenceOf(original: readonly string[], from: number, to: number = from, only?: readonly number[]): Evidence {
  const idx = only ?? range(from, to);
  const parts: string[] = [];
  let len = 0;
  for (const i of idx) {
    const t = (original[i] ?? "").trim().replace(/\s*\|\s*$/, "").trim();
    if (!t) continue;
    parts.push(t);
    len += t.length + 3;
    if (len > MAX_EVIDENCE * 2) break;
  }
  let text = parts.join(" | ");
  if (text.length > MAX_EVIDENCE) text = text.slice(0, MAX_EVIDENCE - 1) + "…";
  return { line: from + 1, endLine: Math.max(from, to) + 1, text };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to && out.length < 64; i++) out.push(i);
  return out;
}

/** Quote a sentence of prose found at [line, endLine] (1-based), trimmed around the match. */
export function sentenceEvidence(sentence: string, line: number, endLine: number): Evidence {
  const text = sentence.length > MAX_EVIDENCE ? sentence.slice(0, MAX_EVIDENCE - 1) + "…" : sentence;
  return { line, endLine, text };
}
