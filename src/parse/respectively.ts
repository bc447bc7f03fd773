// A list said 分别 ("通过政府网站、政务微博、政务微信分别发布信息1200条、300条、200条"): each number is
// its own item's, in order. Read by the prose's figures (narrative.ts) and by the answers' clause
// finder (qa/prose-index.ts) alike; without it every number was named by the whole list, and the
// first (1200, the website's) was read as 政务微博's.

/**
 * Words that join two things (行政复议和行政诉讼, 复议与诉讼, 复议及诉讼): not inside a word ("因涉及国家
 * 秘密不予公开" had been read as two questions, and 不予公开 answered for 国家秘密). The question
 * parser's, and the items of a 分别 list's.
 */
export const JOINS = /以及|还有|(?<![参给赋])与|(?<![涉普波企危触])及(?![时格])|(?<![总共平温缓调])和(?![平谐解睦])/;
/** The items before 分别: apart by 、 or a joining word. */
const ITEM_JOIN = new RegExp(`、|${JOINS.source}`);
/** Between two numbers of the list: a joiner and nothing else ("1200条、300条和200条"). */
const LIST_JOIN = new RegExp(`^\\s*(?:[、,，]|${JOINS.source})\\s*$`);

export interface Respective {
  /** Index of a quantity in the list → the words that name it: its item and what follows 分别 ("政务微博发布信息"). */
  named: Map<number, string>;
  /** Quantities of a 分别 list whose items could not be paired with them (not as many): named by nothing sure. */
  unpaired: Set<number>;
}

/**
 * The 分别 lists of the clause text[from, to) and what names each of their numbers. `qs` are the
 * clause's sentence's quantities (offsets into `text`), in order.
 *
 *   respectively("行政复议和行政诉讼分别为3件、1件", 0, 17, [{start: 12, end: 14}, {start: 15, end: 17}]).named
 *   → Map { 0 → "行政复议", 1 → "行政诉讼" }
 */
export function respectively(text: string, from: number, to: number, qs: readonly { start: number; end: number }[]): Respective {
  const out: Respective = { named: new Map(), unpaired: new Set() };
  // Looked for in the clause alone: text.indexOf runs on to the next 分别 of the whole text, and a
  // 5 MB text spent a quarter of its prose there.
  const clause = text.slice(from, to);
  for (let at = clause.indexOf("分别"); at >= 0; at = clause.indexOf("分别", at + 2)) {
    const f = from + at;
    const first = qs.findIndex((q) => q.start > f && q.end <= to);
    if (first < 0) break;
    let last = first;
    while (last + 1 < qs.length && qs[last + 1]!.end <= to && LIST_JOIN.test(text.slice(qs[last]!.end, qs[last + 1]!.start))) last++;
    const count = last - first + 1;
    if (count < 2) continue;
    const items = text
      .slice(from, f)
      .split(ITEM_JOIN)
      .map((t) => t.trim())
      .filter(Boolean);
    // The words between 分别 and the numbers say what each counts (发布信息); 为 and 是 say nothing.
    const words = text.slice(f + 2, qs[first]!.start).replace(/^(?:为|是)$/, "");
    if (items.length !== count) {
      // No list of its own: a part of each item of a list before it in the sentence ("办理人大代表建议
      // 45件、政协委员提案67件，…其中A类答复分别为32件和41件": 41 is the 提案's).
      const earlier = listBefore(text, from, first, count, qs);
      const lead = text.slice(from, f).replace(/^\s*其中[，,]?/, "");
      for (let k = 0; k < count; k++) {
        if (earlier) out.named.set(first + k, `${earlier[k]}${lead}${words}`);
        else out.unpaired.add(first + k);
      }
      continue;
    }
    for (let k = 0; k < count; k++) out.named.set(first + k, `${items[k]}${words}`);
  }
  return out;
}

/** Where a sentence ends: no list before it is this one's. */
const SENTENCE_END = /[。！？!?；;]/;
/** Where a clause starts, looking back from a list's first item. */
const CLAUSE_START = /[，,：:。！？!?；;]/;

/**
 * The items of the nearest list of `count` numbers before the clause starting at `from` (qs before
 * index `first`), in the same sentence: each number's words since the one before (joiner left out),
 * the first's since its clause starts; undefined when there is none.
 */
function listBefore(text: string, from: number, first: number, count: number, qs: readonly { start: number; end: number }[]): string[] | undefined {
  for (let e = first - 1; e - count + 1 >= 0; e--) {
    const run = qs.slice(e - count + 1, e + 1);
    if (SENTENCE_END.test(text.slice(run[run.length - 1]!.end, from))) return undefined;
    const joined = run.every((q, j) => j === 0 || ITEM_START.test(text.slice(run[j - 1]!.end, q.start)));
    if (!joined) continue;
    let start = run[0]!.start;
    while (start > 0 && !CLAUSE_START.test(text[start - 1]!) && run[0]!.start - start < 40) start--;
    return run.map((q, j) => (j === 0 ? text.slice(start, q.start) : text.slice(run[j - 1]!.end, q.start).replace(ITEM_START, "")).trim());
  }
  return undefined;
}
/** The text between two items of a list: it starts at a joiner ("、政协委员提案"). */
const ITEM_START = new RegExp(`^\\s*(?:、|${JOINS.source})`);
