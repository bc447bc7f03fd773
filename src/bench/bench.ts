// npm run bench [-- --sizes 1000,10000] [--full] [--stores json,sqlite] [--replicate K] [--workers N] [--json] [--parse-only] [--no-parse]
// npm run bench -- --alerts [--subscriptions 10000] [--reports 200] [--file]: the alert load test
// only (src/bench/alerts-load.ts); --file keeps the alert state in files (every commit fsynced).
//
// First, parsing speed on the real fixture reports and on a 5 MB text (src/bench/parse-speed.ts).
// For each corpus size, on synthetic reports with known figures (src/bench/generate.ts):
// ingest rate (parse, segmentation, store+index separately; files read by `--workers N` worker
// threads, one per core but one (1 to 4) by default, as `cli ingest` reads them) against the jieba bound on one core
// and on as many cores as the ingest's workers (jieba-bound.ts); structured and
// full-text answer latency (p50/p99 over a fixed question mix) each next to a linear-scan baseline
// on the same corpus; cold start in a fresh process (open the db, import the index, first answer;
// the median of three);
// peak RSS; size on disk. `--full` adds 10k and 100k (100k needs a few GB of disk and ~15 min).
// Each size runs once per store (`--stores json,sqlite`, both by default), each in a process of its
// own so that its peak RSS is its own: the JSON store (lowdb file, record files, FlexSearch in
// memory) is the in-run baseline of the SQLite store (one file: catalog, records, FTS5 index).
// `--replicate K` (SQLite only): after ingesting n reports, the store is copied K times and
// everything but the ingest rate is measured at n·K (replicate.ts) — 100k served, 10k ingested.
// Then the load scenario (src/bench/load.ts): 200 users at once at 5,000 reports (`--load-size N`),
// and questions asked during a 19 MB HTML ingest and a 150-report reindex; `--no-load` skips it,
// `--load-only` runs only it.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { answer } from "../answer.js";
import { Catalog, levelRank, type ReportEntry, regionKey } from "../catalog.js";
import { toPassages } from "../index/documents.js";
import { createFtsIndex } from "../index/fts-index.js";
import { segment } from "../index/segment.js";
import { createLibrary, type IngestTimings } from "../library.js";
import { nearNames, parseQuestion } from "../parse/question.js";
import { bulkWorkers, createBulkReader, type Reader } from "../reader.js";
import { fileAdapter, openDb } from "../store/db.js";
import { createOriginalWriter } from "../store/original-writer.js";
import { fileOriginalStore } from "../store/originals.js";
import { fileRecordStore, sqliteRecordStore } from "../store/records.js";
import { openSqlite, sqliteDbAdapter } from "../store/sqlite.js";
import { sqliteWriteBatch } from "../store/sqlite-batch.js";
import { generateReport } from "./generate.js";
import { formatLoad, type LoadResult, runLoad } from "./load.js";
import { formatParseSpeed, measureParseSpeed } from "./parse-speed.js";
import { Rng } from "./random.js";
import { replicateStore } from "./replicate.js";
import type { ServeQuestions, ServeResult } from "./serve.js";
import { pct } from "./stats.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The V8 flags `npm start` runs the bot with (package.json), which the bench's serving process and
 * cold starts run with too: `--max-semi-space-size=8` halves the young generation, so that a
 * collection during a question copies less (figure p99 at 8,455 reports 6.0 → 4.1–4.6 ms, twice as
 * many collections of half the pause; a bulk ingest's rate unchanged within noise).
 */
export function servingFlags(root = ROOT): string[] {
  return /^(?:[A-Z_]+=\S+\s+)*node\s+((?:--\S+\s+)*)scripts\/run\.mjs/.exec(startScript(root))?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

/**
 * The environment `npm start` sets before node (package.json), which the bench's processes run
 * with too: `GLIBC_TUNABLES=glibc.malloc.hugetlb=1` lets malloc's heap take transparent huge pages,
 * so loading jieba's dictionary (≈350k words, ≈250 MB of small allocations) faults in 2 MB pages
 * instead of 4 KB ones: 1.9–2.6 → 0.5–0.9 s here, the most of a cold start.
 */
export function servingEnv(root = ROOT): Record<string, string> {
  const assigned = /^((?:[A-Z_]+=\S+\s+)*)node\s/.exec(startScript(root))?.[1] ?? "";
  return Object.fromEntries(
    assigned
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]),
  );
}

function startScript(root: string): string {
  return (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
}

/** Targets from the scale issue (15), per size. */
const TARGETS = {
  ingestPerSec: 400,
  structuredP99Ms: { 100000: 5 } as Record<number, number>,
  fullTextP99Ms: { 100000: 20 } as Record<number, number>,
  rssMb: { 100000: 1536 } as Record<number, number>,
  coldStartMs: { 10000: 3000, 100000: 2000 } as Record<number, number>,
  /** Store bytes over text bytes. */
  diskRatio: 2,
};

export type BenchStore = "json" | "sqlite";

export interface SizeResult {
  reports: number;
  /** `--replicate K`: reports ingested; `reports` is the answering ones among them times K, served from a copied store. */
  replicatedFrom?: number;
  replicas?: number;
  store: BenchStore;
  corpusMb: number;
  ingest: {
    perSec: number;
    /** Worker threads that read the files. */
    workers: number;
    /** Per core: reports over the time the workers spent parsing, segmenting; the main thread storing. */
    parsePerSec: number;
    segmentPerSec: number;
    storePerSec: number;
    /** jieba alone on one core, and on `workers` cores at once. */
    jiebaMbPerSec: number;
    jiebaBoundPerSec: number;
    ratioToBound: number;
    jiebaCoresMbPerSec: number;
    jiebaCoresBoundPerSec: number;
    ratioToCoresBound: number;
  };
  structured: {
    p50: number;
    p99: number;
    baselineP50: number;
    baselineP99: number;
    speedup: number;
    questions: number;
    answered: number;
    fallbackP50: number;
    fallbackP99: number;
  };
  /** Question understanding alone (parseQuestion against the held names), and building the name index once. */
  understanding: { p50: number; p99: number; questions: number; indexMs: number };
  fullText: { p50: number; p99: number; baselineP50: number; baselineP99: number; speedup: number; queries: number; withHits: number };
  coldStart: { totalMs: number; openMs: number; firstAnswerMs: number; rssMb: number } | null;
  /** The same questions answered by a fresh serving process (serve.ts), with its peak RSS. */
  serving: ServeResult | null;
  /** The bench's own process: the ingest, then the questions above. */
  peakRssMb: number;
  diskMb: number;
}

function du(path: string): number {
  let total = 0;
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const n of readdirSync(p)) walk(join(p, n));
    else total += st.size;
  };
  try {
    walk(path);
  } catch {
    /* missing */
  }
  return total;
}

const METRIC_WORDS = ["行政复议", "行政诉讼", "收到政府信息公开申请", "主动公开政府信息", "行政许可", "行政处罚", "予以公开", "举报投诉", "结转下年度"];

/** The library over one store, as the CLI opens it (cli.ts openLibrary), with the bench's timings. */
export async function openBenchLibrary(dir: string, store: BenchStore, opts: { timings?: IngestTimings; readOnly?: boolean; reader?: Reader } = {}) {
  const dbPath = join(dir, "db.json");
  const common = {
    // As the CLI's bulk ingest: the files' bytes written from a thread of their own.
    ...(opts.readOnly
      ? { readOnly: true }
      : { originals: fileOriginalStore(join(dir, "db.originals"), opts.reader ? { writer: createOriginalWriter() } : {}) }),
    ...(opts.timings ? { timings: opts.timings } : {}),
    ...(opts.reader ? { reader: opts.reader } : {}),
  };
  if (store === "json") {
    const db = await openDb(fileAdapter(dbPath), dbPath);
    const records = fileRecordStore(join(dir, "db.records"));
    return { db, records, sql: undefined, lib: await createLibrary({ ...common, db, records, indexPath: join(dir, "db.index") }) };
  }
  const sql = openSqlite(join(dir, "db.sqlite"), { readOnly: !!opts.readOnly });
  const db = await openDb(sqliteDbAdapter(sql), "db.sqlite");
  const records = sqliteRecordStore(sql, toPassages);
  const lib = await createLibrary({
    ...common,
    db,
    records,
    createIndex: (passagesOf, { fresh }) => createFtsIndex(sql, passagesOf, { fresh, readOnly: !!opts.readOnly }),
    writeBatch: sqliteWriteBatch(sql),
  });
  return { db, records, sql, lib };
}

/** Bytes the store takes on disk (the originals, the same for both, are not counted). */
function storeBytes(dir: string, store: BenchStore): number {
  if (store === "json") return du(join(dir, "db.json")) + du(join(dir, "db.records")) + du(join(dir, "db.index"));
  return ["db.sqlite", "db.sqlite-wal", "db.sqlite-shm"].reduce((sum, f) => sum + (existsSync(join(dir, f)) ? du(join(dir, f)) : 0), 0);
}

async function benchSize(n: number, seed: number, store: BenchStore, log: (s: string) => void, replicate = 1, workers = bulkWorkers()): Promise<SizeResult> {
  const dir = mkdtempSync(join(tmpdir(), `nianbao-bench-${n}-`));
  const corpus = join(dir, "reports");
  mkdirSync(corpus);
  // 1. corpus (not timed as ingest)
  let bytes = 0;
  const sample: { text: string; region: string; year: number; org: string }[] = [];
  // Other reports' questions, asked before the timed ones: a running bot has answered before, and
  // the first answers of a process (code compiled, the store's pages read) are its cold start's.
  const warm: typeof sample = [];
  const rng = new Rng(seed);
  for (let i = 0; i < n; i++) {
    const r = generateReport(seed, i);
    bytes += Buffer.byteLength(r.text);
    writeFileSync(join(corpus, r.name), r.text);
    if (sample.length < 400 && rng.chance(Math.min(1, 400 / n) * 1.5))
      sample.push({ text: r.text, region: r.truth.region, year: r.truth.year, org: r.truth.org });
    else if (warm.length < 40) warm.push({ text: r.text, region: r.truth.region, year: r.truth.year, org: r.truth.org });
  }
  log(`  ${n} reports generated (${(bytes / 1e6).toFixed(1)} MB)`);

  // 2. ingest through the library, phases timed
  const timings: IngestTimings = { parse: 0, segment: 0, store: 0 };
  // As the CLI opens it: records, the files' bytes and the index beside the db; the files read
  // by bulkWorkers() workers (cli.ts cmdIngest).
  const reader = createBulkReader(workers, { prepare: store === "sqlite" });
  let { db, records, lib, sql } = await openBenchLibrary(dir, store, { timings, reader });
  // The workers started and their dictionaries loaded before the clock starts, as the jieba bound's
  // are: the rate is an ingest's, its start-up (once per run, ≈1–2 s) is told apart.
  const w0 = performance.now();
  await reader.warm();
  log(`  ${workers} reader worker${workers > 1 ? "s" : ""} started in ${((performance.now() - w0) / 1000).toFixed(1)} s`);
  const t0 = performance.now();
  await lib.ingestPaths([corpus]);
  const ingestMs = performance.now() - t0;
  await reader.close();
  log(`  ingested in ${(ingestMs / 1000).toFixed(1)} s by ${workers} worker${workers > 1 ? "s" : ""}`);

  // jieba alone, on the same text: the bound an ingest cannot beat — on one core, and on as many
  // cores as the ingest used (each thread over the same texts); in a process of its own, so its
  // dictionaries are not in this process's peak RSS (jieba-bound-cli.ts).
  const textsFile = join(dir, "jieba-bound.json");
  writeFileSync(textsFile, JSON.stringify(sample.map((s) => s.text)));
  const bound = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules/tsx/dist/cli.mjs"), join(ROOT, "src/bench/jieba-bound-cli.ts"), textsFile, String(workers)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (bound.status !== 0) throw new Error(`jieba bound: ${bound.stderr}`);
  const { oneCore: jiebaMbPerSec, cores: jiebaCores } = JSON.parse(bound.stdout) as { oneCore: number; cores: number };
  const avgMb = bytes / 1e6 / n;
  const ingestPerSec = n / (ingestMs / 1000);
  const ingested = n;
  if (replicate > 1 && sql) {
    // Serving at n·K: the store copied K times, then opened again as a serving process would.
    await lib.flush();
    const r0 = performance.now();
    const answering = db.data.reports.length;
    n = replicateStore(sql, replicate);
    // The text of the reports served: as many as answer (revisions and renditions are not copied).
    bytes = (bytes / ingested) * n;
    log(`  ${answering} of ${ingested} answering, copied ×${replicate}: ${n} reports in ${((performance.now() - r0) / 1000).toFixed(1)} s`);
    ({ db, records, lib, sql } = await openBenchLibrary(dir, store));
  }

  // 3. structured questions: the lookup through our catalog vs a linear scan of all entries
  const entries = db.data.reports;
  const warmAsked = warm.map((w, i) => ({
    ask: `${w.org}${w.year}年${METRIC_WORDS[i % METRIC_WORDS.length]}多少`,
    search:
      segment(w.text.slice(800, 1100))
        .filter((t) => t.length >= 2 && !/\d/.test(t))
        .slice(0, 2)
        .join(" ") || "政务公开",
  }));
  for (const w of warmAsked) {
    lib.ask(w.ask);
    lib.search(w.search);
  }
  // The issuer's full name: at 100k reports a bare 鼓楼区 is ambiguous and would be asked back.
  const questions = sample.map((s, i) => `${s.org}${s.year}年${METRIC_WORDS[i % METRIC_WORDS.length]}多少`);
  const sLat: number[] = [];
  let answered = 0;
  // Latency of the questions answered with a figure; the others (the template has no such
  // figure) fall back to full text in the report and are timed there.
  const fallback: number[] = [];
  for (const q of questions) {
    const a0 = performance.now();
    const a = lib.ask(q);
    const ms = performance.now() - a0;
    if (a.answers.length) answered++, sLat.push(ms);
    else fallback.push(ms);
  }
  // Baseline: the same answering code over a catalog that finds a region's reports by scanning
  // every entry instead of its map.
  const scan = new ScanCatalog(entries);
  const scanDeps = { catalog: scan, index: lib.searchIndex(), segment, load: (id: string) => records.readReport(id) };
  const bLat: number[] = [];
  for (const q of questions) {
    const b0 = performance.now();
    answer(q, scanDeps);
    bLat.push(performance.now() - b0);
  }

  // 3b. question understanding alone: full names, short names, one character wrong, fragments and
  // library-wide questions, against the names of every report held (index built once, timed apart).
  const uCatalog = new Catalog(entries);
  const i0 = performance.now();
  parseQuestion("长寿区2018年行政复议多少件", uCatalog.lexicon());
  nearNames("长受区", uCatalog.lexicon());
  const indexMs = performance.now() - i0;
  const typo = (t: string) => (t.length > 2 ? t.slice(0, 1) + "口" + t.slice(2) : t);
  const uQuestions = sample.flatMap((s, i) => {
    const w = METRIC_WORDS[i % METRIC_WORDS.length]!;
    return [
      `${s.org}${s.year}年${w}多少`,
      `${s.region}${s.year}年${w}多少件`,
      `${typo(s.region)}${s.year}年${w}多少`,
      `那${s.year}年呢`,
      `${w}呢`,
      `哪个地区${w}最多`,
      `${s.year}年全部地区${w}一共多少件`,
    ];
  });
  const uLat: number[] = [];
  for (const q of uQuestions) {
    const u0 = performance.now();
    parseQuestion(q, uCatalog.lexicon());
    uLat.push(performance.now() - u0);
  }

  // 4. full text: global searches for words taken from the corpus; baseline scans every passage
  const words = sample.slice(0, 200).map((s, i) => {
    const tokens = segment(s.text.slice(800 + (i % 5) * 300, 1100 + (i % 5) * 300)).filter((t) => t.length >= 2 && !/\d/.test(t));
    return tokens.slice(0, 2).join(" ") || "政务公开";
  });
  const fLat: number[] = [];
  let withHits = 0;
  for (const w of words) {
    const f0 = performance.now();
    const a = lib.search(w);
    fLat.push(performance.now() - f0);
    if (a.hits.length) withHits++;
  }
  const fbLat: number[] = [];
  const texts: string[] = [];
  // all passage texts in memory for the baseline (read once, not timed)
  if (n <= 20000) for (const e of entries) for (const p of records.readPassages(e.id) ?? []) texts.push(p.text);
  for (const w of words.slice(0, n <= 20000 ? 200 : 0)) {
    const parts = w.split(" ");
    const b0 = performance.now();
    let hits = 0;
    for (const t of texts) if (parts.some((p) => t.includes(p))) hits++;
    fbLat.push(performance.now() - b0 + (hits < 0 ? 1 : 0));
  }
  await lib.flush();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;

  // Fresh processes below start as `npm start` starts (scripts/run.mjs: the compiled copy in
  // dist/), dist/ built beforehand (a start after a change of the sources builds it first).
  spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { stdio: "ignore" });

  // 4b. the same questions answered by a serving process: a library of this size is ingested by
  // `npm run cli -- ingest` and served by a bot that opens it (serve.ts), not by the process that
  // ingested it, whose heap still holds the ingest's leftovers.
  const serveFile = join(dir, "serve-questions.json");
  writeFileSync(serveFile, JSON.stringify({ warm: warmAsked, questions, searches: words } satisfies ServeQuestions));
  const served = spawnSync(process.execPath, [...servingFlags(), join(ROOT, "scripts/run.mjs"), "src/bench/serve.ts", dir, store, serveFile], {
    encoding: "utf8",
    env: { ...process.env, ...servingEnv() },
    timeout: 600_000,
  });
  let serving: ServeResult | null = null;
  try {
    serving = JSON.parse(served.stdout.trim().split("\n").pop() ?? "null") as ServeResult | null;
  } catch {
    log(`  serving process failed: ${served.stderr.slice(-400)}`);
  }

  // 5. cold start in a fresh process
  // Three starts, the median kept: the first often shares the cores with this process's own
  // garbage collection, left over from the questions above (a start measured alone does not).
  const starts: NonNullable<SizeResult["coldStart"]>[] = [];
  for (let i = 0; i < 3; i++) {
    const child = spawnSync(
      process.execPath,
      [...servingFlags(), join(ROOT, "scripts/run.mjs"), "src/bench/cold-start.ts", dir, store, questions[0] ?? "行政复议"],
      {
        encoding: "utf8",
        env: { ...process.env, ...servingEnv() },
        timeout: 600_000,
      },
    );
    try {
      const start = JSON.parse(child.stdout.trim().split("\n").pop() ?? "null");
      if (start) starts.push(start);
    } catch {
      log(`  cold start failed: ${child.stderr.slice(-400)}`);
    }
  }
  if (starts.length) log(`  cold starts: ${starts.map((s) => `${(s.totalMs / 1000).toFixed(2)} s`).join(", ")}`);
  const coldStart: SizeResult["coldStart"] = starts.sort((a, b) => a.totalMs - b.totalMs)[Math.floor(starts.length / 2)] ?? null;
  const diskMb = storeBytes(dir, store) / 1e6;
  // NIANBAO_BENCH_KEEP=1 leaves the store for a closer look (its folder is printed).
  if (process.env.NIANBAO_BENCH_KEEP === "1") log(`  kept: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });

  const perSec = (ms: number) => ingested / (ms / 1000);
  return {
    reports: n,
    store,
    ...(replicate > 1 ? { replicatedFrom: ingested, replicas: replicate } : {}),
    corpusMb: bytes / 1e6,
    ingest: {
      perSec: ingestPerSec,
      workers,
      parsePerSec: perSec(timings.parse),
      segmentPerSec: perSec(timings.segment),
      storePerSec: perSec(timings.store),
      jiebaMbPerSec,
      jiebaBoundPerSec: jiebaMbPerSec / avgMb,
      ratioToBound: ingestPerSec / (jiebaMbPerSec / avgMb),
      jiebaCoresMbPerSec: jiebaCores,
      jiebaCoresBoundPerSec: jiebaCores / avgMb,
      ratioToCoresBound: ingestPerSec / (jiebaCores / avgMb),
    },
    structured: {
      p50: pct(sLat, 50),
      p99: pct(sLat, 99),
      baselineP50: pct(bLat, 50),
      baselineP99: pct(bLat, 99),
      speedup: pct(bLat, 50) / pct(sLat, 50),
      questions: questions.length,
      answered,
      fallbackP50: pct(fallback, 50),
      fallbackP99: pct(fallback, 99),
    },
    understanding: { p50: pct(uLat, 50), p99: pct(uLat, 99), questions: uQuestions.length, indexMs },
    fullText: {
      p50: pct(fLat, 50),
      p99: pct(fLat, 99),
      baselineP50: pct(fbLat, 50),
      baselineP99: pct(fbLat, 99),
      speedup: pct(fbLat, 50) / pct(fLat, 50),
      queries: words.length,
      withHits,
    },
    coldStart,
    serving,
    peakRssMb,
    diskMb,
  };
}

/** The catalog without its region map: every lookup scans all entries (the bench's baseline). */
class ScanCatalog extends Catalog {
  constructor(private readonly list: ReportEntry[]) {
    super(list);
  }
  override forKey(key: string): ReportEntry[] {
    return this.list.filter((e) => regionKey(e) === key).sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || levelRank(a) - levelRank(b));
  }
  override get(id: string): ReportEntry | undefined {
    return this.list.find((e) => e.id === id);
  }
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(x < 10 ? 2 : 1) : "—");

function verdict(value: number, target: number | undefined, lowerIsBetter = true): string {
  if (target === undefined) return "";
  const ok = lowerIsBetter ? value <= target : value >= target;
  const by = lowerIsBetter ? value / target : target / value;
  return ok ? ` ✓ (target ${target})` : ` ✗ target ${target}, missed by ×${by.toFixed(1)}`;
}

export function formatResults(results: SizeResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    const n = r.reports;
    lines.push(
      `── ${n} reports (${r.corpusMb.toFixed(0)} MB of text), ${r.store === "json" ? "JSON store + FlexSearch in memory" : "SQLite store + FTS5"}${r.replicatedFrom ? ` — ${r.replicatedFrom} ingested, the store copied ×${r.replicas}` : ""} ──`,
    );
    const w = r.ingest.workers ?? 1;
    lines.push(
      `ingest            ${f1(r.ingest.perSec)} reports/s${verdict(r.ingest.perSec, TARGETS.ingestPerSec, false)} (${w} worker${w > 1 ? "s" : ""}); per core: parse ${f1(r.ingest.parsePerSec)}/s, segmentation ${f1(r.ingest.segmentPerSec)}/s, store+index ${f1(r.ingest.storePerSec)}/s`,
    );
    lines.push(
      `  jieba bound     one core ${f1(r.ingest.jiebaMbPerSec)} MB/s = ${f1(r.ingest.jiebaBoundPerSec)} reports/s; ingest is ${(r.ingest.ratioToBound * 100).toFixed(0)}% of it${verdict(r.ingest.ratioToBound * 100, 70, false)}`,
    );
    if (w > 1)
      lines.push(
        `                  ${w} cores ${f1(r.ingest.jiebaCoresMbPerSec)} MB/s = ${f1(r.ingest.jiebaCoresBoundPerSec)} reports/s; ingest is ${(r.ingest.ratioToCoresBound * 100).toFixed(0)}% of it`,
      );
    lines.push(
      `question understanding p50/p99 ${f1(r.understanding.p50)} / ${f1(r.understanding.p99)} ms over ${r.understanding.questions} questions (full and short names, one character wrong, fragments, library-wide)${verdict(r.understanding.p50, 1)} p50; name index built once in ${f1(r.understanding.indexMs)} ms`,
    );
    lines.push(
      `structured p50/p99 ${f1(r.structured.p50)} / ${f1(r.structured.p99)} ms${verdict(r.structured.p99, TARGETS.structuredP99Ms[n])}; linear scan ${f1(r.structured.baselineP50)} / ${f1(r.structured.baselineP99)} ms (×${f1(r.structured.speedup)}; ${r.structured.answered}/${r.structured.questions} answered with a figure, the rest fell back to the report's text in ${f1(r.structured.fallbackP50)} / ${f1(r.structured.fallbackP99)} ms)`,
    );
    lines.push(
      `full text p50/p99 ${f1(r.fullText.p50)} / ${f1(r.fullText.p99)} ms${verdict(r.fullText.p99, TARGETS.fullTextP99Ms[n])}; linear scan ${f1(r.fullText.baselineP50)} / ${f1(r.fullText.baselineP99)} ms (×${f1(r.fullText.speedup)}; ${r.fullText.withHits}/${r.fullText.queries} with hits)`,
    );
    if (r.serving) {
      const sv = r.serving;
      lines.push(
        `serving process   figure p50/p99 ${f1(sv.structured.p50)} / ${f1(sv.structured.p99)} ms${verdict(sv.structured.p99, TARGETS.structuredP99Ms[n])} (${sv.structured.answered}/${sv.structured.questions}; the rest ${f1(sv.structured.fallbackP50)} / ${f1(sv.structured.fallbackP99)} ms); full text ${f1(sv.fullText.p50)} / ${f1(sv.fullText.p99)} ms${verdict(sv.fullText.p99, TARGETS.fullTextP99Ms[n])}; peak RSS ${f1(sv.rssMb)} MB${verdict(sv.rssMb, TARGETS.rssMb[n])} (a fresh process opens the store, as the bot after a \`cli ingest\`)`,
      );
    }
    if (r.coldStart)
      lines.push(
        `cold start        ${f1(r.coldStart.totalMs)} ms${verdict(r.coldStart.totalMs, TARGETS.coldStartMs[n])} (median of 3 fresh processes; open db + index ${f1(r.coldStart.openMs)} ms, first answer ${f1(r.coldStart.firstAnswerMs)} ms, RSS ${f1(r.coldStart.rssMb)} MB)`,
      );
    lines.push(
      `peak RSS          ${f1(r.peakRssMb)} MB${verdict(r.peakRssMb, TARGETS.rssMb[n])} (the ingest and the questions above in one process); on disk ${f1(r.diskMb)} MB = ${(r.diskMb / r.corpusMb).toFixed(2)}× the text${verdict(r.diskMb / r.corpusMb, TARGETS.diskRatio)}`,
    );
  }
  return lines.join("\n");
}

export async function runBench(argv: string[]): Promise<number> {
  const json = argv.includes("--json");
  const at = argv.indexOf("--sizes");
  const sizes = argv.includes("--full") ? [1000, 10000, 100000] : at >= 0 ? argv[at + 1]!.split(",").map(Number) : [1000];
  const st = argv.indexOf("--stores");
  const stores = (st >= 0 ? argv[st + 1]!.split(",") : ["json", "sqlite"]) as BenchStore[];
  const log = (s: string) => (json ? process.stderr.write(s + "\n") : console.log(s));
  const rp = argv.indexOf("--replicate");
  const replicate = rp >= 0 ? Number(argv[rp + 1]) : 1;
  const wk = argv.indexOf("--workers");
  const workers = wk >= 0 ? Number(argv[wk + 1]) : bulkWorkers();
  const child = argv.indexOf("--child");
  if (child >= 0) {
    // One size, one store, in this process: the result as the last line of stdout.
    const result = await benchSize(
      Number(argv[child + 1]),
      42,
      argv[child + 2] as BenchStore,
      (s) => process.stderr.write(s + "\n"),
      Number(argv[child + 3] ?? 1),
      workers,
    );
    process.stdout.write(JSON.stringify(result) + "\n");
    return 0;
  }
  const results: SizeResult[] = [];
  log(`nianbao bench — node ${process.version}, ${(await import("node:os")).cpus()[0]?.model ?? "cpu"} × ${(await import("node:os")).cpus().length}`);
  if (argv.includes("--alerts")) return benchAlerts(argv, json, log);
  const loadOnly = argv.includes("--load-only");
  const skipParse = argv.includes("--no-parse") || loadOnly;
  if (!skipParse) log("parsing the real fixture reports");
  const parse = skipParse ? null : measureParseSpeed(ROOT);
  if (!json && parse) console.log("\n" + formatParseSpeed(parse) + "\n");
  if (argv.includes("--parse-only")) return 0;
  for (const n of loadOnly ? [] : sizes) {
    for (const store of stores) {
      log(`size ${n}, ${store} store`);
      // As the bot runs (servingFlags, servingEnv): the questions are timed in this process.
      const run = spawnSync(
        process.execPath,
        [
          ...servingFlags(),
          ...(store === "json" ? ["--max-old-space-size=16384"] : []),
          join(ROOT, "node_modules/tsx/dist/cli.mjs"),
          join(ROOT, "src/bench/bench.ts"),
          "--child",
          String(n),
          store,
          String(replicate),
          "--workers",
          String(workers),
        ],
        {
          encoding: "utf8",
          env: { ...process.env, ...servingEnv() },
          stdio: ["ignore", "pipe", "inherit"],
          maxBuffer: 64 << 20,
        },
      );
      try {
        results.push(JSON.parse(run.stdout.trim().split("\n").pop() ?? "") as SizeResult);
      } catch {
        log(`  failed (exit ${run.status}${run.signal ? `, ${run.signal}` : ""})`);
      }
    }
  }
  let load: LoadResult | null = null;
  if (!argv.includes("--no-load")) {
    const li = argv.indexOf("--load-size");
    const n = li >= 0 ? Number(argv[li + 1]) : 5000;
    log(`load at ${n} reports`);
    load = await runLoad(n, log);
  }
  if (json) process.stdout.write(JSON.stringify({ parse, sizes: results, load }, null, 2) + "\n");
  else {
    if (results.length) console.log("\n" + formatResults(results));
    if (load) console.log("\n" + formatLoad(load));
  }
  return 0;
}

async function benchAlerts(argv: string[], json: boolean, log: (s: string) => void): Promise<number> {
  const { runAlertLoad, formatAlertLoad } = await import("./alerts-load.js");
  const { fileAlertStore } = await import("../alerts/store.js");
  const option = (name: string, fallback: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : fallback);
  const base = join(mkdtempSync(join(tmpdir(), "nianbao-alerts-")), "db.alerts");
  const t0 = performance.now();
  const result = await runAlertLoad({
    subscriptions: option("--subscriptions", 10_000),
    reports: option("--reports", 200),
    segment,
    log,
    ...(argv.includes("--file") ? { openStore: () => fileAlertStore(base) } : {}),
  });
  const totalS = (performance.now() - t0) / 1000;
  rmSync(dirname(base), { recursive: true, force: true });
  if (json) process.stdout.write(JSON.stringify({ alerts: { ...result, totalS, store: argv.includes("--file") ? "file" : "memory" } }, null, 2) + "\n");
  else
    console.log(
      `\n${formatAlertLoad(result)}\n  total ${totalS.toFixed(1)} s (alert state ${argv.includes("--file") ? "in files, every commit fsynced" : "in memory"})`,
    );
  const ok = result.missing + result.duplicated + result.unexpected + result.violations.global + result.violations.chat + result.violations.group === 0;
  return ok ? 0 : 1;
}

if (process.argv[1] && /bench\.(ts|js)$/.test(process.argv[1])) {
  runBench(process.argv.slice(2)).then((code) => (process.exitCode = code));
}
