// /reports [filter]: the regions and years held. /report <region> <year>: one report's card.
import { Composer } from "grammy";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { formatReportList } from "../format.js";
import { replyWithAnswer, sendHtml } from "../respond.js";

export function reportsFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.filter(isCommand("reports"), async (ctx) => {
    const filter = (ctx.command?.args ?? "").trim().slice(0, 50) || undefined;
    await sendHtml(ctx, formatReportList(ctx.deps.library.listReports(), filter));
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
