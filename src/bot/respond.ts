// Sending answers: HTML messages in order, threaded to the question in groups, and the
// questions/failures counters that /stats shows.
import { InlineKeyboard } from "grammy";
import type { Answer } from "../domain.js";
import { sendChart, withExtras } from "./answer-extras.js";
import type { BotContext } from "./context.js";
import { describeError } from "./errors.js";
import { answerPieces, clip, escapeHtml, html, type Piece, renderMessages } from "./format.js";

export interface SendOptions {
  reply_markup?: InlineKeyboard;
}

/** Send prepared HTML messages; the keyboard (if any) goes on the last one. */
export async function sendHtml(ctx: BotContext, messages: string[], options: SendOptions = {}): Promise<void> {
  const msg = ctx.message ?? ctx.editedMessage;
  const threaded = ctx.chat?.type !== "private" && msg !== undefined;
  for (const [i, message] of messages.entries()) {
    await ctx.reply(message, {
      parse_mode: "HTML",
      link_preview_options: { is_disabled: true },
      // In a busy group the answer should point at its question.
      reply_parameters: i === 0 && threaded ? { message_id: msg.message_id, allow_sending_without_reply: true } : undefined,
      reply_markup: i === messages.length - 1 ? options.reply_markup : undefined,
    });
  }
}

/**
 * Compute an answer, count it, and send it. `echo` repeats the question first (for button
 * presses and rewritten questions, where the user did not type the text themselves).
 */
export async function replyWithAnswer(ctx: BotContext, compute: () => Answer, options: { echo?: string } = {}): Promise<Answer> {
  let answer: Answer;
  try {
    answer = compute();
  } catch (error) {
    countQuestion(ctx, false);
    throw error;
  }
  countQuestion(ctx, answer.kind !== "none");
  // The first page, with 原文/表格/更多 buttons; then the chart, if the answer calls for one.
  const { answer: shown, keyboard } = withExtras(ctx, answer);
  const pieces: Piece[] = answerPieces(shown);
  if (options.echo) pieces.unshift(html(`❓ <i>${escapeHtml(clip(options.echo, 300))}</i>`));
  await sendHtml(ctx, renderMessages(pieces), withChoices(answer, keyboard));
  await sendChart(ctx, answer);
  return answer;
}

/** Choices offered (平潭: 实验区 or 县; 长受区: 长寿区?) as buttons; a button's data is `pick:<index>`. */
export function choicesKeyboard(answer: Answer): SendOptions {
  if (!answer.choices?.length || !answer.choiceFor) return {};
  const keyboard = new InlineKeyboard();
  answer.choices.slice(0, 8).forEach((c, i) => keyboard.text(clip(c, 30), `pick:${i}`).row());
  return { reply_markup: keyboard };
}

/** The answer's own buttons (原文, 表格, 更多) under the choices, if it offers any. */
function withChoices(answer: Answer, keyboard: InlineKeyboard | undefined): SendOptions {
  const choices = choicesKeyboard(answer).reply_markup;
  if (!choices) return keyboard ? { reply_markup: keyboard } : {};
  if (!keyboard) return { reply_markup: choices };
  return { reply_markup: new InlineKeyboard([...choices.inline_keyboard, ...keyboard.inline_keyboard].filter((row) => row.length > 0)) };
}

/** The chat a conversation is kept for: the chat, or the user of an inline query. */
export function chatKey(ctx: BotContext): string {
  return String(ctx.chat?.id ?? ctx.from?.id ?? "");
}

/**
 * Ask in the chat's conversation: the question is read against the chat's last one (a fragment
 * such as 那2019年呢 completes it), and what it asked and the choices it offered are kept.
 */
export async function askInChat(ctx: BotContext, question: string, options: { echo?: string } = {}): Promise<Answer> {
  const chat = chatKey(ctx);
  const conversations = ctx.deps.conversations;
  return replyWithAnswer(
    ctx,
    () => {
      const a = ctx.deps.library.ask(question, conversations.context(chat));
      conversations.remember(chat, a);
      return a;
    },
    options,
  );
}

/**
 * Not awaited: the store's writes queue behind ingests and reindexes, and an answer must not wait
 * for a counter.
 */
function countQuestion(ctx: BotContext, answered: boolean): void {
  ctx.deps.botStore
    .update((state) => {
      state.stats.questions += 1;
      if (!answered) state.stats.failures += 1;
    })
    .catch((error: unknown) => ctx.deps.logger.warn({ err: describeError(error, ctx.api.token) }, "stats update failed"));
}
