// Quantities as the prose writes them: a number, its unit and how exact it is ("359件", "26.8万条",
// "5300余条", "70多件", "约4900人次", "近万条", "两次"). Units are those of the table cells
// (numbers.ts) plus the measure words only prose uses (名, 宗, 起, 处).
import { COUNT_UNITS, chineseToNumber, PROSE_UNITS, parseProseNumber, unitAlternation } from "./numbers.js";

const UNIT_ALT = unitAlternation([...COUNT_UNITS, ...PROSE_UNITS]);

export interface Quantity {
  /** Offsets in the searched text: [start, end), the qualifier and unit included. */
  start: number;
  end: number;
  value: number;
  unit: string;
  /** Written as an estimate: 余, 多, 约, 近, 逾, 超过, 左右, or rounded to 万 with a decimal. */
  approximate: boolean;
  /** As written ("5300余条"). */
  raw: string;
}

// (1) qualifier before (2) digits (3) Chinese numeral (4) 万/亿 (5) 余/多 (6) unit (7) qualifier after.
// 万 before 元 is the unit 万元, not a multiplier. Every repetition is bounded.
const QUANTITY = new RegExp(
  String.raw`(?=[约近逾超将大上\d零〇一二两三四五六七八九十百千万亿])(约|近|逾|超过|将近|大约|上)?(?:(\d{1,3}(?:,\d{3}){1,4}(?!\d)|\d{1,12}(?:\.\d{1,4})?)|([零〇一二两三四五六七八九十百千]{1,8}(?:万[零〇一二两三四五六七八九十百千]{1,8})?))?(万(?!元)|亿(?!元))?(余|多)?(${UNIT_ALT})(左右|以上)?`,
  "g",
);

/** What a case or a request is counted after: 一 there is one, not an article. */
const ONE_COUNTED = /(?:复议|诉讼|申请|投诉|举报|案件|受理|收到|提起|发生)$/;
const ONE_UNITS = new Set(["件", "起", "宗", "例"]);

/**
 * The quantities in `text[from, to)`. Why: a figure in prose is a number with a unit the metric
 * takes, wherever it stands in the clause; a bare number (a year, a phone number, a glued table
 * cell) is not one. A number needs digits or a Chinese numeral, except 近万/上万 (a qualifier and 万).
 *
 *   quantitiesIn("共收到申请5300余条，办结约4900件", 0, 17)
 *   → [{ value: 5300, unit: "条", approximate: true, … }, { value: 4900, unit: "件", approximate: true, … }]
 */
export function quantitiesIn(text: string, from: number, to: number): Quantity[] {
  const out: Quantity[] = [];
  const re = QUANTITY;
  re.lastIndex = 0;
  const slice = text.slice(from, to);
  let m: RegExpExecArray | null;
  while ((m = re.exec(slice))) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const [whole, qualifier, digits, cn, wan, approx, unit, after] = m;
    // 上 qualifies only 万/亿 (上万条); before a number it belongs to the word before (以上12件)
    const skipUp = qualifier === "上" && (digits || cn) ? 1 : 0;
    const before = skipUp ? undefined : qualifier;
    const at = m.index + skipUp;
    const raw = whole.slice(skipUp);
    const prev = slice[at - 1] ?? text[from + at - 1] ?? "";
    if (digits) {
      // the tail of a longer number or of a code ("0591-23162606", "2019.12")
      if (/[\d.\-A-Za-z第]/.test(prev)) continue;
    } else if (cn) {
      // 第三次, 十九大 … an ordinal or part of a word, not a count
      // 三个一, “四个意识”: a name, not a count; 一名, 一次: an article, not a figure
      if (/[第\d零〇一二两三四五六七八九十百千“"《「]/.test(prev)) continue;
      if (/^[零〇一二两三四五六七八九十百千”"」》]/.test(slice[at + raw.length] ?? "")) continue;
      // (…but 一 after what is counted is one: 被申请行政复议一起, 收到申请一件.)
      if (
        (cn === "一" && !(ONE_COUNTED.test(slice.slice(Math.max(0, at - 4), at)) && ONE_UNITS.has(unit!))) ||
        /^[百千]/.test(cn) ||
        chineseToNumber(cn) === null
      )
        continue;
    } else if (!(wan && before)) continue;
    // 共七个部分, 三个方面: the parts of a text, not a count
    if (unit === "个" && /^(?:部分|方面)/.test(slice.slice(at + raw.length, at + raw.length + 2))) continue;
    const num = digits || cn ? parseProseNumber(digits ?? cn!, wan, approx) : { value: wan === "亿" ? 1e8 : 10000, approximate: true };
    if (!num) continue;
    out.push({
      start: from + at,
      end: from + at + raw.length,
      value: num.value,
      unit: unit!,
      approximate: num.approximate || Boolean(before) || Boolean(after),
      raw,
    });
  }
  return out;
}
