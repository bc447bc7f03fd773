// Questions: /ask, any text in a private chat, a mention of the bot in a group. Registered last
// among the message features, so it only sees text no other feature took.
import { Composer } from "grammy";
import { picked } from "../../qa/conversation.js";
import { isPrivateChat, mentionsBot, repliesToBot, withoutMention } from "../addressing.js";
import { incomingMessage, isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { askInChat, chatKey } from "../respond.js";

/** Longer questions are cut: no question needs more, and the core should not parse essays. */
export const MAX_QUESTION_CHARS = 300;

function clean(question: string): string {
  return Array.from(question.trim()).slice(0, MAX_QUESTION_CHARS).join("");
}

export function askFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.filter(isCommand("ask"), async (ctx) => {
    const question = clean(withoutMention(ctx.command?.args ?? "", ctx.me.username));
    if (question === "") {
      await ctx.reply("用法：/ask 问题，例如 /ask 长寿区2018年行政复议多少件");
      return;
    }
    await askInChat(ctx, question);
  });

  // A button of the choices offered (平潭综合实验区 / 福州市平潭县; did you mean 长寿区): the question again with it.
  feature.callbackQuery(/^pick:(\d+)$/, async (ctx) => {
    const pending = ctx.deps.conversations.pending(chatKey(ctx));
    const question = pending ? picked(pending, Number(ctx.match[1])) : null;
    if (!question || !ctx.chat) {
      await ctx.answerCallbackQuery({ text: "这个选项已经失效了，请重新提问。" });
      return;
    }
    await ctx.answerCallbackQuery();
    await askInChat(ctx, question, { echo: question });
  });

  // Plain text (new or edited: an edited question is answered again).
  feature
    .on(["message:text", "edited_message:text"])
    .filter((ctx) => ctx.command === undefined)
    .use(async (ctx, next) => {
      const body = incomingMessage(ctx)?.text ?? "";
      if (isPrivateChat(ctx)) {
        if (body.startsWith("/")) return next(); // an unknown command, see below
        return answer(ctx, body);
      }
      if (mentionsBot(ctx)) return answer(ctx, withoutMention(body, ctx.me.username));
      // A reply to one of the bot's messages is meant for it (行政诉讼呢, under its answer).
      if (repliesToBot(ctx)) return answer(ctx, body);
      return next(); // group chatter not meant for the bot
    });

  // Unknown commands get a hint in private chats; in groups they may be meant for another bot.
  feature.filter(
    (ctx) => isPrivateChat(ctx) && (ctx.command !== undefined || (incomingMessage(ctx)?.text ?? "").startsWith("/")),
    async (ctx) => {
      await ctx.reply("没有这个命令。发送 /help 查看用法，或者直接提问。");
    },
  );

  return feature;
}

async function answer(ctx: BotContext, text: string): Promise<void> {
  const question = clean(text);
  if (question === "") {
    await ctx.reply("请在 @我 后面写上问题，例如“长寿区2018年行政复议多少件”。");
    return;
  }
  await askInChat(ctx, question);
}
