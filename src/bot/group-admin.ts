// Who may change a chat's subscriptions: anyone in a private chat; in a group, its administrators
// only, asked of Telegram (getChatMember) on every command and every button, never cached — a
// member demoted a minute ago is refused now. A message an anonymous administrator sends on behalf
// of the group (sender_chat is the group itself) counts as an administrator's.
import type { BotContext } from "./context.js";

export const GROUP_ADMINS_ONLY = "只有本群的管理员可以更改本群的订阅。";

export async function canManageChat(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (chat.type === "private") return true;
  const senderChat = (ctx.message ?? ctx.editedMessage)?.sender_chat;
  if (senderChat?.id === chat.id) return true;
  const userId = ctx.from?.id;
  if (userId === undefined) return false;
  try {
    const member = await ctx.api.getChatMember(chat.id, userId);
    return member.status === "creator" || member.status === "administrator";
  } catch (error) {
    ctx.deps.logger.warn({ chatId: chat.id, userId, err: error }, "getChatMember failed; change refused");
    return false;
  }
}
