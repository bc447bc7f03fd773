// The alert machinery running: reports the library announces are matched as they are stored;
// digests and deadlines are looked at on a timer; the outbox is sent as the limits allow.
import type { Logger } from "pino";
import type { Library } from "../service.js";
import type { Delivery } from "./delivery.js";
import type { AlertEngine } from "./engine.js";

export interface AlertRunnerOptions {
  library: Pick<Library, "onReportAdded">;
  engine: AlertEngine;
  delivery: Delivery;
  logger: Logger;
  now?: () => number;
  /** Longest sleep between two looks at digests and the outbox. Defaults to 30 s. */
  tickMs?: number;
  /** How often deadlines are checked. Defaults to an hour. */
  deadlineEveryMs?: number;
  /**
   * Processes sharing one alert store (alerts/pg-store.ts): true in the one that sends. The others
   * match the reports they store (queueing is idempotent) but leave digests, deadlines and the
   * outbox to it, and look again every tick in case it is gone.
   */
  lead?: () => boolean;
}

export interface AlertRunner {
  /** Wake the loop now (messages were queued). */
  kick(): void;
  /** Resolves once every report announced so far has been matched. */
  settled(): Promise<void>;
  /** Stop after the pass in flight; what is pending stays in the store for the next start. */
  stop(): Promise<void>;
}

export function startAlertRunner(options: AlertRunnerOptions): AlertRunner {
  const { library, engine, delivery, logger } = options;
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 30_000;
  const deadlineEveryMs = options.deadlineEveryMs ?? 3_600_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let lastDeadlineCheck = -Infinity;
  const inFlight = new Set<Promise<unknown>>();

  const pass = async () => {
    try {
      if (options.lead && !options.lead()) return null;
      await engine.flushDigests();
      if (now() - lastDeadlineCheck >= deadlineEveryMs) {
        lastDeadlineCheck = now();
        await engine.checkDeadlines();
      }
      const sent = await delivery.deliverDue();
      const digest = engine.nextDigestAt();
      return sent === null ? digest : digest === null ? sent : Math.min(sent, digest);
    } catch (error) {
      logger.error({ err: error }, "alert pass failed");
      return null;
    }
  };

  const schedule = (at: number | null) => {
    if (stopped) return;
    clearTimeout(timer);
    const wait = at === null ? tickMs : Math.min(tickMs, Math.max(0, at - now()));
    timer = setTimeout(loop, wait);
    timer.unref();
  };
  const loop = () => {
    running = running.then(async () => schedule(await pass()));
  };

  const off = library.onReportAdded((summary) => {
    const task = engine.onReport(summary);
    inFlight.add(task);
    void task.finally(() => inFlight.delete(task)).catch(() => undefined);
    // The library marks the report announced once this resolves (a failure replays it at the next start).
    return task;
  });
  schedule(0);

  return {
    // New messages are found by their sequence number; no rebuild needed.
    kick: () => schedule(0),
    async settled() {
      while (inFlight.size) await Promise.allSettled([...inFlight]);
    },
    async stop() {
      stopped = true;
      off();
      clearTimeout(timer);
      await running;
    },
  };
}

/**
 * A delivery that sends only while `lead()` holds, made anew each time this process becomes the
 * sender: making it settles what the last sender left in flight as sent (never sent twice).
 */
export function senderOnly(make: () => Delivery, lead: () => boolean): Delivery {
  let current: Delivery | undefined;
  return {
    async deliverDue() {
      if (!lead()) {
        current = undefined;
        return null;
      }
      current ??= make();
      return current.deliverDue();
    },
    invalidate: () => current?.invalidate(),
    pending: () => current?.pending() ?? 0,
  };
}
