// Where a report came from, and the table a figure was read from: what the 原文 and 表格 buttons
// and the CLI's `source` command show. Pure over the record, the entry and the stores passed in.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { Figure, Report } from "./domain.js";
import { METRICS, metricLabel, sliceLabel } from "./parse/metrics.js";
import { figureKey, type ReportSource, type TableLookup, type TableView } from "./reuse.js";
import type { AddressBook } from "./store/addresses.js";
import type { OriginalStore } from "./store/originals.js";

/** What the source of a report is looked up from: its db entry and the stores. */
export interface SourceDeps {
  originals?: OriginalStore;
  addresses?: AddressBook;
  /** Directory `entry.file` is relative to. */
  corpusDir?: string;
}

/** The fields of a stored entry this module reads. */
export interface SourceEntry {
  id: string;
  org: string;
  year: number | null;
  sourceName: string;
  /** Name of the original in the originals store (content hash + extension). */
  original?: string;
  /** File under the corpus directory (relative). */
  file?: string;
}

/** A corpus file's path, or null when `file` would lead out of the corpus directory. */
function corpusPath(corpusDir: string, file: string): string | null {
  const path = resolve(corpusDir, file);
  const rel = relative(resolve(corpusDir), path);
  return rel.startsWith("..") || isAbsolute(rel) ? null : path;
}

function readCorpusFile(corpusDir: string, file: string): Uint8Array | null {
  const path = corpusPath(corpusDir, file);
  if (!path) return null;
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    return null;
  }
}

/** Where a report came from, without its bytes: the name to give it, its addresses, whether the file is kept. */
export interface ReportOrigin {
  name: string;
  urls: string[];
  kept: boolean;
}

/** A report's name and addresses, and whether its original file is kept (for "原文在哪"). */
export function reportOrigin(e: SourceEntry, deps: SourceDeps): ReportOrigin {
  const known = deps.addresses?.get([e.original, e.id].filter((k): k is string => !!k)) ?? null;
  const path = e.file && deps.corpusDir ? corpusPath(deps.corpusDir, e.file) : null;
  const kept = (!!e.original && !!deps.originals?.has(e.original)) || (!!path && existsSync(path));
  return { name: known?.names[0] ?? e.sourceName.split(/[\\/]/).pop() ?? e.sourceName, urls: known?.urls ?? [], kept };
}

/**
 * The original of a report: its bytes from the originals store (else the corpus file it was read
 * from) and the addresses it was fetched from. Bytes are null when neither is kept.
 */
export function reportSource(e: SourceEntry, deps: SourceDeps): ReportSource {
  const { name, urls } = reportOrigin(e, deps);
  let bytes = e.original ? (deps.originals?.read(e.original) ?? null) : null;
  if (!bytes && e.file && deps.corpusDir) bytes = readCorpusFile(deps.corpusDir, e.file);
  return { reportId: e.id, org: e.org, year: e.year, name, urls, bytes };
}

// ── the table of a figure ───────────────────────────────────────────────────────────────────────

const TABLE_TITLES: Record<string, string> = {
  art20: "表二 主动公开政府信息情况",
  requests: "表三 收到和处理政府信息公开申请情况",
  courts: "表四 政府信息公开行政复议、行政诉讼情况",
  stat: "统计表",
};

function groupOf(r: Report, f: Figure): string {
  if (r.template === "gbf2019" || r.template === "gbf2021") {
    if (f.metric.startsWith("art20.")) return "art20";
    if (f.metric.startsWith("requests.")) return "requests";
    if (/^(?:review|litigation)\./.test(f.metric)) return "courts";
    return f.metric.split(".")[0]!;
  }
  return "stat";
}

const labelOf = (f: Figure) => f.label ?? metricLabel(f.metric);

/**
 * Row and column of a figure in its table: 表三 by applicant column, 表二/表四 by "行·栏" labels; a
 * 统计表's own value is 本年, or 合计 beside named columns (市政府, 市直单位 …).
 */
function cellOf(group: string, f: Figure, columned = false): { row: string; col: string } {
  if (f.slice) return { row: labelOf(f), col: sliceLabel(f.slice) };
  const label = labelOf(f);
  if (group !== "stat" && label.includes("·")) {
    const at = label.lastIndexOf("·");
    return { row: label.slice(0, at), col: label.slice(at + 1) };
  }
  return { row: label, col: group !== "stat" || columned ? "总计" : "本年" };
}

/** The figure an answer item names: the same line and key; else the key anywhere (read again). */
function findFigure(r: Report, line: number, key: string): Figure | undefined {
  const keyed = r.figures.filter((f) => figureKey(f.metric, f.slice) === key);
  return (
    keyed.find((f) => f.evidence.line === line && f.source !== "narrative") ??
    keyed.find((f) => f.evidence.line === line) ??
    keyed.find((f) => f.source !== "narrative") ??
    keyed[0]
  );
}

/**
 * A sum no table prints (不予公开 = Σ its eight reasons, 法人或其他组织 = Σ five columns) is answered
 * with its first part's line: the table holding that line, marking the first part.
 */
function partFigure(r: Report, line: number, key: string): Figure | undefined {
  const slices = new Set<string | undefined>([undefined, "legal_persons", ...r.figures.map((f) => f.slice)]);
  let metric: string | undefined;
  let slice: string | undefined;
  for (const m of METRICS) for (const s of slices) if (figureKey(m.id, s) === key) (metric = m.id), (slice = s);
  if (!metric) return undefined;
  const atLine = r.figures.filter((f) => f.evidence.line === line && f.source !== "narrative");
  const part = (f: Figure) => f.metric.startsWith(`${metric}.`) || f.metric === metric;
  // The total column for a total; the column asked for a column (法人或其他组织: its first part).
  return (
    atLine.find((f) => part(f) && f.slice === slice) ??
    atLine.find((f) => part(f) && (slice === undefined) === (f.slice === undefined)) ??
    atLine.find(part) ??
    atLine[0]
  );
}

/**
 * The table a figure of an answer was read from, rebuilt from the record's figures (rows in the
 * order read, columns in the template's order, the total last), with the figure's cell marked.
 *
 *   tableOf(洪泽区2024, 171, figureKey("requests.result.granted")) → 表三, row "予以公开（同意公开）", column "总计"
 */
export function tableOf(r: Report, line: number, key: string): TableLookup {
  const target = findFigure(r, line, key) ?? partFigure(r, line, key);
  if (!target) return { ok: false, reason: "stale" };
  if (target.source === "narrative") return { ok: false, reason: "no-table" };
  const group = groupOf(r, target);
  const members = r.figures.filter((f) => f.source !== "narrative" && groupOf(r, f) === group);
  const columned = group === "stat" && members.some((f) => f.slice && f.slice !== "历年累计");
  const rows: string[] = [];
  const cols: string[] = [];
  const cells = new Map<string, Figure>();
  for (const f of members) {
    const { row, col } = cellOf(group, f, columned);
    if (!rows.includes(row)) rows.push(row);
    if (!cols.includes(col)) cols.push(col);
    const k = `${row}\u0000${col}`;
    const held = cells.get(k);
    // A printed cell wins over a computed one; the target is always the one shown in its cell.
    if (!held || f === target || (held.source === "derived" && f.source === "table" && held !== target)) cells.set(k, f);
  }
  const total: string[] = cols.filter((c) => c === "总计" || c === "本年");
  const order = [...cols.filter((c) => !total.includes(c)), ...total];
  const at = cellOf(group, target, columned);
  const view: TableView = {
    reportId: r.id,
    org: r.org,
    year: r.year,
    title: TABLE_TITLES[group] ?? `${metricLabel(target.metric).split("·")[0]}`,
    columns: order,
    rows: rows.map((row) => {
      const inRow = order.map((col) => cells.get(`${row}\u0000${col}`));
      const derived = inRow.every((f) => f === undefined || f.source === "derived");
      return { label: row, cells: inRow.map((f) => (f === undefined ? undefined : f.value)), ...(derived ? { derived: true } : {}) };
    }),
    at: { row: rows.indexOf(at.row), col: order.indexOf(at.col) },
    unit: target.unit,
    evidence: { line: target.evidence.line, text: target.evidence.text },
  };
  return { ok: true, table: view };
}
