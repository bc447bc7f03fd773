// Files as reports are published: Word documents (through mammoth), PDFs (through pdf.js), web
// pages, and text in GB18030; plus the row-by-row text a PDF table extracts to.
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText, extractText } from "../src/extract.js";
import { parseReport } from "../src/parse/report.js";
import { SEED, SEEDS } from "./helpers/reports.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;");
const para = (t: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(t)}</w:t></w:r></w:p>`;
const cell = (t: string) => `<w:tc><w:p><w:r><w:t>${esc(t)}</w:t></w:r></w:p></w:tc>`;

/** A real .docx (a zip of WordprocessingML) holding the 小板桥 report: prose as paragraphs, the 统计表 as a table. */
async function docxOf(text: string): Promise<Uint8Array> {
  const body = text
    .split("\n")
    .map((l) => (l.includes("|") ? `<w:tbl><w:tr>${l.split("|").map((c) => c.trim()).filter(Boolean).map(cell).join("")}</w:tr></w:tbl>` : para(l)))
    .join("");
  const zip = new JSZip();
  zip.file("[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`);
  zip.file("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`);
  zip.file("word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`);
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
