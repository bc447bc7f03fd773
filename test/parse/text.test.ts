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
    expect(back(raw).replace(/，/g, ",").replace(/[１-９０]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))).toBe(text);
  });

  /** Thousands separators in every free-standing number of 1000 or more (never a year). */
  const withCommas = (t: string) =>
    t.replace(/(?<![\d.,])\d{4,7}(?![\d.,年])/g, (n) => (+n >= 1990 && +n <= 2030 ? n : Number(n).toLocaleString("en-US")));
  const files = [SEEDS, EXTRA].flatMap((d) => readdirSync(d).filter((f) => f.endsWith(".txt")).map((f) => join(d, f)));
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
