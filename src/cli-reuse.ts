// The CLI's commands for checking and reusing answers:
//   npm run cli -- source 长寿区 2018 --out /tmp/changshou.txt   the original file (or its address)
//   npm run cli -- export 行政复议 福州市 2013-2024 --format csv --out review.csv
//   npm run cli -- ask "洪泽区2023到2024年行政许可" --chart chart.png
import { writeFileSync } from "node:fs";
import type { Args } from "./cli.js";
import type { Answer } from "./domain.js";
import type { Reuse } from "./reuse.js";
import type { Library } from "./service.js";

function fail(message: string): number {
  console.error(message);
  return 2;
}

function outPath(args: Args): string | undefined {
  const out = args.flags.get("out");
  return typeof out === "string" ? out : undefined;
}

/** `ask … --chart out.png`: the chart of a trend, comparison or ranking answer. */
export async function writeChart(answer: Answer, path: string | true): Promise<number> {
  if (path === true) return fail("--chart 需要一个文件名，例如 --chart chart.png");
  const { renderAnswerChart } = await import("./chart.js");
  const chart = await renderAnswerChart(answer);
  if (!chart) return fail("这个回答没有可画的图（只有趋势、对比和排名，且至少两个同单位的数字）。");
  writeFileSync(path, chart.png);
  console.error(`图已写入 ${path}（${chart.width}×${chart.height}）`);
  return 0;
}

/** `source <report id | region year | question>`: write the original, or print its address. */
export async function cmdSource(args: Args, lib: Library & Reuse): Promise<number> {
  const q = args.positional.join(" ").trim();
  if (!q) return fail("source 需要报告编号、地区和年份，或一个问题：npm run cli -- source 长寿区 2018 [--out 文件]");
  let id = lib.getReport(q) ? q : undefined;
  if (!id) {
    const card = lib.reportCard(q);
    id = card.answers[0]?.reportId ?? lib.ask(q).answers[0]?.reportId ?? lib.ask(q).hits[0]?.reportId;
    if (!id) return fail(card.text || `没有找到“${q}”的报告。`);
  }
  const s = lib.source(id);
  if (!s) return fail(`没有编号为 ${id} 的报告。`);
  console.log(`${s.org} ${s.year ?? "年份不明"}年报告（${id}）`);
  for (const u of s.urls) console.log(`网址：${u}`);
  if (!s.bytes) {
    if (s.urls.length === 0) return fail("没有保存这份报告的原文文件或网址。");
    return 0;
  }
  const out = outPath(args) ?? s.name;
  writeFileSync(out, s.bytes);
  console.log(`原文已写入 ${out}（${s.bytes.byteLength} 字节）`);
  return 0;
}

/** `export <metric> [where] [years] | <region> <year>`: CSV (default) or JSON, to stdout or --out. */
export async function cmdExport(args: Args, lib: Reuse): Promise<number> {
  const format = args.flags.get("format") ?? "csv";
  if (format !== "csv" && format !== "json") return fail("--format 只能是 csv 或 json");
  const x = lib.exportFigures(args.positional.join(" "));
  if (!x.ok) return fail(x.error);
  const body = format === "csv" ? x.csv : x.json;
  const out = outPath(args);
  if (out) {
    writeFileSync(out, body);
    console.error(`${x.title}：${x.rows.length} 行，已写入 ${out}`);
  } else process.stdout.write(body);
  for (const n of x.notes) console.error(n);
  return 0;
}
