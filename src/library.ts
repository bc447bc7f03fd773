// The core wired together: store (lowdb) + catalog + search index + parser + answerer, behind the
// `Library` contract every front end uses. Ingests are serialised; a reindex builds a new catalog
// and index beside the old ones and swaps them in when complete.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join, relative } from "node:path";
import type { Low } from "lowdb";
import type { Report } from "./domain.js";
import { answer, reportCard as buildCard, searchOnly, type AnswerDeps } from "./answer.js";
import { Catalog } from "./catalog.js";
import { extensionOf, extractText, SUPPORTED_EXTENSIONS } from "./extract.js";
import { toPassages } from "./index/documents.js";
import { createSearchIndex, type IndexedPassage, type SearchIndex } from "./index/search-index.js";
import { addWord, segment } from "./index/segment.js";
import { parseReport } from "./parse/report.js";
import { DB_VERSION, type DbData, type StoredReport } from "./store/db.js";
import type { BotState, BotStore, IngestResult, Library, ReindexProgress, ReportSummary } from "./service.js";

export interface LibraryOptions {
  db: Low<DbData>;
  /** Directory of report files: read by reindex, uploads are kept there. Defaults to none. */
  corpusDir?: string;
  /** Largest accepted upload in bytes. Defaults to 50 MB. */
  maxBytes?: number;
}

export interface CoreLibrary extends Library {
  /** Ingest files and directories from disk (CLI), one db write at the end. */
  ingestPaths(paths: string[], onEach?: (file: string, result: IngestResult) => void): Promise<IngestResult[]>;
  botStore: BotStore;
  /** Number of reports held. */
  readonly size: number;
}

export function summarize(r: Report): ReportSummary {
  return {
    id: r.id,
    org: r.org,
    region: r.region,
    fullRegion: r.fullRegion,
    ...(r.province ? { province: r.province } : {}),
    year: r.year,
    template: r.template,
    figureCount: r.figures.length,
    warningCount: r.warnings.length,
    sourceName: r.sourceName,
  };
}

/** Teach jieba the names of a report so questions and passages cut them whole. */
function learnNames(r: Report): void {
  for (const a of r.aliases) addWord(a);
  addWord(r.org);
}

function indexed(r: Report): IndexedPassage[] {
  return toPassages(r).map((p) => ({ reportId: r.id, text: p.text, section: p.section, line: p.line, tokens: segment(p.text).join(" ") }));
}

interface State {
  catalog: Catalog;
  index: SearchIndex;
}

function buildState(stored: readonly StoredReport[]): State {
  const catalog = new Catalog();
  const index = createSearchIndex();
  for (const s of stored) {
    catalog.add(s.report);
    learnNames(s.report);
    index.add(s.report.id, s.passages);
  }
  return { catalog, index };
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

export async function createLibrary(opts: LibraryOptions): Promise<CoreLibrary> {
  const { db, corpusDir, maxBytes = 50 * 1024 * 1024 } = opts;
  let state = buildState(db.data.reports);
  const listeners = new Set<(r: ReportSummary) => void>();
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  };
  const deps = (): AnswerDeps => ({ catalog: state.catalog, index: state.index, segment });
  const emit = (r: Report) => {
    for (const l of listeners) {
      try {
        l(summarize(r));
      } catch {
        /* a listener's failure is its own */
      }
    }
  };

  /** Parse and add one text; no db write. */
  const addText = (name: string, text: string, file?: string): { result: IngestResult; added?: Report } => {
    const parsed = parseReport(text, { name });
    if (!parsed.ok) return { result: { ok: false, error: parsed.error } };
    const r = parsed.report;
    const warnings = r.warnings.map((w) => w.message);
    if (state.catalog.has(r.id)) return { result: { ok: true, duplicate: true, report: summarize(state.catalog.get(r.id)!), warnings, figures: r.figures.length } };
    learnNames(r);
    const passages = indexed(r);
    db.data.reports.push({ report: r, passages, ...(file ? { file } : {}), addedAt: new Date().toISOString() });
    state.catalog.add(r);
    state.index.add(r.id, passages);
    return { result: { ok: true, duplicate: false, report: summarize(r), warnings, figures: r.figures.length }, added: r };
  };

  const keepCopy = (name: string, data: Uint8Array, id: string): string | undefined => {
    if (!corpusDir) return undefined;
    const dir = join(corpusDir, "uploads");
    mkdirSync(dir, { recursive: true });
    // Never the uploaded name as a path: the content hash and a checked extension.
    const ext = extensionOf(name) || ".txt";
    const path = join(dir, `${id}${(SUPPORTED_EXTENSIONS as readonly string[]).includes(ext) ? ext : ".txt"}`);
    writeFileSync(path, data);
    return relative(corpusDir, path);
  };

  const lib: CoreLibrary = {
    get size() {
      return state.catalog.size;
    },
    ask: (q) => answer(q, deps()),
    search: (w) => searchOnly(w, deps()),
    reportCard: (q) => buildCard(q, deps()),
    listReports: () =>
      state.catalog
        .all()
        .sort((a, b) => (b.year ?? 0) - (a.year ?? 0) || a.fullRegion.localeCompare(b.fullRegion, "zh"))
        .map(summarize),
    getReport: (id) => state.catalog.get(id),
    onReportAdded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    ingestFile(name, data) {
      return serial(async () => {
        if (data.byteLength > maxBytes) return { ok: false, error: `文件过大（${(data.byteLength / 1048576).toFixed(1)} MB，上限 ${Math.round(maxBytes / 1048576)} MB）。` };
        if (data.byteLength === 0) return { ok: false, error: "文件为空。" };
        const extracted = await extractText(name, data);
        if (!extracted.ok) return { ok: false, error: extracted.error };
        const { result, added } = addText(name, extracted.text);
        if (added) {
          const file = keepCopy(name, data, added.id);
          if (file) db.data.reports[db.data.reports.length - 1]!.file = file;
          db.data.bot.stats.ingested++;
          await db.write();
          emit(added);
        }
        return result;
      });
    },

    ingestPaths(paths, onEach) {
      return serial(async () => {
        const results: IngestResult[] = [];
        const added: Report[] = [];
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
          for (const r of added) emit(r);
        }
        return results;
      });
    },

    reindex(onProgress) {
      return serial(async () => {
        const files = corpusDir ? listReportFiles([corpusDir]) : [];
        const failed: string[] = [];
        const stored: StoredReport[] = [];
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
              seen.add(parsed.report.id);
              learnNames(parsed.report);
              stored.push({ report: parsed.report, passages: indexed(parsed.report), file: relative(corpusDir!, file), addedAt: new Date().toISOString() });
            }
          } catch (err) {
            failed.push(`${file}：${(err as Error).message}`);
          }
          report({ done: i + 1, total: files.length });
          // Let questions be answered between files: they use the old state until the swap.
          if (i % 20 === 19) await new Promise((r) => setImmediate(r));
        }
        const before = new Set(state.catalog.all().map((r) => r.id));
        const next = buildState(stored);
        state = next; // the swap
        db.data.reports = stored;
        db.data.version = DB_VERSION;
        await db.write();
        for (const s of stored) if (!before.has(s.report.id)) emit(s.report);
        return { reports: stored.length, failed };
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

  if (db.data.version !== DB_VERSION && db.data.reports.length > 0 && corpusDir) await lib.reindex();
  return lib;
}
