// Per-user rate limit, in memory (a restart forgives everyone, which is fine for a politeness
// limit). Sliding window of one minute; the first refused update in a window gets a polite
// answer, the rest are dropped silently so a flood does not make the bot flood back.
import type { NextFunction } from "grammy";
import { isAddressedToBot } from "./addressing.js";
import { isAdmin } from "./auth.js";
import type { BotContext } from "./context.js";

export type Verdict = "ok" | "notify" | "silent";

export class RateLimiter {
  private readonly hits = new Map<number, number[]>();
  private readonly notified = new Map<number, number>();
  private checks = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  check(userId: number): Verdict {
    const now = this.now();
    if (++this.checks % 1000 === 0) this.prune(now);
    const recent = (this.hits.get(userId) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length < this.limit) {
      recent.push(now);
      this.hits.set(userId, recent);
      return "ok";
    }
    this.hits.set(userId, recent);
    if ((this.notified.get(userId) ?? -Infinity) > now) return "silent";
    // Stay quiet until the oldest counted update leaves the window.
    this.notified.set(userId, recent[0] + this.windowMs);
    return "notify";
  }

  /** Seconds until `userId` may send again (for the polite answer). */
  retryInSeconds(userId: number): number {
    const oldest = this.hits.get(userId)?.[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + this.windowMs - this.now()) / 1000));
  }

  private prune(now: number): void {
    for (const [user, times] of this.hits) if (times.every((t) => now - t >= this.windowMs)) this.hits.delete(user);
    for (const [user, until] of this.notified) if (until <= now) this.notified.delete(user);
  }
}

/** Middleware: process the update, or answer politely instead. Admins are not limited. */
export function rateLimit(limiter: RateLimiter) {
  return async (ctx: BotContext, next: NextFunction): Promise<void> => {
    const userId = ctx.from?.id;
    if (userId === undefined || !isAddressedToBot(ctx) || isAdmin(ctx)) return next();
    const verdict = limiter.check(userId);
    if (verdict === "ok") return next();
    const message = `请求有点频繁了，请 ${limiter.retryInSeconds(userId)} 秒后再试。每人每分钟最多 ${ctx.deps.settings.rateLimitPerMinute} 次。`;
    // Buttons and inline queries always need an answer (or the client keeps spinning).
    if (ctx.callbackQuery) {
      await ctx.answerCallbackQuery(verdict === "notify" ? { text: message } : undefined);
    } else if (ctx.inlineQuery) {
      await ctx.answerInlineQuery([], {
        cache_time: 0,
        is_personal: true,
        button: { text: "请求太频繁，请稍后再试", start_parameter: "ratelimited" },
      });
    } else if (verdict === "notify" && ctx.chat) {
      await ctx.reply(message);
    }
  };
}
