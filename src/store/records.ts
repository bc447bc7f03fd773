// Full report records (figures, sections, passages with their tokens), one JSON file each, kept
// beside the lowdb file and read on demand: the lowdb file holds only what start-up and ranking
// need, so it stays small and an ingest never rewrites every report. A record is written to a
// temporary name and renamed, so a crash leaves either the whole record or none.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Report } from "../domain.js";
import type { IndexedPassage } from "../index/search-index.js";

export interface StoredRecord {
  report: Report;
  passages: IndexedPassage[];
}

export interface RecordStore {
  write(record: StoredRecord): void;
  /** The report (figures, sections). */
  readReport(id: string): Report | undefined;
  /** Its passages with tokens (full-text search reads only these). */
  readPassages(id: string): IndexedPassage[] | undefined;
  has(id: string): boolean;
  remove(id: string): void;
}

const SAFE_ID = /^[0-9a-f]{16}$/;

/**
 * Records under `dir`, two hex characters of fan-out (100k reports → 256 folders of ~400). One file
 * per report: the length of the report's JSON on the first line, then the report, then its
 * passages, so either part is parsed without the other and an ingest costs one write and one rename.
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
  return {
    write(record) {
      const id = record.report.id;
      const sub = join(dir, id.slice(0, 2));
      if (!made.has(sub)) {
        mkdirSync(sub, { recursive: true });
        made.add(sub);
      }
      const report = JSON.stringify(record.report);
      const path = pathOf(id);
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, `${report.length}\n${report}${JSON.stringify(record.passages)}`);
      renameSync(tmp, path);
    },
    readReport(id) {
      const r = read(id);
      try {
        return r ? (JSON.parse(r.text.slice(0, r.split)) as Report) : undefined;
      } catch {
        return undefined;
      }
    },
    readPassages(id) {
      const r = read(id);
      try {
        return r ? (JSON.parse(r.text.slice(r.split)) as IndexedPassage[]) : undefined;
      } catch {
        return undefined;
      }
    },
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
    readReport: (id) => map.get(id)?.report,
    readPassages: (id) => map.get(id)?.passages,
    has: (id) => map.has(id),
    remove: (id) => void map.delete(id),
  };
}
