// The ways a row's value tokens can fill its columns. Tokens separated in the text stay separate
// values; a glued digit run may be cut into several (`640020470` into 7 is 64|0|0|2|0|4|70 among
// others). Every part is a well-formed number (no leading zero but "0", a decimal point kept whole),
// and the caller's identities prune while the cuts are made (a group of 表四 that does not add up
// is abandoned as soon as its five values are known).

import type { ValueToken } from "./cell-text.js";
import type { Span } from "./text.js";

export interface Reading {
  values: (number | null)[];
  /** Where each value was read from. */
  spans: Span[];
  /** How many tokens had to be cut (0: as printed). */
  cuts: number;
  /** Σ (digits per value)²: lower = the digits spread more evenly. A prior, not a rule. */
  balance: number;
  /** Cut one digit to a cell because the digits allow nothing else, though the identities fail. */
  forced?: true;
  /** What the prior that ranks this reading prefers, for a note (default: the even spread of digits). */
  why?: string;
}

/** A partial row (values so far, and whether it is complete) → keep exploring it? */
export type Accept = (values: readonly (number | null)[], complete: boolean) => boolean;

/** A well-formed value: no leading zero, a decimal point kept whole, thousands groups whole ("1,114"). */
const PART = /^[+-]?(?:0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*)(?:\.\d+)?$/;
/** A value as printed in a cell: digits, maybe a sign, a decimal point, thousands groups. */
const PRINTED = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** The number a token's raw digits print ("1,114" → 1114); NaN when they are no one number ("1,114526"). */
export function numberOf(raw: string): number {
  return PRINTED.test(raw) ? Number(raw.replace(/,/g, "")) : Number.NaN;
}

/** Digits of a part, squared: a reading's balance adds them (sign, point and commas are no digits). */
function digitsSquared(part: string): number {
  let n = 0;
  for (let i = 0; i < part.length; i++) {
    const c = part.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n * n;
}

/**
 * All readings of `tokens` as exactly `k` values, best-first by (fewest cuts, most even spread).
 * Nothing when there are more tokens than columns, when no cut passes `accept`, or when there are
 * too many to list (`cap`, or the search's step budget).
 *
 * A run is cut while the search goes: each part is checked by `accept` as soon as it is made, so a
 * prefix that fails is never extended, and a reading's spans are made only once it is whole. (The
 * cuts of each run had been listed first, every one an array, and each value's span an object:
 * half of all the parser allocated, 2.5 MB a report.)
 *
 *   readings([tok("640020470")], 7, rowSum) → [{ values: [64, 0, 0, 2, 0, 4, 70], cuts: 1 }]
 */
export function readings(
  tokens: readonly ValueToken[],
  k: number,
  accept: Accept = () => true,
  cap = 20000,
  opts: { gapBlanks?: boolean; leadingBlanks?: boolean; trailingBlanks?: boolean } = {},
): Reading[] {
  if (tokens.length > k || tokens.length === 0) return [];
  const out: Reading[] = [];
  let budget = cap * 20;
  const values: (number | null)[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const last = tokens.length - 1;
  const gapDone: boolean[] = [];
  const push = (v: number | null, start: number, end: number) => {
    values.push(v);
    starts.push(start);
    ends.push(end);
  };
  const pop = () => {
    values.pop();
    starts.pop();
    ends.pop();
  };
  // Blank cells where the page leaves a space and nowhere else (`gapBlanks`): before a token set
  // apart from the one before it, before the first when it stands apart from what precedes it
  // (`leadingBlanks`), and (`trailingBlanks`) after the last. A space between numbers holds one
  // blank or several; the start and the end none or several.
  const blanks = (n: number, at: number, then: () => void) => {
    for (let b = 0; b < n; b++) {
      push(null, at, at);
      if (!accept(values, false)) {
        for (let x = 0; x <= b; x++) pop();
        return;
      }
    }
    then();
    for (let b = 0; b < n; b++) pop();
  };
  const walk = (ti: number, cuts: number, balance: number) => {
    if (out.length >= cap || budget-- <= 0) return;
    if (ti === tokens.length) {
      if (opts.gapBlanks && opts.trailingBlanks && values.length < k) {
        const at = tokens[last]!.end;
        const n = k - values.length;
        for (let b = 0; b < n; b++) push(null, at, at);
        if (accept(values, true)) out.push({ values: [...values], spans: starts.map((start, i) => ({ start, end: ends[i]! })), cuts, balance });
        for (let b = 0; b < n; b++) pop();
        return;
      }
      if (values.length === k && accept(values, true))
        out.push({ values: [...values], spans: starts.map((start, i) => ({ start, end: ends[i]! })), cuts, balance });
      return;
    }
    const t = tokens[ti]!;
    if (opts.gapBlanks && t.gap > 0 && t.kind === "num" && !gapDone[ti] && (ti > 0 || opts.leadingBlanks)) {
      const room = k - values.length - (tokens.length - ti);
      // (Between numbers at least one: cells side by side are glued, so that space is a blank's.
      // Before the first, none or more: a row's own break leaves a space too.)
      for (let n = ti === 0 ? 0 : 1; n <= room; n++)
        blanks(n, t.start, () => {
          gapDone[ti] = true;
          walk(ti, cuts, balance);
          gapDone[ti] = false;
        });
      return;
    }
    const left = k - values.length - (tokens.length - ti - 1);
    if (t.kind === "blank") {
      // A run of dashes is one blank cell or several: each count is a reading, none preferred.
      for (let p = 1; p <= Math.min(left, t.cells ?? 1); p++) {
        let ok = true;
        let n = 0;
        for (; n < p; n++) {
          push(null, t.start, t.end);
          if (!accept(values, values.length === k && ti === last && n === p - 1)) {
            ok = false;
            n++;
            break;
          }
        }
        if (ok) walk(ti + 1, cuts, balance);
        for (let x = 0; x < n; x++) pop();
      }
      return;
    }
    // As printed: one value.
    if (left >= 1 && PART.test(t.raw)) {
      push(numberOf(t.raw), t.start, t.end);
      if (accept(values, values.length === k && ti === last)) walk(ti + 1, cuts, balance + digitsSquared(t.raw));
      pop();
    }
    // Cut into p ≥ 2 well-formed numbers: no leading zero, a decimal point and thousands groups
    // kept whole (no cut beside "." or ","), the sign with the first.
    const sign = t.raw[0] === "+" || t.raw[0] === "-" ? t.raw[0] : "";
    const body = sign ? t.raw.slice(1) : t.raw;
    let digits = 0;
    for (let i = 0; i < body.length; i++) if (body[i] !== "." && body[i] !== ",") digits++;
    const base = t.start + sign.length;
    // Digits only, no sign (nearly every run): each part's value is made from its digits as the cut
    // moves, no substring and no pattern (a part of up to 15 digits: exact, as Number() reads it).
    if (!sign && digits === body.length && body.length >= 2) {
      const plainCut = (from: number, parts: number, bal: number) => {
        if (out.length >= cap || budget-- <= 0) return;
        const first = body.charCodeAt(from) - 48;
        if (parts === 1) {
          const len = body.length - from;
          if (first === 0 && len > 1) return;
          let v = 0;
          if (len <= 15) for (let i = from; i < body.length; i++) v = v * 10 + (body.charCodeAt(i) - 48);
          else v = Number(body.slice(from));
          push(v, base + from, base + body.length);
          if (accept(values, values.length === k && ti === last)) walk(ti + 1, cuts + 1, bal + len * len);
          pop();
          return;
        }
        // A leading zero is a part of its own ("0"), never the start of a longer one.
        const top = first === 0 ? from + 1 : body.length - (parts - 1);
        let v = 0;
        for (let end = from + 1; end <= top; end++) {
          const len = end - from;
          v = len <= 15 ? v * 10 + (body.charCodeAt(end - 1) - 48) : Number(body.slice(from, end));
          push(v, base + from, base + end);
          if (accept(values, false)) plainCut(end, parts - 1, bal + len * len);
          pop();
        }
      };
      for (let p = 2; p <= left && p <= digits; p++) plainCut(0, p, balance);
      return;
    }
    const cut = (from: number, parts: number, bal: number) => {
      if (out.length >= cap || budget-- <= 0) return;
      if (parts === 1) {
        const rest = body.slice(from);
        if (!PART.test(rest)) return;
        const raw = from === 0 ? sign + rest : rest;
        push(numberOf(raw), from === 0 ? t.start : base + from, base + body.length);
        if (accept(values, values.length === k && ti === last)) walk(ti + 1, cuts + 1, bal + digitsSquared(raw));
        pop();
        return;
      }
      for (let end = from + 1; end <= body.length - (parts - 1); end++) {
        if (body[end] === "." || body[end - 1] === "." || body[end] === "," || body[end - 1] === ",") continue;
        const part = body.slice(from, end);
        if (!PART.test(part)) {
          if (part.length > 1 && part[0] === "0") break;
          continue;
        }
        const raw = from === 0 ? sign + part : part;
        push(numberOf(raw), from === 0 ? t.start : base + from, base + end);
        if (accept(values, false)) cut(end, parts - 1, bal + digitsSquared(raw));
        pop();
      }
    };
    for (let p = 2; p <= left && p <= digits; p++) cut(0, p, balance);
  };
  walk(0, 0, 0);
  // A search cut short has not seen every reading: the ones it found cannot say the others are
  // wrong, and a value they agree on is not sure. (A row with thousands of readings is unread.)
  if (out.length >= cap || budget <= 0) return [];
  out.sort((a, b) => a.cuts - b.cuts || a.balance - b.balance);
  return out;
}

/**
 * The one reading of `tokens` as `k` values when their digits leave no choice: one run of as many
 * digits as cells, so every digit is a value ("000010100110001" for 表四's fifteen). The row
 * is then read as printed even where it breaks the identities, as it would be with its cells apart:
 * the report contradicts itself, which the checks say, and nothing is guessed. Only a row printed as
 * one run of digits; null otherwise.
 */
export function digitByDigit(tokens: readonly ValueToken[], k: number): Reading | null {
  // One run only: numbers printed apart ("258 12 1 1" for seven cells) are cells apart, and what
  // they lack is blank cells, not cuts.
  const t = tokens.length === 1 ? tokens[0]! : null;
  const m = t?.kind === "num" ? /^([+-]?)(\d+)$/.exec(t.raw) : null;
  if (!t || !m || m[2]!.length !== k || k < 2) return null;
  const sign = m[1]!.length;
  const values = [...m[2]!].map((d, i) => Number((i === 0 ? m[1] : "") + d));
  const spans = values.map((_, i) => ({ start: t.start + (i === 0 ? 0 : sign + i), end: t.start + sign + i + 1 }));
  return { values, spans, cuts: 1, balance: k, forced: true };
}
