// The reader's worker thread (reader.ts): one file at a time, bytes in, report and passages out.
// jieba here is taught the same names as the main thread's (sent with each job), so the tokens are
// the ones the main thread would have cut.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort } from "node:worker_threads";
import { addWord } from "./index/segment.js";
import { readReportBytes } from "./read-file.js";

export interface ReadJob {
  id: number;
  name: string;
  data: Uint8Array;
  /** Words taught on the main thread since the last job. */
  words: string[];
}

// Below the main thread: on a busy machine the thread answering questions gets the CPU first.
// Linux only (a thread's nice value is set by its thread id); elsewhere it runs as it is.
try {
  const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) setPriority(tid, 19);
} catch {
  /* not Linux, or not allowed: same priority as the main thread */
}

const port = parentPort;
if (!port) throw new Error("reader-worker: not started as a worker thread");
port.on("message", (job: ReadJob) => {
  for (const w of job.words) addWord(w);
  readReportBytes(job.name, job.data, { segment: true }).then(
    (result) => port.postMessage({ id: job.id, result }),
    (error: unknown) => port.postMessage({ id: job.id, result: { ok: false, error: `无法读取文件内容：${(error as Error).message?.slice(0, 200) ?? String(error)}` } }),
  );
});
port.postMessage({ ready: true });
