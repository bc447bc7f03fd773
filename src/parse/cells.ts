// Tables arrive as `a | b | c |` rows, one cell per line (with or without a trailing "|"), cells
// separated by blank lines, or PDF text with several numbers on one line. All of them become one
// stream of cells with their line numbers; the table parsers read the stream through the template.

export interface Cell {
  /** Cell text, trimmed. "" is a blank cell (only produced where the layout marks it: "| |"). */
  text: string;
  /** 0-based line index in the report. */
  line: number;
}

const compactCache = new Map<string, string>();

/** Labels are compared without white space, with brackets as ASCII. (The table finders compact the
 * same lines several times per report: the last few thousand results are kept.) */
export function compact(s: string): string {
  const hit = compactCache.get(s);
  if (hit !== undefined) return hit;
  const out = s.replace(/\s+/g, "").replace(/[（(]/g, "(").replace(/[）)]/g, ")");
  if (s.length < 500) {
    if (compactCache.size > 8192) compactCache.clear();
    compactCache.set(s, out);
  }
  return out;
}

const MARKDOWN_RULE = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const NUMBER_RUN = /^(?:[+-]?\d{1,15}(?:\.\d{1,6})?\s+){1,40}[+-]?\d{1,15}(?:\.\d{1,6})?$/;
/** A label followed by its values on one line (PDF text extracted row by row): "一、本年新收… 3001 53 0". */
const LABEL_THEN_NUMBERS = /^(.*?[\u4e00-\u9fff)）])\s+((?:[+-]?\d{1,15}(?:\.\d{1,6})?(?:万元|元|件|条|个|项)?\s+){0,40}[+-]?\d{1,15}(?:\.\d{1,6})?(?:万元|元|件|条|个|项)?)$/;

/**
 * Split lines [from, to) into cells.
 * - "a | b | c |": three cells; "| |" between pipes is a blank cell; a lone "|" is a blank cell.
 * - a line without pipes is one cell, except a run of numbers "10 1 0 0" (PDF), which is one
 *   cell per number.
 * - empty lines are not cells.
 */
export function cellsOf(lines: readonly string[], from = 0, to = lines.length): Cell[] {
  const out: Cell[] = [];
  for (let i = Math.max(0, from); i < Math.min(to, lines.length); i++) {
    const line = lines[i]!;
    if (line.includes("|")) {
      // Markdown tables (converted documents): "|---|---|" rules are not rows, and a row's
      // leading "|" opens the first cell rather than closing a blank one.
      if (MARKDOWN_RULE.test(line)) continue;
      const parts = line.split("|");
      if (parts.length > 1 && parts[parts.length - 1]!.trim() === "") parts.pop();
      if (parts.length > 1 && /^\s*\|/.test(line) && parts[0]!.trim() === "") parts.shift();
      for (const p of parts) out.push({ text: p.trim(), line: i });
      continue;
    }
    if (line.includes("\t")) {
      for (const p of line.split("\t")) if (p.trim()) out.push({ text: p.trim(), line: i });
      continue;
    }
    const t = line.trim();
    if (!t) continue;
    if (t.length < 400 && NUMBER_RUN.test(t)) {
      for (const p of t.split(/\s+/)) out.push({ text: p, line: i });
      continue;
    }
    const lv = t.length < 400 ? LABEL_THEN_NUMBERS.exec(t) : null;
    if (lv) {
      out.push({ text: lv[1]!, line: i });
      for (const p of lv[2]!.split(/\s+/)) out.push({ text: p, line: i });
      continue;
    }
    out.push({ text: t, line: i });
  }
  return out;
}
