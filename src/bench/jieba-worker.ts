// A worker of the bench's jieba bound on several cores (jieba-bound.ts): loads the dictionary,
// says so, then segments the texts it was given when told to go and says how long that took.
import { parentPort, workerData } from "node:worker_threads";
import { segment } from "../index/segment.js";

const port = parentPort!;
const texts = workerData as string[];
for (const t of texts) segment(t); // the dictionary loaded and warm before the clock starts (jieba-bound-cli.ts)
port.postMessage("ready");
port.once("message", () => {
  const t0 = performance.now();
  for (const t of texts) segment(t);
  port.postMessage(performance.now() - t0);
});
