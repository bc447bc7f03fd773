// "原文在哪": where the report itself is — its web address, its kept file — asked in words, answered
// from the record with the report as a hit (the bot's 原文 button), never as a search of its text
// (it had listed passages holding 报告 and 下载). A figure asked with 原文 nearby stays a figure.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { aboutAsked } from "../../src/parse/question-about.js";
import type { ReportOrigin } from "../../src/sources.js";
import { depsOf } from "../helpers/deps.js";
import { load, SEED, SEEDS } from "../helpers/reports.js";

const r = load(SEEDS, SEED.changshou);
const depsWith = (origin?: ReportOrigin) => depsOf([r], origin ? { origin: () => origin } : {});

describe("the report's original asked for", () => {
  it.each(["长寿区2018年的报告原文在哪", "下载长寿区2018年报告原文", "长寿区2018年的报告在哪下载", "长寿区2018年报告的链接"])("%s", (q) => {
    expect(aboutAsked(q)).toEqual(["original"]);
  });
  it.each(["长寿区2018年全文电子化的信息数", "长寿区2018年原文怎么说行政复议", "长寿区2018年报告下载次数"])("%s: no original asked", (q) => {
    expect(aboutAsked(q)).toEqual([]);
  });

  it("gives its address and kept file, with the report as a hit for the 原文 button", () => {
    const a = answer("长寿区2018年的报告原文在哪", depsWith({ name: "changshou-2018.html", urls: ["http://www.cqcs.gov.cn/zwgk/nb/2018.html"], kept: true }));
    expect(a.text).toContain("原文网址：http://www.cqcs.gov.cn/zwgk/nb/2018.html");
    expect(a.text).toContain("原文件：changshou-2018.html");
    expect(a.hits.map((h) => h.reportId)).toEqual([r.id]);
  });

  it("asks which report when none is named", () => {
    const a = answer("原文在哪", depsWith());
    expect(a.text).toContain("请写明是哪份报告的原文");
    expect(a.hits).toEqual([]);
  });

  it("says when neither is kept", () => {
    expect(answer("长寿区2018年的报告原文在哪", depsWith()).text).toContain("没有保存这份报告的原文件或网址");
  });
});
