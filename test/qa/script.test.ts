// Quotes from a report written in Traditional characters come back in its own script as well.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse/report.js";
import { inReportScript } from "../../src/qa/script.js";
import { SEED, SEEDS } from "../helpers/reports.js";

describe("inReportScript", () => {
  it("a Simplified report's quote is given as it is", () => {
    expect(inReportScript({}, "工作基础需进一步夯实")).toBe("工作基础需进一步夯实");
  });
  it("a Traditional report's quote is given in Traditional too", () => {
    expect(inReportScript({ traditional: true }, "一是工作基础需进一步夯实")).toBe("一是工作基础需进一步夯实\n（原文：一是工作基礎需進一步夯實）");
  });
  it("the 西湖区 report (printed in Traditional) is marked so, and its problem sentence comes back as printed", () => {
    const res = parseReport(readFileSync(join(SEEDS, SEED.xihu), "utf8"));
    if (!res.ok) throw new Error(res.error);
    expect(res.report.traditional).toBe(true);
    const problems = res.report.sections.find((s) => s.title.includes("存在的主要问题"))!;
    const sentence = problems.text.split("。").find((s) => s.includes("工作基础"))!;
    expect(inReportScript(res.report, sentence)).toContain("工作基礎需進一步夯實");
  });
});
