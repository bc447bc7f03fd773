import { describe, expect, it } from "vitest";
import {
  escapeHtml,
  formatAnswer,
  formatIngestResult,
  formatReportList,
  MESSAGE_LIMIT,
  quote,
  renderMessages,
  splitEscaped,
  text,
} from "../../src/bot/format.js";
import type { Answer } from "../../src/domain.js";
import { CHANGSHOU, LONG_TEXT, REVIEW_ITEMS, XIHU, ZIYANG } from "./helpers.js";

/** Tags in a message must be balanced, or Telegram rejects the whole message. */
function expectBalanced(html: string): void {
  const stack: string[] = [];
  for (const [, closing, name] of html.matchAll(/<(\/?)([a-z]+)[^>]*>/g)) {
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name);
  }
  expect(stack).toEqual([]);
}

/** Telegram HTML: after the tags, only &amp; &lt; &gt; (and &quot;) entities, no bare < > &. */
function expectOnlyOurMarkup(html: string): void {
  const withoutTags = html.replace(/<\/?(b|i|blockquote)>/g, "");
  expect(withoutTags).not.toMatch(/[<>]/);
  expect(withoutTags.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
}

const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

function answerOf(partial: Partial<Answer>): Answer {
  return { question: "q", kind: "value", answers: [], hits: [], warnings: [], text: "", ...partial };
}

describe("escapeHtml", () => {
  it("escapes &, < and > (ampersand first, so nothing is escaped twice)", () => {
    expect(escapeHtml("A&B <b>x</b> &lt;")).toBe("A&amp;B &lt;b&gt;x&lt;/b&gt; &amp;lt;");
  });
});

describe("formatAnswer", () => {
  it("escapes every report- or user-supplied string", () => {
    const messages = formatAnswer(
      answerOf({
        text: "问题 <script>&",
        answers: [{ ...REVIEW_ITEMS[0], region: "<i>长寿区</i>", label: "a&b", evidence: "x <y> & z" }],
        warnings: ["<b>警告</b>"],
      }),
    );
    const all = messages.join("\n");
    expectOnlyOurMarkup(all);
    expect(all).toContain("问题 &lt;script&gt;&amp;");
    expect(all).toContain("&lt;i&gt;长寿区&lt;/i&gt;");
    expect(all).toContain("<blockquote>x &lt;y&gt; &amp; z</blockquote>");
    expect(all).toContain("&lt;b&gt;警告&lt;/b&gt;");
  });

  it("quotes the source line of every figure, with its line number", () => {
    const [message] = formatAnswer(answerOf({ text: "两地对比", answers: REVIEW_ITEMS }));
    expect(message).toContain("<b>来源</b>");
    expect(message).toContain("第 57 行");
    expect(message).toContain("第 88 行");
    expect(message).toContain("<blockquote>因政府信息公开申请行政复议数量 | 件 | 3</blockquote>");
    expect(message).toContain("<blockquote>行政复议 | 结果维持 0 | 结果纠正 0 | 总计 0 &lt;表四&gt;</blockquote>");
    // the uncertain figure says so, with the core's note
    expect(message).toContain("⚠️存疑");
    expect(message).toContain("表格方向未经勾稽核对");
  });

  it("does not repeat evidence or warnings the text already contains", () => {
    const evidence = REVIEW_ITEMS[0].evidence;
    const [message] = formatAnswer(answerOf({ text: `3 件（${evidence}）\n注意：X`, answers: [REVIEW_ITEMS[0]], warnings: ["注意：X"] }));
    expect(message).not.toContain("<blockquote>");
    expect(message.match(/注意：X/g)).toHaveLength(1);
  });

  it("splits a long answer into messages of at most 4096 characters, losing nothing", () => {
    const messages = formatAnswer(answerOf({ text: LONG_TEXT, answers: REVIEW_ITEMS }));
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expectBalanced(m);
      expectOnlyOurMarkup(m);
    }
    const joined = unescape(messages.join("\n"));
    for (const line of LONG_TEXT.split("\n")) expect(joined).toContain(line);
    // split at line breaks: no line of the text is cut in two
    const firstLines = unescape(messages[0]).split("\n");
    expect(LONG_TEXT.split("\n")).toContain(firstLines.at(-1));
  });

  it("splits a single huge line (no line breaks) and a huge quote, keeping tags balanced", () => {
    const huge = "依申请公开&<>".repeat(2000); // escapes to ~4x its length
    const messages = renderMessages([text(huge), quote(huge)]);
    for (const m of messages) {
      expect(m.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expectBalanced(m);
      expectOnlyOurMarkup(m);
    }
    const quoted = messages.join("").match(/<blockquote>/g) ?? [];
    expect(quoted.length).toBeGreaterThan(1);
    // nothing lost: the plain text reassembles to the two inputs
    const plain = unescape(
      messages
        .join("")
        .replace(/<\/?blockquote>/g, "")
        .replace(/\n/g, ""),
    );
    expect(plain).toBe(huge + huge);
  });

  it("never cuts an escape sequence or a surrogate pair", () => {
    const parts = splitEscaped("&&&😀😀😀", 7);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(7);
      expect(p).not.toMatch(/&(?!amp;|lt;|gt;)/);
      expect(p).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
    expect(parts.join("")).toBe("&amp;&amp;&amp;😀😀😀");
  });

  it("lists search hits with their place and the snippet", () => {
    const [message] = formatAnswer(
      answerOf({
        kind: "search",
        text: "找到 1 处。",
        hits: [{ reportId: "r", org: "长寿区人民政府", region: "长寿区", year: 2018, section: "三、依申请", snippet: "共【12】件 <x>", line: 31, score: 1 }],
      }),
    );
    expect(message).toContain("<b>出处</b>");
    expect(message).toContain("第 31 行");
    expect(message).toContain("<blockquote>共【12】件 &lt;x&gt;</blockquote>");
  });

  it("lists a report asked for as a whole (原文在哪) without a line of its own", () => {
    const [message] = formatAnswer(
      answerOf({
        kind: "search",
        text: "《重庆市长寿区2018年政府信息公开年度工作报告》\n原文件：changshou.txt",
        hits: [{ reportId: "r", org: "长寿区人民政府", region: "长寿区", year: 2018, section: "", snippet: "", line: 0, score: 1 }],
      }),
    );
    expect(message).toContain("长寿区人民政府</b> 2018年");
    expect(message).not.toContain("第 0 行");
  });
});

describe("other replies", () => {
  it("groups /reports by region with years, sorted, escaped", () => {
    const reports = [CHANGSHOU, { ...CHANGSHOU, id: "cs2019", year: 2019 }, { ...CHANGSHOU, id: "dup", year: 2019 }, ZIYANG, XIHU];
    const [message] = formatReportList(reports);
    expect(message).toContain("共 5 份报告，3 个地区");
    expect(message).toContain("<b>重庆市长寿区</b>：2018、2019（2份）");
    expect(message).toContain("<b>益阳市资阳区</b>：2020");
    expect(message).toContain("<b>南昌市西湖区</b>：2019");
    expect(formatReportList([], undefined)[0]).toContain("还没有任何报告");
    expect(formatReportList(reports, "<湖南>")[0]).toContain("&lt;湖南&gt;");
    expect(formatReportList(reports, "湖南")[0]).toContain("共 1 份报告");
  });

  it("describes an ingest result or its rejection, escaped", () => {
    const ok = formatIngestResult("a<b>.txt", { ok: true, status: "added", duplicate: false, report: CHANGSHOU, warnings: ["x & y"], figures: 42 }).join("\n");
    expect(ok).toContain("a&lt;b&gt;.txt");
    for (const part of ["重庆市长寿区人民政府", "重庆市长寿区", "2018年", "stat2016", "42 项", "x &amp; y"]) expect(ok).toContain(part);
    const bad = formatIngestResult("b.pdf", { ok: false, error: "<binary>" }).join("\n");
    expect(bad).toContain("未能导入");
    expect(bad).toContain("&lt;binary&gt;");
  });
});
