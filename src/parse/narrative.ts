// Figures stated in the prose ("全区共收到政府信息公开申请359件", "发生了15件因政府信息公开引起的
// 行政复议", "主动公开政府信息26.8万条"), read by clause: a quantity with a unit the metric takes, and
// in the same clause a phrase that names the metric (phrases.ts), whatever words stand between.
// The first mention of a metric in the report wins, except that a clause about a part of the issuer
// (各乡镇…) never gives the report's own figure, and a weak wording loses to a strong one.
import type { Figure } from "../domain.js";
import { spanEvidence } from "./evidence.js";
import { headingNumberAt, TITLE_END_WORDS, templateHeading } from "./headings.js";
import { metricDef } from "./metrics.js";
import { DISCLOSURE, type MetricPhrase, PHRASES, SUB_UNIT, type Topic } from "./phrases.js";
import { type Prose, sectionHeads, srcSpan } from "./prose.js";
import { type Quantity, quantitiesIn } from "./quantities.js";
import { respectively } from "./respectively.js";

interface Candidate {
  metric: string;
  value: number;
  unit: string;
  approximate: boolean;
  raw: string;
  /** Which of the phrase's wordings named it (0 = strongest). */
  rank: number;
  /** Said of a part of the issuer. */
  sub: boolean;
  /** Prose offset of the quantity (of the clause for a "none"). */
  at: number;
  /** Prose span quoted as evidence. */
  quote: [number, number];
}

const SENTENCE = /[^。！？!?；;\n]+[。！？!?；;]?/g;
/** , ， : ： end a clause (NFKC has made the full-width ones ASCII; both are accepted). */
const isClauseStop = (code: number) => code === 0x2c || code === 0x3a || code === 0xff0c || code === 0xff1a;
/** Words that join two counted items: "申请13件、办结12件" — what follows belongs to the next. */
const JOINERS = /[、和及与并(（]|以及/g;
/** An opening bracket of a note on the parts of the number before it: （含…）, (其中…), （包括…）. */
const PART_NOTE = /[(（](?:含|包含|包括|其中)/;
/** A clause that may say "none" (未收到, 没有发生, 无…, 均为0, 不收费). */
const NONE_HINT = /未|没有|无|为0|为零|不收|免收/;
/** A clause that counts a part of the figure before it: "…，其中…". */
const PART_OF_BEFORE = /^\s*其中/;
/** A sentence that is only "无": the part's heading names what there was none of. */
const BARE_NONE = /^\s*(?:无|没有|暂无|均无)\s*[。.；;]?\s*$/;
/**
 * A quantity that is not a figure of the year: a target (不少于两次, 力争), a counting rule
 * ("不同渠道和方式公开相同信息计1条").
 */
// …nor a change against another year ("比上年减少20件", "同比增长15件", "较2019年增加3件"): the
// figure is another number of the sentence, or none.
const NOT_A_FIGURE =
  /(?:不少于|至少|不低于|不超过|力争|争取)#|(?:相同|同一)[^#]{0,16}计#|(?:(?:比|较)(?:上一?年度?|去年|同期|(?:19|20)\d{2}年度?)|同比|环比)[^#，,。；;]{0,4}(?:增加|减少|增长|下降|上升|提高|降低|新增|多|少)[^#，,。；;]{0,20}#/;
/** A total over the years: 累计 (not 全年累计) before the number's words, in a sentence dated 截至/截止 or 历年. */
const CUMULATIVE = /(?<!全年|本年|年度|当年|今年)累计[^，,。；;]{0,24}$/;
const AS_OF = /截至|截止|历年/;
/** A sentence that may hold a quantity. */
const NUMBER_HINT = /[\d一二两三四五六七八九十万]/;
const NO_QUANTITIES: readonly Quantity[] = [];
const TOPIC_WORD = /(?:复议|诉讼)(?:申请)?|申请/g;
/** A sentence longer than this is quoted by its clauses. */
const MAX_QUOTE = 120;

/** Each phrase's key patterns (the first of each wording), global, for the nearest-match search. */
const GLOBAL_KEYS = new Map<MetricPhrase, RegExp[]>(PHRASES.map((p) => [p, p.names.map((alt) => new RegExp(alt[0]!.source, "g"))]));

/** Distance from a match of `re` in `scope` to the quantity mark at `hash` (0 when it covers it). */
function nearest(re: RegExp, scope: string, hash: number): number {
  re.lastIndex = 0;
  let best = Infinity;
  let m: RegExpExecArray | null;
  while ((m = re.exec(scope))) {
    const s = m.index;
    const e = s + m[0].length;
    const d = e <= hash ? hash - e : s > hash ? s - hash - 1 : 0;
    if (d < best) best = d;
    if (m[0].length === 0) re.lastIndex++;
  }
  return best;
}

/** The topic word nearest before `pos` within `from`…`pos`: 申请 → requests, 复议 → review, 诉讼 → litigation. */
function topicBefore(text: string, from: number, pos: number): Topic | null {
  const window = text.slice(from, pos);
  let last: string | null = null;
  for (const m of window.matchAll(TOPIC_WORD)) last = m[0];
  if (!last) return null;
  return last.startsWith("复议") ? "review" : last.startsWith("诉讼") ? "litigation" : "requests";
}

/**
 * Extract the figures the narrative states. Every figure is `source: "narrative"` with its
 * sentence (or clause, when the sentence is long) as evidence, quoted from the original text;
 * approximate numbers (余, 多, 约, 近, 26.8万) are marked uncertain with a note.
 *
 *   extractNarrative(buildProse(prepareText("2018年,全区共收到政府信息公开申请359件,全部按时办结。"), []))
 *   → [{ metric: "requests.received", value: 359, unit: "件", source: "narrative", certain: true, … }]
 */
export function extractNarrative(prose: Prose): Figure[] {
  const text = prose.text;
  // Prose offset where each section starts, with its title: the context of a sentence.
  const heads = sectionHeads(prose);
  const sectionStarts = [{ at: 0, title: "" }, ...heads.map((h) => ({ at: h.start, title: h.title }))];
  // A heading's title ends a sentence: a page flattened to one line runs it into its first
  // sentence ("三、依申请公开政府信息和不予公开政府信息的情况 全年共受理政府信息公开申请11件"),
  // whose words would otherwise name the number (不予公开).
  const titleEnds = heads.map((h) => h.titleEnd);
  let nextTitle = 0;
  let sec = 0;
  const cands: Candidate[] = [];
  const ctx: Context = { text, sentence: "", sStart: 0, sEnd: 0, from: 0, title: "", part: "", disclosure: undefined };
  let prevStart = 0;
  let paraStart = 0;
  // The numbered part the sentence stands under, within its section (the sentence its number
  // starts: "（二）依申请公开方面。"): its words are context however many paragraphs down, as its
  // section's title is. A paragraph break a PDF's wrap made (a line ending at 。) had cut
  // "本年度全区共收到70件申请" off from 依申请公开.
  let part = "";
  SENTENCE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SENTENCE.exec(text))) {
    const sStart = m.index;
    let sEnd = sStart + m[0].length;
    while (nextTitle < titleEnds.length && titleEnds[nextTitle]! <= sStart) nextTitle++;
    if (nextTitle < titleEnds.length && titleEnds[nextTitle]! < sEnd) {
      sEnd = titleEnds[nextTitle]!;
      SENTENCE.lastIndex = sEnd;
    } else {
      // …and so does any numbered heading's, found or not among the sections ("（三）依申请公开…情况
      // 全年共受理…", or a report whose 一、 the text lost).
      const cut = runInTitleEnd(text, sStart, sEnd);
      if (cut > 0) {
        sEnd = cut;
        SENTENCE.lastIndex = cut;
      }
    }
    while (sec + 1 < sectionStarts.length && sectionStarts[sec + 1]!.at <= sStart) sec++, (part = "");
    const section = sectionStarts[sec]!;
    const sentence = text.slice(sStart, sEnd);
    if (text.charCodeAt(sStart - 1) === 10 || sStart === 0) paraStart = sStart;
    if (headingNumberAt(text, sStart)) part = sentence.slice(0, 40);
    const qs = NUMBER_HINT.test(sentence) ? quantitiesIn(text, sStart, sEnd) : NO_QUANTITIES;
    const none = NONE_HINT.test(sentence);
    if (qs.length > 0 || none) {
      ctx.sentence = sentence;
      ctx.sStart = sStart;
      ctx.sEnd = sEnd;
      // the context reaches back to the paragraph's start or the sentence before, within the section
      ctx.from = Math.max(section.at, sStart - 300, Math.min(prevStart, paraStart));
      ctx.title = section.title;
      ctx.part = part;
      ctx.disclosure = undefined;
      readSentence(ctx, qs, none, cands);
    }
    prevStart = sStart;
  }
  // The figure of each metric: not a part's; the strongest wording; the first mention.
  const chosen = new Map<string, Candidate>();
  for (const c of cands) {
    if (c.sub) continue;
    const cur = chosen.get(c.metric);
    if (!cur || c.rank < cur.rank || (c.rank === cur.rank && c.at < cur.at)) chosen.set(c.metric, c);
  }
  const order = new Map(PHRASES.map((p, i) => [p.metric, i]));
  return [...chosen.values()]
    .sort((a, b) => a.at - b.at || order.get(a.metric)! - order.get(b.metric)!)
    .map((c) => ({
      metric: c.metric,
      value: c.value,
      unit: c.unit,
      source: "narrative" as const,
      evidence: spanEvidence(prose.src, [srcSpan(prose, c.quote[0], c.quote[1])]),
      certain: !c.approximate,
      ...(c.approximate ? { note: `原文为约数（${c.raw}）` } : {}),
    }));
}

/** A heading's title: the template's, or words up to 情况 (措施, 打算 …), with no number or stop inside. */
const TITLE = new RegExp(`^[^\\d。，,；;：:!?！？]{2,30}?(?:${TITLE_END_WORDS})`);

/**
 * Where the title of a numbered heading that starts the sentence ends, when the sentence goes on
 * after it (the heading run into its paragraph); 0 when it does not.
 */
function runInTitleEnd(text: string, sStart: number, sEnd: number): number {
  let at = sStart;
  while (at < sEnd && /\s/.test(text[at]!)) at++;
  const h = headingNumberAt(text, at);
  if (!h) return 0;
  const from = at + h.length;
  const window = text.slice(from, Math.min(sEnd, from + 40));
  const known = templateHeading(window);
  const len = known?.length ?? TITLE.exec(window)?.[0].length ?? 0;
  const end = from + len;
  return len > 0 && /[\u4e00-\u9fff\d]/.test(text.slice(end, sEnd)) ? end : 0;
}

/** Where a sentence stands: its text, its section's title and where the sentence before starts. */
interface Context {
  text: string;
  sentence: string;
  sStart: number;
  sEnd: number;
  /** Start of the sentence before (or of the section): the context reaches back to here. */
  from: number;
  title: string;
  /** The first sentence of the numbered part it stands under, in its section ("（二）依申请公开方面。"). */
  part: string;
  /** The sentence, the one before, its part or the section title speak of disclosure (computed once). */
  disclosure: boolean | undefined;
}

function aboutDisclosure(ctx: Context): boolean {
  if (ctx.disclosure === undefined)
    ctx.disclosure = DISCLOSURE.test(ctx.title) || DISCLOSURE.test(ctx.part) || DISCLOSURE.test(ctx.text.slice(ctx.from, ctx.sEnd));
  return ctx.disclosure;
}

/**
 * The sentence quoted as evidence; when it is long, the clause with the one before it (which
 * names the total a part belongs to: "行政复议351件，其中结果维持72件").
 */
function quoteOf(ctx: Context, cStart: number, cEnd: number): [number, number] {
  if (ctx.sEnd - ctx.sStart <= MAX_QUOTE) return [ctx.sStart, ctx.sEnd];
  let from = cStart;
  for (let i = cStart - 2; i >= ctx.sStart && cStart - i < 60; i--) {
    if (isClauseStop(ctx.text.charCodeAt(i))) break;
    from = i;
  }
  if (from > ctx.sStart && cStart - from >= 60) from = cStart;
  const end = Math.min(cEnd + (isClauseStop(ctx.text.charCodeAt(cEnd)) ? 0 : 1), ctx.sEnd);
  return [from, Math.min(end, from + 2 * MAX_QUOTE)];
}

/** The candidates of one sentence, clause by clause: its quantities and its "none" statements. */
function readSentence(ctx: Context, qs: readonly Quantity[], none: boolean, out: Candidate[]): void {
  const text = ctx.text;
  let cStart = ctx.sStart;
  let qi = 0;
  /** The last figure of the sentence was said of a part of the issuer. */
  let lastSub = false;
  for (let i = ctx.sStart; i <= ctx.sEnd; i++) {
    if (i < ctx.sEnd && !isClauseStop(text.charCodeAt(i))) continue;
    const cEnd = i;
    if (cEnd > cStart) {
      while (qi < qs.length && qs[qi]!.start < cStart) qi++;
      let prevEnd = cStart;
      // A list said 分别: each number named by its own item, or by nothing when they do not pair.
      const listed = text.slice(cStart, cEnd).includes("分别") ? respectively(text, cStart, cEnd, qs) : null;
      for (let j = qi; j < qs.length && qs[j]!.end <= cEnd; j++) {
        const q = qs[j]!;
        const next = j + 1 < qs.length && qs[j + 1]!.end <= cEnd ? qs[j + 1] : undefined;
        if (listed?.unpaired.has(j)) {
          prevEnd = q.end;
          continue;
        }
        const c = readQuantity(ctx, q, prevEnd, next, cEnd, listed?.named.get(j));
        if (c) {
          c.quote = quoteOf(ctx, cStart, cEnd);
          // A part of a figure said of a part of the issuer is of that part too: "全市各级各部门共主动
          // 公开政府信息21653条，其中市政府门户网站公开8946条" is not the office's own website count.
          if (lastSub && PART_OF_BEFORE.test(text.slice(cStart, q.start))) c.sub = true;
          lastSub = c.sub;
          out.push(c);
        }
        prevEnd = q.end;
      }
      if (none) {
        let clause = text.slice(cStart, cEnd);
        let quote = quoteOf(ctx, cStart, cEnd);
        // A part whose whole body is 无 ("四、收费情况 无。"): its heading says what there was none of,
        // and a heading of the template's parts speaks of disclosure (五、行政复议、行政诉讼情况).
        let templatePart = false;
        if (BARE_NONE.test(ctx.sentence)) {
          const heading = ctx.part && ctx.part !== ctx.sentence ? ctx.part : ctx.title;
          const title = heading.slice(headingNumberAt(heading, 0)?.length ?? 0);
          clause = `无${title}`;
          quote = [ctx.from, ctx.sEnd];
          templatePart = templateHeading(title) !== null;
        }
        if (NONE_HINT.test(clause)) {
          for (const p of PHRASES) {
            if (!p.none?.test(clause) || p.not?.test(clause)) continue;
            if (p.disclosure && !templatePart && !aboutDisclosure(ctx)) continue;
            out.push({
              metric: p.metric,
              value: 0,
              unit: metricDef(p.metric)?.unit ?? p.units[0]!,
              approximate: false,
              raw: "",
              rank: 0,
              sub: SUB_UNIT.test(clause),
              at: cStart,
              quote,
            });
          }
        }
      }
    }
    cStart = cEnd + 1;
  }
}

/** The metric a quantity counts, if its clause names one; null when it counts something else. */
function readQuantity(ctx: Context, q: Quantity, from: number, next: Quantity | undefined, clauseEnd: number, named?: string): Candidate | null {
  const text = ctx.text;
  // The quantity's scope: its clause between the neighbouring quantities; what follows a joiner
  // before the next quantity belongs to that one ("申请13件、办结12件").
  let afterEnd = clauseEnd;
  if (next) {
    afterEnd = next.start;
    const between = text.slice(q.end, next.start);
    let cut = -1;
    for (const j of between.matchAll(JOINERS)) cut = j.index!;
    if (cut >= 0) afterEnd = q.end + cut;
  }
  // A note on the parts after it ("答复66件（含上年度结转申请）") names a part, not what the number
  // counts: with the part's own number missing, 66 had been read as the carried-over requests.
  const note = PART_NOTE.exec(text.slice(q.end, afterEnd));
  if (note) afterEnd = q.end + note.index;
  // A number of a 分别 list is named by its own item alone (respectively.ts).
  const before = named ?? text.slice(Math.max(from, q.start - 80), q.start);
  const scope = named !== undefined ? `${named}#` : `${before}#${text.slice(q.end, Math.min(afterEnd, q.end + 40))}`;
  const hash = before.length;
  if (NOT_A_FIGURE.test(scope)) return null;
  // A running total as of a date ("截至2021年底，累计主动公开政府信息12万余条") counts every year's.
  if (CUMULATIVE.test(before) && AS_OF.test(ctx.sentence)) return null;
  let best: { p: MetricPhrase; rank: number; dist: number } | null = null;
  let topic: Topic | null | undefined;
  for (const p of PHRASES) {
    if (!p.units.includes(q.unit)) continue;
    const rank = p.names.findIndex((alt) => alt.every((re) => re.test(scope)));
    if (rank < 0) continue;
    if (p.not?.test(scope)) continue;
    if (p.offTopic?.test(ctx.sentence) && !DISCLOSURE.test(scope)) continue;
    if (p.topic) {
      if (topic === undefined) topic = topicBefore(text, ctx.from, q.start);
      if (topic !== p.topic) continue;
    }
    if (p.disclosure && !aboutDisclosure(ctx)) continue;
    const dist = nearest(GLOBAL_KEYS.get(p)![rank]!, scope, hash);
    if (!best || dist < best.dist) best = { p, rank, dist };
  }
  if (!best) return null;
  return {
    metric: best.p.metric,
    value: q.value,
    unit: q.unit,
    approximate: q.approximate,
    raw: q.raw,
    rank: best.rank,
    sub: SUB_UNIT.test(before),
    at: q.start,
    quote: [q.start, q.end],
  };
}
