// "更多" (`pg:<key>:<page>`): the next page of a long list, sent as a new message with its own
// button while pages remain. And, installed last, the answer to every button nothing else took:
// an old message's button, or data no version of this bot made.
import { Composer, InlineKeyboard } from "grammy";
import { moreData } from "../answer-extras.js";
import type { BotContext } from "../context.js";
import { html, renderMessages } from "../format.js";
import { pageCount } from "../pages.js";
import { sendHtml } from "../respond.js";

const MORE = /^pg:([0-9a-z]{10}):(\d{1,4})$/;

export function pagesFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.callbackQuery(/^pg:/, async (ctx) => {
    const m = MORE.exec(ctx.callbackQuery.data);
    const list = m ? ctx.deps.pages.list(m[1]!) : undefined;
    const page = m ? Number(m[2]) : -1;
    if (!m || !list) return void (await ctx.answerCallbackQuery({ text: m ? "这个列表已过期，请重新查询。" : "这个按钮无效。", show_alert: true }));
    const pages = pageCount(list);
    if (page < 1 || page >= pages) return void (await ctx.answerCallbackQuery({ text: "没有更多了。" }));
    await ctx.answerCallbackQuery();
    const entries = list.entries.slice(page * list.size, (page + 1) * list.size);
    const remaining = list.entries.length - (page + 1) * list.size;
    const keyboard = remaining > 0 ? new InlineKeyboard().text(`更多（还有 ${remaining} 条）`, moreData(m[1]!, page + 1)) : undefined;
    const messages = renderMessages([html(`${list.heading}（${page + 1}/${pages}）`), ...entries.map((e) => html(e))]);
    await sendHtml(ctx, messages, keyboard ? { reply_markup: keyboard } : {});
  });
  return feature;
}

/** Last: every callback query gets an answer, so no button spins forever. */
export function staleButtonsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("callback_query", (ctx) => ctx.answerCallbackQuery({ text: "这个按钮已经失效了。" }));
  return feature;
}
