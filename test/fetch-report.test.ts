// Fetching a report by address, against a site on 127.0.0.1: the page when it is the report, its
// attachment when it is only a notice; only http(s), within the size and time bounds.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressProblem, attachmentLinks, fetchReport } from "../src/fetch-report.js";
import { docxOf } from "./helpers/docx.js";
import { FIXTURES, SEED, SEEDS } from "./helpers/reports.js";
import { type Site, serveSite } from "./helpers/web.js";

const PAGE = readFileSync(join(FIXTURES, "pingtan-2024-html/input.html"));
const NOTICE = `<!doctype html><html><head><meta charset="utf-8"><title>关于公布2018年度政府信息公开工作年度报告的通知</title></head>
<body><p>现将我区2018年度政府信息公开工作年度报告予以公布。</p>
<p>附件：<a href="/other/guide.pdf">办事指南.pdf</a> <a href='/files/2018年度报告.docx'>长寿区2018年政府信息公开工作年度报告.docx</a></p></body></html>`;
let site: Site;
let docx: Uint8Array;

beforeAll(async () => {
  docx = await docxOf(readFileSync(join(SEEDS, SEED.changshou), "utf8"));
  site = await serveSite({
    "/zwgk/t20250114_8765329.html": { body: PAGE },
    "/zwgk/notice.html": { body: NOTICE },
    "/files/2018年度报告.docx": { body: docx, type: "application/octet-stream" },
    "/other/guide.pdf": { body: "%PDF-1.4 not this one", type: "application/pdf" },
    "/download": { body: "%PDF-1.4\n% a report\n", type: "application/octet-stream" },
    "/moved": { redirect: "/zwgk/t20250114_8765329.html" },
    "/to-file": { redirect: "file:///etc/passwd" },
    "/big": { body: "x".repeat(5000), type: "text/plain" },
    "/slow": { hang: true },
  });
});
afterAll(() => site.close());

const opts = { maxBytes: 4 * 1024 * 1024 };

describe("fetchReport", () => {
  it("keeps a page that is the report itself, under its address's name", async () => {
    const got = await fetchReport(`${site.url}/zwgk/t20250114_8765329.html`, opts);
    expect(got).toMatchObject({ ok: true, name: "t20250114_8765329.html", urls: [`${site.url}/zwgk/t20250114_8765329.html`] });
    expect(got.ok && Buffer.from(got.bytes).equals(PAGE)).toBe(true);
  });

  it("follows a notice page to its report attachment (the link that says 年度报告), keeping both addresses", async () => {
    const got = await fetchReport(`${site.url}/zwgk/notice.html`, opts);
    if (!got.ok) throw new Error(got.error);
    expect(got.name).toBe("2018年度报告.docx");
    expect(Buffer.from(got.bytes).equals(Buffer.from(docx))).toBe(true);
    expect(got.urls).toEqual([`${site.url}/zwgk/notice.html`, `${site.url}/files/${encodeURIComponent("2018年度报告.docx")}`]);
    expect(got.note).toContain("附件");
  });

  it("reads a file by what it is, not by its address (a PDF at /download)", async () => {
    expect(await fetchReport(`${site.url}/download`, opts)).toMatchObject({ ok: true, name: "download.pdf" });
  });

  it("follows redirects between http(s) addresses, and refuses one to file:", async () => {
    expect(await fetchReport(`${site.url}/moved`, opts)).toMatchObject({ ok: true, urls: [`${site.url}/moved`, `${site.url}/zwgk/t20250114_8765329.html`] });
    const bad = await fetchReport(`${site.url}/to-file`, opts);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain("http(s)");
  });

  it("refuses other schemes and non-addresses with the reason, without fetching", async () => {
    const before = site.requests.length;
    for (const address of ["file:///etc/passwd", "ftp://example.org/report.pdf", "javascript:alert(1)", "data:text/html,<b>x</b>"]) {
      const got = await fetchReport(address, opts);
      expect(got.ok).toBe(false);
      expect(!got.ok && got.error).toMatch(/只能从 http\(s\) 网址导入/);
    }
    expect(addressProblem("长寿区2018年报告")).toContain("不是网址");
    expect(addressProblem(`http://user:pw@127.0.0.1/x`)).toContain("用户名");
    expect(site.requests.length).toBe(before);
  });

  it("stops at the size limit and at the time limit, and says so", async () => {
    const big = await fetchReport(`${site.url}/big`, { maxBytes: 1000 });
    expect(!big.ok && big.error).toContain("上限");
    const slow = await fetchReport(`${site.url}/slow`, { maxBytes: 1000, timeoutMs: 300 });
    expect(!slow.ok && slow.error).toContain("超时");
    const missing = await fetchReport(`${site.url}/nothing.html`, opts);
    expect(!missing.ok && missing.error).toContain("HTTP 404");
  });
});

describe("attachmentLinks", () => {
  it("lists linked PDF and Word files, the one naming a 年度报告 first, resolved against the page", () => {
    expect(attachmentLinks(NOTICE, "http://www.example.gov.cn/zwgk/notice.html")).toEqual([
      `http://www.example.gov.cn/files/${encodeURIComponent("2018年度报告.docx")}`,
      "http://www.example.gov.cn/other/guide.pdf",
    ]);
  });
});
