// The bench's jieba bound in a process of its own, so that the dictionaries it loads (one per
// thread) do not count in the bench process's peak RSS, which is the ingest's and the serving's:
//   tsx src/bench/jieba-bound-cli.ts <texts.json> <workers>  →  {"oneCore": MB/s, "cores": MB/s}
import { readFileSync } from "node:fs";
import { segment } from "../index/segment.js";
import { jiebaBound } from "./jieba-bound.js";

const texts = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as string[];
const workers = Number(process.argv[3] ?? 1);
segment("某县人民政府2020年政府信息公开工作年度报告"); // the dictionary loaded before the clock starts
let bytes = 0;
const t0 = performance.now();
for (const t of texts) {
  segment(t);
  bytes += Buffer.byteLength(t);
}
const oneCore = bytes / 1e6 / ((performance.now() - t0) / 1000);
const cores = workers > 1 ? (await jiebaBound(texts, workers)).mbPerSec : oneCore;
process.stdout.write(JSON.stringify({ oneCore, cores }));
