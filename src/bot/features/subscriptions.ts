// /subscribe, /subscriptions, /unsubscribe, /mute, /unmute and the remove buttons: a chat's
// subscriptions in the alert engine (src/alerts). In a group, only its administrators change
// them (checked on every command and button); anyone may list them. A chat that removes the bot
// loses its subscriptions (my_chat_member).
import { Composer, InlineKeyboard } from "grammy";
import type { Subscription } from "../../alerts/store.js";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format.js";
import { canManageChat, GROUP_ADMINS_ONLY } from "../group-admin.js";
import { sendHtml } from "../respond.js";

export const USAGE = [
  "用法：/subscribe 地区 条件 方式，例如",
  "/subscribe 江苏省 — 江苏省内（含各市县、街道和部门）的新报告",
  "/subscribe 江苏省 行政复议>=10 — 再加上数字条件",
  "/subscribe 淮安市 部门 — 只看部门报告（还有：政府、街道乡镇）",
  "/subscribe 复议纠错率>20% 每日 — 每日摘要",
  "/subscribe 勾稽不符 — 数据对不上的报告（还有：表文不一致）",
  "/subscribe 12345 每周 — 正文提到“12345”的报告，每周摘要",
  "/subscribe all — 全部新报告",
  "/subscriptions 查看和取消；/mute 8小时 暂停提醒，/unmute 恢复",
].join("\n");

const DURATION = /^(\d+(?:\.\d+)?)\s*(m|min|分钟|分|h|小时|时|d|天|日|w|周|星期)?$/i;
const UNIT_MS: Record<string, number> = {
  m: 60_000,
  min: 60_000,
  分钟: 60_000,
  分: 60_000,
  h: 3_600_000,
  小时: 3_600_000,
  时: 3_600_000,
  d: 86_400_000,
  天: 86_400_000,
  日: 86_400_000,
  w: 604_800_000,
  周: 604_800_000,
  星期: 604_800_000,
};
const MAX_MUTE_MS = 90 * 86_400_000;

/** "8小时" / "3d" / "2周" → milliseconds (a bare number is hours); null when unreadable. */
export function readDuration(text: string): number | null {
  const m = DURATION.exec(text.normalize("NFKC").trim());
  if (!m) return null;
  const ms = Number(m[1]) * UNIT_MS[(m[2] ?? "h").toLowerCase()]!;
  return ms > 0 ? Math.min(ms, MAX_MUTE_MS) : null;
}

function shanghaiText(t: number): string {
  return new Date(t + 8 * 3_600_000).toISOString().slice(0, 16).replace("T", " ");
}

function listMessage(ctx: BotContext, chatId: number): { text: string; keyboard?: InlineKeyboard } {
  const alerts = ctx.deps.alerts!;
  const mine = alerts.list(chatId);
  const muted = alerts.mutedUntil(chatId);
  const mute = muted ? `\n🔕 提醒已暂停到 ${shanghaiText(muted)}（北京时间），期间的报告届时合并发送。/unmute 恢复` : "";
  if (mine.length === 0) return { text: `这个聊天还没有订阅。${mute}\n\n${escapeHtml(USAGE)}` };
  const lines = mine.map((s, i) => `${i + 1}. ${escapeHtml(alerts.describe(s))}`);
  const keyboard = new InlineKeyboard();
  mine.forEach((s, i) => {
    keyboard.text(`❌ 取消 ${i + 1}`, `sub:rm:${s.id}`);
    if (i % 4 === 3) keyboard.row();
  });
  if (mine.length > 1) keyboard.row().text("全部取消", "sub:rm:all");
  return { text: `<b>本聊天的订阅</b>\n${lines.join("\n")}${mute}`, keyboard };
}

export function subscriptionsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  // Without an alert engine (tests of other features), the commands say so.
  feature.filter(isCommand("subscribe", "unsubscribe", "subscriptions", "mute", "unmute"), async (ctx, next) => {
    if (!ctx.deps.alerts) return void (await ctx.reply("订阅功能没有启用。"));
    if (ctx.chat === undefined) return;
    const changes = ctx.command!.name !== "subscriptions";
    if (changes && !(await canManageChat(ctx))) return void (await ctx.reply(GROUP_ADMINS_ONLY));
    await next();
  });

  feature.filter(isCommand("subscribe"), async (ctx) => {
    const alerts = ctx.deps.alerts!;
    const chatId = ctx.chat!.id;
    const res = await alerts.subscribe(chatId, ctx.command?.args ?? "");
    if (res.ok) {
      const muted = alerts.mutedUntil(chatId);
      await sendHtml(ctx, [`✅ 已订阅：${escapeHtml(res.description)}。${muted ? `\n（提醒暂停到 ${shanghaiText(muted)}）` : ""}\n/subscriptions 查看和取消`]);
      return;
    }
    if (res.reason === "empty") return void (await ctx.reply(USAGE));
    if (res.reason === "invalid") return void (await ctx.reply(`无法订阅：${res.error}\n\n${USAGE}`));
    if (res.reason === "exists") return void (await sendHtml(ctx, [`已经订阅过了：${escapeHtml(alerts.describe(res.sub!))}`]));
    await ctx.reply(`每个聊天最多 ${alerts.settings.maxPerChat} 个订阅，请先用 /subscriptions 取消一些。`);
  });

  feature.filter(isCommand("subscriptions"), async (ctx) => {
    const { text, keyboard } = listMessage(ctx, ctx.chat!.id);
    await sendHtml(ctx, [text], keyboard ? { reply_markup: keyboard } : {});
  });

  feature.filter(isCommand("unsubscribe"), async (ctx) => {
    const alerts = ctx.deps.alerts!;
    const chatId = ctx.chat!.id;
    const arg = (ctx.command?.args ?? "").normalize("NFKC").trim();
    const mine = alerts.list(chatId);
    let chosen: Subscription[];
    if (arg === "" || /^(?:all|全部)$/i.test(arg)) chosen = mine;
    else if (/^\d+$/.test(arg)) chosen = mine.slice(Number(arg) - 1, Number(arg)).filter(Boolean);
    else chosen = mine.filter((s) => s.text.normalize("NFKC") === arg || alerts.describe(s).includes(arg));
    if (chosen.length === 0) return void (await ctx.reply(mine.length ? "没有这个订阅。发送 /subscriptions 查看（可以按按钮取消）。" : "这个聊天没有订阅。"));
    const removed =
      chosen.length === mine.length ? await alerts.unsubscribe(chatId) : (await Promise.all(chosen.map((s) => alerts.unsubscribe(chatId, s.id)))).flat();
    await sendHtml(ctx, [`已取消：${removed.map((s) => escapeHtml(alerts.describe(s))).join("\n")}`]);
  });

  feature.filter(isCommand("mute"), async (ctx) => {
    const ms = readDuration(ctx.command?.args || "8");
    if (ms === null) return void (await ctx.reply("用法：/mute 8小时、/mute 3天、/mute 1周（最长 90 天）；/unmute 恢复。"));
    const until = ctx.deps.now() + ms;
    await ctx.deps.alerts!.mute(ctx.chat!.id, until);
    await ctx.reply(`🔕 提醒暂停到 ${shanghaiText(until)}（北京时间）。期间符合订阅的报告届时合并成一条发送。/unmute 恢复`);
  });

  feature.filter(isCommand("unmute"), async (ctx) => {
    await ctx.deps.alerts!.mute(ctx.chat!.id, null);
    await ctx.reply("🔔 提醒已恢复。");
  });

  feature.callbackQuery(/^sub:rm:(s\d+|all)$/, async (ctx) => {
    const alerts = ctx.deps.alerts;
    const chatId = ctx.chat?.id;
    if (!alerts || chatId === undefined) return void (await ctx.answerCallbackQuery({ text: "这个按钮已经失效了。" }));
    if (!(await canManageChat(ctx))) return void (await ctx.answerCallbackQuery({ text: GROUP_ADMINS_ONLY, show_alert: true }));
    const which = ctx.match[1]!;
    const removed = await alerts.unsubscribe(chatId, which === "all" ? undefined : which);
    if (removed.length === 0) return void (await ctx.answerCallbackQuery({ text: "这个订阅已经取消了。" }));
    await ctx.answerCallbackQuery({ text: `已取消 ${removed.length} 个订阅` });
    const { text, keyboard } = listMessage(ctx, chatId);
    await ctx.editMessageText(text, { parse_mode: "HTML", ...(keyboard ? { reply_markup: keyboard } : {}) }).catch(() => undefined);
  });

  feature.on("my_chat_member", async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    if (status !== "kicked" && status !== "left") return;
    const chatId = ctx.myChatMember.chat.id;
    await ctx.deps.alerts?.forgetChat(chatId, `bot ${status}`);
    ctx.deps.logger.info({ chatId, status }, "bot removed from chat; subscriptions deleted");
  });

  return feature;
}
