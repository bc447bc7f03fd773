// Alerts: "a new report about 长寿区 was added" → one message to each subscribed chat.
//
// Two halves joined only through the BotStore, so a restart loses nothing:
// - `watchReports` listens to library.onReportAdded and queues one Alert per (reportId, chatId).
//   The pair is the key: a pair already in the store (pending, sent or dropped) is never queued
//   again, so a report announced twice, or again after a restart, reaches a chat once.
// - `startAlertLoop` sends pending alerts within Telegram's limits (≈30 messages/s overall,
//   1 message/s per chat), retries 429s after retry_after and 5xx/network errors with backoff,
//   and drops alerts to chats that blocked or removed the bot (and deletes their subscriptions).
import { GrammyError, type Api } from "grammy";
import type { Logger } from "pino";
import type { Alert, BotState, BotStore, Library, ReportSummary } from "../service.js";
import { pacer, perChatLanes } from "./chat-lanes.js";
import { describeError } from "./errors.js";
import { formatAlert } from "./format.js";
import { matchesSubscription, type AlertTarget } from "./subscriptions.js";

export interface AlertDeps {
  library: Library;
  botStore: BotStore;
  logger: Logger;
}

/** What subscriptions are matched against: the summary plus aliases and title from the record. */
export function alertTarget(summary: ReportSummary, library: Library): AlertTarget {
  const report = library.getReport(summary.id);
  return {
    org: summary.org,
    region: summary.region,
    fullRegion: summary.fullRegion,
    province: summary.province ?? report?.province,
    ...(report?.city ? { city: report.city } : {}),
    ...(report?.county ? { county: report.county } : {}),
    aliases: report?.aliases ?? [],
    title: report?.title ?? "",
  };
}

const sameKey = (a: Pick<Alert, "reportId" | "chatId">, b: Pick<Alert, "reportId" | "chatId">) =>
  a.reportId === b.reportId && a.chatId === b.chatId;

/** Queue an alert for every chat with a matching subscription; returns how many were new. */
export async function queueAlerts(report: ReportSummary, deps: AlertDeps): Promise<number> {
  const target = alertTarget(report, deps.library);
  let added = 0;
  await deps.botStore.update((state) => {
    const chats = new Set(state.subscriptions.filter((s) => matchesSubscription(s, target)).map((s) => s.chatId));
    for (const chatId of chats) {
      const key = { reportId: report.id, chatId };
      if (state.alerts.some((a) => sameKey(a, key))) continue;
      state.alerts.push({ ...key, status: "pending", attempts: 0 });
      added += 1;
    }
  });
  return added;
}

export interface ReportWatcher {
  stop(): void;
  /** Resolves once every report announced so far has had its alerts queued. */
  settled(): Promise<void>;
}

/** Queue alerts for each report the library adds; `onQueued` wakes the delivery loop. */
export function watchReports(deps: AlertDeps, onQueued?: () => void): ReportWatcher {
  const inFlight = new Set<Promise<void>>();
  const off = deps.library.onReportAdded((report) => {
    const queued = queueAlerts(report, deps);
    const task: Promise<void> = queued
      .then((added) => {
        if (added === 0) return;
        deps.logger.info({ reportId: report.id, region: report.region, alerts: added }, "alerts queued");
        onQueued?.();
      })
      .catch((error: unknown) => deps.logger.error({ err: describeError(error, ""), reportId: report.id }, "queueing alerts failed"))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
    // The library marks the report announced once this resolves (a failure or a crash before
    // that replays it at the next start; queueing is idempotent per report and chat).
    return queued;
  });
  return {
    stop: off,
    async settled() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Delivery

export interface AlertLoopOptions extends AlertDeps {
  api: Api;
  /** How often pending alerts are looked at (also woken by `kick`). */
  intervalMs?: number;
  /** Minimum time between two messages to one private chat. */
  perChatGapMs?: number;
  /** Minimum time between two messages to one group (Telegram allows ≈20 a minute there). */
  groupGapMs?: number;
  /** Minimum time between any two messages (1000/30 ≈ 34 ms for 30 messages/s). */
  globalGapMs?: number;
  /** Transient failures (5xx, network) before an alert is dropped. */
  maxAttempts?: number;
  /** Chats sent to at the same time (one failing chat holds only its own lane). Defaults to 8. */
  concurrency?: number;
  /** First retry delay after a transient failure; doubles each attempt, capped at an hour. */
  backoffMs?: number;
  now?: () => number;
}

export interface AlertLoop {
  /** Send everything due now (the loop does this on its own every `intervalMs`). */
  deliverDue(): Promise<void>;
  /** Look for pending alerts soon (called when new ones are queued). */
  kick(): void;
  /** Stop after the message in flight; pending alerts stay in the store for the next start. */
  stop(): Promise<void>;
}

type Outcome = Partial<Pick<Alert, "status" | "attempts" | "lastError" | "notBefore">>;

export function startAlertLoop(options: AlertLoopOptions): AlertLoop {
  const { api, library, botStore, logger } = options;
  const intervalMs = options.intervalMs ?? 1000;
  const perChatGapMs = options.perChatGapMs ?? 1000;
  const groupGapMs = options.groupGapMs ?? 3000;
  const globalGapMs = options.globalGapMs ?? 34;
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 5000;
  const now = options.now ?? Date.now;

  const lastSentToChat = new Map<number, number>();
  const paced = pacer(globalGapMs, now);
  const concurrency = options.concurrency ?? 8;
  // Aborted by stop(): a send in flight or waiting to be retried ends at once.
  const aborter = new AbortController();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Passes never overlap: each runs after the previous one; requests made while one waits to
  // start share it.
  let tail: Promise<void> = Promise.resolve();
  let waiting: Promise<void> | undefined;

  const update = async (key: Alert, change: (a: Alert, state: BotState) => void) => {
    await botStore.update((state) => {
      const alert = state.alerts.find((a) => sameKey(a, key));
      if (alert) change(alert, state);
    });
  };

  /** Mark the alert sent before sending: an alert is delivered at most once, even on a crash. */
  const claim = async (key: Alert): Promise<boolean> => {
    let claimed = false;
    await update(key, (alert) => {
      if (alert.status !== "pending") return;
      alert.status = "sent";
      alert.attempts += 1;
      delete alert.notBefore;
      claimed = true;
    });
    return claimed;
  };

  const settle = (key: Alert, outcome: Outcome) => update(key, (alert) => Object.assign(alert, outcome));

  const onFailure = async (key: Alert, error: unknown): Promise<void> => {
    const at = now();
    const reason = describeError(error, api.token).message;
    if (error instanceof GrammyError && error.error_code === 429) {
      // Not the message's fault: retry after Telegram's delay without using up an attempt.
      const seconds = error.parameters.retry_after ?? 30;
      logger.warn({ chatId: key.chatId, retryAfter: seconds }, "alert rate limited");
      await update(key, (alert) => {
        Object.assign(alert, { status: "pending", lastError: reason, notBefore: new Date(at + seconds * 1000).toISOString() });
        alert.attempts = Math.max(0, alert.attempts - 1);
      });
      return;
    }
    if (error instanceof GrammyError && error.error_code === 400 && error.parameters.migrate_to_chat_id) {
      // The group became a supergroup: follow it, subscriptions and this alert included.
      const to = error.parameters.migrate_to_chat_id;
      await botStore.update((state) => {
        for (const s of state.subscriptions) if (s.chatId === key.chatId) s.chatId = to;
        const alert = state.alerts.find((a) => sameKey(a, key));
        if (alert) Object.assign(alert, { status: "dropped", lastError: reason });
        if (!state.alerts.some((a) => sameKey(a, { reportId: key.reportId, chatId: to }))) {
          state.alerts.push({ reportId: key.reportId, chatId: to, status: "pending", attempts: 0 });
        }
      });
      logger.info({ from: key.chatId, to }, "chat migrated; subscriptions moved");
      return;
    }
    const gone =
      error instanceof GrammyError &&
      (error.error_code === 403 || (error.error_code === 400 && /chat not found/i.test(error.description)));
    if (gone) {
      // Blocked, kicked, deleted: this chat will not hear from the bot again unless it resubscribes.
      await botStore.update((state) => {
        for (const alert of state.alerts) {
          if (alert.chatId === key.chatId && (sameKey(alert, key) || alert.status === "pending")) {
            Object.assign(alert, { status: "dropped", lastError: reason });
            delete alert.notBefore;
          }
        }
        state.subscriptions = state.subscriptions.filter((s) => s.chatId !== key.chatId);
      });
      logger.info({ chatId: key.chatId, reason }, "chat unreachable; alerts dropped and subscriptions removed");
      return;
    }
    if (error instanceof GrammyError && error.error_code === 400) {
      // A request Telegram will never accept; retrying cannot help.
      await settle(key, { status: "dropped", lastError: reason });
      logger.error({ chatId: key.chatId, reportId: key.reportId, reason }, "alert rejected");
      return;
    }
    // 5xx, network, anything else: back off and try again, up to maxAttempts.
    await update(key, (alert) => {
      if (alert.attempts >= maxAttempts) {
        Object.assign(alert, { status: "dropped", lastError: reason });
        return;
      }
      const delay = Math.min(3_600_000, backoffMs * 2 ** Math.max(0, alert.attempts - 1));
      Object.assign(alert, { status: "pending", lastError: reason, notBefore: new Date(at + delay).toISOString() });
    });
    logger.warn({ chatId: key.chatId, reportId: key.reportId, reason }, "alert delivery failed; will retry");
  };

  const pass = async (): Promise<void> => {
    const start = now();
    const due = botStore
      .read()
      .alerts.filter((a) => a.status === "pending" && (!a.notBefore || Date.parse(a.notBefore) <= start))
      .map((a) => ({ ...a }));
    if (due.length === 0) return;
    const reports = new Map(library.listReports().map((r) => [r.id, r]));
    // Each chat its own lane: one whose connection fails does not hold the others.
    await perChatLanes(due, (a) => a.chatId, async (alert) => {
      if (stopped) return;
      const lastToChat = lastSentToChat.get(alert.chatId);
      const gap = alert.chatId < 0 ? groupGapMs : perChatGapMs;
      if (lastToChat !== undefined && now() - lastToChat < gap) return; // next pass
      const report = reports.get(alert.reportId);
      if (!report) {
        await settle(alert, { status: "dropped", lastError: "report no longer held" });
        return;
      }
      await paced();
      if (stopped || !(await claim(alert))) return;
      lastSentToChat.set(alert.chatId, now());
      try {
        await api.sendMessage(
          alert.chatId,
          formatAlert(report),
          { parse_mode: "HTML", link_preview_options: { is_disabled: true } },
          aborter.signal as never,
        );
        logger.info({ chatId: alert.chatId, reportId: alert.reportId }, "alert sent");
      } catch (error) {
        await onFailure(alert, error);
      }
    }, concurrency);
  };

  const deliverDue = (): Promise<void> => {
    if (waiting) return waiting;
    const next = tail.then(async () => {
      waiting = undefined;
      try {
        await pass();
      } catch (error) {
        logger.error({ err: describeError(error, api.token) }, "alert delivery pass failed");
      }
    });
    waiting = next;
    tail = next;
    return next;
  };

  const loop = async () => {
    await deliverDue();
    if (!stopped) {
      timer = setTimeout(loop, intervalMs);
      timer.unref();
    }
  };
  timer = setTimeout(loop, 0);
  timer.unref();

  return {
    deliverDue,
    kick: () => void deliverDue(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      aborter.abort();
      await tail;
    },
  };
}
