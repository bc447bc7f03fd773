// Numbers as reports and questions write them: table cells ("625批次", "+17", "70.0", "25795万元",
// "1,234"), prose ("26.8万条", "5500余条", "1600多人次", "两次"), years ("2018年度").
// Shared by the report parser and the question parser.

/** Units a table cell or a sentence may carry after its number. Longest first. */
export const UNITS = ["万元", "亿元", "人次", "批次", "元", "件", "条", "次", "篇", "个", "人", "项", "份", "场", "期", "家", "场次", "万", "亿", "%"] as const;

const UNIT_ALT = [...UNITS].sort((a, b) => b.length - a.length).join("|");
/** A whole table cell holding one number. Bounded repetition: no catastrophic backtracking. */
const CELL_NUMBER = new RegExp(`^([+-]?)(\\d{1,3}(?:,\\d{3}){1,5}|\\d{1,15})(\\.\\d{1,6})?\\s{0,2}(${UNIT_ALT})?$`);

export interface CellNumber {
  value: number;
  /** Unit written in the cell, if any ("万元" in "25795万元"). */
  unit?: string;
  /** The cell was written with an explicit sign ("+17", "-9539"). */
  signed: boolean;
}

/** A table cell that is a number, or null. `parseCellNumber("625批次")` → { value: 625, unit: "批次" }. */
export function parseCellNumber(cell: string): CellNumber | null {
  const s = cell.trim();
  if (s.length === 0 || s.length > 30) return null;
  const m = CELL_NUMBER.exec(s);
  if (!m) return null;
  const digits = m[2]!.replace(/,/g, "") + (m[3] ?? "");
  let value = Number(digits);
  if (!Number.isFinite(value)) return null;
  if (m[1] === "-") value = -value;
  const unit = m[4];
  if (unit === "万") return { value: value * 10000, signed: m[1] !== "", unit: undefined };
  if (unit === "亿") return { value: value * 1e8, signed: m[1] !== "", unit: undefined };
  return { value, unit, signed: m[1] !== "" };
}

/** Cells that mean "nothing here" inside a value column: blank, dashes, slashes, 无. */
export function isBlankCell(cell: string): boolean {
  return /^(?:|[-—–_/\\]{1,6}|无|空)$/.test(cell.trim());
}

/** Cells that hold only a unit (the 单位 column of the 2016 统计表). */
export function isUnitCell(cell: string): boolean {
  return /^(?:万元|亿元|元|人次|批次|件|条|次|篇|个|人|项|份|场|期|家|%)$/.test(cell.trim());
}

/** Chinese numerals as heading numbers print them (一、 (二) 第三). */
export const CN_NUMERAL = "一二三四五六七八九十";

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** Chinese numerals up to 9999: "两" → 2, "十二" → 12, "一百零五" → 105. Null when not a numeral. */
export function chineseToNumber(s: string): number | null {
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

/** A year between 1990 and 2100 written with four digits, else null. */
export function asYear(s: string): number | null {
  const n = Number(s);
  return Number.isInteger(n) && n >= 1990 && n <= 2100 ? n : null;
}

/** Every way to cut a digit run into k whole numbers, none with a leading zero (none when too many to try). */
export function digitSplits(digits: string, k: number): number[][] {
  if (!/^\d+$/.test(digits) || digits.length < k || digits.length > 12 * k) return [];
  let ways = 1;
  for (let i = 1; i < k; i++) ways = (ways * (digits.length - i)) / i; // C(n-1, k-1)
  if (ways > 50_000) return [];
  const out: number[][] = [];
  const walk = (from: number, left: number, acc: number[]) => {
    if (left === 1) {
      const rest = digits.slice(from);
      if (rest.length === 1 || rest[0] !== "0") out.push([...acc, Number(rest)]);
      return;
    }
    for (let end = from + 1; end <= digits.length - (left - 1); end++) {
      const part = digits.slice(from, end);
      if (part.length > 1 && part[0] === "0") break;
      walk(end, left - 1, [...acc, Number(part)]);
    }
  };
  walk(0, k, []);
  return out;
}
