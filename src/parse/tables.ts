// Which template's tables a report prints, and all of them read: 表二/表三/表四 of the 2019 and
// 2021 formats, or the old 统计表. The result names the template, the figures, the warnings and the
// spans the tables occupy (left out of the prose).
import type { Figure, ReportWarning, Template } from "../domain.js";
import { type Compact, compactOf } from "./locate.js";
import { FORCED_NOTE, GLUED_NOTE, IDENTITIES_NOTE, numbersOutside } from "./table-read.js";
import { detectGeneration, findApplications, type Generation, readApplications, readArt20, readReview } from "./tables-gbf.js";
import { findStatTable, readStatTable } from "./tables-stat.js";
import { ART20_HEADERS_2019, ART20_HEADERS_2021 } from "./template.js";
import type { SourceText, Span } from "./text.js";

export interface TablesResult {
  template: Template;
  figures: Figure[];
  warnings: ReportWarning[];
  /** Where the tables are, in src.text. */
  spans: Span[];
  /** Named value columns of an old 统计表 (历年累计, 市直单位 …). */
  columns: string[];
}

/** The compact offset of a text offset (the first compact character at or after it). */
export function compactIndex(c: Compact, textOffset: number): number {
  let lo = 0;
  let hi = c.s.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.at[mid]! < textOffset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Where 表二 starts: a 第二十条 followed by 信息内容 or a column header, before 表三. */
function findArt20(c: Compact, to: number): number {
  const heads = [...ART20_HEADERS_2021, ...ART20_HEADERS_2019, "信息内容"].map((h) => h.replace(/\s+/g, ""));
  for (let at = c.s.indexOf("第二十条"); at >= 0 && at < to; at = c.s.indexOf("第二十条", at + 4)) {
    const near = c.s.slice(at, at + 160);
    if (heads.some((h) => near.includes(h))) return at;
  }
  return -1;
}

/** Why a table's cuts are unsure: blank cells that leave no trace, or "-" marks that read as signs. */
const BLANKS_UNSEEN = {
  which: (_f: Figure) => true,
  note: "但表中有空白格，连在一起的数字里空白格不留痕迹，也可能是别的分法，请核对原表",
  warning: (n: number) => `表中有空白格，而单元格的数字连在一起：${n}个按勾稽关系拆分的数值无法确定，已标为不确定，请核对原表。`,
};
const HYPHEN_MARKS = {
  which: (f: Figure) => f.metric.startsWith("art20."),
  note: "但表中以“-”标示空白格，连在一起的“-”可能是空白格，也可能是本年增/减的负号，请核对原表",
  warning: (n: number) => `表中以“-”标示空白格：第二十条表中${n}个从连在一起的数字里拆出的数值，“-”是空白格还是负号无法确定，已标为不确定，请核对原表。`,
};

/** Values cut from a glued run (or placed by the identities), marked sure, made uncertain: the run may have lost blank cells. */
function unsureCuts(out: TablesResult, why = BLANKS_UNSEEN): void {
  // A row cut one digit to a cell only because nothing else fits: where blanks leave no trace, the
  // digits may as well hold a blank and a two-digit number, and the identities that would tell
  // failed. Not given at all, nor the sums made from them.
  const forced = new Set(out.figures.filter((f) => f.source === "table" && why.which(f) && f.note?.includes(FORCED_NOTE)).map((f) => f.evidence));
  if (forced.size > 0) {
    const dropped = new Set(out.figures.filter((f) => forced.has(f.evidence)).map((f) => f.metric));
    out.figures = out.figures.filter((f) => !forced.has(f.evidence));
    out.warnings.push({
      code: "TABLE_SHAPE",
      metrics: [...dropped],
      message: "表中有空白格，而一行的数字连在一起、又不合勾稽关系：无法确定各格的数值，未读取；请以原文为准。",
    });
  }
  let n = 0;
  const metrics = new Set<string>();
  const shaken = new Set<unknown>();
  for (const f of out.figures) {
    // Cut from a glued run, or placed by the identities among readings that counted the cells.
    if (f.source !== "table" || !f.certain || !why.which(f) || !(f.note?.startsWith(GLUED_NOTE) || f.note?.startsWith(IDENTITIES_NOTE))) continue;
    f.certain = false;
    f.note = `${f.note}；${why.note}`;
    shaken.add(f.evidence);
    metrics.add(f.metric);
    n++;
  }
  // The row's other cells stand where the cut put them, and a sum over the row (行政诉讼 = 直接起诉
  // + 复议后起诉) is no surer than its parts.
  for (const f of out.figures) {
    if (!f.certain || !shaken.has(f.evidence)) continue;
    f.certain = false;
    if (f.source === "table") metrics.add(f.metric);
  }
  if (n > 0)
    out.warnings.push({
      code: "ORIENTATION_GUESSED",
      metrics: [...metrics],
      message: why.warning(n),
    });
}

/**
 * Read every table of a report.
 *
 *   readTables(prepareText(text)) → { template: "gbf2021", figures: [...], spans: [...] }
 */
export function readTables(src: SourceText): TablesResult {
  const c = compactOf(src.text);
  const cache = new Map<string, Set<string>>();
  const proseNumbers = (exclude: Span[]) => {
    const key = exclude.map((s) => `${s.start}-${s.end}`).join(",");
    let set = cache.get(key);
    if (!set) cache.set(key, (set = numbersOutside(src.text, exclude)));
    return set;
  };
  const ctx = { src, c, proseNumbers };
  const out: TablesResult = { template: "narrative", figures: [], warnings: [], spans: [], columns: [] };

  const apps = findApplications(c);
  const art20 = findArt20(c, apps >= 0 ? apps : c.s.length);
  if (apps >= 0 || art20 >= 0) {
    const generation: Generation = detectGeneration(c, art20 >= 0 ? art20 : apps, apps >= 0 ? apps + 3000 : art20 + 3000) ?? "gbf2019";
    out.template = generation;
    const t2 = art20 >= 0 ? readArt20(ctx, art20, apps >= 0 ? apps : Math.min(c.s.length, art20 + 2000), generation) : null;
    if (t2) push(out, t2);
    let after = Math.max(art20, 0);
    const t3 = apps >= 0 ? readApplications(ctx, apps, generation) : null;
    if (t3) {
      push(out, t3);
      after = compactIndex(c, t3.span.end);
    }
    const t4 = readReview(ctx, after, generation, t3?.spacesMarkBlanks);
    if (t4) push(out, t4);
    out.warnings.push(...unreadTables(c, out));
    // A page that leaves cells blank and glues cells together: a glued run may have lost blanks
    // anywhere, in any table, so no value cut from one is sure ("131" may be 1 | 3 | 1 or 空 | 1 | 31).
    if (t2?.blankCells || t3?.blankCells || t4?.blankCells) unsureCuts(out);
    else if (t2?.hyphenMarks || t3?.hyphenMarks || t4?.hyphenMarks) unsureCuts(out, HYPHEN_MARKS);
    return out;
  }
  const at = findStatTable(c);
  if (at >= 0) {
    const stat = readStatTable(ctx, at);
    if (stat) {
      out.template = stat.template;
      out.columns = stat.columns;
      push(out, stat);
      if (stat.blankCells) unsureCuts(out);
    }
  }
  out.warnings.push(...unreadTables(c, out));
  return out;
}

/** A table the report prints (its heading or header stands in the text) of which nothing was read. */
const PRINTED: readonly { name: string; where: RegExp; read: (f: Figure) => boolean }[] = [
  { name: "表二（第二十条主动公开情况）", where: /第二十条第\(一\)项/, read: (f) => f.metric.startsWith("art20.") },
  {
    name: "表三（收到和处理政府信息公开申请情况）",
    where: /本列数据的勾稽关系|申请人情况.{0,40}自然人/,
    read: (f) =>
      (f.slice !== undefined && APPLICANT_SLICES.has(f.slice)) || (/^requests\.(received|carried_over|result\.total)$/.test(f.metric) && f.source === "table"),
  },
  {
    name: "表四（行政复议、行政诉讼情况）",
    where: /(?:未经复议直接起诉|复议后起诉).{0,60}(?:结果维持|尚未审结)|(?:结果维持|尚未审结).{0,60}(?:未经复议直接起诉|复议后起诉)/,
    read: (f) => f.metric.startsWith("review.") && f.source === "table",
  },
  { name: "政府信息公开情况统计表", where: /统计表.{0,40}(?:统计指标|指标名称)/, read: (f) => f.source === "table" },
];
const APPLICANT_SLICES = new Set(["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org"]);

/** Every printed table that gave no figure is named in a warning: a table is never dropped in silence. */
function unreadTables(c: Compact, out: TablesResult): ReportWarning[] {
  const warnings: ReportWarning[] = [];
  for (const t of PRINTED) {
    if (t.name === "政府信息公开情况统计表" && out.template !== "narrative" && out.template !== "stat2008" && out.template !== "stat2016") continue;
    const m = t.where.exec(c.s);
    if (!m || out.figures.some(t.read)) continue;
    // Already said by the reader ("表四（…）应有15个数值，读到…个").
    if (out.warnings.some((w) => w.code === "TABLE_SHAPE" && w.message.startsWith(t.name.slice(0, 2)))) continue;
    warnings.push({ code: "TABLE_SHAPE", metrics: [], message: `报告中有${t.name}，但其中的数字未能读取（表格的行或数值无法辨认），相关数字请以原文为准。` });
  }
  return warnings;
}

function push(out: TablesResult, t: { figures: Figure[]; warnings: ReportWarning[]; span: Span }): void {
  out.figures.push(...t.figures);
  out.warnings.push(...t.warnings);
  if (t.span.end > t.span.start) out.spans.push(t.span);
}
