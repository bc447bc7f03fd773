// A table the report prints is never dropped in silence: when its heading or header stands in the
// text and its rows cannot be read, the record's warnings name it (and so does the ingest reply).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse/report.js";
import { PINGTAN } from "../helpers/reports.js";

const read = (file: string) => readFileSync(join(PINGTAN, file), "utf8");
const warnings = (text: string) => {
  const res = parseReport(text);
  if (!res.ok) throw new Error(res.error);
  return { warnings: res.report.warnings.map((w) => w.message), figures: res.report.figures };
};

describe("a printed table whose rows are not read is named in the warnings", () => {
  const r2021 = read("10_pingtan_2021.txt");

  it("as printed, the 2021 report reads every table and warns of none of them", () => {
    expect(warnings(r2021).warnings.filter((w) => /未能读取/.test(w))).toEqual([]);
  });

  it("表三 whose row labels are not the template's (a wrapped label column an extraction mangled)", () => {
    const mangled = r2021
      .replace("本年新收政府信息公开申请数量", "本年新 收政府信 息公开申请数")
      .replace("上年结转政府信息公开申请数量", "上年转结政府信息公开申请数");
    expect(mangled).not.toBe(r2021);
    const { warnings: w, figures } = warnings(mangled);
    expect(figures.filter((f) => f.slice === "natural_person")).toEqual([]);
    expect(w.some((m) => m.includes("表三（收到和处理政府信息公开申请情况）") && m.includes("未能读取"))).toBe(true);
  });

  it("表四 whose values are not numbers", () => {
    const mangled = r2021.replace("10203120001200000", "一〇二〇三一二〇〇〇一二〇〇〇〇〇");
    expect(mangled).not.toBe(r2021);
    const { warnings: w, figures } = warnings(mangled);
    expect(figures.filter((f) => f.metric.startsWith("review.") && f.source === "table")).toEqual([]);
    expect(w.filter((m) => m.startsWith("表四") && /未(?:能)?读取/.test(m))).toHaveLength(1);
  });

  it("an old 统计表 whose values are gone", () => {
    const r2011 = read("01_pingtan_shiyanqu_2011.txt");
    const table = r2011.indexOf("指标名称");
    const mangled = r2011.slice(0, table) + r2011.slice(table).replace(/\d+/g, "").replace(/条/g, "");
    const { warnings: w } = warnings(mangled);
    expect(w.some((m) => m.includes("政府信息公开情况统计表") && m.includes("未能读取"))).toBe(true);
  });
});
