// The contract between the core (parse, store, index, answer) and its front ends (CLI, Telegram bot,
// bench). Types only: the implementation is `createLibrary` in src/library.ts; front ends receive
// a `Library` and never reach past it, so their tests can pass a fake.
import type { Answer, Level, QueryContext, Report, Template } from "./domain.js";

/** One line of `/reports`: enough to list and match a report without loading it. */
export interface ReportSummary {
  id: string;
  org: string;
  region: string;
  fullRegion: string;
  province?: string;
  /** Administrative level of the body (department reports have their own deadlines). */
  level?: Level;
  /** The body: the full region for a government, the org for a department (catalog.regionKey). */
  bodyKey?: string;
  year: number | null;
  template: Template;
  figureCount: number;
  warningCount: number;
  sourceName: string;
  /**
   * Set when this report replaces an earlier version subscribers were told of (same body and
   * year, other figures): the earlier version's report id (its record is kept) and the
   * "metric|slice" keys that changed.
   */
  revisionOf?: { id: string; changed: string[] };
}

/**
 * What an ingest did with one file that was read:
 * - `added`: a new report, stored and announced;
 * - `duplicate`: this very text is held already;
 * - `rendition`: another file of a report held (same body, year and figures); `answers` says
 *   whether it now answers (it was read better) — not announced again;
 * - `revision`: same body and year, other figures (`changed`): stored as the new version, the
 *   earlier one kept;
 * - `held`: the text lacks an issuer, a year or figures (`missing`): stored, but not listed,
 *   answered or announced until an admin confirms it.
 */
export type IngestStatus = "added" | "duplicate" | "rendition" | "revision" | "held";

export type IngestResult =
  | {
      ok: true;
      status: IngestStatus;
      /** status === "duplicate" (kept for older callers). */
      duplicate: boolean;
      /** This file's reading. */
      report: ReportSummary;
      warnings: string[];
      figures: number;
      /** rendition, revision, duplicate: the report as it answers now. */
      of?: ReportSummary;
      /** rendition: whether this file now answers. */
      answers?: boolean;
      /** revision: "metric|slice" keys whose values differ from the earlier version. */
      changed?: string[];
      /** held: what the text lacks ("发布机关", "年份", "数字"). */
      missing?: string[];
    }
  | { ok: false; error: string };

export interface ReindexProgress {
  done: number;
  total: number;
}

/** What a reindex did, in words a reply can list. */
export interface ReindexResult {
  /** Reports answering after the rebuild. */
  reports: number;
  /** Reports that were not held before ("长寿区 2018"). */
  added: string[];
  /** Reports held before whose figures (or reading) changed. */
  changed: string[];
  /** Reports kept as they were because no file of theirs was found to read again. */
  kept: string[];
  /** Files held for an admin (no issuer, year or figures). */
  held: number;
  /** Files that could not be read, with the reason. */
  failed: string[];
}

/** A text waiting for an admin's decision. */
export interface HeldSummary extends ReportSummary {
  missing: string[];
  addedAt: string;
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
  reindex(onProgress?: (p: ReindexProgress) => void): Promise<ReindexResult>;
  /** Texts held for an admin (no issuer, year or figures), oldest first. */
  listHeld(): HeldSummary[];
  /**
   * An admin's decision on a held text: confirmed, it is stored as a report (and announced);
   * discarded, it is dropped with its file. Undefined when no such text is held (already decided).
   */
  decideHeld(id: string, decision: "confirm" | "discard"): Promise<IngestResult | { ok: true; status: "discarded" } | undefined>;
  /**
   * Called for every report that is new to the store (any path: ingest, inbox, reindex, or the CLI
   * while no listener ran), and for every revision of a report announced before (the summary then
   * carries `revisionOf`); never for another file of a report held (a rendition). A report counts as announced once every listener's promise resolved;
   * a report stored but not yet announced (a crash in between, an ingest while the bot was down)
   * is replayed to the first listener registered after start, so listeners must be idempotent.
   */
  onReportAdded(listener: (report: ReportSummary) => void | Promise<unknown>): () => void;
}

// ---------------------------------------------------------------------------------------------
// Bot state, persisted apart from the catalog (store/bot-state.ts; one process owns both).

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
  /** ISO time it was first seen sent or dropped (stamped by the store; pruned some days later). */
  settledAt?: string;
}

export interface BotState {
  subscriptions: Subscription[];
  alerts: Alert[];
  stats: { questions: number; failures: number; ingested: number };
}

/**
 * Persistent bot state. `update` runs the mutation at once; its promise resolves when the change
 * is on disk (written together with the other changes of the same moment).
 */
export interface BotStore {
  read(): BotState;
  update(mutate: (state: BotState) => void): Promise<void>;
}
