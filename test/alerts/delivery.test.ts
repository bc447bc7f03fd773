// Delivery of the outbox on a simulated clock through the recording fake Bot API: Telegram's
// limits, 429s, 5xx, a blocked bot, a migrated group, a restart — each message sent once.

import type { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { createDelivery, RateLimiter, TELEGRAM_LIMITS } from "../../src/alerts/delivery.js";
import { memoryAlertStore, type Outgoing } from "../../src/alerts/store.js";
import { recorder, silentLogger } from "../bot/helpers.js";

function setup(snapshot?: string) {
  const api = recorder();
  const store = memoryAlertStore(snapshot);
  const clock = { now: 1_700_000_000_000 };
  const calls: { at: number; chatId: number; text: string }[] = [];
  const fakeApi = {
    async sendMessage(chatId: number, text: string) {
      calls.push({ at: clock.now, chatId, text });
      const res = await (
        api.transformer as unknown as (
          p: unknown,
          m: string,
          b: object,
        ) => Promise<{ ok: boolean; result?: unknown; error_code?: number; description?: string; parameters?: object }>
      )(undefined, "sendMessage", { chat_id: chatId, text });
      if (!res.ok) {
        const { GrammyError } = await import("grammy");
        throw new GrammyError(`Call to 'sendMessage' failed! (${res.error_code}: ${res.description})`, res as never, "sendMessage", {});
      }
      return res.result;
    },
  } as unknown as Pick<Api, "sendMessage">;
  const make = () => createDelivery({ store, api: fakeApi, logger: silentLogger, now: () => clock.now, backoffMs: 5000, maxAttempts: 3 });
  let n = 0;
  const queue = async (chatId: number, key = `k${++n}`) => {
    const msg: Outgoing = {
      id: `${chatId}|new|${key}`,
      chatId,
      text: `alert ${key}`,
      keys: [`s1|${key}`],
      status: "pending",
      attempts: 0,
      queuedAt: clock.now,
    };
    await store.commit([{ op: "queue", msg }]);
  };
  const drain = async (delivery = make(), until = Infinity) => {
    for (let i = 0; i < 100_000; i++) {
      const next = await delivery.deliverDue();
      if (next === null || next > until) return delivery;
      clock.now = Math.max(clock.now, next);
    }
    throw new Error("no end");
  };
  return { api, store, clock, calls, make, queue, drain };
}

describe("limits", () => {
  it("one message a second per chat, 20 a minute per group, 30 in any second overall", async () => {
    const s = setup();
    for (let i = 0; i < 3; i++) await s.queue(5);
    for (let i = 0; i < 25; i++) await s.queue(-100);
    for (let c = 0; c < 100; c++) await s.queue(1000 + c);
    await s.drain();
    expect(s.calls).toHaveLength(128);
    const times = (f: (c: (typeof s.calls)[0]) => boolean) =>
      s.calls
        .filter(f)
        .map((c) => c.at)
        .sort((a, b) => a - b);
    const all = times(() => true);
    for (let i = 30; i < all.length; i++) expect(all[i]! - all[i - 30]!).toBeGreaterThanOrEqual(1000);
    const chat = times((c) => c.chatId === 5);
    for (let i = 1; i < chat.length; i++) expect(chat[i]! - chat[i - 1]!).toBeGreaterThanOrEqual(1000);
    const group = times((c) => c.chatId === -100);
    for (let i = 20; i < group.length; i++) expect(group[i]! - group[i - 20]!).toBeGreaterThanOrEqual(60_000);
    // and no slower than that: the 100 one-message chats take 4 windows, the group's 21st waits a minute
    expect(group[20]! - group[0]!).toBe(60_000);
    expect(s.calls.filter((c) => c.chatId === 5).map((c) => c.text)).toEqual(["alert k1", "alert k2", "alert k3"]);
  });

  it("the limiter's windows", () => {
    const l = new RateLimiter(TELEGRAM_LIMITS);
    for (let i = 0; i < 30; i++) l.record(i + 1, 0);
    expect(l.globalEarliest()).toBe(1000);
    expect(l.chatEarliest(1)).toBe(1000);
    expect(l.chatEarliest(99)).toBe(-Infinity);
  });
});

describe("failures", () => {
  it("a 429 is retried after retry_after without using up an attempt; other chats go on", async () => {
    const s = setup();
    s.api.failNext("sendMessage", { ok: false, error_code: 429, description: "Too Many Requests: retry after 7", parameters: { retry_after: 7 } });
    await s.queue(77);
    await s.queue(88);
    const d = s.make();
    const t0 = s.clock.now;
    await d.deliverDue();
    expect(s.calls.map((c) => c.chatId)).toEqual([77, 88]);
    expect([...s.store.read().outbox.values()].find((m) => m.chatId === 77)).toMatchObject({ status: "pending", attempts: 0, notBefore: t0 + 7000 });
    s.clock.now = t0 + 6999;
    await d.deliverDue();
    expect(s.calls).toHaveLength(2);
    await s.drain(d);
    expect(s.calls.filter((c) => c.chatId === 77).map((c) => c.at)).toEqual([t0, t0 + 7000]);
    expect([...s.store.read().outbox.values()].map((m) => m.status)).toEqual(["sent", "sent"]);
  });

  it("a 403 drops the chat's messages and ends its subscriptions", async () => {
    const s = setup();
    const filter = { places: [], levels: [], conditions: [], checks: [], words: [] };
    await s.store.commit([
      { op: "subscribe", sub: { id: "s1", chatId: 66, filter, mode: "immediate", createdAt: "", text: "all" } },
      { op: "subscribe", sub: { id: "s2", chatId: 77, filter, mode: "immediate", createdAt: "", text: "all" } },
    ]);
    s.api.failNext("sendMessage", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    await s.queue(66);
    await s.queue(66);
    await s.queue(77);
    await s.drain();
    expect(s.calls.map((c) => c.chatId)).toEqual([66, 77]);
    expect(s.store.read().subscriptions.map((x) => x.chatId)).toEqual([77]);
    expect([...s.store.read().outbox.values()].map((m) => `${m.chatId}:${m.status}`)).toEqual(["66:dropped", "66:dropped", "77:sent"]);
  });

  it("5xx is retried with doubling backoff, then dropped after maxAttempts", async () => {
    const s = setup();
    const bad = { ok: false as const, error_code: 502, description: "Bad Gateway" };
    s.api.failNext("sendMessage", bad, bad, bad);
    await s.queue(77);
    const t0 = s.clock.now;
    await s.drain();
    expect(s.calls.map((c) => c.at - t0)).toEqual([0, 5000, 15_000]);
    expect([...s.store.read().outbox.values()][0]).toMatchObject({ status: "dropped", attempts: 3 });
  });

  it("a group that became a supergroup is followed", async () => {
    const s = setup();
    s.api.failNext("sendMessage", {
      ok: false,
      error_code: 400,
      description: "Bad Request: group chat was upgraded to a supergroup chat",
      parameters: { migrate_to_chat_id: -1009 },
    });
    await s.queue(-5);
    await s.drain();
    expect(s.calls.map((c) => c.chatId)).toEqual([-5, -1009]);
  });
});

describe("restarts", () => {
  it("pending messages are sent after a restart, sent ones never again; one in flight at a crash is not resent", async () => {
    const s = setup();
    for (const chat of [1, 2, 3]) await s.queue(chat);
    await s.queue(1); // chat 1's second waits a second
    await s.make().deliverDue();
    expect(s.calls).toHaveLength(3);
    // a crash while chat 1's second message is being sent: claimed, never settled
    const claimed = [...s.store.read().outbox.values()].find((m) => m.status === "pending")!;
    await s.store.commit([{ op: "claim", ids: [claimed.id], at: s.clock.now + 1000 }]);
    await s.queue(2);
    const restarted = setup(s.store.dump());
    restarted.clock.now = s.clock.now + 5000;
    await restarted.drain();
    expect(restarted.calls.map((c) => c.chatId)).toEqual([2]);
    expect([...restarted.store.read().outbox.values()].every((m) => m.status === "sent")).toBe(true);
    expect(restarted.store.read().outbox.get(claimed.id)?.lastError).toContain("未确认送达");
  });
});
