// Sending the outbox within Telegram's limits: 30 messages in any second overall, one a second
// per chat, 20 a minute per group; a chat's messages in the order queued. Each message is marked
// "sending" in the store before it is sent, so it is sent at most once even across a crash, and it
// stays pending through 429s (after retry_after), 5xx and network errors (with backoff) until sent,
// so it is sent at least once while the chat exists. A 403 (blocked, kicked) or a deleted chat ends
// that chat's subscriptions. The clock is injected: tests and the load test run on simulated time.
import { GrammyError, type Api } from "grammy";
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

const GONE = /chat not found|group chat was deleted|user is deactivated|bot was kicked|bot is not a member|have no rights to send|CHAT_WRITE_FORBIDDEN|PEER_ID_INVALID/i;

export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, api, logger } = options;
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(options.limits ?? TELEGRAM_LIMITS);
  const maxAttempts = options.maxAttempts ?? 8;
  const backoffMs = options.backoffMs ?? 5000;

  // Per chat, its pending messages in queue order; rebuilt from the store when invalidated.
  let queues: Map<number, Outgoing[]> | null = null;
  let lastSize = -1;
  const rebuild = (): Map<number, Outgoing[]> => {
    const q = new Map<number, Outgoing[]>();
    for (const m of store.read().outbox.values()) {
      if (m.status !== "pending" && m.status !== "sending") continue;
      const list = q.get(m.chatId) ?? [];
      list.push(m);
      q.set(m.chatId, list);
    }
    // Stable: messages queued at the same instant keep the order they were queued in (the Map's).
    for (const list of q.values()) list.sort((a, b) => a.queuedAt - b.queuedAt);
    return q;
  };

  // A restart: what was being sent when the last process stopped may or may not have arrived; it
  // is not sent again (never twice). Recent sends still count against the limits.
  const startup: AlertOp[] = [];
  const at0 = now();
  for (const m of store.read().outbox.values()) {
    if (m.sentAt !== undefined && m.sentAt > at0 - 60_000) limiter.record(m.chatId, m.sentAt);
    if (m.status === "sending") startup.push({ op: "settle", id: m.id, status: "sent", lastError: "在发送时进程停止，未确认送达（不再重发）" });
  }
  let ready: Promise<void> = startup.length ? store.commit(startup) : Promise.resolve();

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
      return [{ op: "settle", id: m.id, status: "dropped", lastError: reason }, { op: "chatGone", chatId: m.chatId, reason }];
    }
    if (error instanceof GrammyError && error.error_code === 400) {
      logger.error({ chatId: m.chatId, id: m.id, reason }, "alert rejected");
      return [{ op: "settle", id: m.id, status: "dropped", lastError: reason }];
    }
    if (m.attempts >= maxAttempts) return [{ op: "settle", id: m.id, status: "dropped", lastError: reason }];
    const delay = Math.min(3_600_000, backoffMs * 2 ** Math.max(0, m.attempts - 1));
    logger.warn({ chatId: m.chatId, id: m.id, reason }, "alert delivery failed; will retry");
    return [{ op: "settle", id: m.id, status: "pending", notBefore: at + delay, lastError: reason }];
  };

  const deliverDue = async (): Promise<number | null> => {
    await ready;
    // Queued messages always add to the outbox (ids are never reused): a new size means new messages.
    const size = store.read().outbox.size;
    if (size !== lastSize) queues = null;
    lastSize = size;
    queues ??= rebuild();
    const t = now();
    // Heads of the chats that may send now, oldest first.
    const heads: Outgoing[] = [];
    let next = Infinity;
    for (const [chatId, list] of queues) {
      while (list.length && list[0]!.status !== "pending" && list[0]!.status !== "sending") list.shift();
      if (list.length === 0) {
        queues.delete(chatId);
        continue;
      }
      const head = list[0]!;
      if (head.status === "sending") continue; // in flight (another pass)
      const at = Math.max(head.notBefore ?? -Infinity, limiter.chatEarliest(chatId));
      if (at <= t) heads.push(head);
      else next = Math.min(next, at);
    }
    if (heads.length === 0) return next === Infinity ? (queues.size ? t + 1000 : null) : next;
    heads.sort((a, b) => a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : 1));
    const batch: Outgoing[] = [];
    for (const h of heads) {
      if (limiter.globalEarliest() > t) break;
      limiter.record(h.chatId, t);
      batch.push(h);
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
    if (ops.some((o) => o.op === "migrate" || o.op === "chatGone")) queues = null;
    // More may go at once (the window had room for fewer than were due), else when the next is due.
    const again = Math.max(t, limiter.globalEarliest());
    return heads.length > batch.length ? again : Math.min(next, t + 1);
  };

  return {
    deliverDue,
    invalidate: () => void (queues = null),
    pending: () => {
      let n = 0;
      for (const m of store.read().outbox.values()) if (m.status === "pending" || m.status === "sending") n++;
      return n;
    },
  };
}
