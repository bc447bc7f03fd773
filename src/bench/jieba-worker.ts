// A worker of the bench's jieba bound on several cores (jieba-bound.ts): loads the dictionary,
// says so, then segments the texts it was given when told to go and says how long that took.
import { parentPort, workerData } from "node:worker_threads";
import { segment } from "../index/segment.js";

const port = parentPort!;
const texts = workerData as string[];
segment("某县人民政府2020年政府信息公开工作年度报告"); // the dictionary loaded before the clock starts
port.postMessage("ready");
port.once("message", () => {
  const t0 = performance.now();
  for (const t of texts) segment(t);
  port.postMessage(performance.now() - t0);
});
