// The originals of a bulk ingest written by a thread of their own. Each file's write, flush,
// rename and folder cost the main thread ≈0.3 ms of promise and file-handle work a report — a fifth
// of what it spent storing one — and the main thread is the one that stores every report. The
// writes are the same (writeOriginal, durable.ts) made by the worker's event loop; the main thread
// posts the bytes and awaits the answer. A worker that cannot start leaves them to the calling
// thread, as before.
import { dirname } from "node:path";
import { Worker } from "node:worker_threads";
import { makeDir, syncFolder, writeFileDurable } from "./durable.js";

export interface OriginalWriter {
  /** Write `data` to `path` durably (its folder made when missing); `syncFolder: false` leaves the folder's flush to syncFolders. */
  write(path: string, data: Uint8Array, syncFolder: boolean): Promise<void>;
  /** Flush these folders (the renames into them). */
  syncFolders(dirs: string[]): Promise<void>;
}

export type WriterJob = { id: number; kind: "write"; path: string; data: Uint8Array; syncFolder: boolean } | { id: number; kind: "sync"; dirs: string[] };
type Reply = { ready: true } | { id: number; error?: string };

/** Folders made by this thread (a bulk ingest puts hundreds of files a second in 256 of them). */
const made = new Set<string>();

/** One job, on the thread that runs it. */
export async function runWriterJob(job: WriterJob): Promise<void> {
  if (job.kind === "sync") {
    await Promise.all(job.dirs.map(syncFolder));
    return;
  }
  const sub = dirname(job.path);
  if (!made.has(sub)) {
    makeDir(sub);
    made.add(sub);
  }
  await writeFileDurable(job.path, job.data, { syncFolder: job.syncFolder });
}

export function createOriginalWriter(entry = new URL("./original-writer-worker.mjs", import.meta.url)): OriginalWriter {
  let worker: Worker | undefined;
  let ready = false;
  let unavailable = false;
  let nextId = 1;
  const waiting = new Map<number, { job: WriterJob; resolve: () => void; reject: (e: Error) => void }>();

  const start = (): Worker => {
    const w = new Worker(entry);
    w.unref(); // an idle writer never holds the process
    w.on("message", (m: Reply) => {
      if ("ready" in m) {
        ready = true;
        return;
      }
      const p = waiting.get(m.id);
      if (!p) return;
      waiting.delete(m.id);
      if (waiting.size === 0) w.unref();
      if (m.error === undefined) p.resolve();
      else p.reject(new Error(m.error));
    });
    const fail = (reason: string) => {
      if (worker !== w) return;
      worker = undefined;
      const jobs = [...waiting.values()];
      waiting.clear();
      // Never started (no worker threads, the loader missing): written here from now on.
      if (!ready) unavailable = true;
      for (const p of jobs) {
        if (unavailable) runWriterJob(p.job).then(p.resolve, p.reject);
        else p.reject(new Error(`原文件写入线程出错（${reason}）`));
      }
    };
    w.on("error", (err) => fail(err.message));
    w.on("exit", (code) => fail(`退出，代码 ${code}`));
    return w;
  };

  const run = (job: WriterJob): Promise<void> => {
    if (unavailable) return runWriterJob(job);
    try {
      worker ??= start();
    } catch {
      unavailable = true;
      return runWriterJob(job);
    }
    const w = worker;
    return new Promise<void>((resolve, reject) => {
      waiting.set(job.id, { job, resolve, reject });
      w.ref();
      w.postMessage(job);
    });
  };

  return {
    write: (path, data, syncFolder) => run({ id: nextId++, kind: "write", path, data, syncFolder }),
    syncFolders: (dirs) => (dirs.length ? run({ id: nextId++, kind: "sync", dirs }) : Promise.resolve()),
  };
}
