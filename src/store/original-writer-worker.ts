// The originals writer's thread: jobs in (original-writer.ts), each answered when done; several
// at once, so the files' flushes run side by side as on the main thread before.
import { parentPort } from "node:worker_threads";
import { runWriterJob, type WriterJob } from "./original-writer.js";

const port = parentPort;
if (!port) throw new Error("original-writer-worker: not started as a worker thread");

port.on("message", (job: WriterJob) => {
  runWriterJob(job).then(
    () => port.postMessage({ id: job.id }),
    (err: unknown) => port.postMessage({ id: job.id, error: (err as Error).message ?? String(err) }),
  );
});
port.postMessage({ ready: true });
