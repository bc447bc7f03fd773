// Charts: which answers get one and what it shows (chartData), that the PNG is a PNG of the
// expected size, and that its Chinese text is drawn with the shipped CJK font — a glyph the font
// lacks would come out as the missing-glyph box, and these tests fail on that.
import { Resvg } from "@resvg/resvg-js";
import { describe, expect, it } from "vitest";
import { CHART_FONT, CHART_FONT_FILE, chartData, chartSvg, missingGlyphs, renderAnswerChart } from "../src/chart.js";
import type { Answer, AnswerItem } from "../src/domain.js";
import { pngSize } from "./helpers/png.js";

function item(region: string, year: number, value: number, line: number, extra: Partial<AnswerItem> = {}): AnswerItem {
  return {
    reportId: `${region}${year}`,
    org: `${region}人民政府`,
    region,
    year,
    metric: "art20.licensing.decisions",
    label: "行政许可·处理决定数量",
    value,
    unit: "件",
    source: "table",
    certain: true,
    evidence: `行政许可 ${value}`,
    line,
    ...extra,
  };
}

const TREND: Answer = {
  question: "洪泽区2023到2024年行政许可",
  kind: "trend",
  hits: [],
  warnings: [],
  answers: [item("洪泽区", 2023, 550, 107), item("洪泽区", 2024, 9487, 108)],
  text: "淮安市洪泽区行政许可·处理决定数量历年情况：\n2023年 …\n2024年 …",
};

/** Dark pixels of an RGBA bitmap. */
function ink(pixels: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 3]! > 0) n++;
  return n;
}

describe("chartData", () => {
  it("draws a trend as a line over the years, titled by the answer's heading, with its sources", () => {
    const d = chartData(TREND)!;
    expect(d.kind).toBe("line");
    expect(d.title).toBe("淮安市洪泽区行政许可·处理决定数量历年情况");
    expect(d.valueTitle).toBe("行政许可处理决定数量（件）");
    expect(d.points.map((p) => [p.body, p.year, p.value])).toEqual([
      ["洪泽区", 2023, 550],
      ["洪泽区", 2024, 9487],
    ]);
    expect(d.source).toBe("来源：洪泽区2023年报告第107行；洪泽区2024年报告第108行");
  });

  it("draws a one-year comparison and a ranking as bars, a comparison across years as lines", () => {
    const compare: Answer = {
      ...TREND,
      kind: "compare",
      answers: [item("长寿区", 2018, 7, 178), item("小板桥街道", 2018, 1, 71)],
      text: "重庆市长寿区人民政府2018年行政许可：7件\n…",
    };
    expect(chartData(compare)).toMatchObject({ kind: "bar", title: "长寿区、小板桥街道2018年行政许可处理决定数量对比" });
    expect(chartData({ ...compare, answers: [item("长寿区", 2018, 7, 178), item("长寿区", 2019, 9, 170)] })?.kind).toBe("line");
    expect(chartData({ ...TREND, kind: "rank", text: "2024年行政许可从多到少（共2份报告有此项）：\n…" })).toMatchObject({
      kind: "bar",
      title: "2024年行政许可从多到少",
    });
  });

  it("follows the first metric when a comparison holds several of each report", () => {
    const two: Answer = {
      ...TREND,
      kind: "compare",
      answers: [
        item("长寿区", 2018, 7, 178),
        item("长寿区", 2018, 3, 180, { metric: "review.total", label: "行政复议" }),
        item("小板桥街道", 2018, 1, 71),
        item("小板桥街道", 2018, 2, 72, { metric: "review.total", label: "行政复议" }),
      ],
      text: "…",
    };
    expect(chartData(two)?.points.map((p) => [p.body, p.value])).toEqual([
      ["长寿区", 7],
      ["小板桥街道", 1],
    ]);
  });

  it("draws nothing for one figure, for a value answer, or for figures of different units", () => {
    expect(chartData({ ...TREND, answers: [TREND.answers[0]!] })).toBeNull();
    expect(chartData({ ...TREND, kind: "value" })).toBeNull();
    expect(chartData({ ...TREND, answers: [TREND.answers[0]!, item("洪泽区", 2024, 7545, 134, { unit: "万元" })] })).toBeNull();
  });
});

describe("renderAnswerChart", () => {
  it("renders a PNG of the plot's size at twice the scale, the title and source line in the SVG", async () => {
    const svg = await chartSvg(chartData(TREND)!);
    expect(svg).toContain("淮安市洪泽区行政许可·处理决定数量历年情况");
    expect(svg).toContain("来源：洪泽区2023年报告第107行");
    expect(svg).toContain(`font-family="${CHART_FONT}"`);
    const chart = (await renderAnswerChart(TREND))!;
    const { width, height } = pngSize(chart.png);
    expect({ width, height }).toEqual({ width: chart.width, height: chart.height });
    // 560 × 300 plot, axes, title and source line, drawn at 2×.
    expect(width).toBeGreaterThan(1120);
    expect(width).toBeLessThan(1500);
    expect(height).toBeGreaterThan(700);
    expect(height).toBeLessThan(1000);
    expect(chart.title).toBe("淮安市洪泽区行政许可·处理决定数量历年情况");
  });

  it("has a glyph for every character of the title, axis titles and source line: no missing-glyph boxes", () => {
    const d = chartData(TREND)!;
    expect(missingGlyphs(d.title + d.valueTitle + d.source + "年度机关")).toEqual([]);
  });

  it("would see a missing-glyph box: a character the font lacks is reported", () => {
    expect(missingGlyphs("行政𠀀")).toEqual(["𠀀"]);
  });

  it("draws the title with the shipped font; without it the same text draws nothing", () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="4" y="30" font-family="${CHART_FONT}" font-size="24">洪泽区行政许可历年情况</text></svg>`;
    const draw = (fontFiles: string[]) =>
      new Uint8Array(new Resvg(svg, { font: { fontFiles, loadSystemFonts: false, defaultFontFamily: CHART_FONT }, background: "white" }).render().pixels);
    expect(ink(draw([CHART_FONT_FILE]))).toBeGreaterThan(500);
    expect(ink(draw([]))).toBe(0);
  });
});
