// parseReport: the text of one annual report → one Report record. Runs the steps in order:
// normalise → who/when → locate tables → parse tables through the template → prose, sections and
// the figures the prose states → 勾稽 checks. Pure: no fs, no jieba, never throws on any input.
import { createHash } from "node:crypto";
import type { Figure, Report, ReportWarning, Template } from "../domain.js";
import { checkNarrative, checkTables } from "./checks.js";
import { findMeta } from "./meta.js";
import { extractNarrative } from "./narrative.js";
import { findPageJunk } from "./page.js";
import { buildProse, findSections } from "./prose.js";
import { readTables } from "./tables.js";
import { prepareText, withBlanks } from "./text.js";

export type ParseResult = { ok: true; report: Report } | { ok: false; error: string };

export interface ParseOptions {
  /** The file's name, a hint for issuer and year. Defaults to none. */
  name?: string;
  /** What reading the file found (extractText's warnings: a PDF read in part), kept as INPUT warnings first. */
  inputWarnings?: string[];
}

/** Reports larger than this are refused (the largest real ones are well under 1 MB of text). */
export const MAX_REPORT_CHARS = 8_000_000;

/** Why a text cannot be a report, or null. Cheap: runs before any parsing. */
export function rejectReason(raw: string): string | null {
  if (raw.length === 0 || raw.trim().length === 0) return "文件为空：没有可读的文字。";
  if (raw.length > MAX_REPORT_CHARS) return `文件过大（${Math.round(raw.length / 1e6)}M 字符，上限 ${MAX_REPORT_CHARS / 1e6}M）。`;
  const sample = raw.slice(0, 200_000);
  let bad = 0;
  let cjk = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0 || c === 0xfffd || (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12)) bad++;
    else if (c >= 0x4e00 && c <= 0x9fff) cjk++;
  }
  if (bad > sample.length * 0.01) return "文件看起来是二进制数据，不是报告文本（请上传 .txt、.html、.docx 或 .pdf）。";
  if (cjk < 20) return "文件中几乎没有中文文字，不像政府信息公开年度报告。";
  return null;
}

/**
 * Parse one report.
 *
 *   parseReport(readFileSync("data/reports/000_….txt", "utf8"), { name: "000_….txt" })
 *   → { ok: true, report: { org: "重庆市长寿区人民政府", region: "长寿区", year: 2018, template: "stat2016", … } }
 */
export function parseReport(raw: string, opts: ParseOptions = {}): ParseResult {
  const reason = rejectReason(raw);
  if (reason) return { ok: false, error: reason };
  try {
    const report = parseText(raw, opts.name ?? "");
    const notice = noReportBody(raw, report);
    if (notice) return { ok: false, error: notice };
    // What extraction knows about the input comes first: it concerns every figure.
    if (opts.inputWarnings?.length) report.warnings.unshift(...opts.inputWarnings.map((message): ReportWarning => ({ code: "INPUT", metrics: [], message })));
    return { ok: true, report };
  } catch (err) {
    // A parser bug must not lose the upload: say what happened.
    return { ok: false, error: `解析失败：${(err as Error).message}` };
  }
}

/** An attachment named on a page: "附件：平潭综合实验区2022年政府信息公开工作年度报告.pdf". */
const ATTACHMENT = /(?:附件|下载|附)[:：]?[^\n]{0,80}?\.(?:pdf|docx?|wps|ofd)(?![a-z])/i;
/** Prose shorter than this, with no figure, is a page's furniture, not a report's text. */
const NOTICE_CHARS = 300;

/**
 * Why a text with no figure and almost no prose is not a report, or null: a notice that only links
 * its report as an attachment (a saved page "附件：…年度报告.pdf"), or a page of links and navigation
 * naming a body but no year (a column's list of reports). Stored, such a page had answered every
 * question about its body "报告中没有这一项": no report was ever read. Refused, it says what it is
 * and, for a notice, where the report is. (With no issuer and no year either, it is no report at
 * all, and refused as such: versions.ts NOT_A_REPORT.)
 */
function noReportBody(raw: string, report: Report): string | null {
  if (report.figures.length > 0 || (!report.org && report.year === null)) return null;
  const prose = report.sections.reduce((n, s) => n + s.text.length, 0);
  if (prose >= NOTICE_CHARS) return null;
  const file = ATTACHMENT.exec(raw);
  if (file)
    return `这个页面只有标题和附件链接（${file[0].replace(/^(?:附件|下载|附)[:：]?\s*/, "").slice(0, 80)}），报告正文在附件里，页面本身没有可读的内容。请导入附件（PDF 或 Word 文件），或用 /ingest 加网址让机器人下载附件。`;
  if (report.year === null)
    return `没有读到年份，也没有读到任何数字，正文只有${prose}字：这像是网站的导航或报告列表页，不是一份政府信息公开工作年度报告，未导入。`;
  return null;
}

function parseText(raw: string, name: string): Report {
  const prepared = prepareText(raw);
  const junk = findPageJunk(prepared);
  const src = withBlanks(prepared, junk);
  const meta = findMeta(src, junk, name, prepared.text);
  const tables = readTables(src);
  const warnings: ReportWarning[] = [...meta.warnings, ...tables.warnings];
  const figures: Figure[] = [...tables.figures];
  const template: Template = tables.template;
  // The prose: the report without its tables.
  const prose = buildProse(src, tables.spans);
  const sections = findSections(prose);
  const narrative = extractNarrative(prose);
  figures.push(...narrative);

  if (template !== "narrative") warnings.push(...checkTables(figures, template, tables.columns));
  warnings.push(...checkNarrative(figures));
  if (meta.year === null) warnings.push({ code: "NO_YEAR", metrics: [], message: "找不到报告的统计年度（标题和统计期限中都没有年份）。" });
  if (!meta.org) warnings.push({ code: "NO_ORG", metrics: [], message: "找不到发布机关的名称。" });
  if (template === "narrative") warnings.push({ code: "NO_TABLE", metrics: [], message: "没有找到统计表，数字均取自正文。" });
  if (src.traditional) warnings.push({ code: "INPUT", metrics: [], message: "原文为繁体字，已转换为简体后解析。" });

  return {
    id: createHash("sha256").update(src.text).digest("hex").slice(0, 16),
    org: meta.org,
    region: meta.region,
    fullRegion: meta.fullRegion,
    aliases: meta.aliases,
    level: meta.level,
    ...(meta.parent ? { parent: meta.parent } : {}),
    ...(meta.province ? { province: meta.province } : {}),
    ...(meta.city ? { city: meta.city } : {}),
    ...(meta.county ? { county: meta.county } : {}),
    year: meta.year,
    ...(meta.published ? { published: meta.published } : {}),
    template,
    title: meta.title,
    figures,
    sections,
    warnings,
    sourceName: name,
    chars: src.text.length,
    ...(src.traditional ? { traditional: true } : {}),
  };
}
