// Long polling that rides out a failing Bot API. The runner's own fetcher gives up on a 409
// Conflict by rejecting a promise nobody awaits (the process died of an unhandled rejection), and
// behind auto-retry a few 502s left the bot deaf for ≈ 45 s. Here every failed getUpdates is
// logged with the time of the next attempt, 409 included, waits grow from 250 ms to at most
// `maxDelayMs`, and the first success after failures says so.
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from "@grammyjs/runner";
import { type Bot, GrammyError } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { BotContext } from "./context.js";
import { describeError } from "./errors.js";
import { pause } from "./retry.js";

export interface PollingOptions {
  logger: Logger;
  allowedUpdates: readonly string[];
  /** Longest pause between two failed getUpdates calls. Defaults to 5000 ms. */
  maxDelayMs?: number;
  /** First pause after a failure; doubles up to maxDelayMs. Defaults to 250 ms. */
  firstDelayMs?: number;
  /** Long-poll timeout asked of Telegram, in seconds. Defaults to 30. */
  timeoutSeconds?: number;
}

/** getUpdates with retries that never end (until stopped), each failure logged. */
export function updateFetcher(bot: Bot<BotContext>, options: PollingOptions) {
  const { logger } = options;
  const maxDelayMs = options.maxDelayMs ?? 5000;
  const firstDelayMs = Math.min(options.firstDelayMs ?? 250, maxDelayMs);
  const timeout = options.timeoutSeconds ?? 30;
  let offset = 0;
  let failures = 0;
  let delay = firstDelayMs;
  return async (batchSize: number, signal: AbortSignal): Promise<Update[]> => {
    for (;;) {
      try {
        // A connection that silently stops answering is abandoned a little after the long poll ends.
        const attempt = AbortSignal.any([signal, AbortSignal.timeout((timeout + 10) * 1000)]);
        const updates = await bot.api.getUpdates(
          { offset, limit: Math.max(1, Math.min(batchSize, 100)), timeout, allowed_updates: [...options.allowedUpdates] as never },
          attempt as never,
        );
        if (failures > 0) logger.info({ failures }, "getUpdates recovered");
        failures = 0;
        delay = firstDelayMs;
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (error) {
        if (signal.aborted) throw error;
        failures += 1;
        const code = error instanceof GrammyError ? error.error_code : undefined;
        const waitMs = code === 429 ? Math.max(delay, ((error as GrammyError).parameters.retry_after ?? 1) * 1000) : delay;
        const fields = { err: describeError(error, bot.token), attempt: failures, retryInMs: waitMs, retryAt: new Date(Date.now() + waitMs).toISOString() };
        if (code === 409) logger.warn(fields, "getUpdates conflict (another instance polling, or a webhook set); will retry");
        else if (code === 401) logger.error(fields, "getUpdates unauthorized (token revoked?); will retry");
        else logger.warn(fields, "getUpdates failed; will retry");
        delay = Math.min(maxDelayMs, delay * 2);
        await pause(waitMs, signal);
      }
    }
  };
}

/**
 * Run the bot with long polling: the runner's concurrent sink (updates of one chat kept in order
 * by the bot's sequentialize) fed by `updateFetcher`. Its promise never rejects unhandled.
 */
export function startPolling(bot: Bot<BotContext>, options: PollingOptions): RunnerHandle {
  const fetch = updateFetcher(bot, options);
  const source = createSource<Update>({ supply: (size, signal) => fetch(size, signal as unknown as AbortSignal) });
  const sink = createConcurrentSink<Update, unknown>({ consume: (update) => bot.handleUpdate(update) }, async (error) => {
    try {
      await bot.errorHandler(error as never);
    } catch (handlerError) {
      options.logger.error({ err: describeError(handlerError, bot.token) }, "error handler failed");
    }
  });
  const runner = createRunner(source, sink);
  runner.start();
  runner.task()?.catch((error: unknown) => options.logger.error({ err: describeError(error, bot.token) }, "polling stopped by an error"));
  return runner;
}
