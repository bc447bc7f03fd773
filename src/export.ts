// Exports: a metric across bodies and years, or every figure of one report, as CSV (UTF-8 with a
// BOM so Excel reads it as such, CRLF, RFC 4180 quoting) and JSON. Each figure is the one a
// question about it is answered with (`answerFigure`), with its line and evidence.
import { type AnswerDeps, answerFigure } from "./answer.js";
import type { ReportEntry } from "./catalog.js";
import type { Figure, Report } from "./domain.js";
import { metricLabel, sliceLabel } from "./parse/metrics.js";
import { parseQuestion, parseYears } from "./parse/question.js";
import type { ExportResult, ExportRow } from "./reuse.js";

/** Columns of the CSV: header as Excel shows it, and the row's field. */
export const CSV_COLUMNS: readonly (readonly [string, keyof ExportRow])[] = [
  ["报告编号", "reportId"],
  ["机关", "org"],
  ["地区", "fullRegion"],
  ["省份", "province"],
  ["年度", "year"],
  ["指标", "metric"],
  ["指标名称", "label"],
  ["栏目", "slice"],
  ["数值", "value"],
  ["单位", "unit"],
  ["来源", "source"],
  ["确定", "certain"],
  ["说明", "note"],
  ["行", "line"],
  ["原文", "evidence"],
];

const SOURCE_NAME: Record<string, string> = { table: "表格", narrative: "正文", derived: "由表格计算" };

function cell(row: ExportRow, key: keyof ExportRow): string {
  const v = row[key];
  if (v === null || v === undefined) return "";
  if (key === "source") return SOURCE_NAME[String(v)] ?? String(v);
  if (key === "certain") return v ? "是" : "否";
  if (typeof v === "number") return String(v);
  const s = String(v);
  // A text cell that a spreadsheet would run as a formula (=, +, @, tab) is kept as text.
  return /^[=+@\t\r]/.test(s) ? `'${s}` : s;
}

function quoted(s: string): string {
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows → CSV text, starting with the UTF-8 BOM. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [CSV_COLUMNS.map(([h]) => h).join(",")];
  for (const r of rows) lines.push(CSV_COLUMNS.map(([, k]) => quoted(cell(r, k))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

function rowOf(r: Report | ReportEntry, f: Figure, label?: string): ExportRow {
  return {
    reportId: r.id,
    org: r.org,
    region: r.region,
    fullRegion: r.fullRegion || r.region,
    province: r.province ?? "",
    year: r.year,
    metric: f.metric,
    label: label ?? f.label ?? metricLabel(f.metric),
    slice: f.slice ? sliceLabel(f.slice) : "",
    value: f.value,
    unit: f.unit,
    source: f.source,
    certain: f.certain,
    note: f.note ?? "",
    line: f.evidence.line,
    evidence: f.evidence.text,
  };
}

/** Every name a `where` word may match: the body, its region and the places it lies in. */
function placeNames(e: ReportEntry): string[] {
  const names = [e.region, e.fullRegion, e.org, e.city, e.county, e.province, e.parent, ...e.aliases].filter((n): n is string => !!n && n.length >= 2);
  const short = [e.province, e.city].map((n) => n?.replace(/(?:省|市|自治区|特别行政区)$/, "")).filter((n): n is string => !!n && n.length >= 2);
  return [...names, ...short];
}

function ascii(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^-+|-+$/g, "");
}

const USAGE =
  "用法：/export 指标 [地区] [年份]，例如 /export 行政复议 福州市 2019-2024；或 /export 地区 年份，导出一份报告的全部数字，例如 /export 长寿区 2018。";

/**
 * An export by words: a metric, optionally where (a body, a city, a province) and which years.
 *
 *   exportFigures("行政复议 福州市 2013-2024") → 行政复议 of every body in 福州市, 2013 to 2024
 *   exportFigures("长寿区 2018") → every figure of 重庆市长寿区's 2018 report
 */
export function exportFigures(query: string, deps: AnswerDeps): ExportResult {
  const q = String(query ?? "")
    .trim()
    .slice(0, 200);
  if (!q) return { ok: false, error: USAGE };
  if (deps.catalog.size === 0) return { ok: false, error: "还没有导入任何报告。" };
  const all = deps.catalog.all();
  const { years, consumed } = parseYears(q, deps.catalog.newestYear());
  let rest = q;
  for (const c of consumed) rest = rest.replace(c, " ");

  // Places: the longest names first, each taken out of the words once found.
  const byName = new Map<string, Set<string>>();
  for (const e of all) for (const n of placeNames(e)) (byName.get(n) ?? byName.set(n, new Set()).get(n)!).add(e.id);
  const places: string[] = [];
  const inPlace = new Set<string>();
  for (const name of [...byName.keys()].sort((a, b) => b.length - a.length)) {
    if (!rest.includes(name)) continue;
    places.push(name);
    for (const id of byName.get(name)!) inPlace.add(id);
    rest = rest.split(name).join(" ");
  }
  const words = rest.replace(/[^\p{L}\p{N}]+/gu, "");
  const pq = words ? parseQuestion(words, deps.catalog.lexicon()) : null;
  const metric = pq?.metricCandidates[0];
  if (words && !metric) return { ok: false, error: `没有“${words}”这个指标。${USAGE}` };

  const selected = all
    .filter((e) => (places.length === 0 || inPlace.has(e.id)) && (years.length === 0 || (e.year !== null && years.includes(e.year))))
    .sort(
      (a, b) => (a.fullRegion || a.region).localeCompare(b.fullRegion || b.region, "zh") || (a.year ?? 0) - (b.year ?? 0) || a.org.localeCompare(b.org, "zh"),
    );
  const where = [
    places.join("、"),
    years.length ? (years.length > 2 && years.at(-1)! - years[0]! === years.length - 1 ? `${years[0]}—${years.at(-1)}年` : `${years.join("、")}年`) : "",
  ].filter(Boolean);
  if (selected.length === 0) return { ok: false, error: `没有${where.join(" ") || "符合条件"}的报告。` };

  if (!metric) {
    if (places.length === 0) return { ok: false, error: USAGE };
    if (selected.length > 1) {
      const list = selected
        .slice(0, 12)
        .map((e) => `${e.fullRegion || e.region} ${e.year ?? "年份不明"}`)
        .join("、");
      return { ok: false, error: `有${selected.length}份报告符合：${list}${selected.length > 12 ? " 等" : ""}。请写明地区和年份，只导出一份报告。` };
    }
    const r = deps.load(selected[0]!.id);
    if (!r) return { ok: false, error: "这份报告的记录无法读取，请管理员重新导入（/reindex）。" };
    const rows = r.figures.map((f) => rowOf(r, f));
    const title = `${r.org}${r.year ?? ""}年报告的全部数字`;
    return finish("report", title, `nianbao-${r.id}`, rows, [`共${rows.length}个数字（表格、由表格计算、正文）。`]);
  }

  const slice = pq?.slice;
  const label = slice ? `${metricLabel(metric)}（${sliceLabel(slice)}）` : metricLabel(metric);
  const rows: ExportRow[] = [];
  const lacking: string[] = [];
  const crosswalked = new Set<string>();
  for (const e of selected) {
    const r = deps.load(e.id);
    const got = r ? answerFigure(r, metric, slice) : null;
    if (!r || !got) {
      lacking.push(`${e.fullRegion || e.region}${e.year ?? ""}`);
      continue;
    }
    if (got.via) crosswalked.add(got.figure.metric);
    rows.push(rowOf(r, got.figure));
  }
  const notes: string[] = [];
  if (crosswalked.size) notes.push(`部分报告没有“${metricLabel(metric)}”，用的是对应项：${[...crosswalked].map(metricLabel).join("、")}。`);
  if (lacking.length) notes.push(`${lacking.length}份报告没有这一项：${lacking.slice(0, 10).join("、")}${lacking.length > 10 ? " 等" : ""}。`);
  if (rows.length === 0) return { ok: false, error: `${where.join(" ")}的报告都没有“${label}”这一项。` };
  const yearPart = years.length ? `-${years[0]}${years.length > 1 ? `-${years.at(-1)}` : ""}` : "";
  return finish("metric", [label, ...where].join(" · "), ascii(`nianbao-${metric}${slice ? `-${slice}` : ""}${yearPart}`), rows, notes);
}

function finish(kind: "metric" | "report", title: string, fileBase: string, rows: ExportRow[], notes: string[]): ExportResult {
  return { ok: true, kind, title, fileBase, rows, csv: toCsv(rows), json: `${JSON.stringify({ title, kind, rows }, null, 1)}\n`, notes };
}
