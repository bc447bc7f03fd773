// /subscribe, /unsubscribe, /subscriptions: per chat, kept in the BotStore. A chat that removes
// the bot loses its subscriptions (my_chat_member), so no alert is queued for it again.
import { Composer } from "grammy";
import type { Subscription } from "../../service.js";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format.js";
import { sendHtml } from "../respond.js";
import { describeSubscription, parseSubscription } from "../subscriptions.js";

export const MAX_SUBSCRIPTIONS_PER_CHAT = 20;

const USAGE =
  "用法：/subscribe 地区、省份、关键词或 all，例如 /subscribe 长寿区、/subscribe 重庆、/subscribe 关键词:复议、/subscribe all";

function knownRegions(ctx: BotContext): string[] {
  return ctx.deps.library.listReports().flatMap((r) => [r.region, r.fullRegion]);
}

export function subscriptionsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.filter(isCommand("subscribe"), async (ctx) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const parsed = parseSubscription(ctx.command?.args ?? "", knownRegions(ctx));
    if ("error" in parsed) {
      await ctx.reply(parsed.error === "empty" ? USAGE : `无法订阅：${parsed.error}`);
      return;
    }
    let outcome: "added" | "exists" | "full" = "added";
    await ctx.deps.botStore.update((state) => {
      const mine = state.subscriptions.filter((s) => s.chatId === chatId);
      if (mine.some((s) => s.kind === parsed.kind && s.value === parsed.value)) outcome = "exists";
      else if (mine.length >= MAX_SUBSCRIPTIONS_PER_CHAT) outcome = "full";
      else state.subscriptions.push({ chatId, ...parsed, createdAt: new Date().toISOString() });
    });
    const what = escapeHtml(describeSubscription(parsed));
    const reply = {
      added: `✅ 已订阅 ${what}。有新报告时会通知这个聊天。`,
      exists: `已经订阅过 ${what} 了。`,
      full: `每个聊天最多 ${MAX_SUBSCRIPTIONS_PER_CHAT} 个订阅，请先用 /unsubscribe 取消一些。`,
    }[outcome];
    await sendHtml(ctx, [reply]);
  });

  feature.filter(isCommand("unsubscribe"), async (ctx) => {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const arg = ctx.command?.args ?? "";
    const parsed = arg.trim() === "" ? undefined : parseSubscription(arg, knownRegions(ctx));
    if (parsed && "error" in parsed) {
      await ctx.reply(`无法识别：${parsed.error}`);
      return;
    }
    let removed: Subscription[] = [];
    await ctx.deps.botStore.update((state) => {
      // Match on the value only: the kind a word is read as may change as reports are added.
      const goes = (s: Subscription) =>
        s.chatId === chatId && (parsed === undefined || (parsed.kind === "all" ? s.kind === "all" : s.value === parsed.value));
      removed = state.subscriptions.filter(goes);
      state.subscriptions = state.subscriptions.filter((s) => !goes(s));
    });
    if (removed.length === 0) {
      await ctx.reply(parsed ? "没有这个订阅。发送 /subscriptions 查看。" : "这个聊天没有订阅。");
      return;
    }
    await sendHtml(ctx, [`已取消：${removed.map((s) => escapeHtml(describeSubscription(s))).join("、")}`]);
  });

  feature.filter(isCommand("subscriptions"), async (ctx) => {
    const chatId = ctx.chat?.id;
    const mine = ctx.deps.botStore.read().subscriptions.filter((s) => s.chatId === chatId);
    if (mine.length === 0) {
      await ctx.reply(`这个聊天还没有订阅。\n${USAGE}`);
      return;
    }
    const lines = mine.map((s, i) => `${i + 1}. ${escapeHtml(describeSubscription(s))}`);
    await sendHtml(ctx, [`<b>本聊天的订阅</b>\n${lines.join("\n")}\n\n取消：/unsubscribe 名称（不写名称则全部取消）`]);
  });

  feature.on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== "kicked" && status !== "left") return;
    const chatId = ctx.myChatMember.chat.id;
    await ctx.deps.botStore.update((state) => {
      state.subscriptions = state.subscriptions.filter((s) => s.chatId !== chatId);
    });
    ctx.deps.logger.info({ chatId, status }, "bot removed from chat; subscriptions deleted");
  });

  return feature;
}
