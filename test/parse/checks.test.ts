// The 勾稽 checks' warnings: a failing identity blames the report only when every cell in it was read
// for sure. A cell the reader guessed (a glued run cut, a row short of cells) may be the failure.
import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/domain.js";
import { checkTables } from "../../src/parse/checks.js";

const cell = (metric: string, value: number, certain = true): Figure => ({
  metric,
  value,
  unit: "件",
  source: "table",
  certain,
  evidence: { line: 1, endLine: 1, text: `${metric} ${value}` },
});
const answered = (certain: boolean) => [
  cell("requests.answered", 137, certain),
  cell("requests.result.granted", 98),
  cell("requests.result.partial", 11),
  cell("requests.result.withheld", 9),
];

describe("checkTables: a sum that does not hold", () => {
  it("every cell sure: the table is inconsistent, as printed", () => {
    const [w] = checkTables(answered(true), "stat2016", []);
    expect(w?.code).toBe("SUM_MISMATCH");
    expect(w?.message).toContain("印为 137");
    expect(w?.message).toContain("表内数据不一致");
  });
  it("a cell guessed: the reading may be wrong, not the report", () => {
    const [w] = checkTables(answered(false), "stat2016", []);
    expect(w?.code).toBe("SUM_MISMATCH");
    expect(w?.message).toContain("读作 137");
    expect(w?.message).not.toContain("表内数据不一致");
    expect(w?.message).toContain("读得不确定");
  });
});
