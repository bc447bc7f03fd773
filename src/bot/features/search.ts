// /search <words>: full-text search only.
import { Composer } from "grammy";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { replyWithAnswer } from "../respond.js";

export function searchFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.filter(isCommand("search"), async (ctx) => {
    const words = (ctx.command?.args ?? "").trim().slice(0, 200);
    if (words === "") {
      await ctx.reply("用法：/search 词语，例如 /search 依申请公开 收费");
      return;
    }
    await replyWithAnswer(ctx, () => ctx.deps.library.search(words));
  });
  return feature;
}
