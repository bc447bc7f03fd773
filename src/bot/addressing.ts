// Which updates are meant for the bot. In a private chat every message is; in a group only
// commands, mentions of the bot, and the bot's own buttons are (other chatter is ignored and
// does not count against anyone's rate limit).
import { incomingMessage } from "./commands.js";
import type { BotContext } from "./context.js";

function mentionPattern(username: string): RegExp {
  return new RegExp(`@${username.replace(/[^A-Za-z0-9_]/g, "")}(?![A-Za-z0-9_])`, "gi");
}

/** The message text mentions this bot (@username, any case). */
export function mentionsBot(ctx: BotContext): boolean {
  const body = incomingMessage(ctx)?.text;
  return body !== undefined && mentionPattern(ctx.me.username).test(body);
}

/** The message text without the bot's @username. */
export function withoutMention(body: string, username: string): string {
  return body.replace(mentionPattern(username), " ").replace(/\s+/g, " ").trim();
}

/** The message replies to one of this bot's own messages (in a group: a follow-up to its answer). */
export function repliesToBot(ctx: BotContext): boolean {
  return incomingMessage(ctx)?.reply_to_message?.from?.id === ctx.me.id;
}

export function isPrivateChat(ctx: BotContext): boolean {
  return ctx.chat?.type === "private";
}

export function isAddressedToBot(ctx: BotContext): boolean {
  if (ctx.inlineQuery || ctx.callbackQuery) return true;
  if (!incomingMessage(ctx)) return false;
  return ctx.command !== undefined || isPrivateChat(ctx) || mentionsBot(ctx) || repliesToBot(ctx);
}
