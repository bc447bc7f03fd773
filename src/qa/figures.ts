// One figure resolver: the value a question gets from a report — the table's cell, else the sum of
// its parts by the template's identities, else the prose — with the crosswalk between template
// generations, a column slice, a rate over its total and the 勾稽 across two years' reports.

import { regionKey } from "../catalog.js";
import type { AnswerItem, Figure, Report } from "../domain.js";
import { parentsOf } from "../parse/checks.js";
import { sumRulesFor } from "../parse/identities.js";
import { METRICS, metricDef, metricLabel, sliceLabel } from "../parse/metrics.js";
import type { ParsedQuestion } from "../parse/question.js";
import { MERGED_ORGS } from "../parse/template.js";
import { type ProseQuery, proseIndexOf, proseQuery } from "./prose-answer.js";
import { fmtValue, item, shortLabel, sourceLine } from "./render.js";
import type { AnswerDeps } from "./select.js";
import { askedUnit, SHARE } from "./units.js";

export interface Found {
  metric: string;
  primary?: Figure;
  /** The prose states the figure too (kept when it differs from the table, or no table). */
  narrative?: Figure;
  /** Named columns (市直单位 …) of a summary table. */
  columns: Figure[];
  /** The slice asked for was not in the table: the total is given instead. */
  sliceMissing?: string;
  /** Reached through the crosswalk from another metric. */
  via?: string;
}

export function tableFigure(r: Report, metric: string, slice?: string): Figure | undefined {
  const list = r.figures.filter((f) => f.metric === metric && f.source !== "narrative" && (f.slice ?? undefined) === slice);
  const cell = list.find((f) => f.source === "table");
  // A blank cell (null) with a derived value beside it (sum of columns): the derived one answers,
  // its note says the cell was blank.
  if (cell && cell.value === null) return list.find((f) => f.source === "derived" && f.value !== null) ?? cell;
  return cell ?? list[0];
}

/** A figure no table prints but the template's parts give (不予公开 = Σ 1–8 in 2019/2021). */
export function summed(r: Report, metric: string, slice?: string): Figure | undefined {
  const def = metricDef(metric);
  if (!def?.sumOf) return undefined;
  const parts = def.sumOf.map((p) => tableFigure(r, p, slice) ?? summed(r, p, slice));
  const present = parts.filter((p): p is Figure => p !== undefined && p.value !== null);
  if (present.length === 0) return undefined;
  const value = present.reduce((s, p) => s + p.value!, 0);
  const names = present.map((p) => `${shortLabel(p.metric)} ${p.value}`).join(" + ");
  return {
    metric,
    ...(slice ? { slice } : {}),
    value,
    unit: present[0]!.unit,
    source: "derived",
    evidence: present[0]!.evidence,
    certain: present.every((p) => p.certain) && present.length === parts.length,
    note: `由分项相加：${names}`,
  };
}

/** 法人或其他组织 = the five organisation columns of 表三. */
export const ORG_SLICES = ["commercial", "research", "public_interest", "legal_service", "other_org"];

export function legalPersons(r: Report, metric: string): Figure | undefined {
  const parts = ORG_SLICES.map((s) => tableFigure(r, metric, s) ?? summed(r, metric, s));
  const present = parts.filter((p): p is Figure => p !== undefined && p.value !== null);
  if (present.length === 0) return undefined;
  return {
    metric,
    slice: MERGED_ORGS,
    value: present.reduce((s, p) => s + p.value!, 0),
    unit: present[0]!.unit,
    source: "derived",
    evidence: present[0]!.evidence,
    certain: present.length === ORG_SLICES.length && present.every((p) => p.certain),
    note: `法人或其他组织 = ${present.map((p) => `${sliceLabel(p.slice!)} ${p.value}`).join(" + ")}`,
  };
}

export function findFigures(r: Report, metric: string, slice?: string): Found | null {
  let sliceMissing: string | undefined;
  let primary =
    slice === MERGED_ORGS
      ? (tableFigure(r, metric, slice) ?? legalPersons(r, metric))
      : slice
        ? (tableFigure(r, metric, slice) ?? summed(r, metric, slice))
        : undefined;
  if (slice && !primary) sliceMissing = slice;
  if (!primary) primary = tableFigure(r, metric) ?? summed(r, metric);
  // The prose states totals: it says nothing about one column.
  const narrative = primary?.slice ? undefined : r.figures.find((f) => f.metric === metric && f.source === "narrative");
  if (!primary && !narrative) return null;
  const columns =
    primary && !primary.slice ? r.figures.filter((f) => f.metric === metric && f.slice && f.source === "table" && !/^[a-z_]+$/.test(f.slice)) : [];
  return { metric, primary, narrative, columns, sliceMissing };
}

/**
 * The value a value-question gets first, per registry metric (table cell, else the sum of its
 * parts, else the prose): kept in memory for rankings over thousands of reports.
 */
export function keyFigures(r: Report): Record<string, number> {
  const key: Record<string, number> = {};
  const present = new Set(r.figures.map((f) => f.metric));
  for (const def of METRICS) {
    if (!present.has(def.id) && !def.sumOf?.some((p) => present.has(p))) continue;
    const f = tableFigure(r, def.id) ?? summed(r, def.id) ?? r.figures.find((x) => x.metric === def.id && x.source === "narrative");
    if (f && f.value !== null) key[def.id] = f.value;
  }
  return key;
}

/**
 * The best candidate metric, else what this generation of the template calls it (the crosswalk, said
 * explicitly), else the next candidates. The crosswalk comes before the weaker candidates: 依申请公开
 * 收费 is the 2021 report's 信息处理费 (3940元), not its 收到申请 (3119件), which had been found first
 * and then refused for its unit ("没有给出…的数字").
 */
export function resolveMetric(r: Report, pq: ParsedQuestion): Found | null {
  const slice = resolveSlice(r, pq);
  const [first, ...rest] = pq.metricCandidates;
  if (!first) return null;
  // (A row is a metric's id but its column: art20.rules.issued's art20.rules.; requests.answered names no row.)
  const parts = first.split(".");
  const row = parts.length >= 3 ? `${parts.slice(0, -1).join(".")}.` : "";
  // The row's column counted in the unit asked: "行政许可事项多少项" of a 2019 report is its 上一年项目数量
  // (项), the form's one count of items, not its 处理决定数量 (件). (Never the 本年增/减: a change.)
  const asked = row ? askedUnit(pq.normalized) : null;
  if (asked?.explicit && !asked.share && metricDef(first)?.unit !== asked.units[0]) {
    for (const d of METRICS) {
      if (!d.id.startsWith(row) || d.id === first || d.unit !== asked.units[0] || d.id.endsWith(".delta")) continue;
      const f = findFigures(r, d.id, slice);
      if (f) return f;
    }
  }
  const direct = findFigures(r, first, slice);
  if (direct) return direct;
  // Another reading of the same row the words fit, in this report's form, before another form's
  // column: "主动公开规章" of a 2019 report is its 本年新公开数量, not the 2021 制发's crosswalk 新制作.
  for (const m of rest) {
    if (!row || !m.startsWith(row)) continue;
    const f = findFigures(r, m, slice);
    if (f) return f;
  }
  for (const alt of metricDef(first)?.crosswalk ?? []) {
    const f = findFigures(r, alt, slice);
    if (f) return { ...f, via: first };
  }
  // Never the whole a part was asked of: 不予公开's 3 is no answer to "因国家秘密不予公开多少件"
  // when that row could not be read, nor 主动公开's to "政府公报公开多少条" (its parent by the
  // registry, not by its id).
  const wholes = ancestorsOf(first);
  for (const m of rest) {
    if (first.startsWith(`${m}.`) || wholes.has(m)) continue;
    const f = findFigures(r, m, slice);
    if (f) return f;
  }
  return null;
}

/** Every total `metric` is a part of, its parents' parents too (checks.ts parentsOf). */
function ancestorsOf(metric: string): Set<string> {
  const seen = new Set<string>();
  const todo = parentsOf(metric);
  while (todo.length) {
    const m = todo.pop()!;
    if (seen.has(m)) continue;
    seen.add(m);
    todo.push(...parentsOf(m));
  }
  return seen;
}

/** "蚌埠市政府…" on a summary table with a 市政府 column means that column. */
export function resolveSlice(r: Report, pq: ParsedQuestion): string | undefined {
  if (pq.slice) return pq.slice;
  const gov = pq.mentions.find((m) => m.government);
  if (!gov) return undefined;
  const suffix = r.region.slice(-1);
  const col = r.figures.find((f) => f.slice === `${suffix}政府`);
  return col?.slice;
}

/** A share asked: 纠错率, 占比, 比例, 占多少 (units.ts's vocabulary). */
export const RATE_ASKED = SHARE;

/**
 * What a share of `metric` (column `slice`) is taken of, from a getter of the report's values: a
 * column's row total (自然人占比), else the first parent the report gives (纠错率; 同意公开 over
 * 办理结果 in 2019+, over 申请答复数 in the old 统计表). 办结率 is what was handled against all there
 * was to handle, the year's new requests and those carried over (办理结果总计 + 结转下年度 = 新收 +
 * 上年结转), not the new alone. Shared by a report's share (rateOf) and a ranking's candidates (its
 * key figures).
 */
export function shareWhole(
  metric: string,
  slice: string | undefined,
  get: (m: string, s?: string) => number | null | undefined,
): { parent: string; whole: number; carried: number } | null {
  const parents = slice ? [metric] : parentsOf(metric);
  let parent = "";
  let whole: number | null | undefined;
  for (const p of parents) {
    whole = get(p);
    parent = p;
    if (whole) break;
  }
  if (whole === null || whole === undefined) return null;
  const carried = (metric === "requests.result.total" && parent === "requests.received" ? get("requests.carried_over", slice) : 0) ?? 0;
  return { parent, whole: whole + carried, carried };
}

/** "纠错率": the figure over its parent total, both quoted. */
export function rateOf(r: Report, main: Figure, pq: ParsedQuestion): { item?: AnswerItem; text: string } | null {
  if (!RATE_ASKED.test(pq.normalized)) return null;
  if (main.value === null) return null;
  const of = shareWhole(main.metric, main.slice, (m, s) => (s ? tableFigure(r, m, s) : (tableFigure(r, m) ?? summed(r, m)))?.value);
  if (!of) return null;
  const { parent, whole } = of;
  const total: Figure = { ...(tableFigure(r, parent) ?? summed(r, parent))!, value: whole };
  const parentLabel = of.carried ? `${metricLabel(parent)}与上年结转之和（${fmtValue(total)}）` : metricLabel(parent);
  // 行政复议 0件: a share of nothing is no number; the figures say so.
  if (whole === 0) return { text: `${parentLabel}为0，${main.slice ? "比例" : `${shortLabel(main.metric)}的比例`}无从计算。` };
  // More than the whole is no share of it (长寿 2018: 政府网站公开 7732 against 主动公开 134, one item
  // counted on several channels, had been "5770.15%"): both said, no percentage.
  if (main.value > whole) {
    const part = main.slice ? sliceLabel(main.slice) : shortLabel(main.metric);
    return { text: `${part}（${fmtValue(main)}）大于${parentLabel}（${fmtValue(total)}），不是它的一部分，比例无从计算。` };
  }
  const pct = Math.round((main.value / whole) * 10000) / 100;
  const label = main.slice ? `${sliceLabel(main.slice)}占${parentLabel}的比例` : `${shortLabel(main.metric)}占${parentLabel}的比例`;
  return {
    item: { ...item(r, main, label), value: pct, unit: "%", source: "derived", note: `${main.value} ÷ ${whole}` },
    text: `${label}：${pct}%（${main.value} ÷ ${whole}）`,
  };
}

/** The question read against the report's prose (its sections are read only here). */
export function proseOf(r: Report, pq: ParsedQuestion, deps: AnswerDeps): ProseQuery {
  const index = proseIndexOf(r.id, () => deps.sections?.(r.id) ?? r.sections);
  return proseQuery(index, pq.keywordSource, pq.normalized, deps.segment);
}

/** The parts of the template's sum rule for a total, in the variant this report prints (most parts held). */
export function printedParts(r: Report, total: string): string[] | undefined {
  const held = new Set(r.figures.map((f) => f.metric));
  const variants = sumRulesFor(total, r.template).flatMap((rule) => rule.variants);
  const best = [...variants].sort((a, b) => b.filter((m) => held.has(m)).length - a.filter((m) => held.has(m)).length)[0];
  return best?.some((m) => held.has(m)) ? [...best] : undefined;
}

/** 上年结转 this year is last year's 结转下年度 of the same body, and the other way round. */
export const CARRY_LINKS: Record<string, { other: string; offset: number }> = {
  "requests.carried_over": { other: "requests.carried_forward", offset: -1 },
  "requests.carried_forward": { other: "requests.carried_over", offset: 1 },
};

/** The 勾稽 across two years' reports: checked only when both are held, said either way. */
export function acrossYears(r: Report, main: Figure, deps: AnswerDeps): { agrees: boolean; text: string } | null {
  const link = CARRY_LINKS[main.metric];
  if (!link || r.year === null || main.value === null) return null;
  const year = r.year + link.offset;
  const entry = deps.catalog.forKey(regionKey(r)).find((e) => e.org === r.org && e.year === year);
  const other = entry ? deps.load(entry.id) : undefined;
  const f = other ? tableFigure(other, link.other, main.slice) : undefined;
  if (!f || f.value === null) return null;
  if (f.value === main.value) return { agrees: true, text: `与${year}年报告的“${metricLabel(link.other)}”（${fmtValue(f)}）一致。` };
  return {
    agrees: false,
    text: `与${year}年报告对不上：${year}年报告的“${metricLabel(link.other)}”为 ${fmtValue(f)}${sourceLine(f)}，而本报告的“${metricLabel(main.metric)}”为 ${fmtValue(main)}。`,
  };
}

/**
 * The figure a question about `metric` (and column `slice`) is answered with in report `r`: the
 * table cell, else the sum of its parts, else the prose; through the crosswalk when this
 * generation of the template names it otherwise (`via` is then the metric asked). Exports use
 * it, so an exported figure is the answer's.
 */
export function answerFigure(r: Report, metric: string, slice?: string): { figure: Figure; via?: string } | null {
  let found = findFigures(r, metric, slice);
  let via: string | undefined;
  for (const alt of found ? [] : (metricDef(metric)?.crosswalk ?? [])) {
    found = findFigures(r, alt, slice);
    if (found) {
      via = metric;
      break;
    }
  }
  const figure = found?.primary ?? found?.narrative;
  return figure ? { figure, ...(via ? { via } : {}) } : null;
}
