// Bytes of an uploaded or bundled file → report text. Reports are published as web pages, Word
// documents and PDFs; each goes through a maintained library, and the result goes to parseReport.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parse as parseHtml, type HTMLElement } from "node-html-parser";

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
        return { ok: true, text: htmlToText(decodeText(data)) };
      case ".docx":
        return await docxToText(data);
      case ".pdf":
        return await pdfToText(data);
      default:
        return { ok: false, error: `不支持的文件类型 ${ext}（支持 ${SUPPORTED_EXTENSIONS.join(" ")}）。` };
    }
  } catch (err) {
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

const BLOCK = new Set(["p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "ul", "ol", "dd", "dt"]);
const DROP = "script, style, noscript, nav, header, footer, iframe, form, select, button, [class*=nav], [class*=menu], [id*=nav], [id*=menu], [class*=footer], [id*=footer], [class*=share], [class*=breadcrumb]";

/** A web page → text: navigation, scripts and page furniture removed, table cells as "a | b |" rows. */
export function htmlToText(html: string): string {
  const root = parseHtml(html, { blockTextElements: { script: false, style: false, noscript: false } });
  for (const el of root.querySelectorAll(DROP)) el.remove();
  const main =
    root.querySelector("[class*=content], [id*=content], article, .TRS_Editor, .zoom, #zoom") ?? root.querySelector("body") ?? root;
  const out: string[] = [];
  const walk = (node: HTMLElement) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) {
        out.push(child.rawText.replace(/&nbsp;/g, " ").replace(/\s+/g, " "));
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as HTMLElement;
      const tag = el.tagName?.toLowerCase() ?? "";
      if (tag === "td" || tag === "th") {
        out.push(el.text.replace(/\s+/g, " ").trim() + " | ");
        continue;
      }
      if (BLOCK.has(tag)) out.push("\n");
      walk(el);
      if (BLOCK.has(tag)) out.push("\n");
    }
  };
  walk(main);
  return decodeEntities(out.join(""))
    .split("\n")
    .map((l) => l.trim())
    .filter((l, i, all) => l || (i > 0 && all[i - 1]))
    .join("\n");
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#(\d{1,6});/g, (_, n) => String.fromCodePoint(Math.min(Number(n), 0x10ffff)))
    .replace(/&amp;/g, "&");
}

async function docxToText(data: Uint8Array): Promise<ExtractResult> {
  const mammoth = await import("mammoth");
  // Tables come out as HTML with cells; plain raw text would lose the row structure.
  const { value } = await mammoth.convertToHtml({ buffer: Buffer.from(data) });
  return { ok: true, text: htmlToText(`<body>${value}</body>`) };
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
