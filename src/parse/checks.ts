// 勾稽关系: the identities a report's own tables must satisfy, and the prose agreeing with the
// tables. Failures become warnings on the record (never exceptions): a partly consistent report is
// still useful, and the bot repeats the warning next to any figure it touches.
import type { Evidence, Figure, ReportWarning, Template } from "../domain.js";
import { metricDef, metricLabel, sliceLabel } from "./metrics.js";
import { APPLICANT_COLUMNS } from "./template.js";

type Key = string; // metric|slice

function index(figures: readonly Figure[]): Map<Key, Figure> {
  const map = new Map<Key, Figure>();
  for (const f of figures) {
    if (f.source === "narrative") continue;
    const key = `${f.metric}|${f.slice ?? ""}`;
    // A table cell beats a derived sum of the same key.
    if (!map.has(key) || (map.get(key)!.source === "derived" && f.source === "table")) map.set(key, f);
  }
  return map;
}

const fmt = (n: number) => String(Math.round(n * 1e4) / 1e4);

export interface SumRule {
  total: string;
  parts: string[];
  /** Per applicant column (表三) or per named column (multi-column 统计表). */
  perSlice: boolean;
  templates: readonly Template[];
}

export const STAT_RULES: readonly SumRule[] = [
  { total: "requests.received", parts: ["requests.channel.in_person", "requests.channel.fax", "requests.channel.online", "requests.channel.letter"], perSlice: true, templates: ["stat2016"] },
  { total: "requests.closed", parts: ["requests.closed.on_time", "requests.closed.late"], perSlice: true, templates: ["stat2016"] },
  { total: "requests.answered", parts: ["requests.result.already_public", "requests.result.granted", "requests.result.partial", "requests.result.withheld", "requests.result.not_this_agency", "requests.result.not_exist", "requests.result.needs_change", "requests.result.other_channel"], perSlice: true, templates: ["stat2016"] },
  { total: "requests.result.withheld", parts: ["requests.result.withheld.state_secret", "requests.result.withheld.commercial_secret", "requests.result.withheld.privacy", "requests.result.withheld.security_stability", "requests.result.withheld.not_gov_info", "requests.result.withheld.legal_other"], perSlice: true, templates: ["stat2016"] },
  { total: "review.total", parts: ["review.upheld", "review.corrected", "review.other"], perSlice: true, templates: ["stat2016"] },
  { total: "litigation.total", parts: ["litigation.upheld", "litigation.corrected", "litigation.other"], perSlice: true, templates: ["stat2016"] },
  { total: "complaints.total", parts: ["complaints.upheld", "complaints.corrected", "complaints.other"], perSlice: true, templates: ["stat2016"] },
  { total: "staff.total", parts: ["staff.fulltime", "staff.parttime"], perSlice: true, templates: ["stat2016"] },
  // 表四 (d): each group 维持 + 纠正 + 其他 + 尚未审结 = 总计.
  ...["review", "litigation.direct", "litigation.after_review"].map((g) => ({
    total: `${g}.total`, parts: ["upheld", "corrected", "other", "pending"].map((p) => `${g}.${p}`), perSlice: false, templates: ["gbf2019", "gbf2021"] as Template[],
  })),
  // 表三 (b): (七)总计 = every outcome row.
  {
    total: "requests.result.total",
    parts: [
      "requests.result.granted", "requests.result.partial",
      ...["state_secret", "other_law", "security_stability", "third_party", "internal_affairs", "process_info", "enforcement_file", "admin_query"].map((k) => `requests.result.withheld.${k}`),
      ...["not_held", "needs_creation", "still_unclear"].map((k) => `requests.result.unable.${k}`),
      ...["petition_complaint", "duplicate", "publication", "mass_repeat", "confirm_reissue"].map((k) => `requests.result.not_processed.${k}`),
      "requests.result.other",
    ],
    perSlice: true,
    templates: ["gbf2019", "gbf2021"],
  },
];

/** 2021 splits (六)其他处理 in three rows; the identities name the single row. */
export const OTHER_PARTS: readonly string[] = metricDef("requests.result.other")?.sumOf ?? [];

const PARENTS = new Map<string, string[]>();
for (const rule of STAT_RULES) for (const part of rule.parts) PARENTS.set(part, [...(PARENTS.get(part) ?? []), rule.total]);

/**
 * The totals a metric is a part of: the registry's parent first, then the totals of the sum rules
 * that count it (同意公开 is under 办理结果 in 2019+ and under 申请答复数 in the old 统计表).
 */
export function parentsOf(metric: string): string[] {
  const own = metricDef(metric)?.parent;
  return [...new Set([...(own ? [own] : []), ...(PARENTS.get(metric) ?? [])])];
}

/** Run every identity of the template over the figures. */
export function checkTables(figures: readonly Figure[], template: Template, columns: readonly string[]): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const idx = index(figures);
  const slices = template === "stat2016" ? ["", ...columns] : ["", ...APPLICANT_COLUMNS.filter((c) => c !== "total")];
  const get = (metric: string, slice: string) => idx.get(`${metric}|${slice}`);

  // 2021 splits (六)其他处理 in three: use the sum where the single row is absent.
  const otherValue = (slice: string): Figure | undefined => {
    const single = get("requests.result.other", slice);
    if (single) return single;
    const parts = OTHER_PARTS.map((id) => get(id, slice)).filter(Boolean) as Figure[];
    if (parts.length === 0) return undefined;
    return { ...parts[0]!, metric: "requests.result.other", value: parts.reduce((s, f) => s + (f.value ?? 0), 0) };
  };

  for (const rule of STAT_RULES) {
    if (!rule.templates.includes(template)) continue;
    for (const slice of rule.perSlice ? slices : [""]) {
      const total = get(rule.total, slice);
      if (!total || total.value === null) continue;
      const parts = rule.parts.map((p) => (p === "requests.result.other" ? otherValue(slice) : get(p, slice)));
      const present = parts.filter((p): p is Figure => Boolean(p) && p!.value !== null);
      if (present.length === 0) continue;
      // Old tables often omit a sub-row; only check when every part is printed.
      if (present.length < rule.parts.length && template === "stat2016") continue;
      const sum = present.reduce((s, p) => s + p.value!, 0);
      if (Math.abs(sum - total.value) > 1e-6) {
        const where = slice ? `（${sliceLabel(slice)}列）` : "";
        const names = present.map((p) => `${shortLabel(p.metric)} ${fmt(p.value!)}`).join(" + ");
        warnings.push({
          code: "SUM_MISMATCH",
          metrics: [rule.total, ...rule.parts],
          message: `${metricLabel(rule.total)}${where}印为 ${fmt(total.value)}，但分项之和为 ${fmt(sum)}（${names}），表内数据不一致。`,
          evidence: dedupe([total.evidence, ...present.map((p) => p.evidence)]),
        });
      }
    }
  }

  if (template === "gbf2019" || template === "gbf2021") {
    // 表三 (a): 一 + 二 = 三(七) + 四, per column.
    for (const slice of [...slices]) {
      const a = get("requests.received", slice);
      const b = get("requests.carried_over", slice);
      const c = get("requests.result.total", slice);
      const d = get("requests.carried_forward", slice);
      if (!a || !b || !c || !d || [a, b, c, d].some((f) => f.value === null)) continue;
      if (Math.abs(a.value! + b.value! - c.value! - d.value!) > 1e-6) {
        const where = slice ? `（${sliceLabel(slice)}列）` : "（总计列）";
        warnings.push({
          code: "BALANCE_MISMATCH",
          metrics: ["requests.received", "requests.carried_over", "requests.result.total", "requests.carried_forward"],
          message: `表三${where}勾稽关系不成立：本年新收 ${a.value} + 上年结转 ${b.value} = ${a.value! + b.value!}，而办理结果总计 ${c.value} + 结转下年度 ${d.value} = ${c.value! + d.value!}。`,
          evidence: dedupe([a.evidence, c.evidence, d.evidence]),
        });
      }
    }
    // 表三 (c): 总计 column = the six applicant columns, per row.
    const rows = new Set(figures.filter((f) => f.slice && (APPLICANT_COLUMNS as readonly string[]).includes(f.slice)).map((f) => f.metric));
    for (const metric of rows) {
      const total = get(metric, "");
      if (!total || total.value === null) continue;
      const cols = APPLICANT_COLUMNS.slice(0, 6).map((c) => get(metric, c)?.value ?? null);
      if (cols.every((v) => v === null)) continue;
      const sum = cols.reduce<number>((s, v) => s + (v ?? 0), 0);
      if (Math.abs(sum - total.value) > 1e-6) {
        warnings.push({
          code: "SUM_MISMATCH",
          metrics: [metric],
          message: `表三“${metricLabel(metric)}”一行：总计 ${fmt(total.value)} 不等于各类申请人之和 ${fmt(sum)}。`,
          evidence: [total.evidence],
        });
      }
    }
  }
  return warnings;
}

/** The prose states another figure than the table (长寿区 2018: 主动公开 table 134, text 18846). */
export function checkNarrative(figures: readonly Figure[]): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  const idx = index(figures);
  for (const n of figures) {
    if (n.source !== "narrative" || n.value === null) continue;
    const t = idx.get(`${n.metric}|`);
    if (!t || t.value === null) continue;
    const diff = Math.abs(t.value - n.value);
    const tolerance = n.certain ? 1e-6 : Math.max(1, Math.abs(n.value) * 0.01);
    // "5500余条": at least 5500.
    const atLeast = /余|多/.test(n.note ?? "") && t.value >= n.value && t.value < n.value * 1.2;
    if (diff <= tolerance || atLeast) continue;
    // "共受理申请749件" counting last year's carried-over ones: 新收 713 + 上年结转 36.
    if (n.metric === "requests.received") {
      const carried = idx.get("requests.carried_over|");
      if (carried?.value !== null && carried?.value !== undefined && Math.abs(t.value + carried.value - n.value) < 1e-6) continue;
    }
    warnings.push({
      code: "TABLE_NARRATIVE_MISMATCH",
      metrics: [n.metric],
      message: `${metricLabel(n.metric)}：表格为 ${fmt(t.value)}${t.unit}，正文称 ${fmt(n.value)}${n.unit}，两者不一致。`,
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
