// The report files of a folder (data/reports, which /reindex reads, or what `npm run cli -- ingest`
// is given), read as what their names claim. Whoever fills the folder may leave what is no report:
// a symlink to /dev/zero (which reads forever), a FIFO named .txt (which blocks forever), a link
// back to a folder above (every file read again on each lap), a link out of the folder (files the
// library was never given). Only regular files are read, each size is checked before reading, and
// every entry named like a report that is not read is listed with its reason.
import { closeSync, constants, type Dirent, fstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, type Stats, statSync } from "node:fs";
import { extname, isAbsolute, join, relative } from "node:path";
import { SUPPORTED_EXTENSIONS } from "./extract.js";
import { formatBytes } from "./refusal.js";

/** Largest report file read from disk unless the caller says otherwise. */
export const MAX_REPORT_FILE_BYTES = 50 * 1024 * 1024;
/** Folders deeper than this under a given folder are not listed. */
const MAX_DEPTH = 6;
/** Folders never listed: the bot's inbox (its files are handed over, not read in place) and packages. */
const SKIPPED_FOLDERS = new Set(["inbox", "node_modules"]);

export interface RefusedEntry {
  /** The entry as found under the folder given (a link's own path, not its target). */
  path: string;
  /** Why it is not read, as a person reads it. */
  reason: string;
}

export interface ReportFileList {
  /** Regular files with a report extension, sorted by folder and name, each real file once. */
  files: string[];
  refused: RefusedEntry[];
}

const isReportName = (name: string) => (SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase());

/** What a non-regular file is, in words. */
function kindOf(entry: Dirent | Stats): string {
  if (entry.isFIFO()) return "命名管道（FIFO）";
  if (entry.isSocket()) return "套接字";
  if (entry.isCharacterDevice() || entry.isBlockDevice()) return "设备文件";
  if (entry.isDirectory()) return "目录";
  return "特殊文件";
}

const inside = (root: string, path: string) => {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
};

const errorCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? "error";

/**
 * The report files under each path (a folder, searched to six levels, or a file), and the entries
 * named like reports that are refused. A symlink is followed only to a regular file or folder
 * inside the folder given, each real file and folder once; a link that leaves the folder, points
 * to a folder above it, or loops is refused with its reason:
 *
 *   listReportFiles(["data/reports"])
 *   → { files: ["data/reports/000_2d63126c8570951a.txt", …],
 *       refused: [{ path: "data/reports/zero.txt", reason: "是指向数据目录之外（/dev/zero）的符号链接，未读取。" }] }
 *
 * A path that does not exist is skipped.
 */
export function listReportFiles(paths: string[]): ReportFileList {
  const files: string[] = [];
  const refused: RefusedEntry[] = [];
  const seenFiles = new Set<string>();
  const seenFolders = new Set<string>();
  const refuse = (path: string, reason: string) => void refused.push({ path, reason });
  const addFile = (shown: string, real: string) => {
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(shown);
  };

  /** `shown` is the folder as found from the path given, `real` its real path; `above` the real folders on the way down. */
  const walk = (root: string, shown: string, real: string, depth: number, above: readonly string[]) => {
    if (depth > MAX_DEPTH || seenFolders.has(real)) return;
    seenFolders.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(real, { withFileTypes: true });
    } catch (err) {
      refuse(shown, `目录无法读取（${errorCode(err)}）。`);
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const path = [...above, real];
    for (const entry of entries) {
      const name = entry.name;
      if (name.startsWith(".") || SKIPPED_FOLDERS.has(name)) continue;
      const entryShown = join(shown, name);
      const entryReal = join(real, name);
      if (entry.isDirectory()) walk(root, entryShown, entryReal, depth + 1, path);
      else if (entry.isFile()) {
        if (isReportName(name)) addFile(entryShown, entryReal);
      } else if (entry.isSymbolicLink()) {
        followLink(root, entryShown, entryReal, name, depth, path);
      } else if (isReportName(name)) {
        refuse(entryShown, `不是普通文件（${kindOf(entry)}），未读取。`);
      }
    }
  };

  const followLink = (root: string, shown: string, real: string, name: string, depth: number, above: readonly string[]) => {
    let target: string;
    try {
      target = realpathSync(real);
    } catch (err) {
      if (errorCode(err) === "ELOOP") refuse(shown, "是循环的符号链接（指向自己，或几个链接互相指向），无法解析，未读取。");
      else if (isReportName(name)) refuse(shown, `是指向不存在位置（${readlinkSafe(real)}）的符号链接，未读取。`);
      return;
    }
    let st: Stats;
    try {
      st = statSync(target);
    } catch {
      return;
    }
    if (!inside(root, target)) {
      if (st.isDirectory() || isReportName(name)) refuse(shown, `是指向数据目录之外（${target}）的符号链接，未读取。`);
      return;
    }
    if (st.isDirectory()) {
      if (above.includes(target)) refuse(shown, "是指回上级目录的符号链接，会形成循环，未读取。");
      else walk(root, shown, target, depth + 1, above);
    } else if (!isReportName(name)) return;
    else if (st.isFile()) addFile(shown, target);
    else refuse(shown, `链接到的不是普通文件（${kindOf(st)}），未读取。`);
  };

  for (const given of paths) {
    let real: string;
    try {
      real = realpathSync(given);
    } catch (err) {
      if (errorCode(err) === "ELOOP") refuse(given, "是循环的符号链接，无法解析，未读取。");
      continue;
    }
    const st = statSync(real);
    if (st.isDirectory()) walk(real, given, real, 0, []);
    else if (st.isFile()) {
      if (isReportName(given) || isReportName(real)) addFile(given, real);
    } else refuse(given, `不是普通文件（${kindOf(st)}），未读取。`);
  }
  return { files, refused };
}

function readlinkSafe(path: string): string {
  try {
    return readlinkSync(path);
  } catch {
    return "?";
  }
}

export type ReadResult = { ok: true; data: Buffer } | { ok: false; error: string };

/**
 * A report file's bytes, when it is a regular file of at most `maxBytes`: the size is taken from
 * the open file (fstat) before anything is read, so a device or a FIFO that slipped in after the
 * listing is refused instead of read forever (it is opened without blocking).
 */
export function readReportFile(path: string, maxBytes = MAX_REPORT_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, error: `文件无法打开（${errorCode(err)}）。` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, error: `不是普通文件（${kindOf(st)}），未读取。` };
    if (st.size > maxBytes) return { ok: false, error: `文件过大（${formatBytes(st.size)}，上限 ${formatBytes(maxBytes)}），未读取。` };
    const data = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, data, off, st.size - off, off);
      if (n === 0) break; // shrank while being read
      off += n;
    }
    return { ok: true, data: data.subarray(0, off) };
  } catch (err) {
    return { ok: false, error: `文件无法读取（${errorCode(err)}）。` };
  } finally {
    closeSync(fd);
  }
}
