// Synthetic 政府信息公开工作年度报告 with known answers, for benchmarking the parser: each report
// is built from a deterministic PRNG keyed by (seed, index), in one of the three template
// generations (2016 统计表, 2019 60号, 2021 30号) or prose only, printed in one of the layouts the
// real texts come in, and returned with its truth (figures of the total column, figures the
// prose states).
//
//   const r = generateReport(42, 7);   // r.name = "gen-000007.txt", r.truth.figures["review.total"] …
//   for (const r of generateCorpus(1000)) …
import { type Content, gbfContent, narrativeContent, statContent } from "./generate-content.js";
import { type Doc, halfWidth, padDoc, renderLines, renderPdf } from "./generate-doc.js";
import { renderHtml } from "./generate-html.js";
import { type GenLayout, type GenTemplate, type Identity, pickIdentity } from "./generate-identity.js";
import { Rng } from "./random.js";

export type { GenLayout, GenTemplate } from "./generate-identity.js";

export interface SyntheticReport {
  /** "gen-000123.txt" */
  name: string;
  text: string;
  truth: {
    org: string;
    region: string;
    year: number;
    template: GenTemplate;
    layout: GenLayout;
    /** Metric id → value of the report's total column (only cells actually printed). */
    figures: Record<string, number>;
    /** Figures also stated in the prose (metric id → value as stated). */
    narrative: Record<string, number>;
    /** gbf only: 表三 per applicant column (natural_person, commercial, …) → metric id → value. */
    slices?: Record<string, Record<string, number>>;
  };
}

function titleLines(rng: Rng, id: Identity): string[] {
  if (id.layout === "pdf-columns") {
    return [id.org, rng.pick([`${id.year} 年政府信息公开工作年度报告`, `${id.year} 年度政府信息公开工作年度报告`])];
  }
  const regionName = id.org.replace(/人民政府$/, "");
  const forms = [
    `${id.org}${id.year}年政府信息公开工作年度报告`,
    `${id.org}${id.year}年政府信息公开工作年度报告`,
    `${id.org}${id.year}年政府信息公开年度报告`,
    `${id.org}${id.year}年度政府信息公开工作年度报告`,
    `${id.org}关于${id.year}年政府信息公开工作的年度报告`,
    `${id.year}年${id.org}政府信息公开工作年度报告`,
  ];
  if (id.level === "county") forms.push(`${regionName}${id.year}年政府信息公开年度工作报告`);
  return [rng.pick(forms)];
}

/** Web page furniture above the title (seed 001), sometimes. */
function preamble(rng: Rng, id: Identity, title: string): string[] {
  if (id.layout === "pdf-columns" || !rng.chance(0.2)) return [];
  const d = `${id.year + 1}-0${rng.int(1, 3)}-${String(rng.int(1, 28)).padStart(2, "0")}`;
  return [
    title,
    `发布时间：${d} ${String(rng.int(8, 18)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")} 信息来源：${id.office} 浏览量： 【字体：大 中 小】`,
  ];
}

function signature(rng: Rng, id: Identity): string[] {
  return [rng.pick([id.org, id.office]), `${id.year + 1}年${rng.int(1, 3)}月${rng.int(1, 28)}日`];
}

function content(rng: Rng, id: Identity): Content {
  if (id.template === "stat2016") return statContent(rng, id);
  if (id.template === "narrative") return narrativeContent(rng, id);
  return gbfContent(rng, id);
}

/** Bytes a report should have: mostly 8–15 KB, from about 5 to 30 KB. */
function targetSize(rng: Rng): number {
  return rng.weighted([
    [rng.int(5_000, 8_000), 2],
    [rng.int(8_000, 15_000), 5],
    [rng.int(15_000, 30_000), 3],
  ]);
}

export function generateReport(seed: number, index: number): SyntheticReport {
  return generate(seed, index).report;
}

/**
 * The same report as the web page its site publishes (its tables as <table>s with merged cells),
 * and its truth: what a report saved from its page, or printed from it to PDF, must read as.
 */
export function generateHtmlReport(seed: number, index: number): { name: string; html: string; truth: SyntheticReport["truth"] } {
  const { report, doc } = generate(seed, index);
  return { name: report.name.replace(/\.txt$/, ".html"), html: renderHtml(doc), truth: report.truth };
}

function generate(seed: number, index: number): { report: SyntheticReport; doc: Doc } {
  const rng = new Rng(seed, index);
  const id = pickIdentity(rng);
  const c = content(rng, id);
  const title = titleLines(rng, id);
  const doc: Doc = {
    preamble: preamble(rng, id, title.join("")),
    title,
    sections: c.sections,
    signature: signature(rng, id),
    ...(c.appendix ? { appendix: c.appendix } : {}),
  };
  const pdf = id.layout === "pdf-columns";
  padDoc(rng, id, doc, targetSize(rng), pdf ? 1.12 : 1);
  let text: string;
  if (pdf) text = renderPdf(rng, doc);
  else text = renderLines(doc, id.layout === "blank-separated" || (id.layout === "narrative" && rng.chance(0.4)));
  if (id.halfWidth) text = halfWidth(text);
  const report: SyntheticReport = {
    name: `gen-${String(index).padStart(6, "0")}.txt`,
    text,
    truth: {
      org: id.org,
      region: id.region,
      year: id.year,
      template: id.template,
      layout: id.layout,
      figures: c.figures,
      narrative: c.narrative,
      ...(c.slices ? { slices: c.slices } : {}),
    },
  };
  return { report, doc };
}

export function* generateCorpus(n: number, seed = 42): Generator<SyntheticReport> {
  for (let i = 0; i < n; i++) yield generateReport(seed, i);
}
