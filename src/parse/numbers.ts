// The vocabulary of numbers, shared by the table reader, the prose and the question parser: units,
// Chinese numerals ("两" → 2, "一百零五" → 105), prose numbers ("26.8万", "5500余"), years.
// Shared by the report parser and the question parser.

/** Units a table cell or a sentence may carry after its number. Longest first. */
export const UNITS = ["万元", "亿元", "人次", "批次", "元", "件", "条", "次", "篇", "个", "人", "项", "份", "场", "期", "家", "场次", "万", "亿", "%"] as const;

/**
 * Measure words only prose counts with (a table cell prints 件/条/人…): 名, 宗, 起, 处, 套, 种; and the
 * time a request took (平均答复时间为8个工作日), which no count answers.
 */
export const PROSE_UNITS = ["名", "宗", "起", "处", "套", "种", "个工作日", "工作日", "天", "小时"] as const;

/** The count units of a table's 单位 column and cells (no 万/亿/%): 件, 条, 人次, 万元 … */
export const COUNT_UNITS: readonly string[] = UNITS.filter((u) => u !== "万" && u !== "亿" && u !== "%");

/** A regex alternation of units, longest first (so 人次 wins over 人). */
export function unitAlternation(units: readonly string[]): string {
  return [...new Set(units)].sort((a, b) => b.length - a.length).join("|");
}

/** Chinese numerals as heading numbers print them (一、 (二) 第三). */
export const CN_NUMERAL = "一二三四五六七八九十";

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numerals up to 99 999 999: "两" → 2, "十二" → 12, "一百零五" → 105, "一万二千" → 12000. Null when not a numeral. */
export function chineseToNumber(s: string): number | null {
  const wan = s.indexOf("万");
  if (wan > 0 && wan === s.lastIndexOf("万")) {
    const high = chineseToNumber(s.slice(0, wan));
    const low = wan + 1 < s.length ? chineseToNumber(s.slice(wan + 1)) : 0;
    return high === null || low === null ? null : high * 10000 + low;
  }
  if (!s || s.length > 8) return null;
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch in DIGIT) current = DIGIT[ch]!;
    else if (ch in SMALL_UNIT) {
      total += (current || 1) * SMALL_UNIT[ch]!;
      current = 0;
    } else return null;
  }
  return total + current;
}

export interface ProseNumber {
  value: number;
  /** "余" / "多" / "近" / "约" / 万-rounded: the figure is approximate. */
  approximate: boolean;
}

/**
 * A number written in prose: "26.8万" → 268000 (approximate), "5500余" → 5500 (approximate),
 * "1,600" → 1600, "两" → 2.
 */
export function parseProseNumber(digits: string, wan?: string, approx?: string): ProseNumber | null {
  let value = /^[\d.,]+$/.test(digits) ? Number(digits.replace(/,/g, "")) : chineseToNumber(digits);
  if (value === null || !Number.isFinite(value)) return null;
  let approximate = Boolean(approx);
  if (wan === "万") {
    approximate = approximate || /\./.test(digits);
    value = Math.round(value * 10000);
  } else if (wan === "亿") {
    approximate = true;
    value = Math.round(value * 1e8);
  }
  return { value, approximate };
}

/** The digit each Chinese numeral of a year stands for (二〇一八, 二零一八, 二○一八). */
const YEAR_DIGIT: Record<string, string> = { 〇: "0", "○": "0", 零: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
const CN_YEAR = /(?<![〇○零一二三四五六七八九十百千万])[一二][〇○零一二三四五六七八九]{3}(?=\s?年)/g;

/**
 * Years in Chinese numerals as digits, the text's length kept (offsets into it stay good):
 * "二〇一三年度" → "2013年度", in a 统计表's header as in a title or the prose.
 */
export function digitYears(s: string): string {
  return s.replace(CN_YEAR, (m) => [...m].map((ch) => YEAR_DIGIT[ch] ?? ch).join(""));
}

/** A year between 1990 and 2100 written with four digits, else null. */
export function asYear(s: string): number | null {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : null;
}
