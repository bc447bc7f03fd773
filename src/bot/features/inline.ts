// Inline mode: "@bot 长寿区 行政复议" in any chat → the answer as an article to send, plus one
// article per figure (with its source line) so a single number can be quoted.
import { Composer, InlineQueryResultBuilder } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import type { Answer, AnswerItem } from "../../domain.js";
import type { BotContext } from "../context.js";
import { answerHeadline, clip, escapeHtml, formatAnswer, MESSAGE_LIMIT } from "../format.js";

const MAX_FIGURE_RESULTS = 10;
const MORE = "\n\n……（完整回答请私聊机器人）";

function figureTitle(item: AnswerItem): string {
  const year = item.year === null ? "" : ` ${item.year}年`;
  const value = item.value === null ? "空白" : `${item.value}${item.unit}`;
  return clip(`${item.region}${year} ${item.label}：${value}`, 100);
}

/** The inline results for an answer (pure, so it can be tested without grammY). */
export function inlineResults(answer: Answer): InlineQueryResultArticle[] {
  const options = { parse_mode: "HTML" as const, link_preview_options: { is_disabled: true } };
  // An inline result is one message: the first part of the answer, with a pointer to the rest.
  const parts = formatAnswer(answer, MESSAGE_LIMIT - MORE.length);
  const content = parts.length > 1 ? parts[0] + escapeHtml(MORE) : (parts[0] ?? escapeHtml(answer.text || "没有找到答案"));
  const results = [
    InlineQueryResultBuilder.article("answer", answerHeadline(answer), {
      description: clip(answer.text.replace(/\s+/g, " "), 200),
    }).text(content, options),
  ];
  answer.answers.slice(0, MAX_FIGURE_RESULTS).forEach((item, i) => {
    const body =
      `<b>${escapeHtml(figureTitle(item))}</b>\n${escapeHtml(clip(item.org, 80))} · 第 ${item.line} 行` +
      (item.evidence ? `\n<blockquote>${escapeHtml(clip(item.evidence, 1000))}</blockquote>` : "");
    results.push(
      InlineQueryResultBuilder.article(`fig${i}`, figureTitle(item), {
        description: clip(item.evidence || item.org, 200),
      }).text(body, options),
    );
  });
  return results;
}

export function inlineFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  feature.on("inline_query", async (ctx) => {
    const query = ctx.inlineQuery.query.trim().slice(0, 200);
    if (query === "") {
      await ctx.answerInlineQuery([], {
        cache_time: 300,
        button: { text: "输入问题，例如：长寿区 行政复议", start_parameter: "inline" },
      });
      return;
    }
    const answer = ctx.deps.library.ask(query);
    // Results depend only on the query and the library, so Telegram may share them between users.
    await ctx.answerInlineQuery(inlineResults(answer), { cache_time: 60 });
  });
  return feature;
}
