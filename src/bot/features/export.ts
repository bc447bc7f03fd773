// /export <metric> [where] [years] — a metric across bodies and years; /export <body> <year> —
// every figure of one report with its evidence. A small export is shown as a table with CSV and
// JSON buttons (`exp:<key>:csv|json`, the query kept in the PageStore); a large one is sent as
// documents at once. The CSV is UTF-8 with a BOM, so Excel opens it as Chinese text.
import { Composer, InlineKeyboard, InputFile } from "grammy";
import type { ExportResult } from "../../reuse.js";
import { isCommand } from "../commands.js";
import type { BotContext } from "../context.js";
import { clip, escapeHtml, MESSAGE_LIMIT } from "../format.js";
import { sendHtml } from "../respond.js";
import { displayWidth } from "../table-text.js";

/** Exports of more rows than this are sent as documents straight away. */
export const PREVIEW_ROWS = 15;
const DATA = /^exp:([0-9a-z]{10}):(csv|json)$/;

type Ok = Extract<ExportResult, { ok: true }>;

function pad(s: string, width: number, start = false): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(s)));
  return start ? fill + s : s + fill;
}

/** The rows of a small export as a monospace table: who, year, column, value, line. */
export function previewTable(x: Ok): string {
  const rows = x.rows.map((r) => [
    clip(x.kind === "report" ? r.label : r.fullRegion, 14),
    x.kind === "report" ? clip(r.slice, 6) : String(r.year ?? ""),
    r.value === null ? "空" : `${r.value}${r.unit}`,
    `第${r.line}行`,
  ]);
  const head = x.kind === "report" ? ["指标", "栏目", "数值", "出处"] : ["地区", "年度", "数值", "出处"];
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))));
  return [head, ...rows]
    .map((r) =>
      r
        .map((c, i) => pad(c, widths[i]!, i === 2))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function sendFile(ctx: BotContext, x: Ok, format: "csv" | "json"): Promise<void> {
  const data = new TextEncoder().encode(format === "csv" ? x.csv : x.json);
  await ctx.replyWithDocument(new InputFile(data, `${x.fileBase}.${format}`), {
    caption: clip(`${x.title}：${x.rows.length} 行（${format.toUpperCase()}${format === "csv" ? "，UTF-8，Excel 可直接打开" : ""}）`, 1000),
  });
}

export function exportFeature(): Composer<BotContext> {
  const feature = new Composer<BotContext>();

  feature.filter(isCommand("export"), async (ctx) => {
    const reuse = ctx.deps.reuse;
    if (!reuse) return void (await ctx.reply("导出功能没有启用。"));
    const query = (ctx.command?.args ?? "").trim().slice(0, 200);
    const x = reuse.exportFigures(query);
    if (!x.ok) return void (await ctx.reply(x.error));
    const notes = x.notes.map((n) => `\n${escapeHtml(n)}`).join("");
    const preview = `<b>${escapeHtml(clip(x.title, 80))}</b>（${x.rows.length} 行）\n<pre>${escapeHtml(previewTable(x))}</pre>${notes}`;
    if (x.rows.length <= PREVIEW_ROWS && preview.length <= MESSAGE_LIMIT) {
      const key = ctx.deps.pages.saveQuery(query);
      const keyboard = new InlineKeyboard().text("📎 CSV", `exp:${key}:csv`).text("📎 JSON", `exp:${key}:json`);
      await sendHtml(ctx, [preview], { reply_markup: keyboard });
      return;
    }
    await sendHtml(ctx, [`<b>${escapeHtml(clip(x.title, 80))}</b>：${x.rows.length} 行，以文件发送。${notes}`]);
    await sendFile(ctx, x, "csv");
    await sendFile(ctx, x, "json");
  });

  feature.callbackQuery(/^exp:/, async (ctx) => {
    const m = DATA.exec(ctx.callbackQuery.data);
    const query = m ? ctx.deps.pages.query(m[1]!) : undefined;
    const reuse = ctx.deps.reuse;
    if (!m || query === undefined || !reuse) {
      return void (await ctx.answerCallbackQuery({ text: m ? "这个导出已过期，请重新发送 /export。" : "这个按钮无效。", show_alert: true }));
    }
    const x = reuse.exportFigures(query);
    if (!x.ok) return void (await ctx.answerCallbackQuery({ text: clip(x.error, 190), show_alert: true }));
    await ctx.answerCallbackQuery({ text: "正在发送文件" });
    await sendFile(ctx, x, m[2] as "csv" | "json");
  });

  return feature;
}
