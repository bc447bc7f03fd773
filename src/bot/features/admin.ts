// Admin commands (/ingest, /reindex, /stats) and admin buttons. Everything here passes one gate
// that checks the sender against ADMIN_IDS on every update: new or edited messages, captions,
// callback queries. Everyone else gets a polite refusal.
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { Document } from "grammy/types";
import type { ReindexProgress } from "../../service.js";
import { ADMIN_ONLY, isAdmin } from "../auth.js";
import { ADMIN_COMMAND_NAMES, incomingMessage, isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { DownloadError } from "../download.js";
import { describeError } from "../errors.js";
import { clip, escapeHtml, formatIngestResult } from "../format.js";
import { sendHtml } from "../respond.js";
import { ingestAddress } from "../ingest-address.js";

export const INGEST_EXTENSIONS = [".txt", ".html", ".htm", ".docx", ".pdf"] as const;
/** At most one progress edit per this many ms (Telegram limits edits of a message). */
export const PROGRESS_EDIT_INTERVAL_MS = 1000;

const isAdminCallback = (ctx: BotContext) => ctx.callbackQuery?.data?.startsWith("admin:") === true;

export function adminFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const gate = feature.filter((ctx) => isCommand(...ADMIN_COMMAND_NAMES)(ctx) || isAdminCallback(ctx));
  gate.drop(isAdmin, refuse);

  gate.filter(isCommand("ingest"), ingest);
  gate.filter(isCommand("stats"), async (ctx) => {
    await ctx.reply(statsText(ctx), { parse_mode: "HTML", reply_markup: statsKeyboard() });
  });

  // One reindex at a time per bot: a second request is told to wait, not queued.
  let reindexing = false;
  const reindex = async (ctx: BotContext) => {
    if (reindexing) {
      await ctx.reply("已经在重建索引了，请等它完成。");
      return;
    }
    reindexing = true;
    try {
      await runReindex(ctx);
    } finally {
      reindexing = false;
    }
  };
  gate.filter(isCommand("reindex"), reindex);

  gate.callbackQuery("admin:stats", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "已刷新" });
    try {
      await ctx.editMessageText(statsText(ctx), { parse_mode: "HTML", reply_markup: statsKeyboard() });
    } catch (error) {
      // Nothing changed since the last refresh: Telegram refuses identical edits, that is fine.
      if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
    }
  });
  gate.callbackQuery("admin:reindex", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "开始重建索引" });
    await reindex(ctx);
  });
  // An admin: button this version does not know (an old message).
  gate.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: "这个按钮已经失效了。" }));

  return feature;
}

async function refuse(ctx: BotContext): Promise<void> {
  ctx.deps.logger.warn(
    { userId: ctx.from?.id, chatId: ctx.chat?.id, command: ctx.command?.name, callback: ctx.callbackQuery?.data },
    "admin action refused",
  );
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ADMIN_ONLY, show_alert: true });
  else if (ctx.chat) await ctx.reply(ADMIN_ONLY);
}

// ---------------------------------------------------------------------------------------------
// /ingest

function extensionOf(name: string): string {
  const match = /\.[A-Za-z0-9]+$/.exec(name);
  return match ? match[0].toLowerCase() : "";
}

/** Why this document cannot be ingested, or undefined if it can. Checked before downloading. */
export function rejectDocument(doc: Document, maxUploadMb: number): string | undefined {
  const name = doc.file_name ?? "";
  const ext = extensionOf(name);
  if (!(INGEST_EXTENSIONS as readonly string[]).includes(ext)) {
    return `不支持的文件类型“${ext || "无扩展名"}”。支持：${INGEST_EXTENSIONS.join(" ")}`;
  }
  if (doc.file_size !== undefined && doc.file_size > maxUploadMb * 1024 * 1024) {
    const mb = Math.round((doc.file_size / 1024 / 1024) * 10) / 10;
    return `文件太大（${mb} MB），上限是 ${maxUploadMb} MB。`;
  }
  return undefined;
}

async function ingest(ctx: BotContext): Promise<void> {
  const msg = incomingMessage(ctx);
  const doc = msg?.document ?? msg?.reply_to_message?.document;
  const { settings, library, logger, botStore } = ctx.deps;
  const address = (ctx.command?.args ?? "").trim();
  if (!doc && address) return ingestAddress(ctx, address);
  if (!doc) {
    await ctx.reply(
      `用法：发送报告文件并在说明里写 /ingest，或者回复一个文件发送 /ingest，或者 /ingest 网址（报告网页或其 PDF 附件）。支持 ${INGEST_EXTENSIONS.join(" ")}，最大 ${settings.maxUploadMb} MB。`,
    );
    return;
  }
  // The name is only shown and handed to the core as a label; it never becomes a path.
  const name = doc.file_name ?? "未命名";
  const rejection = rejectDocument(doc, settings.maxUploadMb);
  if (rejection) {
    await sendHtml(ctx, [`❌ 未导入 <b>${escapeHtml(clip(name, 100))}</b>：${escapeHtml(rejection)}`]);
    return;
  }

  let bytes: Uint8Array;
  try {
    bytes = await ctx.deps.download(doc.file_id);
  } catch (error) {
    logger.warn({ err: describeError(error, ctx.api.token), fileId: doc.file_id }, "document download failed");
    const reason =
      error instanceof DownloadError ? error.message : error instanceof GrammyError ? error.description : "网络错误";
    await sendHtml(ctx, [`❌ 无法下载 <b>${escapeHtml(clip(name, 100))}</b>：${escapeHtml(reason)}`]);
    return;
  }
  if (bytes.byteLength > settings.maxUploadMb * 1024 * 1024) {
    await ctx.reply(`文件超过 ${settings.maxUploadMb} MB 的上限，未导入。`);
    return;
  }

  const result = await library.ingestFile(name, bytes);
  if (result.ok && !result.duplicate) {
    await botStore.update((state) => {
      state.stats.ingested += 1;
    });
  }
  logger.info({ name, ok: result.ok, userId: ctx.from?.id }, "document ingested via bot");
  await sendHtml(ctx, formatIngestResult(name, result));
}

// ---------------------------------------------------------------------------------------------
// /reindex

/** One progress message, edited at most once a second, then replaced by the summary. */
async function runReindex(ctx: BotContext): Promise<void> {
  const { library, logger, now } = ctx.deps;
  const progress = await ctx.reply("🔄 正在重建索引……");
  const chatId = progress.chat.id;
  const messageId = progress.message_id;
  let shown = progress.text ?? "";
  let lastEdit = now();
  // Edits run one after another, never overlapping, and a failed edit only costs a log line.
  let edits: Promise<unknown> = Promise.resolve();
  const edit = (text: string, html = false) => {
    if (text === shown) return;
    shown = text;
    edits = edits
      .then(() => ctx.api.editMessageText(chatId, messageId, text, html ? { parse_mode: "HTML" } : undefined))
      .catch((error: unknown) => logger.warn({ err: describeError(error, ctx.api.token) }, "progress edit failed"));
  };
  const onProgress = (p: ReindexProgress) => {
    const t = now();
    if (t - lastEdit < PROGRESS_EDIT_INTERVAL_MS) return;
    lastEdit = t;
    edit(`🔄 正在重建索引…… ${p.done}/${p.total}`);
  };

  try {
    const result = await library.reindex(onProgress);
    const failed = result.failed.slice(0, 20).map((f) => `· ${escapeHtml(clip(f, 100))}`);
    if (result.failed.length > 20) failed.push(`……另有 ${result.failed.length - 20} 个`);
    edit(
      `✅ 索引已重建：${result.reports} 份报告` +
        (result.failed.length > 0 ? `，${result.failed.length} 个文件失败：\n${failed.join("\n")}` : "。"),
      true,
    );
  } catch (error) {
    logger.error({ err: describeError(error, ctx.api.token) }, "reindex failed");
    edit("❌ 重建索引失败，旧索引继续使用。详情见日志。");
  }
  await edits;
}

// ---------------------------------------------------------------------------------------------
// /stats

function statsKeyboard(): InlineKeyboard {
  return new InlineKeyboard().text("🔄 刷新", "admin:stats").text("重建索引", "admin:reindex");
}

export function statsText(ctx: BotContext): string {
  const reports = ctx.deps.library.listReports();
  const regions = new Set(reports.map((r) => r.fullRegion || r.region));
  const years = [...new Set(reports.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const state = ctx.deps.botStore.read();
  const subscribers = new Set(state.subscriptions.map((s) => s.chatId));
  const pending = state.alerts.filter((a) => a.status === "pending").length;
  const sent = state.alerts.filter((a) => a.status === "sent").length;
  return [
    "<b>统计</b>",
    `报告：${reports.length} 份`,
    `地区：${regions.size} 个`,
    `年份：${years.length > 0 ? `${years.length} 个（${years[0]}–${years.at(-1)}）` : "无"}`,
    `订阅：${subscribers.size} 个聊天，${state.subscriptions.length} 项`,
    `提醒：已发送 ${sent}，待发送 ${pending}`,
    `问题：${state.stats.questions}（未能回答 ${state.stats.failures}）`,
    `经机器人导入：${state.stats.ingested} 份`,
  ].join("\n");
}
