// The process's one jieba (segment.ts startSegmenter). nodejieba's dictionary is ≈260 MB a copy,
// never freed once loaded in a thread (measured), and cannot be shared between threads: so one
// thread holds it, and every cut of the process is made here — the main thread's, asked
// synchronously (a message, then Atomics.wait on `signal`), and those of the reader's workers, each
// over a port of its own (segment.ts segmenterLink), answered by a message.
//
// A report's tokens depend on the names taught before it was cut, so the main thread sends, in
// order, the words to teach and each report's turn to be cut (`release`): the stream below. A
// worker's texts wait here until their turn; the words taught after a turn are only taught once it
// is cut. The main thread's own cuts do not wait for the stream: they are answered at once, between
// two texts of a report's cut, with the words taught so far. Plain JavaScript: no loader needed in
// a thread.
import { createRequire } from "node:module";
import { workerData } from "node:worker_threads";

const { port, signal, dicts } = workerData;
let jieba;
let failed;
try {
  jieba = createRequire(import.meta.url)("nodejieba");
  jieba.load(dicts);
} catch (err) {
  failed = String(err?.message ?? err);
}

/** Characters cut before letting the main thread's questions in (≈2 ms of jieba). */
const SLICE_CHARS = 32_000;

/** What is taught and cut, in the main thread's order: `{ words }` or `{ link, seq }`. */
const stream = [];
/** Reader workers' ports: link id → { port, texts: seq → texts waiting for their turn }. */
const links = new Map();
let pumping = false;

const teach = (words) => {
  for (const w of words) jieba?.insertWord(w);
};

/** Teach the words at the head of the stream, up to the first report waiting for its turn. */
function teachHead() {
  while (stream.length && stream[0].words) teach(stream.shift().words);
}

/** Cut the reports whose turn has come and whose texts are here, in order. */
async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    for (;;) {
      teachHead();
      const turn = stream[0];
      if (!turn) break;
      const link = links.get(turn.link);
      if (!link) {
        stream.shift();
        continue;
      }
      const job = link.texts.get(turn.seq);
      if (!job) break; // its worker has not sent it yet
      link.texts.delete(turn.seq);
      let reply;
      if (job.skip) reply = undefined;
      else if (failed) reply = { seq: turn.seq, error: failed };
      else {
        const t0 = performance.now();
        const tokens = [];
        let chars = 0;
        for (const t of job.texts) {
          tokens.push(jieba.cutForSearch(t, true));
          chars += t.length;
          if (chars >= SLICE_CHARS) {
            chars = 0;
            await new Promise((resolve) => setImmediate(resolve));
            if (stream[0] !== turn) break; // its worker ended meanwhile (detach)
          }
        }
        if (stream[0] !== turn) continue;
        reply = { seq: turn.seq, tokens, ms: performance.now() - t0 };
      }
      stream.shift();
      if (reply) link.port.postMessage(reply);
    }
  } finally {
    pumping = false;
  }
}

port.on("message", (msg) => {
  if (msg.attach) {
    const link = { port: msg.port, texts: new Map() };
    links.set(msg.attach, link);
    msg.port.on("message", (job) => {
      link.texts.set(job.seq, job);
      void pump();
    });
    return;
  }
  if (msg.detach) {
    const link = links.get(msg.detach);
    links.delete(msg.detach);
    link?.port.close();
    for (let i = stream.length - 1; i >= 0; i--) if (stream[i].link === msg.detach) stream.splice(i, 1);
    void pump();
    return;
  }
  if (msg.words?.length) stream.push({ words: msg.words });
  if (msg.release) {
    stream.push(msg.release);
    void pump();
    return;
  }
  // The main thread's own cut, waiting: its words taught first unless a report's turn is ahead of them.
  teachHead();
  let reply;
  try {
    if (failed) throw new Error(failed);
    reply = { tokens: msg.texts.map((t) => jieba.cutForSearch(t, true)) };
  } catch (err) {
    reply = { error: String(err?.message ?? err) };
  }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
  void pump();
});
