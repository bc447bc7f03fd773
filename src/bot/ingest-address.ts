// `/ingest https://…`: an admin gives a report's address; the page (or its PDF/Word attachment)
// is fetched within the upload limit and time bound, read like an upload, and its address kept
// so the 原文 button can give it back. Only http(s); anything else is refused with the reason.
import type { BotContext } from "./context.js";
import { clip, escapeHtml, formatIngestResult } from "./format.js";
import { sendHtml } from "./respond.js";

export async function ingestAddress(ctx: BotContext, address: string): Promise<void> {
  const { fetchReport, library, reuse, logger, botStore } = ctx.deps;
  if (!fetchReport) {
    await ctx.reply("按网址导入没有启用：请发送报告文件并在说明里写 /ingest。");
    return;
  }
  await sendHtml(ctx, [`⏳ 正在下载 ${escapeHtml(clip(address, 200))}`]);
  const got = await fetchReport(address);
  if (!got.ok) {
    logger.info({ address: clip(address, 200), userId: ctx.from?.id }, "ingest by address refused or failed");
    await sendHtml(ctx, [`❌ 未导入 <b>${escapeHtml(clip(address, 200))}</b>：${escapeHtml(got.error)}`]);
    return;
  }
  const result = await library.ingestFile(got.name, got.bytes);
  if (result.ok) reuse?.rememberAddresses(got, result.report.id);
  if (result.ok && !result.duplicate) {
    await botStore.update((state) => {
      state.stats.ingested += 1;
    });
  }
  logger.info({ address: clip(address, 200), name: got.name, ok: result.ok, userId: ctx.from?.id }, "report ingested by address");
  const where = [`🌐 来源网址：${escapeHtml(clip(got.urls[0]!, 300))}`];
  if (got.urls.length > 1) where.push(`读取的文件：${escapeHtml(clip(got.urls.at(-1)!, 300))}`);
  if (got.note) where.push(escapeHtml(got.note));
  const messages = formatIngestResult(got.name, result);
  await sendHtml(ctx, [...messages.slice(0, -1), `${messages.at(-1) ?? ""}\n\n${where.join("\n")}`]);
}
