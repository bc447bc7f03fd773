// /reports [filter]: the regions and years held. /report <region> <year>: one report's card.
import { Composer, InlineKeyboard } from "grammy";
import { moreData } from "../answer-extras.js";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { formatReportList, html, renderMessages, reportListEntries } from "../format.js";
import { replyWithAnswer, sendHtml } from "../respond.js";

/** Regions shown per page of /reports. */
export const REPORTS_PAGE = 30;

export function reportsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.filter(isCommand("reports"), async (ctx) => {
    const filter = (ctx.command?.args ?? "").trim().slice(0, 50) || undefined;
    const reports = ctx.deps.library.listReports();
    const list = reportListEntries(reports, filter);
    if (typeof list === "string" || list.entries.length <= REPORTS_PAGE) return void (await sendHtml(ctx, formatReportList(reports, filter)));
    // A long list: the first page, the rest behind 更多.
    const key = ctx.deps.pages.save({ heading: list.heading, entries: list.entries, size: REPORTS_PAGE });
    const keyboard = new InlineKeyboard().text(`更多（还有 ${list.entries.length - REPORTS_PAGE} 个地区）`, moreData(key, 1));
    const messages = renderMessages([
      html(list.heading),
      ...list.entries.slice(0, REPORTS_PAGE).map((e) => html(e)),
      html("查看一份报告：/report 地区 年份", "\n\n"),
    ]);
    await sendHtml(ctx, messages, { reply_markup: keyboard });
  });

  feature.filter(isCommand("report"), async (ctx) => {
    const query = (ctx.command?.args ?? "").trim().slice(0, 100);
    if (query === "") {
      await ctx.reply("用法：/report 地区 年份，例如 /report 长寿区 2018。已收录的报告见 /reports。");
      return;
    }
    await replyWithAnswer(ctx, () => ctx.deps.library.reportCard(query));
  });

  return feature;
}
