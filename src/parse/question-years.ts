// Question understanding, years: absolute (2018, 2018年度, 18年, 二〇一八年), ranges (2018到2020) and
// relative ones (去年, 近三年), read against the newest statistics year held.
import { asYear, chineseToNumber } from "./numbers.js";

export interface YearResult {
  years: number[];
  relative: boolean;
  /** The relative word (去年, 近三年), when one set the years. */
  relativeWord?: string;
  /** Text spans consumed (removed before metric matching). */
  consumed: string[];
}

/** Words that set a year against the one before it (同比, 比上年, 与去年相比). */
export const AGAINST_PREVIOUS = /同比|环比|[比较](?:上一?年度?|去年|前一年)|(?:与|和|跟|同)(?:上一?年度?|去年|前一年)(?:相比|比较|比)/;

/** The first year reports were published for (the regulation took effect on 1 May 2008). */
const FIRST_REPORT_YEAR = 2008;

/** Years: 2018, 2018年度, 18年, 2018到2020, 去年/今年/前年, 近三年, 近几年/历年 (all held). */
export function parseYears(question: string, newestYear: number | null): YearResult {
  // "2024年…同比增长多少", "今年…比上年多吗": the year asked against the one before it (a comparison),
  // not 去年 read against the newest year held; 本年增/减 is a column of the 2019 form, no comparison.
  // …nor is "行政许可事项比上年增加了几项": items counted against last year are that column too.
  const itemsChange = /(?:事项|项目)/.test(question) && /增|减/.test(question) && /(?:多少|几)项/.test(question);
  const against = /增\/?减/.test(question) || itemsChange ? null : AGAINST_PREVIOUS.exec(question);
  const q = against ? question.replace(against[0], " ") : question;
  const years = new Set<number>();
  const consumed: string[] = [];
  let relative = false;
  let relativeWord: string | undefined;
  const range = /((?:19|20)\d{2})年?度?(?:到|至|~|-|—|－)((?:19|20)\d{2})年?度?/.exec(q);
  if (range) {
    const a = asYear(range[1]!);
    const b = asYear(range[2]!);
    if (a && b) {
      for (let y = Math.min(a, b); y <= Math.max(a, b) && years.size < 40; y++) years.add(y);
      relative = true;
      consumed.push(range[0]);
    }
  }
  // Open ranges and plan periods: "2021年以来" runs to the newest year held, "2015年以前" from the
  // first reports (2008) to the year before, "十三五期间" 2016–2020. ("十三五期间" had answered the
  // newest report, 2024, as a year not asked; "2021年以来" 2021 alone.)
  let open = q;
  const since = /((?:19|20)\d{2})年?度?(?:以来|至今|起至今|到现在)|自((?:19|20)\d{2})年?度?(?:以来|起)/.exec(open);
  if (since && newestYear) {
    const a = asYear(since[1] ?? since[2]!);
    if (a) for (let y = a; y <= newestYear && years.size < 40; y++) years.add(y);
    relative = true;
    consumed.push(since[0]);
    open = open.replace(since[0], " ");
  }
  const before = /((?:19|20)\d{2})年?度?(及|含)?(?:以前|之前)/.exec(open);
  if (before) {
    const b = asYear(before[1]!);
    if (b) for (let y = FIRST_REPORT_YEAR; y <= (before[2] ? b : b - 1) && years.size < 40; y++) years.add(y);
    relative = true;
    consumed.push(before[0]);
    open = open.replace(before[0], " ");
  }
  const plan = /(十[一二三四五])五(?:规划)?(?:期间|时期|以来)?/.exec(open);
  if (plan) {
    const n = chineseToNumber(plan[1]!);
    if (n) for (let y = 1951 + 5 * n; y <= 1955 + 5 * n; y++) years.add(y); // the 6th plan on: 1981 + 5 × (n − 6)
    relative = true;
    consumed.push(plan[0]);
    open = open.replace(plan[0], " ");
  }
  // "2020年12345平台": the 年 ends the year even when digits follow it. "2014年里", "年内", "年度期间"
  // say the year alone: the word after it is no part of what is asked ("年里区管委会…" had lost 区管委会).
  for (const m of open.matchAll(/(?<!\d)((?:19|20)\d{2})(?:(?:年度|年)(?:里|内(?!部|容)|期间|当中)?|(?!\d))/g)) {
    const y = asYear(m[1]!);
    if (y) {
      years.add(y);
      consumed.push(m[0]);
    }
  }
  for (const m of q.matchAll(/(?<![\d年])(\d{2})年(?!\d)/g)) {
    const y = 2000 + Number(m[1]);
    if (newestYear && y <= newestYear + 1) {
      years.add(y);
      consumed.push(m[0]);
    }
  }
  if (newestYear) {
    // 本年 is the year asked when one is written (2020年本年制发…), and a column of the template
    // when a template word follows it (本年制发, 本年新收, 本年度办理结果): then it is no year.
    const absolute = years.size > 0;
    const rel: [RegExp, number[]][] = [
      ...(absolute ? [] : ([[/今年|本年度?(?!度|制发|废止|新收|新制作|新公开|新增|增|减|处理|收费|办理|结转)/, [0]]] as [RegExp, number[]][])),
      // Not 上一年没办完的 (上年结转): that is a row of the table, not a year.
      [/去年(?!结转|[没未还剩遗留转])|上一年(?!项目|结转|[没未还剩遗留转])|上年度(?!结转|[没未还剩遗留转])/, [1]],
      [/前年/, [2]],
    ];
    for (const [re, back] of rel) {
      const m = re.exec(q);
      // 行政许可项目上一年有多少项, 行政处罚事项上年有多少项: the 2019 form's 上一年项目数量 column,
      // its words in another order, when items are counted (项) or a year is written beside it.
      const column = /^上一?年$/.test(m?.[0] ?? "") && /(?:项目|事项|许可|处罚|强制|收费).{0,4}上一?年/.test(q) && (absolute || /(?:多少|几)项/.test(q));
      if (m && !/上年结转/.test(q) && !column) {
        for (const b of back) years.add(newestYear - b);
        relative = true;
        relativeWord ??= m[0];
        consumed.push(m[0]);
      }
    }
    const recent = /(?:近|最近|过去)([一二两三四五六七八九十\d]{1,2})年/.exec(q);
    if (recent) {
      const n = Math.min(20, /^\d+$/.test(recent[1]!) ? Number(recent[1]) : (chineseToNumber(recent[1]!) ?? 3));
      for (let i = 0; i < n; i++) years.add(newestYear - i);
      relative = true;
      relativeWord ??= recent[0];
      consumed.push(recent[0]);
    }
  }
  if (against && years.size === 1) {
    years.add([...years][0]! - 1);
    consumed.push(against[0]);
  }
  return { years: [...years].sort((a, b) => a - b), relative, ...(relativeWord ? { relativeWord } : {}), consumed };
}
