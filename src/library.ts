// The core wired together: store (lowdb entries + record files) + catalog + search index + parser +
// answerer, behind the `Library` contract every front end uses.
//
// - The lowdb file holds one small entry per report (who, when, key figures) and the bot state;
//   full records live in their own files and are read on demand through an LRU cache.
// - The search index is derived: exported beside the db and imported at start; when it is
//   missing, stale or of another format it is repaired from the records (tokens stored at ingest,
//   so never re-segmented).
// - Ingests are serialised; a reindex builds a new catalog and index beside the old ones and swaps
//   them in when complete, so questions keep being answered meanwhile.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import type { Low } from "lowdb";
import type { Report } from "./domain.js";
import { answer, keyFigures, reportCard as buildCard, searchOnly, type AnswerDeps } from "./answer.js";
import { Catalog, toEntry, type ReportEntry } from "./catalog.js";
import { extensionOf, extractText, SUPPORTED_EXTENSIONS } from "./extract.js";
import { toPassages } from "./index/documents.js";
import { createSearchIndex, type IndexedPassage, type SearchIndex } from "./index/search-index.js";
import { addWord, segment, segmentMany } from "./index/segment.js";
import { parseReport } from "./parse/report.js";
import { DB_VERSION, type DbData, type StoredEntry } from "./store/db.js";
import { loadIndex, saveIndex } from "./store/index-files.js";
import { memoryRecordStore, type RecordStore } from "./store/records.js";
import type { BotState, BotStore, IngestResult, Library, ReindexProgress, ReportSummary } from "./service.js";

export interface LibraryOptions {
  db: Low<DbData>;
  /** Full records. Defaults to memory (tests). */
  records?: RecordStore;
  /** Directory the search index is exported to; none = rebuilt from the records at every start. */
  indexPath?: string;
  /** Directory of report files: read by reindex, uploads are kept there. Defaults to none. */
  corpusDir?: string;
  /** Largest accepted upload in bytes. Defaults to 50 MB. */
  maxBytes?: number;
  /** Full records kept in memory. Defaults to 512. */
  cacheSize?: number;
  /** Read the index export but never write it (a reader beside the process that owns the db). */
  readOnly?: boolean;
  /** Milliseconds spent per ingest phase are added here (for `npm run bench`). */
  timings?: IngestTimings;
}

export interface IngestTimings {
  parse: number;
  segment: number;
  store: number;
}

export interface CoreLibrary extends Library {
  /** Ingest files and directories from disk (CLI), one db write at the end. */
  ingestPaths(paths: string[], onEach?: (file: string, result: IngestResult) => void): Promise<IngestResult[]>;
  botStore: BotStore;
  /** Write the search index export now (also done shortly after every change). */
  flush(): Promise<void>;
  /** Number of reports held. */
  readonly size: number;
  /** Full record of a report (for the bench and the CLI). */
  load(id: string): Report | undefined;
  /** The current search index (the bench compares it with a scan). */
  searchIndex(): SearchIndex;
}

export function summarize(r: Omit<Report, "figures" | "sections" | "warnings"> & { figureCount?: number; warningCount?: number; figures?: unknown[]; warnings?: unknown[] }): ReportSummary {
  return {
    id: r.id,
    org: r.org,
    region: r.region,
    fullRegion: r.fullRegion,
    ...(r.province ? { province: r.province } : {}),
    year: r.year,
    template: r.template,
    figureCount: r.figureCount ?? r.figures?.length ?? 0,
    warningCount: r.warningCount ?? r.warnings?.length ?? 0,
    sourceName: r.sourceName,
  };
}

/** Teach jieba the names of a report so questions and passages cut them whole. */
function learnNames(r: Pick<Report, "aliases" | "org">): void {
  for (const a of r.aliases) addWord(a);
  addWord(r.org);
}

/** Passages with their tokens: the one place segmentation runs (once per report, at ingest). */
function indexed(r: Report): IndexedPassage[] {
  const passages = toPassages(r);
  const tokens = segmentMany(passages.map((p) => p.text));
  return passages.map((p, i) => ({ reportId: r.id, text: p.text, section: p.section, line: p.line, tokens: tokens[i]!.join(" ") }));
}

/** List report files under paths (files or directories, recursively), sorted. */
export function listReportFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string, depth: number) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (depth > 6) return;
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith(".") || name === "inbox" || name === "node_modules") continue;
        walk(join(p, name), depth + 1);
      }
    } else if ((SUPPORTED_EXTENSIONS as readonly string[]).includes(extname(p).toLowerCase())) out.push(p);
  };
  for (const p of paths) walk(p, 0);
  return out;
}

/** A tiny LRU of full records. */
function lru<V>(capacity: number) {
  const map = new Map<string, V>();
  return {
    get(key: string): V | undefined {
      const v = map.get(key);
      if (v !== undefined) {
        map.delete(key);
        map.set(key, v);
      }
      return v;
    },
    set(key: string, value: V) {
      map.delete(key);
      map.set(key, value);
      if (map.size > capacity) map.delete(map.keys().next().value!);
    },
    delete: (key: string) => map.delete(key),
  };
}

interface State {
  catalog: Catalog;
  index: SearchIndex;
}

export async function createLibrary(opts: LibraryOptions): Promise<CoreLibrary> {
  const { db, corpusDir, indexPath, maxBytes = 50 * 1024 * 1024, cacheSize = 512, readOnly = false } = opts;
  const records = opts.records ?? memoryRecordStore();
  const reportCache = lru<Report>(cacheSize);
  const passageCache = lru<IndexedPassage[]>(cacheSize * 2);
  const cached = <V>(c: ReturnType<typeof lru<V>>, read: (id: string) => V | undefined) => (id: string): V | undefined => {
    let v = c.get(id);
    if (v === undefined) {
      v = read(id);
      if (v !== undefined) c.set(id, v);
    }
    return v;
  };
  const load = cached(reportCache, (id) => records.readReport(id));
  const passagesOf = cached(passageCache, (id) => records.readPassages(id));
  const newIndex = () => createSearchIndex(passagesOf);

  const buildState = (entries: readonly ReportEntry[], index: SearchIndex): State => {
    const catalog = new Catalog(entries);
    for (const e of entries) learnNames(e);
    return { catalog, index };
  };

  // An older entry format: start empty and rebuild from the corpus files (below).
  const stale = db.data.version !== DB_VERSION && db.data.reports.length > 0;
  if (db.data.version !== DB_VERSION) {
    db.data.reports = [];
    db.data.version = DB_VERSION;
  }

  // ── start-up: entries from lowdb, the index from its export (or repaired from the records)
  let state = buildState(db.data.reports, newIndex());
  let indexDirty = false;
  let loaded = false;
  if (indexPath) {
    const saved = loadIndex(indexPath);
    loaded = saved !== null && state.index.import(saved); // missing, torn or foreign: repaired below
  }
  {
    const held = new Set(db.data.reports.map((e) => e.id));
    for (const id of state.index.reports()) if (!held.has(id)) (state.index.remove(id), (indexDirty = true));
    for (const e of db.data.reports) {
      if (state.index.has(e.id)) continue;
      const passages = records.readPassages(e.id);
      if (passages) state.index.add(e.id, passages);
      indexDirty = true;
    }
    if (!loaded && db.data.reports.length) indexDirty = true;
  }

  const listeners = new Set<(r: ReportSummary) => void | Promise<unknown>>();
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  };
  const sections = (id: string) => records.readSections(id);
  const deps = (): AnswerDeps => ({ catalog: state.catalog, index: state.index, segment, load, sections });
  /**
   * Tell the listeners about new reports; once all of them have taken a report it is marked
   * announced in the db. Without listeners (the CLI) reports stay unannounced for the bot to pick
   * up when it starts.
   */
  const emit = async (added: readonly ReportEntry[]) => {
    if (listeners.size === 0 || added.length === 0) return;
    const done: string[] = [];
    for (const e of added) {
      const results = await Promise.allSettled([...listeners].map(async (l) => l(summarize(e))));
      if (results.every((r) => r.status === "fulfilled")) done.push(e.id);
    }
    if (done.length === 0) return;
    const ids = new Set(done);
    for (const e of db.data.reports) if (ids.has(e.id)) e.announced = true;
    await db.write();
  };

  // The index export is derived data: written shortly after changes, never on the answer path.
  let flushTimer: NodeJS.Timeout | undefined;
  const writeIndex = async () => {
    if (!indexPath || !indexDirty || readOnly) return;
    indexDirty = false;
    const data = await state.index.export();
    mkdirSync(dirname(indexPath), { recursive: true });
    saveIndex(indexPath, data);
  };
  const scheduleFlush = () => {
    indexDirty = true;
    if (!indexPath) return;
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => void serial(writeIndex).catch(() => undefined), 3000);
    flushTimer.unref?.();
  };

  /** Parse and add one text: the record file first, then the entry (written by the caller). */
  const t = opts.timings;
  const addText = (name: string, text: string, file?: string): { result: IngestResult; added?: ReportEntry } => {
    let t0 = performance.now();
    const parsed = parseReport(text, { name });
    if (t) t.parse += performance.now() - t0;
    if (!parsed.ok) return { result: { ok: false, error: parsed.error } };
    const r = parsed.report;
    const warnings = r.warnings.map((w) => w.message);
    const held = state.catalog.get(r.id);
    if (held) return { result: { ok: true, duplicate: true, report: summarize(held), warnings, figures: r.figures.length } };
    learnNames(r);
    t0 = performance.now();
    const passages = indexed(r);
    if (t) t.segment += performance.now() - t0;
    t0 = performance.now();
    records.write({ report: r, passages });
    const entry: StoredEntry = { ...toEntry(r, keyFigures(r)), ...(file ? { file } : {}), addedAt: new Date().toISOString(), announced: false };
    db.data.reports.push(entry);
    state.catalog.add(entry);
    state.index.add(r.id, passages);
    if (t) t.store += performance.now() - t0;
    return { result: { ok: true, duplicate: false, report: summarize(r), warnings, figures: r.figures.length }, added: entry };
  };

  const keepCopy = (name: string, data: Uint8Array, id: string): string | undefined => {
    if (!corpusDir) return undefined;
    const dir = join(corpusDir, "uploads");
    mkdirSync(dir, { recursive: true });
    // Never the uploaded name as a path: the content hash and a checked extension.
    const ext = extensionOf(name);
    const path = join(dir, `${id}${(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext) ? ext : ".txt"}`);
    writeFileSync(path, data);
    return relative(corpusDir, path);
  };

  const lib: CoreLibrary = {
    get size() {
      return state.catalog.size;
    },
    load,
    searchIndex: () => state.index,
    ask: (q, context) =>
      stale && state.catalog.size === 0
        ? { question: q, kind: "none", answers: [], hits: [], warnings: [], text: "数据库是旧版本的格式，需要重新导入报告：npm run cli -- ingest data/reports（或在机器人里 /reindex）。" }
        : answer(q, deps(), context),
    search: (w) => searchOnly(w, deps()),
    reportCard: (q) => buildCard(q, deps()),
    listReports: () =>
      state.catalog
        .all()
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.fullRegion.localeCompare(b.fullRegion, "zh"))
        .map(summarize),
    // The whole record: figures and sections.
    getReport: (id) => {
      const r = load(id);
      return r ? { ...r, sections: records.readSections(id) ?? [] } : undefined;
    },
    onReportAdded(listener) {
      const first = listeners.size === 0;
      listeners.add(listener);
      if (first) {
        // Stored but never announced (crash in between, CLI ingest while the bot was down): replay.
        const pending = db.data.reports.filter((e) => e.announced === false);
        if (pending.length) setImmediate(() => void serial(() => emit(pending)).catch(() => undefined));
      }
      return () => listeners.delete(listener);
    },
    flush: () => serial(writeIndex),

    ingestFile(name, data) {
      return serial(async () => {
        if (data.byteLength > maxBytes) return { ok: false, error: `文件过大（${(data.byteLength / 1048576).toFixed(1)} MB，上限 ${Math.round(maxBytes / 1048576)} MB）。` };
        if (data.byteLength === 0) return { ok: false, error: "文件为空。" };
        const extracted = await extractText(name, data);
        if (!extracted.ok) return { ok: false, error: extracted.error };
        const { result, added } = addText(name, extracted.text);
        if (added) {
          const file = keepCopy(name, data, added.id);
          if (file) (db.data.reports[db.data.reports.length - 1] as StoredEntry).file = file;
          db.data.bot.stats.ingested++;
          await db.write();
          scheduleFlush();
          await emit([added]);
        }
        return result;
      });
    },

    ingestPaths(paths, onEach) {
      return serial(async () => {
        const results: IngestResult[] = [];
        const added: ReportEntry[] = [];
        for (const file of listReportFiles(paths)) {
          let res: IngestResult;
          try {
            const data = readFileSync(file);
            if (data.byteLength > maxBytes) res = { ok: false, error: `文件过大（上限 ${Math.round(maxBytes / 1048576)} MB）。` };
            else {
              const extracted = await extractText(file, data);
              if (!extracted.ok) res = { ok: false, error: extracted.error };
              else {
                const rel = corpusDir ? relative(corpusDir, file) : undefined;
                const out = addText(file.split(/[\\/]/).pop()!, extracted.text, rel && !rel.startsWith("..") ? rel : undefined);
                res = out.result;
                if (out.added) added.push(out.added);
              }
            }
          } catch (err) {
            res = { ok: false, error: (err as Error).message };
          }
          results.push(res);
          onEach?.(file, res);
        }
        if (added.length) {
          db.data.bot.stats.ingested += added.length;
          await db.write();
          indexDirty = true;
          await writeIndex();
          await emit(added);
        }
        return results;
      });
    },

    reindex(onProgress) {
      return serial(async () => {
        const files = corpusDir ? listReportFiles([corpusDir]) : [];
        const failed: string[] = [];
        const entries: StoredEntry[] = [];
        const index = newIndex();
        const seen = new Set<string>();
        const report = (p: ReindexProgress) => {
          try {
            onProgress?.(p);
          } catch {
            /* progress display is best effort */
          }
        };
        for (let i = 0; i < files.length; i++) {
          const file = files[i]!;
          try {
            const data = readFileSync(file);
            const extracted = await extractText(file, data);
            const parsed = extracted.ok ? parseReport(extracted.text, { name: file.split(/[\\/]/).pop()! }) : null;
            if (!parsed || !parsed.ok) failed.push(`${relative(corpusDir!, file)}：${extracted.ok ? (parsed as { error: string }).error : extracted.error}`);
            else if (!seen.has(parsed.report.id)) {
              const r = parsed.report;
              seen.add(r.id);
              learnNames(r);
              const passages = indexed(r);
              records.write({ report: r, passages });
              reportCache.delete(r.id);
              passageCache.delete(r.id);
              index.add(r.id, passages);
              const old = db.data.reports.find((x) => x.id === r.id);
              entries.push({ ...toEntry(r, keyFigures(r)), file: relative(corpusDir!, file), addedAt: old?.addedAt ?? new Date().toISOString(), announced: old ? old.announced !== false : false });
            }
          } catch (err) {
            failed.push(`${file}：${(err as Error).message}`);
          }
          report({ done: i + 1, total: files.length });
          // Let questions be answered between files: they use the old state until the swap.
          if (i % 20 === 19) await new Promise((r) => setImmediate(r));
        }
        const before = new Set(state.catalog.all().map((r) => r.id));
        state = buildState(entries, index); // the swap
        for (const id of before) if (!seen.has(id)) records.remove(id);
        db.data.reports = entries;
        db.data.version = DB_VERSION;
        await db.write();
        indexDirty = true;
        await writeIndex();
        await emit(entries.filter((e) => !before.has(e.id)));
        return { reports: entries.length, failed };
      });
    },

    botStore: {
      read: (): BotState => db.data.bot,
      // Not queued behind ingests and reindexes: lowdb serialises the writes themselves, and a
      // /subscribe must not wait for a long reindex.
      update: async (mutate) => {
        mutate(db.data.bot);
        await db.write();
      },
    },
  };

  if (stale && corpusDir) await lib.reindex();
  else if (indexDirty && indexPath) await lib.flush();
  // Region names and columns for question understanding: built now, not on the first question.
  state.catalog.lexicon();
  return lib;
}
