// A reader's worker (src/reader-worker.ts) that dies when a file named die.txt comes to be
// segmented: after its turn was given, as it would send its texts to jieba's thread (reader.test.ts).
import { MessagePort, parentPort } from "node:worker_threads";
import { register } from "tsx/esm/api";

const dying = new Set();
const post = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (msg, transfer) {
  if (msg && dying.has(msg.seq) && msg.texts) process.exit(3);
  return post.call(this, msg, transfer);
};
register();
await import("../../src/reader-worker.ts");
parentPort.on("message", (job) => {
  if (job.kind === "read" && job.name === "die.txt") dying.add(job.id);
});
