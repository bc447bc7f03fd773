// The 存在的主要问题 part of a report and the problems it lists. A report crawled as one line has no
// line breaks and its sections may run into each other: the part is found by its heading inside the
// running text (五、存在的主要问题及改进情况), and the problems are the sentences between the preface
// (虽然……但还存在以下问题：) and the improvements (下一步 / 改进措施 / 2025年，将……).
import type { Section } from "../domain.js";
import { templateHeading } from "../parse/headings.js";

export interface ProblemsPart {
  /** The heading as printed ("五、主要问题和改进措施"). */
  heading: string;
  /** 1-based source line of the part. */
  line: number;
  /** The problems, one per item (一是…, 二是…, 1. …, or one sentence each), without their numbers. */
  items: string[];
  /**
   * The improvements the part goes on to (下一步…, 改进措施) and a part of their own after it
   * (四、下步工作打算), one per item; empty when the report states none.
   */
  improvements: string[];
  /** Where the improvements stand when a part of their own holds them all (三、下步工作安排). */
  improvementsAt?: { heading: string; line: number };
}

/**
 * A top-level or second-level heading number before a title: 五、 / 五 (a space, or none after a break) / 5. / 第五部分 /
 * （一） / (一). Groups 1–3 are a top-level number, 4 a second-level one. (Only 五、 and （一） had been
 * read: "5.存在的主要问题…", "五 存在的…" and "第五部分 …" had quoted the report's first lines.)
 */
const HEADING_NUMBER =
  /第([一二三四五六七八九十]{1,3})(?:部分|章)\s*|([一二三四五六七八九十]{1,3})(?:[、.．]|(?<=(?:^|[^\u4e00-\u9fff])[一二三四五六七八九十]{1,3})\s*(?=[\u4e00-\u9fff]))|(?<![\d.])(\d{1,2})[、.．](?=[\u4e00-\u9fff])|[（(]([一二三四五六七八九十]{1,3})[）)]/g;
const topLevel = (m: RegExpExecArray) => Boolean(m[1] ?? m[2] ?? m[3]);
/** The same number at the start of a section's title. */
const TITLE_NUMBER = /^(?:第[一二三四五六七八九十]{1,3}(?:部分|章)|[（(]?[一二三四五六七八九十]{1,3}[、.．）)]|\d{1,2}[、.．])\s*/;
/** Where the improvements start: the problems end there. */
const IMPROVE =
  /[（(][一二三四五六七八九十][）)]\s*(?:具体的?)?(?:改进|整改|下一步|解决)|改进措施|改进方向|整改措施|下一步|下步工作|今后|因此|针对(?:存在的?|上述|以上|这些)?(?:的)?问题|(?:解决|改进)(?:办法|思路)|(?:考虑|将|拟)[^。；;]{0,12}(?:以下|如下)[^。；;]{0,12}(?:改进|措施|工作|方面)|(?:\d{4}年|明年)[,，]?(?:我[区县市局镇]|我们|本机关)?[^，。]{0,8}将/;
/** Where the preface ends and the problems begin. */
const PREFACE_END = /一是|[:：]|[,，](?:如|主要是|主要表现(?:在|为)|具体(?:表现)?(?:在|为))|。(?:如|主要(?:是|表现(?:在|为)))/;

/** A sentence that says problems exist, where no heading names the part. */
const SAYS_PROBLEMS = /(?:仍|还|但)[^。；]{0,6}存在(?:的|一些|以下|着)?[^。；]{0,8}(?:不足|问题|短板|差距|薄弱环节)/;

interface Found {
  heading: string;
  start: number;
  end: number;
  line: number;
}

/** The problems heading in one text: a heading number, then a title the templates give this part. */
function findHeading(text: string): { heading: string; start: number; bodyStart: number } | null {
  let second: { heading: string; start: number; bodyStart: number } | null = null;
  HEADING_NUMBER.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = HEADING_NUMBER.exec(text))) {
    const after = m.index + m[0].length;
    const h = templateHeading(text.slice(after, after + 40));
    if (h?.part !== "problems") continue;
    const found = { heading: text.slice(m.index, after + h.length), start: m.index, bodyStart: after + h.length };
    if (topLevel(m)) return found;
    second ??= found;
  }
  return second;
}

/** The next top-level heading of another part after `from` (六、其他需要报告的事项). */
function nextPart(text: string, from: number): number {
  HEADING_NUMBER.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = HEADING_NUMBER.exec(text))) {
    if (!topLevel(m)) continue;
    const h = templateHeading(text.slice(m.index + m[0].length, m.index + m[0].length + 40));
    if (h && h.part !== "problems") return m.index;
  }
  return text.length;
}

function locate(sections: readonly Section[]): Found | null {
  // A section the parser titled as the part; else the heading inside running text.
  for (const s of sections) {
    const h = templateHeading(s.title.replace(TITLE_NUMBER, ""));
    if (h?.part === "problems") return { heading: s.title, start: 0, end: 0, line: s.line };
  }
  return null;
}

/**
 * The problems a report lists under its 存在的主要问题 part, without the preface and without the
 * improvements. Why: "存在哪些问题" asks for the problems; quoting the part's first lines quotes the
 * preface (虽然取得了一定成效……) and a one-line report's part runs on into 改进措施 and the next part.
 *
 *   problemsPart([{ title: "", line: 1, endLine: 1, paraLines: [1], text: "五、存在的主要问题及改进情况虽然取得了一定成效，但还存在以下问题：一是公开范围有待拓展。二是公开制度有待完善。下一步，我区将……" }])
 *   → { heading: "五、存在的主要问题及改进情况", items: ["公开范围有待拓展", "公开制度有待完善"], line: 1 }
 */
export function problemsPart(sections: readonly Section[]): ProblemsPart | null {
  const titled = locate(sections);
  let heading: string;
  let body: string;
  let line: number;
  if (titled) {
    const s = sections.find((x) => x.title === titled.heading)!;
    heading = s.title;
    body = s.text;
    line = s.line;
    // The part may run on into the next one when the parser did not split them.
    body = body.slice(0, nextPart(body, 0));
  } else {
    let hit: { s: Section; heading: string; start: number; bodyStart: number } | null = null;
    for (const s of sections) {
      const h = findHeading(s.text);
      if (h) {
        hit = { s, ...h };
        break;
      }
    }
    if (!hit) {
      // No heading for the part: the sentence that says problems exist (仍存在一些不足：一是…).
      for (const s of sections) {
        const m = SAYS_PROBLEMS.exec(s.text);
        if (m) {
          const para = s.text.slice(0, m.index).split("\n").length - 1;
          hit = { s, heading: s.title, start: m.index, bodyStart: m.index };
          void para;
          break;
        }
      }
    }
    if (!hit) return null;
    heading = hit.heading;
    body = hit.s.text.slice(hit.bodyStart, nextPart(hit.s.text, hit.bodyStart));
    const para = hit.s.text.slice(0, hit.start).split("\n").length - 1;
    line = hit.s.paraLines[para] ?? hit.s.line;
  }
  const text = body.replace(/\s*\n\s*/g, "");
  const cut = IMPROVE.exec(text.slice(2));
  const problems = cut ? text.slice(0, cut.index + 2) : text;
  const pre = PREFACE_END.exec(problems);
  let list = pre && pre.index < problems.length - 4 ? problems.slice(pre[0] === "一是" ? pre.index : pre.index + pre[0].length) : problems;
  list = list.replace(/^[（(][一二三四五六七八九十][）)]\s*存在的?主要?问题[:：]?/, "");
  const items = listItems(list).map((x) => x.replace(/等(?:问题)?$/, ""));
  if (items.length === 0) return null;
  const plans = plansPart(sections);
  const improveText = [cut ? text.slice(cut.index + 2) : "", plans?.text ?? ""].filter(Boolean).join("。");
  // Improvements from a part of their own alone are quoted under its heading, not the problems'.
  const own = !cut && plans ? { improvementsAt: { heading: plans.heading, line: plans.line } } : {};
  return { heading, line, items, improvements: improvementItems(improveText), ...own };
}

/** Item numbers at the start of an item: 一是 / （一） / 1. / 1、 (not 1.5万). */
const ENUMERATORS: readonly RegExp[] = [
  /[一二三四五六七八九十]是/g,
  /[（(][一二三四五六七八九十]{1,2}[）)]/g,
  /(?<=^|[。；;：:!！?？\s])\d{1,2}(?:[.．、](?!\d)|[）)])/g,
];

/**
 * The items of a list as the report numbers them (一是…二是…, （一）…, 1.…2.…), each with the
 * sentences that explain it, numbers dropped and repeats said once; a list without numbers is split
 * into sentences. Why: "1.公开形式还不够便民。主要体现在……" is one problem, and a reply that numbers
 * its items must not print "1. 1.公开形式…".
 *
 *   listItems("1.公开形式不够便民。主要体现在信息少。2.公开执行不到位。") → ["公开形式不够便民。主要体现在信息少", "公开执行不到位"]
 */
export function listItems(text: string): string[] {
  let parts: string[] | null = null;
  for (const re of ENUMERATORS) {
    const at = [...text.matchAll(re)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
    // Numbering needs at least two items.
    if (at.length < 2) continue;
    parts = at.map((m, i) => text.slice(m.end, at[i + 1]?.start ?? text.length));
    // A lead-in before the first number with something to say of its own is kept as an item.
    const lead = text.slice(0, at[0]!.start);
    if (/[\u4e00-\u9fff]{4}/.test(lead.replace(/[:：]$/, "")) && !/[:：]\s*$/.test(lead)) parts.unshift(lead);
    break;
  }
  parts ??= text.split(/[；;。]/);
  const out: string[] = [];
  for (const p of parts) {
    const x = p.replace(/^[,，:：;；。\s]+|[,，:：;；。\s]+$/g, "");
    if (x.length < 4) continue;
    const key = x.replace(/[^\p{L}\p{N}]/gu, "");
    if (out.some((o) => o.replace(/[^\p{L}\p{N}]/gu, "") === key)) continue;
    out.push(x);
  }
  return out;
}

/** A part of its own for the plans (四、下步工作打算, （二）改进措施 standing alone): its heading, line and text. */
function plansPart(sections: readonly Section[]): { heading: string; line: number; text: string } | null {
  for (const s of sections) {
    const h = templateHeading(s.title.replace(TITLE_NUMBER, ""));
    if (h?.part === "plans") return { heading: s.title, line: s.line, text: s.text.replace(/\s*\n\s*/g, "") };
  }
  for (const s of sections) {
    HEADING_NUMBER.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = HEADING_NUMBER.exec(s.text))) {
      if (!topLevel(m)) continue;
      const after = m.index + m[0].length;
      const h = templateHeading(s.text.slice(after, after + 40));
      if (h?.part !== "plans") continue;
      const from = after + h.length;
      const para = s.text.slice(0, m.index).split("\n").length - 1;
      return {
        heading: s.text.slice(m.index, from).trim(),
        line: s.paraLines[para] ?? s.line,
        text: s.text.slice(from, nextPart(s.text, from)).replace(/\s*\n\s*/g, ""),
      };
    }
  }
  return null;
}

/** The improvements' own heading words and lead-in (下一步，我区将：) are no item. */
function improvementItems(text: string): string[] {
  let body = text
    .replace(/^[（(][一二三四五六七八九十][）)][^。：:，,]{0,16}(?:措施|办法|打算|计划|情况|方向|思路)[:：]?/, "")
    .replace(/^[（(][一二三四五六七八九十][）)]\s*/, "")
    .replace(/^(?:改进(?:情况|措施|方向)|整改措施|下一步(?:工作)?(?:打算|计划|措施)?|下步工作(?:打算|计划)?)[:：]?/, "");
  // The report's end (signature, date, the annexed table) is no improvement.
  const end = SIGN_OFF.exec(body);
  if (end) body = body.slice(0, end.index).replace(/[^。；;]*$/, "");
  return listItems(body);
}

/** Where a report's text ends: the date it is signed with, its annex, the statistics table. */
const SIGN_OFF = /(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|附件[:：]|附表|(?:政府信息公开)?(?:工作)?(?:情况)?统计表/;
