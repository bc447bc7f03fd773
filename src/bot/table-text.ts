// A table of a report as a monospace block (Telegram <pre>), the cell of one figure marked:
// its row starts with ▶ and its value stands in [brackets]. Chinese characters count two columns,
// as monospace fonts draw them. Pure.
import type { TableView } from "../reuse.js";
import { clip, escapeHtml } from "./format.js";

/** Rows shown around the marked one when a table is longer (a 统计表 can have sixty). */
const WINDOW = 10;

/** Display width: CJK and full-width characters are two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/.test(ch) ? 2 : 1;
  return w;
}

function padEnd(s: string, width: number): string {
  return s + " ".repeat(Math.max(0, width - displayWidth(s)));
}
function padStart(s: string, width: number): string {
  return " ".repeat(Math.max(0, width - displayWidth(s))) + s;
}

/** Short column headers (社会公益组织 → 公益组织) so a wide table fits a phone better. */
const SHORT: Record<string, string> = {
  社会公益组织: "公益组织",
  法律服务机构: "法律服务",
  本年制发件数: "本年制发",
  本年废止件数: "本年废止",
  现行有效件数: "现行有效",
  处理决定数量: "处理决定",
  上一年项目数量: "上年项目",
  本年新制作数量: "新制作",
  本年新公开数量: "新公开",
  对外公开总数量: "公开总数",
  本年收费金额: "收费金额",
  采购项目数量: "采购项目",
  采购总金额: "采购金额",
};

function cellText(v: number | null | undefined): string {
  return v === undefined ? "" : v === null ? "空" : String(v);
}

/** The <pre> block of a table and the lines around it; `window` rows each side of the marked one. */
export function formatTable(t: TableView, window = WINDOW): string {
  const WINDOW = window;
  const cols = t.columns.map((c) => SHORT[c] ?? c);
  const first = Math.max(0, Math.min(t.at.row - WINDOW, t.rows.length - 2 * WINDOW - 1));
  const last = Math.min(t.rows.length, first + 2 * WINDOW + 1);
  const shown = t.rows.slice(first, last);
  const labels = shown.map((r) => clip(r.label, 12) + (r.derived ? "*" : ""));
  const labelWidth = Math.max(4, ...labels.map(displayWidth));
  const values = shown.map((r, i) => r.cells.map((v, c) => (first + i === t.at.row && c === t.at.col ? `[${cellText(v)}]` : cellText(v))));
  const widths = cols.map((c, ci) => Math.max(displayWidth(c), ...values.map((v) => displayWidth(v[ci] ?? ""))));
  const lines = [`  ${padEnd("项目", labelWidth)} ${cols.map((c, ci) => padStart(c, widths[ci]!)).join(" ")}`];
  if (first > 0) lines.push(`  …（前 ${first} 行略）`);
  shown.forEach((_r, i) => {
    const mark = first + i === t.at.row ? "▶ " : "  ";
    lines.push(`${mark}${padEnd(labels[i]!, labelWidth)} ${values[i]!.map((v, ci) => padStart(v, widths[ci]!)).join(" ")}`.trimEnd());
  });
  if (last < t.rows.length) lines.push(`  …（后 ${t.rows.length - last} 行略）`);
  const row = t.rows[t.at.row];
  const head = `<b>${escapeHtml(clip(t.title, 40))}</b>\n${escapeHtml(clip(t.org, 40))} ${t.year ?? ""}年 · 第 ${t.evidence.line} 行${t.unit ? ` · 单位：${escapeHtml(t.unit)}` : ""}`;
  const foot = [
    row ? `▶ ${escapeHtml(clip(row.label, 40))} · ${escapeHtml(t.columns[t.at.col] ?? "")}` : "",
    `原文：<blockquote>${escapeHtml(clip(t.evidence.text, 300))}</blockquote>`,
    t.rows.some((r) => r.derived) ? "* 由表格其他数字计算" : "",
  ].filter(Boolean);
  return `${head}\n<pre>${escapeHtml(lines.join("\n"))}</pre>\n${foot.join("\n")}`;
}
