// Selection: which report answers — a body's report of the year asked (government before its
// departments; never another year silently), a short name for several bodies narrowed by the years
// held, the level spoken of, or the one report that can answer; what is missing, said.

import { type Catalog, levelRank, type ReportEntry } from "../catalog.js";
import type { Report, Section } from "../domain.js";
import type { SearchIndex } from "../index/search-index.js";
import type { ParsedQuestion, RegionMention } from "../parse/question.js";
import type { ReportOrigin } from "../sources.js";
import { proseOf, resolveMetric } from "./figures.js";
import { problemsPart } from "./problems.js";
import { bestQuantity } from "./prose-answer.js";
import { unitAgreement } from "./units.js";

export interface AnswerDeps {
  catalog: Catalog;
  /** A report's figures with evidence (its sections are not loaded: see `sections`). */
  load: (id: string) => Report | undefined;
  /** A report's narrative sections, read only for questions about its text. */
  sections?: (id: string) => Section[] | undefined;
  index: SearchIndex;
  /** The same segmentation as at ingest (jieba); a whitespace split in tests. */
  segment: (text: string) => string[];
  /** Where a report came from: its file's name, its addresses, whether the file is kept (原文在哪). */
  origin?: (id: string) => ReportOrigin | undefined;
}

export interface Picked {
  report?: Report;
  /** Why nothing was picked, for the reply. */
  missing?: string;
  /** The year was not given and the newest was used. */
  impliedYear?: boolean;
}

/** The report of one region for one year (government before departments), or what is missing. */
export function pickReport(m: RegionMention, years: number[], deps: AnswerDeps): Picked {
  const key = m.keys[0]!;
  const reports = deps.catalog
    .forKey(key)
    .slice()
    .sort((a, b) => levelRank(a) - levelRank(b) || (b.year ?? 0) - (a.year ?? 0));
  const label = deps.catalog.labelOf(key);
  if (reports.length === 0) return { missing: `没有${label}的报告。` };
  const full = (e: ReportEntry): Picked => {
    const report = deps.load(e.id);
    return report ? { report } : { missing: `${e.org}${e.year ?? ""}年的报告记录无法读取，请管理员重新导入（/reindex）。` };
  };
  if (years.length === 0) {
    const newest = reports.filter((r) => r.year !== null).sort((a, b) => b.year! - a.year!)[0] ?? reports[0]!;
    return { ...full(newest), impliedYear: true };
  }
  const y = years[years.length - 1]!;
  const hit = reports.find((r) => r.year === y);
  if (hit) return full(hit);
  const have = [...new Set(reports.map((r) => r.year).filter((x): x is number => x !== null))].sort();
  return { missing: `没有${label}${y}年的报告。${label}现有：${have.length ? have.map((x) => `${x}年`).join("、") : "年份不明的报告"}。` };
}

/**
 * A name that fits several bodies (平潭: 平潭县 and 平潭综合实验区) is narrowed to those with a report for
 * the year asked, then by the level the question speaks of (全县, 县直 → the 县); what remains
 * ambiguous is asked back.
 */
export function narrowByReports(pq: ParsedQuestion, deps: AnswerDeps): void {
  for (const m of pq.mentions) {
    if (m.keys.length < 2 || m.areaOnly) continue;
    const years = m.year ? [m.year] : pq.years;
    if (years.length) {
      const held = m.keys.filter((k) => deps.catalog.forKey(k).some((e) => e.year !== null && years.includes(e.year)));
      if (held.length > 0) m.keys = held;
    }
    if (m.keys.length < 2) continue;
    const rest = pq.keywordSource;
    for (const level of ["县", "区", "市", "镇", "乡"]) {
      if (!new RegExp(`(?:全|本|我|该)${level}|${level}直`).test(rest)) continue;
      const fit = m.keys.filter((k) => deps.catalog.labelOf(k).endsWith(level));
      if (fit.length > 0 && fit.length < m.keys.length) m.keys = fit;
      break;
    }
  }
}

/**
 * A short name that still fits several bodies (平潭: 平潭县 and 平潭综合实验区, both with a 2012 report)
 * when only one of their reports can answer the question — it has the figure, or its prose states
 * the number, or it has the part asked for: that one answers, and the reply says which body it is.
 * Returns that line, or null when the name stays ambiguous (asked back).
 */
export function narrowByAnswer(pq: ParsedQuestion, deps: AnswerDeps): string | null {
  if (pq.mentions.length !== 1 || pq.years.length > 1 || pq.asksTrend) return null;
  const m = pq.mentions[0]!;
  if (m.keys.length < 2 || m.areaOnly) return null;
  const able: string[] = [];
  const unable: string[] = [];
  for (const key of m.keys) {
    const picked = pickReport({ ...m, keys: [key] }, pq.years, deps);
    const r = picked.report;
    (r && canAnswer(r, pq, deps) ? able : unable).push(r ? `${deps.catalog.labelOf(key)}${r.year ?? ""}年` : deps.catalog.labelOf(key));
    if (able.length > 1) return null;
  }
  const key = able.length === 1 ? m.keys.find((k) => able[0]!.startsWith(deps.catalog.labelOf(k))) : undefined;
  if (!key) return null;
  m.keys = [key];
  return `（“${m.text}”有${able.length + unable.length}个：${[able[0]!, ...unable].map((x) => x.replace(/\d{4}年$/, "")).join("、")}；只有${able[0]}的报告能回答，按${deps.catalog.labelOf(key)}回答。）`;
}

/** Whether a report has what the question asks: the figure (of the kind asked), a prose number, the part. */
export function canAnswer(r: Report, pq: ParsedQuestion, deps: AnswerDeps): boolean {
  const px = pq.asksQuantity ? proseOf(r, pq, deps) : null;
  if (pq.metric) {
    const f = resolveMetric(r, pq);
    const main = f?.primary ?? f?.narrative;
    if (main && main.value !== null && (!px || !main.unit || unitAgreement(main.unit, px.asked) > 0)) return true;
  }
  if (px) return bestQuantity(px) !== null;
  if (pq.asksProblems) {
    const p = problemsPart(deps.sections?.(r.id) ?? r.sections);
    return pq.problemsAspect === "improvements" ? (p?.improvements.length ?? 0) > 0 : p !== null;
  }
  return false;
}
