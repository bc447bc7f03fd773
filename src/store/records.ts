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
  read(id: string): StoredRecord | undefined;
  has(id: string): boolean;
  remove(id: string): void;
}

const SAFE_ID = /^[0-9a-f]{16}$/;

/** Records under `dir`, two hex characters of fan-out (100k reports → 256 folders of ~400). */
export function fileRecordStore(dir: string): RecordStore {
  const pathOf = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error(`records: bad report id ${JSON.stringify(id)}`);
    return join(dir, id.slice(0, 2), `${id}.json`);
  };
  return {
    write(record) {
      const path = pathOf(record.report.id);
      mkdirSync(join(dir, record.report.id.slice(0, 2)), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(record));
      renameSync(tmp, path);
    },
    read(id) {
      try {
        return JSON.parse(readFileSync(pathOf(id), "utf8")) as StoredRecord;
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
  const map = new Map<string, string>();
  return {
    write: (record) => void map.set(record.report.id, JSON.stringify(record)),
    read: (id) => {
      const s = map.get(id);
      return s ? (JSON.parse(s) as StoredRecord) : undefined;
    },
    has: (id) => map.has(id),
    remove: (id) => void map.delete(id),
  };
}
