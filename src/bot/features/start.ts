// /start and /help: what the bot does, the commands, and example questions as buttons.
import { Composer, InlineKeyboard } from "grammy";
import { isAdmin } from "../auth.js";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { escapeHtml } from "../format.js";
import { askInChat } from "../respond.js";

/** Example questions; a button's callback data is `ex:<index>` (64-byte limit, so no text). */
export const EXAMPLES = [
  "长寿区2018年行政复议多少件",
  "资阳区2020年收到多少政府信息公开申请",
  "长寿区和资阳区行政复议对比",
  "南昌市西湖区2019年政府网站发布信息多少条",
  "蚌埠市2019年政务公开有哪些亮点",
] as const;

export function examplesKeyboard(): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  EXAMPLES.forEach((example, i) => keyboard.text(example, `ex:${i}`).row());
  return keyboard;
}

/** The help text; `username` is the bot's own (inline mode is "@username question"). */
export function helpText(admin: boolean, username: string): string {
  const lines = [
    "<b>政府信息公开工作年度报告问答</b>",
    "直接发问题即可（群里请 @我 或用 /ask），例如“长寿区2018年行政复议多少件”。每个数字都附有报告原文出处。",
    "",
    "/ask 问题 — 提问",
    "/search 词语 — 全文搜索",
    "/reports — 已收录的地区和年份",
    `/report ${escapeHtml("<地区> <年份>")} — 一份报告的要点`,
    `/compare ${escapeHtml("<甲> <乙> [年份] [指标]")} — 两地对比`,
    `/export ${escapeHtml("<指标> [地区] [年份]")} — 导出 CSV/JSON（或 /export 地区 年份：一份报告的全部数字）`,
    `/subscribe ${escapeHtml("<地区> <条件> [每日|每周]")} — 订阅提醒，例如 /subscribe 江苏省 行政复议>=10（新报告、修订、未按时发布）`,
    "/subscriptions — 查看和取消订阅；/mute 8小时 — 暂停提醒，/unmute 恢复",
    `在任何聊天中输入 @${escapeHtml(username)} 加问题，可以直接引用答案。`,
  ];
  if (admin) {
    lines.push("", "<b>管理员</b>", "/ingest — 发送文件并以 /ingest 为说明（或回复文件，或 /ingest 网址）", "/reindex — 重建索引", "/stats — 统计");
  }
  lines.push("", "点下面的示例试试：");
  return lines.join("\n");
}

export function startFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.filter(isCommand("start", "help"), async (ctx) => {
    await ctx.reply(helpText(isAdmin(ctx), ctx.me.username), {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      reply_markup: examplesKeyboard(),
    });
  });

  feature.callbackQuery(/^ex:(\d+)$/, async (ctx) => {
    const example = EXAMPLES[Number(ctx.match[1])];
    if (example === undefined || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: "这个示例已经失效了，请发送 /help。" });
      return;
    }
    await ctx.answerCallbackQuery();
    await askInChat(ctx, example, { echo: example });
  });

  return feature;
}
