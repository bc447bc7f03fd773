// The pure parts of what goes with an answer: its first page and the list behind 更多, its
// buttons (callback data within Telegram's 64 bytes), and a table as a monospace block.
import { describe, expect, it } from "vitest";
import { answerKeyboard, firstPage, LIST_PAGE_LINES, PAGE_SIZE } from "../../src/bot/answer-extras.js";
import { PAGE_KEY, PageStore, pageCount } from "../../src/bot/pages.js";
import { displayWidth, formatTable } from "../../src/bot/table-text.js";
import { type Answer, COMBINED_METRICS, type Hit } from "../../src/domain.js";
import type { TableView } from "../../src/reuse.js";
import { REVIEW_ITEMS } from "./helpers.js";

const hit = (n: number): Hit => ({
  reportId: `r${n % 3}`,
  org: "重庆市长寿区人民政府",
  region: "长寿区",
  year: 2018,
  section: "一、概述",
  snippet: `第${n}处 <b>`,
  line: n,
  score: 1,
});
const base: Answer = { question: "q", kind: "search", answers: [], hits: [], warnings: [], text: "" };
type Button = { text: string; callback_data: string };
const flat = (k: ReturnType<typeof answerKeyboard>) => (k?.inline_keyboard.flat() ?? []) as Button[];

describe("firstPage", () => {
  it("keeps five hits on the first page and every hit, numbered, in the list behind 更多", () => {
    const { answer, list } = firstPage({ ...base, hits: Array.from({ length: 12 }, (_, i) => hit(i + 1)) });
    expect(answer.hits).toHaveLength(PAGE_SIZE);
    expect(list!.entries).toHaveLength(12);
    expect(list!.entries[5]).toMatch(/^6\. <b>重庆市长寿区人民政府 2018年 · 一、概述 · 第 6 行<\/b>\n<blockquote>第6处 &lt;b&gt;<\/blockquote>$/);
    expect(pageCount(list!)).toBe(3);
  });

  it("cuts a long list answer after its heading and twenty lines", () => {
    const text = ["库中共60份报告，60个地区：", ...Array.from({ length: 60 }, (_, i) => `地区${i + 1}：2018年`)].join("\n");
    const { answer, list } = firstPage({ ...base, kind: "list", text });
    expect(answer.text.split("\n")).toHaveLength(LIST_PAGE_LINES + 1);
    expect(list!.entries[LIST_PAGE_LINES]).toBe("地区21：2018年");
  });

  it("leaves short answers whole", () => {
    expect(firstPage({ ...base, hits: [hit(1)] }).list).toBeUndefined();
  });
});

describe("answerKeyboard", () => {
  it("gives each figure a 表格 button and each report one 原文 button, labelled by region and year when several", () => {
    const buttons = flat(answerKeyboard({ ...base, kind: "compare", answers: REVIEW_ITEMS }, { reuse: true }));
    expect(buttons.map((b) => b.text)).toEqual(["📊 表格 · 长寿区2018", "📄 原文 · 长寿区2018", "📊 表格 · 资阳区2020", "📄 原文 · 资阳区2020"]);
    expect(buttons[0]!.callback_data).toMatch(/^tb:cs2018:57:[0-9a-z]+$/);
    expect(buttons[1]!.callback_data).toBe("src:cs2018");
  });

  it("has no 表格 for a figure of the prose, and no reuse buttons when the feature is off", () => {
    const prose = { ...REVIEW_ITEMS[0]!, source: "narrative" as const };
    expect(flat(answerKeyboard({ ...base, kind: "value", answers: [prose] }, { reuse: true })).map((b) => b.text)).toEqual(["📄 原文"]);
    expect(answerKeyboard({ ...base, kind: "value", answers: [prose] }, { reuse: false })).toBeUndefined();
  });

  it("has no 表格 for a sum of two figures: its parts carry theirs", () => {
    const [review] = REVIEW_ITEMS;
    const sum = { ...review!, metric: COMBINED_METRICS.sum, source: "derived" as const, line: 1 };
    const buttons = flat(answerKeyboard({ ...base, kind: "value", answers: [sum, review!] }, { reuse: true }));
    expect(buttons.map((b) => b.text)).toEqual(["📄 原文", "📊 表格"]);
    expect(buttons[1]!.callback_data).toMatch(/^tb:cs2018:57:/);
  });

  it("keeps every callback within 64 bytes, even for the longest report ids", () => {
    const long = { ...REVIEW_ITEMS[0]!, reportId: "a".repeat(40), line: 999999, metric: "requests.result.withheld.security_stability", slice: "legal_service" };
    for (const b of flat(answerKeyboard({ ...base, kind: "value", answers: [long] }, { reuse: true, moreKey: "abcdefghij", remaining: 9 }))) {
      expect(Buffer.byteLength(b.callback_data)).toBeLessThanOrEqual(64);
    }
  });
});

describe("PageStore", () => {
  it("finds what it keeps by a 10-character key, and nothing by a forged or evicted one", () => {
    const store = new PageStore(2);
    const a = store.save({ heading: "h", entries: ["x"], size: 5 });
    expect(a).toMatch(PAGE_KEY);
    expect(store.list(a)?.entries).toEqual(["x"]);
    expect(store.list("../../etc")).toBeUndefined();
    store.save({ heading: "h", entries: [], size: 5 });
    store.save({ heading: "h", entries: [], size: 5 });
    expect(store.list(a)).toBeUndefined();
    expect(store.query(store.saveQuery("行政复议"))).toBe("行政复议");
  });
});

describe("formatTable", () => {
  const table: TableView = {
    reportId: "r",
    org: "淮安市洪泽区人民政府",
    year: 2024,
    title: "表四 政府信息公开行政复议、行政诉讼情况",
    columns: ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
    rows: [
      { label: "行政复议", cells: [1, 1, 0, 0, 2] },
      { label: "未经复议直接起诉", cells: [1, 0, 0, 0, 1] },
      { label: "行政诉讼", cells: [3, 0, 1, null, 4], derived: true },
    ],
    at: { row: 1, col: 0 },
    unit: "件",
    evidence: { line: 463, text: "行政复议 | 1 1 0 0 2 <x>" },
  };

  it("aligns columns by display width, marks the row with ▶ and the cell with brackets", () => {
    const pre = /<pre>([\s\S]*)<\/pre>/.exec(formatTable(table))![1]!;
    const lines = pre.split("\n");
    expect(lines[0]).toBe("  项目             结果维持 结果纠正 其他结果 尚未审结 总计");
    expect(lines[2]).toBe("▶ 未经复议直接起诉      [1]        0        0        0    1");
    expect(lines[3]).toContain("行政诉讼*");
    expect(lines[3]).toContain("空");
    expect(new Set(lines.slice(1).map((l) => displayWidth(l.replace(/\[|\]/g, " "))))).toHaveProperty("size", 1);
  });

  it("escapes the evidence and names the cell and the unit", () => {
    const text = formatTable(table);
    expect(text).toContain("&lt;x&gt;");
    expect(text).toContain("▶ 未经复议直接起诉 · 结果维持");
    expect(text).toContain("第 463 行 · 单位：件");
  });
});
