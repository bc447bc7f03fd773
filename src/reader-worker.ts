// A reader's worker thread (reader.ts): files in, parsed reports and their passages out, in two
// steps. `read` extracts and parses and answers with the report's names only; `segment` comes once
// the main thread has taught jieba the names of every file read before this one, so a file's
// tokens do not depend on which worker read it or when the others finished. The passages are cut
// by the process's one jieba (segment.ts segmenterLink: its texts sent over `segmenter`, cut in
// their turn, while this thread reads the next file); without that port, by a jieba of this thread
// taught the words sent with each `segment`.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { type MessagePort, parentPort, workerData } from "node:worker_threads";
import type { Report } from "./domain.js";
import { toPassages } from "./index/documents.js";
import { indexPassages, learnNames, namesOf } from "./index/passages.js";
import type { IndexedPassage } from "./index/search-index.js";
import { addWord, type CutPlan, collectCuts, planCuts } from "./index/segment.js";
import { buffersOf, prepareForStore, type ReadResult, readReportBytes } from "./read-file.js";

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

/** The port to the process's jieba (reader.ts), until it closes: then this thread's own jieba. */
let segmenter = (workerData as { segmenter?: MessagePort } | undefined)?.segmenter;

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

/** Sent to jieba's thread, waiting for their tokens. */
const cutting = new Map<
  number,
  { report: Report; original: string; parseMs: number; texts: string[]; plan: CutPlan; sections: { section: string; line: number }[] }
>();

function segment(job: Extract<WorkerJob, { kind: "segment" }>): void {
  for (const w of job.words) addWord(w);
  const p = parsed.get(job.id);
  parsed.delete(job.id);
  if (!p) {
    segmenter?.postMessage({ seq: job.id, skip: true });
    return;
  }
  try {
    if (!segmenter) {
      const t0 = performance.now();
      done(job.id, p, indexPassages(p.report), performance.now() - t0, "worker");
      return;
    }
    learnNames(p.report);
    const passages = toPassages(p.report);
    const texts = passages.map((x) => x.text);
    const plan = planCuts(texts);
    cutting.set(job.id, { ...p, texts, plan, sections: passages.map((x) => ({ section: x.section, line: x.line })) });
    segmenter.postMessage({ seq: job.id, texts: plan.chunks });
  } catch (error) {
    segmenter?.postMessage({ seq: job.id, skip: true });
    failed(job.id, error);
  }
}

/** jieba's thread answered: the report's passages with their tokens. */
function cut(reply: { seq: number; tokens?: string[][]; ms?: number; error?: string }): void {
  const c = cutting.get(reply.seq);
  if (!c) return;
  cutting.delete(reply.seq);
  try {
    if (!reply.tokens) {
      // jieba would not load there: this thread's own.
      const t0 = performance.now();
      done(reply.seq, c, indexPassages(c.report), performance.now() - t0, "worker");
      return;
    }
    const tokens = collectCuts(c.plan, reply.tokens);
    const passages = c.texts.map((text, i) => ({
      reportId: c.report.id,
      text,
      section: c.sections[i]!.section,
      line: c.sections[i]!.line,
      tokens: tokens[i]!.join(" "),
    }));
    done(reply.seq, c, passages, reply.ms ?? 0, "jieba thread");
  } catch (error) {
    failed(reply.seq, error);
  }
}

function done(
  id: number,
  p: { report: Report; original: string; parseMs: number },
  passages: IndexedPassage[],
  segmentMs: number,
  cutIn: "jieba thread" | "worker",
): void {
  try {
    const prepared = prepare ? prepareForStore(p.report, passages) : undefined;
    const result: ReadResult = {
      ok: true,
      report: p.report,
      original: p.original,
      passages,
      ...(prepared ? { prepared } : {}),
      parseMs: p.parseMs,
      segmentMs,
      cutIn,
    };
    port!.postMessage({ id, result }, prepared ? buffersOf(prepared) : []);
  } catch (error) {
    failed(id, error);
  }
}

function failed(id: number, error: unknown): void {
  port!.postMessage({ id, result: { ok: false, error: `无法读取文件内容：${(error as Error).message?.slice(0, 200) ?? String(error)}` } });
}

segmenter?.on("message", cut);

// jieba's thread gone (it failed to load, or was ended): what waits for it is cut here instead.
segmenter?.on("close", () => {
  segmenter = undefined;
  for (const [id, c] of [...cutting]) {
    cutting.delete(id);
    try {
      const t0 = performance.now();
      done(id, c, indexPassages(c.report), performance.now() - t0, "worker");
    } catch (error) {
      failed(id, error);
    }
  }
});

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
