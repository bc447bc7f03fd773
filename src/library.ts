// The core wired together: store (lowdb entries + record files + original bytes) + catalog + search
// index + parser + answerer, behind the `Library` contract every front end uses.
//
// - The lowdb file holds one small entry per report (who, when, key figures) and the bot state;
//   full records live in their own files and are read on demand through an LRU cache; the bytes
//   of every accepted file are kept by content hash (originals.ts), whatever path they came by.
// - One report, one entry: another file of the same body and year is a rendition (the better-read
//   one answers) or, with other figures, a revision (the new version answers, the earlier is kept);
//   see store/versions.ts. A text lacking an issuer, a year or figures is held for an admin.
// - The search index is derived: exported beside the db and imported at start; when it is
//   missing, stale or of another format it is repaired from the records (tokens stored at ingest,
//   so never re-segmented).
// - Ingests are serialised; a reindex reads every original and corpus file again into a new
//   catalog and index beside the old ones and swaps them in when complete, so questions keep
//   being answered meanwhile.
import { dirname, relative } from "node:path";
import type { Low } from "lowdb";
import { type AnswerDeps, answer, reportCard as buildCard, keyFigures, searchOnly } from "./answer.js";
import { Catalog, type ReportEntry, regionKey, toEntry } from "./catalog.js";
import type { Report } from "./domain.js";
import { exportFigures } from "./export.js";
import { extensionOf } from "./extract.js";
import { indexPassages, learnNames } from "./index/passages.js";
import { createSearchIndex, IdsFingerprint, type IndexedPassage, type SearchIndex } from "./index/search-index.js";
import { segment } from "./index/segment.js";
import type { Prepared } from "./read-file.js";
import { createReader, type Reader } from "./reader.js";
import { listReportFiles, MAX_REPORT_FILE_BYTES, readReportFile } from "./report-files.js";
import type { Reuse } from "./reuse.js";
import type { BotState, BotStore, HeldSummary, IngestResult, Library, ReindexProgress, ReindexResult, ReportSummary } from "./service.js";
import { reportOrigin, reportSource, tableOf } from "./sources.js";
import { type AddressBook, memoryAddressBook } from "./store/addresses.js";
import { type BotStateStore, openBotState } from "./store/bot-state.js";
import { DB_VERSION, type DbData, type StoredCopy, type StoredEntry } from "./store/db.js";
import { makeDir } from "./store/durable.js";
import { loadIndex, saveIndex } from "./store/index-files.js";
import { internAll, internEntry } from "./store/intern.js";
import { memoryOriginalStore, type OriginalStore, originalName } from "./store/originals.js";
import { memoryRecordStore, type RecordStore } from "./store/records.js";
import { betterRead, changedFigures, type FigureSignature, figureSignature, identityOf, missingParts, NOT_A_REPORT, qualityOf } from "./store/versions.js";

export interface LibraryOptions {
  db: Low<DbData>;
  /** Full records. Defaults to memory (tests). */
  records?: RecordStore;
  /** The original bytes of accepted files. Defaults to memory (tests). */
  originals?: OriginalStore;
  /** The addresses files were fetched from. Defaults to memory. */
  addresses?: AddressBook;
  /** Directory the search index is exported to; none = rebuilt from the records at every start. */
  indexPath?: string;
  /**
   * The search index. Defaults to FlexSearch in memory (search-index.ts); the SQLite store passes
   * its FTS5 index (fts-index.ts). `fresh`: a new, empty index beside the live one (a reindex).
   */
  createIndex?: (passagesOf: (reportId: string) => readonly IndexedPassage[] | undefined, opts: { fresh: boolean }) => SearchIndex;
  /**
   * Run a batch of writes as one transaction of the store (SQLite: one commit for a batch of
   * reports, not one per record). A bulk ingest then also writes the catalog with its batches (a
   * store written by rows); without it (the JSON store, one file rewritten whole) once at the end.
   */
  writeBatch?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Directory of report files a reindex reads besides the originals (data/reports). Defaults to none. */
  corpusDir?: string;
  /** Largest accepted upload in bytes. Defaults to 50 MB. */
  maxBytes?: number;
  /** Full records kept in memory. Defaults to 512. */
  cacheSize?: number;
  /** Read the index export but never write it (a reader beside the process that owns the db). */
  readOnly?: boolean;
  /** Milliseconds spent per ingest phase are added here (for `npm run bench`). */
  timings?: IngestTimings;
  /**
   * The bot's subscriptions, alert queue and counters, kept apart from the catalog. Defaults to
   * memory, seeded from an older db's `bot` field.
   */
  botState?: BotStateStore;
  /**
   * Reads files (extract, parse, segment). Defaults to the calling thread; the bot passes a
   * worker-thread reader (reader.ts) so questions are answered during an ingest.
   */
  reader?: Reader;
  /** Several processes share the store (PostgreSQL, store/pg-library.ts). Defaults to this process alone. */
  shared?: SharedCatalog;
}

/**
 * A store other processes write too: writes take turns, and each process reads the catalog again
 * after the others wrote — before its own next write, and when told.
 */
export interface SharedCatalog {
  /** Run a write holding the store's writer lock, after the others' last write. */
  exclusive<T>(job: () => Promise<T>): Promise<T>;
  /** True when another process wrote since this one last read or wrote the catalog. */
  changed(): boolean;
  /** Be called when another process may have written. */
  onChange(listener: () => void): void;
  /**
   * What changed since this process last read or wrote (store/pg.ts CatalogChange); null when the
   * store cannot tell, and then the catalog is read whole.
   */
  changes?(): Promise<{ data: DbData; put: StoredEntry[]; gone: string[] } | null>;
}

/** Files of a bulk ingest placed per transaction of the store. */
const INGEST_BATCH = 64;
/** Reports whose announcements are awaited together (emit). */
const EMIT_WINDOW = 64;
/** Bytes of files read ahead of their turn, at most (besides the one being placed). */
const READ_AHEAD_BYTES = 64 << 20;

export interface IngestTimings {
  parse: number;
  segment: number;
  store: number;
}

export interface CoreLibrary extends Library, Reuse {
  /** Ingest files and directories from disk (CLI), one db write at the end. */
  /**
   * `confirm`: the operator at the command line is the admin — a text missing its issuer, year or
   * figures is stored (and said so), not held; it is not announced.
   */
  ingestPaths(paths: string[], onEach?: (file: string, result: IngestResult) => void, opts?: { confirm?: boolean }): Promise<IngestResult[]>;
  botStore: BotStore;
  /** Write the search index export now (also done shortly after every change). */
  flush(): Promise<void>;
  /** Write the bot state now and end the parse worker (shutdown). */
  close(): Promise<void>;
  /** Number of reports held. */
  readonly size: number;
  /** Full record of a report (for the bench and the CLI). */
  load(id: string): Report | undefined;
  /** The current search index (the bench compares it with a scan). */
  searchIndex(): SearchIndex;
  /** The current catalog (the tests compare a replica's with a freshly opened one's). */
  catalog(): Catalog;
}

export function summarize(
  r: Omit<Report, "figures" | "sections" | "warnings"> & { figureCount?: number; warningCount?: number; figures?: unknown[]; warnings?: unknown[] },
): ReportSummary {
  return {
    id: r.id,
    org: r.org,
    region: r.region,
    fullRegion: r.fullRegion,
    ...(r.province ? { province: r.province } : {}),
    level: r.level,
    bodyKey: regionKey(r),
    year: r.year,
    template: r.template,
    figureCount: r.figureCount ?? r.figures?.length ?? 0,
    warningCount: r.warningCount ?? r.warnings?.length ?? 0,
    sourceName: r.sourceName,
  };
}

/**
 * What listeners are told of an entry: its summary, and for a revision of a report announced
 * before, which version it replaces and what changed. The earlier version is the first copy
 * replaced last (its renditions follow it in `revisions`).
 */
function announcement(e: ReportEntry & Partial<StoredEntry>): ReportSummary {
  const summary = summarize(e);
  if (e.announced === false || !e.revisionPending || !e.revisions?.length) return summary;
  const last = e.revisions.reduce((a, b) => (b.replacedAt > a ? b.replacedAt : a), "");
  const earlier = e.revisions.find((r) => r.replacedAt === last)!;
  return { ...summary, revisionOf: { id: earlier.id, changed: earlier.changed } };
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

/** "福州市平潭县 2013年" — how a reply names a report. */
function label(e: Pick<ReportEntry, "org" | "fullRegion" | "region" | "year">): string {
  return `${e.fullRegion || e.region || e.org || "（机关不明）"} ${e.year === null ? "年份不明" : `${e.year}年`}`;
}

/** Where a file's bytes are in the originals store, and the name to read them by. */
const nameForOriginal = (original: string) => (original.endsWith(".bin") ? "original" : original);

function copyOf(e: StoredEntry): StoredCopy {
  return {
    id: e.id,
    ...(e.original ? { original: e.original } : {}),
    ...(e.file ? { file: e.file } : {}),
    sourceName: e.sourceName,
    addedAt: e.addedAt,
    figureCount: e.figureCount,
    warningCount: e.warningCount,
    uncertainCount: e.uncertainCount ?? 0,
  };
}

/** One parsed file on its way in. */
interface Candidate {
  report: Report;
  original?: string;
  file?: string;
  addedAt: string;
  /** An admin confirmed it (or it was held as a report before): not held again. */
  confirmed: boolean;
  announced?: boolean;
  /** Stored without an announcement: the command line took a text with parts missing. */
  quiet?: boolean;
  /** Passages segmented already (by the reader's worker). */
  passages?: IndexedPassage[];
  /** What the stores keep of the report and those passages (given with them), made by the reader's worker. */
  prepared?: Prepared;
}

/** What placing a candidate did; the caller applies it to records, catalog and index. */
type Outcome =
  | { status: "refused"; error: string }
  | { status: "duplicate"; entry: StoredEntry }
  | { status: "held"; entry: StoredEntry }
  | { status: "added"; entry: StoredEntry }
  | { status: "rendition"; entry: StoredEntry; answers: false }
  | { status: "rendition"; entry: StoredEntry; answers: true; replaced: StoredEntry }
  | { status: "revision"; entry: StoredEntry; replaced: StoredEntry; changed: string[] };

/**
 * The reports held and what else is known of them: one answering entry per identity, the copies
 * (renditions, earlier versions) under it, the texts held for an admin. The live library has one;
 * a reindex fills a new one and swaps it in.
 */
class Shelf {
  readonly entries: StoredEntry[];
  readonly held: StoredEntry[];
  private readonly byIdentity = new Map<string, StoredEntry>();
  /** Report id or original → the entry (answering or held) that holds it in any form. */
  private readonly known = new Map<string, StoredEntry>();

  constructor(
    entries: StoredEntry[],
    held: StoredEntry[],
    /** The figures of an answering entry, to compare a new file with. */
    readonly signatureOf: (e: StoredEntry) => FigureSignature,
  ) {
    this.entries = entries;
    this.held = held;
    for (const e of entries) this.index(e);
    for (const e of held) this.remember(e, e);
  }

  private remember(e: { id: string; original?: string }, holder: StoredEntry) {
    this.known.set(e.id, holder);
    if (e.original) this.known.set(e.original, holder);
  }

  private index(e: StoredEntry) {
    const id = identityOf(e);
    if (id) this.byIdentity.set(id, e);
    this.remember(e, e);
    for (const c of e.renditions ?? []) this.remember(c, e);
    for (const c of e.revisions ?? []) this.remember(c, e);
  }

  holderOf(idOrOriginal: string): StoredEntry | undefined {
    return this.known.get(idOrOriginal);
  }

  answering(identity: string): StoredEntry | undefined {
    return this.byIdentity.get(identity);
  }

  /** Place one parsed file: duplicate, refused, held, a new report, a rendition or a revision. */
  place(c: Candidate, makeEntry: (c: Candidate) => StoredEntry): Outcome {
    const r = c.report;
    const dup = this.known.get(r.id) ?? (c.original ? this.known.get(c.original) : undefined);
    if (dup) return { status: "duplicate", entry: dup };
    const missing = missingParts(r);
    if (missing.length === 3) return { status: "refused", error: NOT_A_REPORT };
    const identity = identityOf(r);
    const current = identity ? this.byIdentity.get(identity) : undefined;
    if (current) {
      const entry = makeEntry(c);
      // Interned: the same "metric|slice" keys recur in every revision (intern.ts).
      const changed = internAll(changedFigures(figureSignature(r), this.signatureOf(current)));
      if (changed.length === 0) {
        if (!betterRead(qualityOf(r), { figureCount: current.figureCount, warningCount: current.warningCount, uncertainCount: current.uncertainCount ?? 0 })) {
          (current.renditions ??= []).push(copyOf(entry));
          this.remember(entry, current);
          return { status: "rendition", entry: current, answers: false };
        }
        // The new file was read better: it answers, the report keeps its history.
        // (Its fields named, not spread: a spread would read the key figures, which the SQLite store
        // reads for every entry at once the first time any entry's is asked.)
        const { renditions = [], revisions } = current;
        entry.renditions = [...renditions, copyOf(current)];
        if (revisions) entry.revisions = revisions;
        if (current.revisionPending) entry.revisionPending = true;
        entry.addedAt = current.addedAt;
        entry.announced = current.announced;
        this.swap(current, entry);
        return { status: "rendition", entry, answers: true, replaced: current };
      }
      entry.revisions = [...(current.revisions ?? []), { ...copyOf(current), replacedAt: c.addedAt, changed }];
      entry.revisionPending = true;
      entry.announced = current.announced;
      // The earlier version's other renditions go with it.
      for (const r2 of current.renditions ?? []) entry.revisions.push({ ...r2, replacedAt: c.addedAt, changed });
      this.swap(current, entry);
      return { status: "revision", entry, replaced: current, changed };
    }
    const entry = makeEntry(c);
    if (missing.length > 0 && !c.confirmed) {
      entry.missing = missing;
      this.held.push(entry);
      this.remember(entry, entry);
      return { status: "held", entry };
    }
    this.entries.push(entry);
    this.index(entry);
    return { status: "added", entry };
  }

  private swap(old: StoredEntry, next: StoredEntry) {
    const i = this.entries.indexOf(old);
    if (i >= 0) this.entries[i] = next;
    else this.entries.push(next);
    this.index(next);
  }

  /** Take a held text out (an admin decided). */
  unhold(id: string): StoredEntry | undefined {
    const i = this.held.findIndex((e) => e.id === id);
    if (i < 0) return undefined;
    const [e] = this.held.splice(i, 1);
    this.known.delete(e!.id);
    if (e!.original) this.known.delete(e!.original);
    return e;
  }
}

interface State {
  catalog: Catalog;
  index: SearchIndex;
}

export async function createLibrary(opts: LibraryOptions): Promise<CoreLibrary> {
  const { db, corpusDir, indexPath, maxBytes = MAX_REPORT_FILE_BYTES, cacheSize = 512, readOnly = false, writeBatch } = opts;
  const records = opts.records ?? memoryRecordStore();
  const reader = opts.reader ?? createReader({ worker: false });
  const originals = opts.originals ?? memoryOriginalStore();
  const addresses = opts.addresses ?? memoryAddressBook();
  const reportCache = lru<Report>(cacheSize);
  const passageCache = lru<IndexedPassage[]>(cacheSize * 2);
  const cached =
    <V>(c: ReturnType<typeof lru<V>>, read: (id: string) => V | undefined) =>
    (id: string): V | undefined => {
      let v = c.get(id);
      if (v === undefined) {
        v = read(id);
        if (v !== undefined) c.set(id, v);
      }
      return v;
    };
  const load = cached(reportCache, (id) => records.readReport(id));
  const passagesOf = cached(passageCache, (id) => records.readPassages(id));
  const newIndex = (fresh = false) => (opts.createIndex ? opts.createIndex(passagesOf, { fresh }) : createSearchIndex(passagesOf));
  const liveSignature = (e: StoredEntry): FigureSignature => {
    // Not kept in the cache: a file of a report held is mostly its rendition or revision, and the
    // report it replaces is asked no more (a bulk ingest filled the caches, ≈50 MB, with those).
    const r = reportCache.get(e.id) ?? records.readReport(e.id);
    return r ? figureSignature(r) : {};
  };

  const buildState = (entries: readonly ReportEntry[], index: SearchIndex): State => {
    const catalog = new Catalog(entries);
    for (const e of entries) learnNames(e);
    return { catalog, index };
  };

  // An older entry format: start empty and rebuild from the originals and the corpus (below); the
  // old entries are kept aside so that nothing held before is lost.
  const stale = db.data.version !== DB_VERSION && db.data.reports.length > 0;
  let previous: { reports: StoredEntry[]; held: StoredEntry[] } | undefined;
  if (db.data.version !== DB_VERSION) {
    previous = { reports: db.data.reports, held: db.data.held };
    db.data.reports = [];
    db.data.held = [];
    db.data.version = DB_VERSION;
  }
  // Made at the first ingest or decision, not at start: it reads every entry's files and identity.
  let shelved: Shelf | undefined;
  const shelf = () => (shelved ??= new Shelf(db.data.reports, db.data.held, liveSignature));

  // The bot state lives apart; an older db's copy was taken by the bot state file (or is the
  // memory store's seed) and leaves the catalog with its next write.
  const botState = opts.botState ?? (await openBotState(null, db.data.bot));
  if (opts.botState) delete db.data.bot;

  // ── start-up: entries from lowdb, the index from its export (or repaired from the records)
  let state = buildState(db.data.reports, newIndex());
  let indexDirty = false;
  let loaded = false;
  if (indexPath) {
    const saved = loadIndex(indexPath);
    loaded = saved !== null && state.index.import(saved); // missing, torn or foreign: repaired below
  }
  // The index holds the answering reports and no others (a crash between an index write and the
  // catalog's leaves it otherwise): repaired here. An index on disk says what it holds by its
  // fingerprint: when that is the catalog's, nothing is listed.
  const consistent = () => state.index.fingerprint?.() === IdsFingerprint.of(db.data.reports.map((e) => e.id)).toString();
  if (!consistent()) {
    const answering = new Set(db.data.reports.map((e) => e.id));
    for (const id of state.index.reports()) if (!answering.has(id)) state.index.remove(id), (indexDirty = true);
    for (const e of db.data.reports) {
      if (state.index.has(e.id)) continue;
      // The stored tokens; segmented again only when the record no longer gives its passages.
      const again = () => {
        const r = readOnly ? undefined : records.readReport(e.id);
        return r ? indexPassages({ ...r, sections: records.readSections(e.id) ?? [] }) : undefined;
      };
      const passages = records.readPassages(e.id) ?? again();
      if (passages) state.index.add(e.id, passages);
      indexDirty = true;
    }
  }
  if (!loaded && db.data.reports.length) indexDirty = true;

  const listeners = new Set<(r: ReportSummary) => void | Promise<unknown>>();
  let chain: Promise<unknown> = Promise.resolve();
  const queue = <T>(job: () => Promise<T>): Promise<T> => {
    const next = chain.then(job, job);
    chain = next.catch(() => undefined);
    return next;
  };
  // A shared store: every write holds the writer lock and starts from the others' last write.
  const shared = opts.shared;
  const serial = <T>(job: () => Promise<T>): Promise<T> => (shared ? queue(() => shared.exclusive(async () => (await follow(), job()))) : queue(job));
  /**
   * Another process wrote: the catalog, the shelf and the index as it left them (records are read
   * per id). Under the writer lock, so never half of another process's write.
   */
  async function follow() {
    if (!shared?.changed()) return;
    const change = await shared.changes?.();
    if (change) {
      // Only what changed: parsing, cataloguing and teaching 100k names again at every write of
      // another replica (a bulk ingest writes every 64 reports) took seconds of each replica's CPU.
      db.data = change.data;
      const reports = db.data.reports;
      // In place while the catalog stays the one a process opening the store makes: reports added
      // at the end, or rewritten where they stand under the same region (announced, renditions).
      // Anything else (a removal, a revision taking its predecessor's place, another region) puts
      // its regions and names in another order: made again from the list then.
      let inPlace = !change.gone.some((id) => state.catalog.has(id));
      for (const e of change.put) {
        const had = state.catalog.has(e.id);
        if (!had) learnNames(e);
        if (inPlace && had) inPlace = state.catalog.replace(e);
        else if (inPlace) state.catalog.add(e);
      }
      const all = inPlace ? state.catalog.all() : [];
      inPlace &&= all.length === reports.length && all.every((e, i) => e === reports[i]);
      state = { catalog: inPlace ? state.catalog : new Catalog(reports), index: newIndex() };
    } else {
      await db.read();
      state = buildState(db.data.reports, newIndex());
    }
    shelved = undefined; // made again from the catalog read at its next use
    state.catalog.lexicon();
    // Stored where nobody listened (`cli ingest` beside the bots): announced here.
    if (listeners.size) await emit(db.data.reports.filter((e) => e.announced === false || e.revisionPending));
  }
  shared?.onChange(() => void queue(async () => shared.changed() && (await shared.exclusive(follow))).catch(() => undefined));
  const sections = (id: string) => records.readSections(id);
  const origin = (id: string) => {
    const e = db.data.reports.find((x) => x.id === id);
    return e ? reportOrigin(e, { originals, addresses, ...(corpusDir ? { corpusDir } : {}) }) : undefined;
  };
  const deps = (): AnswerDeps => ({ catalog: state.catalog, index: state.index, segment, load, sections, origin });
  /**
   * Tell the listeners about new reports; once all of them have taken a report it is marked
   * announced in the db. Without listeners (the CLI) reports stay unannounced for the bot to pick
   * up when it starts.
   */
  const emit = async (added: readonly ReportEntry[]) => {
    if (listeners.size === 0 || added.length === 0) return;
    const done: string[] = [];
    // The listeners are called report by report, in order, but a window of reports is awaited
    // together: a listener that resolves once its state is written (the bot state's writes are
    // grouped over 100 ms) took 100 ms a report when each was awaited alone — 17 minutes to
    // announce a bulk ingest of 10,000.
    for (let w = 0; w < added.length; w += EMIT_WINDOW) {
      const window = added.slice(w, w + EMIT_WINDOW);
      const taken = window.map((e) => Promise.allSettled([...listeners].map(async (l) => l(announcement(e)))));
      for (const [k, results] of (await Promise.all(taken)).entries()) if (results.every((r) => r.status === "fulfilled")) done.push(window[k]!.id);
    }
    if (done.length === 0) return;
    const ids = new Set(done);
    for (const e of db.data.reports) {
      if (!ids.has(e.id)) continue;
      e.announced = true;
      delete e.revisionPending;
    }
    await db.write();
  };

  // The index export is derived data: written shortly after changes, never on the answer path.
  let flushTimer: NodeJS.Timeout | undefined;
  const writeIndex = async () => {
    if (!readOnly) state.index.flush?.();
    if (!indexPath || !indexDirty || readOnly) return;
    indexDirty = false;
    const data = await state.index.export();
    makeDir(dirname(indexPath));
    saveIndex(indexPath, data);
  };
  const scheduleFlush = () => {
    indexDirty = true;
    if (!indexPath) return;
    clearTimeout(flushTimer);
    flushTimer = setTimeout(() => void serial(writeIndex).catch(() => undefined), 3000);
    flushTimer.unref?.();
  };

  const t = opts.timings;
  const makeEntry = (c: Candidate): StoredEntry => {
    const r = c.report;
    // Its names and labels as one copy each (intern.ts): the report came from a worker's message,
    // every string of it a copy of its own.
    return internEntry({
      ...toEntry(r, c.prepared?.key ?? keyFigures(r)),
      ...(c.file ? { file: c.file } : {}),
      ...(c.original ? { original: c.original } : {}),
      addedAt: c.addedAt,
      announced: c.announced ?? false,
      uncertainCount: qualityOf(r).uncertainCount,
    });
  };

  /**
   * Write a report's record (segmenting its passages); returns the passages. `prepared`: what the
   * stores keep of them, made with `passages`.
   */
  const writeRecord = (r: Report, passages?: IndexedPassage[], prepared?: Prepared): IndexedPassage[] => {
    learnNames(r);
    let t0 = performance.now();
    const p = passages ?? indexPassages(r);
    if (t) t.segment += performance.now() - t0;
    t0 = performance.now();
    records.write({ report: r, passages: p, ...(passages && prepared ? { packed: prepared.parts } : {}) });
    reportCache.delete(r.id);
    passageCache.delete(r.id);
    if (t) t.store += performance.now() - t0;
    return p;
  };

  const result = (o: Exclude<Outcome, { status: "refused" }>, r: Report): IngestResult => {
    const base = {
      ok: true as const,
      status: o.status,
      duplicate: o.status === "duplicate",
      report: summarize(r),
      warnings: r.warnings.map((w) => w.message),
      figures: r.figures.length,
    };
    switch (o.status) {
      case "duplicate":
        return { ...base, of: summarize(o.entry) };
      case "held":
        return { ...base, missing: o.entry.missing ?? [] };
      case "rendition":
        return { ...base, of: summarize(o.entry), answers: o.answers };
      case "revision":
        return { ...base, of: summarize(o.entry), changed: o.changed };
      default:
        return base;
    }
  };

  /**
   * Place one parsed file in the live library: records, catalog and index follow. Returns the
   * result and the entry to announce, if any. The db is written by the caller.
   */
  /** A report no longer answering: out of the index, and of the caches (the index read its passages). */
  const unindex = (id: string) => {
    state.index.remove(id);
    reportCache.delete(id);
    passageCache.delete(id);
  };

  const admit = (c: Candidate): { result: IngestResult; announce?: StoredEntry } => {
    const o = shelf().place(c, makeEntry);
    const r = c.report;
    if (o.status === "refused") return { result: { ok: false, error: o.error } };
    const t0 = performance.now();
    switch (o.status) {
      case "added": {
        const passages = writeRecord(r, c.passages, c.prepared);
        state.catalog.add(o.entry);
        state.index.add(r.id, passages, c.prepared?.passages);
        indexDirty = true;
        if (t) t.store += performance.now() - t0;
        return { result: result(o, r), ...(c.quiet ? {} : { announce: o.entry }) };
      }
      case "held":
        writeRecord(r, c.passages, c.prepared);
        break;
      case "rendition":
        if (o.answers) {
          const passages = writeRecord(r, c.passages, c.prepared);
          state.catalog.remove(o.replaced.id);
          state.catalog.add(o.entry);
          unindex(o.replaced.id);
          state.index.add(r.id, passages, c.prepared?.passages);
          records.remove(o.replaced.id); // its file is kept: a reindex can read it again
          indexDirty = true;
        }
        break;
      case "revision": {
        const passages = writeRecord(r, c.passages, c.prepared); // the earlier version's record stays (its figures, for the alerts)
        state.catalog.remove(o.replaced.id);
        state.catalog.add(o.entry);
        unindex(o.replaced.id);
        state.index.add(r.id, passages, c.prepared?.passages);
        indexDirty = true;
        // Nobody was told of the earlier version yet: this one is the new report; otherwise it is
        // announced as a revision of it (announcement()).
        return { result: result(o, r), ...(c.quiet ? {} : { announce: o.entry }) };
      }
    }
    return { result: result(o, r) };
  };

  /** Read bytes into a candidate; the original is kept only once the text reads as something. */
  const readFile = async (name: string, data: Uint8Array, file?: string): Promise<Candidate | { error: string }> => {
    if (data.byteLength > maxBytes) return { error: `文件过大（${(data.byteLength / 1048576).toFixed(1)} MB，上限 ${Math.round(maxBytes / 1048576)} MB）。` };
    if (data.byteLength === 0) return { error: "文件为空。" };
    const read = await reader.read(name, data);
    if (!read.ok) return { error: read.error };
    if (t) (t.parse += read.parseMs), (t.segment += read.segmentMs);
    return {
      report: read.report,
      original: read.original,
      ...(read.passages ? { passages: read.passages } : {}),
      ...(read.passages && read.prepared ? { prepared: read.prepared } : {}),
      ...(file ? { file } : {}),
      addedAt: new Date().toISOString(),
      confirmed: false,
    };
  };

  const inBatch = <T>(work: () => Promise<T>): Promise<T> => (writeBatch ? writeBatch(work) : work());

  /** One file of a bulk ingest, read ahead of its turn; `kept`: the write of its bytes, when started. */
  type AheadRead = { file: string; error: string } | { file: string; c: Candidate; data: Uint8Array; kept?: Promise<unknown> };

  /**
   * Reads the files of a bulk ingest ahead of their turn and starts writing the bytes of those that
   * will be kept. Up to a batch and a few files per worker beyond the last one taken, so the
   * workers keep reading while the main thread stores the batch before. Which are kept is
   * decided in the files' order, as placing them would (not the text held already, nor one an
   * earlier file of this ingest brings, nor no report at all): admitRead writes any it missed.
   */
  const readAhead = (files: string[]) => {
    const depth = INGEST_BATCH + reader.parallelism * 8;
    const started: (Promise<AheadRead> | undefined)[] = [];
    let next = 0;
    let bytes = 0;
    const claimed = new Set<string>();
    const start = () => {
      const file = files[next]!;
      started[next++] = (async (): Promise<AheadRead> => {
        try {
          const rel = corpusDir ? relative(corpusDir, file) : undefined;
          const read = readReportFile(file, maxBytes);
          if (!read.ok) return { file, error: read.error };
          const data = new Uint8Array(read.data);
          bytes += data.byteLength;
          const c = await readFile(file.split(/[\\/]/).pop()!, data, rel && !rel.startsWith("..") ? rel : undefined);
          return "error" in c ? { file, error: c.error } : { file, c, data };
        } catch (err) {
          return { file, error: (err as Error).message };
        }
      })();
    };
    const take = async (i: number): Promise<AheadRead> => {
      // Bounded by count and by bytes held (a folder of 50 MB files).
      while (next < files.length && (next <= i || (next - i < depth && bytes < READ_AHEAD_BYTES))) start();
      const r = await started[i]!;
      started[i] = undefined;
      if (!("c" in r)) return r;
      bytes -= r.data.byteLength;
      const { id } = r.c.report;
      const o = r.c.original!;
      if (missingParts(r.c.report).length === 3) return r;
      if (!shelf().holderOf(id) && !shelf().holderOf(o) && !claimed.has(id) && !claimed.has(o)) {
        r.kept = keepOriginal(r.c, r.data, { folderLater: true });
        r.kept.catch(() => undefined); // awaited when placed: its failure is that file's
      }
      claimed.add(id);
      claimed.add(o);
      return r;
    };
    return {
      /** Files from..to, in order, each read and its bytes' write started. */
      async collect(from: number, to: number): Promise<AheadRead[]> {
        const out: AheadRead[] = [];
        for (let i = from; i < to; i++) out.push(await take(i));
        return out;
      },
    };
  };

  const keepOriginal = (c: Candidate, data: Uint8Array, opts?: { folderLater?: boolean }) =>
    originals.putAsync(data, c.original!.slice(c.original!.indexOf(".") + 1), c.original, opts);

  const ingestOne = async (name: string, data: Uint8Array, file?: string, confirm = false): Promise<{ result: IngestResult; announce?: StoredEntry }> => {
    const c = await readFile(name, data, file);
    if ("error" in c) return { result: { ok: false, error: c.error } };
    return admitRead(c, data, confirm);
  };

  /**
   * Place a file read: its bytes kept first (`kept`: their write, started already), so an entry
   * written always has its file to be read again — not for this very text held already, nor for a
   * text that is no report at all.
   */
  const admitRead = async (
    c: Candidate,
    data: Uint8Array,
    confirm: boolean,
    kept?: Promise<unknown>,
  ): Promise<{ result: IngestResult; announce?: StoredEntry }> => {
    const dup = shelf().holderOf(c.report.id) ?? shelf().holderOf(c.original!);
    const missing = missingParts(c.report);
    if (!dup && missing.length < 3) await (kept ?? keepOriginal(c, data));
    if (confirm && missing.length > 0 && missing.length < 3) {
      c.confirmed = true;
      c.quiet = true;
      const out = admit(c);
      return out.result.ok && out.result.status === "added" ? { ...out, result: { ...out.result, missing } } : out;
    }
    return admit(c);
  };

  const held = (e: StoredEntry): HeldSummary => ({ ...summarize(e), missing: e.missing ?? [], addedAt: e.addedAt });

  const lib: CoreLibrary = {
    get size() {
      return state.catalog.size;
    },
    load,
    searchIndex: () => state.index,
    catalog: () => state.catalog,
    ask: (q, context) =>
      stale && state.catalog.size === 0
        ? {
            question: q,
            kind: "none",
            answers: [],
            hits: [],
            warnings: [],
            text: "数据库是旧版本的格式，需要重新导入报告：npm run cli -- ingest data/reports（或在机器人里 /reindex）。",
          }
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
        // Stored but never announced, or revised and not told (crash in between, CLI ingest while
        // the bot was down): replay.
        const pending = db.data.reports.filter((e) => e.announced === false || e.revisionPending);
        if (pending.length) setImmediate(() => void serial(() => emit(pending)).catch(() => undefined));
      }
      return () => listeners.delete(listener);
    },
    flush: () => serial(writeIndex),

    ingestFile(name, data) {
      return serial(async () => {
        const { result: res, announce } = await ingestOne(name, data);
        if (res.ok && res.status !== "duplicate") {
          await db.write();
          state.index.flush?.();
          scheduleFlush();
        }
        if (announce) await emit([announce]);
        return res;
      });
    },

    ingestPaths(paths, onEach, opts) {
      return serial(async () => {
        const results: IngestResult[] = [];
        const announce: StoredEntry[] = [];
        let changed = false;
        const { files, refused } = listReportFiles(paths);
        for (const { path, reason } of refused) {
          const res: IngestResult = { ok: false, error: reason };
          results.push(res);
          onEach?.(path, res);
        }
        // The files are read ahead (extracted, parsed, segmented: by as many workers as the reader
        // has) and their bytes written meanwhile; they are placed one by one in the order given,
        // a batch of them per transaction of the store.
        const ahead = readAhead(files);
        let next = ahead.collect(0, Math.min(INGEST_BATCH, files.length));
        let unwritten = 0;
        for (let b = 0; b < files.length; b += INGEST_BATCH) {
          const batch = await next;
          const after = b + INGEST_BATCH;
          next = after < files.length ? ahead.collect(after, Math.min(after + INGEST_BATCH, files.length)) : Promise.resolve([]);
          // Their bytes on disk before the store names them (the next batch is read meanwhile):
          // each file flushed as written, their folders once for the batch.
          await Promise.allSettled(batch.map((r) => ("kept" in r ? r.kept : undefined)));
          await originals.syncFolders?.();
          const placed = await inBatch(async () => {
            const out: IngestResult[] = [];
            for (const [k, r] of batch.entries()) {
              let res: IngestResult;
              try {
                if ("error" in r) res = { ok: false, error: r.error };
                else {
                  const o = await admitRead(r.c, r.data, opts?.confirm ?? false, r.kept);
                  res = o.result;
                  if (o.announce) announce.push(o.announce);
                }
              } catch (err) {
                res = { ok: false, error: (err as Error).message };
              }
              if (res.ok && res.status !== "duplicate") (changed = true), unwritten++;
              out.push(res);
              // The workers' messages (a file's turn to be segmented) and questions get in.
              if (k % 8 === 7) await new Promise((r) => setImmediate(r));
            }
            // A store written by rows takes the catalog with the batch: every batch at first, less
            // often as the catalog grows (a write looks at every entry). Until then a crash leaves
            // records no entry names: the next ingest of those files writes them again.
            if (writeBatch && unwritten >= Math.max(INGEST_BATCH, db.data.reports.length / 16)) {
              await db.write();
              unwritten = 0;
            }
            return out;
          });
          for (const [k, res] of placed.entries()) {
            results.push(res);
            onEach?.(batch[k]!.file, res);
          }
        }
        if (changed) {
          await db.write();
          await writeIndex();
          await emit(announce);
        }
        return results;
      });
    },

    listHeld: () => db.data.held.map(held),

    decideHeld(id, decision) {
      return serial(async () => {
        const e = shelf().unhold(id);
        if (!e) return undefined;
        const key = e.original ?? e.id;
        if (decision === "discard") {
          db.data.decisions.discarded.push(key);
          records.remove(e.id);
          if (e.original) originals.remove(e.original);
          await db.write();
          return { ok: true as const, status: "discarded" as const };
        }
        db.data.decisions.confirmed.push(key);
        const stored = records.readReport(e.id);
        if (!stored) {
          await db.write();
          return { ok: false as const, error: "这份文件的记录已经不在了，请重新导入。" };
        }
        const report = { ...stored, sections: records.readSections(e.id) ?? [] };
        // Placed like a new file: it may be a rendition or a revision of a report held since.
        const out = admit({
          report,
          ...(e.original ? { original: e.original } : {}),
          ...(e.file ? { file: e.file } : {}),
          addedAt: e.addedAt,
          confirmed: true,
        });
        if (out.result.ok && out.result.status === "rendition" && !out.result.answers) records.remove(e.id);
        await db.write();
        scheduleFlush();
        if (out.announce) await emit([out.announce]);
        return out.result;
      });
    },

    reindex(onProgress) {
      return serial(() => rebuild(onProgress));
    },

    // Checking and reusing answers: the original, the table of a figure, exports (src/reuse.ts).
    source(id) {
      const e = db.data.reports.find((x) => x.id === id);
      return e ? reportSource(e, { originals, addresses, ...(corpusDir ? { corpusDir } : {}) }) : undefined;
    },
    table(id, line, key) {
      const r = state.catalog.has(id) ? load(id) : undefined;
      return r ? tableOf(r, line, key) : { ok: false, reason: "no-report" };
    },
    exportFigures: (query) => exportFigures(query, deps()),
    rememberAddresses(file, reportId) {
      const keys = [originalName(file.bytes, extensionOf(file.name).slice(1) || "bin"), ...(reportId ? [reportId] : [])];
      addresses.add(keys, { urls: file.urls, name: file.name });
    },

    // Not queued behind ingests and reindexes, and never a write of the catalog.
    botStore: { read: (): BotState => botState.read(), update: (mutate) => botState.update(mutate) },
    async close() {
      await reader.close();
      await botState.flush();
    },
  };

  /**
   * Read everything ever accepted again — every original, every file of the corpus directory, and
   * the records of reports whose files are gone — in the order they first came, into a new shelf,
   * catalog and index; then swap. Nothing held before is dropped without a word: a report whose
   * files are all gone is kept from its record, and the result says what was added, changed, kept
   * and could not be read.
   */
  async function rebuild(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult> {
    const report = (p: ReindexProgress) => {
      try {
        onProgress?.(p);
      } catch {
        /* progress display is best effort */
      }
    };
    const before = previous ?? { reports: db.data.reports, held: db.data.held };
    const discarded = new Set(db.data.decisions.discarded);
    const confirmed = new Set(db.data.decisions.confirmed);

    // What was known of each file before: when it came, and the entry (answering or held) it was part of.
    const firstSeen = new Map<string, string>(); // original or corpus file → addedAt
    const beforeByIdentity = new Map<string, StoredEntry>();
    const coveredBy = new Map<string, StoredEntry>(); // original / file → the entry it belonged to
    for (const e of [...before.reports, ...before.held]) {
      const id = identityOf(e);
      if (id && !e.missing) beforeByIdentity.set(id, e);
      for (const c of [e, ...(e.renditions ?? []), ...(e.revisions ?? [])]) {
        for (const k of [c.original, c.file]) {
          if (!k) continue;
          if (!firstSeen.has(k) || firstSeen.get(k)! > c.addedAt) firstSeen.set(k, c.addedAt);
          coveredBy.set(k, e);
        }
      }
    }

    // Sources: the originals, and the corpus files not among them (by content).
    interface Source {
      name: string;
      read: () => Uint8Array | undefined;
      original?: string;
      file?: string;
      addedAt?: string;
      fromRecord?: StoredEntry;
    }
    const sources = new Map<string, Source>();
    for (const o of originals.list()) {
      if (discarded.has(o)) continue;
      sources.set(o, { name: nameForOriginal(o), read: () => originals.read(o), original: o, ...(firstSeen.has(o) ? { addedAt: firstSeen.get(o)! } : {}) });
    }
    const listed = corpusDir ? listReportFiles([corpusDir]) : { files: [], refused: [] };
    const failed: string[] = listed.refused.map(({ path, reason }) => `${relative(corpusDir!, path)}：${reason}`);
    for (const path of listed.files) {
      const file = relative(corpusDir!, path);
      const read = readReportFile(path, maxBytes);
      if (!read.ok) {
        failed.push(`${file}：${read.error}`);
        continue;
      }
      const data = new Uint8Array(read.data);
      const o = originalName(data, extensionOf(path).slice(1) || "bin");
      if (discarded.has(o)) continue;
      const known = sources.get(o);
      if (known) {
        known.file ??= file;
        continue;
      }
      const addedAt = firstSeen.get(o) ?? firstSeen.get(file);
      sources.set(o, {
        name: path.split(/[\\/]/).pop()!,
        read: () => {
          const again = readReportFile(path, maxBytes);
          return again.ok ? new Uint8Array(again.data) : undefined;
        },
        original: o,
        file,
        ...(addedAt ? { addedAt } : {}),
      });
    }
    // Reports none of whose files are left: kept from their records.
    const found = new Set<string>();
    for (const s of sources.values()) for (const k of [s.original, s.file]) if (k) found.add(k);
    for (const e of before.reports) {
      const files = [e, ...(e.renditions ?? []), ...(e.revisions ?? [])].flatMap((c) => [c.original, c.file]).filter((k): k is string => !!k);
      if (files.some((k) => found.has(k))) continue;
      sources.set(`record:${e.id}`, { name: e.sourceName, read: () => undefined, fromRecord: e, addedAt: e.addedAt });
    }
    const ordered = [...sources.values()].sort((a, b) => {
      if (a.addedAt && b.addedAt) return a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0;
      return a.addedAt ? -1 : b.addedAt ? 1 : 0;
    });

    const signatures = new Map<string, FigureSignature>();
    const fresh = new Shelf([], [], (e) => signatures.get(e.id) ?? {});
    const written = new Set<string>();
    const kept: string[] = [];
    const now = new Date().toISOString();
    for (let i = 0; i < ordered.length; i++) {
      const s = ordered[i]!;
      try {
        let c: Candidate | { error: string };
        let passages: IndexedPassage[] | undefined;
        if (s.fromRecord) {
          const e = s.fromRecord;
          const r = records.readReport(e.id);
          if (!r) {
            failed.push(`${label(e)}（${e.sourceName}）：原文件和记录都不在了`);
            continue;
          }
          passages = records.readPassages(e.id);
          c = { report: { ...r, sections: records.readSections(e.id) ?? [] }, addedAt: e.addedAt, confirmed: true };
          kept.push(label(e));
        } else {
          const data = s.read();
          c = data ? await readFile(s.name, data, s.file) : { error: "原文件读不出来" };
          if (!("error" in c)) {
            if (s.original) c.original = s.original;
            c.addedAt = s.addedAt ?? now;
            c.confirmed = confirmed.has(s.original ?? "") || confirmed.has(c.report.id);
          }
        }
        if ("error" in c) {
          failed.push(`${s.file ?? s.name}：${c.error}`);
        } else {
          const prior = (s.original && coveredBy.get(s.original)) || (s.file && coveredBy.get(s.file)) || undefined;
          const identity = identityOf(c.report);
          const was = prior && !prior.missing ? prior : identity ? beforeByIdentity.get(identity) : undefined;
          if (was) c.announced = was.announced !== false;
          // Held before and still lacking: stays held; a report before is not held now.
          if (prior && !prior.missing) c.confirmed = true;
          const o = fresh.place(c, makeEntry);
          if (o.status === "refused") failed.push(`${s.file ?? s.name}：${o.error}`);
          else if (o.status === "added" || o.status === "held" || o.status === "revision" || (o.status === "rendition" && o.answers)) {
            writeRecord(c.report, passages ?? c.passages, c.prepared);
            written.add(c.report.id);
            signatures.set(c.report.id, figureSignature(c.report));
          }
        }
      } catch (err) {
        failed.push(`${s.file ?? s.name}：${(err as Error).message}`);
      }
      report({ done: i + 1, total: ordered.length });
      // Let questions be answered between files: they use the old state until the swap.
      await new Promise((r) => setImmediate(r));
    }

    // Revisions carried over as "told" when the old entry had been told of them.
    for (const e of fresh.entries) {
      const id = identityOf(e);
      const was = id ? beforeByIdentity.get(id) : undefined;
      if (was && e.revisionPending && !was.revisionPending && (was.revisions?.length ?? 0) === (e.revisions?.length ?? 0)) delete e.revisionPending;
    }

    // What changed, by identity (or id for a report without one).
    const keyOf = (e: StoredEntry) => identityOf(e) ?? e.id;
    const old = new Map(before.reports.map((e) => [keyOf(e), e]));
    const added: string[] = [];
    const changed: string[] = [];
    for (const e of fresh.entries) {
      const o = old.get(keyOf(e));
      if (!o) added.push(label(e));
      else if (o.id !== e.id && (o.figureCount !== e.figureCount || JSON.stringify(o.key) !== JSON.stringify(e.key))) changed.push(label(e));
    }

    const index = newIndex(true);
    for (const [i, e] of fresh.entries.entries()) {
      const p = passagesOf(e.id);
      if (p) index.add(e.id, p);
      // Questions are answered between reports here too (from the old index until the swap).
      if (i % 10 === 9) await new Promise((r) => setImmediate(r));
    }
    const oldIds = new Set(state.catalog.all().map((e) => e.id));
    const oldIndex = state.index;
    state = buildState(fresh.entries, index); // the swap
    index.activate?.();
    oldIndex.retire?.();
    shelved = new Shelf(fresh.entries, fresh.held, liveSignature);
    // Records no longer part of any report (earlier versions' records are kept).
    const keep = new Set<string>();
    for (const e of [...fresh.entries, ...fresh.held]) {
      keep.add(e.id);
      for (const r of e.revisions ?? []) keep.add(r.id);
    }
    for (const e of [...before.reports, ...before.held]) {
      for (const c of [e, ...(e.renditions ?? []), ...(e.revisions ?? [])]) if (!keep.has(c.id)) records.remove(c.id);
    }
    for (const id of written) if (!keep.has(id)) records.remove(id);
    previous = undefined;
    db.data.reports = fresh.entries;
    db.data.held = fresh.held;
    db.data.version = DB_VERSION;
    await db.write();
    indexDirty = true;
    await writeIndex();
    await emit(fresh.entries.filter((e) => e.announced === false && !oldIds.has(e.id)));
    return { reports: fresh.entries.length, added, changed, kept, held: fresh.held.length, failed };
  }

  if (stale && !readOnly) await lib.reindex();
  else if (indexDirty && indexPath) await lib.flush();
  // Region names and columns for question understanding: built now, not on the first question.
  state.catalog.lexicon();
  return lib;
}
