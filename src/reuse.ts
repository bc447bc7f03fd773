// The contract for answers people can check and reuse: the original file (or web address) a
// report came from, the table a figure was read from, and exports of figures as CSV and JSON.
// Types (and one pure key function) only: the implementation is in src/sources.ts and
// src/export.ts, wired by createLibrary; front ends receive a `Reuse` and tests can pass a fake.
import type { FigureSource } from "./domain.js";

/** Where a report came from. */
export interface ReportSource {
  reportId: string;
  org: string;
  year: number | null;
  /** The name to send the file under: as it arrived (an upload's name, an address's last part). */
  name: string;
  /** Addresses it was fetched from: the page an admin gave first, then the attachment read, if any. */
  urls: string[];
  /** The original bytes; null when they were not kept (only the address is known, or nothing). */
  bytes: Uint8Array | null;
}

/** A table of a report as read, with the cell of one figure marked. */
export interface TableView {
  reportId: string;
  org: string;
  year: number | null;
  /** Which table: "表三 收到和处理政府信息公开申请情况", "统计表" … */
  title: string;
  /** Column headers (short: 自然人, 商业企业 …, 总计). */
  columns: string[];
  rows: {
    label: string;
    /** One per column; undefined = no such cell, null = printed blank. */
    cells: (number | null | undefined)[];
    /** Computed from other cells (a sum the template does not print). */
    derived?: boolean;
  }[];
  /** The figure's cell. */
  at: { row: number; col: number };
  unit: string;
  /** The line the figure was read from, as printed. */
  evidence: { line: number; text: string };
}

export type TableLookup =
  | { ok: true; table: TableView }
  /** no-report: not held (any more); stale: the report was read again and that figure is gone; no-table: a figure of the prose. */
  | { ok: false; reason: "no-report" | "stale" | "no-table" };

/** One figure of an export: the same figure (value, line, evidence) a question about it is answered with. */
export interface ExportRow {
  reportId: string;
  org: string;
  region: string;
  fullRegion: string;
  province: string;
  year: number | null;
  metric: string;
  label: string;
  /** Column of the table (自然人, 市直单位 …), "" for the report's own total. */
  slice: string;
  value: number | null;
  unit: string;
  source: FigureSource;
  certain: boolean;
  note: string;
  line: number;
  evidence: string;
}

export type ExportResult =
  | {
      ok: true;
      /** A metric across bodies and years, or every figure of one report. */
      kind: "metric" | "report";
      /** "行政复议 · 福州市 · 2019—2024年" */
      title: string;
      /** A file name without extension, ASCII only: "nianbao-review.total-2019-2024". */
      fileBase: string;
      rows: ExportRow[];
      /** UTF-8 with BOM (Excel reads it as UTF-8), CRLF line ends, RFC 4180 quoting. */
      csv: string;
      json: string;
      /** What was left out or assumed, for the reply. */
      notes: string[];
    }
  | { ok: false; error: string };

/** A file fetched from the web for ingest, with the addresses it came from. */
export interface FetchedFile {
  /** The name to ingest it under (its extension chooses the reader). */
  name: string;
  bytes: Uint8Array;
  /** The address given, then the attachment's, when the page pointed to the report. */
  urls: string[];
}

export interface Reuse {
  /** The original of a report (file and addresses), undefined when the report is not held. */
  source(reportId: string): ReportSource | undefined;
  /** The table a figure was read from; the figure is named by its line and `figureKey`. */
  table(reportId: string, line: number, key: string): TableLookup;
  /**
   * `行政复议 福州市 2019-2024` → that metric across the bodies and years named (all when none);
   * `长寿区 2018` → every figure of that report with its evidence.
   */
  exportFigures(query: string): ExportResult;
  /** Remember the addresses a fetched file came from (call after ingesting it). */
  rememberAddresses(file: FetchedFile, reportId?: string): void;
}

/**
 * A short stable key of a figure's metric and column, small enough for a button's 64 bytes:
 * figureKey("requests.result.granted", "natural_person") → "1k9x3f2".
 */
export function figureKey(metric: string, slice?: string): string {
  let h = 0x811c9dc5;
  for (const ch of `${metric}|${slice ?? ""}`) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36);
}
