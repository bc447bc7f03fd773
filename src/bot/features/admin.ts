// Admin commands (/ingest, /reindex, /stats) and admin buttons. Everything here passes one gate
// that checks the sender against ADMIN_IDS on every update: new or edited messages, captions,
// callback queries. Everyone else gets a polite refusal.
import { Composer, GrammyError, InlineKeyboard } from "grammy";
import type { Document } from "grammy/types";
import type { IngestResult, ReindexProgress, ReindexResult } from "../../service.js";
import { ADMIN_ONLY, isAdmin } from "../auth.js";
import { ADMIN_COMMAND_NAMES, incomingMessage, isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { DownloadError } from "../download.js";
import { describeError } from "../errors.js";
import { clip, escapeHtml, formatIngestResult } from "../format.js";
import { ingestAddress } from "../ingest-address.js";
import { sendHtml } from "../respond.js";

export const INGEST_EXTENSIONS = [".txt", ".html", ".htm", ".docx", ".pdf"] as const;
/** At most one progress edit per this many ms (Telegram limits edits of a message). */
export const PROGRESS_EDIT_INTERVAL_MS = 1000;

const isAdminCallback = (ctx: BotContext) => ctx.callbackQuery?.data?.startsWith("admin:") === true;

export function adminFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const gate = feature.filter((ctx) => isCommand(...ADMIN_COMMAND_NAMES)(ctx) || isAdminCallback(ctx));
  gate.drop(isAdmin, refuse);

  const albums = new Albums();
  gate.filter(isCommand("ingest"), (ctx) => ingest(ctx, albums));
  gate.filter(isCommand("stats"), async (ctx) => {
    await ctx.reply(statsText(ctx), { parse_mode: "HTML", reply_markup: statsKeyboard(ctx) });
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
      await ctx.editMessageText(statsText(ctx), { parse_mode: "HTML", reply_markup: statsKeyboard(ctx) });
    } catch (error) {
      // Nothing changed since the last refresh: Telegram refuses identical edits, that is fine.
      if (!(error instanceof GrammyError && error.description.includes("message is not modified"))) throw error;
    }
  });
  gate.callbackQuery("admin:reindex", async (ctx) => {
    await ctx.answerCallbackQuery({ text: "开始重建索引" });
    await reindex(ctx);
  });
  gate.callbackQuery(/^admin:held:(ok|no):([0-9a-f]{16})$/, decideHeld);
  gate.callbackQuery("admin:held", async (ctx) => {
    await ctx.answerCallbackQuery();
    await listHeld(ctx);
  });
  // An admin: button this version does not know (an old message).
  gate.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: "这个按钮已经失效了。" }));

  // A document without the /ingest caption: a file of an album whose caption came with another
  // file (Telegram puts an album's caption on one file only), or a file sent on its own.
  feature.on(["message:document", "edited_message:document"]).filter(
    (ctx) => ctx.command === undefined,
    (ctx) => uncaptioned(ctx, albums),
  );

  return feature;
}

async function refuse(ctx: BotContext): Promise<void> {
  ctx.deps.logger.warn({ userId: ctx.from?.id, chatId: ctx.chat?.id, command: ctx.command?.name, callback: ctx.callbackQuery?.data }, "admin action refused");
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

/**
 * The files of albums (media groups) seen lately: whether the album's /ingest came, and the files
 * waiting for it. Telegram sends an album as one message per file, the caption on one of them.
 */
class Albums {
  private readonly groups = new Map<string, { ingest: boolean; waiting: BotContext[]; hinted: boolean; seen: number }>();

  get(id: string) {
    let g = this.groups.get(id);
    if (!g) {
      g = { ingest: false, waiting: [], hinted: false, seen: Date.now() };
      this.groups.set(id, g);
      // Albums arrive within seconds; forget old ones.
      for (const [key, old] of this.groups) if (Date.now() - old.seen > 3_600_000 && old.waiting.length === 0) this.groups.delete(key);
    }
    return g;
  }
}

/** How long the files of an album wait for its /ingest caption before the sender is told how. */
export const ALBUM_WAIT_MS = 3000;

async function ingest(ctx: BotContext, albums: Albums): Promise<void> {
  const msg = incomingMessage(ctx);
  const doc = msg?.document ?? msg?.reply_to_message?.document;
  const { settings } = ctx.deps;
  const address = (ctx.command?.args ?? "").trim();
  if (!doc && address) return ingestAddress(ctx, address);
  if (!doc) {
    await ctx.reply(
      `用法：发送报告文件并在说明里写 /ingest，或者回复一个文件发送 /ingest，或者 /ingest 网址（报告网页或其 PDF 附件）。支持 ${INGEST_EXTENSIONS.join(" ")}，最大 ${settings.maxUploadMb} MB。`,
    );
    return;
  }
  await ingestDocument(ctx, doc);
  // The other files of this album, before and after this one.
  const group = msg?.document ? msg.media_group_id : undefined;
  if (group) {
    const album = albums.get(group);
    album.ingest = true;
    for (const waiting of album.waiting.splice(0)) {
      const d = incomingMessage(waiting)?.document;
      try {
        if (d) await ingestDocument(waiting, d);
      } finally {
        ctx.deps.journal?.done(waiting.update.update_id);
      }
    }
  }
}

async function uncaptioned(ctx: BotContext, albums: Albums): Promise<void> {
  const msg = incomingMessage(ctx);
  const doc = msg?.document;
  if (!msg || !doc) return;
  const group = msg.media_group_id;
  if (group && isAdmin(ctx)) {
    const album = albums.get(group);
    if (album.ingest) return ingestDocument(ctx, doc);
    // Its caption may come with a later file of the album: wait for it, then say how.
    album.waiting.push(ctx);
    ctx.journalKeep = true;
    setTimeout(() => void hintAlbum(ctx, album), ALBUM_WAIT_MS).unref?.();
    return;
  }
  if (ctx.chat?.type !== "private") return; // a file shared in a group is not for the bot
  await ctx.reply(howToIngest(ctx, doc.file_name));
}

/** The files of an album that never got its /ingest: one hint for all of them. */
async function hintAlbum(ctx: BotContext, album: { ingest: boolean; waiting: BotContext[]; hinted: boolean }): Promise<void> {
  if (album.ingest || album.hinted || !album.waiting.includes(ctx)) return;
  album.hinted = true;
  const waiting = album.waiting.splice(0);
  try {
    const names = waiting.map((w) => incomingMessage(w)?.document?.file_name ?? "未命名");
    await ctx.reply(howToIngest(ctx, names.join("、")));
  } catch (error) {
    ctx.deps.logger.warn({ err: describeError(error, ctx.api.token) }, "album hint failed");
  } finally {
    for (const w of waiting) ctx.deps.journal?.done(w.update.update_id);
  }
}

function howToIngest(ctx: BotContext, name = "这个文件"): string {
  if (!isAdmin(ctx)) return "收到文件了，但我只回答文字问题，例如“长寿区2018年行政复议多少件”。报告由管理员导入。";
  return `收到 ${clip(name, 200)}，但没有导入：要导入，请回复这个文件发送 /ingest，或发送文件时在说明里写 /ingest。`;
}

/** Download, ingest and answer one document (checked before downloading). */
async function ingestDocument(ctx: BotContext, doc: Document): Promise<void> {
  const { settings, library, logger, botStore } = ctx.deps;
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
    const reason = error instanceof DownloadError ? error.message : error instanceof GrammyError ? error.description : "网络错误";
    await sendHtml(ctx, [`❌ 无法下载 <b>${escapeHtml(clip(name, 100))}</b>：${escapeHtml(reason)}`]);
    return;
  }
  if (bytes.byteLength > settings.maxUploadMb * 1024 * 1024) {
    await ctx.reply(`文件超过 ${settings.maxUploadMb} MB 的上限，未导入。`);
    return;
  }

  const result = await library.ingestFile(name, bytes);
  // Counted here only (the core does not count): files stored by the bot, in any form.
  if (result.ok && result.status !== "duplicate") {
    await botStore.update((state) => {
      state.stats.ingested += 1;
    });
  }
  logger.info({ name, ok: result.ok, status: result.ok ? result.status : undefined, userId: ctx.from?.id }, "document ingested via bot");
  await sendHtml(ctx, formatIngestResult(name, result), result.ok && result.status === "held" ? { reply_markup: heldKeyboard(result.report.id) } : {});
}

// ---------------------------------------------------------------------------------------------
// Texts held for an admin

function heldKeyboard(id: string): InlineKeyboard {
  return new InlineKeyboard().text("✅ 确认收录", `admin:held:ok:${id}`).text("🗑 丢弃", `admin:held:no:${id}`);
}

async function decideHeld(ctx: BotContext & { match: RegExpMatchArray | string }): Promise<void> {
  const m = ctx.match as RegExpMatchArray;
  const decision = m[1] === "ok" ? "confirm" : "discard";
  const outcome = await ctx.deps.library.decideHeld(m[2]!, decision);
  if (!outcome) {
    await ctx.answerCallbackQuery({ text: "这份文件已经处理过了。" });
    return;
  }
  await ctx.answerCallbackQuery({ text: decision === "confirm" ? "已确认" : "已丢弃" });
  // The buttons go: the decision is made.
  await ctx.editMessageReplyMarkup({ reply_markup: undefined }).catch(() => undefined);
  if (outcome.ok && outcome.status === "discarded") {
    await ctx.reply("🗑 已丢弃，文件已删除。");
    return;
  }
  await sendHtml(ctx, formatIngestResult(outcome.ok ? outcome.report.sourceName : "文件", outcome as IngestResult));
}

async function listHeld(ctx: BotContext): Promise<void> {
  const held = ctx.deps.library.listHeld();
  if (held.length === 0) {
    await ctx.reply("没有待确认的文件。");
    return;
  }
  for (const h of held.slice(0, 10)) {
    await sendHtml(
      ctx,
      [
        `⏸ <b>${escapeHtml(clip(h.sourceName, 100))}</b>：缺少${escapeHtml(h.missing.join("、"))}\n` +
          `机关：${escapeHtml(clip(h.org || "（空）"))} · ${h.year === null ? "年份不明" : `${h.year}年`} · 读取数字 ${h.figureCount} 项`,
      ],
      { reply_markup: heldKeyboard(h.id) },
    );
  }
  if (held.length > 10) await ctx.reply(`……另有 ${held.length - 10} 份，处理完这些后再按“待确认”。`);
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
    edit(reindexSummary(result), true);
  } catch (error) {
    logger.error({ err: describeError(error, ctx.api.token) }, "reindex failed");
    edit("❌ 重建索引失败，旧索引继续使用。详情见日志。");
  }
  await edits;
}

/** What a reindex did: reports held, and what it added, changed, kept and could not read. */
export function reindexSummary(result: ReindexResult): string {
  const list = (items: string[], max = 10) =>
    items
      .slice(0, max)
      .map((f) => `· ${escapeHtml(clip(f, 100))}`)
      .concat(items.length > max ? [`……另有 ${items.length - max} 个`] : []);
  const lines = [`✅ 索引已重建：${result.reports} 份报告。`];
  lines.push(result.added.length ? `新增 ${result.added.length} 份：` : "没有新增报告。", ...list(result.added));
  lines.push(result.changed.length ? `读法有变化 ${result.changed.length} 份：` : "已有报告的数字没有变化。", ...list(result.changed));
  if (result.kept.length) lines.push(`原文件已不在、按原记录保留 ${result.kept.length} 份：`, ...list(result.kept));
  if (result.held) lines.push(`待管理员确认 ${result.held} 份（/stats 里查看）。`);
  lines.push(result.failed.length ? `${result.failed.length} 个文件无法读取：` : "没有读不出的文件。", ...list(result.failed, 20));
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------
// /stats

function statsKeyboard(ctx: BotContext): InlineKeyboard {
  const keyboard = new InlineKeyboard().text("🔄 刷新", "admin:stats").text("重建索引", "admin:reindex");
  const held = ctx.deps.library.listHeld().length;
  return held > 0 ? keyboard.row().text(`待确认（${held}）`, "admin:held") : keyboard;
}

export function statsText(ctx: BotContext): string {
  const reports = ctx.deps.library.listReports();
  const regions = new Set(reports.map((r) => r.fullRegion || r.region));
  const years = [...new Set(reports.map((r) => r.year).filter((y): y is number => y !== null))].sort();
  const state = ctx.deps.botStore.read();
  const a = ctx.deps.alerts?.stats() ?? { subscriptions: 0, chats: 0, pending: 0, sent: 0, buffered: 0 };
  return [
    "<b>统计</b>",
    `报告：${reports.length} 份`,
    `地区：${regions.size} 个`,
    `年份：${years.length > 0 ? `${years.length} 个（${years[0]}–${years.at(-1)}）` : "无"}`,
    `订阅：${a.chats} 个聊天，${a.subscriptions} 项`,
    `提醒：已发送 ${a.sent}，待发送 ${a.pending}，待摘要 ${a.buffered}`,
    `问题：${state.stats.questions}（未能回答 ${state.stats.failures}）`,
    `经机器人导入：${state.stats.ingested} 个文件`,
    `待确认：${ctx.deps.library.listHeld().length} 份`,
  ].join("\n");
}
