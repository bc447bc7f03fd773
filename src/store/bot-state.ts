// The bot's small state — subscriptions, the alert queue, counters — in a file of its own
// (`db.bot.json` beside `db.json`). It used to live in the catalog: every answered question
// rewrote the whole db (18 MB at 5,000 reports; 22 s to count 200 questions). Now an update
// changes memory at once and is written with the others made within `delayMs`, through the
// durable writer (temporary file, fsync, rename; mode 0600: it holds chat ids). Alerts delivered
// or dropped more than `retentionMs` ago are pruned, so the file stays small.
import type { Adapter } from "lowdb";
import type { Alert, BotState, BotStore } from "../service.js";

export interface BotStateStore extends BotStore {
  /** Write what is pending now (shutdown). */
  flush(): Promise<void>;
  /** Writes so far (tests and the bench count them). */
  readonly writes: number;
}

export interface BotStateOptions {
  /** Changes made within this window share one write. Defaults to 100 ms. */
  delayMs?: number;
  /** Delivered or dropped alerts are kept this long (so a report announced again is not re-sent), then pruned. Defaults to 7 days. */
  retentionMs?: number;
  /** Never write (a reader beside the process that owns the db). */
  readOnly?: boolean;
  now?: () => number;
}

export function emptyBotState(): BotState {
  return { subscriptions: [], alerts: [], stats: { questions: 0, failures: 0, ingested: 0 } };
}

/** Whatever was on disk (or in an old db.json), with every field present. */
function normalise(d: Partial<BotState> | null | undefined): BotState {
  const fresh = emptyBotState();
  return {
    subscriptions: Array.isArray(d?.subscriptions) ? d.subscriptions : fresh.subscriptions,
    alerts: Array.isArray(d?.alerts) ? d.alerts : fresh.alerts,
    stats: { ...fresh.stats, ...(d?.stats ?? {}) },
  };
}

/** Stamp newly settled alerts, and drop those settled before `cutoff`. */
function prune(state: BotState, at: number, retentionMs: number): void {
  const stamp = new Date(at).toISOString();
  const cutoff = at - retentionMs;
  let stale = false;
  for (const a of state.alerts as (Alert & { settledAt?: string })[]) {
    if (a.status === "pending") continue;
    a.settledAt ??= stamp;
    if (Date.parse(a.settledAt) < cutoff) stale = true;
  }
  if (stale) state.alerts = state.alerts.filter((a) => a.status === "pending" || Date.parse((a as { settledAt?: string }).settledAt ?? stamp) >= cutoff);
}

/**
 * Open the bot state through an adapter (`durableJsonFile(path)` in the app, none in tests). When
 * the file does not exist yet, `legacy` — the `bot` field of an older db.json — is taken once and
 * written to the new file before this resolves.
 */
export async function openBotState(adapter: Adapter<BotState> | null, legacy?: Partial<BotState>, options: BotStateOptions = {}): Promise<BotStateStore> {
  const { delayMs = 100, retentionMs = 7 * 24 * 3600_000, readOnly = false } = options;
  const now = options.now ?? Date.now;
  const stored = adapter ? await adapter.read() : null;
  const state = normalise(stored ?? legacy);
  prune(state, now(), retentionMs);
  let writes = 0;
  let timer: NodeJS.Timeout | undefined;
  let batch: { done: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | undefined;

  const writeNow = async (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const current = batch;
    batch = undefined;
    if (!current) return;
    try {
      if (adapter && !readOnly) {
        writes += 1;
        await adapter.write(state);
      }
      current.resolve();
    } catch (err) {
      current.reject(err);
    }
  };
  const schedule = (): Promise<void> => {
    if (!batch) {
      let resolve!: () => void;
      let reject!: (e: unknown) => void;
      const done = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      batch = { done, resolve, reject };
      // Not unref'd: a process waiting for this write must not exit before it.
      timer = setTimeout(() => void writeNow(), delayMs);
    }
    return batch.done;
  };

  const store: BotStateStore = {
    get writes() {
      return writes;
    },
    read: () => state,
    update(mutate) {
      mutate(state);
      prune(state, now(), retentionMs);
      return schedule();
    },
    async flush() {
      await writeNow();
    },
  };
  if (stored === null && legacy && adapter && !readOnly) {
    schedule();
    await writeNow();
  }
  return store;
}
