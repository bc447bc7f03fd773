// jieba's own thread (segment.ts startSegmenter): loads the dictionary at once, then for each
// message inserts the words taught since the last one, in order, and answers with the cuts. The
// answer is posted first, then the shared flag set and notified: the main thread, waiting on the
// flag (Atomics.wait), finds the answer on its port. Plain JavaScript: no loader needed in a thread.
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

const { port, signal } = workerData;
let jieba;
let failed;
try {
  jieba = createRequire(import.meta.url)("nodejieba");
  jieba.load();
} catch (err) {
  failed = String(err?.message ?? err);
}

port.on("message", ({ words, texts }) => {
  let reply;
  try {
    if (failed) throw new Error(failed);
    for (const w of words) jieba.insertWord(w);
    reply = { tokens: texts.map((t) => jieba.cutForSearch(t, true)) };
  } catch (err) {
    reply = { error: String(err?.message ?? err) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
