// Bytes of an uploaded or bundled file → report text. Reports are published as web pages, Word
// documents and PDFs; each goes through a maintained library, and the result goes to parseReport.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { docxToHtml } from "./extract-docx.js";
import { declaredCharset, htmlBodyToText, htmlToText } from "./extract-html.js";
import { RefusedFileError } from "./refusal.js";

export const SUPPORTED_EXTENSIONS = [".txt", ".html", ".htm", ".docx", ".pdf"] as const;

export type ExtractResult = { ok: true; text: string } | { ok: false; error: string };

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
  const text = Buffer.from(data.subarray(0, 512)).toString("utf8").trimStart().toLowerCase();
  if (text.startsWith("<!doctype html") || text.startsWith("<html")) return ".html";
  return ".txt";
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (older Chinese sites) by elimination. */
export function decodeText(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder("utf-16le").decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder("utf-16be").decode(data);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(data).replace(/^\ufeff/, "");
  } catch {
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
  if (bom) return decodeText(data);
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

/** PDF text, one line per text row (items grouped by their y position), pages separated by \f. */
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
  for (let p = 1; p <= Math.min(doc.numPages, 500); p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const rows = new Map<number, { x: number; s: string }[]>();
    for (const item of content.items) {
      if (!("str" in item)) continue;
      const y = Math.round(item.transform[5] / 2) * 2;
      const list = rows.get(y) ?? [];
      list.push({ x: item.transform[4], s: item.str });
      rows.set(y, list);
    }
    const lines = [...rows.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, items]) => items.sort((a, b) => a.x - b.x).map((i) => i.s).join(" ").trim())
      .filter(Boolean);
    pages.push(lines.join("\n"));
  }
  await doc.destroy();
  const text = pages.join("\n\f\n");
  if (!/[\u4e00-\u9fff]/.test(text)) return { ok: false, error: "PDF 中没有可提取的文字（可能是扫描件图片），无法解析。" };
  return { ok: true, text };
}
