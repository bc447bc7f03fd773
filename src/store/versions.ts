// One report, however many files: a report's identity is its body and year; another file of the
// same report (a saved page and its PDF, a narrow and a wide PDF) is a rendition, and the
// better-read rendition answers; a file of the same body and year whose figures differ is a
// revision, stored as a new version with the earlier one kept. And what is not a report at all:
// a text with no issuer, no year and no figure is refused; one missing some of them waits for an
// admin.
import { regionKey } from "../catalog.js";
import type { Report } from "../domain.js";

type Who = Pick<Report, "org" | "region" | "fullRegion" | "level" | "year" | "title">;

/**
 * Which document of its body and year a text is by its title: a 政务公开工作总结 is another
 * document than the 政府信息公开工作年度报告 of the same year, not another file of it.
 *
 *   documentKind("蚌埠市2019年政务公开工作总结") → "总结"
 *   documentKind("平潭县人民政府2013年政府信息公开工作年度报告") → "报告" (also for a title not read)
 */
export function documentKind(title: string): "总结" | "报告" {
  return /总结/.test(title) && !/年度报告|年报|工作报告/.test(title) ? "总结" : "报告";
}

/**
 * The identity of a report: its body (region key: the full region for a government, the org for a
 * department), its statistics year and which document it is; null when the body or the year is
 * missing. Why: the same 平潭县 2013 report arrives as a saved page and as a crawler's text; they
 * are one report.
 *
 *   identityOf({ org: "平潭县人民政府", region: "平潭县", fullRegion: "福州市平潭县", level: "county", year: 2013, title: "…年度报告" })
 *     → "福州市平潭县|2013|报告"
 */
export function identityOf(r: Who): string | null {
  if (!r.org || r.year === null) return null;
  const key = regionKey(r);
  return key ? `${key}|${r.year}|${documentKind(r.title ?? "")}` : null;
}

/** How well a copy was read: more figures, fewer warnings, fewer uncertain figures is better. */
export interface ReadQuality {
  figureCount: number;
  warningCount: number;
  uncertainCount: number;
}

export function qualityOf(r: Pick<Report, "figures" | "warnings">): ReadQuality {
  let uncertain = 0;
  for (const f of r.figures) if (!f.certain) uncertain++;
  return { figureCount: r.figures.length, warningCount: r.warnings.length, uncertainCount: uncertain };
}

/**
 * Whether copy `a` was read better than `b`: more figures, then fewer warnings, then fewer
 * uncertain figures. Why: the rendition that answers should be the one read best (平潭 2024 as
 * a saved page: 210 figures, 0 uncertain; as the crawler's text: 210 figures, 3 uncertain).
 */
export function betterRead(a: ReadQuality, b: ReadQuality): boolean {
  if (a.figureCount !== b.figureCount) return a.figureCount > b.figureCount;
  if (a.warningCount !== b.warningCount) return a.warningCount < b.warningCount;
  return a.uncertainCount < b.uncertainCount;
}

/** Figures read for sure, "metric|slice" → value; the table's when it has any, else the prose's. */
export type FigureSignature = Record<string, number | null>;

/**
 * The figures of a copy that decide whether two copies are one report: those read without doubt
 * from the tables (from the prose when no table was read). Why: two renditions read differently
 * (a cell left unread in one) are still one report; a table cell both read for sure with two
 * values is a revision (行政复议 15件 → 16件).
 */
export function figureSignature(r: Pick<Report, "figures">): FigureSignature {
  const table: FigureSignature = {};
  const prose: FigureSignature = {};
  let tableCount = 0;
  for (const f of r.figures) {
    if (!f.certain || f.source === "derived") continue;
    const key = `${f.metric}|${f.slice ?? ""}`;
    if (f.source === "table") {
      if (!(key in table)) (table[key] = f.value), tableCount++;
    } else if (!(key in prose)) prose[key] = f.value;
  }
  return tableCount > 0 ? table : prose;
}

/** Keys both signatures hold with different values (the metrics a revision changed). */
export function changedFigures(a: FigureSignature, b: FigureSignature): string[] {
  const out: string[] = [];
  for (const key of Object.keys(a)) if (key in b && b[key] !== a[key]) out.push(key);
  return out;
}

/** What a text lacks to be a report, in the words a reply uses: ["发布机关", "年份", "数字"]. */
export function missingParts(r: Pick<Report, "org" | "year" | "figures">): string[] {
  const missing: string[] = [];
  if (!r.org.trim()) missing.push("发布机关");
  if (r.year === null) missing.push("年份");
  if (r.figures.length === 0) missing.push("数字");
  return missing;
}

/** Refused outright: nothing of a report was read. Why: a saved page whose content is a banner. */
export const NOT_A_REPORT = "没有读到发布机关、年份，也没有读到任何数字：这不像一份政府信息公开工作年度报告，未导入。";
