// The core behind every front end: ingest (files, bad input, duplicates), answers over the bundled
// reports, a reindex that keeps answering, and the listener that feeds alerts.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/bot/features/start.js";
import { MAX_PDF_PAGES } from "../src/extract.js";
import { type CoreLibrary, createLibrary } from "../src/library.js";
import type { ReportSummary } from "../src/service.js";
import { memoryAdapter, openDb } from "../src/store/db.js";
import { memoryOriginalStore } from "../src/store/originals.js";
import { chinesePdf } from "./helpers/pdf.js";
import { SEED, SEEDS } from "./helpers/reports.js";

async function memoryLibrary(corpusDir?: string): Promise<CoreLibrary> {
  const db = await openDb(memoryAdapter());
  return createLibrary({ db, ...(corpusDir ? { corpusDir } : {}) });
}

describe("library over the bundled reports", () => {
  let lib: CoreLibrary;
  beforeAll(async () => {
    lib = await memoryLibrary(SEEDS);
    await lib.ingestPaths([SEEDS]);
  });

  it("holds the five reports", () => {
    expect(lib.size).toBe(5);
    expect(lib.listReports().map((r) => r.year)).toEqual([2020, 2019, 2019, 2018, 2018]);
  });

  it("gives the city total first and the columns after (蚌埠 2019 行政复议)", () => {
    const a = lib.ask("蚌埠市2019年行政复议多少件");
    expect(a.answers.map((x) => [x.slice ?? "合计", x.value])).toEqual([
      ["合计", 16],
      ["市政府", 0],
      ["市直单位", 11],
      ["县区政府", 5],
      ["县区直属单位", 0],
      ["乡镇政府", 0],
    ]);
    expect(a.text).toContain("分列");
  });

  it("repeats the table/prose disagreement next to the figure", () => {
    const a = lib.ask("长寿区2018年主动公开政府信息多少条");
    expect(a.answers.map((x) => x.value)).toEqual([134, 18846]);
    expect(a.text).toContain("正文");
    expect(a.warnings.join()).toContain("18846");
  });

  it("says which year 去年 was taken to be (the newest held, 2020, less one), and that it is missing", () => {
    const a = lib.ask("长寿区去年行政复议多少件");
    expect(a.answers).toEqual([]);
    expect(a.text).toContain("没有重庆市长寿区2019年的报告");
    expect(a.text).toContain("“去年”按库中最新的2020年度报告推算为2019年");
  });

  it("a breakdown says 其中 only for parts that add up, and lists 表三 by applicant", () => {
    const a = lib.ask("长寿区2018年行政复议情况");
    expect(a.text).toContain("其中：结果维持 6件，结果纠正 5件，其他结果 4件");
    const b = lib.ask("西湖区2019年收到申请情况");
    expect(b.text).toContain("按申请人：自然人 11件");
    expect(b.text).not.toMatch(/其中：上年结转/);
    // The old 统计表's 申请答复数 = its eight outcome rows, 同意公开 among them.
    expect(lib.ask("长寿区2018年申请答复情况").text).toContain("其中：属于已主动公开范围数 20件，予以公开（同意公开） 96件，部分公开 8件");
  });

  it("a share in the old 统计表 is over the total it is printed under (同意公开 ÷ 申请答复数)", () => {
    const a = lib.ask("长寿区2018年申请答复中同意公开的比例");
    expect(a.answers.map((x) => [x.value, x.unit])).toEqual([
      [96, "件"],
      [26.74, "%"],
    ]);
    expect(a.text).toContain("96 ÷ 359");
  });

  it("compares two regions each in its own year, and says the years in the difference", () => {
    const a = lib.ask("资阳区2020年和长寿区2018年行政复议对比");
    expect(a.answers.map((x) => [x.region, x.year, x.value])).toEqual([
      ["资阳区", 2020, 0],
      ["长寿区", 2018, 15],
    ]);
    expect(a.text).toContain("长寿区（2018年）比资阳区（2020年）多 15件");
  });

  it("never answers 南昌市西湖区 for 杭州市西湖区", () => {
    const a = lib.ask("杭州市西湖区2019年行政复议多少件");
    expect(a.answers).toEqual([]);
    expect(a.text).toContain("没有“杭州市西湖区”的报告");
    expect(a.text).toContain("南昌市西湖区");
    expect(lib.ask("南昌市西湖区2019年行政复议多少件").answers[0]).toMatchObject({ org: "南昌市西湖区人民政府", value: 1 });
  });

  it("a comparison says the difference", () => {
    const a = lib.ask("长寿区和小板桥街道2018年行政诉讼对比");
    expect(a.answers.map((x) => x.value)).toEqual([7, 1]);
    expect(a.text).toContain("小板桥街道比长寿区少 6件");
  });

  it("a rate is the figure over its total, both quoted", () => {
    const a = lib.ask("长寿区2018年复议纠错率");
    expect(a.answers.map((x) => [x.value, x.unit])).toEqual([
      [5, "件"],
      [33.33, "%"],
    ]);
    expect(a.text).toContain("5 ÷ 15");
  });

  it("a rate over a total of 0 gives the figures and says the rate cannot be had", () => {
    const a = lib.ask("资阳区2020年行政诉讼纠错率");
    expect(a.kind).toBe("value");
    expect(a.answers.map((x) => [x.value, x.unit])).toEqual([[0, "件"]]);
    expect(a.text).toContain("行政诉讼为0，结果纠正的比例无从计算");
  });

  it("two metrics in one question get one answer each", () => {
    const a = lib.ask("资阳区2020年行政处罚和行政强制分别多少");
    expect(a.answers.map((x) => x.value)).toEqual([543, 257]);
  });

  it("a breakdown lists the parts", () => {
    const a = lib.ask("长寿区2018年行政复议情况");
    expect(a.kind).toBe("breakdown");
    expect(a.answers.map((x) => x.value)).toEqual([15, 6, 5, 4]);
  });

  it("says what exists when the year is missing", () => {
    const a = lib.ask("小板桥街道2020年行政诉讼");
    expect(a.kind).toBe("none");
    expect(a.text).toBe("没有小板桥街道2020年的报告。小板桥街道现有：2018年。");
  });

  it("says which metric a template lacks instead of substituting", () => {
    const a = lib.ask("西湖区2019年举报投诉数量");
    expect(a.answers).toEqual([]);
    expect(a.text).toContain("没有“举报投诉数量”这一项");
  });

  it("names the year it chose when none was given", () => {
    const a = lib.ask("资阳区行政处罚多少");
    expect(a.answers[0]!.value).toBe(543);
    expect(a.text).toContain("未指明年份，按最新的2020年报告回答");
  });

  it("answers a figure only the prose states, quoting its sentence", () => {
    const a = lib.ask("资阳区2020年通过12345平台办理群众诉求多少件");
    expect(a.kind).toBe("value");
    expect(a.answers[0]).toMatchObject({ value: 5489, unit: "件", source: "narrative", org: "益阳市资阳区人民政府" });
    expect(a.answers[0]!.evidence).toContain("5489");
  });

  it("answers the 存在问题 section", () => {
    const a = lib.ask("长寿区2018年存在哪些问题");
    expect(a.hits[0]!.section).toContain("存在的主要问题");
    expect(a.hits[0]!.snippet).toContain("公开力度有待进一步加大");
  });

  it("a report card lists key figures and warnings", () => {
    const a = lib.reportCard("长寿区 2018");
    expect(a.text).toContain("行政复议：15件");
    expect(a.text).toContain("⚠");
  });

  it("search finds passages and marks the words", () => {
    const a = lib.search("宣传册");
    expect(a.hits[0]!.snippet).toContain("【宣传册】");
  });

  it("search finds 勾稽关系, and says the words as asked when nothing is found (not segmentation's pieces)", () => {
    expect(new Set(lib.search("勾稽关系").hits.map((h) => h.region))).toEqual(new Set(["西湖区", "资阳区"]));
    const none = lib.search("区块链");
    expect(none.text).toBe("在全部报告中没有找到与“区块链”相关的内容。");
  });

  it("every example question of /start is answered from the bundled reports", () => {
    for (const q of EXAMPLES) expect(lib.ask(q).kind, q).not.toBe("none");
  });
});

describe("ingest", () => {
  it("refuses empty, binary and oversized files with a reason, and keeps nothing", async () => {
    const lib = await memoryLibrary();
    expect(await lib.ingestFile("a.txt", new Uint8Array())).toEqual({ ok: false, error: "文件为空。" });
    const bin = await lib.ingestFile(
      "a.txt",
      Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256),
    );
    expect(bin.ok).toBe(false);
    const big = await lib.ingestFile("big.txt", new Uint8Array(51 * 1024 * 1024));
    expect(big).toMatchObject({ ok: false, error: expect.stringContaining("文件过大") });
    const odd = await lib.ingestFile("x.exe", new TextEncoder().encode("长寿区".repeat(100)));
    expect(odd).toMatchObject({ ok: false, error: expect.stringContaining("不支持") });
    expect(lib.size).toBe(0);
  });

  it("stores a report once and announces it once", async () => {
    const lib = await memoryLibrary();
    const seen: string[] = [];
    lib.onReportAdded((r) => {
      seen.push(r.id);
    });
    const data = readFileSync(join(SEEDS, SEED.changshou));
    const first = await lib.ingestFile("长寿.txt", data);
    const second = await lib.ingestFile("copy.txt", data);
    expect(first).toMatchObject({ ok: true, duplicate: false, report: { org: "重庆市长寿区人民政府", year: 2018, template: "stat2016" } });
    expect(second).toMatchObject({ ok: true, duplicate: true });
    expect(seen).toHaveLength(1);
    expect(lib.size).toBe(1);
  });

  it("a bulk ingest announces its reports in order, without each waiting for the one before (a listener that resolves when its write is done)", async () => {
    const lib = await memoryLibrary();
    const order: string[] = [];
    let inFlight = 0;
    let most = 0;
    lib.onReportAdded(async (r) => {
      order.push(r.org); // the synchronous part runs report by report, in order
      most = Math.max(most, ++inFlight);
      await new Promise((res) => setTimeout(res, 5)); // its write, grouped with the others'
      inFlight--;
    });
    const results = await lib.ingestPaths([SEEDS]);
    expect(order).toEqual(results.map((r) => (r.ok ? r.report.org : "")));
    expect(most).toBe(5); // all five taken together, not one after another
  });
  it("two ingests of the same file at once store it once (inbox and upload racing)", async () => {
    const lib = await memoryLibrary();
    const data = readFileSync(join(SEEDS, SEED.xihu));
    const [a, b] = await Promise.all([lib.ingestFile("inbox.txt", data), lib.ingestFile("upload.txt", data)]);
    expect([a, b].map((r) => r.ok && r.duplicate).sort()).toEqual([false, true]);
    expect(lib.size).toBe(1);
  });

  it("reads a web page with its menus and scripts dropped", async () => {
    const lib = await memoryLibrary();
    const body = readFileSync(join(SEEDS, SEED.xiaobanqiao), "utf8")
      .split("\n")
      .map((l) =>
        l.includes("|")
          ? `<tr>${l
              .split("|")
              .filter((c) => c.trim())
              .map((c) => `<td>${c}</td>`)
              .join("")}</tr>`
          : `<p>${l}</p>`,
      )
      .join("\n");
    const html = `<html><head><script>var x = "行政复议 99 件";</script></head><body><div class="nav">首页 | 政务公开 | 行政复议</div><div class="content"><table>${body}</table></div><div class="footer">网站地图</div></body></html>`;
    const res = await lib.ingestFile("report.html", new TextEncoder().encode(html));
    expect(res).toMatchObject({ ok: true, report: { org: "小板桥街道办事处", year: 2018 } });
    expect(lib.ask("小板桥街道2018年行政诉讼多少件").answers[0]!.value).toBe(1);
    expect(lib.ask("小板桥街道2018年接受培训人员数").answers[0]!.value).toBe(36);
  });
});

describe("reindex", () => {
  it("keeps answering from the old index until the new one is swapped in", async () => {
    const lib = await memoryLibrary(SEEDS);
    await lib.ingestPaths([join(SEEDS, SEED.changshou)]);
    const during: number[] = [];
    const done = lib.reindex((p) => {
      if (p.done < p.total) during.push(lib.ask("长寿区2018年行政复议多少件").answers[0]!.value!);
    });
    const res = await done;
    expect(res.reports).toBe(5);
    expect(during.every((v) => v === 15)).toBe(true);
    expect(lib.size).toBe(5);
    expect(lib.ask("西湖区2019年行政复议多少件").answers[0]!.value).toBe(1);
  });
});

describe("a name that exists in two cities", () => {
  it("asks back for 西湖区, answers 杭州市西湖区 / 杭州西湖区 / 南昌西湖区", async () => {
    const lib = await memoryLibrary();
    const nanchang = readFileSync(join(SEEDS, SEED.xihu), "utf8");
    await lib.ingestFile("南昌.txt", new TextEncoder().encode(nanchang));
    await lib.ingestFile("杭州.txt", new TextEncoder().encode(nanchang.replace(/南昌/g, "杭州").replace("行政處罰\n7\n0\n11858", "行政處罰\n7\n0\n99")));
    const a = lib.ask("西湖区2019年行政复议多少件");
    expect(a.kind).toBe("none");
    expect(a.choices?.sort()).toEqual(["南昌市西湖区", "杭州市西湖区"]);
    expect(lib.ask("杭州市西湖区2019年行政处罚多少").answers[0]!.value).toBe(99);
    expect(lib.ask("杭州西湖区2019年行政处罚多少").answers[0]!.value).toBe(99);
    expect(lib.ask("南昌西湖区2019年行政处罚多少").answers[0]!.value).toBe(11858);
  });
});

describe("上年结转 against last year's 结转下年度 (洪泽区 2023 and 2024, PDF extractions)", () => {
  const dir = join(import.meta.dirname, "fixtures/reports/extra");

  it("says the two years' reports agree", async () => {
    const lib = await memoryLibrary();
    await lib.ingestPaths([dir]);
    const a = lib.ask("洪泽区2024年上年结转多少件");
    expect(a.answers[0]).toMatchObject({ year: 2024, value: 0 });
    expect(a.text).toContain("与2023年报告的“结转下年度");
    expect(a.text).toContain("一致");
    const b = lib.ask("洪泽区2023年结转下年度多少件");
    expect(b.text).toContain("与2024年报告的“上年结转");
  });

  it("says so when they don't, quoting both lines", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "nianbao-carry-"));
    const lines = readFileSync(join(dir, "10_hongze_qu_2023.txt"), "utf8").split("\n");
    expect(lines[461]).toBe("0"); // the 总计 cell of 四、结转下年度继续办理 (line 462)
    lines[461] = "2";
    writeFileSync(join(tmp, "10_hongze_qu_2023.txt"), lines.join("\n"));
    copyFileSync(join(dir, "11_hongze_qu_2024.txt"), join(tmp, "11_hongze_qu_2024.txt"));
    const lib = await memoryLibrary();
    await lib.ingestPaths([tmp]);
    const a = lib.ask("洪泽区2024年上年结转多少件");
    expect(a.answers[0]).toMatchObject({ year: 2024, value: 0 });
    expect(a.warnings.join()).toContain("与2023年报告对不上");
    expect(a.text).toMatch(/2023年报告的“结转下年度[^”]*”为 2件（表格第\d+行/);
  });
});

describe("one report, however many files (renditions and revisions)", () => {
  const FIX = join(import.meta.dirname, "fixtures/reports");
  const txt2024 = () => readFileSync(join(FIX, "pingtan/11_pingtan_2024.txt"));
  const html2024 = () => readFileSync(join(FIX, "pingtan-2024-html/input.html"));

  it("the same report as a crawled text and as its saved page is one report, answered from the better-read file", async () => {
    const lib = await memoryLibrary();
    const seen: string[] = [];
    lib.onReportAdded((r) => void seen.push(r.id));
    const first = await lib.ingestFile("11_pingtan_2024.txt", txt2024());
    const second = await lib.ingestFile("input.html", html2024());
    expect(first).toMatchObject({ ok: true, status: "added" });
    // the page reads the same figures with none uncertain (the text: 3): it answers now
    expect(second).toMatchObject({ ok: true, status: "rendition", answers: true, duplicate: false });
    expect(lib.listReports().filter((r) => r.year === 2024)).toHaveLength(1);
    expect(lib.listReports()[0]!.sourceName).toBe("input.html");
    expect(seen).toHaveLength(1); // announced once
    expect(lib.ask("平潭综合实验区2024年行政复议多少件").answers[0]!.reportId).toBe(lib.listReports()[0]!.id);
  });

  it("a worse-read file of a report held is noted, not listed or announced, and does not answer", async () => {
    const lib = await memoryLibrary();
    const seen: string[] = [];
    lib.onReportAdded((r) => void seen.push(r.id));
    await lib.ingestFile("input.html", html2024());
    const second = await lib.ingestFile("11_pingtan_2024.txt", txt2024());
    expect(second).toMatchObject({ ok: true, status: "rendition", answers: false, of: { sourceName: "input.html" } });
    expect(lib.listReports()).toHaveLength(1);
    expect(lib.listReports()[0]!.sourceName).toBe("input.html");
    expect(seen).toHaveLength(1);
  });

  it("other figures for the same body and year are a revision: the new version answers, the earlier is kept and recorded", async () => {
    const db = await openDb(memoryAdapter());
    const lib = await createLibrary({ db });
    const seen: ReportSummary[] = [];
    lib.onReportAdded((r) => void seen.push(r));
    const text = readFileSync(join(SEEDS, SEED.changshou), "utf8");
    expect(text).toContain("四、行政复议数量 |\n件 |\n15 |");
    const first = await lib.ingestFile("长寿2018.txt", new TextEncoder().encode(text));
    const fixed = text.replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |");
    const second = await lib.ingestFile("长寿2018-更正.txt", new TextEncoder().encode(fixed));
    expect(second).toMatchObject({ ok: true, status: "revision", changed: ["review.total|"] });
    expect(lib.listReports()).toHaveLength(1);
    expect(lib.ask("长寿区2018年行政复议多少件").answers[0]!.value).toBe(16);
    // announced as a revision of the version announced before, with what changed (for the alerts)
    expect(seen.map((r) => r.revisionOf)).toEqual([undefined, { id: first.ok ? first.report.id : "", changed: ["review.total|"] }]);
    const entry = db.data.reports[0]!;
    expect(entry.revisionPending).toBeUndefined(); // told
    expect(entry.revisions).toEqual([expect.objectContaining({ id: first.ok ? first.report.id : "", changed: ["review.total|"] })]);
    expect(lib.load(first.ok ? first.report.id : "")?.figures.find((f) => f.metric === "review.total")?.value).toBe(15); // its record is kept
  });
});

describe("the same body and year, another document", () => {
  it("a 政务公开工作总结 and the 年度报告 of one year are two reports, neither a copy of the other", async () => {
    const lib = await memoryLibrary();
    const summary = readFileSync(join(SEEDS, SEED.bengbu), "utf8");
    expect(summary.split("\n")[0]).toBe("蚌埠市2019年政务公开工作总结");
    const annual = summary.replace("蚌埠市2019年政务公开工作总结", "蚌埠市人民政府2019年政府信息公开工作年度报告");
    expect(await lib.ingestFile("总结.txt", new TextEncoder().encode(summary))).toMatchObject({ status: "added" });
    expect(await lib.ingestFile("年报.txt", new TextEncoder().encode(annual))).toMatchObject({ status: "added" });
    expect(lib.listReports()).toHaveLength(2);
  });
});

describe("what is not a report", () => {
  const banner = () => readFileSync(join(import.meta.dirname, "fixtures/reports/junk/banner.html"));
  const noYear = () => new TextEncoder().encode(readFileSync(join(SEEDS, SEED.changshou), "utf8").replace(/2018/g, ""));

  it("no issuer, no year and no figures: refused with the reason, nothing kept", async () => {
    const lib = await memoryLibrary();
    const seen: string[] = [];
    lib.onReportAdded((r) => void seen.push(r.id));
    const res = await lib.ingestFile("page.html", banner());
    expect(res).toMatchObject({ ok: false, error: expect.stringContaining("没有读到发布机关、年份，也没有读到任何数字") });
    expect(lib.size).toBe(0);
    expect(lib.listHeld()).toEqual([]);
    expect(seen).toEqual([]);
  });

  // Pages with no report on them, stored, had answered every question about their body "报告中没有这
  // 一项": a saved page that names its body and year and links the report as a PDF (平潭 2022), and a
  // column's list of reports, whose titles name a body with no year standing alone and nothing counted
  // (stored at the command line as a report of 平潭综合实验区 of no year).
  it.each([
    ["notice.html", "这个页面只有标题和附件链接（平潭综合实验区2022年政府信息公开工作年度报告.pdf）"],
    ["report-list.html", "这像是网站的导航或报告列表页"],
  ])("%s, a page with no report on it: refused, saying what it is, nothing kept", async (file, said) => {
    const lib = await memoryLibrary();
    const res = await lib.ingestFile(file, readFileSync(join(import.meta.dirname, "fixtures/reports/junk", file)));
    expect(res).toMatchObject({ ok: false, error: expect.stringContaining(said) });
    expect(lib.size).toBe(0);
    expect(lib.listHeld()).toEqual([]);
  });

  it("some of them missing: held for an admin, not listed, answered or announced until confirmed", async () => {
    const lib = await memoryLibrary();
    const seen: string[] = [];
    lib.onReportAdded((r) => void seen.push(r.id));
    const res = await lib.ingestFile("长寿.txt", noYear());
    expect(res).toMatchObject({ ok: true, status: "held", missing: ["年份"], report: { org: "重庆市长寿区人民政府", year: null } });
    expect(lib.size).toBe(0);
    expect(lib.listReports()).toEqual([]);
    expect(lib.listHeld()).toEqual([expect.objectContaining({ org: "重庆市长寿区人民政府", missing: ["年份"] })]);
    expect(seen).toEqual([]);
    const id = lib.listHeld()[0]!.id;
    expect(await lib.decideHeld(id, "confirm")).toMatchObject({ ok: true, status: "added" });
    expect(await lib.decideHeld(id, "confirm")).toBeUndefined(); // decided already
    expect(lib.size).toBe(1);
    expect(seen).toEqual([id]);
  });

  it("a discarded text is dropped with its file", async () => {
    const lib = await memoryLibrary();
    const res = await lib.ingestFile("长寿.txt", noYear());
    expect(res).toMatchObject({ status: "held" });
    expect(await lib.decideHeld(lib.listHeld()[0]!.id, "discard")).toEqual({ ok: true, status: "discarded" });
    expect(lib.listHeld()).toEqual([]);
    expect(lib.size).toBe(0);
  });
});

describe("a reindex rebuilds everything ever accepted", () => {
  it("keeps reports ingested from outside the corpus folder, and says what it added and changed", async () => {
    const corpus = mkdtempSync(join(tmpdir(), "nianbao-corpus-"));
    copyFileSync(join(SEEDS, SEED.xihu), join(corpus, SEED.xihu));
    const lib = await memoryLibrary(corpus);
    // from outside the corpus folder: a path (CLI) and an upload
    await lib.ingestPaths([join(SEEDS, SEED.changshou)]);
    await lib.ingestFile("资阳.txt", readFileSync(join(SEEDS, SEED.ziyang)));
    expect(lib.size).toBe(2);
    const res = await lib.reindex();
    expect(res).toMatchObject({ reports: 3, added: ["南昌市西湖区 2019年"], changed: [], kept: [], held: 0, failed: [] });
    expect(lib.ask("长寿区2018年行政复议多少件").answers[0]!.value).toBe(15);
    expect(lib.ask("资阳区2020年行政处罚多少").answers[0]!.value).toBe(543);
    // twice: nothing new
    expect(await lib.reindex()).toMatchObject({ reports: 3, added: [], changed: [] });
  });

  it("keeps renditions, revisions and an admin's decisions", async () => {
    const db = await openDb(memoryAdapter());
    const lib = await createLibrary({ db });
    const text = readFileSync(join(SEEDS, SEED.changshou), "utf8");
    await lib.ingestFile("a.txt", new TextEncoder().encode(text));
    await lib.ingestFile("b.txt", new TextEncoder().encode(text.replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |")));
    await lib.ingestFile("c.txt", new TextEncoder().encode(readFileSync(join(SEEDS, SEED.xihu), "utf8").replace(/2019/g, "")));
    await lib.ingestFile("d.txt", new TextEncoder().encode(readFileSync(join(SEEDS, SEED.bengbu), "utf8").replace(/2019/g, "")));
    await lib.decideHeld(lib.listHeld().find((h) => h.org.includes("蚌埠"))!.id, "confirm");
    const res = await lib.reindex();
    expect(res).toMatchObject({ reports: 2, added: [], held: 1, failed: [] });
    expect(lib.ask("长寿区2018年行政复议多少件").answers[0]!.value).toBe(16);
    expect(db.data.reports.find((e) => e.org.includes("长寿"))!.revisions).toHaveLength(1);
    expect(lib.listHeld().map((h) => h.org)).toEqual(["南昌市西湖区人民政府"]);
  });
});

describe("a reindex never drops a report in silence", () => {
  it("keeps a report whose files are all gone from its record, and says so", async () => {
    const db = await openDb(memoryAdapter());
    const originals = memoryOriginalStore();
    const lib = await createLibrary({ db, originals });
    await lib.ingestFile("长寿.txt", readFileSync(join(SEEDS, SEED.changshou)));
    for (const name of originals.list()) originals.remove(name); // as a db from before originals were kept
    delete db.data.reports[0]!.original;
    const res = await lib.reindex();
    expect(res).toMatchObject({ reports: 1, kept: ["重庆市长寿区 2018年"], failed: [] });
    expect(lib.ask("长寿区2018年行政复议多少件").answers[0]!.value).toBe(15);
  });
});

describe("what reading a file found", () => {
  it("is said in the ingest's warnings (a PDF read in part)", async () => {
    const lib = await memoryLibrary();
    const pdf = chinesePdf(MAX_PDF_PAGES + 1, (p) => [p === 1 ? "长寿区人民政府2018年政府信息公开工作年度报告" : `第${p}页，本机关依法公开政府信息。`]);
    const res = await lib.ingestFile("long.pdf", pdf);
    expect(res.ok && res.warnings[0]).toBe("PDF 共 501 页，只读取了前 500 页；第 501 页起的内容没有读取，其中的数字和文字都不在库里。");
  });
});
