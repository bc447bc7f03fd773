// The normalised text and its map back to the original: what is folded (full-width forms, white
// space runs, thousands separators) and what is never touched (a list's commas, a year).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse/report.js";
import { prepareText } from "../../src/parse/text.js";
import { EXTRA, SEEDS } from "../helpers/reports.js";

/** The original characters each normalised character came from. */
const back = (raw: string) => {
  const src = prepareText(raw);
  return [...src.text].map((_, i) => raw[src.map[i]!]).join("");
};

describe("thousands separators", () => {
  it.each([
    ["共收到申请1,234件", "共收到申请1234件"],
    ["支出12,345,678.5元", "支出12345678.5元"],
    ["访问量１，２３４次", "访问量1,234次"], // full-width commas are a Chinese list's, never a separator
    ["分别为1,2,3件", "分别为1,2,3件"],
    ["2019,2020年", "2019,2020年"],
    ["编号1,2345", "编号1,2345"],
  ])("%s → %s", (raw, text) => {
    expect(prepareText(raw).text).toBe(text);
    // Every kept character still maps to itself in the original.
    expect(
      back(raw)
        .replace(/，/g, ",")
        .replace(/[１-９０]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)),
    ).toBe(text);
  });

  /** Thousands separators in every free-standing number of 1000 or more (never a year). */
  const withCommas = (t: string) => t.replace(/(?<![\d.,])\d{4,7}(?![\d.,年])/g, (n) => (+n >= 1990 && +n <= 2030 ? n : Number(n).toLocaleString("en-US")));
  const files = [SEEDS, EXTRA].flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => join(d, f)),
  );
  it.each(files.map((f) => [f.split("/").slice(-2).join("/"), f]))("%s printed with thousands separators: the same figures", (_, path) => {
    const raw = readFileSync(path, "utf8");
    const figures = (t: string) => {
      const r = parseReport(t);
      if (!r.ok) throw new Error(r.error);
      return r.report.figures.map((f) => `${f.metric}/${f.slice ?? ""}=${f.value}`).sort();
    };
    const changed = withCommas(raw);
    expect(changed).not.toBe(raw);
    expect(figures(changed)).toEqual(figures(raw));
  });
});

describe("letter-spacing", () => {
  it("a letter-spaced title reads as its words, the rest untouched", () => {
    const prose = "根据《中华人民共和国政府信息公开条例》要求，现公布本机关政府信息公开工作年度报告。本报告中所列数据的统计期限自1月1日起至12月31日止。";
    const raw = `重 庆 市 长 寿 区 人 民 政 府 2 0 1 8 年 政 府 信 息 公 开 工 作 年 度 报 告\n${prose}\n受理依申请公开信息总数 条 21 21\n`;
    const text = prepareText(raw).text;
    expect(text).toContain("重庆市长寿区人民政府");
    expect(text).toContain("重庆市长寿区人民政府2018年政府信息公开工作年度报告");
    // A row's one space between label and unit is a separator, kept.
    expect(text).toContain("受理依申请公开信息总数 条 21 21");
    expect(back(raw).normalize("NFKC")).toBe(text);
  });
  it("a page spaced throughout loses the spaces of its short lines too (万 元)", () => {
    const raw = "政 府 信 息 公 开 专 项 经 费\n万 元\n15\n召 开 会 议 数\n";
    expect(prepareText(raw).text).toBe("政府信息公开专项经费\n万元\n15\n召开会议数\n");
  });
  it("two words a space apart in a sentence are no letter-spacing", () => {
    expect(prepareText("主动公开 条 其中 政府网站").text).toBe("主动公开 条 其中 政府网站");
  });
});

describe("characters a page or a converter leaves in", () => {
  it.each([
    // Character references a tool did not decode: each becomes its character, mapped to the "&".
    ["自然人&nbsp;|&nbsp;64", "自然人 | 64", "自然人&|&64"],
    ["收到申请&#12288;21件", "收到申请 21件", "收到申请&21件"],
    ["A&amp;B&lt;3", "A&B<3", "A&B&3"],
    // Not a reference: left as it is.
    ["A & B &nbsp", "A & B &nbsp", "A & B &nbsp"],
    // Soft hyphens and a byte-order mark are dropped.
    ["\ufeff主动\u00ad公开4\u00ad25条", "主动公开425条", "主动公开425条"],
    // A grid drawn with box-drawing characters: its vertical rules separate cells.
    ["│ 自然人 │ 64 │\n──┼──", "| 自然人 | 64 |\n", "│ 自然人 │ 64 │\n"],
  ])("%j → %j", (raw, text, from) => {
    expect(prepareText(raw).text).toBe(text);
    expect(back(raw)).toBe(from);
  });
});
