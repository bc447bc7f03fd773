// The narrative as prose: hard line wraps (PDF text) undone, paragraphs and titled sections found,
// with a map from every character back to its source line for evidence and highlighting.
import type { Section } from "../domain.js";

export interface Prose {
  /** Paragraphs joined with "\n"; white space inside a paragraph removed. */
  text: string;
  /** Offset in `text` where each joined source line starts, ascending. */
  starts: number[];
  /** 0-based source line of each entry of `starts`. */
  lines: number[];
}

/** 0-based source line of a character of the prose. */
export function lineAt(prose: Prose, offset: number): number {
  let lo = 0;
  let hi = prose.starts.length - 1;
  if (hi < 0) return 0;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (prose.starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return prose.lines[lo]!;
}

const SENTENCE_END = /[。！？!?;；:：」”]$/;
const HEADING = /^(?:[一二三四五六七八九十]{1,3}[、.．]|\([一二三四五六七八九十]{1,3}\)|（[一二三四五六七八九十]{1,3}）|附件\d?|第[一二三四五六七八九十]+[章部分条])/;

/**
 * Join lines into paragraphs. A line continues the previous one unless the previous ended a
 * sentence, was short (a heading or the last line of a wrapped paragraph), or this one is a
 * heading. `skip` lines (tables) are left out.
 */
export function buildProse(lines: readonly string[], skip: (line: number) => boolean): Prose {
  const lengths = lines.map((l, i) => (skip(i) ? 0 : l.trim().length)).filter((n) => n > 0).sort((a, b) => a - b);
  const median = lengths.length ? lengths[Math.floor(lengths.length / 2)]! : 0;
  const parts: string[] = [];
  const starts: number[] = [];
  const srcLines: number[] = [];
  let offset = 0;
  let prev = "";
  for (let i = 0; i < lines.length; i++) {
    if (skip(i)) continue;
    const line = lines[i]!.replace(/\s+/g, "");
    if (!line) continue;
    if (prev) {
      const breakHere =
        SENTENCE_END.test(prev) ||
        HEADING.test(line) ||
        // a bare heading line; a PDF line that only starts a paragraph with "(一)…。" goes on
        (HEADING.test(prev) && prev.length <= 40 && !/[。，,;；]/.test(prev)) ||
        prev.length < median * 0.7 ||
        prev.includes("|");
      if (breakHere) {
        parts.push("\n");
        offset += 1;
      }
    }
    starts.push(offset);
    srcLines.push(i);
    parts.push(line);
    offset += line.length;
    prev = line;
  }
  return { text: parts.join(""), starts, lines: srcLines };
}

/** Top-level headings start a section: "一、总体情况", "五、存在的主要问题及改进情况". */
const SECTION_HEADING = /^([一二三四五六七八九十]{1,3})[、.．](.{1,40}?)(?=$|[。:：])/;

/** Split prose into titled sections. Text before the first heading is the section "". */
export function findSections(prose: Prose): Section[] {
  const sections: Section[] = [];
  let offset = 0;
  let current: { title: string; start: number; parts: string[]; lines: number[] } = { title: "", start: 0, parts: [], lines: [] };
  const close = (end: number) => {
    const keep = current.parts.map((p, i) => [p, current.lines[i]!] as const).filter(([p]) => p.trim());
    const text = keep.map(([p]) => p).join("\n");
    if (text || current.title) {
      sections.push({
        title: current.title,
        line: lineAt(prose, current.start) + 1,
        endLine: lineAt(prose, Math.max(current.start, end - 1)) + 1,
        text,
        paraLines: keep.map(([, l]) => l),
      });
    }
  };
  const lineOf = (offset: number) => lineAt(prose, offset) + 1;
  for (const para of prose.text.split("\n")) {
    const m = SECTION_HEADING.exec(para);
    if (m && para.length < 60) {
      close(offset);
      current = { title: para.replace(/[。:：]$/, ""), start: offset, parts: [], lines: [] };
    } else if (m && para.length >= 60 && /^[一二三四五六七八九十]{1,3}、[^,，。]{2,30}[。]/.test(para)) {
      // A heading run into its first paragraph ("四、政府信息公开的收费及减免情况2018年,…").
      close(offset);
      current = { title: m[0], start: offset, parts: [para.slice(m[0].length)], lines: [lineOf(offset)] };
    } else {
      current.parts.push(para);
      current.lines.push(lineOf(offset));
    }
    offset += para.length + 1;
  }
  close(prose.text.length);
  return sections.filter((s) => s.text.length > 0 || s.title.length > 0);
}

/** Sentences of a paragraph with their offsets (for narrative figures and snippets). */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？!?;；\n]+[。！？!?;；]?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m[0].trim()) out.push({ text: m[0], start: m.index });
  }
  return out;
}
