// A table row quoted beside a prose figure (统计表“…”为 …): the row's label as printed, without the
// unit cell that a crawl glued onto it (“参加或举办新闻发布会总次数次” had been quoted).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../src/parse/report.js";
import { printedRow } from "../../src/qa/prose-answer.js";
import { SEED, SEEDS } from "../helpers/reports.js";

const raw = readFileSync(join(SEEDS, SEED.changshou), "utf8");
const rowOf = (text: string, metric: string) => {
  const res = parseReport(text);
  if (!res.ok) throw new Error(res.error);
  return res.report.figures.find((f) => f.metric === metric && f.source === "table")!;
};

describe("printedRow", () => {
  it.each([
    ["as printed, cells apart", raw],
    ["crawled, cells glued", raw.replace(/ *\| */g, "").replace(/\n/g, "")],
  ])("%s: the label without its unit", (_, text) => {
    expect(printedRow(rowOf(text, "training.trainees"))).toBe("(三)接受培训人员数");
    expect(printedRow(rowOf(text, "meetings"))).toBe("(一)召开政府信息公开工作会议或专题会议数");
  });
});
