// Commands: the menu Telegram shows (setMyCommands) and the parser the features match on.
//
// grammY's `bot.command` only looks at new messages' text entities; the bot also has to see
// commands in captions (a document sent with the caption /ingest) and in edited messages (so an
// edit cannot slip an admin command past the admin check), hence one small parser of its own.
import type { Bot } from "grammy";
import type { BotCommand } from "grammy/types";
import type { Config } from "../config.js";
import type { BotContext, ParsedCommand } from "./context.js";

export const PUBLIC_COMMANDS: BotCommand[] = [
  { command: "ask", description: "提问，例如 /ask 长寿区2018年行政复议多少件" },
  { command: "search", description: "全文搜索报告" },
  { command: "reports", description: "已收录的地区和年份" },
  { command: "report", description: "一份报告的要点：/report 地区 年份" },
  { command: "compare", description: "对比两地：/compare 甲 乙 [年份] [指标]" },
  { command: "export", description: "导出 CSV/JSON：/export 指标 [地区] [年份]，或 /export 地区 年份" },
  { command: "subscribe", description: "订阅提醒：地区、条件（行政复议>=10、勾稽不符、词语）、每日/每周" },
  { command: "subscriptions", description: "我的订阅（可按按钮取消）" },
  { command: "unsubscribe", description: "取消订阅：/unsubscribe 序号，或全部" },
  { command: "mute", description: "暂停提醒：/mute 8小时" },
  { command: "unmute", description: "恢复提醒" },
  { command: "help", description: "用法和示例" },
  { command: "start", description: "开始" },
];

export const ADMIN_COMMANDS: BotCommand[] = [
  { command: "ingest", description: "导入报告（发送文件并以 /ingest 为说明，或回复文件，或 /ingest 网址）" },
  { command: "reindex", description: "重新解析全部报告并重建索引" },
  { command: "stats", description: "统计" },
];

export const ADMIN_COMMAND_NAMES = ADMIN_COMMANDS.map((c) => c.command);

const COMMAND_RE = /^\/([A-Za-z0-9_]{1,32})(?:@([A-Za-z0-9_]{1,64}))?(?=\s|$)/;

/** `/name@thisbot args` → { name, args }; undefined for plain text or another bot's command. */
export function parseCommandText(text: string, botUsername: string): ParsedCommand | undefined {
  const match = COMMAND_RE.exec(text);
  if (!match) return undefined;
  const [whole, name, target] = match;
  if (target !== undefined && target.toLowerCase() !== botUsername.toLowerCase()) return undefined;
  return { name: name.toLowerCase(), args: text.slice(whole.length).trim() };
}

/** The message a command can come from: a new or an edited message, its text or its caption. */
export function incomingMessage(ctx: BotContext) {
  return ctx.message ?? ctx.editedMessage;
}

/** Middleware: parse the command once, before any feature looks at it. */
export async function parseCommand(ctx: BotContext, next: () => Promise<void>): Promise<void> {
  const msg = incomingMessage(ctx);
  const body = msg?.text ?? msg?.caption;
  if (body) ctx.command = parseCommandText(body, ctx.me.username);
  await next();
}

/** Filter predicate for features: the update carries one of these commands. */
export function isCommand(...names: string[]) {
  return (ctx: BotContext): boolean => ctx.command !== undefined && names.includes(ctx.command.name);
}

/**
 * Public commands for everyone (default scope); public + admin commands in each admin's private
 * chat. A chat scope fails for an admin who never opened the bot; those ids are returned so the
 * caller can log them instead of failing the start.
 */
export async function registerCommands(bot: Bot<BotContext>, config: Pick<Config, "adminIds">): Promise<{ failedAdminIds: number[] }> {
  await bot.api.setMyCommands(PUBLIC_COMMANDS);
  const failedAdminIds: number[] = [];
  for (const adminId of config.adminIds) {
    try {
      await bot.api.setMyCommands([...ADMIN_COMMANDS, ...PUBLIC_COMMANDS], {
        scope: { type: "chat", chat_id: adminId },
      });
    } catch {
      failedAdminIds.push(adminId);
    }
  }
  return { failedAdminIds };
}
