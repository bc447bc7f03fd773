// The original bytes of every file ever accepted, under their content hash, beside the db
// (`data/db.originals/ab/ab12….pdf`). Whatever path a report came by (an upload, the inbox, a CLI
// ingest of a folder anywhere on disk), a reindex can read it again from here. Written to a
// temporary name and renamed, so a crash leaves the whole file or none.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { makeDir, syncFolder, writeFileDurable, writeFileDurableSync } from "./durable.js";
import type { OriginalWriter } from "./original-writer.js";

export interface OriginalStore {
  /** Keep `data` (once per content); returns its name in the store: `<sha256 32 hex>.<ext>`. */
  put(data: Uint8Array, ext: string): string;
  /**
   * `put` without blocking the event loop (a 19 MB upload's write and fsync). `name`: the bytes'
   * name when already known (hashed in the reader's worker), not hashed again here.
   */
  putAsync(data: Uint8Array, ext: string, name?: string, opts?: { folderLater?: boolean }): Promise<string>;
  /**
   * `folderLater`: the file is written, flushed and renamed, but its folder is flushed (the
   * rename made durable) only by the next `syncFolders()` — once per folder for a batch of files,
   * not once per file. The caller awaits it before the db names them.
   */
  syncFolders?(): Promise<void>;
  read(name: string): Uint8Array | undefined;
  has(name: string): boolean;
  /** Every name held, sorted. */
  list(): string[];
  remove(name: string): void;
}

const NAME = /^[0-9a-f]{32}\.[a-z0-9]{1,5}$/;

/** The store's name for these bytes: "4f0c…e1.pdf" (the extension as given, lower case, checked). */
export function originalName(data: Uint8Array, ext: string): string {
  const clean = /^\.?[a-z0-9]{1,5}$/i.test(ext) ? ext.replace(/^\./, "").toLowerCase() : "txt";
  return `${createHash("sha256").update(data).digest("hex").slice(0, 32)}.${clean}`;
}

/** `writer`: a thread that writes the files for putAsync (a bulk ingest, original-writer.ts). */
export function fileOriginalStore(dir: string, { writer }: { writer?: OriginalWriter } = {}): OriginalStore {
  /** Folders made already (a bulk ingest puts hundreds of files a second). */
  const made = new Set<string>();
  /** Folders with a file renamed into them and not flushed since (`folderLater`). */
  const unsynced = new Set<string>();
  const pathOf = (name: string) => {
    if (!NAME.test(name)) throw new Error(`originals: bad name ${JSON.stringify(name)}`);
    return join(dir, name.slice(0, 2), name);
  };
  return {
    put(data, ext) {
      const name = originalName(data, ext);
      const path = pathOf(name);
      if (existsSync(path)) return name;
      makeDir(join(dir, name.slice(0, 2)));
      writeFileDurableSync(path, data); // on disk (0600) before the db names it
      return name;
    },
    async putAsync(data, ext, known, opts) {
      const name = known && NAME.test(known) ? known : originalName(data, ext);
      const path = pathOf(name);
      if (existsSync(path)) return name;
      const sub = join(dir, name.slice(0, 2));
      // On disk (0600) before the db names it; its folder now, or with the batch's.
      if (writer) await writer.write(path, data, !opts?.folderLater);
      else {
        if (!made.has(sub)) {
          makeDir(sub);
          made.add(sub);
        }
        await writeFileDurable(path, data, { syncFolder: !opts?.folderLater });
      }
      if (opts?.folderLater) unsynced.add(sub);
      return name;
    },
    async syncFolders() {
      const subs = [...unsynced];
      unsynced.clear();
      await (writer ? writer.syncFolders(subs) : Promise.all(subs.map(syncFolder)));
    },
    read(name) {
      try {
        return new Uint8Array(readFileSync(pathOf(name)));
      } catch {
        return undefined;
      }
    },
    has: (name) => NAME.test(name) && existsSync(pathOf(name)),
    list() {
      const out: string[] = [];
      let subs: string[];
      try {
        subs = readdirSync(dir);
      } catch {
        return out;
      }
      for (const sub of subs.sort()) {
        if (!/^[0-9a-f]{2}$/.test(sub)) continue;
        for (const name of readdirSync(join(dir, sub)).sort()) if (NAME.test(name)) out.push(name);
      }
      return out;
    },
    remove(name) {
      rmSync(pathOf(name), { force: true });
    },
  };
}

/** In memory (tests). */
export function memoryOriginalStore(): OriginalStore {
  const map = new Map<string, Uint8Array>();
  return {
    put(data, ext) {
      const name = originalName(data, ext);
      if (!map.has(name)) map.set(name, new Uint8Array(data));
      return name;
    },
    async putAsync(data, ext) {
      return this.put(data, ext);
    },
    read: (name) => map.get(name),
    has: (name) => map.has(name),
    list: () => [...map.keys()].sort(),
    remove: (name) => void map.delete(name),
  };
}
