// Bytes → a parsed report, its original's name and (optionally) its segmented passages: the pure,
// per-file part of an ingest or a reindex. It runs in the reader's worker thread (reader.ts), or on
// the calling thread when there is none.
import type { Report } from "./domain.js";
import { extensionOf, extractText } from "./extract.js";
import { indexPassages } from "./index/passages.js";
import type { IndexedPassage } from "./index/search-index.js";
import { parseReport } from "./parse/report.js";
import { originalName } from "./store/originals.js";

export type ReadResult =
  | {
      ok: true;
      report: Report;
      /** Name of the bytes in the originals store (content hash + extension). */
      original: string;
      /** Segmented passages, when asked for (a worker does the segmentation too). */
      passages?: IndexedPassage[];
      parseMs: number;
      segmentMs: number;
    }
  | { ok: false; error: string };

/** Extract, parse and optionally segment one file. Never throws for a bad file: says why. */
export async function readReportBytes(name: string, data: Uint8Array, opts: { segment: boolean }): Promise<ReadResult> {
  const extracted = await extractText(name, data);
  if (!extracted.ok) return { ok: false, error: extracted.error };
  const t0 = performance.now();
  const parsed = parseReport(extracted.text, { name, ...(extracted.warnings ? { inputWarnings: extracted.warnings } : {}) });
  const parseMs = performance.now() - t0;
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const original = originalName(data, extensionOf(name).slice(1) || "bin");
  if (!opts.segment) return { ok: true, report: parsed.report, original, parseMs, segmentMs: 0 };
  const t1 = performance.now();
  const passages = indexPassages(parsed.report);
  return { ok: true, report: parsed.report, original, passages, parseMs, segmentMs: performance.now() - t1 };
}
