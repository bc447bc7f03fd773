// The lowdb store: one JSON file owned by one process (see lock.ts), written through
// durableJsonFile: a temporary file flushed to disk and renamed, mode 0600 (it holds subscribers'
// chat ids), so a crash or a power loss mid-write leaves the previous file intact.
import { type Adapter, Low, Memory } from "lowdb";
import type { ReportEntry } from "../domain.js";
import type { BotState } from "../service.js";
import { durableJsonFile } from "./durable.js";
import { internEntry } from "./intern.js";

/** Bump when the entry shape or the parser changes what it stores: old files are re-ingested. */
export const DB_VERSION = 2;

/** One file of a report that does not answer (another rendition, or an earlier version). */
export interface StoredCopy {
  /** Report id of that file's text. */
  id: string;
  /** Its bytes in the originals store (originals.ts). */
  original?: string;
  /** File under the corpus directory it was read from (relative), if any. */
  file?: string;
  sourceName: string;
  addedAt: string;
  figureCount: number;
  warningCount: number;
  uncertainCount: number;
}

/** An earlier version of a report, replaced by a file of the same body and year with other figures. */
export interface StoredRevision extends StoredCopy {
  replacedAt: string;
  /** "metric|slice" keys whose values differ from the version that replaced it. */
  changed: string[];
}

/** One report in the lowdb file; its full record is a file of its own (records.ts). */
export interface StoredEntry extends ReportEntry {
  /** File under the corpus directory this report was read from (relative), if kept. */
  file?: string;
  /** The original bytes in the originals store (originals.ts): `<sha256 32 hex>.<ext>`. */
  original?: string;
  addedAt: string;
  /** false until every onReportAdded listener (the bot's alert queue) has taken it. */
  announced?: boolean;
  uncertainCount?: number;
  /** Other files of the same report (same body, year and figures), read less well: not answering. */
  renditions?: StoredCopy[];
  /** Earlier versions (same body and year, other figures), oldest first; their records are kept. */
  revisions?: StoredRevision[];
  /** This version replaced another with other figures and no one has been told yet (for the alerts). */
  revisionPending?: boolean;
  /** Held for an admin: what the text lacks ("发布机关", "年份", "数字"). Only in `held`. */
  missing?: string[];
}

export interface DbData {
  version: number;
  reports: StoredEntry[];
  /** Texts missing an issuer, a year or figures, waiting for an admin: not listed, answered or announced. */
  held: StoredEntry[];
  /** Admins' decisions on held texts, by original (or report id), so a reindex keeps them. */
  decisions: { confirmed: string[]; discarded: string[] };
  /**
   * Only in files written before the bot state had a file of its own (store/bot-state.ts): read
   * once to fill that file, then dropped from the db.
   */
  bot?: Partial<BotState>;
}

export function emptyData(): DbData {
  return {
    version: DB_VERSION,
    reports: [],
    held: [],
    decisions: { confirmed: [], discarded: [] },
  };
}

export class DbError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DbError";
  }
}

/**
 * Open a db through an adapter (`new JSONFile(path)` in the app, `new Memory()` in tests). A missing
 * file starts empty; a malformed one is an error that names the file, never silently replaced.
 */
export async function openDb(adapter: Adapter<DbData>, where = "db"): Promise<Low<DbData>> {
  const db = new Low<DbData>(adapter, emptyData());
  try {
    await db.read();
  } catch (err) {
    throw new DbError(`数据库文件 ${where} 无法读取或不是有效的 JSON：${(err as Error).message}`, { cause: err });
  }
  const d = db.data as Partial<DbData> | null;
  if (!d || typeof d !== "object" || !Array.isArray(d.reports)) {
    throw new DbError(`数据库文件 ${where} 格式不对（缺少 reports 数组）。请移走该文件后重新导入报告。`);
  }
  db.data = {
    version: typeof d.version === "number" ? d.version : 0,
    reports: d.reports,
    held: Array.isArray(d.held) ? d.held : [],
    decisions: {
      confirmed: Array.isArray(d.decisions?.confirmed) ? d.decisions!.confirmed : [],
      discarded: Array.isArray(d.decisions?.discarded) ? d.decisions!.discarded : [],
    },
    ...(d.bot && typeof d.bot === "object" ? { bot: d.bot } : {}),
  };
  return db;
}

export function fileAdapter(path: string): Adapter<DbData> {
  // Compact: at 5,000 reports indenting the 16 MB catalog held the event loop 4× longer.
  const file = durableJsonFile<DbData>(path, { indent: 0 });
  return {
    // One copy of the names and keys the entries repeat (intern.ts); the file is as it was.
    async read() {
      const data = await file.read();
      for (const list of [data?.reports, data?.held]) if (Array.isArray(list)) for (const e of list) internEntry(e);
      return data;
    },
    write: (data) => file.write(data),
  };
}

export function memoryAdapter(): Adapter<DbData> {
  return new Memory<DbData>();
}
