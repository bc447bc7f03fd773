// The bound an ingest cannot beat, on as many cores as it uses: jieba alone (the same segment() an
// ingest runs, HMM on, cut-for-search) over the same texts in `workers` threads at once, each with
// its own dictionary loaded before the clock starts. MB/s over the wall time of the slowest.
import { Worker } from "node:worker_threads";

export async function jiebaBound(texts: string[], workers: number): Promise<{ mbPerSec: number; workers: number }> {
  const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
  const started = Array.from({ length: workers }, () => new Worker(new URL("./jieba-worker.mjs", import.meta.url), { workerData: texts }));
  try {
    await Promise.all(started.map((w) => new Promise((resolve, reject) => (w.once("message", resolve), w.once("error", reject)))));
    const t0 = performance.now();
    await Promise.all(
      started.map((w) => {
        const done = new Promise((resolve, reject) => (w.once("message", resolve), w.once("error", reject)));
        w.postMessage("go");
        return done;
      }),
    );
    const s = (performance.now() - t0) / 1000;
    return { mbPerSec: (bytes * workers) / 1e6 / s, workers };
  } finally {
    await Promise.all(started.map((w) => w.terminate()));
  }
}
