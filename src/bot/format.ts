// Pure formatting: answers, report lists and notices → Telegram HTML messages.
//
// Every string that comes from a user or a report goes through `escapeHtml` exactly once, at the
// point where it becomes HTML; tags are only ever written by this module. Messages are measured
// in UTF-16 code units (what Telegram counts) on the HTML source, which is never shorter than the
// visible text, so a message that fits here fits Telegram's 4096 limit.
import type { Answer, AnswerItem, Hit } from "../domain.js";
import type { IngestResult, ReportSummary } from "../service.js";

export const MESSAGE_LIMIT = 4096;

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A fragment of a message. `text` pieces are plain text (escaped here) that may be split across
 * messages, each part wrapped again in `open`/`close`; `html` pieces are short, balanced markup
 * built with `escapeHtml` and are never split.
 */
export type Piece = { text: string; open?: string; close?: string; before?: string } | { html: string; before?: string };

export const text = (value: string, before?: string): Piece => ({ text: value, before });
export const html = (value: string, before?: string): Piece => ({ html: value, before });
export const quote = (value: string): Piece => ({ text: value, open: "<blockquote>", close: "</blockquote>" });

/** Cut a field to `max` characters (code points) so one-line markup can never outgrow a message. */
export function clip(value: string, max = 80): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join("")}…`;
}

/** Lay pieces out into as few messages as possible, each at most `limit` characters. */
export function renderMessages(pieces: Piece[], limit = MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = "";
  for (const piece of pieces) {
    const parts = renderPiece(piece, limit);
    parts.forEach((part, i) => {
      // Parts of one split piece are consecutive lines of the same text.
      const separator = i === 0 ? (piece.before ?? "\n") : "\n";
      if (current === "") current = part;
      else if (current.length + separator.length + part.length <= limit) current += separator + part;
      else {
        messages.push(current);
        current = part;
      }
    });
  }
  if (current.trim() !== "") messages.push(current);
  return messages.filter((m) => m.trim() !== "");
}

function renderPiece(piece: Piece, limit: number): string[] {
  if ("html" in piece) {
    if (piece.html.length <= limit) return [piece.html];
    return renderPiece(text("（此段过长，已省略）"), limit);
  }
  if (piece.text === "") return [];
  const open = piece.open ?? "";
  const close = piece.close ?? "";
  const whole = open + escapeHtml(piece.text) + close;
  if (whole.length <= limit) return [whole];
  return splitEscaped(piece.text, limit - open.length - close.length).map((part) => open + part + close);
}

// Split at line breaks first, then after sentence ends, then between characters.
const SPLITTERS: ((s: string) => string[])[] = [(s) => s.split("\n"), (s) => s.split(/(?<=[。！？；!?;])/), (s) => Array.from(s)];
const JOINERS = ["\n", "", ""];

/** Escaped chunks of `plain`, each at most `budget` characters. */
export function splitEscaped(plain: string, budget: number, level = 0): string[] {
  // One escaped character is at most 5 long ("&amp;"); below that nothing can be placed.
  if (budget < 5) throw new Error(`splitEscaped: budget ${budget} is too small`);
  const out: string[] = [];
  let current = "";
  let started = false;
  for (const unit of SPLITTERS[level](plain)) {
    const escaped = escapeHtml(unit);
    if (escaped.length > budget) {
      if (started) out.push(current);
      const sub = splitEscaped(unit, budget, level + 1);
      // Keep the tail open so the next unit can continue filling it.
      out.push(...sub.slice(0, -1));
      current = sub.at(-1) ?? "";
      started = current !== "";
      continue;
    }
    const candidate = started ? current + JOINERS[level] + escaped : escaped;
    if (candidate.length <= budget) {
      current = candidate;
      started = true;
    } else {
      out.push(current);
      current = escaped;
      started = true;
    }
  }
  if (started) out.push(current);
  return out.filter((part) => part !== "");
}

// ---------------------------------------------------------------------------------------------
// Answers

const MAX_ITEMS = 30;
const MAX_HITS = 10;

function yearText(year: number | null): string {
  return year === null ? "年份不明" : `${year}年`;
}

function valueText(item: AnswerItem): string {
  if (item.value === null) return "空白（表中未填）";
  return `${item.value}${item.unit ? ` ${item.unit}` : ""}`;
}

function itemLine(item: AnswerItem, n: number): string {
  const slice = item.slice ? `（${escapeHtml(clip(item.slice, 30))}）` : "";
  const doubt = item.certain ? "" : " ⚠️存疑";
  return (
    `${n}. <b>${escapeHtml(clip(item.region))}</b> ${yearText(item.year)} · ${escapeHtml(clip(item.label))}${slice}：` +
    `<b>${escapeHtml(valueText(item))}</b>${doubt} · 第 ${item.line} 行`
  );
}

function hitLine(hit: Hit, n: number): string {
  const section = hit.section ? ` · ${escapeHtml(clip(hit.section, 40))}` : "";
  // (A report as a whole, asked for its original, has no line.)
  return `${n}. <b>${escapeHtml(clip(hit.org))}</b> ${yearText(hit.year)}${section}${hit.line > 0 ? ` · 第 ${hit.line} 行` : ""}`;
}

/**
 * The pieces of an answer: its text, then the source line of every figure (quoted), the search
 * hits' places, and warnings or choices the text does not already state.
 */
export function answerPieces(answer: Answer): Piece[] {
  const body = answer.text.trim() || "没有找到答案。";
  const pieces: Piece[] = [text(body)];

  const choices = (answer.choices ?? []).filter((c) => !body.includes(c));
  if (choices.length > 0) {
    pieces.push(html("<b>您指的是：</b>", "\n\n"));
    for (const choice of choices) pieces.push(text(`· ${choice}`));
  }

  // Figures: the text says what the value is; here is where it was read. An evidence line the
  // text already quotes is not repeated; a line shared by several figures is quoted once.
  const items = answer.answers.filter((item) => item.evidence && !body.includes(item.evidence));
  if (items.length > 0) {
    pieces.push(html("<b>来源</b>", "\n\n"));
    const quoted = new Set<string>();
    items.slice(0, MAX_ITEMS).forEach((item, i) => {
      pieces.push(html(itemLine(item, i + 1)));
      const key = `${item.reportId}:${item.line}:${item.evidence}`;
      if (quoted.has(key)) pieces.push(text("（出处同上）"));
      else {
        quoted.add(key);
        pieces.push(quote(item.evidence));
      }
      if (item.note && !body.includes(item.note)) pieces.push(text(`说明：${item.note}`));
    });
    if (items.length > MAX_ITEMS) pieces.push(text(`……另有 ${items.length - MAX_ITEMS} 项未列出`));
  }

  const hits = answer.hits.slice(0, MAX_HITS);
  if (hits.length > 0) {
    pieces.push(html("<b>出处</b>", "\n\n"));
    hits.forEach((hit, i) => {
      pieces.push(html(hitLine(hit, i + 1)));
      if (hit.snippet && !body.includes(hit.snippet)) pieces.push(quote(hit.snippet));
    });
  }

  const warnings = answer.warnings.filter((w) => w && !body.includes(w));
  if (warnings.length > 0) {
    pieces.push(html("<b>注意</b>", "\n\n"));
    for (const w of warnings) pieces.push(text(`⚠️ ${w}`));
  }
  return pieces;
}

/** An answer as one or more Telegram HTML messages, each at most 4096 characters. */
export function formatAnswer(answer: Answer, limit = MESSAGE_LIMIT): string[] {
  return renderMessages(answerPieces(answer), limit);
}

/** First line of an answer's text, for inline result titles and descriptions. */
export function answerHeadline(answer: Answer, max = 100): string {
  const first =
    answer.text
      .trim()
      .split("\n")
      .find((line) => line.trim() !== "") ?? "没有找到答案";
  return clip(first.trim(), max);
}

// ---------------------------------------------------------------------------------------------
// Other replies

/**
 * `/reports` as a heading and one line per region (full name: its years), grouped and sorted;
 * a string when nothing matches.
 */
export function reportListEntries(reports: ReportSummary[], filter?: string): { heading: string; entries: string[] } | string {
  const selected = filter ? reports.filter((r) => [r.region, r.fullRegion, r.province ?? "", r.org].some((s) => s.includes(filter))) : reports;
  if (selected.length === 0) {
    return filter ? `没有找到与“${escapeHtml(filter)}”有关的报告。` : "还没有任何报告。管理员可以用 /ingest 导入。";
  }
  const groups = new Map<string, { years: Map<string, number>; province: string }>();
  for (const r of selected) {
    const key = r.fullRegion || r.region;
    const group = groups.get(key) ?? { years: new Map<string, number>(), province: r.province ?? "" };
    const year = r.year === null ? "年份不明" : String(r.year);
    group.years.set(year, (group.years.get(year) ?? 0) + 1);
    groups.set(key, group);
  }
  const collator = new Intl.Collator("zh-CN");
  const sorted = [...groups.entries()].sort(([a, ga], [b, gb]) => collator.compare(ga.province, gb.province) || collator.compare(a, b));
  const entries = sorted.map(([region, group]) => {
    const years = [...group.years.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([year, count]) => (count > 1 ? `${year}（${count}份）` : year));
    return `<b>${escapeHtml(clip(region))}</b>：${escapeHtml(years.join("、"))}`;
  });
  return { heading: `<b>共 ${selected.length} 份报告，${groups.size} 个地区</b>`, entries };
}

/** `/reports`: regions held with their years, grouped by region (full name), sorted. */
export function formatReportList(reports: ReportSummary[], filter?: string): string[] {
  const list = reportListEntries(reports, filter);
  if (typeof list === "string") return [list];
  const pieces: Piece[] = [html(list.heading), ...list.entries.map((e) => html(e))];
  pieces.push(text("查看一份报告：/report 地区 年份", "\n\n"));
  return renderMessages(pieces);
}

/** What `/ingest` read and did with the file, or why it was refused. */
export function formatIngestResult(name: string, result: IngestResult): string[] {
  const file = escapeHtml(clip(name, 100));
  if (!result.ok) return renderMessages([html(`❌ 未能导入 <b>${file}</b>：`), text(result.error)]);
  const r = result.report;
  const of = result.of ? `${escapeHtml(clip(result.of.fullRegion || result.of.region || result.of.org))} ${yearText(result.of.year)}` : "";
  const head: Record<typeof result.status, string> = {
    added: `✅ 已导入 <b>${file}</b>`,
    duplicate: `ℹ️ <b>${file}</b> 已经导入过（内容相同），未重复保存。`,
    rendition: result.answers
      ? `✅ <b>${file}</b> 是已有报告（${of}）的另一个文件，数字相同、读得更好：今后由它回答，不再重复通知。`
      : `ℹ️ <b>${file}</b> 是已有报告（${of}）的另一个文件，数字相同：已记下，仍由原文件回答，不再重复通知。`,
    revision: `🆕 <b>${file}</b> 是 ${of} 报告的修订版：${result.changed?.length ?? 0} 项数字与原版本不同，已存为新版本（原版本保留）。`,
    held: `⏸ <b>${file}</b> 缺少${escapeHtml((result.missing ?? []).join("、"))}，暂未收录：确认后才会列出、回答和通知订阅者。`,
  };
  const pieces: Piece[] = [
    html(head[result.status]),
    html(`机关：${escapeHtml(clip(r.org || "（未读到）"))}`),
    html(`地区：${escapeHtml(clip(r.fullRegion || r.region || "（未读到）"))}${r.province ? `（${escapeHtml(clip(r.province, 20))}）` : ""}`),
    html(`年份：${yearText(r.year)}`),
    html(`模板：${escapeHtml(r.template)}`),
    html(`读取数字：${result.figures} 项`),
  ];
  if (result.status === "revision" && result.changed?.length) {
    pieces.push(
      text(
        `不同的项：${result.changed
          .slice(0, 10)
          .map((k) => k.replace(/\|$/, "").replace("|", "·"))
          .join("、")}${result.changed.length > 10 ? " 等" : ""}`,
      ),
    );
  }
  if (result.warnings.length > 0) {
    pieces.push(html(`<b>警告（${result.warnings.length}）</b>`, "\n\n"));
    for (const w of result.warnings.slice(0, 20)) pieces.push(text(`⚠️ ${w}`));
    if (result.warnings.length > 20) pieces.push(text(`……另有 ${result.warnings.length - 20} 条`));
  } else {
    pieces.push(text("没有警告。"));
  }
  return renderMessages(pieces);
}
