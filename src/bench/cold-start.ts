// Cold start, measured in a fresh process by `npm run bench`: open a persisted store (the JSON
// store: entries and the index export; SQLite: the catalog entries, nothing else), answer one
// question. Prints one JSON line.
import { performance } from "node:perf_hooks";
import { startSegmenter } from "../index/segment.js";
import { type BenchStore, openBenchLibrary } from "./bench.js";

const [dir, store, question] = process.argv.slice(2) as [string, BenchStore, string];
const t0 = performance.now();
// As the bot and the CLI's ask and chat start (cli.ts openLibrary `answering`).
startSegmenter();
const { lib } = await openBenchLibrary(dir, store, { readOnly: true });
const opened = performance.now();
lib.ask(question);
const answered = performance.now();
// performance.now() counts from process start: the total includes Node, tsx and jieba loading.
// cpuMs: the process's CPU time (all its threads), steadier than the total on a busy machine.
const { userCPUTime, systemCPUTime } = process.resourceUsage();
console.log(
  JSON.stringify({
    totalMs: answered,
    openMs: opened - t0,
    firstAnswerMs: answered - opened,
    cpuMs: (userCPUTime + systemCPUTime) / 1000,
    rssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
