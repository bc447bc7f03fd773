// Reading files off the main thread. Parsing and segmentation are pure per file but slow (a 19 MB
// HTML took 8.6 s, during which no question was answered): they run in one worker thread, and
// the main thread only stores and indexes the result. Without worker threads (PARSE_WORKER=0, or a
// worker that cannot start) the same function runs on the calling thread.
import { Worker } from "node:worker_threads";
import { learnedWords } from "./index/segment.js";
import { readReportBytes, type ReadResult } from "./read-file.js";

export type { ReadResult } from "./read-file.js";

export interface Reader {
  /** Extract, parse and (in the worker) segment one file. */
  read(name: string, data: Uint8Array): Promise<ReadResult>;
  /** "worker" once a worker has started, "thread" when reading on the calling thread. */
  readonly mode: "worker" | "thread" | "idle";
  /** End the worker (a file being read fails with a reason). */
  close(): Promise<void>;
  /**
   * Start the worker and load its dictionary now (≈ 5 s of the worker's time), so the first
   * upload does not wait for it. Resolves when done; never rejects.
   */
  warm(): Promise<void>;
}

export interface ReaderOptions {
  /** Use a worker thread. Defaults to true. */
  worker?: boolean;
  /** The worker's heap limit: a file that needs more fails alone, the bot lives on. Defaults to 3072 MB. */
  maxHeapMb?: number;
  /** Told once when the worker cannot start and reading falls back to the calling thread. */
  onFallback?: (reason: string) => void;
  /** The worker's entry module. Defaults to ./reader-worker.mjs (tests point it elsewhere). */
  entry?: URL;
}

interface Pending {
  resolve: (r: ReadResult) => void;
  job: { name: string; data: Uint8Array };
}

/** A reader: worker thread when possible, calling thread otherwise. */
export function createReader(options: ReaderOptions = {}): Reader {
  const inThread = (name: string, data: Uint8Array) => readReportBytes(name, data, { segment: false });
  if (options.worker === false) return { read: inThread, mode: "thread", close: async () => undefined, warm: async () => undefined };

  let worker: Worker | undefined;
  let ready = false;
  let unavailable = false;
  let taught = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): Worker => {
    const w = new Worker(options.entry ?? new URL("./reader-worker.mjs", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 3072 },
    });
    w.unref(); // an idle worker never holds the process
    taught = 0;
    ready = false;
    w.on("message", (msg: { ready?: true; id?: number; result?: ReadResult }) => {
      if (msg.ready) {
        ready = true;
        return;
      }
      const p = pending.get(msg.id!);
      if (!p) return;
      pending.delete(msg.id!);
      if (pending.size === 0) w.unref();
      p.resolve(msg.result!);
    });
    const fail = (reason: string) => {
      if (worker !== w) return;
      worker = undefined;
      const jobs = [...pending.values()];
      pending.clear();
      if (!ready) {
        // It never started (no worker threads, the loader missing): read here from now on.
        unavailable = true;
        options.onFallback?.(reason);
        for (const p of jobs) void inThread(p.job.name, p.job.data).then(p.resolve, (e: unknown) => p.resolve({ ok: false, error: String(e) }));
        return;
      }
      for (const p of jobs) p.resolve({ ok: false, error: `读取文件时出错，文件未导入（${reason}）。` });
    };
    w.on("error", (err) => fail(err.message));
    w.on("exit", (code) => fail(code === 0 ? "工作线程已结束" : `工作线程退出，代码 ${code}`));
    return w;
  };

  const reader: Reader = {
    get mode() {
      return unavailable ? "thread" : worker ? "worker" : "idle";
    },
    read(name, data) {
      if (unavailable) return inThread(name, data);
      try {
        worker ??= start();
      } catch (err) {
        unavailable = true;
        options.onFallback?.((err as Error).message);
        return inThread(name, data);
      }
      const w = worker;
      const id = nextId++;
      const words = learnedWords(taught);
      taught += words.length;
      return new Promise<ReadResult>((resolve) => {
        pending.set(id, { resolve, job: { name, data } });
        w.ref();
        // A copy handed over (transferred), not serialised: 19 MB cloned held the event loop ~50 ms.
        const bytes = data.slice();
        w.postMessage({ id, name, data: bytes, words }, [bytes.buffer]);
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      for (const p of pending.values()) p.resolve({ ok: false, error: "正在停止，文件未导入。" });
      pending.clear();
      if (w) await w.terminate();
    },
    async warm() {
      // A short report: extracted, parsed and segmented, which loads everything the worker uses.
      await reader.read("warm.txt", new TextEncoder().encode(WARM_TEXT)).catch(() => undefined);
    },
  };
  return reader;
}

const WARM_TEXT = "某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n2020年，本县主动公开政府信息120条，收到政府信息公开申请5件。\n";
