// How well the parser reads reports it has never seen: parse synthetic reports (every template and
// layout) and compare with the figures they were generated from.
import type { Report } from "../domain.js";
import { parseReport } from "../parse/report.js";
import { blankZeroCells, crawledText } from "./crawl.js";
import { generateHtmlReport, generateReport, type SyntheticReport } from "./generate.js";

/** How the synthetic text is re-laid before parsing: as generated, as a crawler flattens a page
 *  (white space runs → one space), or with every line break removed. The "page" layouts start
 *  from the report's web page instead and take its text by the crawler's rule (cells glued),
 *  its tables' zero cells filled or left blank. */
export type Relayout = "as-generated" | "crawled" | "no-line-breaks" | "page-crawled" | "page-crawled-blanks";

const RELAYOUT: Record<Exclude<Relayout, "page-crawled" | "page-crawled-blanks">, (t: string) => string> = {
  "as-generated": (t) => t,
  crawled: (t) => t.replace(/\s+/g, " "),
  "no-line-breaks": (t) => t.replace(/\r?\n/g, ""),
};

export interface AccuracyRow {
  /** template/layout, or "meta" */
  group: string;
  expected: number;
  correct: number;
  /** A figure read with another value: worse than missing. */
  wrong: number;
  /** …of which the parser said it was sure (no uncertainty marked): the worst kind. */
  wrongCertain: number;
  missing: number;
}

export interface AccuracyResult {
  reports: number;
  rejected: number;
  table: AccuracyRow[];
  prose: AccuracyRow[];
  meta: AccuracyRow;
  /** Up to 20 examples of wrong or missing figures, for debugging. */
  examples: string[];
}

function tableFigure(r: Report, metric: string) {
  const list = r.figures.filter((f) => f.metric === metric && !f.slice && f.source !== "narrative");
  return list.find((f) => f.source === "table") ?? list[0];
}

function proseValue(r: Report, metric: string): number | null | undefined {
  return r.figures.find((f) => f.metric === metric && f.source === "narrative")?.value;
}

function row(map: Map<string, AccuracyRow>, group: string): AccuracyRow {
  let r = map.get(group);
  if (!r) map.set(group, (r = { group, expected: 0, correct: 0, wrong: 0, wrongCertain: 0, missing: 0 }));
  return r;
}

/** Compare the parser with the truth over reports `from` .. `from + n - 1` of a seed. */
export function measureAccuracy(n: number, seed = 42, from = 0, relayout: Relayout = "as-generated"): AccuracyResult {
  const table = new Map<string, AccuracyRow>();
  const prose = new Map<string, AccuracyRow>();
  const meta: AccuracyRow = { group: "org/region/year/template", expected: 0, correct: 0, wrong: 0, wrongCertain: 0, missing: 0 };
  const examples: string[] = [];
  let rejected = 0;
  for (let i = from; i < from + n; i++) {
    let syn: { name: string; truth: SyntheticReport["truth"] };
    let text: string;
    if (relayout === "page-crawled" || relayout === "page-crawled-blanks") {
      const page = generateHtmlReport(seed, i);
      syn = page;
      text = crawledText(relayout === "page-crawled-blanks" ? blankZeroCells(page.html) : page.html);
    } else {
      const report = generateReport(seed, i);
      syn = report;
      text = RELAYOUT[relayout](report.text);
    }
    const t = syn.truth;
    const blanks = relayout === "page-crawled-blanks";
    const res = parseReport(text, { name: syn.name });
    const group = `${t.template}/${t.layout}`;
    if (!res.ok) {
      rejected++;
      if (examples.length < 20) examples.push(`${syn.name} rejected: ${res.error}`);
      continue;
    }
    const r = res.report;
    meta.expected += 4;
    for (const [ok, what] of [
      [r.org === t.org, `org ${r.org} ≠ ${t.org}`],
      [r.region === t.region, `region ${r.region} ≠ ${t.region}`],
      [r.year === t.year, `year ${r.year} ≠ ${t.year}`],
      [r.template === t.template, `template ${r.template} ≠ ${t.template}`],
    ] as const) {
      if (ok) meta.correct++;
      else {
        meta.wrong++;
        if (examples.length < 20) examples.push(`${syn.name} ${group}: ${what}`);
      }
    }
    if (t.template !== "narrative") {
      for (const [metric, want] of Object.entries(t.figures)) {
        const fig = tableFigure(r, metric);
        const got = fig?.value;
        // A zero left blank is no figure to read: blank or unread is right, a number other than 0 wrong.
        if (blanks && want === 0 && (got === null || got === undefined || got === 0)) continue;
        const acc = row(table, group);
        acc.expected++;
        if (got === want) acc.correct++;
        else if (got === undefined) acc.missing++;
        else {
          acc.wrong++;
          if (fig?.certain) acc.wrongCertain++;
        }
        if (got !== want && examples.length < 20) examples.push(`${syn.name} ${group}: table ${metric} = ${got} (want ${want})`);
      }
      // A value read for a cell the report leaves blank (a row's neighbour lent it): wrong too.
      for (const f of r.figures) {
        if (f.source !== "table" || f.slice || f.value === null || f.metric in t.figures) continue;
        const acc = row(table, group);
        acc.wrong++;
        if (f.certain) acc.wrongCertain++;
        if (examples.length < 20) examples.push(`${syn.name} ${group}: table ${f.metric} = ${f.value} (blank in the report)`);
      }
    }
    for (const [metric, want] of Object.entries(t.narrative)) {
      const got = proseValue(r, metric) ?? (t.template === "narrative" ? undefined : undefined);
      const acc = row(prose, group);
      acc.expected++;
      if (got === want) acc.correct++;
      else if (got === undefined) acc.missing++;
      else acc.wrong++, acc.wrongCertain++;
      if (got !== want && examples.length < 20) examples.push(`${syn.name} ${group}: prose ${metric} = ${got} (want ${want})`);
    }
  }
  const sort = (m: Map<string, AccuracyRow>) => [...m.values()].sort((a, b) => a.group.localeCompare(b.group));
  return { reports: n, rejected, table: sort(table), prose: sort(prose), meta, examples };
}

export function formatAccuracy(res: AccuracyResult): string {
  const pct = (a: AccuracyRow) => (a.expected ? ((100 * a.correct) / a.expected).toFixed(1) : "-");
  const lines = [`parser accuracy on ${res.reports} synthetic reports (${res.rejected} rejected)`, "group | expected | correct % | wrong | missing"];
  for (const [name, rows] of [
    ["table", res.table],
    ["prose", res.prose],
  ] as const) {
    for (const a of rows) lines.push(`${name} ${a.group} | ${a.expected} | ${pct(a)} | ${a.wrong} | ${a.missing}`);
  }
  lines.push(`meta | ${res.meta.expected} | ${pct(res.meta)} | ${res.meta.wrong} | ${res.meta.missing}`);
  return lines.join("\n");
}
