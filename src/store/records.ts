// Full report records (figures, sections, passages with their tokens), one JSON file each, kept
// beside the lowdb file and read on demand: the lowdb file holds only what start-up and ranking
// need, so it stays small and an ingest never rewrites every report. A record is written durably
// (durable.ts: temporary name, fsync, rename; mode 0600 in 0700 folders), so a crash or a power
// loss leaves either the whole record or none, and never a db entry without its record.
import { closeSync, existsSync, fstatSync, openSync, readSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import type { Evidence, Figure, Report, Section } from "../domain.js";
import type { IndexedPassage } from "../index/search-index.js";
import { makeDir, writeFileDurableSync } from "./durable.js";
import { packJson, unpackJson } from "./packed.js";

export interface StoredRecord {
  report: Report;
  passages: IndexedPassage[];
  /**
   * The two parts as the SQLite and PostgreSQL stores keep them (packParts), made already — the
   * reader's worker made them from this report and these passages; made on writing when not given.
   */
  packed?: PackedParts;
}

/** A record's report part and text part, each packed (packed.ts). */
export interface PackedParts {
  report: Uint8Array;
  text: Uint8Array;
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

/**
 * On disk the report part is compact, because it is read on every question about the report: a
 * figure is a tuple of indexes into tables of the record's metric names, slices, units and quotes
 * (a 表三 row quotes one line for its seven columns), which parses several times faster than
 * objects with repeated keys.
 */
type StoredFigure = [
  metric: number,
  slice: number,
  value: number | null,
  unit: number,
  source: number,
  certain: 0 | 1,
  quote: number,
  note?: string | null,
  label?: string,
];
export interface ReportPart extends Omit<Report, "figures" | "sections"> {
  figs: StoredFigure[];
  names: string[];
  quotes: Evidence[];
}
interface TextPart {
  sections: Section[];
  passages: IndexedPassage[];
}

/** The SQLite text part: the passages are cut from the sections again, only their tokens are kept. */
export interface CompactTextPart {
  sections: Section[];
  /** Each passage's jieba tokens, in passage order. */
  tokens: string[];
}

/** How a report's sections are cut into passages (index/documents.ts toPassages). */
export type CutPassages = (report: Pick<Report, "sections">) => { text: string; section: string; line: number }[];

const SOURCES = ["table", "narrative", "derived"] as const;

export function encode(report: Report): ReportPart {
  const { figures, sections, ...rest } = report;
  void sections;
  const names: string[] = [];
  const nameIdx = new Map<string, number>();
  const name = (s: string) => {
    let i = nameIdx.get(s);
    if (i === undefined) {
      i = names.length;
      names.push(s);
      nameIdx.set(s, i);
    }
    return i;
  };
  const quotes: Evidence[] = [];
  const seen = new Map<string, number>();
  const figs = figures.map((f): StoredFigure => {
    const key = `${f.evidence.line}:${f.evidence.endLine}:${f.evidence.text}`;
    let q = seen.get(key);
    if (q === undefined) {
      q = quotes.length;
      quotes.push(f.evidence);
      seen.set(key, q);
    }
    const t: StoredFigure = [
      name(f.metric),
      f.slice === undefined ? -1 : name(f.slice),
      f.value,
      name(f.unit),
      SOURCES.indexOf(f.source),
      f.certain ? 1 : 0,
      q,
    ];
    if (f.note !== undefined || f.label !== undefined) t.push(f.note ?? null);
    if (f.label !== undefined) t.push(f.label);
    return t;
  });
  return { ...rest, figs, names, quotes };
}

export function decode(part: ReportPart): Report {
  const { figs, names, quotes, ...rest } = part;
  const figures: Figure[] = new Array(figs.length);
  for (let i = 0; i < figs.length; i++) {
    const t = figs[i]!;
    const f: Figure = { metric: names[t[0]]!, value: t[2], unit: names[t[3]]!, source: SOURCES[t[4]]!, evidence: quotes[t[6]]!, certain: t[5] === 1 };
    if (t[1] >= 0) f.slice = names[t[1]]!;
    if (t[7] != null) f.note = t[7];
    if (t[8] !== undefined) f.label = t[8];
    figures[i] = f;
  }
  return { ...rest, figures, sections: [] };
}

/**
 * Records under `dir`, two hex characters of fan-out (100k reports → 256 folders of ~400). One file
 * per report: the byte length of the report part on the first line, then the report part (figures
 * with a table of quotes), then the text part (sections and passages with tokens), so either part
 * is parsed without the other and an ingest costs one write and one rename.
 */
export function fileRecordStore(dir: string): RecordStore {
  const made = new Set<string>();
  const pathOf = (id: string) => {
    if (!SAFE_ID.test(id)) throw new Error(`records: bad report id ${JSON.stringify(id)}`);
    return join(dir, id.slice(0, 2), `${id}.rec`);
  };
  /** One part of a record file, read without the other: the header gives the report part's bytes. */
  const readPart = (id: string, part: "report" | "text"): string | undefined => {
    let fd: number | undefined;
    try {
      fd = openSync(pathOf(id), "r");
      const head = Buffer.alloc(24);
      const got = readSync(fd, head, 0, 24, 0);
      const nl = head.subarray(0, got).indexOf(10);
      const len = Number(head.subarray(0, nl).toString("latin1"));
      if (nl < 0 || !Number.isInteger(len)) return undefined;
      const start = part === "report" ? nl + 1 : nl + 1 + len;
      const size = part === "report" ? len : fstatSync(fd).size - start;
      const buf = Buffer.allocUnsafe(size);
      let off = 0;
      while (off < size) {
        const n = readSync(fd, buf, off, size - off, start + off);
        if (n <= 0) return undefined;
        off += n;
      }
      return buf.toString("utf8");
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  };
  const textPart = (id: string): TextPart | undefined => {
    try {
      const t = readPart(id, "text");
      return t ? (JSON.parse(t) as TextPart) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    write(record) {
      const id = record.report.id;
      const sub = join(dir, id.slice(0, 2));
      if (!made.has(sub)) {
        makeDir(sub);
        made.add(sub);
      }
      const report = JSON.stringify(encode(record.report));
      const text: TextPart = { sections: record.report.sections, passages: record.passages };
      writeFileDurableSync(pathOf(id), `${Buffer.byteLength(report)}\n${report}${JSON.stringify(text)}`);
    },
    readReport(id) {
      try {
        const t = readPart(id, "report");
        return t ? decode(JSON.parse(t) as ReportPart) : undefined;
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

/**
 * Records in the SQLite store's `record` table (store/sqlite.ts creates it): the same two parts as
 * a record file — the compact report part, then the text part — each JSON deflated (packed.ts), so a record
 * takes about 0.8× the report's text in bytes instead of ~4×. The text part keeps the sections and
 * each passage's tokens; the passages themselves are cut from the sections again on reading
 * (`cut`, the function that cut them at ingest), and if that no longer gives as many passages as
 * tokens were kept, the passages read as missing and the library segments them again. The report
 * part is the first column: reading it leaves the text part's pages unread.
 */
/** A record part as a store keeps it (deflated JSON, packed.ts), read by column and id. */
export type PartReader = <T>(column: "report" | "text", id: string) => T | undefined;

/**
 * A record's report, sections and passages from its two stored parts — the same for every store
 * that keeps them by row (SQLite here, PostgreSQL in pg-stores.ts): the passages are cut from the
 * sections again (`cut`), and read as missing when that no longer gives one per kept token list.
 */
export function partReaders(read: PartReader, cut: CutPassages): Pick<RecordStore, "readReport" | "readSections" | "readPassages"> {
  return {
    readReport(id) {
      const part = read<ReportPart>("report", id);
      return part ? decode(part) : undefined;
    },
    readSections: (id) => read<CompactTextPart>("text", id)?.sections,
    readPassages(id) {
      const part = read<CompactTextPart>("text", id);
      if (!part) return undefined;
      const passages = cut(part);
      if (passages.length !== part.tokens.length) return undefined;
      return passages.map((p, i) => ({ reportId: id, text: p.text, section: p.section, line: p.line, tokens: part.tokens[i]! }));
    },
  };
}

/** The parts a store written by rows keeps (sqliteRecordStore, pgRecordStore in pg-stores.ts). */
export function packParts(record: Pick<StoredRecord, "report" | "passages">): PackedParts {
  const text: CompactTextPart = { sections: record.report.sections, tokens: record.passages.map((p) => p.tokens) };
  return { report: packJson(encode(record.report)), text: packJson(text) };
}

export function sqliteRecordStore(db: Database, cut: CutPassages): RecordStore {
  const get = (column: "report" | "text") => db.prepare(`SELECT ${column} FROM record WHERE id = ?`).pluck();
  const q = { report: get("report"), text: get("text"), has: db.prepare("SELECT 1 FROM record WHERE id = ?").pluck() };
  const w = db.readonly
    ? null
    : { put: db.prepare("INSERT OR REPLACE INTO record (id, report, text) VALUES (?, ?, ?)"), drop: db.prepare("DELETE FROM record WHERE id = ?") };
  const read = <T>(column: "report" | "text", id: string): T | undefined => {
    try {
      const blob = q[column].get(id) as Buffer | undefined;
      return blob ? unpackJson<T>(blob) : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    write(record) {
      if (!w) throw new Error("records: the database is open read-only");
      const { report, text } = record.packed ?? packParts(record);
      w.put.run(record.report.id, report, text);
    },
    ...partReaders(read, cut),
    has: (id) => q.has.get(id) !== undefined,
    remove(id) {
      w?.drop.run(id);
    },
  };
}

/** In memory (tests, the bench's baseline). */
export function memoryRecordStore(): RecordStore {
  const map = new Map<string, StoredRecord>();
  return {
    write: ({ report, passages }) => void map.set(report.id, { report, passages }),
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
