// Questions: /ask, any text in a private chat, a mention of the bot in a group. Registered last
// among the message features, so it only sees text no other feature took.
import { Composer } from "grammy";
import { isPrivateChat, mentionsBot, withoutMention } from "../addressing.js";
import { incomingMessage, isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { replyWithAnswer } from "../respond.js";

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
    await replyWithAnswer(ctx, () => ctx.deps.library.ask(question));
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
  await replyWithAnswer(ctx, () => ctx.deps.library.ask(question));
}
