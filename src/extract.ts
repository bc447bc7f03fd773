// Bytes of an uploaded or bundled file → report text. Reports are published as web pages, Word
// documents and PDFs; each goes through a maintained library, and the result goes to parseReport.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { docxToHtml } from "./extract-docx.js";
import { declaredCharset, htmlBodyToText, htmlToText } from "./extract-html.js";
import { type PdfRule, type PdfTextItem, pageLines } from "./extract-pdf-grid.js";
import { RefusedFileError } from "./refusal.js";

export const SUPPORTED_EXTENSIONS = [".txt", ".html", ".htm", ".docx", ".pdf"] as const;

/**
 * The text, with what a reader of the report should know about how it was read (`warnings`: a
 * PDF read in part), or why nothing could be read.
 */
export type ExtractResult = { ok: true; text: string; warnings?: string[] } | { ok: false; error: string };

/** PDF pages read; past this a report is read in part, and says so. */
export const MAX_PDF_PAGES = 500;

/** Lower-case extension of a display name (".pdf"), "" when none. The name is never used as a path. */
export function extensionOf(name: string): string {
  const m = /\.([a-z0-9]{1,5})$/i.exec(name.trim());
  return m ? `.${m[1]!.toLowerCase()}` : "";
}

/** Extract the text of a file by its extension. Never throws. */
export async function extractText(name: string, data: Uint8Array): Promise<ExtractResult> {
  const ext = extensionOf(name) || sniff(data);
  try {
    switch (ext) {
      case ".txt":
      case "":
        return { ok: true, text: decodeText(data) };
      case ".html":
      case ".htm":
        return { ok: true, text: htmlToText(decodeHtml(data)) };
      case ".docx":
        return { ok: true, text: htmlBodyToText(await docxToHtml(data)) };
      case ".pdf":
        return await pdfToText(data);
      default:
        return { ok: false, error: `不支持的文件类型 ${ext}（支持 ${SUPPORTED_EXTENSIONS.join(" ")}）。` };
    }
  } catch (err) {
    if (err instanceof RefusedFileError) return { ok: false, error: err.message };
    // A path we did not foresee recursing too deep is still said in words.
    if (err instanceof RangeError && /call stack/i.test(err.message)) return { ok: false, error: `文件结构嵌套过深，无法读取（${ext}）。` };
    return { ok: false, error: `无法读取文件内容（${ext}）：${(err as Error).message.slice(0, 200)}` };
  }
}

function sniff(data: Uint8Array): string {
  const head = Buffer.from(data.subarray(0, 8)).toString("latin1");
  if (head.startsWith("%PDF")) return ".pdf";
  if (head.startsWith("PK\u0003\u0004")) return ".docx";
  const text = decodeText(data.subarray(0, 512)).trimStart().toLowerCase();
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return ".html";
  return ".txt";
}

/** A UTF-16 code unit a report is made of: Chinese, CJK and fullwidth punctuation, symbols, printable ASCII and Latin-1, tabs and line breaks. */
function reportUnit(u: number): boolean {
  return (
    (u >= 0x4e00 && u <= 0x9fff) ||
    (u >= 0x3400 && u <= 0x4dbf) ||
    (u >= 0x3000 && u <= 0x303f) ||
    (u >= 0xff00 && u <= 0xffef) ||
    (u >= 0x3200 && u <= 0x33ff) ||
    (u >= 0xfe30 && u <= 0xfe4f) ||
    (u >= 0x2000 && u <= 0x27bf) || // punctuation, ①, Ⅰ, √, □, ● …
    (u >= 0x20 && u <= 0x7e) ||
    (u >= 0xa0 && u <= 0xff) ||
    u === 0x09 ||
    u === 0x0a ||
    u === 0x0d ||
    u === 0x0c
  );
}

/**
 * The byte order of UTF-16 text saved without a BOM (Windows Notepad's "Unicode", some exporters),
 * or null: the byte order in which at least 95 % of the first 32 K code units are what a report is
 * made of. `nulls`: whether the bytes hold NULs, which UTF-8 and GB18030 text never does; without
 * them only text that is not UTF-8 is asked (ASCII read two bytes at a time looks like Chinese:
 * "ab" is U+6261).
 */
function utf16ByteOrder(data: Uint8Array): "utf-16le" | "utf-16be" | null {
  const units = Math.min(data.length >> 1, 32_768);
  if (units < 8) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < units; i++) {
    const a = data[2 * i]!;
    const b = data[2 * i + 1]!;
    if (reportUnit(a | (b << 8))) le++;
    if (reportUnit((a << 8) | b)) be++;
  }
  if (le >= units * 0.95 && le > be) return "utf-16le";
  if (be >= units * 0.95 && be > le) return "utf-16be";
  return null;
}

const hasNul = (data: Uint8Array) => data.subarray(0, 65_536).includes(0);

/**
 * UTF-8 (with or without BOM), UTF-16 with a BOM or without one (told by its byte order), or
 * GB18030 (older Chinese sites) by elimination.
 */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
  const nul = hasNul(data);
  const utf16 = nul ? utf16ByteOrder(data) : null;
  if (utf16) return new TextDecoder(utf16).decode(data);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\ufeff/, "");
  } catch {
    const order = nul ? null : utf16ByteOrder(data);
    if (order) return new TextDecoder(order).decode(data);
    try {
      return new TextDecoder("gb18030", { fatal: true }).decode(data);
    } catch {
      return new TextDecoder("utf-8").decode(data);
    }
  }
}

/**
 * A web page's bytes → its text. UTF-8 (and a BOM) wins over what the page declares, since
 * crawlers re-save GB2312 pages as UTF-8 and leave the meta tag; otherwise the declared charset
 * (<meta charset="gb2312"> is read as GB18030, its superset; <meta charset="big5"> as Big5, which
 * GB18030 would also accept and garble: 政府資訊公開), else decodeText's guess.
 */
export function decodeHtml(data: Uint8Array): string {
  const bom = (data[0] === 0xef && data[1] === 0xbb) || (data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff);
  if (bom || (hasNul(data) && utf16ByteOrder(data))) return decodeText(data);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data);
  } catch {
    // not UTF-8: fall through to the declared charset
  }
  const declared = declaredCharset(data);
  const label = declared && /^(?:gb2312|gbk|x-gbk|gb_2312-80|chinese|csgb2312|euc-cn)$/.test(declared) ? "gb18030" : declared;
  if (label && label !== "utf-8" && label !== "utf8") {
    try {
      return new TextDecoder(label).decode(data);
    } catch {
      // an unknown label: guess
    }
  }
  return decodeText(data);
}

/**
 * The rules a page draws (thin filled rectangles, stroked segments), in user space: the CTM of
 * save/restore/transform applied to each path's box. pdf.js 5 gives a path as
 * [paint op, [path data], [minX, minY, maxX, maxY]] with path data of (0 moveTo | 1 lineTo x y …).
 */
function pageRules(list: { fnArray: number[]; argsArray: unknown[] }, OPS: Record<string, number>): PdfRule[] {
  type M = [number, number, number, number, number, number];
  let ctm: M = [1, 0, 0, 1, 0, 0];
  const stack: M[] = [];
  const apply = (m: M, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  const rules: PdfRule[] = [];
  const fills = new Set([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const strokes = new Set([OPS.stroke, OPS.closeStroke]);
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) {
      const [a, b, c, d, e, f] = args as M;
      const m = ctm;
      ctm = [m[0] * a + m[2] * b, m[1] * a + m[3] * b, m[0] * c + m[2] * d, m[1] * c + m[3] * d, m[0] * e + m[2] * f + m[4], m[1] * e + m[3] * f + m[5]];
    } else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const minMax = args[2] as ArrayLike<number> | null;
      if (fills.has(paint) && minMax) {
        const [x0, y0] = apply(ctm, minMax[0]!, minMax[1]!);
        const [x1, y1] = apply(ctm, minMax[2]!, minMax[3]!);
        rules.push({ x0, y0, x1, y1 });
      } else if (strokes.has(paint)) {
        const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
        if (!data) continue;
        let last: [number, number] | null = null;
        for (let k = 0; k < data.length; ) {
          const op = data[k]!;
          if (op === 0 || op === 1) {
            const pt = apply(ctm, data[k + 1]!, data[k + 2]!);
            if (op === 1 && last) rules.push({ x0: last[0], y0: last[1], x1: pt[0], y1: pt[1] });
            last = pt;
            k += 3;
          } else if (op === 2) (last = apply(ctm, data[k + 5]!, data[k + 6]!)), (k += 7);
          else if (op === 3) (last = apply(ctm, data[k + 3]!, data[k + 4]!)), (k += 5);
          else k += 1;
        }
      }
    }
  }
  return rules;
}

/**
 * PDF text, one line per text row (items grouped by their y position), each ruled table a line per
 * row of cells (extract-pdf-grid.ts), pages separated by \f.
 */
async function pdfToText(data: Uint8Array): Promise<ExtractResult> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  // Chinese PDFs use predefined CMaps (UniGB-UCS2-H …) that pdf.js reads from its own package.
  const root = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(data),
    cMapUrl: join(root, "cmaps") + "/",
    cMapPacked: true,
    standardFontDataUrl: join(root, "standard_fonts") + "/",
    useSystemFonts: false,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  const pages: string[] = [];
  const pageCount = doc.numPages;
  for (let p = 1; p <= Math.min(pageCount, MAX_PDF_PAGES); p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const items: PdfTextItem[] = [];
    for (const item of content.items) {
      if (!("str" in item)) continue;
      items.push({ str: item.str, x: item.transform[4], y: item.transform[5], width: item.width, height: item.height });
    }
    const rules = pageRules(await page.getOperatorList(), pdfjs.OPS);
    pages.push(pageLines(items, rules).join("\n"));
  }
  await doc.destroy();
  const text = pages.join("\n\f\n");
  if (!/[\u4e00-\u9fff]/.test(text)) return { ok: false, error: "PDF 中没有可提取的文字（可能是扫描件图片），无法解析。" };
  if (pageCount <= MAX_PDF_PAGES) return { ok: true, text };
  return {
    ok: true,
    text,
    warnings: [`PDF 共 ${pageCount} 页，只读取了前 ${MAX_PDF_PAGES} 页；第 ${MAX_PDF_PAGES + 1} 页起的内容没有读取，其中的数字和文字都不在库里。`],
  };
}
