// A synthetic report as the web page a government site publishes: the tables as real <table>s with
// the national forms' merged cells (表三's 申请人情况 over 自然人 | 法人或其他组织 (five columns) | 总计,
// 三、本年度办理结果 down the side, 表四's 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉)). Printed
// by a browser to PDF (scripts/print-pdf.sh) and read back, it is the layout of a report saved from
// its page: cells wrapped in narrow columns, values centred beside labels of two or three lines.

import type { Doc } from "./generate-doc.js";
import type { Art20Group, Table3 } from "./generate-gbf.js";
import { TABLE3_COLUMNS, TABLE4_IDS } from "./generate-gbf.js";
import type { StatRow } from "./generate-stat.js";
import { type Art20Style, art20Cell, table3Rows } from "./generate-tables.js";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const td = (text: string, attrs = "") => `<td${attrs}>${esc(text)}</td>`;
const span = (rows: number, cols: number) => `${rows > 1 ? ` rowspan="${rows}"` : ""}${cols > 1 ? ` colspan="${cols}"` : ""}`;

/** 表二: one table, each 第二十条 item a title row over its header and rows. */
export function art20Html(groups: readonly Art20Group[], style: Art20Style): string {
  const width = Math.max(...groups.map((g) => g.headers.length)) + 1;
  const rows: string[] = [];
  for (const g of groups) {
    rows.push(`<tr>${td(g.item, span(1, width))}</tr>`);
    const last = width - g.headers.length;
    rows.push(`<tr>${td("信息内容", span(1, last))}${g.headers.map((h) => td(h)).join("")}</tr>`);
    for (const r of g.rows) rows.push(`<tr>${td(r.label, span(1, last))}${r.values.map(([col, v]) => td(art20Cell(col, v, style))).join("")}</tr>`);
  }
  return `<table>${rows.join("\n")}</table>`;
}

/** Groups of 表三's outcome rows: the label of the group's side cell, and how many rows it spans. */
const T3_GROUPS: readonly [string, RegExp][] = [
  ["（三）不予公开", /^requests\.result\.withheld\./],
  ["（四）无法提供", /^requests\.result\.unable\./],
  ["（五）不予处理", /^requests\.result\.not_processed\./],
  ["（六）其他处理", /^requests\.result\.other\./],
];

/** 表三 with the national form's merged cells. */
export function table3Html(t3: Table3, generation: "gbf2019" | "gbf2021"): string {
  const values = (metric: string) => TABLE3_COLUMNS.map((col) => td(String(t3[col][metric] ?? 0))).join("");
  const rows: string[] = [
    `<tr>${td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", span(3, 3))}${td("申请人情况", span(1, 7))}</tr>`,
    `<tr>${td("自然人", span(2, 1))}${td("法人或其他组织", span(1, 5))}${td("总计", span(2, 1))}</tr>`,
    `<tr>${["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"].map((h) => td(h)).join("")}</tr>`,
  ];
  const body = table3Rows(generation).filter((r) => r.metric);
  const outcomes = body.filter((r) => r.metric!.startsWith("requests.result.") && r.metric !== "requests.result.total");
  let sideOpen = false;
  let groupLeft = 0;
  for (const r of body) {
    const m = r.metric!;
    if (m === "requests.received" || m === "requests.carried_over" || m === "requests.carried_forward") {
      rows.push(`<tr>${td(r.label, span(1, 3))}${values(m)}</tr>`);
      continue;
    }
    // 三、本年度办理结果 down the side of every outcome row and (七)总计.
    const side = sideOpen ? "" : td("三、本年度办理结果", span(outcomes.length + 1, 1));
    sideOpen = true;
    const group = T3_GROUPS.find(([, re]) => re.test(m));
    if (!group || m === "requests.result.total") {
      rows.push(`<tr>${side}${td(r.label, span(1, 2))}${values(m)}</tr>`);
      continue;
    }
    const size = body.filter((x) => group[1].test(x.metric!)).length;
    const head = groupLeft === 0 ? td(group[0], span(size, 1)) : "";
    groupLeft = groupLeft === 0 ? size - 1 : groupLeft - 1;
    rows.push(`<tr>${side}${head}${td(r.label)}${values(m)}</tr>`);
  }
  return `<table>${rows.join("\n")}</table>`;
}

/** 表四: two header rows of groups, the five result headers three times, the fifteen values. */
export function table4Html(t4: Record<string, number>): string {
  const results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"].map((h) => td(h)).join("");
  return `<table>
<tr>${td("行政复议", span(2, 5))}${td("行政诉讼", span(1, 10))}</tr>
<tr>${td("未经复议直接起诉", span(1, 5))}${td("复议后起诉", span(1, 5))}</tr>
<tr>${results}${results}${results}</tr>
<tr>${TABLE4_IDS.map((k) => td(String(t4[k] ?? 0))).join("")}</tr>
</table>`;
}

/** The 2016 统计表: 统计指标 | 单位 | 统计数. */
export function statHtml(rows: readonly StatRow[]): string {
  const head = `<tr>${td("统计指标")}${td("单位")}${td("统计数")}</tr>`;
  return `<table>${head}\n${rows.map((r) => `<tr>${td(r.label)}${td(r.unit)}${td(r.cell)}</tr>`).join("\n")}</table>`;
}

/** The whole page: site navigation, the report, the site footer. */
export function renderHtml(doc: Doc): string {
  const body: string[] = [...doc.title.map((t) => `<h1>${esc(t)}</h1>`)];
  for (const s of doc.sections) {
    if (s.heading) body.push(`<h2>${esc(s.heading)}</h2>`);
    for (const p of s.paras) body.push(`<p>${esc(p)}</p>`);
    if (s.table?.html) body.push(s.table.html);
  }
  for (const l of doc.signature) body.push(`<p class="sign">${esc(l)}</p>`);
  if (doc.appendix) {
    for (const l of doc.appendix.caption) body.push(`<p>${esc(l)}</p>`);
    if (doc.appendix.table.html) body.push(doc.appendix.table.html);
  }
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(doc.title.join(""))}</title>
<style>
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size: 15px; margin: 0 auto; max-width: 760px; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
td { border: 1px solid #000; padding: 2px 4px; text-align: center; font-size: 13px; }
.sign { text-align: right; }
</style></head>
<body>
<div class="nav">首页 &gt; 政务公开 &gt; 政府信息公开年报</div>
<div class="article">
${body.join("\n")}
</div>
<div class="footer">网站地图 | 联系我们 版权所有：某某市人民政府办公室 主办单位：某某市人民政府</div>
</body></html>
`;
}
