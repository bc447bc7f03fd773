// Files as reports are published: Word documents (through mammoth), PDFs (through pdf.js), web
// pages, and text in GB18030; plus the row-by-row text a PDF table extracts to.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { decodeHtml, decodeText, extractText, MAX_PDF_PAGES } from "../src/extract.js";
import { htmlBodyToText, htmlToText } from "../src/extract-html.js";
import { parseReport } from "../src/parse/report.js";
import { chinesePdf } from "./helpers/pdf.js";
import { SEED, SEEDS } from "./helpers/reports.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${esc(t)}</w:t></w:r></w:p></w:tc>`;

/** A real .docx (a zip of WordprocessingML) holding the 小板桥 report: prose as paragraphs, the 统计表 as a table. */
async function docxOf(text: string): Promise<Uint8Array> {
  const body = text
    .split("\n")
    .map((l) =>
      l.includes("|")
        ? `<w:tbl><w:tr>${l
            .split("|")
            .map((c) => c.trim())
            .filter(Boolean)
            .map(cell)
            .join("")}</w:tr></w:tbl>`
        : para(l),
    )
    .join("");
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: "uint8array" });
}

/** A minimal PDF with one page of Latin text (no CJK font), as scanned or image-only reports behave. */
function latinPdf(lines: string[]): Uint8Array {
  const content = "BT /F1 12 Tf 72 720 Td " + lines.map((l, i) => (i ? "0 -16 Td " : "") + `(${l}) Tj`).join(" ") + " ET";
  const objs = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`;
  return new TextEncoder().encode(out);
}

describe("extractText", () => {
  it("reads a Word document, tables as rows", async () => {
    const text = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8");
    const res = await extractText("报告.docx", await docxOf(text));
    expect(res.ok).toBe(true);
    const parsed = parseReport((res as { text: string }).text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.report.org).toBe("小板桥街道办事处");
    expect(parsed.report.figures.find((f) => f.metric === "proactive.channel.weibo")?.value).toBe(1500);
    expect(parsed.report.figures.find((f) => f.metric === "training.trainees")?.value).toBe(36);
  });

  it("reads a PDF, and says so when it holds no Chinese text", async () => {
    const res = await extractText("scan.pdf", latinPdf(["Annual report 2018"]));
    expect(res).toEqual({ ok: false, error: expect.stringContaining("没有可提取的文字") });
    // recognised by its bytes when the name has no extension
    expect(await extractText("upload", latinPdf(["x"]))).toMatchObject({ ok: false, error: expect.stringContaining("PDF") });
  });

  it("refuses a broken Word file with a reason", async () => {
    const res = await extractText("x.docx", new TextEncoder().encode("not a zip"));
    expect(res).toMatchObject({ ok: false, error: expect.stringContaining("无法读取") });
  });

  it("decodes GB18030 (older sites) and UTF-8 with a BOM", () => {
    const gb = Uint8Array.from([0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa]); // 政府信息公开
    expect(decodeText(gb)).toBe("政府信息公开");
    expect(decodeText(new TextEncoder().encode("\ufeff长寿区"))).toBe("长寿区");
  });
});

describe("PDF table text read row by row", () => {
  it("reads 表三 and 表四 when each row's label and values share a line", () => {
    // 西湖区 2019 as pdf.js gives it: one line per table row, cells separated by spaces.
    const lines = readFileSync(join(SEEDS, SEED.xihu), "utf8").split("\n");
    const out: string[] = [];
    let buf: string[] = [];
    const flush = () => {
      if (buf.length) out.push(buf.join(" "));
      buf = [];
    };
    for (const l of lines) {
      if (/^-?\d+(?:萬元)?$/.test(l.trim())) buf.push(l.trim());
      else {
        flush();
        buf = [l];
      }
    }
    flush();
    const res = parseReport(out.join("\n"));
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const get = (m: string, slice?: string) => res.report.figures.find((f) => f.metric === m && f.slice === slice && f.source !== "narrative")?.value;
    expect(get("requests.received")).toBe(13);
    expect(get("requests.received", "natural_person")).toBe(11);
    expect(get("requests.result.total")).toBe(12);
    expect(get("review.total")).toBe(1);
    expect(get("litigation.after_review.pending")).toBe(1);
    expect(get("art20.penalty.decisions")).toBe(11858);
  });
});

// ------------------------------------------------------------------------------------------------
// Web pages read as pages: the article found by Readability (or by text density), the title on top,
// tables as "a | b | c |" rows.

const FIXTURES = join(import.meta.dirname, "fixtures/reports");
/** A saved page and the crawler's text of the same page (text nodes concatenated, white space collapsed). */
const savedPage = (name: string) => ({
  html: readFileSync(join(FIXTURES, name, "input.html")),
  crawler: readFileSync(join(FIXTURES, name, "crawler.txt"), "utf8"),
});
const squash = (s: string) => s.replace(/[\s|]+/g, "");
/** The crawler's sentences (cut after 。；！？) that hold Chinese text. */
const sentencesOf = (text: string) =>
  squash(text)
    .split(/(?<=[。；！？])/)
    .filter((s) => /[\u4e00-\u9fff]/.test(s));

async function pageText(bytes: Uint8Array): Promise<string> {
  const res = await extractText("page.html", bytes);
  if (!res.ok) throw new Error(res.error);
  return res.text;
}

describe("a saved 2014 Word/TRS page (平潭县 2013, MsoNormal spans, the old 统计表)", async () => {
  const page = savedPage("pingtan-2013-html");
  const text = await pageText(page.html);
  const lines = text.split("\n");

  it("puts the title, broken over two paragraphs on the page, on the first line", () => {
    expect(lines[0]).toBe("平潭县人民政府2013年政府信息公开工作年度报告");
  });

  it("holds every sentence of the crawler's text, and the crawler's whole text once cells and spaces are removed", () => {
    const mine = squash(text);
    const missing = sentencesOf(page.crawler).filter((s) => !mine.includes(s));
    expect(missing).toEqual([]);
    expect(mine).toContain(squash(page.crawler));
  });

  it("gives paragraphs one per line and no site chrome", () => {
    expect(lines).toContain("一、 概述");
    expect(lines).toContain("（一）主动公开政府信息的数量");
    expect(text).not.toMatch(/当前位置|热门搜索|闽政通|网站地图|打印本页/);
  });

  it("reads the 统计表 row by row, cells joined by pipes, two paragraphs in a cell as one label", () => {
    for (const row of [
      "指标名称 | 计量单位 | 2013年度 | 历年累计 |",
      "主动公开信息数 | 条 | 1853 | 5395 |",
      "其中：1.网站公开 | 条 | 1713 | 5017 |",
      "2.政府公报公开 | 条 | 0 | 7 |",
      "受理依申请公开信息总数 | 条 | 7 | 28 |",
      "3.电子邮件申请数 | 条 | 3 | 6 |",
      "4.网上申请数 | 条 | 4 | 4 |",
      "对申请的答复数 | 条 | 3 | 24 |",
      "其中：1.同意公开答复数 | 条 | 2 | 19 |",
      "行政申诉数 | 条 | 0 | 0 |",
    ])
      expect(lines).toContain(row);
  });
});

describe("a saved 2021-format page (平潭综合实验区 2024, real tables with rowspan and colspan)", async () => {
  const page = savedPage("pingtan-2024-html");
  const text = await pageText(page.html);
  const lines = text.split("\n");

  it("puts the title, which stands above the article box, on the first line", () => {
    expect(lines[0]).toBe("平潭综合实验区2024年度政府信息公开工作年度报告");
    expect(lines[1]).toMatch(/^本报告根据《中华人民共和国政府信息公开条例》/);
  });

  it("holds every sentence of the crawler's text, and the crawler's whole text once cells and spaces are removed", () => {
    const mine = squash(text);
    expect(sentencesOf(page.crawler).filter((s) => !mine.includes(s))).toEqual([]);
    expect(mine).toContain(squash(page.crawler));
  });

  it("reads the four tables row by row; a label spanning rows heads its first row only", () => {
    const at = (row: string) => lines.indexOf(row);
    for (const row of [
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
      "行政规范性文件 | 62 | 33 | 440 |",
      "行政许可 | 4529 |",
      "行政事业性收费 | 18651.06 |",
      "一、本年新收政府信息公开申请数量 | 217 | 1 | 0 | 0 | 0 | 0 | 218 |",
      "三、本年度办理结果 | （一）予以公开 | 71 | 0 | 0 | 0 | 0 | 0 | 71 |",
      "（三）不予公开 | 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |",
      "5.属于三类内部事务信息 | 32 | 0 | 0 | 0 | 0 | 0 | 32 |",
      "（七）总计 | 217 | 1 | 0 | 0 | 0 | 0 | 218 |",
      "2 | 1 | 3 | 1 | 7 | 0 | 0 | 0 | 0 | 0 | 13 | 2 | 4 | 0 | 19 |",
    ])
      expect(at(row), row).toBeGreaterThan(0);
    // the 表三 rows keep the template's order
    expect(at("（三）不予公开 | 1.属于国家秘密 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |")).toBe(at("2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |") - 1);
    expect(text).not.toContain("不予公开 | 2.其他法律");
  });

  it("finds the same text by density alone as with Readability", () => {
    expect(htmlToText(page.html.toString("utf8"), { readability: false })).toBe(text);
  });
});

describe("finding the article", () => {
  // A page written for this test: the first element whose class holds "content" is a banner.
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>青禾县人民政府</title></head><body>
    <div class="top-content"><img src="banner.jpg"><p>奋进新征程 建功新时代</p></div>
    <div class="nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/xxgk">信息公开</a><a href="/hd">互动交流</a></div>
    <div class="main"><div class="left"><ul><li><a href="/1">通知公告</a></li><li><a href="/2">政策文件</a></li><li><a href="/3">政府信息公开年报</a></li></ul></div>
    <div class="article"><div class="art-title"><h2>青禾县人民政府2022年政府信息公开工作年度报告</h2></div>
      <p>本报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自2022年1月1日起至12月31日止。</p>
      <p>一、总体情况</p>
      <p>2022年，青禾县持续推进政务公开，全年主动公开政府信息1204条，收到政府信息公开申请37件。</p>
      <table border="1"><tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规范性文件</td><td>6</td><td>2</td><td>41</td></tr></table>
      <p>二、存在的主要问题及改进情况</p><p>公开内容的规范化水平还需提高；下一步将加强培训。</p>
    </div></div>
    <div class="footer"><p>主办：青禾县人民政府办公室　地址：青禾县府前路1号　电话：0000-1234567</p></div>
  </body></html>`;

  it("reads the article, not the first [class*=content] banner, and no navigation or footer", () => {
    const text = htmlToText(page);
    expect(text.split("\n")).toEqual([
      "青禾县人民政府2022年政府信息公开工作年度报告",
      "本报告依据《中华人民共和国政府信息公开条例》编制，所列数据统计期限自2022年1月1日起至12月31日止。",
      "一、总体情况",
      "2022年，青禾县持续推进政务公开，全年主动公开政府信息1204条，收到政府信息公开申请37件。",
      "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
      "规范性文件 | 6 | 2 | 41 |",
      "二、存在的主要问题及改进情况",
      "公开内容的规范化水平还需提高；下一步将加强培训。",
    ]);
  });

  it("finds the same box by text density when Readability is not asked", () => {
    expect(htmlToText(page, { readability: false })).toBe(htmlToText(page));
  });

  it("falls back to text density when Readability's pick is a banner (the article box hidden until a script shows it)", () => {
    const hidden = page.replace('<div class="article">', '<div class="article" aria-hidden="true">');
    expect(htmlToText(hidden)).toBe(htmlToText(page));
  });

  it("adds the title from <title> when the article box lacks it, but not a site name", () => {
    const body = "<p>本报告依据《中华人民共和国政府信息公开条例》编制。全年收到申请5件，均已按期答复。本年度未发生行政复议和行政诉讼。</p>".repeat(3);
    const withTitle = `<html><head><title>青禾县教育局2021年政府信息公开工作年度报告_年报_青禾县人民政府</title></head><body><div>${body}</div></body></html>`;
    expect(htmlToText(withTitle).split("\n")[0]).toBe("青禾县教育局2021年政府信息公开工作年度报告");
    const siteName = `<html><head><title>青禾县人民政府</title></head><body><h1>青禾县人民政府</h1><div>${body}</div></body></html>`;
    expect(htmlToText(siteName).split("\n")[0]).toMatch(/^本报告依据/);
  });
});

describe("tables, Word markup and white space, written out (input → lines)", () => {
  const cases: [string, string, string[]][] = [
    [
      "a label spanning rows printed once, in its first row",
      "<table><tr><td rowspan=2>（三）不予公开</td><td>1.属于国家秘密</td><td>0</td></tr><tr><td>2.其他法律行政法规禁止公开</td><td>1</td></tr></table>",
      ["（三）不予公开 | 1.属于国家秘密 | 0 |", "2.其他法律行政法规禁止公开 | 1 |"],
    ],
    [
      "a label spanning columns printed once; an empty cell stays an empty cell",
      "<table><tr><td colspan=2>一、本年新收政府信息公开申请数量</td><td>64</td><td></td><td>&nbsp;</td><td>70</td></tr></table>",
      ["一、本年新收政府信息公开申请数量 | 64 |  |  | 70 |"],
    ],
    [
      "a blank last cell and a blank first cell stay cells",
      "<table><tr><td></td><td>本年</td><td>累计</td></tr><tr><td>行政复议数</td><td>条</td><td>　</td></tr></table>",
      ["|  | 本年 | 累计 |", "行政复议数 | 条 |  |"],
    ],
    [
      "paragraphs and <br> inside a cell join without a gap, except between Latin words or numbers",
      "<table><tr><td>计量<br>单位</td><td><p>2013</p><p>年度</p></td><td>2013<br/>2014</td></tr></table>",
      ["计量单位 | 2013年度 | 2013 2014 |"],
    ],
    [
      "header cells, thead/tbody/tfoot, a caption, a row with no text dropped, a pipe in a cell",
      "<table><caption>表二</caption><thead><tr><th>项目</th><th>数量</th></tr></thead><tbody><tr><td></td><td> </td></tr><tr><td>A|B</td><td>3</td></tr></tbody><tfoot><tr><td>合计</td><td>3</td></tr></tfoot></table>",
      ["表二", "项目 | 数量 |", "A｜B | 3 |", "合计 | 3 |"],
    ],
    [
      "paragraphs a sloppy page put right inside <table>, in their place",
      "<table><p>一、主动公开情况</p><tr><td>规章</td><td>5</td></tr><p>二、依申请公开情况</p><tr><td>申请</td><td>3</td></tr></table>",
      ["一、主动公开情况", "规章 | 5 |", "二、依申请公开情况", "申请 | 3 |"],
    ],
    [
      "a layout table around the article: its cells read as paragraphs, the table inside as rows",
      "<table><tr><td><p>一、总体情况</p><p>全年收到申请5件。</p><table><tr><td>规章</td><td>5</td></tr></table></td></tr></table>",
      ["一、总体情况", "全年收到申请5件。", "规章 | 5 |"],
    ],
    [
      "Word markup: spans, <o:p>, <font>, smart tags, conditional comments and list markers",
      `<p class=MsoNormal><span lang=EN-US style='font-family:"ËÎÌå"'>2013<o:p></o:p></span><span>年</span><st1:chsdate Year="2013" Month="1" Day="1">1月1日</st1:chsdate></p><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--><p class=MsoListParagraph><![if !supportLists]><span>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp; </span></span><![endif]><font face="仿宋_GB2312">网站公开</font></p>`,
      ["2013年1月1日", "1. 网站公开"],
    ],
    [
      "&nbsp; and U+3000 are spaces; scripts, styles and forms are dropped",
      "<div>一、　概述&nbsp;&nbsp;<script>var s = '不要';</script><style>p{}</style></div><select><option>请选择</option></select><p>正文。</p>",
      ["一、 概述", "正文。"],
    ],
  ];
  it.each(cases)("%s", (_name, html, lines) => {
    expect(htmlBodyToText(html).split("\n")).toEqual(lines);
  });
});

describe("web page bytes", () => {
  const page = (meta: string, body: number[]) =>
    Uint8Array.from([...Buffer.from(`<html><head>${meta}</head><body><p>`, "latin1"), ...body, ...Buffer.from("</p></body></html>", "latin1")]);
  const GBK = [0xd5, 0xfe, 0xb8, 0xae, 0xd0, 0xc5, 0xcf, 0xa2, 0xb9, 0xab, 0xbf, 0xaa]; // 政府信息公开
  const BIG5 = [0xac, 0x46, 0xa9, 0xb2, 0xb8, 0xea, 0xb0, 0x54, 0xa4, 0xbd, 0xb6, 0x7d]; // 政府資訊公開

  it("reads GB2312/GBK pages, as declared or by elimination", () => {
    expect(decodeHtml(page('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', GBK))).toContain("<p>政府信息公开</p>");
    expect(decodeHtml(page('<meta charset="GBK">', GBK))).toContain("政府信息公开");
    expect(decodeHtml(page("", GBK))).toContain("政府信息公开");
  });

  it("follows <meta charset> when the bytes are not UTF-8 (Big5 would pass for GB18030)", () => {
    expect(decodeHtml(page('<meta charset="big5">', BIG5))).toContain("政府資訊公開");
    expect(decodeHtml(page("", BIG5))).not.toContain("政府資訊公開");
  });

  it("keeps UTF-8 when a re-saved page still declares gb2312", () => {
    expect(decodeHtml(page('<meta charset="gb2312">', [...Buffer.from("政府信息公开", "utf8")]))).toContain("政府信息公开");
  });

  it("drops inline images, scripts and styles however large, and refuses a page nested thousands deep", async () => {
    const big = `<html><head><style>${"p{color:red}".repeat(50_000)}</style><script>${"var a=1;".repeat(100_000)}</script></head><body>
      <p><img src="data:image/png;base64,${"A".repeat(2_000_000)}">本年度收到申请5件。</p></body></html>`;
    expect(await pageText(new TextEncoder().encode(big))).toBe("本年度收到申请5件。");
    // thousands of nested boxes: the boxes are removed and the text read
    const deep = `<html><body>${"<div>".repeat(5000)}<p>本年度收到申请5件。</p>${"</div>".repeat(5000)}</body></html>`;
    expect(await pageText(new TextEncoder().encode(deep))).toBe("本年度收到申请5件。");
    const tables = `<html><body>${"<table><tr><td>".repeat(3000)}5${"</td></tr></table>".repeat(3000)}</body></html>`;
    expect(await extractText("x.html", new TextEncoder().encode(tables))).toMatchObject({ ok: false, error: expect.stringContaining("嵌套") });
  });
});

describe("UTF-16 saved without a BOM (issue 12: it was called binary)", () => {
  const report = readFileSync(join(SEEDS, SEED.changshou), "utf8");
  const utf16 = (text: string, order: "le" | "be") => {
    const le = Buffer.from(text, "utf16le");
    return new Uint8Array(order === "le" ? le : Buffer.from(le).swap16());
  };

  it("decodes a report in either byte order, and parses it", async () => {
    expect(decodeText(utf16(report, "le"))).toBe(report);
    expect(decodeText(utf16(report, "be"))).toBe(report);
    const res = await extractText("长寿区2018.txt", utf16(report, "le"));
    expect(res.ok && parseReport(res.text).ok).toBe(true);
  });

  it("decodes Chinese without a single ASCII character (no NUL byte to tell it by)", () => {
    const text = "政府信息公开工作年度报告，本机关依法公开。".repeat(20);
    expect(decodeText(utf16(text, "le"))).toBe(text);
    expect(decodeText(utf16(text, "be"))).toBe(text);
  });

  it("decodes a web page", () => {
    const html = "<html><body><p>政府信息公开工作年度报告</p></body></html>";
    expect(decodeHtml(utf16(html, "le"))).toBe(html);
  });

  it("still reads ASCII, UTF-8 and GB18030 as before", () => {
    expect(decodeText(new TextEncoder().encode("ab cd 2018 report"))).toBe("ab cd 2018 report");
    expect(decodeText(new TextEncoder().encode("政府信息公开2018"))).toBe("政府信息公开2018");
    expect(decodeText(Uint8Array.from([0xd5, 0xfe, 0xb8, 0xae, 0x32, 0x30, 0xd0, 0xc5, 0xcf, 0xa2]))).toBe("政府20信息");
  });
});

describe("a PDF longer than 500 pages (issue 12: it was read in part without a word)", () => {
  const title = "长寿区人民政府2018年政府信息公开工作年度报告";
  const pdf = chinesePdf(MAX_PDF_PAGES + 1, (p) => [p === 1 ? title : `第${p}页，本机关依法公开政府信息。`]);

  it("reads the first 500 pages and says the rest was not read", async () => {
    const res = await extractText("long.pdf", pdf);
    expect(res).toMatchObject({ ok: true, warnings: ["PDF 共 501 页，只读取了前 500 页；第 501 页起的内容没有读取，其中的数字和文字都不在库里。"] });
    const text = (res as { text: string }).text;
    expect(text).toContain("第500页");
    expect(text).not.toContain("第501页");
  });

  it("keeps the warning on the report, first", async () => {
    const res = await extractText("long.pdf", pdf);
    const parsed = res.ok ? parseReport(res.text, { inputWarnings: res.warnings }) : undefined;
    expect(parsed?.ok && parsed.report.warnings[0]).toMatchObject({ code: "INPUT", message: expect.stringContaining("只读取了前 500 页") });
  });

  it("says nothing of a PDF within the limit", async () => {
    expect(
      await extractText(
        "short.pdf",
        chinesePdf(2, () => [title]),
      ),
    ).toEqual({ ok: true, text: `${title}\n\f\n${title}` });
  });
});
