// The table a figure was read from, rebuilt from real fixture reports' records, and where a
// report came from.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { figureKey } from "../src/reuse.js";
import { reportSource, tableOf } from "../src/sources.js";
import { memoryAddressBook } from "../src/store/addresses.js";
import { memoryOriginalStore } from "../src/store/originals.js";
import { EXTRA, EXTRA_FILES, fig, load, SEED, SEEDS } from "./helpers/reports.js";

function marked(r: ReturnType<typeof load>, metric: string, slice?: string, line?: number) {
  const f = fig(r, metric, slice ? { slice } : {});
  const t = tableOf(r, line ?? f!.evidence.line, figureKey(metric, slice));
  if (!t.ok) throw new Error(t.reason);
  const row = t.table.rows[t.table.at.row]!;
  return { title: t.table.title, row: row.label, col: t.table.columns[t.table.at.col], value: row.cells[t.table.at.col], columns: t.table.columns };
}

describe("tableOf", () => {
  it("表三: the row of the metric, the applicant column asked or 总计", () => {
    const r = load(EXTRA, EXTRA_FILES.hongze2024);
    expect(marked(r, "requests.result.granted")).toMatchObject({
      title: "表三 收到和处理政府信息公开申请情况",
      row: "予以公开（同意公开）",
      col: "总计",
      value: 50,
    });
    expect(marked(r, "requests.result.granted", "natural_person")).toMatchObject({ row: "予以公开（同意公开）", col: "自然人", value: 50 });
    expect(marked(r, "requests.received").columns).toEqual(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]);
  });

  it("表四: 行政复议's 总计 and 复议后起诉's 其他结果", () => {
    const r = load(EXTRA, EXTRA_FILES.hongze2024);
    expect(marked(r, "review.total")).toMatchObject({ title: "表四 政府信息公开行政复议、行政诉讼情况", row: "行政复议", col: "总计", value: 2 });
    expect(marked(r, "litigation.after_review.other")).toMatchObject({ row: "复议后起诉", col: "其他结果", value: 1 });
  });

  it("a sum no table prints (不予公开) marks its first part's total", () => {
    const r = load(SEEDS, SEED.xihu);
    const part = fig(r, "requests.result.withheld.state_secret")!;
    expect(marked(r, "requests.result.withheld", undefined, part.evidence.line)).toMatchObject({ row: "属于国家秘密", col: "总计" });
  });

  it("a 统计表 with named columns: the column asked, the table's own value as 总计", () => {
    const r = load(SEEDS, SEED.bengbu);
    expect(marked(r, "review.total", "市直单位")).toMatchObject({ title: "统计表", row: "行政复议", col: "市直单位", value: 11 });
    expect(marked(r, "review.total", "市直单位").columns.at(-1)).toBe("总计");
    expect(marked(load(SEEDS, SEED.changshou), "review.total")).toMatchObject({ row: "行政复议", col: "本年", value: 15 });
  });

  it("says stale for a figure the record no longer has, no-table for one of the prose", () => {
    const r = load(EXTRA, EXTRA_FILES.hongze2024);
    expect(tableOf(r, 1, "zzzzzz")).toEqual({ ok: false, reason: "stale" });
    const prose = r.figures.find((f) => f.source === "narrative")!;
    expect(tableOf(r, prose.evidence.line, figureKey(prose.metric, prose.slice))).toEqual({ ok: false, reason: "no-table" });
  });
});

describe("reportSource", () => {
  const entry = { id: "r1", org: "淮安市洪泽区人民政府", year: 2024, sourceName: "uploads/11.txt" };
  const bytes = readFileSync(join(EXTRA, EXTRA_FILES.hongze2024));

  it("gives the kept original and the addresses it was fetched from", () => {
    const originals = memoryOriginalStore();
    const addresses = memoryAddressBook();
    const original = originals.put(bytes, "html");
    addresses.add([original], { urls: ["https://www.hongze.gov.cn/t1.html"], name: "t1.html" });
    const s = reportSource({ ...entry, original }, { originals, addresses });
    expect(s).toMatchObject({ reportId: "r1", name: "t1.html", urls: ["https://www.hongze.gov.cn/t1.html"] });
    expect(Buffer.from(s.bytes!).equals(bytes)).toBe(true);
  });

  it("falls back to the corpus file, never outside the corpus directory", () => {
    expect(reportSource({ ...entry, file: EXTRA_FILES.hongze2024 }, { corpusDir: EXTRA }).bytes?.byteLength).toBe(bytes.byteLength);
    expect(reportSource({ ...entry, file: "../../package.json" }, { corpusDir: EXTRA }).bytes).toBeNull();
    expect(reportSource(entry, {})).toMatchObject({ name: "11.txt", urls: [], bytes: null });
  });
});
