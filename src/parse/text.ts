// The report as one normalised string with a map back to the original. Line breaks, spaces, tabs
// and pipes survive only as single separator characters: they are hints a reader may use, never
// structure it needs. Every offset into `text` maps to an offset of the original, so evidence is a
// span of what the user uploaded, and its line number is derived from that span for display.
import { digitYears } from "./numbers.js";
import { FROM, TO } from "./simplified-chars.js";

/** A report's text, normalised, with the way back to the original. */
export interface SourceText {
  /** The text exactly as given. */
  original: string;
  /**
   * Normalised: NFKC (full-width digits and brackets → ASCII), Simplified Chinese, control and
   * zero-width characters removed, every run of white space one character ("\n" when the run held
   * a line break, "\t" when it held a tab, else " ") — but on a line of tab-separated cells, where
   * each tab is a cell rule "|" (an empty cell is "||"). Page junk is blanked to spaces in place.
   */
  text: string;
  /** `map[i]` is the offset in `original` of `text[i]`; `map[text.length]` is `original.length`. */
  map: Int32Array;
  /** Offsets in `original` where each line starts (line 1 at 0). */
  lineStarts: number[];
  /** The original was written in Traditional characters (converted). */
  traditional: boolean;
}

/** A span of `SourceText.text`: [start, end). */
export interface Span {
  start: number;
  end: number;
}

// ── Traditional → Simplified ────────────────────────────────────────────────────────────────────

// Character-level tw→cn, then our own list of Taiwan phrasing. opencc's phrase table (twp) is not
// used: it rewrites PRC government vocabulary (执行→运行, 建立→创建, 查询→查找, 档案馆→文件馆).
// The character table is opencc's, written out beforehand (simplified-chars.ts): reading it from
// opencc at the first use took 0.2–0.6 s of the first answer.
let charMap: Map<string, string> | null = null;
let charTable: Uint16Array | null = null;

/** Traditional → Simplified by character through a code table (every mapping is BMP to BMP, 1:1). */
function convertChars(text: string): string {
  if (!charTable) {
    charTable = new Uint16Array(0x10000);
    for (const [from, to] of simplifiedChars()) if (from.length === 1 && to.length === 1) charTable[from.charCodeAt(0)] = to.charCodeAt(0);
  }
  const table = charTable;
  const out: string[] = [];
  const CHUNK = 8192;
  const buf = new Uint16Array(CHUNK);
  for (let i = 0; i < text.length; i += CHUNK) {
    const n = Math.min(CHUNK, text.length - i);
    for (let k = 0; k < n; k++) {
      const c = text.charCodeAt(i + k);
      buf[k] = table[c] || c;
    }
    out.push(String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]));
  }
  return out.join("");
}
/** Never converted: Simplified characters the Taiwan table treats as variants. */
const KEEP_CHARS = ["么", "着", "里", "台", "于", "松", "征", "系", "面", "发", "只", "后"];

/** opencc's character table as a map (a lookup per character is ~100x faster than opencc). */
export function simplifiedChars(): Map<string, string> {
  if (charMap) return charMap;
  charMap = new Map();
  for (let i = 0; i < FROM.length; i++) charMap.set(FROM[i]!, TO[i]!);
  // Characters the table maps although they are ordinary Simplified ones (么 → 幺 broke 怎么样).
  for (const keep of KEEP_CHARS) charMap.delete(keep);
  return charMap;
}

/** Taiwan phrasing left after character conversion → the words PRC reports use. */
export const TAIWAN_PHRASES: readonly (readonly [string, string])[] = [
  ["入口网站", "门户网站"],
  ["微部落格", "微博客"],
  ["部落格", "博客"],
  ["最佳化", "优化"],
  ["规范性档案", "规范性文件"],
  ["政策档案", "政策文件"],
  ["线上访谈", "在线访谈"],
  ["联络我们", "联系我们"],
  ["软体", "软件"],
  ["硬体", "硬件"],
  ["网路", "网络"],
  ["答覆", "答复"],
  ["回覆", "回复"],
  ["反覆", "反复"],
  ["伺服器", "服务器"],
  ["资料库", "数据库"],
  ["讯息", "信息"],
  ["品质", "质量"],
  ["介面", "界面"],
  ["登入", "登录"],
];
// A phrase may be wrapped over two lines ("规范性\n档案"): white space between its characters is allowed.
const PHRASE_RE = new RegExp(TAIWAN_PHRASES.map(([from]) => [...from].join("\\s?")).join("|"), "g");
const PHRASE_TO = new Map(TAIWAN_PHRASES);
const phraseTo = (m: string) => PHRASE_TO.get(m.replace(/\s/g, "")) ?? m;

// Characters frequent in these reports that only occur in Traditional script. Counting them is
// far cheaper than converting, and Simplified text must never go through a Traditional table.
const TRADITIONAL_CHARS =
  "國區開資訊與於為這個們會發說時實機關務條報總處際結轉辦複訟審糾維護權認識類執強許罰採購準則規範檔覽網頁導應環華產業項錄書單價員層縣鎮鄉劃職責當對專據數問題況統計網絡構過選擇議論證請詢體經濟醫療衛運輸農業創獎勵稅費貸營決議點歷將們來還進處級聯繫號碼傳電話";

/** True when the text is written in Traditional characters (three characters only Traditional uses). */
export function isTraditional(text: string): boolean {
  if (!traditionalOnly) {
    traditionalOnly = new Uint8Array(0x10000);
    for (const ch of TRADITIONAL_CHARS) traditionalOnly[ch.charCodeAt(0)] = 1;
  }
  const end = Math.min(text.length, 20000);
  let n = 0;
  for (let i = 0; i < end; i++) if (traditionalOnly[text.charCodeAt(i)] && ++n >= 3) return true;
  return false;
}
let traditionalOnly: Uint8Array | null = null;

/** Traditional → Simplified for a short text (questions, names); never run it over Simplified text. */
export function traditionalToSimplified(text: string): string {
  return convertChars(text).replace(PHRASE_RE, phraseTo);
}

// ── normalisation with an offset map ────────────────────────────────────────────────────────────

// Invisible format characters a page or a converter leaves in: soft hyphens (&shy;), zero-width
// spaces and joiners, direction marks, word joiners, variation selectors, the byte-order mark.
const DROP = /[\u0000-\u0008\u000e-\u001f\u007f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffd]/;
const SPACE = /[ \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\u000b]/;
const DASH: Record<string, string> = { "－": "-", "﹣": "-", "−": "-" };
const BOX_VERTICAL = "│┃║╎╏┆┇┊┋";
/**
 * HTML character references left in a text (a page saved as text by a tool that did not decode
 * them): "&nbsp;|&nbsp;64" is a cell of 64.
 */
const ENTITY = /&(?:(nbsp|ensp|emsp|thinsp|amp|lt|gt|quot|apos|shy|mdash|ndash|middot|hellip|ldquo|rdquo|lsquo|rsquo)|#(\d{2,6})|#[xX]([0-9a-fA-F]{2,5}));/y;
const NAMED_ENTITY: Record<string, string> = {
  nbsp: " ",
  ensp: " ",
  emsp: " ",
  thinsp: " ",
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  shy: "",
  mdash: "—",
  ndash: "–",
  middot: "·",
  hellip: "…",
  ldquo: "“",
  rdquo: "”",
  lsquo: "‘",
  rsquo: "’",
};
/** The character an entity at `at` stands for, and its length; null when none starts there. */
function entityAt(raw: string, at: number): { ch: string; width: number } | null {
  ENTITY.lastIndex = at;
  const m = ENTITY.exec(raw);
  if (!m) return null;
  const code = m[2] ? Number(m[2]) : m[3] ? Number.parseInt(m[3], 16) : -1;
  if (code === -1) return { ch: NAMED_ENTITY[m[1]!.toLowerCase()] ?? "", width: m[0].length };
  if (code < 0x20 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
  return { ch: String.fromCodePoint(code), width: m[0].length };
}

/** One character normalised (NFKC, dashes); "" when it is dropped. */
function normChar(ch: string, code: number): string {
  if (code < 0x80) return ch;
  if (code >= 0x4e00 && code <= 0x9fff) return ch;
  if (DROP.test(ch)) return "";
  if (code >= 0xfe00 && code <= 0xfe0f) return ""; // variation selectors (not in DROP: they combine)
  if (SPACE.test(ch)) return " ";
  const d = DASH[ch];
  if (d) return d;
  // Box drawing (text a converter laid out as a grid, ┌─┬─┐ │ 64 │): the vertical rules are cell
  // separators, the rest is white space.
  if (code >= 0x2500 && code <= 0x257f) return BOX_VERTICAL.includes(ch) ? "|" : " ";
  // ① … ⑳ number a list; NFKC would make them a bare "1", which reads as a value.
  if (code >= 0x2460 && code <= 0x2473) return `(${code - 0x245f})`;
  return ch.normalize("NFKC");
}

/** The rows of tab-separated cells (their lines' offsets, in order), and how their tabs are placed. */
interface TabRows {
  rows: { start: number; end: number }[];
  afterEachCell: boolean;
}

/**
 * The lines of a text that hold a tab after their first words, when three lines at least hold two
 * tabs or more: rows of a table copied with its cells apart by tabs; null when there are none.
 * `afterEachCell`: those rows end with a tab, three at least, and hardly any (one in ten) with a
 * cell — a tab follows every cell, the last one too. A table copied from a page or a sheet puts
 * tabs between its cells: its rows end with their last cell (a number, a header's word), and with a
 * tab only when that cell is empty. (A cell that held a line break ends a line in words either way.)
 */
function tabRowsOf(raw: string): TabRows | null {
  if (!raw.includes("\t")) return null;
  const rows: TabRows["rows"] = [];
  let endsTab = 0;
  let endsCell = 0;
  const fields: number[] = [];
  let start = 0;
  // The first tab at or after `start`, looked for again only once passed: looked for from every
  // line, a text of 100,000 lines with one tab at its end took 5 s more to read than without it.
  let tab = raw.indexOf("\t");
  while (start <= raw.length) {
    let end = raw.indexOf("\n", start);
    if (end < 0) end = raw.length;
    if (tab >= 0 && tab < start) tab = raw.indexOf("\t", start);
    const first = tab;
    if (first >= 0 && first < end) {
      const line = raw.slice(start, end);
      // A row of one cell ("行政许可\t", its value left empty) is one when others hold two tabs.
      if (line.trim()) rows.push({ start, end });
      const second = line.indexOf("\t", first - start + 1);
      if (second >= 0) {
        fields.push(line.split("\t").length);
        if (/\t[ \r]*$/.test(line)) endsTab++;
        else endsCell++;
      }
    }
    start = end + 1;
  }
  // Tab-separated cells: three rows of two tabs or more at least (a stray tab makes no table), most
  // of them with as many tabs as the row before or after (a table's rows have its columns). Tabs
  // typed to line columns up ("行政许可\t\t\t409") vary from row to row: white space, as before.
  const multi = fields.length;
  if (multi < 3) return null;
  const even = fields.filter((n, i) => n === fields[i - 1] || n === fields[i + 1]).length;
  if (even < multi * 0.6) return null;
  return { rows, afterEachCell: endsTab >= 3 && endsCell <= endsTab * 0.1 };
}

/**
 * Prepare a report's text. Never throws.
 *
 *   prepareText("2019年南昌市西湖區\r\n政府信息公開年報").text === "2019年南昌市西湖区\n政府信息公开年报"
 */
export function prepareText(raw: string): SourceText {
  const traditional = isTraditional(raw);
  const parts: string[] = [];
  // Where each output character came from. The output may be longer than the input (① is "(1)"):
  // the map grows as it is written, or every offset after the first ① maps nowhere and evidence
  // quotes the report's first lines.
  let map = new Int32Array(raw.length + 1);
  const room = (k: number) => {
    if (k < map.length) return;
    const grown = new Int32Array(Math.max(k + 1, map.length * 2));
    grown.set(map);
    map = grown;
  };
  let n = 0; // length of the output so far
  // White space is collected as a run and written as one separator: "\n" when the run held a line
  // break, else "\t" when it held a tab, or two spaces or more (a column gap of text laid out as on
  // the page, "行政许可   409") but between two ideographs ("政  府", letter-spacing), else " ".
  let ws = "";
  let wsAt = -1;
  let spacesGap = false; // ws is "\t" for two spaces or more, not for a tab
  // A table copied from a page or a sheet: a line of tab-separated cells, one tab a cell, so
  // "821\t35\t \t \t2" holds two empty cells. Its tabs are written as the cell rules they are, one
  // pipe each, and the empty cells read as "| |" does (cell-text.ts).
  const tabRows = tabRowsOf(raw);
  let tabs = 0; // tabs of the run before its line break
  let row = 0; // the tab row the runs have reached
  let lastCode = 0;
  const isIdeograph = (c: number) => c >= 0x4e00 && c <= 0x9fff;
  const flush = (next: number) => {
    let sep = spacesGap && isIdeograph(lastCode) && isIdeograph(next) ? " " : ws;
    if (tabs > 0 && tabRows) {
      while (row < tabRows.rows.length && tabRows.rows[row]!.end < wsAt) row++;
      const r = tabRows.rows[row];
      if (r && r.start <= wsAt) {
        const broken = ws === "\n";
        // A row ending with a tab: its last cell is empty, unless a tab follows every cell there.
        sep = `${"|".repeat(broken && !tabRows.afterEachCell ? tabs + 1 : tabs)}${broken ? "\n" : ""}`;
      }
    }
    parts.push(sep);
    room(n + sep.length);
    for (let k = 0; k < sep.length; k++) map[n++] = wsAt;
    ws = "";
    tabs = 0;
    spacesGap = false;
  };
  const len = raw.length;
  let i = 0;
  while (i < len) {
    // A run of characters that need nothing is copied whole: printable ASCII, CJK ideographs, and
    // the CJK punctuation NFKC leaves alone (、。《》「」 “” … —).
    let j = i;
    while (j < len) {
      const c = raw.charCodeAt(j);
      if (
        (c > 0x20 && c < 0x7f && c !== 0x26) ||
        (c >= 0x4e00 && c <= 0x9fff) ||
        (c >= 0x3001 && c <= 0x3011) ||
        (c >= 0x2018 && c <= 0x201d) ||
        c === 0x2026 ||
        c === 0x2014
      )
        j++;
      else break;
    }
    if (j > i) {
      if (ws) flush(raw.charCodeAt(i));
      parts.push(raw.slice(i, j));
      room(n + j - i);
      for (let k = i; k < j; k++) map[n++] = k;
      lastCode = raw.charCodeAt(j - 1);
      i = j;
      continue;
    }
    const code = raw.charCodeAt(i);
    let kind = code === 0x0a || code === 0x0d || code === 0x0c ? "\n" : code === 0x09 ? "\t" : code === 0x20 ? " " : "";
    let out = "";
    let width = 1;
    const entity = code === 0x26 ? entityAt(raw, i) : null;
    if (entity) {
      // Decoded, then normalised as the character itself would be (&#12288; is a space).
      width = entity.width;
      const c0 = entity.ch.codePointAt(0) ?? 0;
      out = entity.ch === "" ? "" : c0 < 0x80 || (c0 >= 0x4e00 && c0 <= 0x9fff) ? entity.ch : normChar(entity.ch, c0);
      if (out === "") {
        i += width;
        continue;
      }
      if (out.trim() === "") kind = out.includes("\n") ? "\n" : " ";
    } else if (!kind) {
      if (code >= 0xff01 && code <= 0xff5e && code !== 0xff0d)
        out = String.fromCharCode(code - 0xfee0); // full-width ASCII
      else {
        width = code >= 0xd800 && code <= 0xdbff && i + 1 < len ? 2 : 1;
        out = normChar(raw.slice(i, i + width), code);
        if (out === "") {
          i += width;
          continue;
        }
        if (out.trim() === "") kind = out.includes("\n") ? "\n" : " ";
      }
    }
    if (kind) {
      if (!ws) wsAt = i;
      if (code === 0x09 && ws !== "\n") tabs++;
      if (kind === "\n" || (kind === "\t" && ws !== "\n") || !ws) (ws = kind), (spacesGap = false);
      else if (kind === " " && ws === " ") (ws = "\t"), (spacesGap = true);
      i += width;
      continue;
    }
    if (ws) flush(out.charCodeAt(0));
    parts.push(out);
    room(n + out.length);
    for (let k = 0; k < out.length; k++) map[n++] = i;
    lastCode = out.charCodeAt(out.length - 1);
    i += width;
  }
  if (ws) flush(0);
  // 二〇一三年度 → 2013年度: the same length, so the map holds.
  let text = digitYears(parts.join(""));
  room(n);
  map[n] = raw.length;
  let mapArr = map.slice(0, n + 1);
  if (traditional) {
    // Character by character (same length), then phrases, which may change length.
    text = convertChars(text);
    const out: string[] = [];
    const m2: number[] = [];
    let last = 0;
    for (const m of text.matchAll(PHRASE_RE)) {
      const at = m.index!;
      out.push(text.slice(last, at));
      for (let k = last; k < at; k++) m2.push(mapArr[k]!);
      const to = phraseTo(m[0]);
      out.push(to);
      for (let k = 0; k < to.length; k++) m2.push(mapArr[at + Math.min(k, m[0].length - 1)]!);
      last = at + m[0].length;
    }
    if (last > 0) {
      out.push(text.slice(last));
      for (let k = last; k <= text.length; k++) m2.push(mapArr[k]!);
      text = out.join("");
      mapArr = Int32Array.from(m2);
    }
  }
  text = foldVariants(text);
  const dropped = dropAt(
    text,
    mapArr,
    [...thousandsCommas(raw, text, mapArr), ...letterSpacing(text)].sort((a, b) => a - b),
  );
  text = dropped.text;
  mapArr = dropped.map as typeof mapArr;
  const lineStarts = [0];
  for (let i = raw.indexOf("\n"); i >= 0; i = raw.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  return { original: raw, text, map: mapArr, lineStarts, traditional };
}

/**
 * Variant spellings the templates print one way: 其它 is 其他 ("其它处理", "其它对外管理服务事项",
 * "3.其它" are the template's rows). Same length, so the map back to the original holds; the
 * evidence still quotes the report as printed.
 */
function foldVariants(text: string): string {
  return text.includes("其它") ? text.replace(/其它/g, "其他") : text;
}

/**
 * A number printed with thousands separators (1,234 / 12,345,678.5) is one number: its ASCII
 * commas are dropped. Only where the original has an ASCII comma and every group after it has
 * exactly three digits with no digit after the last; a Chinese list is written with 、 or ，.
 */
const THOUSANDS = /(?<![\d,.])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,])/g;
function thousandsCommas(raw: string, text: string, map: Int32Array): number[] {
  if (!text.includes(",")) return [];
  const drop: number[] = [];
  for (const m of text.matchAll(THOUSANDS)) {
    for (let k = m.index!; k < m.index! + m[0].length; k++) if (text[k] === "," && raw[map[k]!] === ",") drop.push(k);
  }
  return drop;
}

const isCjk = (c: number) => c >= 0x4e00 && c <= 0x9fff;
/** A stretch of text this long or a line is judged letter-spaced or not as a whole. */
const SPACING_SPAN = 400;

/**
 * Letter-spaced text ("政 府 信 息 公 开 工 作 年 度 报 告", distributed table headers, PDF text of
 * justified lines): where most ideographs of the document, or of a line (or of a 400-character
 * stretch of a one-line page), stand one space apart, those spaces are spacing, not separators, and are dropped. A table
 * row's one space between label and unit ("信息总数 条 21") is the exception in its line, kept.
 */
function letterSpacing(text: string): number[] {
  const drop: number[] = [];
  // A document spaced throughout: every such space goes, short lines ("万 元") included.
  let allGlued = 0;
  const all: number[] = [];
  for (let i = 2; i < text.length; i++) {
    if (!isCjk(text.charCodeAt(i))) continue;
    if (isCjk(text.charCodeAt(i - 1))) allGlued++;
    else if (text[i - 1] === " " && isCjk(text.charCodeAt(i - 2))) all.push(i - 1);
  }
  if (all.length < 4) return drop;
  if (all.length > 2 * allGlued) return [...all, ...spacedYears(text, 0, text.length)].sort((a, b) => a - b);
  // The next line break, looked for again only once passed (a line is read SPACING_SPAN at a time:
  // looked for from each span, a long line was scanned to its end again for every span of it).
  let lineEnd = -1;
  for (let from = 0; from < text.length; ) {
    if (lineEnd < from) {
      lineEnd = text.indexOf("\n", from);
      if (lineEnd < 0) lineEnd = text.length;
    }
    const to = Math.min(lineEnd, from + SPACING_SPAN);
    let glued = 0;
    const spaced: number[] = [];
    for (let i = from + 1; i < to; i++) {
      const c = text.charCodeAt(i);
      if (!isCjk(c)) continue;
      if (isCjk(text.charCodeAt(i - 1))) glued++;
      else if (text[i - 1] === " " && i >= 2 && isCjk(text.charCodeAt(i - 2))) spaced.push(i - 1);
    }
    if (spaced.length >= 4 && spaced.length > 2 * glued) drop.push(...spaced, ...spacedYears(text, from, to));
    from = to === text.length || text[to] === "\n" ? to + 1 : to;
  }
  return drop;
}

/** In letter-spaced text, a year spaced like its words ("府 2 0 1 8 年"): the spaces in and around it. */
function spacedYears(text: string, from: number, to: number): number[] {
  const out: number[] = [];
  for (const m of text.slice(from, to).matchAll(/(?<=[\u4e00-\u9fff])( )([12二](?: [\d〇零一二三四五六七八九]){3})( )(?=年)/g)) {
    const at = from + m.index!;
    out.push(at);
    for (let k = 1; k < m[2]!.length; k++) if (m[2]![k] === " ") out.push(at + 1 + k);
    out.push(at + 1 + m[2]!.length);
  }
  return out;
}

/** The text without the characters at `drop` (sorted offsets), and its map. */
function dropAt<M extends Int32Array>(text: string, map: M, drop: number[]): { text: string; map: M | Int32Array<ArrayBuffer> } {
  if (drop.length === 0) return { text, map };
  const out: string[] = [];
  const m2 = new Int32Array(map.length - drop.length);
  let last = 0;
  let n = 0;
  for (const at of [...drop, text.length]) {
    out.push(text.slice(last, at));
    for (let k = last; k < at; k++) m2[n++] = map[k]!;
    last = at + 1;
  }
  m2[n] = map[text.length]!;
  return { text: out.join(""), map: m2 };
}

/** Normalise a short user text (a question): NFKC, Simplified, no control characters. */
export function normalizeQuery(text: string): string {
  let out = "";
  for (const ch of text) out += normChar(ch, ch.codePointAt(0)!);
  out = unspaceLetters(out);
  // Questions are short and often mix scripts (長壽 2018 行政訴訟): convert by character always; the
  // table leaves Simplified characters alone (the few it would not are kept out of it: 么 …).
  return foldVariants(traditionalToSimplified(out));
}

/**
 * A question typed or pasted letter-spaced ("平 潭 2 0 1 2 年 有 多 少 粉 丝"): its letters joined. Words
 * a space apart ("长寿 2018 行政诉讼 其他情形") are left: most of a letter-spaced text's pieces are
 * one character each. Spaced, 粉 and 丝 had been two words of one character, and 微博's 1288 answered.
 */
function unspaceLetters(text: string): string {
  const pieces = text.split(/\s+/).filter(Boolean);
  let single = 0;
  for (const p of pieces) if (p.length === 1 && /[\u4e00-\u9fff\d]/.test(p)) single++;
  if (single < 6 || single < pieces.length * 0.6) return text;
  return text.replace(/(?<=[\u4e00-\u9fff\d])\s+(?=[\u4e00-\u9fff\d])/g, "");
}

// ── positions ───────────────────────────────────────────────────────────────────────────────────

/** 1-based line of an offset in the original. */
export function lineAtOriginal(src: SourceText, offset: number): number {
  const starts = src.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/** 1-based line of an offset in `text`. */
export function lineAt(src: SourceText, offset: number): number {
  return lineAtOriginal(src, src.map[Math.max(0, Math.min(offset, src.text.length))]!);
}

/** The same text with spans blanked to spaces, offsets kept (page junk, navigation). */
export function withBlanks(src: SourceText, spans: readonly Span[]): SourceText {
  if (spans.length === 0) return src;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  let at = 0;
  for (const { start, end } of sorted) {
    const a = Math.max(at, start);
    const b = Math.min(end, src.text.length);
    if (b <= a) continue;
    parts.push(src.text.slice(at, a), src.text.slice(a, b).replace(/[^\n]/g, " "));
    at = b;
  }
  parts.push(src.text.slice(at));
  return { ...src, text: parts.join("") };
}
