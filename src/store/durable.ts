// Writes that survive a crash and a power loss, readable by the owner only. The db holds
// subscribers' chat ids, and the records and uploads are what the db points to: each is written to
// a temporary file (mode 0600) that is flushed to disk (fsync), renamed over the old one, and the
// folder flushed so the rename itself is kept. A reader sees the old file or the new one, and after
// a power loss the db never names a record that was not on disk. Folders are made 0700.
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { open, readFile, rename, rm } from "node:fs/promises";
import { dirname } from "node:path";
import type { Adapter } from "lowdb";
import { ensureDir } from "./dirs.js";

/** Mode of the data files we write: the owner reads and writes, nobody else. */
export const FILE_MODE = 0o600;
/** Mode of the folders we make. */
export const DIR_MODE = 0o700;

let counter = 0;
const tempName = (path: string) => `${path}.${process.pid}.${++counter}.tmp`;

/** Flush a folder's entries (a rename in it) to disk; a filesystem that cannot is left as it is. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // EISDIR/EINVAL/EPERM: some filesystems do not fsync folders; the file itself was flushed.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Make a folder (and its parents) with mode 0700 where they are missing. */
export function makeDir(dir: string): void {
  ensureDir(dir, DIR_MODE);
}

/** Write `data` to `path` durably (temporary file, fsync, rename, fsync of the folder), mode 0600. */
export function writeFileDurableSync(path: string, data: string | Uint8Array): void {
  const tmp = tempName(path);
  try {
    const fd = openSync(tmp, "w", FILE_MODE);
    try {
      const bytes = typeof data === "string" ? Buffer.from(data) : data;
      for (let off = 0; off < bytes.byteLength; ) off += writeSync(fd, bytes, off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  syncDir(dirname(path));
}

/**
 * writeFileDurableSync without blocking the event loop. `syncFolder: false`: the rename is not
 * flushed yet — the caller flushes the folder (syncFolder) before anything names the file.
 */
export async function writeFileDurable(path: string, data: string | Uint8Array, { syncFolder: flushFolder = true } = {}): Promise<void> {
  const tmp = tempName(path);
  try {
    const handle = await open(tmp, "w", FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  if (flushFolder) await syncFolder(dirname(path));
}

/** syncDir off the event loop (a bulk ingest writes hundreds of originals a second). */
export async function syncFolder(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // As syncDir: a filesystem that cannot flush a folder is left as it is.
  } finally {
    await handle?.close();
  }
}

/**
 * lowdb's JSON file adapter, written durably and readable by the owner only (lowdb's own JSONFile
 * writes 0644 and never fsyncs). Same format (JSON, two-space indent unless `indent: 0`: the
 * catalog is written compact, as indenting 16 MB took 370 ms of the event loop); a missing file reads as
 * null. Writes run one at a time; writes asked for while one runs are merged into the next, as
 * lowdb's writer (steno) merges them, and each caller's promise settles with the write that
 * holds its data.
 */
export function durableJsonFile<T>(path: string, options: { indent?: number } = {}): Adapter<T> {
  const indent = options.indent ?? 2;
  let chain: Promise<void> = Promise.resolve();
  let queued: { text: string; done: Promise<void> } | undefined;
  return {
    async read() {
      try {
        return JSON.parse(await readFile(path, "utf8")) as T;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw err;
      }
    },
    write(data) {
      const text = indent > 0 ? JSON.stringify(data, null, indent) : JSON.stringify(data);
      if (queued) {
        queued.text = text;
        return queued.done;
      }
      const job = { text, done: Promise.resolve() };
      queued = job;
      job.done = chain.then(() => {
        queued = undefined;
        return writeFileDurable(path, job.text);
      });
      chain = job.done.catch(() => undefined);
      return job.done;
    },
  };
}
