// Bounded retries on the Bot API (issue 12): 5xx and network errors back off, 429 waits
// retry_after when it fits in the budget, everything ends within the budget or at shutdown, and
// every failed attempt is logged with its next time. A fake clock: no test waits.
import { Writable } from "node:stream";
import { HttpError } from "grammy";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { boundedRetry, isDeliveryFailure } from "../../src/bot/retry.js";

type Res = { ok: true; result: unknown } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

function harness(script: (Res | "network")[], opts: { budgetMs?: number; shutdown?: AbortSignal } = {}) {
  const clock = { now: 0 };
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level: "debug" }, new Writable({ write: (c, _e, done) => (lines.push(JSON.parse(String(c))), done()) }));
  const waits: number[] = [];
  const transformer = boundedRetry({
    logger,
    token: "1:T",
    budgetMs: opts.budgetMs ?? 60_000,
    ...(opts.shutdown ? { shutdown: opts.shutdown } : {}),
    now: () => clock.now,
    sleep: async (ms) => {
      waits.push(ms);
      clock.now += ms;
    },
  });
  let calls = 0;
  const prev = async () => {
    const step = script[Math.min(calls++, script.length - 1)]!;
    clock.now += 100; // each attempt takes 100 ms
    if (step === "network") throw new HttpError("Network request for 'sendMessage' failed!", new Error("socket hang up"));
    return step;
  };
  const call = () =>
    (transformer as unknown as (p: typeof prev, m: string, payload: unknown) => Promise<Res>)(prev, "sendMessage", { chat_id: 42, text: "hi" });
  return { call, waits, lines, calls: () => calls, clock };
}

const OK: Res = { ok: true, result: { message_id: 1 } };
const BAD_GATEWAY: Res = { ok: false, error_code: 502, description: "Bad Gateway" };

describe("boundedRetry", () => {
  it("502 five times, then delivers: backoff doubling, each failure logged with its next time", async () => {
    const h = harness([BAD_GATEWAY, BAD_GATEWAY, BAD_GATEWAY, BAD_GATEWAY, BAD_GATEWAY, OK]);
    await expect(h.call()).resolves.toEqual(OK);
    expect(h.calls()).toBe(6);
    expect(h.waits).toEqual([500, 1000, 2000, 4000, 8000]); // 15.5 s: well within the 60 s budget
    const retries = h.lines.filter((l) => l.msg === "Bot API request failed; will retry");
    expect(retries).toHaveLength(5);
    expect(retries[0]).toMatchObject({ method: "sendMessage", chatId: 42, attempt: 1, retryInMs: 500, retryAt: expect.any(String) });
  });

  it("429 with retry_after 30 s waits within the 60 s budget and delivers the answer", async () => {
    const h = harness([{ ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 30 } }, OK]);
    await expect(h.call()).resolves.toEqual(OK);
    expect(h.waits).toEqual([30_000]);
  });

  it("429 with retry_after beyond the budget gives up at once, logged", async () => {
    const tooLong: Res = { ok: false, error_code: 429, description: "Too Many Requests", parameters: { retry_after: 90 } };
    const h = harness([tooLong]);
    await expect(h.call()).resolves.toEqual(tooLong);
    expect(h.waits).toEqual([]);
    expect(h.lines.some((l) => l.msg === "Bot API request failed; giving up")).toBe(true);
  });

  it("network errors forever end within the budget (auto-retry retried them for ever)", async () => {
    const h = harness(["network"]);
    await expect(h.call()).rejects.toBeInstanceOf(HttpError);
    expect(h.clock.now).toBeLessThanOrEqual(60_000);
    expect(h.waits.every((w) => w <= 10_000)).toBe(true);
    expect(h.calls()).toBe(h.waits.length + 1);
  });

  it("does not retry a request Telegram refuses (400, 403)", async () => {
    const refused: Res = { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" };
    const h = harness([refused]);
    await expect(h.call()).resolves.toEqual(refused);
    expect(h.calls()).toBe(1);
  });

  it("at shutdown, a failed request is not retried", async () => {
    const shutdown = new AbortController();
    shutdown.abort();
    const h = harness([BAD_GATEWAY, OK], { shutdown: shutdown.signal });
    await expect(h.call()).resolves.toEqual(BAD_GATEWAY);
    expect(h.calls()).toBe(1);
  });
});

describe("isDeliveryFailure", () => {
  it("is a network error, a 5xx or a 429 — not a handler's own error", () => {
    expect(isDeliveryFailure(new HttpError("x", new Error("y")))).toBe(true);
    expect(isDeliveryFailure({ error_code: 502 })).toBe(true);
    expect(isDeliveryFailure({ error_code: 429 })).toBe(true);
    expect(isDeliveryFailure({ error_code: 400 })).toBe(false);
    expect(isDeliveryFailure(new Error("boom"))).toBe(false);
  });
});
