// Heading numbers and the section headings of the report templates: the one home for "一、",
// "（三）", "3." and for the titles the templates give their parts (概述, 主动公开政府信息情况 …).
// Reports flattened to one line keep their numbers but lose the line breaks around them, so the
// numbers and the known titles are what tells a heading from running text.
import { chineseToNumber } from "./numbers.js";

/** How a heading is numbered: 一、 (top level), （一） (second level), 1. / 1、 (points). */
export type HeadingKind = "cn" | "paren" | "arabic";

export interface HeadingNumber {
  kind: HeadingKind;
  /** 1 for 一、 / （一） / 1. */
  value: number;
  /** Characters the number takes, its mark included ("（三）" → 3). */
  length: number;
}

const CN = "零〇一二三四五六七八九十";
const isCn = (c: string | undefined) => c !== undefined && CN.includes(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= "0" && c <= "9";

/**
 * The heading number starting at `i`, or null. Why: a one-line report marks its parts only by
 * these numbers, so the prose builder and the section finder both need to read them the same way.
 * The number must start a token (not the tail of 十一 or 2019.) and its mark must not start a
 * decimal (3.5 is a number, 3.公开 a point).
 *
 *   headingNumberAt("。二、主动公开", 1) → { kind: "cn", value: 2, length: 2 }
 *   headingNumberAt("（三）主动公开的形式", 0) → { kind: "paren", value: 3, length: 3 }
 */
export function headingNumberAt(text: string, i: number): HeadingNumber | null {
  const c = text[i];
  if (c === undefined) return null;
  if (c === "(" || c === "（") {
    let j = i + 1;
    while (j < text.length && j - i <= 3 && isCn(text[j])) j++;
    if (j === i + 1 || (text[j] !== ")" && text[j] !== "）")) return null;
    const value = chineseToNumber(text.slice(i + 1, j));
    return value && value <= 30 ? { kind: "paren", value, length: j + 1 - i } : null;
  }
  const prev = text[i - 1];
  if (isCn(c)) {
    if (isCn(prev) || prev === "第") return null;
    let j = i;
    while (j < text.length && j - i < 3 && isCn(text[j])) j++;
    const mark = text[j];
    if (mark !== "、" && mark !== "." && mark !== "．") return null;
    if (isDigit(text[j + 1])) return null;
    const value = chineseToNumber(text.slice(i, j));
    return value && value <= 30 ? { kind: "cn", value, length: j + 1 - i } : null;
  }
  if (isDigit(c)) {
    if (isDigit(prev) || prev === "." || prev === "第") return null;
    let j = i;
    while (j < text.length && j - i < 2 && isDigit(text[j])) j++;
    if (isDigit(text[j])) return null;
    const mark = text[j];
    if (mark !== "、" && mark !== "." && mark !== "．") return null;
    const next = text[j + 1];
    if (next === undefined || isDigit(next) || next === "%" || next === " ") return null;
    const value = Number(text.slice(i, j));
    return value >= 1 && value <= 30 ? { kind: "arabic", value, length: j + 1 - i } : null;
  }
  return null;
}

/** A numbered point's mark in running text: where it stands, how long it is, its numbering style. */
export interface PointMark {
  at: number;
  length: number;
  /** "cn" 一、, "paren" （一）, "arabic" 1., "arabic-paren" (1), "shi" 一是: each style a level. */
  style: HeadingKind | "arabic-paren" | "shi";
}

/**
 * The marks that open numbered points inside a sentence, in order: the heading numbers above, and
 * the two forms only points take — (1) and 一是. Not 第（一）项, a year (2021), a decimal (1.5万) or
 * the 一 of a word (统一是).
 *
 *   pointMarksIn("2.推进民生改善信息公开（1）推进扶贫…").map((m) => m.style) → ["arabic", "paren"]
 */
export function pointMarksIn(text: string): PointMark[] {
  const out: PointMark[] = [];
  // The shapes a mark may take, found natively; each then checked as a heading number is (run over
  // every sentence of a report read for an answer).
  POINT_SHAPE.lastIndex = 0;
  for (let m = POINT_SHAPE.exec(text); m; m = POINT_SHAPE.exec(text)) {
    const at = m.index;
    const before = text[at - 1];
    if (before === "第") continue;
    if (m[1] !== undefined) {
      out.push({ at, length: m[0].length, style: "arabic-paren" });
      continue;
    }
    if (m[0].endsWith("是")) {
      // 一是 …, but not the 一 of a word (统一是, 之一是, 唯一是).
      if (!isCn(before) && !/[统唯之同单万专逐划合归每任]/.test(before ?? "") && chineseToNumber(m[0].slice(0, -1)))
        out.push({ at, length: m[0].length, style: "shi" });
      continue;
    }
    const h = headingNumberAt(text, at);
    if (h) out.push({ at, length: h.length, style: h.kind });
    else POINT_SHAPE.lastIndex = at + 1;
  }
  return out;
}
/** (1) with its digits captured; （一）; 一、 一. 一是; 1、 1. — shapes only, headingNumberAt decides. */
const POINT_SHAPE = /[(（](\d{1,2})[)）]|[(（][零〇一二三四五六七八九十]{1,3}[)）]|[零〇一二三四五六七八九十]{1,3}[、.．是]|\d{1,2}[、.．](?!\d)/g;

/** 1 → 一, 12 → 十二, 20 → 二十 (ordinals of headings and table rows; up to 99). */
export function ordinalChinese(n: number): string {
  const d = "零一二三四五六七八九";
  if (n < 10) return d[n]!;
  const tens = Math.floor(n / 10);
  return `${tens === 1 ? "" : d[tens]}十${n % 10 ? d[n % 10] : ""}`;
}

/**
 * Every way a row's numbering may be printed, given the template's ("2." or "(二)"): a report
 * numbers the same row 2. / 2、 / (2) / 二、 / (二) / 二. — the ordinal is the template's, the
 * style the report's. Longest first. [] when `num` is not a numbering.
 *
 *   numberingForms("(二)") → ["(二)", "(2)", "二、", "二.", "2.", "2、"]
 */
export function numberingForms(num: string): string[] {
  const core = num.normalize("NFKC").replace(/[\s()、.]/g, "");
  const k = /^\d{1,2}$/.test(core) ? Number(core) : chineseToNumber(core);
  if (!k || k > 30) return [];
  const cn = ordinalChinese(k);
  const forms = [`(${cn})`, `(${k})`, `${cn}、`, `${cn}.`, `${k}.`, `${k}、`];
  return [...new Set(forms)].sort((a, b) => b.length - a.length);
}

/**
 * The titles the templates give their top-level parts, in the wordings reports use. Each is
 * matched at the start of the text after the number, longest wording first; the 2008/2016 and
 * 2019/2021 templates name the same parts differently.
 */
export const TEMPLATE_HEADINGS: readonly { part: string; re: RegExp }[] = [
  { part: "overview", re: /^(?:政府信息(?:与政务)?公开(?:工作)?)?(?:概述|概况|总体情况|基本情况|(?:工作)?开展情况|主要(?:工作|做法)(?:和|及)?(?:成效)?)/ },
  { part: "proactive", re: /^(?:政府信息)?主动公开(?:政府)?信息(?:的)?(?:工作)?情况|^政府信息主动公开(?:工作)?(?:的)?情况|^主动公开(?:工作)?情况/ },
  {
    part: "requests",
    re: /^(?:政府信息)?依申请公开(?:政府信息)?(?:工作|办理)?(?:和不予公开政府信息)?(?:的)?(?:工作)?情况|^收到和处理政府信息公开申请(?:的)?情况|^政府信息公开申请(?:的)?(?:受理|办理|处理)?情况/,
  },
  { part: "fees", re: /^(?:政府信息公开(?:的)?)?收费(?:及|和|与)?减免(?:的)?情况|^(?:政府信息公开(?:的)?)?收费情况/ },
  {
    part: "review",
    re: /^(?:因政府信息公开(?:申请)?)?(?:申请)?(?:政府信息公开)?(?:被申请)?行政复议(?:[、和及与]|以及)?(?:提起|被提起)?行政诉讼(?:的)?(?:情况)?/,
  },
  {
    part: "problems",
    // 存在的主要问题及改进情况, 工作中存在的不足和改进措施, 问题与不足, 存在问题和下一步工作打算
    re: /^(?:政府信息(?:与政务)?公开)?(?:工作)?(?:中)?(?:存在的?)?(?:主要)?(?:问题|不足)(?:(?:[和及与、]|以及)(?:不足|问题))?(?:(?:[和及与]|以及)(?:改进|整改|下一步|下步|今后)(?:的)?(?:工作)?(?:情况|措施|方向|计划|打算|思路|举措)?)?|^(?:主要)?问题(?:[和及与]|以及)(?:改进|整改)(?:情况|措施)/,
  },
  { part: "other", re: /^其他需要报告的事项|^其他(?:需要说明的)?事项/ },
  { part: "table", re: /^[^，。；：]{0,24}?(?:情况)?统计(?:表|情况)/ },
  { part: "plans", re: /^(?:下一步|下步|今后)(?:的)?(?:工作)?(?:打算|计划|安排|思路|重点|措施)?|^(?:\d{4}年|明年)(?:的)?工作(?:打算|计划|安排|思路|重点)/ },
];

/**
 * Row labels of the statistics tables that are numbered like sections (2016 统计表 一、主动公开情况 …
 * 九、会议和培训; 2021 表三 一、本年新收 … 四、结转下年度). A heading with one of these titles belongs
 * to a table, not to the narrative.
 */
export const TABLE_ROW_TITLES =
  /^(?:主动公开情况|回应解读情况|依申请公开情况|行政复议数量|行政诉讼数量|举报投诉数量|依申请公开信息收取的费用|机构建设和保障经费情况|政府信息公开会议和培训情况|本年度?新收|上(?:一)?年度?结转|本年度办理结果|结转下年度|制度完善|政府信息公开网站建设)/;

/** Words a heading's title ends with when it is not the template's own (…情况, 改进措施, 工作打算). */
export const TITLE_END_WORDS = "情况|措施|打算|安排|事项";

/** The template part a title names ("收到和处理政府信息公开申请情况" → "requests"), with its length. */
export function templateHeading(title: string): { part: string; length: number } | null {
  let best: { part: string; length: number } | null = null;
  for (const h of TEMPLATE_HEADINGS) {
    const m = h.re.exec(title);
    if (m && m[0].length >= 2 && (!best || m[0].length > best.length)) best = { part: h.part, length: m[0].length };
  }
  return best;
}
