// 勾稽关系: the identities a report's own tables must satisfy, and the prose agreeing with the
// tables. Failures become warnings on the record (never exceptions): a partly consistent report is
// still useful, and the bot repeats the warning next to any figure it touches.
import type { Evidence, Figure, ReportWarning, Template } from "../domain.js";
import { identitiesOf, instancesOf, isSoft, type Outcome, totalsOf } from "./identities.js";
import { metricDef, metricLabel, sliceLabel } from "./metrics.js";
import { APPLICANT_COLUMNS, MERGED_ORGS } from "./template.js";

/** Table and derived figures by metric, then slice ("" for the total): asked thousands of times a report. */
type FigureIndex = Map<string, Map<string, Figure>>;

function index(figures: readonly Figure[]): FigureIndex {
  const map: FigureIndex = new Map();
  for (const f of figures) {
    if (f.source === "narrative") continue;
    let bySlice = map.get(f.metric);
    if (!bySlice) map.set(f.metric, (bySlice = new Map()));
    const slice = f.slice ?? "";
    const had = bySlice.get(slice);
    // A table cell beats a derived sum of the same key.
    if (!had || (had.source === "derived" && f.source === "table")) bySlice.set(slice, f);
  }
  return map;
}

const fmt = (n: number) => String(Math.round(n * 1e4) / 1e4);

/**
 * The totals a metric is a part of: the registry's parent first, then the totals of the sum rules
 * that count it (同意公开 is under 办理结果 in 2019+ and under 申请答复数 in the old 统计表).
 */
export function parentsOf(metric: string): string[] {
  const own = metricDef(metric)?.parent;
  return [...new Set([...(own ? [own] : []), ...totalsOf(metric)])];
}

/** Run every identity of the template over the table figures; failures become warnings. */
export function checkTables(figures: readonly Figure[], template: Template, columns: readonly string[]): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const idx = index(figures);
  // Table cells only: a derived sum beside a blank cell is not what the table printed.
  const get = (m: string, s: string) => {
    const f = idx.get(m)?.get(s);
    return f && f.source === "table" ? f.value : undefined;
  };
  const fig = (m: string, s: string) => idx.get(m)?.get(s);
  const slices = template === "gbf2019" || template === "gbf2021" ? ["", ...APPLICANT_COLUMNS.filter((c) => c !== "total"), MERGED_ORGS] : ["", ...columns];
  const metrics = [...new Set(figures.filter((f) => f.source === "table").map((f) => f.metric))];
  // Counted first, the cells listed only for the instances that fail (most hold).
  const failing: Outcome[] = [];
  for (const instance of instancesOf(identitiesOf(template), { slices, metrics })) {
    const counted = instance.run(get, false);
    if (counted && !counted.holds && !isSoft(counted)) failing.push(instance.run(get, true)!);
  }
  for (const o of failing) {
    const id = o.identity;
    const where = o.slice ? `（${sliceLabel(o.slice)}列）` : "";
    const evidence = dedupe(o.cells.map(([m, s]) => fig(m, s)?.evidence).filter((e): e is Evidence => Boolean(e)));
    // A cell read with a guess (digits that ran together, cells the template did not expect): the
    // failure may be the reading's, not the table's, and the warning must not blame the report.
    const guessed = o.cells.some(([m, s]) => fig(m, s)?.certain === false);
    const inconsistent = guessed ? "其中有的数字读得不确定（见其说明），可能是读法有误，请核对原文。" : "表内数据不一致。";
    if (id.kind === "sum") {
      const names = o.cells
        .slice(1)
        .map(([m, , v]) => `${shortLabel(m)} ${fmt(v)}`)
        .join(" + ");
      warnings.push({
        code: "SUM_MISMATCH",
        metrics: o.cells.map(([m]) => m),
        message: `${metricLabel(id.total)}${where}${guessed ? "读作" : "印为"} ${fmt(o.lhs)}，但分项之和为 ${fmt(o.rhs)}（${names}），${inconsistent}`,
        evidence,
      });
    } else if (id.kind === "balance") {
      const [a, b, c, d] = o.cells.map(([, , v]) => v);
      warnings.push({
        code: "BALANCE_MISMATCH",
        metrics: o.cells.map(([m]) => m),
        message: `表三${where || "（总计列）"}勾稽关系不成立：本年新收 ${a} + 上年结转 ${b} = ${o.lhs}，而办理结果总计 ${c} + 结转下年度 ${d} = ${o.rhs}${!guessed ? "。" : `，${inconsistent}`}`,
        evidence,
      });
    } else if (id.kind === "rowSum") {
      warnings.push({
        code: "SUM_MISMATCH",
        metrics: [o.metric!],
        message: `表三“${metricLabel(o.metric!)}”一行：总计 ${fmt(o.lhs)} 不等于各类申请人之和 ${fmt(o.rhs)}${!guessed ? "。" : `，${inconsistent}`}`,
        evidence: evidence.slice(0, 1),
      });
    } else {
      warnings.push({
        code: "SUM_MISMATCH",
        metrics: [o.metric!],
        message: `${metricLabel(o.metric!)}：${sliceLabel(o.cells[0]![1]) || "本年度"} ${fmt(o.lhs)} 大于${sliceLabel(o.cells[1]![1]) || "本年度"} ${fmt(o.rhs)}，${inconsistent}`,
        evidence,
      });
    }
  }
  return warnings;
}

/**
 * The prose's figure says the table's value: the same number, or a round one that the value rounds
 * to ("26.8万条" for 267886, within 1%), or an "at least" one it is not far above ("5500余条").
 */
export function proseAgrees(table: number, n: Pick<Figure, "value" | "certain" | "note">): boolean {
  if (n.value === null) return false;
  const tolerance = n.certain ? 1e-6 : Math.max(1, Math.abs(n.value) * 0.01);
  const atLeast = /余|多/.test(n.note ?? "") && table >= n.value && table < n.value * 1.2;
  return Math.abs(table - n.value) <= tolerance || atLeast;
}

/** A government's office acting for it (区政府办代表区政府受理): a figure of its own share. */
const ON_BEHALF = /[\u4e00-\u9fff]{0,4}(?:政府办|办公室|办公厅)[^，,。；;]{0,4}代表[^，,。；;]{0,8}?(?:人民政府|政府|管委会)(?:受理|办理|收到|接收)?/;

/** The prose states another figure than the table (长寿区 2018: 主动公开 table 134, text 18846). */
export function checkNarrative(figures: readonly Figure[]): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const idx = index(figures);
  for (const n of figures) {
    if (n.source !== "narrative" || n.value === null) continue;
    const t = idx.get(n.metric)?.get("");
    if (!t || t.value === null) continue;
    if (proseAgrees(t.value, n)) continue;
    // "共受理申请749件" counting last year's carried-over ones: 新收 713 + 上年结转 36.
    if (n.metric === "requests.received") {
      const carried = idx.get("requests.carried_over")?.get("");
      if (carried?.value !== null && carried?.value !== undefined && Math.abs(t.value + carried.value - n.value) < 1e-6) continue;
    }
    // "区政府办代表区政府受理…17件" beside a table of the whole region (95): the office's own share,
    // another scope than the table's, not a contradiction to report as one.
    const scope = ON_BEHALF.exec(n.evidence.text)?.[0];
    warnings.push({
      code: "TABLE_NARRATIVE_MISMATCH",
      metrics: [n.metric],
      message: scope
        ? `${metricLabel(n.metric)}：表格为 ${fmt(t.value)}${t.unit}；正文称 ${fmt(n.value)}${n.unit}，说的是“${scope}”的，与统计表的统计范围可能不同。`
        : `${metricLabel(n.metric)}：表格为 ${fmt(t.value)}${t.unit}，正文称 ${fmt(n.value)}${n.unit}，两者不一致。`,
      evidence: [t.evidence, n.evidence],
    });
  }
  return warnings;
}

function shortLabel(metric: string): string {
  const l = metricLabel(metric);
  return l.includes("·") ? l.split("·").pop()! : l;
}

function dedupe(list: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return list.filter((e) => (seen.has(e.text) ? false : (seen.add(e.text), true)));
}
