// Plain-text rendering of what an answer found: a figure's value and source line, a report's name,
// a passage marked where the question's words are. The bot renders the structured Answer itself;
// these are the reply text the CLI and the local chat print.
import type { AnswerItem, Figure, Hit, Report, Template } from "../domain.js";
import type { PassageHit } from "../index/search-index.js";
import { metricLabel, sliceLabel } from "../parse/metrics.js";
import { inReportScript } from "./script.js";

/** Every template a record can carry has a name here (the type makes a missing one an error). */
export const TEMPLATE_NAME: Record<Template, string> = {
  stat2008: "2019年以前的省定统计表（本年度与历年累计两栏）",
  stat2016: "2019年以前的统计表格式",
  gbf2019: "2019年格式（国办公开办函〔2019〕60号）",
  gbf2021: "2021年格式（国办公开办函〔2021〕30号）",
  narrative: "无统计表的文字报告",
};

export function shortLabel(metric: string): string {
  const l = metricLabel(metric);
  return l.includes("·") ? l.split("·").pop()! : l;
}

export function labelFor(metric: string, slice?: string): string {
  return slice ? `${metricLabel(metric)}（${sliceLabel(slice)}）` : metricLabel(metric);
}

export function item(r: Report, f: Figure, label?: string): AnswerItem {
  return {
    reportId: r.id,
    org: r.org,
    region: r.region,
    year: r.year,
    metric: f.metric,
    label: label ?? labelFor(f.metric, f.slice),
    ...(f.slice ? { slice: f.slice } : {}),
    value: f.value,
    unit: f.unit,
    source: f.source,
    certain: f.certain,
    ...(f.note ? { note: f.note } : {}),
    evidence: f.evidence.text,
    line: f.evidence.line,
  };
}

export function fmtValue(f: { value: number | null; unit: string }): string {
  if (f.value === null) return "空白（表中未填，不等于0）";
  const v = Number.isInteger(f.value) ? String(f.value) : String(Math.round(f.value * 1e4) / 1e4);
  return `${v}${f.unit}`;
}

/** Said after a figure in a list or series whose reading is not sure (a glued run cut by a guess). */
export function unsure(f: { certain: boolean }): string {
  return f.certain ? "" : "（读法不确定）";
}

/** Said after a sum or difference made from figures one of which is not sure. */
export function unsureOf(figures: readonly { certain: boolean }[]): string {
  return figures.every((f) => f.certain) ? "" : "（其中有读法不确定的数字，仅供参考）";
}

export const SOURCE_NAME: Record<string, string> = { table: "表格", narrative: "正文", derived: "由表格计算" };

export function sourceLine(f: Figure): string {
  return `（${SOURCE_NAME[f.source]}第${f.evidence.line}行：“${f.evidence.text}”）`;
}

export function who(r: Report): string {
  return `${r.org}${r.year ?? "（年份不明）"}${r.year ? "年" : ""}`;
}

/** Warnings of the record that touch these metrics. */
export function warningsFor(r: Report, metrics: readonly string[]): string[] {
  const set = new Set(metrics);
  return r.warnings.filter((w) => w.metrics.some((m) => set.has(m))).map((w) => w.message);
}

export function toHit(r: Pick<Report, "id" | "org" | "region" | "year" | "traditional">, p: PassageHit, keywords: readonly string[]): Hit {
  return {
    reportId: r.id,
    org: r.org,
    region: r.region,
    year: r.year,
    section: p.passage.section,
    snippet: inReportScript(r, highlight(p.passage.text, keywords)),
    line: p.passage.line,
    score: p.score,
  };
}

/** Mark the keywords found in a passage 【like this】 (longest first, no nesting). */
export function highlight(text: string, keywords: readonly string[]): string {
  const words = [...new Set(keywords.filter((k) => k.length >= 2))].sort((a, b) => b.length - a.length);
  if (words.length === 0) return text;
  const marks = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    let at = text.indexOf(w);
    while (at >= 0) {
      if (!marks.slice(at, at + w.length).some(Boolean)) for (let i = at; i < at + w.length; i++) marks[i] = true;
      at = text.indexOf(w, at + w.length);
    }
  }
  let out = "";
  for (let i = 0; i < text.length; i++) {
    if (marks[i] && !marks[i - 1]) out += "【";
    out += text[i];
    if (marks[i] && !marks[i + 1]) out += "】";
  }
  return out;
}

export function hitsText(hits: Hit[]): string {
  return hits.map((h, i) => `${i + 1}. ${h.org}${h.year ?? ""}年 ${h.section ? `「${h.section}」` : ""}第${h.line}行：${h.snippet}`).join("\n");
}

/** "1. …；2. …" for a list the reply numbers itself (the items carry no numbers of their own). */
export function numbered(items: readonly string[]): string {
  return items.map((x, i) => `${i + 1}. ${x}`).join("；");
}
