// What follows /subscribe, read into a filter and said back in words (table-driven).
import { describe, expect, it } from "vitest";
import { describeFilter, parseFilter } from "../../src/alerts/filter.js";
import { deadlineOf, nextDigestAt, overdueFrom, shanghaiDay } from "../../src/alerts/schedule.js";

const ctx = { segment: (t: string) => t.split(/\s+/).filter(Boolean), bodyNames: () => ["平潭综合实验区地方税务局"] };

const READ: Record<string, string> = {
  "江苏省 行政复议>=10": "江苏省（含省内各地）的报告，行政复议 ≥ 10",
  "江苏省行政复议>=10": "江苏省（含省内各地）的报告，行政复议 ≥ 10", // glued: the place is split off
  "江苏行政复议>=10": "江苏省（含省内各地）的报告，行政复议 ≥ 10",
  "主动公开>=100": "全部地区的报告，主动公开政府信息数 ≥ 100", // no place hides in a metric's words
  "行政复议纠错率>20%": "全部地区的报告，行政复议·结果纠正占比 > 20%",
  "政府信息公开申请>=5": "全部地区的报告，收到政府信息公开申请数 ≥ 5",
  "行政诉讼 > 0": "全部地区的报告，行政诉讼 > 0",
  "纠错率 > 20%": "全部地区的报告，行政复议·结果纠正占比 > 20%", // 纠错率 alone is 复议's
  "诉讼纠错率≥10％": "全部地区的报告，行政诉讼·结果纠正占比 ≥ 10%",
  收到申请不少于100: "全部地区的报告，收到政府信息公开申请数 ≥ 100",
  "淮安 政府": "淮安市（含市内各地）的政府报告",
  "宿迁市 部门 勾稽不符": "宿迁市（含市内各地）的部门报告，勾稽关系不符",
  "街道乡镇 表文不一致": "全部地区的街道乡镇报告，表格与正文不一致",
  小板桥街道: "小板桥街道的报告",
  杭州市西湖区: "杭州市西湖区（含辖内街道乡镇和部门）的报告",
  平潭综合实验区: "平潭综合实验区的报告", // a zone the gazetteer lacks: the body
  平潭综合实验区地方税务局: "平潭综合实验区地方税务局的报告", // a held body
  "江苏 浙江": "江苏省（含省内各地）或浙江省（含省内各地）的报告",
  "12345 热线": "全部地区的报告，正文含“12345”，正文含“热线”",
  all: "全部地区的报告",
};

describe("parseFilter", () => {
  for (const [input, words] of Object.entries(READ)) {
    it(input, () => {
      const r = parseFilter(input, ctx);
      if (!r.ok) throw new Error(r.error);
      expect(describeFilter(r.value.filter)).toBe(words);
    });
  }

  it("reads the mode", () => {
    const mode = (s: string) => {
      const r = parseFilter(s, ctx);
      return r.ok ? r.value.mode : r.error;
    };
    expect(mode("江苏省 每日")).toBe("daily");
    expect(mode("江苏省 weekly")).toBe("weekly");
    expect(mode("江苏省")).toBeUndefined();
  });

  it("says what it cannot read", () => {
    expect(parseFilter("好看指数>3", ctx)).toEqual({ ok: false, error: expect.stringContaining("看不懂“好看指数”") });
    expect(parseFilter("西湖区", ctx)).toEqual({ ok: false, error: expect.stringContaining("杭州市西湖区、南昌市西湖区") });
  });
});

describe("schedule (Asia/Shanghai)", () => {
  it("digests at the hour, weekly on the weekday", () => {
    const monday9 = Date.parse("2026-01-05T09:00:00+08:00");
    expect(new Date(nextDigestAt(monday9, "daily", 8)).toISOString()).toBe("2026-01-06T00:00:00.000Z"); // Tue 08:00 +08
    expect(new Date(nextDigestAt(monday9, "daily", 20)).toISOString()).toBe("2026-01-05T12:00:00.000Z");
    expect(new Date(nextDigestAt(monday9, "weekly", 8, 1)).toISOString()).toBe("2026-01-12T00:00:00.000Z");
    expect(shanghaiDay(Date.parse("2026-01-05T23:30:00+08:00"))).toBe("2026-01-05");
  });

  it("deadlines: departments 1月31日 from the 2019 reports, 3月31日 otherwise", () => {
    expect(deadlineOf(2019, "department")).toEqual({ month: 1, day: 31 });
    expect(deadlineOf(2018, "department")).toEqual({ month: 3, day: 31 });
    expect(deadlineOf(2024, "government")).toEqual({ month: 3, day: 31 });
    expect(deadlineOf(2024, "township")).toEqual({ month: 3, day: 31 });
    expect(new Date(overdueFrom(2024, "government")).toISOString()).toBe("2025-03-31T16:00:00.000Z"); // 2025-04-01 00:00 +08
  });
});
