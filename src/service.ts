// The contract between the core (parse, store, index, answer) and its front ends (CLI, Telegram bot,
// bench). Types only: the implementation is `createLibrary` in src/library.ts; front ends receive
// a `Library` and never reach past it, so their tests can pass a fake.
import type { Answer, QueryContext, Report, Template } from "./domain.js";

/** One line of `/reports`: enough to list and match a report without loading it. */
export interface ReportSummary {
  id: string;
  org: string;
  region: string;
  fullRegion: string;
  province?: string;
  year: number | null;
  template: Template;
  figureCount: number;
  warningCount: number;
  sourceName: string;
}

/** What an ingest did with one file. */
export type IngestResult =
  | { ok: true; duplicate: boolean; report: ReportSummary; warnings: string[]; figures: number }
  | { ok: false; error: string };

export interface ReindexProgress {
  done: number;
  total: number;
}

/** Everything a front end can ask of the core. Synchronous reads answer from the current index. */
export interface Library {
  /**
   * Answer a question in plain Chinese (figures first, full text otherwise). `context` is the
   * conversation's last question (`Answer.context`): a fragment (那2019年呢) completes it.
   */
  ask(question: string, context?: QueryContext): Answer;
  /** Full-text search only. */
  search(words: string): Answer;
  /** All reports held, newest year first. */
  listReports(): ReportSummary[];
  /** A report card: "长寿区 2018" → the key figures and the record's warnings. */
  reportCard(query: string): Answer;
  /** The full record, by id. */
  getReport(id: string): Report | undefined;
  /**
   * Parse, store and index one file (.txt, .html, .docx, .pdf). The name is only shown, never
   * used as a path. A report already held (same content hash) is reported as a duplicate.
   */
  ingestFile(name: string, data: Uint8Array): Promise<IngestResult>;
  /**
   * Re-parse every file of the corpus directory and rebuild the index. Questions keep being
   * answered from the old index until the new one is swapped in.
   */
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<{ reports: number; failed: string[] }>;
  /**
   * Called for every report that is new to the store (any path: ingest, inbox, reindex, or the CLI
   * while no listener ran). A report counts as announced once every listener's promise resolved;
   * a report stored but not yet announced (a crash in between, an ingest while the bot was down)
   * is replayed to the first listener registered after start, so listeners must be idempotent.
   */
  onReportAdded(listener: (report: ReportSummary) => void | Promise<unknown>): () => void;
}

// ---------------------------------------------------------------------------------------------
// Bot state persisted in the same db (one process owns the db file).

export type SubscriptionKind = "region" | "province" | "keyword" | "all";

export interface Subscription {
  chatId: number;
  kind: SubscriptionKind;
  /** Region or province name as normalised, a keyword, or "" for `all`. */
  value: string;
  createdAt: string;
}

/** One alert to one chat about one report: delivered at most once, kept across restarts. */
export interface Alert {
  reportId: string;
  chatId: number;
  status: "pending" | "sent" | "dropped";
  attempts: number;
  lastError?: string;
  /** ISO time of the next attempt (after a 429 retry_after or a 5xx backoff). */
  notBefore?: string;
}

export interface BotState {
  subscriptions: Subscription[];
  alerts: Alert[];
  stats: { questions: number; failures: number; ingested: number };
}

/** Persistent bot state. `update` runs the mutation and writes the db once, atomically. */
export interface BotStore {
  read(): BotState;
  update(mutate: (state: BotState) => void): Promise<void>;
}
