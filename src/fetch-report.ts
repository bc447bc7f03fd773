// Fetching a report by its web address (`/ingest https://…/t20210114_8765329.html`): the page, or
// the attachment it points to when the page itself is only a notice ("附件：2020年政府信息公开工作
// 年度报告.pdf"). Only http(s); size and time are bounded; redirects are followed by hand so each
// hop is checked the same way. Returns a file to ingest like an upload, with the addresses kept.
import { decodeHtml, extensionOf, extractText } from "./extract.js";
import { parseReport } from "./parse/report.js";
import type { FetchedFile } from "./reuse.js";

export interface FetchOptions {
  /** Largest accepted body, in bytes (the upload limit). */
  maxBytes: number;
  /** Whole fetch, every hop and the attachment included. Defaults to 30 000 ms. */
  timeoutMs?: number;
  /** Redirects followed per request. Defaults to 5. */
  maxRedirects?: number;
  /** Defaults to the global fetch (tests pass none: they serve pages from 127.0.0.1). */
  fetch?: typeof fetch;
}

export type FetchResult = ({ ok: true } & FetchedFile & { note?: string }) | { ok: false; error: string };

const FILE_EXTENSIONS = [".pdf", ".docx", ".txt", ".html", ".htm"] as const;

/** Why an address cannot be fetched, or null. Only http: and https: are ever fetched. */
export function addressProblem(address: string): string | null {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return `“${address.slice(0, 80)}”不是网址。请给出以 http:// 或 https:// 开头的完整地址。`;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return `只能从 http(s) 网址导入，“${url.protocol}”地址不会被读取（本机文件和其他协议一律拒绝）。`;
  }
  if (url.username || url.password) return "网址里不能带用户名或密码。";
  return null;
}

class FetchFailure extends Error {}

interface Got {
  url: string;
  bytes: Uint8Array;
  contentType: string;
}

async function get(address: string, opts: Required<Omit<FetchOptions, "fetch">> & { fetch: typeof fetch; signal: AbortSignal }): Promise<Got> {
  let url = address;
  for (let hop = 0; ; hop++) {
    const problem = addressProblem(url);
    if (problem) throw new FetchFailure(problem);
    let res: Response;
    try {
      res = await opts.fetch(url, {
        redirect: "manual",
        signal: opts.signal,
        headers: { "user-agent": "nianbao (government report reader)", accept: "text/html,application/pdf,*/*" },
      });
    } catch (error) {
      if (opts.signal.aborted) throw new FetchFailure(`下载超时（超过 ${Math.round(opts.timeoutMs / 1000)} 秒）。`);
      throw new FetchFailure(
        `无法连接：${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`.slice(0, 200),
      );
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      await res.body?.cancel().catch(() => undefined);
      if (hop >= opts.maxRedirects) throw new FetchFailure(`重定向次数过多（超过 ${opts.maxRedirects} 次）。`);
      url = new URL(res.headers.get("location")!, url).href;
      continue;
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw new FetchFailure(`网站返回 HTTP ${res.status}。`);
    }
    const declared = Number(res.headers.get("content-length") ?? "");
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      await res.body.cancel().catch(() => undefined);
      throw new FetchFailure(tooLarge(opts.maxBytes));
    }
    const chunks: Uint8Array[] = [];
    let total = 0;
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > opts.maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new FetchFailure(tooLarge(opts.maxBytes));
        }
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof FetchFailure) throw error;
      if (opts.signal.aborted) throw new FetchFailure(`下载超时（超过 ${Math.round(opts.timeoutMs / 1000)} 秒）。`);
      throw new FetchFailure("下载时连接中断。");
    }
    const bytes = new Uint8Array(total);
    let at = 0;
    for (const c of chunks) bytes.set(c, at), (at += c.byteLength);
    return { url, bytes, contentType: (res.headers.get("content-type") ?? "").toLowerCase() };
  }
}

function tooLarge(maxBytes: number): string {
  return `文件超过 ${Math.round((maxBytes / 1048576) * 10) / 10} MB 的上限，未下载。`;
}

/** The extension a fetched body is read as: what it is (magic bytes, content type), else its address's. */
function kindOf(got: Got): string {
  const head = Buffer.from(got.bytes.subarray(0, 8)).toString("latin1");
  if (head.startsWith("%PDF")) return ".pdf";
  if (head.startsWith("PK\u0003\u0004")) return ".docx";
  if (got.contentType.includes("pdf")) return ".pdf";
  if (got.contentType.includes("wordprocessingml")) return ".docx";
  if (got.contentType.includes("html")) return ".html";
  if (got.contentType.startsWith("text/plain")) return ".txt";
  const ext = extensionOf(new URL(got.url).pathname);
  return (FILE_EXTENSIONS as readonly string[]).includes(ext) ? (ext === ".htm" ? ".html" : ext) : ".html";
}

/** A display name for a fetched file: its address's last part, with the extension it is read as. */
function nameOf(got: Got, ext: string): string {
  let last = "";
  try {
    last = decodeURIComponent(new URL(got.url).pathname.split("/").pop() ?? "");
  } catch {
    last = "";
  }
  last = last.replace(/[^\p{L}\p{N}._-]+/gu, "_").slice(0, 80);
  const stem = last.replace(/\.[A-Za-z0-9]{1,5}$/, "") || new URL(got.url).hostname;
  return `${stem}${ext}`;
}

/**
 * Links of a page to files a report may be (.pdf, .docx), the likeliest first: a link whose text
 * or address says 年度报告 / 年报 before the others, in page order.
 */
export function attachmentLinks(html: string, base: string): string[] {
  const found: { href: string; score: number; at: number }[] = [];
  const re = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]{0,400}?)<\/a>/gi;
  for (const m of html.matchAll(re)) {
    const raw = (m[1] ?? m[2] ?? m[3] ?? "").replace(/&amp;/g, "&").trim();
    let href: URL;
    try {
      href = new URL(raw, base);
    } catch {
      continue;
    }
    if (href.protocol !== "http:" && href.protocol !== "https:") continue;
    const text = (m[4] ?? "").replace(/<[^>]*>/g, "");
    const ext = extensionOf(href.pathname);
    const isFile = ext === ".pdf" || ext === ".docx" || /\.(?:pdf|docx)\b/i.test(text);
    if (!isFile) continue;
    const score = /年度报告|年报|政府信息公开/.test(text + decodeURIComponentSafe(href.pathname)) ? 2 : 1;
    if (!found.some((f) => f.href === href.href)) found.push({ href: href.href, score, at: m.index ?? 0 });
  }
  return found.sort((a, b) => b.score - a.score || a.at - b.at).map((f) => f.href);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The page holds a report itself: its text reads with figures or a template table. */
async function pageIsReport(name: string, bytes: Uint8Array): Promise<boolean> {
  const text = await extractText(name, bytes);
  if (!text.ok) return false;
  const parsed = parseReport(text.text, { name });
  return parsed.ok && parsed.report.figures.length >= 5;
}

/**
 * Fetch a report by its address: the page, or — when the page is no report of its own and links
 * a PDF or Word file — that attachment. Never throws.
 *
 *   fetchReport("https://www.example.gov.cn/zwgk/t20210114_8765329.html", { maxBytes: 20 << 20 })
 *     → { ok: true, name: "t20210114_8765329.html", bytes, urls: ["https://…/t20210114_8765329.html"] }
 */
export async function fetchReport(address: string, options: FetchOptions): Promise<FetchResult> {
  const problem = addressProblem(address);
  if (problem) return { ok: false, error: problem };
  const { maxBytes, timeoutMs = 30_000, maxRedirects = 5 } = options;
  const signal = AbortSignal.timeout(timeoutMs);
  const opts = { maxBytes, timeoutMs, maxRedirects, fetch: options.fetch ?? fetch, signal };
  try {
    const page = await get(address.trim(), opts);
    const ext = kindOf(page);
    const urls = [address.trim()];
    if (page.url !== urls[0]) urls.push(page.url);
    if (ext !== ".html") return { ok: true, name: nameOf(page, ext), bytes: page.bytes, urls };
    const name = nameOf(page, ext);
    if (await pageIsReport(name, page.bytes)) return { ok: true, name, bytes: page.bytes, urls };
    for (const link of attachmentLinks(decodeHtml(page.bytes), page.url).slice(0, 3)) {
      try {
        const file = await get(link, opts);
        const fext = kindOf(file);
        if (fext !== ".pdf" && fext !== ".docx") continue;
        return { ok: true, name: nameOf(file, fext), bytes: file.bytes, urls: [...urls, file.url], note: "网页本身不是报告正文，已读取其附件。" };
      } catch (error) {
        if (!(error instanceof FetchFailure) || signal.aborted) throw error;
      }
    }
    return { ok: true, name, bytes: page.bytes, urls };
  } catch (error) {
    if (error instanceof FetchFailure) return { ok: false, error: error.message };
    return { ok: false, error: `下载失败：${(error as Error).message.slice(0, 200)}` };
  }
}
