// Full report records (figures, sections, passages with their tokens), one JSON file each, kept
// beside the lowdb file and read on demand: the lowdb file holds only what start-up and ranking
// need, so it stays small and an ingest never rewrites every report. A record is written to a
// temporary name and renamed, so a crash leaves either the whole record or none.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Evidence, Figure, Report, Section } from "../domain.js";
import type { IndexedPassage } from "../index/search-index.js";

export interface StoredRecord {
  report: Report;
  passages: IndexedPassage[];
}

export interface RecordStore {
  write(record: StoredRecord): void;
  /**
   * The report without its sections (`sections: []`): what answering needs, and the part of the
   * record that is read on every question about this report, so it is kept small.
   */
  readReport(id: string): Report | undefined;
  /** The report's narrative sections (with the passages in the record's second part). */
  readSections(id: string): Section[] | undefined;
  /** Its passages with tokens (full-text search reads only these). */
  readPassages(id: string): IndexedPassage[] | undefined;
  has(id: string): boolean;
  remove(id: string): void;
}

const SAFE_ID = /^[0-9a-f]{16}$/;

/** On disk a figure's evidence is an index into the record's table of quotes: a 表三 row quotes
 * the same line for its seven columns, and the report part of the record is read on every
 * question about it. */
interface StoredFigure extends Omit<Figure, "evidence"> {
  e: number;
}
interface ReportPart extends Omit<Report, "figures" | "sections"> {
  figures: StoredFigure[];
  quotes: Evidence[];
}
interface TextPart {
  sections: Section[];
  passages: IndexedPassage[];
}

function encode(report: Report): ReportPart {
  const { figures, sections, ...rest } = report;
  void sections;
  const quotes: Evidence[] = [];
  const seen = new Map<string, number>();
  const stored = figures.map(({ evidence, ...f }) => {
    const key = `${evidence.line}:${evidence.endLine}:${evidence.text}`;
    let e = seen.get(key);
    if (e === undefined) {
      e = quotes.length;
      quotes.push(evidence);
      seen.set(key, e);
    }
    return { ...f, e };
  });
  return { ...rest, figures: stored, quotes };
}

function decode(part: ReportPart): Report {
  const { figures, quotes, ...rest } = part;
  return { ...rest, figures: figures.map(({ e, ...f }) => ({ ...f, evidence: quotes[e]! })), sections: [] };
}

/**
 * Records under `dir`, two hex characters of fan-out (100k reports → 256 folders of ~400). One file
 * per report: the length of the report part on the first line, then the report part (figures
 * with a table of quotes), then the text part (sections and passages with tokens), so either part
 * is parsed without the other and an ingest costs one write and one rename.
 */
export function fileRecordStore(dir: string): RecordStore {
  const made = new Set<string>();
  const pathOf = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error(`records: bad report id ${JSON.stringify(id)}`);
    return join(dir, id.slice(0, 2), `${id}.rec`);
  };
  const read = (id: string): { text: string; split: number } | undefined => {
    try {
      const text = readFileSync(pathOf(id), "utf8");
      const nl = text.indexOf("\n");
      const len = Number(text.slice(0, nl));
      if (nl < 0 || !Number.isInteger(len)) return undefined;
      return { text: text.slice(nl + 1), split: len };
    } catch {
      return undefined;
    }
  };
  const textPart = (id: string): TextPart | undefined => {
    const r = read(id);
    try {
      return r ? (JSON.parse(r.text.slice(r.split)) as TextPart) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    write(record) {
      const id = record.report.id;
      const sub = join(dir, id.slice(0, 2));
      if (!made.has(sub)) {
        mkdirSync(sub, { recursive: true });
        made.add(sub);
      }
      const report = JSON.stringify(encode(record.report));
      const text: TextPart = { sections: record.report.sections, passages: record.passages };
      const path = pathOf(id);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${report.length}\n${report}${JSON.stringify(text)}`);
      renameSync(tmp, path);
    },
    readReport(id) {
      const r = read(id);
      try {
        return r ? decode(JSON.parse(r.text.slice(0, r.split)) as ReportPart) : undefined;
      } catch {
        return undefined;
      }
    },
    readSections: (id) => textPart(id)?.sections,
    readPassages: (id) => textPart(id)?.passages,
    has: (id) => SAFE_ID.test(id) && existsSync(pathOf(id)),
    remove(id) {
      rmSync(pathOf(id), { force: true });
    },
  };
}

/** In memory (tests, the bench's baseline). */
export function memoryRecordStore(): RecordStore {
  const map = new Map<string, StoredRecord>();
  return {
    write: (record) => void map.set(record.report.id, record),
    readReport: (id) => {
      const r = map.get(id)?.report;
      return r ? { ...r, sections: [] } : undefined;
    },
    readSections: (id) => map.get(id)?.report.sections,
    readPassages: (id) => map.get(id)?.passages,
    has: (id) => map.has(id),
    remove: (id) => void map.delete(id),
  };
}
