// Read: the text between two row labels is that row's cell text. It becomes a list of value tokens
// (digit runs, blank marks) with the separator seen before each: a space, a line break or a pipe
// says two runs are two cells; no separator says nothing (a crawled page glues cells together,
// and a run of digits may hold several values: cuts.ts decides how).
import { UNITS, unitAlternation } from "./numbers.js";

/** A number standing apart inside a bracketed note, no unit after it: the row's value, not the note's. */
const NOTE_INTERRUPTED = new RegExp(`\\s[+-]?\\d[\\d.,]*\\s+(?!\\s|${unitAlternation(UNITS)})`);

/** What separated a token from the one before it (0 = nothing: the digits touch). */
export type Gap = 0 | 1 | 2 | 3;

export interface ValueToken {
  kind: "num" | "blank";
  /** Digits as printed, sign, decimal point and thousands separators included ("" for blank): its value is `numberOf(raw)`. */
  raw: string;
  /** Offsets in the text. */
  start: number;
  end: number;
  /** Separator before: 1 space, 2 line break, 3 pipe or tab. */
  gap: Gap;
  /** Unit printed right after the number ("251000元"). */
  unit?: string;
  /**
   * A blank mark of several dashes stands for 1 to `cells` blank cells: a crawl glues a row's "—"
   * cells together ("79——11384" is 79 | — | — | 1 | 1 | 3 | 84), and "——" is as often one mark as two.
   */
  cells?: number;
}

/** A run of non-value text between tokens (units, notes, a header word, the next row's numbering). */
export interface TextRun {
  text: string;
  start: number;
  end: number;
}

export interface CellText {
  tokens: ValueToken[];
  texts: TextRun[];
  /** Tokens and texts interleaved in order. */
  items: (ValueToken | TextRun)[];
}

const UNIT_AFTER = new RegExp(`^(?:${unitAlternation(UNITS)})`);
const MONEY_UNIT = new Set(["万元", "亿元", "元", "%", "万", "亿"]);
const BLANK_MARK = /^(?:—+|-+|–+|_{1,6}|\/{1,2}|\\|无|空|\*)$/;
/** 本年增/减 in words for none: a 0. */
const UNCHANGED = /^(?:持平|无变化|没有变化|不变|无增减)$/;
/** A cell's word for fewer, before its number: a 本年增/减 printed "减少2". */
const FEWER = /^(?:减少|减|下降|降低)$/;
/** A run of dashes: as many blank cells as dashes at most. */
const DASHES = /^(?:—+|-+|–+)$/;
const dashCells = (marks: string) => (DASHES.test(marks) && marks.length > 1 ? { cells: marks.length } : {});
/** Blank marks glued after a count or money unit that ends a row's label and unit, or stands in a cell of its own ("条无"), (global). */
const UNIT_MARKS = new RegExp(`(?<=(?:^|[\\u4e00-\\u9fff)）])(?:${unitAlternation(UNITS)}))(?:[/／]+|—+|–+|-+|＼|无(?=$))(?=[\\u4e00-\\u9fff(（]|$)`, "g");
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";
const isSep = (c: string) => c === " " || c === "\n" || c === "\t" || c === "|";

/**
 * Tokenise text[start, end). A blank cell is a blank mark standing alone ("—", "/", "无"), or two
 * pipes with only spaces between them on one line ("| |"); a line break between pipes ends a row.
 *
 *   readCell(" 条 425 1516 其中:", …).tokens → [425 (gap 1), 1516 (gap 1)]
 *   readCell("条20263542", …).tokens → ["20263542" (gap 0)]
 */
export function readCell(text: string, start: number, end: number): CellText {
  const tokens: ValueToken[] = [];
  const texts: TextRun[] = [];
  const items: (ValueToken | TextRun)[] = [];
  let gap: Gap = 0;
  let lastPipe = -1; // offset of the last pipe, while only spaces followed it
  let i = start;
  let textStart = -1;
  // A note the row's numbers interrupted: where it closes, and how many tokens there were then.
  let note: { close: number; tokens: number } | null = null;
  const closeText = (at: number) => {
    if (textStart < 0) return;
    const t = text.slice(textStart, at);
    const run: TextRun = { text: t, start: textStart, end: at };
    textStart = -1;
    // Slashes glued together are a blank cell each: a crawl ran a row of "/" cells into one
    // ("四、结转下年度继续办理///////" is seven blank cells), and so are 无s ("79无无11384"). Not
    // dashes: —— is as often one mark as two (see `cells`).
    if (/^(?:[/／]{2,}|无{2,}|空{2,})$/.test(t)) {
      for (let k = 0; k < t.length; k++) {
        const tok: ValueToken = { kind: "blank", raw: "", start: run.start + k, end: run.start + k + 1, gap: k === 0 ? gap : 0 };
        tokens.push(tok);
        items.push(tok);
      }
      gap = 0;
      return;
    }
    if (UNCHANGED.test(t)) {
      const tok: ValueToken = { kind: "num", raw: "0", start: run.start, end: run.start + 1, gap };
      tokens.push(tok);
      items.push(tok);
      gap = 0;
      return;
    }
    // A lone blank mark between separators is a blank cell.
    if (BLANK_MARK.test(t)) {
      const tok: ValueToken = { kind: "blank", raw: "", start: run.start, end: run.end, gap, ...dashCells(t) };
      tokens.push(tok);
      items.push(tok);
      gap = 0;
      return;
    }
    // …and so are marks glued after a row's unit, in a crawl that dropped the cells' separators
    // ("政务微博公开政府信息数条/ 4.政务微信…", "其它形式申请数条//对申请的答复数条324"): the label had
    // run on into the next row's. A slash is a cell each; a dash mark is one (—— may be one or two).
    let from = 0;
    UNIT_MARKS.lastIndex = 0;
    for (let m = UNIT_MARKS.exec(t); m; m = UNIT_MARKS.exec(t)) {
      if (m.index > from) {
        const head: TextRun = { text: t.slice(from, m.index), start: run.start + from, end: run.start + m.index };
        texts.push(head);
        items.push(head);
      }
      const marks = m[0];
      const each = /^[/／]+$/.test(marks) ? marks.length : 1;
      for (let k = 0; k < each; k++) {
        const s0 = run.start + m.index + (each > 1 ? k : 0);
        const tok: ValueToken = {
          kind: "blank",
          raw: "",
          start: s0,
          end: each > 1 ? s0 + 1 : run.start + m.index + marks.length,
          gap: 0,
          ...(each > 1 ? {} : dashCells(marks)),
        };
        tokens.push(tok);
        items.push(tok);
      }
      from = m.index + marks.length;
    }
    if (from === 0) {
      texts.push(run);
      items.push(run);
    } else if (from < t.length) {
      const tail: TextRun = { text: t.slice(from), start: run.start + from, end: run.end };
      texts.push(tail);
      items.push(tail);
    }
    gap = 0;
  };
  while (i < end) {
    // A character past Latin-1 (a label's Chinese) is none of the separators, digits, signs or
    // brackets below: text, taken without making a string of it (text[i] makes one for each).
    if (text.charCodeAt(i) > 0xff) {
      const starting = textStart < 0;
      if (starting) textStart = i;
      lastPipe = -1;
      if (note && starting && tokens.length > note.tokens && note.close >= i && note.close < end) {
        i = note.close + 1;
        note = null;
        continue;
      }
      i++;
      continue;
    }
    const c = text[i]!;
    if (isSep(c)) {
      closeText(i);
      if (c === "|") {
        if (lastPipe >= 0) {
          const tok: ValueToken = { kind: "blank", raw: "", start: lastPipe, end: i + 1, gap: 3 };
          tokens.push(tok);
          items.push(tok);
        }
        lastPipe = i;
        gap = 3;
      } else {
        if (c === "\n") lastPipe = -1;
        gap = Math.max(gap, c === "\n" ? 2 : c === "\t" ? 3 : 1) as Gap;
      }
      i++;
      continue;
    }
    // A number: optional sign, digits (thousands separators), optional decimals, optional unit.
    // A sign before digits, also right after other digits: "19034-9539" in a row is two cells.
    // Not the last of a run of dashes: "2-----2" is 2, blank cells, 2 (a row of counts has no minus).
    const signed = (c === "+" || c === "-") && isDigit(text[i + 1]) && !(c === "-" && /[-—–]/.test(text[i - 1] ?? ""));
    if (isDigit(c) || signed) {
      // 本年增/减 in words: "减少2" is -2 (read as 2, sure, it had said the opposite), "增加3" is 3.
      const fewer = !signed && textStart >= 0 && FEWER.test(text.slice(textStart, i));
      if (fewer) textStart = -1;
      closeText(i);
      lastPipe = -1;
      let j = signed ? i + 1 : i;
      // Thousands separators: a comma before three digits, kept in the raw. One before more digits,
      // or after more than three, says the cells ran together around a number printed with them
      // ("1,114526111,208" is 1,114 | 526 | 111,208): the cuts keep its groups whole (cuts.ts), and
      // "1,114" alone is one number, never 1 | 1 | 14.
      while (j < end && (isDigit(text[j]) || (text[j] === "," && isDigit(text[j + 1]) && isDigit(text[j + 2]) && isDigit(text[j + 3])))) j++;
      if (text[j] === "." && isDigit(text[j + 1])) {
        j++;
        while (j < end && isDigit(text[j])) j++;
      }
      const raw = (fewer ? "-" : "") + text.slice(i, j);
      // A unit glued after the digits ("251000元"); a count unit only when a separator follows it,
      // so the first character of the next label (人员…, 件数…) is never taken for one.
      let unit = UNIT_AFTER.exec(text.slice(j, Math.min(end, j + 3)))?.[0];
      if (unit && !MONEY_UNIT.has(unit)) {
        const after = text[j + unit.length];
        if (after !== undefined && j + unit.length < end && !isSep(after)) unit = undefined;
      }
      // (A word's sign stands where the word's last character does: the raw and its span keep one length.)
      const tok: ValueToken = { kind: "num", raw, start: fewer ? i - 1 : i, end: j, gap, ...(unit ? { unit } : {}) };
      tokens.push(tok);
      items.push(tok);
      gap = 0;
      i = j + (unit?.length ?? 0);
      continue;
    }
    const starting = textStart < 0;
    if (textStart < 0) textStart = i;
    if (c !== " ") lastPipe = -1;
    // The rest of a note after the numbers that interrupted it ("…相同信息 条 1652 计1条)"): text.
    if (note && starting && tokens.length > note.tokens && note.close >= i && note.close < end) {
      i = note.close + 1;
      note = null;
      continue;
    }
    // A bracketed note is text, digits and all: "(不同渠道和方式公开相同信息计1条)"; so is a row's
    // numbering "(2)" before its label.
    if (c === "(") {
      const num = /^\(\d{1,2}\)(?=[\u4e00-\u9fff])/.exec(text.slice(i, Math.min(end, i + 6)));
      if (num) {
        i += num[0].length;
        continue;
      }
      const close = text.indexOf(")", i);
      if (close > i && close < Math.min(end, i + 80) && (text.slice(i, close).match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2) {
        // A PDF's narrow cell wraps a label's note around the row's numbers, each standing apart:
        // the note's words before them are text, the numbers the row's.
        // (A number the note states has its unit after it, spaced or not: "计 1 条".)
        if (NOTE_INTERRUPTED.test(text.slice(i, close))) note = { close, tokens: tokens.length };
        else {
          i = close + 1;
          continue;
        }
      }
    }
    i++;
  }
  closeText(end);
  return { tokens, texts, items };
}

/**
 * The tokens of a table whose counts are never negative (表三, 表四): a "-" before digits is a blank
 * cell's mark, not a sign ("1---11---1--1-1" ends 1 | 空 | 1). Only 第二十条's 本年增/减 is signed.
 */
export function unsignedCells(tokens: readonly ValueToken[]): ValueToken[] {
  return tokens.flatMap((t): ValueToken[] =>
    t.kind === "num" && t.raw.startsWith("-")
      ? [
          { kind: "blank", raw: "", start: t.start, end: t.start + 1, gap: t.gap },
          { ...t, raw: t.raw.slice(1), start: t.start + 1, gap: 0 },
        ]
      : [t],
  );
}
