// Text normalisation shared by the report parser and the question parser: Traditional → Simplified
// (with Taiwan phrasing), full-width → half-width, page markers and control characters removed.
// Line structure is preserved (line i of the result is line i of the input) so evidence can cite
// the original line numbers.
import * as OpenCC from "opencc-js";

// Character-level tw→cn, then our own list of Taiwan phrasing. opencc's phrase table (twp) is not
// used: it rewrites PRC government vocabulary (执行→运行, 建立→创建, 查询→查找, 档案馆→文件馆).
const toSimplified = OpenCC.Converter({ from: "tw", to: "cn" });

let charMap: Map<string, string> | null = null;
let charClass: RegExp | null = null;

/**
 * opencc's character table, read once into a map (≈0.2 s): converting a 5 MB report through
 * opencc-js itself takes most of a second, a map lookup per character a few milliseconds.
 */
function convertChars(text: string): string {
  if (!charMap) {
    charMap = new Map();
    const ranges: [number, number][] = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
    for (const [a, b] of ranges) {
      let chunk = "";
      for (let c = a; c <= b; c++) chunk += String.fromCharCode(c);
      const out = toSimplified(chunk);
      if (out.length !== chunk.length) {
        for (const ch of chunk) {
          const to = toSimplified(ch);
          if (to !== ch) charMap.set(ch, to);
        }
      } else {
        for (let i = 0; i < chunk.length; i++) if (out[i] !== chunk[i]) charMap.set(chunk[i]!, out[i]!);
      }
    }
  }
  charClass ??= new RegExp(`[${[...charMap.keys()].join("").replace(/[\\\]^-]/g, "\\$&")}]`, "g");
  const map = charMap;
  return text.replace(charClass, (c) => map.get(c) ?? c);
}

/** Taiwan phrasing left after character conversion → the words PRC reports use. */
const TAIWAN_PHRASES: readonly [RegExp, string][] = [
  [/入口网站/g, "门户网站"],
  [/微部落格/g, "微博客"],
  [/部落格/g, "博客"],
  [/最佳化/g, "优化"],
  [/规范性档案/g, "规范性文件"],
  [/政策档案/g, "政策文件"],
  [/线上访谈/g, "在线访谈"],
  [/联络我们/g, "联系我们"],
  [/软体/g, "软件"],
  [/硬体/g, "硬件"],
  [/网路/g, "网络"],
  [/伺服器/g, "服务器"],
  [/资料库/g, "数据库"],
  [/讯息/g, "信息"],
  [/品质/g, "质量"],
  [/介面/g, "界面"],
  [/登入/g, "登录"],
];

// Characters frequent in these reports that only occur in Traditional script. Counting them is
// ~100x cheaper than converting, and simplified text must not go through twp→cn (it rewrites
// simplified phrases too).
const TRADITIONAL_ONLY = new Set(
  "國區開資訊與於為這個們會發說時實機關務條報總處際結轉辦複訟審糾維護權認識類執強許罰採購準則規範檔覽網頁導應環華產業項錄書單價員層縣鎮鄉劃職責當對專據數問題況統計網絡構過選擇議論證請詢體經濟醫療衛運輸農業創獎勵稅費貸營決議點歷將們來還進處級聯繫號碼傳電話"
    .split("")
    .filter((c) => c.trim()),
);

/** True when the text is written in Traditional characters (enough Traditional-only characters). */
const TRADITIONAL_RE = new RegExp(`[${[...TRADITIONAL_ONLY].join("")}]`, "g");
const CJK_RE = /[\u4e00-\u9fff]/g;

export function isTraditional(text: string): boolean {
  const head = text.length > 20000 ? text.slice(0, 20000) : text;
  const trad = head.match(TRADITIONAL_RE)?.length ?? 0;
  if (trad >= 3) return true;
  const cjk = trad ? (head.match(CJK_RE)?.length ?? 0) : 0;
  // Character-level tw→cn leaves Simplified text unchanged, so a false positive only costs time.
  return trad >= 3 || (cjk > 0 && trad / cjk > 0.05);
}

/** Traditional → Simplified, Taiwan phrasing mapped back (入口網站 → 门户网站, 微部落格 → 微博客, 檔案館 stays 档案馆). */
const PHRASE_RE = new RegExp(TAIWAN_PHRASES.map(([re]) => re.source).join("|"), "g");
const PHRASE_TO = new Map(TAIWAN_PHRASES.map(([re, to]) => [re.source, to]));

export function traditionalToSimplified(text: string): string {
  return convertChars(text).replace(PHRASE_RE, (m) => PHRASE_TO.get(m) ?? m);
}

// C0 controls except \t and \n, DEL, zero-width characters, BOM and the replacement character.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u2028\u2029\ufeff\ufffd]/g;

/** Unicode NFKC (full-width digits and brackets → ASCII) plus the dashes and spaces reports use. */
export function normalizeChars(s: string): string {
  return s
    .normalize("NFKC")
    .replace(CONTROL, "")
    .replace(/[\u00a0\u3000]/g, " ")
    .replace(/[－﹣−]/g, "-");
}

/** A page marker that PDF extraction leaves between lines: "- 3 -", "第 3 页", "3/12". */
const PAGE_MARKER = /^\s*(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4})\s*$/;

export function isPageMarker(line: string): boolean {
  return line.length < 24 && PAGE_MARKER.test(line);
}

/** Web-page furniture that is never report content. */
const WEB_JUNK =
  /^(?:扫一扫在手机打开当前页|【?打印本页】?|【?关闭窗口】?|【字体:.*|相关词条|热门词条|联络我们|联系我们|网站地图|首页|当前位置[:：].*|分享到[:：]?.*|上一篇.*|下一篇.*)$/;

export function isWebJunk(line: string): boolean {
  return line.length < 60 && WEB_JUNK.test(line.trim());
}

export interface NormalizedText {
  /** Lines as given (after newline normalisation only), for quoting evidence. */
  original: string[];
  /** Lines normalised: Simplified, NFKC, no control characters, page markers and junk blanked. */
  lines: string[];
  traditional: boolean;
}

/**
 * Prepare a report's text for parsing. Never throws; keeps one output line per input line.
 *
 *   normalizeText("2019年南昌市西湖區政府信息公開年報\n（一）…").lines[0] === "2019年南昌市西湖区政府信息公开年报"
 */
export function normalizeText(raw: string): NormalizedText {
  // A form feed (pdftotext's page break, at the start of a page's first line) is dropped, not made
  // a newline: evidence line numbers must be the ones an editor shows for the file.
  const text = raw.replace(/\r\n?/g, "\n").replace(/\f/g, (_m, at: number, all: string) => (at === 0 || all[at - 1] === "\n" || all[at + 1] === "\n" || at === all.length - 1 ? "" : " "));
  const original = text.split("\n");
  const traditional = isTraditional(text);
  let body = normalizeChars(text);
  if (traditional) body = traditionalToSimplified(body);
  let lines = body.split("\n");
  // NFKC and opencc never add or remove "\n", but be defensive: line numbers are evidence.
  if (lines.length !== original.length) lines = original.map((l) => (traditional ? traditionalToSimplified(normalizeChars(l)) : normalizeChars(l)));
  // Markdown from document converters: heading marks and bold markers are not text.
  lines = lines.map((l) => (isPageMarker(l) || isWebJunk(l) ? "" : l.replace(/^\s{0,3}#{1,6}\s+/, "").replace(/\*\*/g, "").replace(/\s+$/, "")));
  return { original, lines, traditional };
}

/** Normalise a short user text (a question): NFKC, Simplified, no control characters. */
export function normalizeQuery(text: string): string {
  // Questions are short: always convert (tw→cn by character does not touch Simplified text).
  return traditionalToSimplified(normalizeChars(text));
}
