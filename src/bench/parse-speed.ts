// How fast one report is read: every real fixture report (test/fixtures/reports: the seeds, the PDF
// extractions, the crawled Pingtan pages) parsed many times, median per report, the largest (~30 KB)
// against its target; and a 5 MB text (those reports end to end, repeated) against its own, as
// they are and as one crawled line with a stray tab at its end: a pass that looks for the next tab
// or line break from every line or span of a line is quadratic there (one took 5 s at 2 MB).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseReport } from "../parse/report.js";

/** Targets from the parser issue. */
export const PARSE_TARGETS = { reportMs: 5, reportChars: 30_000, fiveMbMs: 1000 };

export interface ParseSpeed {
  reports: number;
  /** Median ms per report over all fixture reports. */
  medianMs: number;
  /** The largest fixture report: its size (UTF-8 bytes) and median ms. */
  largestBytes: number;
  largestMs: number;
  /** The 5 MB text: median of three runs. */
  fiveMbMs: number;
  /** The same text as one line (white space runs → one space, as a crawler flattens a page) and a tab at its end. */
  fiveMbLineMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/** Measure; `root` is the checkout (fixtures are read from test/fixtures/reports). */
export function measureParseSpeed(root: string, rounds = 60): ParseSpeed {
  const dirs = ["seeds", "extra", "pingtan"].map((d) => join(root, "test/fixtures/reports", d));
  const texts = dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith(".txt"))
      .map((f) => readFileSync(join(d, f), "utf8")),
  );
  // Warm up to the steady state a running bot is in: the first parses load the Traditional table and
  // the gazetteer, and the JIT compiles the reader for each shape of report.
  for (let i = 0; i < 10; i++) for (const t of texts) parseReport(t);
  const per = texts.map((t) => median(Array.from({ length: rounds }, () => time(() => parseReport(t)))));
  const largest = texts.reduce((a, t, i) => (Buffer.byteLength(t) > Buffer.byteLength(texts[a]!) ? i : a), 0);
  const all = texts.join("\n");
  const five = all.repeat(Math.ceil(5_000_000 / all.length)).slice(0, 5_000_000);
  const fiveMbMs = median([0, 1, 2].map(() => time(() => parseReport(five))));
  const line = `${five.replace(/\s+/g, " ")}\t`;
  const fiveMbLineMs = median([0, 1, 2].map(() => time(() => parseReport(line))));
  return { reports: texts.length, medianMs: median(per), largestBytes: Buffer.byteLength(texts[largest]!), largestMs: per[largest]!, fiveMbMs, fiveMbLineMs };
}

export function formatParseSpeed(p: ParseSpeed): string {
  const mark = (v: number, t: number) => (v <= t ? `✓ (target ≤ ${t} ms)` : `✗ target ≤ ${t} ms`);
  return [
    `── parsing (${p.reports} real fixture reports) ──`,
    `one report        median ${p.medianMs.toFixed(2)} ms; the largest (${(p.largestBytes / 1024).toFixed(0)} KB) ${p.largestMs.toFixed(2)} ms ${mark(p.largestMs, PARSE_TARGETS.reportMs)}`,
    `a 5 MB text       ${p.fiveMbMs.toFixed(0)} ms ${mark(p.fiveMbMs, PARSE_TARGETS.fiveMbMs)}`,
    `…as one line, a tab at its end ${p.fiveMbLineMs.toFixed(0)} ms ${mark(p.fiveMbLineMs, PARSE_TARGETS.fiveMbMs)}`,
  ].join("\n");
}
