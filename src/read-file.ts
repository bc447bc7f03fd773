// Bytes → a parsed report, its original's name and (optionally) its segmented passages, and what
// the stores keep of them: the pure, per-file part of an ingest or a reindex. It runs in the
// reader's worker thread (reader.ts), or on the calling thread when there is none.
import type { Report } from "./domain.js";
import { extensionOf, extractText } from "./extract.js";
import { indexPassages } from "./index/passages.js";
import type { IndexedPassage } from "./index/search-index.js";
import { type PreparedPassages, preparePassages } from "./index/stored-passages.js";
import { parseReport } from "./parse/report.js";
import { keyFigures } from "./qa/figures.js";
import { originalName } from "./store/originals.js";
import { type PackedParts, packParts } from "./store/records.js";

export type ReadResult =
  | {
      ok: true;
      report: Report;
      /** Name of the bytes in the originals store (content hash + extension). */
      original: string;
      /** Segmented passages, when asked for (a worker does the segmentation too). */
      passages?: IndexedPassage[];
      /** What the stores keep of the report and those passages, when asked for (prepareForStore). */
      prepared?: Prepared;
      parseMs: number;
      segmentMs: number;
      /** Where its passages were cut: the process's jieba thread (segment.ts segmenterLink), or a jieba of the reading thread's own. */
      cutIn?: "jieba thread" | "worker";
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

/**
 * What the SQLite and PostgreSQL stores keep of a report and its passages, made where it was read
 * so the one thread that stores every report of a bulk ingest only writes it: the record's packed
 * parts (≈1.4 ms a report of deflating), the index's packed passages and word counts, the
 * catalog's key figures. The stores make the same from the report when not given it.
 */
export interface Prepared {
  parts: PackedParts;
  passages: PreparedPassages;
  key: Record<string, number>;
}

export function prepareForStore(report: Report, passages: IndexedPassage[]): Prepared {
  const parts = packParts({ report, passages });
  const ready = preparePassages(passages);
  return { parts: { report: own(parts.report), text: own(parts.text) }, passages: { ...ready, packed: own(ready.packed) }, key: keyFigures(report) };
}

/** The buffers of `prepared`: handed to the main thread (transferred), not copied. */
export function buffersOf(prepared: Prepared): ArrayBuffer[] {
  return [prepared.parts.report.buffer, prepared.parts.text.buffer, prepared.passages.packed.buffer] as ArrayBuffer[];
}

/** Bytes on an ArrayBuffer of their own (a small Buffer shares Node's pool, which must not be transferred). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}
