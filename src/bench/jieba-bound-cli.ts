// The bench's jieba bound in a process of its own, so that the dictionaries it loads (one per
// thread) do not count in the bench process's peak RSS, which is the ingest's and the serving's:
//   tsx src/bench/jieba-bound-cli.ts <texts.json> <workers>  →  {"oneCore": MB/s, "cores": MB/s}
import { readFileSync } from "node:fs";
import { segment } from "../index/segment.js";
import { jiebaBound } from "./jieba-bound.js";

const texts = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as string[];
const workers = Number(process.argv[3] ?? 1);
// The dictionary loaded and every text cut once before the clock starts: jieba's first pass over
// a dictionary just loaded runs at half speed or less (its pages faulted in, its code compiled),
// which made this bound 3.3 MB/s in one run and 7.9 in another. The best of three passes.
const bytes = texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0);
for (const t of texts) segment(t);
let best = Infinity;
for (let pass = 0; pass < 3; pass++) {
  const t0 = performance.now();
  for (const t of texts) segment(t);
  best = Math.min(best, performance.now() - t0);
}
const oneCore = bytes / 1e6 / (best / 1000);
const cores = workers > 1 ? (await jiebaBound(texts, workers)).mbPerSec : oneCore;
process.stdout.write(JSON.stringify({ oneCore, cores }));
