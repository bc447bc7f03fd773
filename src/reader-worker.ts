// A reader's worker thread (reader.ts): files in, parsed reports and their passages out, in two
// steps. `read` extracts and parses and answers with the report's names only; `segment` comes once
// the main thread has taught jieba the names of every file read before this one (sent with it), so
// a file's tokens do not depend on which worker read it or when the others finished.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { Report } from "./domain.js";
import { indexPassages, namesOf } from "./index/passages.js";
import { addWord } from "./index/segment.js";
import { buffersOf, prepareForStore, readReportBytes, type ReadResult } from "./read-file.js";

export type WorkerJob =
  | { kind: "read"; id: number; name: string; data: Uint8Array }
  | {
      kind: "segment";
      id: number;
      /** Words taught on the main thread since the last job. */
      words: string[];
    };

// The bot's worker runs below the main thread: on a busy machine the thread answering questions
// gets the CPU first. Linux only (a thread's nice value is set by its thread id); elsewhere it runs
// as it is. A bulk ingest's workers (`background: false`) are what the ingest waits for: not lowered.
if ((workerData as { background?: boolean } | undefined)?.background !== false) {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (tid > 0) setPriority(tid, 19);
  } catch {
    /* not Linux, or not allowed: same priority as the main thread */
  }
}

/** Make what the SQLite and PostgreSQL stores keep of each report too (reader.ts `prepare`). */
const prepare = (workerData as { prepare?: boolean } | undefined)?.prepare === true;

const port = parentPort;
if (!port) throw new Error("reader-worker: not started as a worker thread");

/** Parsed, waiting for their turn to be segmented. */
const parsed = new Map<number, { report: Report; original: string; parseMs: number }>();
// Segmenting first: a parsed report waiting here holds its memory and the files after it.
const segments: Extract<WorkerJob, { kind: "segment" }>[] = [];
const reads: Extract<WorkerJob, { kind: "read" }>[] = [];
let busy = false;

async function read(job: Extract<WorkerJob, { kind: "read" }>): Promise<void> {
  try {
    const res = await readReportBytes(job.name, job.data, { segment: false });
    if (!res.ok) return port!.postMessage({ id: job.id, result: res });
    parsed.set(job.id, { report: res.report, original: res.original, parseMs: res.parseMs });
    port!.postMessage({ id: job.id, names: namesOf(res.report) });
  } catch (error) {
    port!.postMessage({ id: job.id, result: { ok: false, error: `无法读取文件内容：${(error as Error).message?.slice(0, 200) ?? String(error)}` } });
  }
}

function segment(job: Extract<WorkerJob, { kind: "segment" }>): void {
  for (const w of job.words) addWord(w);
  const p = parsed.get(job.id);
  if (!p) return;
  parsed.delete(job.id);
  try {
    const t0 = performance.now();
    const passages = indexPassages(p.report);
    const segmentMs = performance.now() - t0;
    const prepared = prepare ? prepareForStore(p.report, passages) : undefined;
    const result: ReadResult = { ok: true, report: p.report, original: p.original, passages, ...(prepared ? { prepared } : {}), parseMs: p.parseMs, segmentMs };
    port!.postMessage({ id: job.id, result }, prepared ? buffersOf(prepared) : []);
  } catch (error) {
    port!.postMessage({ id: job.id, result: { ok: false, error: `无法读取文件内容：${(error as Error).message?.slice(0, 200) ?? String(error)}` } });
  }
}

async function pump(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (;;) {
      const s = segments.shift();
      if (s) segment(s);
      else {
        const r = reads.shift();
        if (!r) break;
        await read(r);
      }
      // Let messages that came meanwhile (a segment turn) in before the next job.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    busy = false;
  }
}

port.on("message", (job: WorkerJob) => {
  if (job.kind === "segment") segments.push(job);
  else reads.push(job);
  void pump();
});
port.postMessage({ ready: true });
