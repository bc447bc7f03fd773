// What goes with an answer besides its text: the 原文 and 表格 buttons of the figures and passages
// it cites, a "更多" button when its list is longer than a page (the rest kept in the PageStore),
// and the chart of a trend, comparison or ranking (sent as a photo after the text).
import { InlineKeyboard, InputFile } from "grammy";
import { type Answer, type AnswerItem, COMBINED_METRICS, type Hit } from "../domain.js";
import { figureKey } from "../reuse.js";
import type { BotContext } from "./context.js";
import { describeError } from "./errors.js";
import { clip, escapeHtml } from "./format.js";
import type { PagedList } from "./pages.js";

/** Hits and list lines shown per page. */
export const PAGE_SIZE = 5;
export const LIST_PAGE_LINES = 20;
/** At most this many figures get buttons (a trend of twenty years would be a wall of buttons). */
const MAX_BUTTON_ROWS = 4;

/** Report ids as callback data carries them. */
export const REPORT_ID = "[A-Za-z0-9_-]{1,40}";

export const sourceData = (reportId: string) => `src:${reportId}`;

const COMBINED = new Set<string>(Object.values(COMBINED_METRICS));
export const tableData = (item: Pick<AnswerItem, "reportId" | "line" | "metric" | "slice">) =>
  `tb:${item.reportId}:${item.line}:${figureKey(item.metric, item.slice)}`;
export const moreData = (key: string, page: number) => `pg:${key}:${page}`;

/** A passage hit as a list entry (numbered as in the answer). */
export function hitEntry(hit: Hit, n: number): string {
  const where = `${escapeHtml(clip(hit.org))} ${hit.year === null ? "年份不明" : `${hit.year}年`}${hit.section ? ` · ${escapeHtml(clip(hit.section, 40))}` : ""} · 第 ${hit.line} 行`;
  return `${n}. <b>${where}</b>\n<blockquote>${escapeHtml(clip(hit.snippet, 600))}</blockquote>`;
}

/**
 * An answer cut to its first page, and the whole list to page through (page 0 is what the answer
 * shows; the 更多 button asks for page 1).
 */
export function firstPage(answer: Answer): { answer: Answer; list?: PagedList } {
  if (answer.hits.length > PAGE_SIZE) {
    return {
      answer: { ...answer, hits: answer.hits.slice(0, PAGE_SIZE) },
      list: { heading: `<b>${escapeHtml(clip(answer.question, 60))}</b> · 更多出处`, entries: answer.hits.map((h, i) => hitEntry(h, i + 1)), size: PAGE_SIZE },
    };
  }
  const lines = answer.text.split("\n");
  if (answer.kind === "list" && lines.length > LIST_PAGE_LINES + 5) {
    return {
      answer: { ...answer, text: lines.slice(0, LIST_PAGE_LINES + 1).join("\n") },
      list: { heading: `<b>${escapeHtml(clip(lines[0] ?? "", 60))}</b>（续）`, entries: lines.slice(1).map((l) => escapeHtml(l)), size: LIST_PAGE_LINES },
    };
  }
  return { answer };
}

function whoYear(x: { region: string; year: number | null }): string {
  return `${clip(x.region, 10)}${x.year ?? ""}`;
}

/**
 * Buttons of an answer: for each figure cited (up to four) 表格 — the table it was read from — and
 * 原文 of its report once; 原文 of the reports of passages found; 更多 when a page follows.
 */
export function answerKeyboard(answer: Answer, options: { reuse: boolean; moreKey?: string; remaining?: number }): InlineKeyboard | undefined {
  const keyboard = new InlineKeyboard();
  let rows = 0;
  if (options.reuse) {
    const reports = new Set<string>();
    const seen = new Set<string>();
    const several = new Set(answer.answers.map((a) => a.reportId)).size > 1 || new Set(answer.hits.map((h) => h.reportId)).size > 1;
    for (const item of answer.answers) {
      if (rows >= MAX_BUTTON_ROWS) break;
      const data = tableData(item);
      if (seen.has(data) && reports.has(item.reportId)) continue;
      seen.add(data);
      const label = several ? ` · ${whoYear(item)}` : "";
      let any = false;
      // A sum or a difference of two figures is no cell of a table: their own items carry the buttons.
      const cell = item.source !== "narrative" && !COMBINED.has(item.metric);
      if (cell && data.length <= 64) keyboard.text(`📊 表格${label}`, data), (any = true);
      if (!reports.has(item.reportId) && sourceData(item.reportId).length <= 64) {
        reports.add(item.reportId);
        keyboard.text(`📄 原文${label}`, sourceData(item.reportId));
        any = true;
      }
      if (any) keyboard.row(), rows++;
    }
    for (const hit of answer.hits) {
      if (rows >= MAX_BUTTON_ROWS) break;
      if (reports.has(hit.reportId)) continue;
      reports.add(hit.reportId);
      keyboard.text(`📄 原文 · ${whoYear(hit)}`, sourceData(hit.reportId)).row();
      rows++;
    }
  }
  if (options.moreKey) {
    keyboard.text(`更多（还有 ${options.remaining ?? 0} 条）`, moreData(options.moreKey, 1)).row();
    rows++;
  }
  return rows > 0 ? keyboard : undefined;
}

/** Prepare an answer for sending: its first page, and the buttons to go with it. */
export function withExtras(ctx: BotContext, answer: Answer): { answer: Answer; keyboard?: InlineKeyboard } {
  const { answer: shown, list } = firstPage(answer);
  const moreKey = list ? ctx.deps.pages.save(list) : undefined;
  const keyboard = answerKeyboard(answer, {
    reuse: ctx.deps.reuse !== undefined,
    ...(moreKey ? { moreKey, remaining: list!.entries.length - list!.size } : {}),
  });
  return { answer: shown, ...(keyboard ? { keyboard } : {}) };
}

/**
 * The chart of an answer, as a photo after its text; nothing when the answer calls for none or
 * no chart renderer is configured. A chart that fails is logged, never an error for the user.
 */
export async function sendChart(ctx: BotContext, answer: Answer): Promise<void> {
  const draw = ctx.deps.chart;
  if (!draw || !ctx.chat) return;
  let image;
  try {
    image = await draw(answer);
  } catch (error) {
    ctx.deps.logger.warn({ err: describeError(error, ctx.api.token) }, "chart failed");
    return;
  }
  if (!image) return;
  await ctx.replyWithPhoto(new InputFile(image.png, "chart.png"), { caption: clip(image.title, 200) });
}
