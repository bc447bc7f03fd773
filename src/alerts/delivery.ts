// Sending the outbox within Telegram's limits: 30 messages in any second overall, one a second
// per chat, 20 a minute per group; a chat's messages in the order queued. Each message is marked
// "sending" in the store before it is sent, so it is sent at most once even across a crash, and it
// stays pending through 429s (after retry_after), 5xx and network errors (with backoff) until sent,
// so it is sent at least once while the chat exists. A 403 (blocked, kicked) or a deleted chat ends
// that chat's subscriptions. The clock is injected: tests and the load test run on simulated time.
import { type Api, GrammyError } from "grammy";
import type { Logger } from "pino";
import type { AlertOp, AlertStore, Outgoing } from "./store.js";

export interface Limits {
  /** Messages in any 1000 ms, all chats together. Defaults to 30. */
  perSecond: number;
  /** Minimum gap between two messages to one chat. Defaults to 1000 ms. */
  chatGapMs: number;
  /** Messages in any 60 s to one group (chat id < 0). Defaults to 20. */
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: Limits = { perSecond: 30, chatGapMs: 1000, groupPerMinute: 20 };

/** Sliding windows over the send times: when may the next message to a chat go. */
export class RateLimiter {
  private readonly global: number[] = [];
  private readonly lastToChat = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private readonly paused = new Map<number, number>();

  constructor(private readonly limits: Limits = TELEGRAM_LIMITS) {}

  /** Earliest time any message may go (the overall window). */
  globalEarliest(): number {
    const n = this.global.length;
    return n < this.limits.perSecond ? -Infinity : this.global[n - this.limits.perSecond]! + 1000;
  }

  /** Earliest time a message to this chat may go (its gap, its group window, a 429 pause). */
  chatEarliest(chatId: number): number {
    let t = this.paused.get(chatId) ?? -Infinity;
    const last = this.lastToChat.get(chatId);
    if (last !== undefined) t = Math.max(t, last + this.limits.chatGapMs);
    const g = this.groupSends.get(chatId);
    if (g && g.length >= this.limits.groupPerMinute) t = Math.max(t, g[g.length - this.limits.groupPerMinute]! + 60_000);
    return t;
  }

  record(chatId: number, at: number): void {
    this.global.push(at);
    if (this.global.length > this.limits.perSecond * 4) this.global.splice(0, this.global.length - this.limits.perSecond);
    this.lastToChat.set(chatId, Math.max(at, this.lastToChat.get(chatId) ?? -Infinity));
    if (chatId < 0) {
      const g = this.groupSends.get(chatId) ?? [];
      g.push(at);
      if (g.length > this.limits.groupPerMinute * 2) g.splice(0, g.length - this.limits.groupPerMinute);
      this.groupSends.set(chatId, g);
    }
  }

  pause(chatId: number, until: number): void {
    this.paused.set(chatId, Math.max(until, this.paused.get(chatId) ?? -Infinity));
  }
}

export interface DeliveryOptions {
  store: AlertStore;
  api: Pick<Api, "sendMessage">;
  logger: Logger;
  now?: () => number;
  limits?: Limits;
  /** Transient failures (5xx, network) before a message is dropped. Defaults to 8. */
  maxAttempts?: number;
  /** First retry delay after a transient failure; doubles each attempt, capped at an hour. Defaults to 5000 ms. */
  backoffMs?: number;
  /** Called for a chat that blocked the bot or is gone (after its subscriptions were ended). */
  onChatGone?: (chatId: number, reason: string) => void;
}

export interface Delivery {
  /**
   * Send every message the limits allow now (in parallel, one per chat), record the outcomes, and
   * return the earliest time another may go (null: nothing pending).
   */
  deliverDue(): Promise<number | null>;
  /** The outbox changed (messages queued): look again. */
  invalidate(): void;
  /** Messages pending or in flight. */
  pending(): number;
}

const GONE =
  /chat not found|group chat was deleted|user is deactivated|bot was kicked|bot is not a member|have no rights to send|CHAT_WRITE_FORBIDDEN|PEER_ID_INVALID/i;

export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, api, logger } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.limits ?? TELEGRAM_LIMITS);
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 5000;

  // Per chat, its pending messages in queue order; and the chats by the time their next message
  // may go (a heap, so a pass looks only at chats that are ready, not at every chat waiting).
  let queues = new Map<number, Outgoing[]>();
  const heap = new ChatHeap();
  let taken = 0; // the last Outgoing.seq taken into the queues
  let stale = true;
  const headOf = (chatId: number): Outgoing | undefined => {
    const list = queues.get(chatId);
    while (list?.length && list[0]!.status !== "pending" && list[0]!.status !== "sending") list.shift();
    if (!list?.length) {
      queues.delete(chatId);
      return undefined;
    }
    return list[0];
  };
  const readyAt = (chatId: number): number | null => {
    const head = headOf(chatId);
    if (!head || head.status === "sending") return null;
    return Math.max(head.notBefore ?? -Infinity, limiter.chatEarliest(chatId));
  };
  const schedule = (chatId: number) => {
    const at = readyAt(chatId);
    if (at !== null) heap.set(chatId, at, headOf(chatId)!.queuedAt);
  };
  /** Take in what was queued since the last look (everything after a migration or a chat gone). */
  const refresh = () => {
    const outbox = store.read().outbox;
    if (stale) {
      queues = new Map();
      heap.clear();
      taken = 0;
    }
    if (store.read().queued === taken && !stale) return;
    const touched = new Set<number>();
    for (const m of outbox.values()) {
      if ((m.seq ?? 0) <= taken && !stale) continue;
      if (m.status !== "pending" && m.status !== "sending") continue;
      const list = queues.get(m.chatId) ?? [];
      list.push(m);
      queues.set(m.chatId, list);
      touched.add(m.chatId);
    }
    taken = store.read().queued;
    for (const chatId of touched) {
      // In the order queued.
      if (stale) queues.get(chatId)!.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0) || a.queuedAt - b.queuedAt);
      schedule(chatId);
    }
    stale = false;
  };

  // A restart: what was being sent when the last process stopped may or may not have arrived; it
  // is not sent again (never twice). Recent sends still count against the limits.
  const startup: AlertOp[] = [];
  const at0 = now();
  const recent = [...store.read().outbox.values()].filter((m) => m.sentAt !== undefined && m.sentAt > at0 - 60_000);
  for (const m of recent.sort((a, b) => a.sentAt! - b.sentAt!)) limiter.record(m.chatId, m.sentAt!);
  for (const m of store.read().outbox.values()) {
    if (m.status === "sending") startup.push({ op: "settle", id: m.id, status: "sent", lastError: "在发送时进程停止，未确认送达（不再重发）" });
  }
  const ready: Promise<void> = startup.length ? store.commit(startup) : Promise.resolve();

  const outcome = (m: Outgoing, error: unknown, at: number): AlertOp[] => {
    const reason = error instanceof Error ? error.message : String(error);
    if (error instanceof GrammyError && error.error_code === 429) {
      const until = at + (error.parameters.retry_after ?? 30) * 1000;
      limiter.pause(m.chatId, until);
      logger.warn({ chatId: m.chatId, retryAfter: error.parameters.retry_after }, "alert rate limited");
      return [{ op: "settle", id: m.id, status: "pending", notBefore: until, lastError: reason, attempts: m.attempts - 1 }];
    }
    if (error instanceof GrammyError && error.error_code === 400 && error.parameters.migrate_to_chat_id) {
      const to = error.parameters.migrate_to_chat_id;
      logger.info({ from: m.chatId, to }, "chat migrated; subscriptions moved");
      return [
        { op: "settle", id: m.id, status: "pending", lastError: reason, attempts: m.attempts - 1 },
        { op: "migrate", from: m.chatId, to },
      ];
    }
    if (error instanceof GrammyError && (error.error_code === 403 || (error.error_code === 400 && GONE.test(error.description)))) {
      logger.info({ chatId: m.chatId, reason }, "chat unreachable; its subscriptions end");
      options.onChatGone?.(m.chatId, reason);
      return [
        { op: "settle", id: m.id, status: "dropped", lastError: reason },
        { op: "chatGone", chatId: m.chatId, reason },
      ];
    }
    if (error instanceof GrammyError && error.error_code === 400) {
      logger.error({ chatId: m.chatId, id: m.id, reason }, "alert rejected");
      return [{ op: "settle", id: m.id, status: "dropped", lastError: reason }];
    }
    if (m.attempts >= maxAttempts) {
      logger.error({ chatId: m.chatId, id: m.id, reason, attempts: m.attempts }, "alert given up after its last attempt");
      return [{ op: "settle", id: m.id, status: "dropped", lastError: reason }];
    }
    const delay = Math.min(3_600_000, backoffMs * 2 ** Math.max(0, m.attempts - 1));
    logger.warn(
      { chatId: m.chatId, id: m.id, reason, attempt: m.attempts, retryInMs: delay, retryAt: new Date(at + delay).toISOString() },
      "alert delivery failed; will retry",
    );
    return [{ op: "settle", id: m.id, status: "pending", notBefore: at + delay, lastError: reason }];
  };

  const deliverDue = async (): Promise<number | null> => {
    await ready;
    refresh();
    const t = now();
    // The chats that may send now, the longest ready first, as many as the overall window allows.
    const batch: Outgoing[] = [];
    for (let e = heap.peek(); e && e.at <= t && limiter.globalEarliest() <= t; e = heap.peek()) {
      heap.pop();
      const at = readyAt(e.chatId);
      if (at === null) continue;
      if (at > t) {
        heap.set(e.chatId, at, headOf(e.chatId)!.queuedAt);
        continue;
      }
      const head = headOf(e.chatId)!;
      limiter.record(head.chatId, t);
      batch.push(head);
    }
    if (batch.length === 0) {
      const next = heap.peek()?.at ?? null;
      return next === null ? null : Math.max(next, limiter.globalEarliest());
    }
    await store.commit([{ op: "claim", ids: batch.map((m) => m.id), at: t }]);
    const results = await Promise.all(
      batch.map(async (m): Promise<AlertOp[]> => {
        try {
          await api.sendMessage(m.chatId, m.text, { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
          return [{ op: "settle", id: m.id, status: "sent" }];
        } catch (error) {
          return outcome(m, error, t);
        }
      }),
    );
    const ops = results.flat();
    await store.commit(ops);
    if (ops.some((o) => o.op === "migrate" || o.op === "chatGone")) stale = true;
    else for (const m of batch) schedule(m.chatId);
    refresh();
    const next = heap.peek()?.at ?? null;
    return next === null ? null : Math.max(next, limiter.globalEarliest());
  };

  return {
    deliverDue,
    invalidate: () => void (stale = true),
    pending: () => {
      let n = 0;
      for (const m of store.read().outbox.values()) if (m.status === "pending" || m.status === "sending") n++;
      return n;
    },
  };
}

/** Chats by the time their next message may go (then its age): a binary heap, one entry per chat. */
class ChatHeap {
  private items: { at: number; seq: number; chatId: number }[] = [];
  private readonly index = new Map<number, number>();

  peek(): { at: number; seq: number; chatId: number } | undefined {
    return this.items[0];
  }

  clear(): void {
    this.items = [];
    this.index.clear();
  }

  /** Schedule a chat (or move it to `at`); `seq` orders chats ready at the same time. */
  set(chatId: number, at: number, seq: number): void {
    const i = this.index.get(chatId);
    if (i === undefined) {
      this.items.push({ at, seq, chatId });
      this.index.set(chatId, this.items.length - 1);
      this.up(this.items.length - 1);
      return;
    }
    Object.assign(this.items[i]!, { at, seq });
    this.up(i);
    this.down(this.index.get(chatId)!);
  }

  pop(): { at: number; seq: number; chatId: number } | undefined {
    const top = this.items[0];
    if (!top) return undefined;
    const last = this.items.pop()!;
    this.index.delete(top.chatId);
    if (this.items.length) {
      this.items[0] = last;
      this.index.set(last.chatId, 0);
      this.down(0);
    }
    return top;
  }

  private less(a: number, b: number): boolean {
    const x = this.items[a]!;
    const y = this.items[b]!;
    return x.at < y.at || (x.at === y.at && x.seq < y.seq);
  }

  private swap(a: number, b: number): void {
    const x = this.items[a]!;
    const y = this.items[b]!;
    this.items[a] = y;
    this.items[b] = x;
    this.index.set(y.chatId, a);
    this.index.set(x.chatId, b);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.items.length && this.less(l, m)) m = l;
      if (r < this.items.length && this.less(r, m)) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }
}
