// The bench's questions answered by a serving process, measured by `npm run bench`: a fresh process
// started as `npm start` starts the bot (scripts/run.mjs, servingFlags), which opens the store the
// ingest wrote — as a bot does after `npm run cli -- ingest`, the way a library of 100k reports is
// loaded — answers the warm-up questions, then the timed figure questions and full-text searches.
// Prints one JSON line: the latencies' percentiles and the process's peak RSS.
//
//   node scripts/run.mjs src/bench/serve.ts DIR STORE QUESTIONS.json
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { startSegmenter } from "../index/segment.js";
import { type BenchStore, openBenchLibrary } from "./bench.js";
import { pct } from "./stats.js";

/** What the parent bench asks: warm-up questions and searches, then the timed ones. */
export interface ServeQuestions {
  warm: { ask: string; search: string }[];
  questions: string[];
  searches: string[];
}

export interface ServeResult {
  structured: { p50: number; p99: number; answered: number; questions: number; fallbackP50: number; fallbackP99: number };
  fullText: { p50: number; p99: number; queries: number; withHits: number };
  rssMb: number;
}

const [dir, store, file] = process.argv.slice(2) as [string, BenchStore, string];
const { warm, questions, searches } = JSON.parse(readFileSync(file, "utf8")) as ServeQuestions;
// As the bot starts (cli.ts openLibrary `answering`).
startSegmenter();
const { lib } = await openBenchLibrary(dir, store, { readOnly: true });
for (const w of warm) {
  lib.ask(w.ask);
  lib.search(w.search);
}
const figure: number[] = [];
const fallback: number[] = [];
for (const q of questions) {
  const t0 = performance.now();
  const a = lib.ask(q);
  (a.answers.length ? figure : fallback).push(performance.now() - t0);
}
const search: number[] = [];
let withHits = 0;
for (const w of searches) {
  const t0 = performance.now();
  const a = lib.search(w);
  search.push(performance.now() - t0);
  if (a.hits.length) withHits++;
}
const result: ServeResult = {
  structured: {
    p50: pct(figure, 50),
    p99: pct(figure, 99),
    answered: figure.length,
    questions: questions.length,
    fallbackP50: pct(fallback, 50),
    fallbackP99: pct(fallback, 99),
  },
  fullText: { p50: pct(search, 50), p99: pct(search, 99), queries: searches.length, withHits },
  rssMb: process.resourceUsage().maxRSS / 1024,
};
console.log(JSON.stringify(result));
process.exit(0);
