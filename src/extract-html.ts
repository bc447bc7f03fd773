// A saved web page → the report's text, one paragraph per line and one table row per line
// ("主动公开信息数 | 条 | 1853 | 5395 |"). The article is found by Readability (on a linkedom DOM),
// with a text-density fallback; the text is then written out by our own walker so that table cells,
// spans and blank cells survive, which Readability's own textContent would glue together.
import { createRequire } from "node:module";
import type { Readability as ReadabilityClass } from "@mozilla/readability";
import type { parseHTML as ParseHTML } from "linkedom";
import { RefusedFileError } from "./refusal.js";

// linkedom and Readability are loaded at the first page read, not at every start: linkedom is
// ≈200 modules with its dependencies, ≈170 ms of the start of a process that answers questions
// and never reads a page (the bot, `cli ask`). Their CommonJS builds (the packages' "default"
// export, the same code), because reading a page is synchronous.
const requireCjs = createRequire(import.meta.url);
let dom: { parseHTML: typeof ParseHTML; Readability: typeof ReadabilityClass } | undefined;
const domLibs = () =>
  (dom ??= {
    parseHTML: (requireCjs("linkedom") as { parseHTML: typeof ParseHTML }).parseHTML,
    Readability: (requireCjs("@mozilla/readability") as { Readability: typeof ReadabilityClass }).Readability,
  });

/** The slice of the DOM this module reads (linkedom implements it; the project has no DOM lib types). */
interface DomNode {
  nodeType: number;
  textContent: string | null;
  firstChild: DomNode | null;
  nextSibling: DomNode | null;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  querySelector(sel: string): DomElement | null;
  getElementsByTagName(tag: string): ArrayLike<DomElement>;
}
interface DomDocument {
  body: DomElement | null;
  head: DomElement | null;
  documentElement: DomElement | null;
  querySelector(sel: string): DomElement | null;
  getElementsByTagName(tag: string): ArrayLike<DomElement>;
}

const ELEMENT = 1;
const TEXT = 3;

/**
 * The charset a page declares in its first bytes (`<meta charset="gb2312">`, or the older
 * `<meta http-equiv="Content-Type" content="text/html; charset=GBK">`), lower-cased; undefined
 * when none. Only worth asking when the bytes are not UTF-8: crawlers often re-save a GB2312
 * page as UTF-8 and leave its meta tag saying gb2312.
 */
export function declaredCharset(data: Uint8Array): string | undefined {
  const head = Buffer.from(data.subarray(0, 4096)).toString("latin1");
  const m = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.-]{2,40})/i.exec(head);
  return m ? m[1]!.toLowerCase() : undefined;
}

// ---------------------------------------------------------------------------------------------
// Before the DOM: drop what is never text, in one linear pass (a 19 MB page of Word markup or
// inline images must not become a 19 MB DOM).

/** Elements whose whole content is dropped: code, styles, Word's <xml> islands, form widgets. */
const DROP_ELEMENTS = ["script", "style", "noscript", "template", "textarea", "xml", "svg", "select", "iframe", "object", "math"];
const DROP_OPEN = new RegExp(`<(?:${DROP_ELEMENTS.join("|")})(?=[\\s>/])|<!--|<!\\[(?:if|endif)\\b[^>]{0,200}>`, "gi");

/**
 * Formatting tags that carry no structure: Word's spans, fonts and <o:p>, smart tags (<st1:chsdate>),
 * bold and italics. Their text stays; removing the tags keeps a 19 MB Word page a small DOM.
 */
const INLINE_TAG = /<\/?(?:span|font|b|strong|i|em|u|s|strike|small|big|ins|mark|[a-z][a-z0-9]*:[a-z][a-z0-9-]*)(?=[\s>/])[^<>]*>/gi;

/**
 * Remove scripts, styles, comments (Word's `<!--[if gte mso 9]>…<![endif]-->` included), the
 * `<![if !supportLists]>` markers (their content, a list number, is kept), inline `style`
 * attributes, `data:` URIs and inline formatting tags. Each search starts where the last ended:
 * linear in the page's length.
 */
function preclean(html: string): string {
  const lower = html.toLowerCase();
  const out: string[] = [];
  let at = 0;
  DROP_OPEN.lastIndex = 0;
  for (let m = DROP_OPEN.exec(html); m; m = DROP_OPEN.exec(html)) {
    out.push(html.slice(at, m.index));
    const tok = m[0].toLowerCase();
    let end: number;
    if (tok === "<!--") {
      const close = lower.indexOf("-->", m.index + 4);
      end = close < 0 ? html.length : close + 3;
    } else if (tok.startsWith("<![")) {
      end = m.index + m[0].length;
    } else {
      const name = tok.slice(1);
      const close = lower.indexOf(`</${name}`, m.index + tok.length);
      if (close < 0) end = html.length;
      else {
        const gt = lower.indexOf(">", close);
        end = gt < 0 ? html.length : gt + 1;
      }
    }
    at = end;
    DROP_OPEN.lastIndex = end;
  }
  out.push(html.slice(at));
  return out
    .join("")
    .replace(INLINE_TAG, "")
    .replace(/\sstyle\s*=\s*(?:"[^"]*"|'[^']*')/gi, "")
    .replace(/\s(?:src|href)\s*=\s*(["'])data:[^"']*\1/gi, "");
}

// ---------------------------------------------------------------------------------------------
// Text out of the DOM.

/** Elements that start and end a line. */
const BLOCK = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
]);
/** Elements never read (what preclean missed, or what a converter produced). */
const SKIP = new Set([
  ...DROP_ELEMENTS,
  "head",
  "title",
  "meta",
  "link",
  "base",
  "input",
  "button",
  "option",
  "canvas",
  "audio",
  "video",
  "embed",
  "map",
  "img",
  "picture",
  "source",
]);
/** Deeper than this, an element's text is taken whole (a hostile page must not exhaust the stack). */
const MAX_DEPTH = 400;

/** White space as the page shows it: runs of spaces, newlines, &nbsp; and U+3000 become one space. */
const spaces = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, " ");
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const cjkCount = (s: string) => s.match(CJK)?.length ?? 0;

/** Lines being written: text is appended to the current line, a block or <br> ends it. */
class Lines {
  readonly lines: string[] = [];
  private cur = "";
  text(s: string): void {
    this.cur += s;
  }
  /** Ends the current line (if it holds anything but spaces). */
  br(): void {
    const t = this.cur.trim();
    if (t) this.lines.push(t.replace(/ {2,}/g, " "));
    this.cur = "";
  }
  line(s: string): void {
    this.br();
    if (s) this.lines.push(s);
  }
}

/** The child nodes of n (linkedom builds a new list for childNodes; the sibling links cost nothing). */
function children(n: DomNode): DomNode[] {
  const out: DomNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

/** Write an element's content as lines: one per paragraph or block, one per table row. */
function writeBlocks(node: DomNode, out: Lines, depth = 0): void {
  for (const c of children(node)) writeNode(c, out, depth);
}

/** Write one node: text appended, <br> ends the line, a block element on lines of its own, a table as rows. */
function writeNode(c: DomNode, out: Lines, depth: number): void {
  if (c.nodeType === TEXT) {
    out.text(spaces(c.textContent ?? ""));
    return;
  }
  if (c.nodeType !== ELEMENT) return;
  const el = c as DomElement;
  const tag = el.localName;
  if (SKIP.has(tag)) return;
  if (tag === "br") {
    out.br();
    return;
  }
  if (tag === "table") {
    out.br();
    writeTable(el, out, depth + 1);
    out.br();
    return;
  }
  if (depth > MAX_DEPTH) {
    out.text(spaces(el.textContent ?? ""));
    return;
  }
  const block = BLOCK.has(tag);
  if (block) out.br();
  writeBlocks(el, out, depth + 1);
  if (block) out.br();
}

/** A cell's text on one line: its paragraphs and <br>s joined without a gap ("计量" + "单位"), except between two Latin letters or digits. */
function cellText(cell: DomElement, depth: number): string {
  const inner = new Lines();
  writeBlocks(cell, inner, depth + 1);
  inner.br();
  let s = "";
  for (const part of inner.lines) s += s && /[A-Za-z0-9]$/.test(s) && /^[A-Za-z0-9]/.test(part) ? ` ${part}` : part;
  return s.replace(/\|/g, "｜");
}

/** The rows of this table (not of tables nested in its cells), and each row's own cells. */
function ownRows(table: DomElement): DomElement[][] {
  const rows: DomElement[][] = [];
  const visit = (n: DomNode) => {
    for (const c of children(n)) {
      if (c.nodeType !== ELEMENT) continue;
      const el = c as DomElement;
      const tag = el.localName;
      if (tag === "tr") {
        const cells: DomElement[] = [];
        for (const d of children(el))
          if (d.nodeType === ELEMENT && ((d as DomElement).localName === "td" || (d as DomElement).localName === "th")) cells.push(d as DomElement);
        rows.push(cells);
      } else if (tag === "thead" || tag === "tbody" || tag === "tfoot") visit(el);
    }
  };
  visit(table);
  return rows;
}

/**
 * A table that lays out the page rather than holding figures: a single column, a table inside a
 * cell, or a cell holding a long run of paragraphs (old sites put the whole article in a <td>).
 */
function isLayoutTable(rows: DomElement[][]): boolean {
  if (rows.every((r) => r.length <= 1)) return true;
  for (const r of rows)
    for (const cell of r) {
      if (cell.getElementsByTagName("table").length) return true;
      const text = cell.textContent ?? "";
      if (text.length > 400 && cell.getElementsByTagName("p").length + cell.getElementsByTagName("br").length >= 3) return true;
    }
  return false;
}

/**
 * One table row as a line: cells joined by " | " and closed by " |", so that a blank last cell
 * stays a cell ("行政复议数 | 条 |  |"); a blank first cell opens the line with "| " for the same
 * reason ("|  | 本年 | 累计 |").
 */
function rowLine(cells: string[]): string {
  return `${cells[0] ? "" : "| "}${cells.join(" | ")} |`;
}

/**
 * A table as rows "a | b | c |": every <tr> one line, its cells in order. A cell spanning rows
 * or columns (rowspan/colspan) is printed once, in its first row and column; the positions it
 * covers are not repeated, so "（三）不予公开" heads its first row only. A real empty <td> stays an
 * empty cell between pipes. Rows with no text at all are dropped. Layout tables are read as blocks.
 */
function writeTable(table: DomElement, out: Lines, depth: number): void {
  const layout = depth > MAX_DEPTH || isLayoutTable(ownRows(table));
  // In document order: rows, a caption, and whatever a sloppy page put between them (a <p> right
  // inside <table>, which a browser would show above the table).
  const visit = (n: DomNode) => {
    for (const c of children(n)) {
      const tag = c.nodeType === ELEMENT ? (c as DomElement).localName : "";
      if (tag === "thead" || tag === "tbody" || tag === "tfoot") visit(c);
      else if (tag === "tr") {
        const cells = children(c).filter(
          (d): d is DomElement => d.nodeType === ELEMENT && ((d as DomElement).localName === "td" || (d as DomElement).localName === "th"),
        );
        if (layout) {
          for (const cell of cells) {
            out.br();
            writeBlocks(cell, out, depth + 1);
            out.br();
          }
        } else {
          const texts = cells.map((cell) => cellText(cell, depth));
          if (texts.some(Boolean)) out.line(rowLine(texts));
        }
      } else if (tag === "caption") out.line(spaces(c.textContent ?? "").trim());
      else if (tag === "td" || tag === "th") {
        out.br();
        writeBlocks(c, out, depth + 1);
        out.br();
      } else {
        writeNode(c, out, depth + 1);
        if (tag) out.br();
      }
    }
  };
  visit(table);
}

/** The lines of an element, as a report: paragraphs and rows one per line. */
function linesOf(el: DomNode): string[] {
  const out = new Lines();
  writeBlocks(el, out);
  out.br();
  return out.lines;
}

// ---------------------------------------------------------------------------------------------
// Finding the article.

/**
 * The smallest box holding most of the page's running text: from <body>, step into the child
 * that holds ≥ 80 % of the page's Chinese characters outside links, until no child does (and never
 * into a table of figures). Used when Readability finds nothing, only a banner, or the page is too
 * large for it: navigation is links, and a footer holds little text beside a report.
 */
function densestElement(root: DomElement): { element: DomElement; cjk: number; elements: number; depth: number } {
  const score = new Map<DomNode, number>();
  // Post-order over the tree without recursion: text outside <a> counts for every ancestor.
  const stack: [DomNode, boolean, number][] = [[root, false, 0]];
  let elements = 0;
  let depth = 0;
  while (stack.length) {
    const [n, done, d] = stack.pop()!;
    if (n.nodeType === TEXT) continue;
    const el = n as DomElement;
    if (SKIP.has(el.localName) || el.localName === "a") {
      score.set(n, 0);
      continue;
    }
    if (!done) {
      elements++;
      if (d > depth) depth = d;
      stack.push([n, true, d]);
      for (const c of children(n)) if (c.nodeType === ELEMENT) stack.push([c, false, d + 1]);
      continue;
    }
    let s = 0;
    for (const c of children(n)) s += c.nodeType === TEXT ? cjkCount(c.textContent ?? "") : (score.get(c) ?? 0);
    score.set(n, s);
  }
  const total = score.get(root) ?? 0;
  let node = root;
  for (;;) {
    let best: DomElement | undefined;
    let bestScore = 0;
    for (const c of children(node)) {
      const s = c.nodeType === ELEMENT ? (score.get(c) ?? 0) : 0;
      if (s > bestScore) {
        best = c as DomElement;
        bestScore = s;
      }
    }
    if (!best || bestScore < 0.8 * total || total === 0) return { element: node, cjk: score.get(node) ?? 0, elements, depth };
    // A table of figures is read whole, with what stands beside it (its title, the prose around it).
    if (best.localName === "table" && !isLayoutTable(ownRows(best))) return { element: node, cjk: score.get(node) ?? 0, elements, depth };
    node = best;
  }
}

/**
 * Mark the tables that hold figures (two or more columns, a digit in a cell, no table inside) as
 * data tables for Readability (it keeps tables with a `summary`), so that a small 统计表 with short
 * cells is not cleaned away as page furniture.
 */
function markDataTables(doc: DomDocument): void {
  const tables = doc.getElementsByTagName("table");
  for (let i = 0; i < tables.length; i++) {
    const t = tables[i]!;
    if (t.getAttribute("summary") || t.getElementsByTagName("table").length) continue;
    const rows = ownRows(t);
    if (rows.some((r) => r.length >= 2) && /\d/.test(t.textContent ?? "")) t.setAttribute("summary", "data");
  }
}

/**
 * Readability's time grows with elements × depth (≈ 1 s for 10 000 elements of a Word report, and
 * as much for 400 nested boxes alone); past these the density pick is used.
 */
const MAX_READABILITY_ELEMENTS = 10_000;
const MAX_READABILITY_DEPTH = 120;

/** The article element by Readability; null when it finds none. */
function readabilityArticle(doc: DomDocument): DomElement | null {
  markDataTables(doc);
  try {
    const reader = new (domLibs().Readability)<DomElement>(doc as never, { charThreshold: 200, serializer: (n) => n as unknown as DomElement });
    return reader.parse()?.content ?? null;
  } catch {
    return null;
  }
}

/**
 * Readability's pick is useful when it reads as running text: sentences ending in 。 or ；, and
 * at least a quarter of what the density pick holds (a banner or a slogan is neither).
 */
function usefulArticle(lines: string[], densityCjk: number): boolean {
  const text = lines.join("");
  const n = cjkCount(text);
  return n >= 30 && /[。；;]/.test(text) && n >= 0.25 * densityCjk;
}

// ---------------------------------------------------------------------------------------------
// The title.

const TITLE_SEPARATORS = /\s*(?:[_|｜]|\s[-–—]\s|——|--)\s*/;

/** What a report's title says of itself: 年度报告, 年报, 工作报告. */
const REPORT_TITLE = /报告|年报/;

/**
 * The report's title as the page gives it: the TRS/CMS `ArticleTitle` meta tag, og:title, an
 * <h1>, or <title>, each split at the site-name separators
 * ("平潭县人民政府2013年政府信息公开工作年度报告_政府信息公开年报_平潭综合实验区党工委管委会" → its
 * first part). Only a part that names a report counts: an <h1> or <title> that is the site's name
 * ("青禾县人民政府") is not the report's title. "" when the page names none.
 */
function pageTitle(doc: DomDocument): string {
  const sources: string[] = [];
  const head = doc.head ?? doc;
  for (const sel of ['meta[name="ArticleTitle"]', 'meta[name="articletitle"]', 'meta[property="og:title"]', 'meta[name="title"]'])
    sources.push(head.querySelector(sel)?.getAttribute("content") ?? "");
  const h1s = doc.getElementsByTagName("h1");
  for (let i = 0; i < h1s.length && i < 5; i++) sources.push(h1s[i]!.textContent ?? "");
  sources.push(head.querySelector("title")?.textContent ?? "");
  for (const source of sources) {
    const parts = spaces(source)
      .trim()
      .split(TITLE_SEPARATORS)
      .filter((p) => p.length <= 120 && cjkCount(p) >= 4 && REPORT_TITLE.test(p));
    if (parts.length) return parts.sort((a, b) => b.length - a.length)[0]!;
  }
  return "";
}

const squash = (s: string) => s.replace(/[\s\u00a0\u3000]+/g, "");

/**
 * Put the title on the first line: kept as is when one of the first lines is the title; joined
 * when the page broke it over lines ("平潭县人民政府" / "2013年政府信息公开工作年度报告"); added
 * on top when the article box does not hold it (the title sits in a heading above the box).
 */
function withTitle(lines: string[], title: string): string[] {
  const t = squash(title);
  if (!t) return lines;
  const head = lines.slice(0, 6).map(squash);
  if (head.some((l) => l.includes(t))) return lines;
  let acc = "";
  for (let k = 0; k < head.length && acc.length < t.length; k++) {
    acc += head[k];
    if (acc === t && k > 0) return [lines.slice(0, k + 1).join(""), ...lines.slice(k + 1)];
    if (!t.startsWith(acc)) break;
  }
  return [title, ...lines];
}

// ---------------------------------------------------------------------------------------------

/** Elements without content or end tag (htmlparser2's list, which linkedom parses with). */
const VOID = new Set([
  "area",
  "base",
  "basefont",
  "br",
  "col",
  "command",
  "embed",
  "frame",
  "hr",
  "image",
  "img",
  "input",
  "isindex",
  "keygen",
  "link",
  "meta",
  "param",
  "source",
  "track",
  "wbr",
]);
/** The open elements an opening tag closes when they are innermost (<p>…<p>, <td>…<td>): siblings, not nesting. */
const CLOSED_BY: Record<string, readonly string[]> = {
  p: ["p"],
  li: ["li"],
  tr: ["tr", "th", "td"],
  td: ["td", "th"],
  th: ["td", "th"],
  dd: ["dt", "dd"],
  dt: ["dt", "dd"],
  option: ["option"],
  optgroup: ["optgroup", "option"],
  tbody: ["thead", "tbody"],
  tfoot: ["thead", "tbody"],
  rt: ["rt", "rp"],
  rp: ["rt", "rp"],
};
const TAG = /<(\/?)([a-z][a-z0-9:-]*)[^<>]*>/gi;
/**
 * Deeper than this the page is built to hurt: real pages nest a few dozen levels, and parsing
 * grows with the square of the depth (htmlparser2 keeps its stack with unshift: 100 000 nested
 * <center> take 10 s to tokenize, and Readability takes minutes over 30 000 nested <a>).
 */
const MAX_NESTING = 1000;

/**
 * How deep the page's elements nest, measured on the tags in one linear pass before any parser
 * sees them: open elements on a stack, an end tag closes up to its element, and the siblings that
 * close each other without end tags (<p>, <li>, <td>) as htmlparser2 closes them. It never counts
 * less than the parser will nest.
 */
function nestingDepth(html: string): number {
  const stack: string[] = [];
  const open = new Map<string, number>();
  const pop = () => {
    const top = stack.pop()!;
    open.set(top, open.get(top)! - 1);
    return top;
  };
  let max = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2]!.toLowerCase();
    if (m[1]) {
      if (open.get(name)) while (pop() !== name);
      continue;
    }
    if (VOID.has(name)) continue;
    const closes = CLOSED_BY[name];
    if (closes) while (stack.length && closes.includes(stack[stack.length - 1]!)) pop();
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
    if (stack.length > max) max = stack.length;
  }
  return max;
}

/**
 * The page as a DOM. A page nesting thousands of boxes has its <div>s removed (their text stays);
 * one that still nests too deep (tables in tables in tables…, 100 000 nested <a> or <center>) is
 * refused with a RefusedFileError before it is parsed.
 */
function documentOf(html: string): DomDocument {
  let depth = nestingDepth(html);
  if (depth > MAX_NESTING) {
    html = html.replace(/<\/?div(?=[\s>/])[^<>]*>/gi, "\n");
    depth = nestingDepth(html);
    if (depth > MAX_NESTING)
      throw new RefusedFileError(`网页的标签嵌套了 ${depth} 层（正常网页不过几十层，上限 ${MAX_NESTING} 层），像是构造出来的异常文件，未读取。`);
  }
  const full = /<html[\s>]/i.test(html) ? html : `<!DOCTYPE html><html><head></head><body>${html}</body></html>`;
  return domLibs().parseHTML(full).document as unknown as DomDocument;
}

/**
 * A saved web page → the report's text. The article box is Readability's pick (or, when that is
 * empty, too short or a banner, the densest box of Chinese text); the page's title goes on the
 * first line; paragraphs one per line; tables one row per line as "指标名称 | 计量单位 | 2013年度 | 历年累计 |".
 * `readability: false` uses the density pick alone (to compare the two). Throws a
 * RefusedFileError on a page nested more than a thousand levels deep.
 */
export function htmlToText(html: string, options: { readability?: boolean } = {}): string {
  const cleaned = preclean(html);
  const doc = documentOf(cleaned);
  const root = doc.body ?? doc.documentElement;
  if (!root) return "";
  const title = pageTitle(doc);
  const dense = densestElement(root);
  let lines: string[] | undefined;
  // Readability rewrites the document it reads: only the density pick's size is kept from before.
  if (process.env.NB_HTML_DEBUG) console.error("elements", dense.elements, "depth", dense.depth);
  if (options.readability !== false && dense.elements <= MAX_READABILITY_ELEMENTS && dense.depth <= MAX_READABILITY_DEPTH) {
    const article = readabilityArticle(doc);
    const read = article ? linesOf(article) : [];
    if (usefulArticle(read, dense.cjk)) lines = read;
    else {
      const fresh = documentOf(cleaned);
      const body = fresh.body ?? fresh.documentElement;
      if (body) lines = linesOf(densestElement(body).element);
    }
  }
  lines ??= linesOf(dense.element);
  return withTitle(lines, title).join("\n");
}

/**
 * An HTML fragment that is all content (a Word document converted by mammoth) → text, with the
 * same rules for paragraphs and tables as htmlToText but no search for an article:
 * "<p>一、总体情况</p><table><tr><td>规章</td><td>5</td></tr></table>" → "一、总体情况\n规章 | 5 |".
 */
export function htmlBodyToText(html: string): string {
  const doc = documentOf(preclean(html));
  const root = doc.body ?? doc.documentElement;
  return root ? linesOf(root).join("\n") : "";
}
