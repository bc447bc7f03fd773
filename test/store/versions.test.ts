// Which files are one report: identity (body, year, document), the better-read copy, the figures
// that decide between a rendition and a revision, and what a text lacks to be a report.
import { describe, expect, it } from "vitest";
import type { Figure } from "../../src/domain.js";
import { betterRead, changedFigures, documentKind, figureSignature, identityOf, missingParts } from "../../src/store/versions.js";

const who = {
  org: "平潭县人民政府",
  region: "平潭县",
  fullRegion: "福州市平潭县",
  level: "county" as const,
  year: 2013,
  title: "平潭县人民政府2013年政府信息公开工作年度报告",
};
const fig = (metric: string, value: number | null, o: Partial<Figure> = {}): Figure => ({
  metric,
  value,
  unit: "件",
  source: "table",
  certain: true,
  evidence: { line: 1, endLine: 1, text: "" },
  ...o,
});

describe("identityOf", () => {
  it.each([
    ["a county government", who, "福州市平潭县|2013|报告"],
    ["its saved page, title not read", { ...who, title: "" }, "福州市平潭县|2013|报告"],
    ["a department: its own body", { ...who, org: "平潭县民政局", level: "department" as const }, "平潭县民政局|2013|报告"],
    ["the year's 工作总结 is another document", { ...who, title: "平潭县2013年政务公开工作总结" }, "福州市平潭县|2013|总结"],
    ["no year", { ...who, year: null }, null],
    ["no issuer", { ...who, org: "" }, null],
  ])("%s", (_name, r, want) => expect(identityOf(r)).toBe(want));

  it.each([
    ["蚌埠市2019年政务公开工作总结", "总结"],
    ["重庆市长寿区2018年政府信息公开年度工作报告", "报告"],
    ["2019年政务公开工作总结暨政府信息公开工作年度报告", "报告"],
    ["", "报告"],
  ])("documentKind(%s) → %s", (title, kind) => expect(documentKind(title)).toBe(kind));
});

describe("betterRead", () => {
  const q = (figureCount: number, warningCount: number, uncertainCount: number) => ({ figureCount, warningCount, uncertainCount });
  it.each([
    [q(210, 0, 0), q(210, 0, 3), true],
    [q(210, 0, 3), q(210, 0, 0), false],
    [q(211, 5, 9), q(210, 0, 0), true],
    [q(210, 1, 0), q(210, 0, 9), false],
    [q(210, 0, 0), q(210, 0, 0), false],
  ])("%o over %o → %s", (a, b, want) => expect(betterRead(a, b)).toBe(want));
});

describe("figureSignature and changedFigures", () => {
  it.each([
    ["same figures", [fig("review.total", 15), fig("litigation.total", 7)], [fig("review.total", 15)], []],
    ["a cell read in one only", [fig("review.total", 15)], [fig("review.total", 15), fig("litigation.total", 7)], []],
    ["a cell read for sure with two values", [fig("review.total", 15)], [fig("review.total", 16)], ["review.total|"]],
    ["an uncertain cell decides nothing", [fig("review.total", 15)], [fig("review.total", 16, { certain: false })], []],
    ["a column is its own key", [fig("review.total", 1, { slice: "市直单位" })], [fig("review.total", 2, { slice: "市直单位" })], ["review.total|市直单位"]],
    [
      "prose only when no table was read",
      [fig("proactive.total", 134, { source: "narrative" })],
      [fig("proactive.total", 135, { source: "narrative" })],
      ["proactive.total|"],
    ],
    [
      "the table wins over the prose",
      [fig("review.total", 15), fig("proactive.total", 134, { source: "narrative" })],
      [fig("review.total", 15), fig("proactive.total", 135, { source: "narrative" })],
      [],
    ],
  ])("%s", (_name, a, b, want) => expect(changedFigures(figureSignature({ figures: a }), figureSignature({ figures: b }))).toEqual(want));
});

describe("missingParts", () => {
  it.each([
    [{ org: "平潭县人民政府", year: 2013, figures: [fig("review.total", 1)] }, []],
    [{ org: "平潭县人民政府", year: null, figures: [fig("review.total", 1)] }, ["年份"]],
    [{ org: " ", year: 2013, figures: [] }, ["发布机关", "数字"]],
    [{ org: "", year: null, figures: [] }, ["发布机关", "年份", "数字"]],
  ])("%o → %o", (r, want) => expect(missingParts(r)).toEqual(want));
});
