// The report's prose read for answering: its sentences, and every quantity the prose states with the
// words around it (the clause it stands in, the words right before and after it, the clauses before
// it in the sentence, the sentence before). A question about a number the registry does not know
// (专栏访问量, 各乡镇主动公开, 官方微博粉丝) is answered from here.
import type { Section } from "../domain.js";
import { pointMarksIn } from "../parse/headings.js";
import { sentences } from "../parse/prose.js";
import { type Quantity, quantitiesIn } from "../parse/quantities.js";
import { respectively } from "../parse/respectively.js";

/** A sentence of the prose, where it is, and what part of the report it belongs to. */
export interface ProseSentence {
  text: string;
  /** Section title ("四、政府信息公开工作存在的主要问题及改进情况"), "" before the first heading. */
  section: string;
  /** 1-based source line of the paragraph it stands in. */
  line: number;
  /**
   * The headings of the numbered points it stands under, outermost first, without their numbers
   * (推进民生改善信息公开, 推进扶贫脱贫和社会救助信息公开): "全年共发布25条信息" says what it counts only there.
   */
  points: string[];
  /** The same headings as one text (the context a quantity's words are looked for in). */
  pointText: string;
}

/** A quantity the prose states, with its context words. */
export interface ProseQuantity {
  value: number;
  unit: string;
  /** 余, 多, 约, 近, 26.8万: the text states an estimate. */
  approximate: boolean;
  /** As written: "20多家", "122条", "71.11%". */
  raw: string;
  /** Index of its sentence in `ProseIndex.sentences`. */
  sentence: number;
  /** The clause it stands in (between ，；：。). */
  clause: string;
  /** The words naming it before it in the clause (from the previous quantity or the clause start). */
  left: string;
  /** The words after it up to the next quantity or the clause end (empty when they name the next item). */
  right: string;
  /** Counted before the noun that names it, in a list ("4家新建单位、4家合并单位"): `right` names it, `left` leads in the list. */
  countedFirst?: boolean;
  /** Earlier clauses of the same sentence, nearest first. */
  before: string[];
  /** Later clauses of the same sentence, joined. */
  after: string;
  /** The quoted evidence: the sentence, or the clauses around it when the sentence is long. */
  quote: string;
}

export interface ProseIndex {
  sentences: ProseSentence[];
  quantities: ProseQuantity[];
}

/** Clause stops inside a sentence (NFKC has made the full-width ones ASCII; both accepted). */
const CLAUSE_STOP = /[,，:：]/;
/** Words that join two counted items: "民意征集53期、网上调查51期" — what follows belongs to the next. */
const JOINER = /^(?:[、和及与]|以及|并)/;
/** The same joiner ending the words between two quantities: they named the quantity before. */
const JOINER_END = /(?:[、和及与]|以及)$/;
/** Percentages: "占71.11%", "占比28.7％" (quantities.ts reads counts, not shares). */
const PERCENT = /(\d{1,3}(?:\.\d{1,4})?)\s?%/g;
/**
 * A count printed without its unit right after the label that names it ("不予公开信息数1402。"):
 * a label ending in 数/数量/总数/量 (with 为/是/达), the number, then the clause ends.
 */
const BARE_COUNT = /(?:数|数量|总数|量)(为|是|达到?|超过|逾|近|约)?(\d{1,7}(?:\.\d{1,4})?)(万|亿)?(?=[,，;；。]|$)/g;
/** Words before a bare count that make it an estimate ("关注人数超过15万"). */
const ROUGHLY = /^(?:超过|逾|近|约)$/;
/** A sentence longer than this is quoted by the clauses around the quantity. */
const MAX_QUOTE = 140;

interface Piece {
  text: string;
  start: number;
}

function clausesOf(sentence: string): Piece[] {
  const out: Piece[] = [];
  let start = 0;
  for (let i = 0; i <= sentence.length; i++) {
    if (i === sentence.length || CLAUSE_STOP.test(sentence[i]!)) {
      if (i > start) out.push({ text: sentence.slice(start, i), start });
      start = i + 1;
    }
  }
  return out;
}

function quantitiesOf(sentence: string): Quantity[] {
  const out: Quantity[] = quantitiesIn(sentence, 0, sentence.length).map((q) => ({ ...q }));
  // exec over the module's patterns (lastIndex reset), not matchAll, which copies the pattern for
  // each call: two copies a sentence of every report read at a figure answer.
  let m: RegExpExecArray | null;
  PERCENT.lastIndex = 0;
  while ((m = PERCENT.exec(sentence))) {
    const at = m.index;
    if (/[\d.]/.test(sentence[at - 1] ?? "")) continue;
    out.push({ start: at, end: at + m[0].length, value: Number(m[1]), unit: "%", approximate: false, raw: m[0].replace(/\s/g, "") });
  }
  BARE_COUNT.lastIndex = 0;
  while ((m = BARE_COUNT.exec(sentence))) {
    // …with 万 or 亿 and a word of estimate before it: "政务微信公众号关注人数超过15万" is about 150,000.
    const raw = `${m[2]!}${m[3] ?? ""}`;
    const at = m.index + m[0].length - raw.length;
    if (out.some((q) => q.start <= at && at < q.end)) continue;
    const scale = m[3] === "万" ? 1e4 : m[3] === "亿" ? 1e8 : 1;
    const approximate = ROUGHLY.test(m[1] ?? "") || (scale > 1 && m[2]!.includes("."));
    out.push({ start: at, end: at + raw.length, value: Math.round(Number(m[2]) * scale), unit: "", approximate, raw });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** A numbered point's heading in force: its numbering's style and its words (the number left out). */
interface PointHeading {
  style: string;
  text: string;
}
const POINT_HEADING_MAX = 30;

/**
 * The points a sentence opens (headings.ts pointMarksIn), each replacing the point of its own
 * numbering style and every point opened inside that one ("(2)…一是…二是…(3)": (3) closes 二是).
 * Headings are numbered every way; the style each level uses is learnt as the report goes. A
 * heading runs to the first stop or the next point's number ("2.推进…公开（1）推进…").
 */
function enterPoints(points: PointHeading[], sentence: string): boolean {
  const marks = pointMarksIn(sentence);
  marks.forEach((m, i) => {
    const from = m.at + m.length;
    const words = sentence.slice(from, Math.min(marks[i + 1]?.at ?? sentence.length, m.at + POINT_HEADING_MAX));
    const stop = words.search(/[,，;；:：。]/);
    const at = points.findIndex((h) => h.style === m.style);
    if (at >= 0) points.splice(at);
    points.push({ style: m.style, text: (stop < 0 ? words : words.slice(0, stop)).trim() });
  });
  return marks.length > 0;
}

/**
 * Read the prose of a report into sentences and quantities with their context. Why: a question names
 * a number by the words the report puts around it; those words are in the clause, sometimes after the
 * number (汇集了60个单位的…信息), sometimes in the clause before it (…1509条，占71.11%).
 *
 *   readProse([{ title: "", line: 1, endLine: 1, text: "各乡镇主动公开政府信息122条，占28.7%。", paraLines: [1] }])
 *   → quantities: [{ value: 122, unit: "条", left: "各乡镇主动公开政府信息", … }, { value: 28.7, unit: "%", left: "占", before: ["各乡镇主动公开政府信息122条"], … }]
 */
export function readProse(sections: readonly Section[]): ProseIndex {
  const out: ProseIndex = { sentences: [], quantities: [] };
  for (const s of sections) {
    const paras = s.text.split("\n");
    const points: PointHeading[] = [];
    // The headings in force, shared by the sentences under them (made again only when they change).
    let under: string[] = [];
    let underText = "";
    paras.forEach((para, p) => {
      const line = s.paraLines[p] ?? s.line;
      for (const sen of sentences(para)) {
        const text = sen.text.trim();
        if (!text) continue;
        const si = out.sentences.length;
        out.sentences.push({ text, section: s.title, line, points: under, pointText: underText });
        if (enterPoints(points, text)) {
          under = points.map((h) => h.text);
          underText = under.join(" ");
        }
        const qs = quantitiesOf(text);
        if (qs.length === 0) continue;
        const clauses = clausesOf(text);
        const made: (ProseQuantity | undefined)[] = [];
        for (let k = 0; k < qs.length; k++) {
          const q = qs[k]!;
          const ci = clauses.findIndex((c) => q.start >= c.start && q.start < c.start + c.text.length);
          if (ci < 0) continue;
          const c = clauses[ci]!;
          const cEnd = c.start + c.text.length;
          const prev = qs[k - 1];
          const next = qs[k + 1];
          const leftFrom = prev && prev.end > c.start && prev.end <= q.start ? prev.end : c.start;
          const rightTo = next && next.start < cEnd ? next.start : cEnd;
          let right = text.slice(Math.min(q.end, rightTo), rightTo);
          // What follows a joiner names the next item; a parenthesis is an aside.
          if (JOINER.test(right)) right = "";
          right = right.replace(/[(（].*$/, "");
          const before = clauses
            .slice(0, ci)
            .reverse()
            .map((x) => x.text);
          const after = clauses
            .slice(ci + 1)
            .map((x) => x.text)
            .join("，");
          const quote = text.length <= MAX_QUOTE ? text : [before[0], c.text, clauses[ci + 1]?.text].filter(Boolean).join("，");
          let left = text.slice(leftFrom, q.start);
          // Words after the previous quantity that end at a joiner name that one, counted before its
          // noun ("4家合并单位、23家更名单位"): nothing before this one names it.
          const afterJoiner = !!prev && leftFrom === prev.end && JOINER_END.test(left);
          if (afterJoiner) left = "";
          // Counted before its noun, in a list: "4家新建单位、" (the next item follows the joiner), or the
          // item after one. Its noun is what follows it; what precedes is the list's lead-in.
          const countedFirst = afterJoiner || (!!next && next.start < cEnd && /^[\u4e00-\u9fff]/.test(right) && JOINER_END.test(right));
          const pq: ProseQuantity = {
            value: q.value,
            unit: q.unit,
            approximate: q.approximate,
            raw: q.raw,
            sentence: si,
            clause: c.text,
            left,
            right,
            ...(countedFirst ? { countedFirst } : {}),
            before,
            after,
            quote,
          };
          made[k] = pq;
          out.quantities.push(pq);
        }
        // A list said 分别: each number is named by its own item.
        for (const c of text.includes("分别") ? clauses : []) {
          for (const [k, words] of respectively(text, c.start, c.start + c.text.length, qs).named) {
            const q = made[k];
            if (!q) continue;
            q.left = words;
            q.right = "";
            delete q.countedFirst;
          }
        }
      }
    });
  }
  return out;
}
