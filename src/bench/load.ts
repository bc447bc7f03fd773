// The load scenario of `npm run bench` (issue 12): the bot as it runs — the library on disk with
// its bot state file and the parse worker — answering a burst of users, and answering while a big
// file is ingested and while a library is reindexed.
//
// - burst: 200 users ask at once (one batch, as the runner hands a getUpdates batch to the bot) at
//   5,000 reports; latency per user = from the batch to that user's answer sent. Target p50 ≤ 200
//   ms, p99 ≤ 1 s. Also counted: writes of the catalog (db.json or db.sqlite; none expected) and of db.bot.json.
// - during an ingest: a 19 MB HTML report is ingested into that library while a question is asked
//   every 50 ms; the longest any question waited, and the longest event-loop stall. Target ≤ 100 ms.
// - during a reindex: the same, over a 150-report library being reindexed.
//
// The Bot API is an in-process transformer answering at once: what is measured is the bot.

import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Update } from "grammy/types";
import { pino } from "pino";
import { createBot } from "../bot/bot.js";
import { localBotInfo } from "../bot/bot-info.js";
import { openLibrary } from "../cli.js";
import type { CoreLibrary } from "../library.js";
import { generateReport } from "./generate.js";
import { pct } from "./stats.js";

const BOT_INFO = localBotInfo("nianbao_bench_bot", "nianbao");

export interface LoadResult {
  reports: number;
  burst: { users: number; p50: number; p99: number; max: number; dbWrites: number };
  /** The same questions with nothing else running: the machine's own noise. */
  idle: { ms: number; questions: number; maxWaitMs: number; p50WaitMs: number; maxStallMs: number };
  ingest: { fileMb: number; ms: number; questions: number; maxWaitMs: number; p50WaitMs: number; maxStallMs: number; worker: string };
  reindex: { reports: number; ms: number; questions: number; maxWaitMs: number; p50WaitMs: number; maxStallMs: number };
}

let updateId = 1;
function question(text: string, userId: number): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: userId, type: "private", first_name: "U" },
      from: { id: userId, is_bot: false, first_name: "U" },
      text,
    },
  } as Update;
}

/** The bot over `lib`, its Bot API a transformer that records when each chat was answered. */
function benchBot(lib: CoreLibrary) {
  const answeredAt = new Map<number, number>();
  const bot = createBot(
    "1:BENCH",
    { library: lib, botStore: lib.botStore, logger: pino({ level: "silent" }), settings: { adminIds: [], maxUploadMb: 50, rateLimitPerMinute: 100_000 } },
    { botInfo: BOT_INFO },
  );
  bot.api.config.use((async (_prev: unknown, method: string, payload: Record<string, unknown>) => {
    if (method === "sendMessage" && !answeredAt.has(Number(payload.chat_id))) answeredAt.set(Number(payload.chat_id), performance.now());
    return { ok: true, result: method === "sendMessage" ? { message_id: 1, date: 0, chat: { id: payload.chat_id, type: "private" }, text: "" } : true };
  }) as never);
  return { bot, answeredAt };
}

/**
 * While `work` runs, ask a question every 50 ms (each from a new user) and watch the event loop
 * every 10 ms; the longest wait for an answer and the longest stall.
 */
async function whileBusy(lib: CoreLibrary, questions: string[], work: () => Promise<unknown>) {
  const { bot, answeredAt } = benchBot(lib);
  const waits: number[] = [];
  let stall = 0;
  let last = performance.now();
  const probe = setInterval(() => {
    const t = performance.now();
    stall = Math.max(stall, t - last - 10);
    last = t;
  }, 10);
  let done = false;
  let user = 900_000;
  const asking = (async () => {
    let i = 0;
    while (!done) {
      const id = ++user;
      const t0 = performance.now();
      void bot.handleUpdate(question(questions[i++ % questions.length]!, id)).then(() => {
        const at = answeredAt.get(id);
        if (at !== undefined) waits.push(at - t0);
      });
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  done = true;
  await asking;
  clearInterval(probe);
  return { ms, questions: waits.length, maxWaitMs: Math.max(0, ...waits), p50WaitMs: pct(waits, 50), maxStallMs: stall };
}

/** A report's text as a big HTML page: the report, then site chrome up to `bytes`. */
function bigHtml(text: string, bytes: number): string {
  const body = text
    .split("\n")
    .map((l) => `<p>${l.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</p>`)
    .join("\n");
  const chrome: string[] = [];
  let size = body.length * 3;
  for (let i = 0; size < bytes; i++) {
    const line = `<div class="related"><a href="/xxgk/${i}.html">相关链接 第${i}条 政务公开 信息公开目录 通知公告 ${"·".repeat(20)}</a></div>`;
    chrome.push(line);
    size += Buffer.byteLength(line);
  }
  return `<!doctype html><html><head><meta charset="utf-8"><title>年度报告</title></head><body><div class="content">${body}</div><div class="footer">${chrome.join("\n")}</div></body></html>`;
}

function writeCorpus(dir: string, n: number, seed: number): { questions: string[] } {
  mkdirSync(dir, { recursive: true });
  const questions: string[] = [];
  for (let i = 0; i < n; i++) {
    const r = generateReport(seed, i);
    writeFileSync(join(dir, r.name), r.text);
    if (questions.length < 400 && i % Math.max(1, Math.floor(n / 400)) === 0) questions.push(`${r.truth.org}${r.truth.year}年行政复议多少件`);
  }
  return { questions };
}

/** The catalog's files beside `dbPath` (db.json for the JSON store; db.sqlite and its WAL for SQLite). */
function catalogFiles(dbPath: string): string[] {
  const dir = dirname(dbPath);
  return ["db.json", "db.sqlite", "db.sqlite-wal"].map((f) => join(dir, f)).filter((f) => existsSync(f));
}

/** Their bytes, and a stamp that changes when any of them is written. */
function catalogState(dbPath: string): { bytes: number; stamp: string } {
  const stats = catalogFiles(dbPath).map((f) => statSync(f));
  return { bytes: stats.reduce((sum, st) => sum + st.size, 0), stamp: stats.map((st) => `${st.mtimeMs}:${st.size}`).join(",") };
}

/** Build the library (not timed: the bench's sizes measure ingest). */
async function ingestCorpus(dbPath: string, corpus: string, log: (s: string) => void): Promise<void> {
  const t0 = performance.now();
  const { lib, release } = await openLibrary(dbPath, { write: true, corpusDir: corpus });
  try {
    await lib.ingestPaths([corpus]);
    await lib.flush();
    log(`  ${lib.size} reports ingested in ${((performance.now() - t0) / 1000).toFixed(1)} s (catalog ${(catalogState(dbPath).bytes / 1e6).toFixed(1)} MB)`);
  } finally {
    await lib.close();
    release();
  }
}

export async function runLoad(n: number, log: (s: string) => void): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-load-${n}-`));
  try {
    const corpus = join(dir, "reports");
    // The generator repeats some bodies and years (a repeat is another file of a report, not a
    // report): a tenth more files make about n reports.
    const { questions } = writeCorpus(corpus, Math.round(n * 1.09), 42);
    const dbPath = join(dir, "db.json");
    await ingestCorpus(dbPath, corpus, log);
    // Opened as the bot opens it: the parse worker, the bot state file.
    const { lib, release } = await openLibrary(dbPath, { write: true, corpusDir: corpus, parseWorker: true });
    try {
      // Warm as a running bot is: jieba's dictionary loaded (2–3 s, once per process) here and in
      // the parse worker (the junk file waits behind the worker's warm-up), a few answers.
      lib.search("政务公开");
      await lib.ingestFile("warm.txt", new TextEncoder().encode("warm"));
      for (const q of questions.slice(0, 20)) lib.ask(q);

      // 1. the burst
      const { bot, answeredAt } = benchBot(lib);
      const users = Array.from({ length: 200 }, (_, i) => 100_000 + i);
      const before = catalogState(dbPath).stamp;
      const b0 = performance.now();
      await Promise.all(users.map((u, i) => bot.handleUpdate(question(questions[i % questions.length]!, u))));
      const lat = users.map((u) => (answeredAt.get(u) ?? NaN) - b0);
      await new Promise((r) => setTimeout(r, 300)); // the counters' write
      const dbWrites = catalogState(dbPath).stamp === before ? 0 : 1;
      const burst = { users: users.length, p50: pct(lat, 50), p99: pct(lat, 99), max: Math.max(...lat), dbWrites };
      log(`  burst: p50 ${burst.p50.toFixed(0)} ms, p99 ${burst.p99.toFixed(0)} ms`);

      // 2. a 19 MB HTML ingested meanwhile (first the same questions with nothing else running)
      const idle = await whileBusy(lib, questions, () => new Promise((r) => setTimeout(r, 3000)));
      log(`  idle: longest question wait ${idle.maxWaitMs.toFixed(0)} ms, longest stall ${idle.maxStallMs.toFixed(0)} ms`);
      const big = generateReport(77, 999_999);
      const html = Buffer.from(bigHtml(big.text, 19 * 1024 * 1024));
      const ingest = await whileBusy(lib, questions, () => lib.ingestFile("big-report.html", new Uint8Array(html)));
      log(`  ingest of ${(html.byteLength / 1048576).toFixed(1)} MB HTML: ${ingest.ms.toFixed(0)} ms; longest question wait ${ingest.maxWaitMs.toFixed(0)} ms`);

      // 3. a 150-report library reindexed meanwhile
      const small = join(dir, "small");
      const smallCorpus = join(small, "reports");
      const { questions: smallQuestions } = writeCorpus(smallCorpus, 150, 7);
      await ingestCorpus(join(small, "db.json"), smallCorpus, log);
      const opened = await openLibrary(join(small, "db.json"), { write: true, corpusDir: smallCorpus, parseWorker: true });
      try {
        opened.lib.search("政务公开");
        await opened.lib.ingestFile("warm.txt", new TextEncoder().encode("warm"));
        for (const q of smallQuestions.slice(0, 10)) opened.lib.ask(q);
        const reindex = await whileBusy(opened.lib, smallQuestions, () => opened.lib.reindex());
        log(`  reindex of 150 reports: ${reindex.ms.toFixed(0)} ms; longest question wait ${reindex.maxWaitMs.toFixed(0)} ms`);
        return {
          reports: lib.size,
          burst,
          idle,
          ingest: { fileMb: html.byteLength / 1048576, ...ingest, worker: "worker thread" },
          reindex: { reports: 150, ...reindex },
        };
      } finally {
        await opened.lib.close();
        opened.release();
      }
    } finally {
      await lib.close();
      release();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "—");
const mark = (value: number, target: number) => (value <= target ? `✓ (target ${target})` : `✗ target ${target}`);

export function formatLoad(r: LoadResult): string {
  return [
    `── load: ${r.reports} reports ──`,
    `200 users at once  p50 ${f0(r.burst.p50)} ms ${mark(r.burst.p50, 200)}, p99 ${f0(r.burst.p99)} ms ${mark(r.burst.p99, 1000)}, max ${f0(r.burst.max)} ms; catalog written: ${r.burst.dbWrites ? "yes" : "no"}`,
    `idle, a question every 50 ms for ${(r.idle.ms / 1000).toFixed(0)} s: longest wait ${f0(r.idle.maxWaitMs)} ms (p50 ${f0(r.idle.p50WaitMs)} ms), longest event-loop stall ${f0(r.idle.maxStallMs)} ms — the machine's own noise`,
    `during a ${r.ingest.fileMb.toFixed(0)} MB HTML ingest (${f0(r.ingest.ms)} ms, ${r.ingest.worker}): ${r.ingest.questions} questions, longest wait ${f0(r.ingest.maxWaitMs)} ms ${mark(r.ingest.maxWaitMs, 100)} (p50 ${f0(r.ingest.p50WaitMs)} ms), longest event-loop stall ${f0(r.ingest.maxStallMs)} ms`,
    `during a ${r.reindex.reports}-report reindex (${f0(r.reindex.ms)} ms): ${r.reindex.questions} questions, longest wait ${f0(r.reindex.maxWaitMs)} ms ${mark(r.reindex.maxWaitMs, 100)} (p50 ${f0(r.reindex.p50WaitMs)} ms), longest event-loop stall ${f0(r.reindex.maxStallMs)} ms`,
  ].join("\n");
}
