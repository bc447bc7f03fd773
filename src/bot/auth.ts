// Who may run admin commands: the sender's user id must be in ADMIN_IDS. Checked on every admin
// command and callback (never cached), so removing an id takes effect at the next restart and
// nothing a chat does (anonymous admins, sending as a channel, editing) can borrow the right.
import type { BotContext } from "./context.js";

export function isAdmin(ctx: BotContext): boolean {
  const id = ctx.from?.id;
  // Anonymous group admins and channel posts arrive as service users (GroupAnonymousBot,
  // Channel_Bot) whose ids are never in ADMIN_IDS, so they are refused like anyone else.
  return id !== undefined && ctx.deps.settings.adminIds.includes(id);
}

export const ADMIN_ONLY = "抱歉，这个操作仅限管理员使用。";
