// Retrying Bot API requests within a bound. grammY's auto-retry plugin retries network errors
// forever (backoff up to an hour): one chat whose connection drops held every other chat's
// alerts, and a reply could wait indefinitely. Here every request has a time budget; 429s wait
// retry_after when it fits in what is left, 5xx and network errors back off; every failed attempt
// is logged with the time of the next one, and the last with "giving up".
import { HttpError, type Transformer } from "grammy";
import type { Logger } from "pino";
import { describeError } from "./errors.js";

export interface RetryOptions {
  logger: Logger;
  /** Scrubbed from logged errors. */
  token: string;
  /** Total time one request may take, attempts and waits included. Defaults to 60 000 ms. */
  budgetMs?: number;
  /** Wait after the first 5xx or network error; doubles each time. Defaults to 500 ms. */
  backoffMs?: number;
  /** Longest wait between two attempts after a 5xx or network error. Defaults to 10 000 ms. */
  maxBackoffMs?: number;
  /** One attempt is abandoned after this long (a connection that never answers). Defaults to 30 000 ms. */
  attemptTimeoutMs?: number;
  /** Aborted at shutdown: no new attempt starts and waits end at once. */
  shutdown?: AbortSignal;
  /** Methods passed through untouched (getUpdates: the poller retries it on its own terms). */
  skip?: readonly string[];
  now?: () => number;
  /** The wait between attempts (tests pass one that moves a fake clock). Defaults to `pause`. */
  sleep?: (ms: number, ...signals: (AbortSignal | undefined)[]) => Promise<void>;
}

/** A wait that ends early (rejecting) when either signal aborts. */
export function pause(ms: number, ...signals: (AbortSignal | undefined)[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const live = signals.filter((s): s is AbortSignal => s !== undefined);
    if (live.some((s) => s.aborted)) return reject(new Error("aborted while waiting to retry"));
    const done = () => {
      for (const s of live) s.removeEventListener("abort", abort);
    };
    const timer = setTimeout(() => {
      done();
      resolve();
    }, ms);
    function abort() {
      clearTimeout(timer);
      done();
      reject(new Error("aborted while waiting to retry"));
    }
    for (const s of live) s.addEventListener("abort", abort, { once: true });
  });
}

/** The chat a request goes to, for the log line. */
function chatOf(payload: unknown): unknown {
  return payload && typeof payload === "object" && "chat_id" in payload ? (payload as { chat_id: unknown }).chat_id : undefined;
}

/**
 * The API transformer. A request fails for good when its budget would be exceeded by the next
 * wait, at shutdown, or at once for any other 4xx (Telegram will not accept it later either).
 *
 * A request whose response is lost after Telegram performed it (a dropped connection) is sent
 * again: Telegram has no idempotency key, so a reply can then arrive twice (README, "Delivery").
 */
export function boundedRetry(options: RetryOptions): Transformer {
  const { logger, token, shutdown } = options;
  const budgetMs = options.budgetMs ?? 60_000;
  const backoffMs = options.backoffMs ?? 500;
  const maxBackoffMs = options.maxBackoffMs ?? 10_000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 30_000;
  const skip = new Set(options.skip ?? []);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? pause;

  return async (prev, method, payload, callerSignal) => {
    if (skip.has(method)) return prev(method, payload, callerSignal);
    // grammY types its signals with a shim; at run time they are Node's.
    const signal = callerSignal as AbortSignal | undefined;
    const start = now();
    let backoff = backoffMs;
    for (let attempt = 1; ; attempt++) {
      // Each attempt ends at the caller's abort, at shutdown, or after attemptTimeoutMs.
      const attemptSignal = AbortSignal.any(
        [signal, shutdown, AbortSignal.timeout(Math.min(attemptTimeoutMs, Math.max(5000, budgetMs - (now() - start))))].filter(
          (s): s is AbortSignal => s !== undefined,
        ),
      );
      let failure: { reason: string; wait: number; error?: unknown; response?: Awaited<ReturnType<typeof prev>> };
      try {
        const res = await prev(method, payload, attemptSignal as never);
        if (res.ok) {
          if (attempt > 1) logger.info({ method, chatId: chatOf(payload), attempt }, "Bot API request succeeded after retrying");
          return res;
        }
        if (res.error_code === 429) {
          failure = { reason: `429 ${res.description}`, wait: (res.parameters?.retry_after ?? 5) * 1000, response: res };
        } else if (res.error_code >= 500) {
          failure = { reason: `${res.error_code} ${res.description}`, wait: backoff, response: res };
          backoff = Math.min(maxBackoffMs, backoff * 2);
        } else {
          return res; // 4xx: the request itself is refused
        }
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted) throw error;
        failure = { reason: describeError(error, token).message, wait: backoff, error };
        backoff = Math.min(maxBackoffMs, backoff * 2);
      }
      const elapsed = now() - start;
      const fields = { method, chatId: chatOf(payload), attempt, reason: failure.reason };
      if (shutdown?.aborted || signal?.aborted || elapsed + failure.wait > budgetMs) {
        logger.error(
          { ...fields, elapsedMs: elapsed, budgetMs },
          shutdown?.aborted ? "Bot API request failed; not retried during shutdown" : "Bot API request failed; giving up",
        );
        if (failure.response) return failure.response;
        throw failure.error;
      }
      logger.warn({ ...fields, retryInMs: failure.wait, retryAt: new Date(now() + failure.wait).toISOString() }, "Bot API request failed; will retry");
      try {
        await sleep(failure.wait, signal, shutdown);
      } catch {
        if (failure.response) return failure.response;
        throw failure.error;
      }
    }
  };
}

/**
 * A failure to reach the chat rather than a failure of the handler: a network error, a 5xx or a
 * 429 that outlasted the retries. An apology would meet the same fate, so none is sent.
 */
export function isDeliveryFailure(error: unknown): boolean {
  if (error instanceof HttpError) return true;
  const code = (error as { error_code?: unknown } | null)?.error_code;
  return typeof code === "number" && (code === 429 || code >= 500);
}
