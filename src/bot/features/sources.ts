// The buttons under an answer: 原文 (`src:<report>`) sends the report's original file, or its web
// address when only that is known; 表格 (`tb:<report>:<line>:<key>`) shows the table the figure was
// read from with its cell marked. Every press is answered: a forged, stale or unknown button too.
import { Composer, InputFile } from "grammy";
import { REPORT_ID } from "../answer-extras.js";
import type { BotContext } from "../context.js";
import { clip, escapeHtml, MESSAGE_LIMIT } from "../format.js";
import { sendHtml } from "../respond.js";
import { formatTable } from "../table-text.js";

const SOURCE = new RegExp(`^src:(${REPORT_ID})$`);
const TABLE = new RegExp(`^tb:(${REPORT_ID}):(\\d{1,6}):([0-9a-z]{1,8})$`);
const OFF = "这项功能没有启用。";

export function sourcesFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.callbackQuery(/^src:/, async (ctx) => {
    const m = SOURCE.exec(ctx.callbackQuery.data);
    const reuse = ctx.deps.reuse;
    if (!m || !reuse) return void (await ctx.answerCallbackQuery({ text: m ? OFF : "这个按钮无效。" }));
    const source = reuse.source(m[1]!);
    if (!source) return void (await ctx.answerCallbackQuery({ text: "这份报告已不在库中，请重新提问。", show_alert: true }));
    if (!source.bytes && source.urls.length === 0)
      return void (await ctx.answerCallbackQuery({ text: "没有保存这份报告的原文文件或网址。", show_alert: true }));
    await ctx.answerCallbackQuery({ text: "正在发送原文" });
    const who = `${clip(source.org, 60)} ${source.year ?? "年份不明"}年报告原文`;
    const link = source.urls[0] ? `\n来源网址：${clip(source.urls[0], 300)}` : "";
    const attachment = source.urls.length > 1 ? `\n附件：${clip(source.urls.at(-1)!, 300)}` : "";
    if (source.bytes) {
      await ctx.replyWithDocument(new InputFile(source.bytes, source.name), { caption: clip(who + link + attachment, 1000) });
    } else {
      await sendHtml(ctx, [`📄 <b>${escapeHtml(who)}</b>（没有保存文件）\n${source.urls.map((u) => escapeHtml(clip(u, 300))).join("\n")}`]);
    }
  });

  feature.callbackQuery(/^tb:/, async (ctx) => {
    const m = TABLE.exec(ctx.callbackQuery.data);
    const reuse = ctx.deps.reuse;
    if (!m || !reuse) return void (await ctx.answerCallbackQuery({ text: m ? OFF : "这个按钮无效。" }));
    const found = reuse.table(m[1]!, Number(m[2]), m[3]!);
    if (!found.ok) {
      const why = {
        "no-report": "这份报告已不在库中，请重新提问。",
        stale: "报告已重新读取，这个按钮已经失效了，请重新提问。",
        "no-table": "这个数字出自正文，不是表格。",
      }[found.reason];
      return void (await ctx.answerCallbackQuery({ text: why, show_alert: true }));
    }
    await ctx.answerCallbackQuery();
    let message = formatTable(found.table);
    for (const window of [6, 3, 0]) if (message.length > MESSAGE_LIMIT) message = formatTable(found.table, window);
    await sendHtml(ctx, [message]);
  });

  return feature;
}
