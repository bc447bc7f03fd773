// Site chrome and page furniture: what a crawled web page, a PDF or a document converter puts
// around a report that is not the report. Found as spans of the normalised text, whether the page
// is one line or many, so the report parser can blank them (`withBlanks`) before reading. Words a
// report also uses (打印, 微信, 关闭) count only where they stand alone or run together as widgets;
// the title after a breadcrumb and the body are never part of a span.
import { REPORT_NAME } from "./phrases.js";
import type { SourceText, Span } from "./text.js";

/** How far into the text the page header is looked for, and how far from the end the footer. */
const HEAD = 6000;
const TAIL = 2000;

/** Before and after a widget word: the edge of the text, white space or a bracket. */
const L = String.raw`(?<=^|[\s【\[|])`;
const R = String.raw`(?=$|[\s】\]|])`;

/**
 * A kind of page furniture: its pattern, every character a match can start with (a character
 * class's contents), and what a text must hold for it to match at all.
 */
interface Kind {
  re: string;
  first: string;
  needs: RegExp | ((text: string) => boolean);
}

/**
 * Kinds scanned together as one global pattern: only the kinds the scanned text can hold (most
 * reports hold none of most kinds; leaving out one that cannot match anywhere changes no match),
 * behind a check of the first character, which most positions fail at once where each alternative
 * would be tried. One pattern per combination, made once.
 */
class Kinds {
  private readonly made = new Map<number, RegExp | null>();
  constructor(private readonly kinds: readonly Kind[]) {}

  for(text: string): RegExp | null {
    let mask = 0;
    this.kinds.forEach((k, i) => {
      if (typeof k.needs === "function" ? k.needs(text) : k.needs.test(text)) mask |= 1 << i;
    });
    let re = this.made.get(mask);
    if (re === undefined) {
      const kinds = this.kinds.filter((_, i) => mask & (1 << i));
      re = kinds.length ? new RegExp(`(?=[${[...new Set(kinds.map((k) => k.first))].join("")}])(?:${kinds.map((k) => k.re).join("|")})`, "g") : null;
      this.made.set(mask, re);
    }
    return re;
  }
}

/** A date as page headers print it: 2012-04-11, 2021年1月29日, 2019.1.23. */
const DATE = String.raw`(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?`;

/** Widget words that may stand alone only in runs or where nothing else can be meant. */
const WIDGET_WORDS =
  "打印本页|关闭窗口|打印|关闭|分享到|分享|收藏|微信|微博|QQ空间|QQ好友|全真版|文字版|文件下载|返回顶部|返回|纠错|无障碍|长者模式|登录|注册|English|繁体|简体|网站地图|设为首页|加入收藏";
/** Widgets of the page header, with their values (looked for near the start only). */
const HEADER_WIDGETS = new Kinds([
  // 来源：平潭县人民政府 / 信息来源:部门单位 — the value runs to the next white space or label.
  { needs: /来源/, first: "信文来", re: `${L}(?:信息|文章)?来源\\s*[:：]\\s*[^\\s:：]{0,30}?(?=\\s|时间|发布|作者|浏览|点击|字号|字体|$)` },
  // 时间：2012-04-11 00:00 / 发布时间:2021-01-29 09:27 / 发布日期：2021年1月29日 / 发布时间: (empty)
  {
    needs: /时间|日期/,
    first: "时日发更成生",
    re: `(?:${L}(?:时间|日期)|(?:发布|更新|成文|生成)(?:时间|日期))\\s*[:：]\\s*${DATE}(?:\\s*\\d{1,2}:\\d{2}(?::\\d{2})?)?`,
  },
  { needs: /(?:发布|更新)(?:时间|日期)/, first: "发更", re: String.raw`(?:发布|更新)(?:时间|日期)\s*[:：]` },
  { needs: /作者/, first: "作", re: String.raw`作者\s*[:：]\s*(?:[^\s:：]{0,8}?(?=\s|$|浏览|字号|字体|【))?` },
  { needs: /浏览|访问次数|点击|阅读/, first: "浏访点阅", re: String.raw`(?:浏览次数|浏览量|访问次数|点击数|点击量|阅读次数|阅读量)\s*[:：]\s*\d*` },
  // 字号：大 中 小 / 【字体:大 中 小】 / 【字体：
  {
    needs: /字\s*[号体]/,
    first: String.raw`【\s字`,
    re: String.raw`【?\s*字\s*[号体]\s*(?:[:：]\s*(?:【?\s*[大中小]\s*】?\s*){0,3}|(?:【?\s*[大中小]\s*】?\s*){3})】?`,
  },
  // 相关链接： --> (the crawler's empty related-links box)
  { needs: /相关链接/, first: "相", re: String.raw`相关链接\s*[:：]?\s*(?:-->)?` },
]);
/** Widgets a page prints at its top or its bottom. */
const PAGE_WIDGETS = new Kinds([
  // 【打印本页】【关闭窗口】[打印]
  {
    needs: /打印|关闭|分享|收藏|返回|纠错/,
    first: String.raw`【\[`,
    re: String.raw`[【\[]\s*[^】\]\s]{0,6}(?:打印|关闭|分享|收藏|返回|纠错)[^】\]\s]{0,6}\s*[】\]]`,
  },
  // 扫一扫在手机打开当前页
  { needs: /扫一扫/, first: "扫", re: String.raw`扫一扫\s*(?:在手机上?(?:打开|查看|阅读|浏览)(?:当前页面?|本页|此页|本文)?|分享到?(?:微信)?)` },
  { needs: /扫一扫/, first: "扫", re: `${L}扫一扫${R}` },
  // a run of two or more widget words, glued or spaced: 微信 微博 QQ空间 全真版 文字版 文件下载 / 打印 关闭
  { needs: new RegExp(WIDGET_WORDS), first: "打关分收微Q全文返纠无长登注E繁简网设加", re: `${L}(?:(?:${WIDGET_WORDS})\\s*){2,}${R}` },
  // one that cannot be report text where it stands alone
  {
    needs: /QQ空间|全真版|文字版|打印本页|关闭窗口|分享到|返回顶部/,
    first: "Q全文打关分返",
    re: `${L}(?:QQ空间|全真版|文字版|打印本页|关闭窗口|分享到[:：]?|返回顶部)${R}`,
  },
]);
/**
 * What opens a page's related-reading block after the report: 相关解读：, 【图解】, "一图读懂…年度报告"
 * (its summary restates, or rounds, the report's numbers).
 */
const RELATED =
  /(?:相关解读|相关阅读|延伸阅读|相关新闻|相关文章|相关稿件|解读链接)\s*[:：】]|【(?:相关解读|图解|解读)】|一图读懂[^。，,；;]{0,40}?(?:年度报告|年报)/;
/** Footer words: 附件下载 at the very end, 相关词条, 上一篇：…. */
const FOOTER_WIDGETS = new Kinds([
  {
    needs: /相关词条|热门词条|联络我们|联系我们|网站地图|打印|关闭|分享|收藏|返回顶部/,
    first: "相热联网打关分收返",
    re: `${L}(?:相关词条|热门词条|联络我们|联系我们|网站地图|打印|关闭|分享|收藏|返回顶部)${R}`,
  },
  { needs: /上一篇|下一篇/, first: "上下", re: String.raw`(?:上一篇|下一篇)\s*[:：]\s*[^\s]{0,40}` },
]);
/**
 * What a site footer is made of: 版权所有, 主办/承办单位：, 闽ICP备…号, 公网安备, 网站标识码, 技术支持：,
 * "建议使用…分辨率", ©. A report's own closing words never carry two of them.
 */
const FOOTER_ANCHOR =
  /版权所有|(?:主办|承办|协办|维护)(?:单位)?\s*[:：]|[\u4e00-\u9fff]?ICP\s*备|公网安备|网站标识码|网站识别码|技术支持\s*[:：]|建议(?:使用|采用)[^。\n]{0,40}?(?:分辨率|浏览器)|Copyright|©/gi;
/** A footer link or separator just before the footer's first anchor (matched at the end of a slice). */
const FOOTER_LINKS =
  /(?:[\s|｜·•/]+|(?<=[\s|｜·•/]|^)(?:网站地图|联系我们|关于我们|关于本站|网站声明|隐私声明|免责声明|使用帮助|站点地图|设为首页|加入收藏|网站纠错|意见建议))$/;
/** How long a site footer runs: past this from its first anchor to the end, it is not one. */
const FOOTER_MAX = 800;

/**
 * PDF page markers and converter marks, anywhere. Each comes with what a text must hold for it to
 * match at all: the whole report is scanned, and most reports hold none of these marks, so only
 * the kinds a text can hold are tried (Kinds).
 */
/**
 * "-3-" unspaced. Not between cells on both sides: in a crawled row marked with dashes, "— —8— —
 * 1329" is blank | blank | 8 | blank | blank | 1329, and had lost its 8 as a page number. (Spaced,
 * "20050— 4 ——254", the dash glued to a digit says the same.)
 */
const DASH_PAGE_TIGHT = String.raw`[-—–]\d{1,4}[-—–]`;
/** "- 3 -": a page number between dashes, spaced. */
const DASH_PAGE = String.raw`[-—–](?:[ \t]+\d{1,4}(?:[ \t]+|[ \t]*\n[ \t]*)|[ \t]*\n[ \t]*\d{1,4}[ \t]+)[-—–]`;

const MARKERS = new Kinds([
  // - 3 - (spaced dashes are never content), -3- when it stands alone
  // (one line break at most, and spaces on the other side: "—\n3\n—" is a table's cells a line
  // each, blank | 3 | blank; "-\n 3 -" a marker a narrower page wrapped. Never touching a digit
  // or another dash: in a crawled row "20050— 4 ——254" is 200 | 50 | blank | 4 | blank | blank | 254.)
  { needs: hasDash, first: String.raw`\-—–`, re: String.raw`(?<![\d\-—–])${DASH_PAGE}(?![\d\-—–])` },
  {
    needs: hasDash,
    first: String.raw`\-—–`,
    re: String.raw`(?<=^|\s)(?:(?<![\d\-—–][ \t]*)${DASH_PAGE_TIGHT}|${DASH_PAGE_TIGHT}(?![ \t]*[\d\-—–]))(?=\s|$)`,
  },
  // - 1 - where a flattened PDF's page broke a sentence between its words and a number with its
  // unit: "全市共收到政府信息公开申请- 1 -29 件". The dash touches the number, but words stand
  // before the marker and a unit after the number: prose, not a crawled row of blank cells.
  {
    needs: hasDash,
    first: String.raw`\-—–`,
    re: String.raw`(?<=[\u4e00-\u9fff，、：（(][ \t]?)[-—–][ \t]+\d{1,4}[ \t]+[-—–](?=[ \t]?\d{1,9}(?:\.\d{1,4})?[ \t]?(?:件|条|个|次|篇|份|项|人次|人|场|期|家|名|万|元|%)(?![\d]))`,
  },
  // - 2 - where a flattened PDF's page broke a table between a row's label and its number:
  // "行政许可- 2 -9487" (the line breaks around the marker removed). Spaced inside, glued outside,
  // words before it: no crawled row of blank cells looks so (its dashes stand between digits).
  {
    needs: hasDash,
    first: String.raw`\-—–`,
    re: String.raw`(?<=[\u4e00-\u9fff）)])[-—–][ \t]+\d{1,4}[ \t]+[-—–](?=\d)`,
  },
  // …and between a number and its unit: "结转申请 0- 2 -件，另有…".
  {
    needs: hasDash,
    first: String.raw`\-—–`,
    re: String.raw`(?<=[\u4e00-\u9fff][ \t]?\d{1,9}(?:\.\d{1,4})?[ \t]?)[-—–][ \t]+\d{1,4}[ \t]+[-—–](?=[ \t]?(?:件|条|个|次|篇|份|项|人次|人|场|期|家|名|元)(?:[，,。；;）)、 \t]|[\u4e00-\u9fff]))`,
  },
  // 第3页 共9页 / 第 3 页，共 9 页 / 第3页/共9页
  { needs: (t) => t.includes("页"), first: "第", re: String.raw`第\s*\d{1,4}\s*页\s*[,，/]?\s*共\s*\d{1,4}\s*页` },
  { needs: (t) => t.includes("页"), first: "第", re: String.raw`(?<=^|\s)第\s*\d{1,4}\s*页(?=\s|$)` },
  // 3/12 alone on a line ("3\n/\n16" is a table's cells a line each, 3 | blank | 16)
  { needs: (t) => t.includes("/"), first: String.raw`\d \t`, re: String.raw`(?<=^|\n)[ \t]*\d{1,4}[ \t]*/[ \t]*\d{1,4}[ \t]*(?=\n|$)` },
  // A browser's print header and footer where pdftotext puts them amid the page: "12/6/26, 9:28 AM",
  // and the page's address alone on its line (with "3/5" after it).
  {
    needs: (t) => t.includes("/") && t.includes(":"),
    first: String.raw`\d \t`,
    re: String.raw`(?<=^|\n)[ \t]*\d{1,4}/\d{1,2}/\d{1,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AP]M)?[ \t]*(?=\n|$)`,
  },
  {
    needs: (t) => t.includes("://"),
    first: String.raw`fh \t`,
    re: String.raw`(?<=^|\n)[ \t]*(?:https?|file):\/\/[^\s]+(?:[ \t]+\d{1,4}\s*/\s*\d{1,4})?[ \t]*(?=\n|$)`,
  },
  // Markdown table rules |---|:---:| (a lone "---- |" is a table cell meaning "none"), heading and bold marks
  { needs: (t) => t.includes("---") && t.includes("|"), first: "|", re: String.raw`\|(?:[ \t]*:?-{3,}:?[ \t]*\|){2,}` },
  {
    needs: (t) => t.includes("---") && t.includes("|"),
    first: String.raw`\- \t:`,
    re: String.raw`(?<=^|\n)[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+\|?`,
  },
  // Word's conditional comments leaked into a crawl: <!--[if !supportLists]--> … <!--[endif]-->
  { needs: (t) => t.includes("<!--["), first: "<", re: String.raw`<!--\[(?:if[^\]\n]{0,40}|endif)\]-->` },
  { needs: (t) => t.includes("#"), first: String.raw`# \t`, re: String.raw`(?<=^|\n)[ \t]{0,3}#{1,6}(?=[ \t])` },
  { needs: (t) => t.includes("**"), first: "*", re: String.raw`\*\*` },
]);

function hasDash(text: string): boolean {
  return text.includes("-") || text.includes("—") || text.includes("–");
}

/** Where a breadcrumb starts: 当前位置： / 您的位置: / a 首页 followed by a separator. */
const CRUMB_START = /(?:当前位置|您的位置|您现在的位置|所在位置|现在位置)\s*[:：]?|首页(?=\s*(?:>|›|»|→|\/|-{1,2}>|＞))/g;
const CRUMB_SEP = /^\s*(?:>>?|›|»|→|\/|-{1,2}>|＞|\\)\s*/;
/** Words a breadcrumb item ends with, to cut one glued to the title: "…政府信息公开年报平潭综合实验区2011年". */
const CRUMB_WORD_END = /(?:首页|公开|年报|年度报告|报告|专栏|目录|动态|信息|工作|栏目|概况|指南|规划|文件|政策)/g;

/**
 * Site chrome and page furniture as spans of `src.text`: breadcrumbs, 来源/时间/字号/打印 widgets,
 * the crawler's 微信 微博 QQ空间 … 相关链接： --> run, 附件下载 at the end, 扫一扫…, PDF page markers
 * standing alone, Markdown table rules. Sorted, not overlapping.
 *
 *   findPageJunk(prepareText("当前位置： 首页政务公开政府信息公开年报 平潭综合实验区2011年政府信息公开工作年度报告 来源：平潭县人民政府 时间：2012-04-11 00:00"))
 *   → the spans of "当前位置： 首页政务公开政府信息公开年报", "来源：平潭县人民政府", "时间：2012-04-11 00:00"
 */
export function findPageJunk(src: SourceText): Span[] {
  const text = src.text;
  const spans: Span[] = [];
  const headEnd = Math.min(text.length, HEAD);
  const tailStart = Math.max(headEnd, text.length - TAIL);
  const scan = (kinds: Kinds, from: number, to: number) => {
    const part = from === 0 && to === text.length ? text : text.slice(from, to);
    const re = kinds.for(part);
    if (!re) return;
    re.lastIndex = 0;
    for (const m of part.matchAll(re)) {
      if (m[0].trim() === "") continue;
      spans.push({ start: from + m.index!, end: from + m.index! + m[0].length });
    }
  };
  // The header: breadcrumbs and widgets near the start (and at the end, where pages repeat them).
  for (const s of breadcrumbs(text, headEnd)) spans.push(s);
  scan(HEADER_WIDGETS, 0, headEnd);
  scan(PAGE_WIDGETS, 0, headEnd);
  if (tailStart < text.length) scan(PAGE_WIDGETS, tailStart, text.length);
  scan(FOOTER_WIDGETS, Math.max(0, text.length - TAIL), text.length);
  const footer = siteFooter(text);
  if (footer) spans.push(footer);
  // A related-reading block after the report (相关解读：一图读懂…, with its own numbers): not the report's.
  const relatedFrom = Math.max(0, text.length - TAIL);
  const related = RELATED.exec(text.slice(relatedFrom));
  if (related) spans.push({ start: relatedFrom + related.index, end: text.length });
  // 附件下载 closing the page.
  const closing = /附件下载\s*[:：]?\s*$/.exec(text.slice(Math.max(0, text.length - 200)));
  if (closing) spans.push({ start: text.length - closing[0].length, end: text.length });
  // Markers anywhere (bounded per match; one pass).
  scan(MARKERS, 0, text.length);
  for (const s of barePageNumbers(src)) spans.push(s);
  for (const s of runningLines(src)) spans.push(s);
  for (const s of repeatedTitles(src.text)) spans.push(s);
  return merge(spans.map((s) => trimSpan(text, s)).filter((s) => s.end > s.start));
}

/**
 * Page numbers printed bare, alone on their lines, where pdftotext ends or starts each page with a
 * form feed ("…\n3\n\f"): a number next to a form feed, n at one page break and n+1 at the next,
 * page after page. A table cell printed alone on its line is a number too, and may stand next to a
 * form feed (pdftotext writes "- 2 -" before the page's last cell), but cells never count up from
 * one page break to the next. Left in, a page number reads as the cell before or after it
 * (行政处罚 3).
 */
function barePageNumbers(src: SourceText): Span[] {
  const { text, original, map } = src;
  if (!original.includes("\f")) return [];
  const feedIn = (from: number, to: number) => from < to && original.slice(from, to).includes("\f");
  // Per form feed (by its offset in the original), the bare numbers beside it.
  const byFeed = new Map<number, { n: number; span: Span }[]>();
  for (const m of text.matchAll(/(?<=^|\n)\d{1,4}(?=\n|$)/g)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = start > 0 ? map[start - 1]! : 0;
    const after = end < text.length ? (map[end + 1] ?? original.length) : original.length;
    const from = feedIn(before, map[start]!) ? before : feedIn(map[end]!, after) ? map[end]! : -1;
    if (from < 0) continue;
    const feed = original.indexOf("\f", from);
    byFeed.set(feed, [...(byFeed.get(feed) ?? []), { n: Number(m[0]), span: { start, end } }]);
  }
  const feeds = [...byFeed.keys()].sort((a, b) => a - b);
  let best: Span[] = [];
  for (let i = 0; i < feeds.length; i++) {
    for (const first of byFeed.get(feeds[i]!)!) {
      const chain = [first.span];
      let n = first.n;
      for (let j = i + 1; j < feeds.length; j++) {
        const next = byFeed.get(feeds[j]!)!.find((x) => x.n === n + 1);
        if (!next) break;
        chain.push(next.span);
        n++;
      }
      if (chain.length > best.length) best = chain;
    }
  }
  return best.length >= 2 ? best : [];
}

/** How many lines at the top and at the bottom of a page a running header or footer may take. */
const RUNNING_LINES = 2;

/**
 * Running headers and footers: a line printed at the top or the bottom of page after page — a
 * browser's print header (its date and the page's title) and footer (the address and "3/9"), a
 * document's running title, "XX市人民政府办公室 第 3 页". The same line, its numbers aside, on at
 * least half the pages (and two) of a text split by form feeds. The first page's copy is kept: a
 * running title may be the only place the report is named in full. Left in, its numbers read as
 * cells of the table the page break cuts through (行政诉讼数 0 0 7 9 12 6 26 …).
 */
function runningLines(src: SourceText): Span[] {
  const { original } = src;
  if (!original.includes("\f")) return [];
  const pages: { start: number; end: number }[][] = [];
  let at = 0;
  for (const page of original.split("\f")) {
    const lines: { start: number; end: number }[] = [];
    for (const m of page.matchAll(/[^\n]*\S[^\n]*/g)) lines.push({ start: at + m.index!, end: at + m.index! + m[0].length });
    pages.push([...lines.slice(0, RUNNING_LINES), ...lines.slice(Math.max(RUNNING_LINES, lines.length - RUNNING_LINES))]);
    at += page.length + 1;
  }
  const full = pages.filter((p) => p.length > 0);
  if (full.length < 2) return [];
  const keyOf = (l: { start: number; end: number }) => original.slice(l.start, l.end).replace(/\d+/g, "#").replace(/\s+/g, " ").trim();
  const onPages = new Map<string, number>();
  for (const p of full) for (const k of new Set(p.map(keyOf))) onPages.set(k, (onPages.get(k) ?? 0) + 1);
  const running = (k: string) => (onPages.get(k) ?? 0) >= Math.max(2, full.length / 2) && (k.match(/[\p{L}]/gu)?.length ?? 0) >= 2;
  const spans: Span[] = [];
  for (const [i, p] of full.entries()) {
    for (const l of p) if (running(keyOf(l)) && !(i === 0 && p.indexOf(l) < RUNNING_LINES)) spans.push(toTextSpan(src, l));
  }
  return spans;
}

/** A line that names a report (REPORT_NAME, tested once a line): a running title's. */
const TITLE_LINE = new RegExp(REPORT_NAME.source);

/**
 * The report's title repeated on a line of its own down the text, where no form feed tells the
 * pages apart (runningLines): a PDF's running title through a converter that drops them. The
 * first copy is kept, and a copy within a few lines of the one before (a page's title above its
 * heading) too. Left in, a copy cut a table in two — the reader stopped at it, or read its year as
 * a cell (行政许可 … 2024).
 */
function repeatedTitles(text: string): Span[] {
  if (!text.includes("\n")) return [];
  const last = new Map<string, number>();
  const spans: Span[] = [];
  let lineNo = 0;
  for (const m of text.matchAll(/[^\n]*/g)) {
    if (m.index! > 0 && text[m.index! - 1] === "\n") lineNo++;
    const line = m[0].trim();
    if (line.length === 0 || line.length > 80) continue;
    const key = line.replace(/\s+/g, "");
    if (!TITLE_LINE.test(key)) continue;
    const before = last.get(key);
    last.set(key, lineNo);
    if (before !== undefined && lineNo - before >= 10) spans.push({ start: m.index!, end: m.index! + m[0].length });
  }
  return spans;
}

/** The span of `src.text` an original span became (normalising only drops and shrinks characters). */
function toTextSpan(src: SourceText, s: Span): Span {
  const at = (offset: number) => {
    let lo = 0;
    let hi = src.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (src.map[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { start: at(s.start), end: at(s.end) };
}

/**
 * The site footer closing a crawled page, from its first anchor to the end: two different anchors
 * (版权所有 and 闽ICP备…, 主办单位： and 技术支持：) within the last FOOTER_MAX characters.
 */
function siteFooter(text: string): Span | undefined {
  const from = Math.max(0, text.length - FOOTER_MAX);
  const tail = text.slice(from);
  FOOTER_ANCHOR.lastIndex = 0;
  const hits = [...tail.matchAll(FOOTER_ANCHOR)];
  const kinds = new Set(
    hits.map((m) =>
      m[0]
        .replace(/\s|[:：]/g, "")
        .slice(0, 4)
        .toLowerCase(),
    ),
  );
  if (hits.length === 0 || kinds.size < 2) return undefined;
  // Back over the footer's own links before the first anchor (网站地图 | 联系我们 | 关于本站 |):
  // left behind, their separators would read as the last table row's empty cells.
  let start = from + hits[0]!.index!;
  for (;;) {
    const before = FOOTER_LINKS.exec(text.slice(Math.max(0, start - 40), start));
    if (!before || before[0].length === 0) break;
    start -= before[0].length;
  }
  return { start, end: text.length };
}

/** Breadcrumbs in the first `limit` characters: the label and its items, never the title after them. */
function breadcrumbs(text: string, limit: number): Span[] {
  const out: Span[] = [];
  const head = text.slice(0, limit);
  CRUMB_START.lastIndex = 0;
  for (const m of head.matchAll(CRUMB_START)) {
    const start = m.index!;
    let i = start + m[0].length;
    let end = i;
    let items = 0;
    // Items separated by ">" (or glued in one chunk); a space without a separator ends it.
    while (i < head.length && items < 12) {
      const ws = /^\s*/.exec(head.slice(i, i + 8))![0].length;
      if (items > 0) {
        const sep = CRUMB_SEP.exec(head.slice(i, i + 8));
        if (!sep) break;
        i += sep[0].length;
      } else i += ws;
      const item = /^[^\s>›»→/＞]{1,60}/.exec(head.slice(i, i + 60));
      if (!item) break;
      let word = item[0];
      // An item glued to the title: keep the navigation words before the year's region.
      const year = /(?:19|20)\d{2}\s*年/.exec(word);
      if (year) {
        let cut = 0;
        CRUMB_WORD_END.lastIndex = 0;
        for (const w of word.slice(0, year.index).matchAll(CRUMB_WORD_END)) cut = w.index! + w[0].length;
        word = word.slice(0, cut);
        if (word) end = i + word.length;
        break;
      }
      i += word.length;
      end = i;
      items++;
    }
    if (end > start) out.push({ start, end });
  }
  return out;
}

function trimSpan(text: string, s: Span): Span {
  let { start, end } = s;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
