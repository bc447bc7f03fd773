// Charts of answers that run across years or bodies: a trend or a comparison as lines (years on
// the x axis, one line per body), a comparison of one year or a ranking as bars. Drawn with
// Vega-Lite → Vega → SVG on the server (no browser, no canvas), then resvg → PNG with the CJK font
// the project ships (assets/fonts/NianbaoSansSC-Regular.otf, a subset of Source Han Sans SC under
// the SIL Open Font License), so Chinese titles and labels are drawn, not boxes.
//
// The one place vega, vega-lite and resvg are imported.
import { fileURLToPath } from "node:url";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { Answer, AnswerItem } from "./domain.js";

/** The font file charts are drawn with, and its family name. */
export const CHART_FONT_FILE = fileURLToPath(new URL("../assets/fonts/NianbaoSansSC-Regular.otf", import.meta.url));
export const CHART_FONT = "Nianbao Sans SC";

/** Plot size in CSS pixels; the PNG is drawn at `SCALE` times that (sharp on phones). */
const WIDTH = 560;
const HEIGHT = 300;
const SCALE = 2;
const SOURCE_LINE_HEIGHT = 18;

export interface ChartImage {
  png: Uint8Array;
  /** Pixel size of the PNG. */
  width: number;
  height: number;
  /** The chart's title, for the caption. */
  title: string;
}

/** What a chart of an answer shows: a title, the points, and where each point was read. */
export interface ChartData {
  kind: "line" | "bar";
  title: string;
  /** Axis title of the values: the metric and its unit. */
  valueTitle: string;
  points: { body: string; year: number; value: number; label: string }[];
  /** "来源：长寿区2018年报告第166行；…" (wrapped under the chart). */
  source: string;
}

/** Chinese and full-width characters are one em wide; Latin letters and digits about 0.6. */
function textWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFF60\u3000-\u303F]/.test(ch) ? 1 : /[0-9]/.test(ch) ? 0.56 : 0.6;
  return Math.ceil(em * fontSize);
}

// Vega estimates text width at 0.8 em a character without a canvas: too narrow for Chinese, so
// legends and titles would be clipped. This measure knows full-width characters.
// (Vega's typings leave `textMetrics` out; the object is exported for exactly this, e.g. by vl-convert.)
(vega as unknown as { textMetrics: { width: (item: { text?: unknown; fontSize?: number }, text?: unknown) => number } }).textMetrics.width = (item, text) =>
  textWidth(String(text ?? item.text ?? "").trim(), item.fontSize != null ? Number(item.fontSize) || 0 : 11);

const CHARTED = new Set<Answer["kind"]>(["trend", "compare", "rank"]);

function bodyOf(item: AnswerItem): string {
  return item.region || item.org;
}

/**
 * The chart an answer calls for, or null: a trend, comparison or ranking with at least two
 * numbers of one unit. Bodies are named by their region; two reports of one region in one year
 * (a government and a department) by their issuer.
 *
 *   chartData(trendAnswer) → { kind: "line", title: "洪泽区行政许可历年情况", points: [{ year: 2023, … }, …] }
 */
export function chartData(answer: Answer): ChartData | null {
  if (!CHARTED.has(answer.kind)) return null;
  const first = answer.answers.find((a) => a.value !== null);
  if (!first) return null;
  let items = answer.answers.filter((a) => a.value !== null && a.unit === first.unit && a.year !== null);
  // Several metrics of one report (行政复议和行政诉讼): the chart follows the first.
  const perReport = new Set(items.map((a) => a.reportId));
  if (perReport.size < items.length) items = items.filter((a) => a.metric === first.metric && (a.slice ?? "") === (first.slice ?? ""));
  if (items.length < 2) return null;
  const clash = new Set<string>();
  const seen = new Set<string>();
  for (const a of items) {
    const k = `${bodyOf(a)}|${a.year}`;
    if (seen.has(k)) clash.add(bodyOf(a));
    seen.add(k);
  }
  const name = (a: AnswerItem) => (clash.has(bodyOf(a)) ? a.org : bodyOf(a));
  const years = new Set(items.map((a) => a.year));
  const kind = answer.kind !== "rank" && years.size > 1 ? "line" : "bar";
  const labels = [...new Set(items.map((a) => a.label))];
  const headline =
    answer.text
      .split("\n")
      .map((l) => l.trim())
      .find((l) => l && !l.startsWith("（")) ?? "";
  const bodies = [...new Set(items.map(name))];
  // A trend or a ranking opens with its heading ("…历年情况：", "2019年行政处罚从多到少…："); a
  // comparison opens with its first figure, so its title is made.
  const made = `${bodies.join("、")}${years.size === 1 ? `${[...years][0]}年` : ""}${labels.length === 1 ? shortLabel(labels[0]!) : ""}对比`;
  const title = clipText(answer.kind === "compare" ? made : headline.replace(/[：:]\s*$/, "").replace(/（.*?）/g, "") || made, 34);
  const valueTitle = `${labels.length === 1 ? shortLabel(labels[0]!) : "数值"}${first.unit ? `（${first.unit}）` : ""}`;
  const cited = items.map((a) => `${name(a)}${a.year}年报告第${a.line}行`);
  return {
    kind,
    title,
    valueTitle,
    points: items.map((a) => ({ body: name(a), year: a.year!, value: a.value!, label: a.label })),
    source: `来源：${cited.join("；")}`,
  };
}

function shortLabel(label: string): string {
  return clipText(label.includes("·") ? label.split("·").slice(-2).join("") : label, 16);
}

function clipText(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join("")}…`;
}

/** The Vega-Lite specification of a chart (exported for tests and for anyone who wants the SVG). */
export function chartSpec(data: ChartData): TopLevelSpec {
  const values = data.points.map((p) => ({ 机关: p.body, 年度: String(p.year), 数值: p.value }));
  const bodies = new Set(values.map((v) => v.机关)).size;
  // Counts get whole-number ticks (no "0.5 件").
  const whole = values.every((v) => Number.isInteger(v.数值));
  const valueAxis = { ...(whole ? { tickMinStep: 1, format: "~d" } : {}) };
  const common = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: data.title, font: CHART_FONT, fontSize: 17, anchor: "start" as const, offset: 12 },
    width: WIDTH,
    background: "white",
    padding: { left: 12, right: 16, top: 12, bottom: 8 },
    data: { values },
    config: {
      font: CHART_FONT,
      axis: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelFontSize: 12, titleFontSize: 13 },
      legend: { labelFont: CHART_FONT, titleFont: CHART_FONT, labelFontSize: 12, labelLimit: 240 },
    },
  };
  if (data.kind === "line") {
    return {
      ...common,
      height: HEIGHT,
      mark: { type: "line", point: { size: 60 }, strokeWidth: 2.5 },
      encoding: {
        x: { field: "年度", type: "ordinal", title: "年度", axis: { labelAngle: 0 } },
        y: { field: "数值", type: "quantitative", title: data.valueTitle, axis: valueAxis },
        ...(bodies > 1 ? { color: { field: "机关", type: "nominal", title: "机关" } } : {}),
      },
    } as TopLevelSpec;
  }
  // Bars: one per body (a ranking or one year's comparison, largest first), or one per year.
  const byBody = bodies > 1;
  return {
    ...common,
    height: { step: 34 },
    encoding: {
      y: {
        field: byBody ? "机关" : "年度",
        type: "nominal",
        title: byBody ? null : "年度",
        sort: byBody ? { field: "数值", order: "descending" } : "ascending",
        axis: { labelLimit: 200 },
      },
      x: { field: "数值", type: "quantitative", title: data.valueTitle, axis: valueAxis },
    },
    layer: [
      { mark: { type: "bar", color: "#4c78a8" } },
      { mark: { type: "text", align: "left", dx: 4, font: CHART_FONT, fontSize: 12 }, encoding: { text: { field: "数值", type: "quantitative" } } },
    ],
  } as TopLevelSpec;
}

const QUIET = vega.logger(vega.Error);

/** The source line cut into lines that fit `width` pixels (at most 3; the rest is counted). */
function wrapSource(source: string, width: number, fontSize: number): string[] {
  const parts = source.split("；");
  const lines: string[] = [];
  let current = "";
  for (let i = 0; i < parts.length; i++) {
    const next = current ? `${current}；${parts[i]}` : parts[i]!;
    if (textWidth(next, fontSize) <= width || !current) current = next;
    else {
      lines.push(`${current}；`);
      current = parts[i]!;
      if (lines.length === 3) {
        lines[2] = `${lines[2]!.replace(/；$/, "")} 等${parts.length}处（详见回答）`;
        return lines;
      }
    }
  }
  lines.push(current);
  return lines;
}

/** SVG of a chart, with the source line(s) under it. */
export async function chartSvg(data: ChartData): Promise<string> {
  const view = new vega.View(vega.parse(compile(chartSpec(data), { logger: QUIET }).spec), { renderer: "none", logger: QUIET });
  try {
    const svg = await view.toSVG();
    const m = /^<svg[^>]*\bwidth="([\d.]+)"[^>]*\bheight="([\d.]+)"/.exec(svg);
    const w = Number(m?.[1] ?? WIDTH);
    const h = Number(m?.[2] ?? HEIGHT);
    const lines = wrapSource(data.source, w - 24, 11);
    const total = h + lines.length * SOURCE_LINE_HEIGHT + 8;
    const text = lines
      .map((l, i) => `<text x="12" y="${h + (i + 1) * SOURCE_LINE_HEIGHT - 4}" font-family="${CHART_FONT}" font-size="11" fill="#555">${escapeXml(l)}</text>`)
      .join("");
    return (
      `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${total}" viewBox="0 0 ${w} ${total}">` +
      `<rect width="100%" height="100%" fill="white"/>` +
      svg.replace(/^<svg/, `<svg x="0" y="0"`) +
      text +
      `</svg>`
    );
  } finally {
    view.finalize();
  }
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** An SVG → PNG with the project's font only (system fonts are never used, so output is the same everywhere). */
export function svgToPng(svg: string, scale = SCALE): { png: Uint8Array; width: number; height: number } {
  const resvg = new Resvg(svg, {
    font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
    fitTo: { mode: "zoom", value: scale },
    background: "white",
  });
  const image = resvg.render();
  return { png: new Uint8Array(image.asPng()), width: image.width, height: image.height };
}

/** The PNG chart of an answer, or null when the answer calls for none. */
export async function renderAnswerChart(answer: Answer): Promise<ChartImage | null> {
  const data = chartData(answer);
  if (!data) return null;
  const { png, width, height } = svgToPng(await chartSvg(data));
  return { png, width, height, title: data.title };
}

// ── glyph coverage ───────────────────────────────────────────────────────────────────────────────

/** One character drawn alone, as a bitmap; `text` is escaped. */
function glyphBitmap(ch: string): Uint8Array {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><text x="4" y="32" font-family="${CHART_FONT}" font-size="32">${escapeXml(ch)}</text></svg>`;
  const resvg = new Resvg(svg, { font: { fontFiles: [CHART_FONT_FILE], loadSystemFonts: false, defaultFontFamily: CHART_FONT }, background: "white" });
  return new Uint8Array(resvg.render().pixels);
}

function sameBitmap(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

let notdef: Uint8Array | undefined;

/**
 * Characters of `text` the chart font has no glyph for: drawn, they come out as the font's
 * missing-glyph box (what a private-use character draws) or as nothing at all.
 *
 *   missingGlyphs("洪泽区行政许可历年情况") → []
 *   missingGlyphs("𠀀") → ["𠀀"]
 */
export function missingGlyphs(text: string): string[] {
  notdef ??= glyphBitmap("\uE000");
  const blank = glyphBitmap(" ");
  const missing: string[] = [];
  for (const ch of new Set(Array.from(text))) {
    if (/\s/.test(ch)) continue;
    const bitmap = glyphBitmap(ch);
    if (sameBitmap(bitmap, notdef) || sameBitmap(bitmap, blank)) missing.push(ch);
  }
  return missing;
}
