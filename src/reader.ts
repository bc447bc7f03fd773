// Reading files off the main thread. Parsing and segmentation are pure per file but slow (a 19 MB
// HTML took 8.6 s, during which no question was answered): they run in worker threads — one for the
// bot, one per core but one for a bulk ingest (the CLI) — and the main thread only stores and indexes what
// they read. Without worker threads (PARSE_WORKER=0, or a worker that cannot start) the same
// function runs on the calling thread.
//
// A file's tokens depend on the names jieba was taught before it (小板桥街道 is cut whole once an
// earlier report named it), so with several workers a file is read in two steps: parsed, its names
// sent here and taught to the main thread in the order the files were given; then segmented once
// every file before it has been parsed, with the names taught since. The tokens are the ones a
// single worker reading the files one by one would cut, whichever worker finishes first. The cuts
// are made by the process's one jieba (segment.ts segmenterLink: a worker sends it its texts, cut
// in the order released here), so that the workers do not each hold a dictionary of ≈260 MB.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { addWord, detachLink, learnedWords, releaseCut, segmenterLink } from "./index/segment.js";
import { type ReadResult, readReportBytes } from "./read-file.js";
import type { WorkerJob } from "./reader-worker.js";

export type { ReadResult } from "./read-file.js";

export interface Reader {
  /** Extract, parse and (in a worker) segment one file. Files are segmented in the order given. */
  read(name: string, data: Uint8Array): Promise<ReadResult>;
  /** "worker" once a worker has started, "thread" when reading on the calling thread. */
  readonly mode: "worker" | "thread" | "idle";
  /** Files read at the same time: the workers, or 1 on the calling thread. */
  readonly parallelism: number;
  /** End the workers (a file being read fails with a reason). */
  close(): Promise<void>;
  /**
   * Start the workers and load their dictionaries now (≈ 1–5 s of each worker's time), so the
   * first upload does not wait for it. Resolves when done; never rejects.
   */
  warm(): Promise<void>;
}

export interface ReaderOptions {
  /** Use worker threads. Defaults to true. */
  worker?: boolean;
  /** How many worker threads. Defaults to 1 (the bot's); a bulk ingest uses one per core but one (bulkWorkers). */
  workers?: number;
  /**
   * End the workers after this long without a file to read (each holds its heap, ≈100–250 MB;
   * the process's jieba stays); the next file starts them again. Defaults to never (the bot keeps
   * its one warm).
   */
  idleMs?: number;
  /**
   * Run the workers below the main thread (nice 19), so that on a busy machine the bot answers
   * first. Defaults to true; a bulk ingest, which waits for its workers, passes false.
   */
  background?: boolean;
  /** Each worker's heap limit: a file that needs more fails alone, the bot lives on. Defaults to 3072 MB. */
  maxHeapMb?: number;
  /**
   * The workers also make what the SQLite and PostgreSQL stores keep of each report (read-file.ts
   * prepareForStore), so the thread that stores it does not. Defaults to false (the JSON store
   * keeps other forms). Reading on the calling thread never does: the stores make it on writing.
   */
  prepare?: boolean;
  /** Told once when the workers cannot start and reading falls back to the calling thread. */
  onFallback?: (reason: string) => void;
  /** The worker's entry module. Defaults to ./reader-worker.mjs (tests point it elsewhere). */
  entry?: URL;
}

/** One worker thread and what it was taught. */
interface Slot {
  worker: Worker;
  ready: boolean;
  /** How many of the main thread's learned words it was sent. */
  taught: number;
  /** Files given to it and not answered yet. */
  load: number;
  /** Its port to the process's jieba (segment.ts segmenterLink), when it has one. */
  link?: number;
}

/** A file on its way through a worker: read (extract, parse), then, in its turn, segmented. */
interface Job {
  seq: number;
  name: string;
  data: Uint8Array;
  slot: Slot;
  phase: "reading" | "parsed" | "segmenting";
  names?: string[];
  /** Its names are taught to the main thread (not the warm-up text's). */
  teach: boolean;
  resolve: (r: ReadResult) => void;
}

type WorkerMessage = { ready: true } | { id: number; names: string[] } | { id: number; result: ReadResult };

/** A reader: worker threads when possible, calling thread otherwise. */
export function createReader(options: ReaderOptions = {}): Reader {
  const inThread = (name: string, data: Uint8Array) => readReportBytes(name, data, { segment: false });
  if (options.worker === false) return { read: inThread, mode: "thread", parallelism: 1, close: async () => undefined, warm: async () => undefined };

  const size = Math.max(1, Math.floor(options.workers ?? 1));
  const slots: (Slot | undefined)[] = new Array(size).fill(undefined);
  const jobs = new Map<number, Job>();
  let unavailable = false;
  let nextSeq = 1;
  /** The first file not yet released to be segmented. */
  let cursor = 1;
  let idleTimer: NodeJS.Timeout | undefined;

  const post = (slot: Slot, job: WorkerJob, transfer?: ArrayBuffer[]) => slot.worker.postMessage(job, transfer);

  /** Release, in order, every file parsed whose predecessors are all parsed: names taught, then segmented. */
  const advance = () => {
    while (cursor < nextSeq) {
      const j = jobs.get(cursor);
      if (j?.phase === "reading") break;
      if (j?.phase === "parsed") {
        if (j.teach) for (const w of j.names!) addWord(w);
        const words = learnedWords(j.slot.taught);
        j.slot.taught += words.length;
        j.phase = "segmenting";
        post(j.slot, { kind: "segment", id: j.seq, words });
        if (j.slot.link !== undefined) releaseCut(j.slot.link, j.seq);
      }
      cursor++;
    }
  };

  const stopAll = () => {
    const running = slots.filter((s): s is Slot => !!s);
    slots.fill(undefined);
    for (const s of running) if (s.link !== undefined) detachLink(s.link);
    return Promise.all(running.map((s) => s.worker.terminate()));
  };

  const finish = (job: Job, result: ReadResult) => {
    if (!jobs.delete(job.seq)) return;
    job.slot.load--;
    if (job.slot.load === 0) job.slot.worker.unref();
    job.resolve(result);
    if (jobs.size === 0 && options.idleMs !== undefined) {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => void (jobs.size === 0 && stopAll()), options.idleMs);
      idleTimer.unref();
    }
  };

  const start = (i: number): Slot => {
    const link = segmenterLink();
    let w: Worker;
    try {
      w = new Worker(options.entry ?? new URL("./reader-worker.mjs", import.meta.url), {
        resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 3072 },
        workerData: { background: options.background ?? true, prepare: options.prepare ?? false, ...(link ? { segmenter: link.port } : {}) },
        transferList: link ? [link.port] : [],
      });
    } catch (err) {
      if (link) detachLink(link.id);
      throw err;
    }
    w.unref(); // an idle worker never holds the process
    const slot: Slot = { worker: w, ready: false, taught: 0, load: 0, ...(link ? { link: link.id } : {}) };
    w.on("message", (msg: WorkerMessage) => {
      if ("ready" in msg) {
        slot.ready = true;
        return;
      }
      const job = jobs.get(msg.id);
      if (!job || job.slot !== slot) return;
      if ("names" in msg) {
        job.phase = "parsed";
        job.names = msg.names;
        advance();
      } else {
        finish(job, msg.result);
        advance();
      }
    });
    const fail = (reason: string) => {
      if (slots[i] !== slot) return;
      slots[i] = undefined;
      if (slot.link !== undefined) detachLink(slot.link);
      const mine = [...jobs.values()].filter((j) => j.slot === slot);
      if (!slot.ready) {
        // It never started (no worker threads, the loader missing): read here from now on.
        if (!unavailable) options.onFallback?.(reason);
        unavailable = true;
        for (const j of mine) {
          jobs.delete(j.seq);
          void inThread(j.name, j.data).then(j.resolve, (e: unknown) => j.resolve({ ok: false, error: String(e) }));
        }
      } else for (const j of mine) finish(j, { ok: false, error: `读取文件时出错，文件未导入（${reason}）。` });
      advance();
    };
    w.on("error", (err) => fail(err.message));
    w.on("exit", (code) => fail(code === 0 ? "工作线程已结束" : `工作线程退出，代码 ${code}`));
    slots[i] = slot;
    return slot;
  };

  /** The least busy worker (started when its place is empty and every other one is busy), or `pin`. */
  const choose = (pin?: number): Slot => {
    if (pin !== undefined) return slots[pin] ?? start(pin);
    let best = -1;
    for (let i = 0; i < size; i++) {
      const load = slots[i]?.load ?? 0;
      if (best < 0 || load < (slots[best]?.load ?? 0) || (load === (slots[best]?.load ?? 0) && slots[i] && !slots[best])) best = i;
    }
    return slots[best] ?? start(best);
  };

  const submit = (name: string, data: Uint8Array, pin?: number, teach = true): Promise<ReadResult> => {
    if (unavailable) return inThread(name, data);
    let slot: Slot;
    try {
      slot = choose(pin);
    } catch (err) {
      if (!unavailable) options.onFallback?.((err as Error).message);
      unavailable = true;
      return inThread(name, data);
    }
    clearTimeout(idleTimer);
    const seq = nextSeq++;
    return new Promise<ReadResult>((resolve) => {
      jobs.set(seq, { seq, name, data, slot, phase: "reading", teach, resolve });
      slot.load++;
      slot.worker.ref();
      // A copy handed over (transferred), not serialised: 19 MB cloned held the event loop ~50 ms.
      const bytes = data.slice();
      post(slot, { kind: "read", id: seq, name, data: bytes }, [bytes.buffer]);
    });
  };

  const reader: Reader = {
    get mode() {
      return unavailable ? "thread" : slots.some(Boolean) ? "worker" : "idle";
    },
    get parallelism() {
      return unavailable ? 1 : size;
    },
    read: (name, data) => submit(name, data),
    async close() {
      clearTimeout(idleTimer);
      for (const j of jobs.values()) j.resolve({ ok: false, error: "正在停止，文件未导入。" });
      jobs.clear();
      cursor = nextSeq;
      await stopAll();
    },
    async warm() {
      // A short report through every worker: extracted, parsed and segmented, which loads
      // everything a worker uses.
      const text = new TextEncoder().encode(WARM_TEXT);
      await Promise.all(Array.from({ length: size }, (_, i) => submit("warm.txt", text, i, false).catch(() => undefined)));
    },
  };
  return reader;
}

/**
 * Workers of a bulk ingest by default: one per core but one, at least 1 and at most 4. The core
 * left is shared by the main thread, which stores every report, and the process's jieba thread:
 * with as many workers as cores, the threads only took turns, each worker compiling and collecting
 * a parser of its own. On 2 cores, 1 worker ingested as fast as 2 (2,000 reports, `cli ingest`:
 * 15.3–16.2 s against 17.0 s) with 15% less CPU (25.7–27.2 against 30.2–30.7 CPU·s) and
 * ≈170 MB less memory. Past 4 the main thread is the bound, and each worker holds ≈100–250 MB.
 */
export function bulkWorkers(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

/**
 * The reader of a bulk ingest (`cli ingest`, the bench): bulkWorkers() workers, at the main thread's
 * priority, ended once no file came for a few seconds (each holds ≈100–250 MB of heap).
 */
export function createBulkReader(workers = bulkWorkers(), opts: Pick<ReaderOptions, "prepare"> = {}): Reader {
  return createReader({ workers, idleMs: 5_000, background: false, maxHeapMb: BULK_WORKER_HEAP_MB, ...opts });
}

/**
 * A bulk ingest's worker heap limit. V8 grows a heap less eagerly under a limit of 1 GB than of 3
 * (the bot's reader keeps 3 GB for any upload): a 3,000-report `cli ingest` peaked at 0.93–0.94 GB
 * instead of 1.06–1.11 GB, at the same speed. The largest files accepted read within it (a 49 MB
 * HTML page in 9.6 s, a text of 7.9M characters in 6.4 s); one that needs more fails alone.
 */
const BULK_WORKER_HEAP_MB = 1024;

const WARM_TEXT = "某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n2020年，本县主动公开政府信息120条，收到政府信息公开申请5件。\n";
