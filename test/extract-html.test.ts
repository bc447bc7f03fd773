// Hostile web pages (issue 12): tags nested tens of thousands deep are refused in words before a
// parser sees them; sloppy pages whose siblings go unclosed are still read.
import { describe, expect, it } from "vitest";
import { extractText } from "../src/extract.js";
import { htmlBodyToText, htmlToText } from "../src/extract-html.js";

const page = (body: string) =>
  new TextEncoder().encode(`<html><head><title>报告</title></head><body><p>洪泽区人民政府2024年政府信息公开工作年度报告</p>${body}</body></html>`);
const nested = (open: string, close: string, n: number, inner = "文字") => open.repeat(n) + inner + close.repeat(n);

describe("pages nested too deep", () => {
  for (const [what, open, close, n] of [
    ["100 000 nested <center>", "<center>", "</center>", 100_000],
    ["10 000 nested links (Readability took minutes over them)", '<a href="#">', "</a>", 10_000],
    ["20 000 nested tables", "<table><tr><td>", "</td></tr></table>", 20_000],
    ["10 000 nested <h1>", "<h1>", "</h1>", 10_000],
  ] as const) {
    it(`refuses ${what}, saying how deep`, async () => {
      const res = await extractText("x.html", page(nested(open, close, n)));
      expect(res.ok).toBe(false);
      expect((res as { error: string }).error).toMatch(/^网页的标签嵌套了 \d+ 层（正常网页不过几十层，上限 1000 层）/);
    });
  }

  it("refuses the same inside a Word document's HTML", async () => {
    expect(() => htmlBodyToText(`<p>${nested("<q>", "</q>", 5000)}</p>`)).toThrow("网页的标签嵌套了 5001 层");
  });
});

describe("sloppy pages are still read", () => {
  it("reads thousands of unclosed <p>, <li> and <td> as siblings", () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `<tr><td>第${i}行<td>${i}`).join("");
    const html = `<html><body><p>洪泽区人民政府2024年政府信息公开工作年度报告${"<p>本机关依法公开政府信息。".repeat(3000)}<ul>${"<li>条目".repeat(3000)}</ul><table>${rows}</table></body></html>`;
    const text = htmlToText(html, { readability: false });
    expect(text).toContain("第2999行 | 2999 |");
  });

  it("reads a page of thousands of unclosed <div>s with the boxes removed", () => {
    const html = `<html><body>${"<div>".repeat(3000)}<p>洪泽区人民政府2024年政府信息公开工作年度报告</p></body></html>`;
    expect(htmlToText(html)).toContain("洪泽区人民政府2024年政府信息公开工作年度报告");
  });
});
