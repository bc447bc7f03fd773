// Command line: parse, ingest, ask (one question, --json, or --jsonl over stdin), chat, bench.
//   npm run cli -- parse data/reports/000_….txt --json
//   npm run cli -- ingest data/reports --db /tmp/db.json
//   npm run cli -- ask "长寿区2018年行政复议多少件" --json
//   echo 长寿区2018年行政复议多少件 | npm run cli -- ask --jsonl
import { copyFileSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Answer } from "./domain.js";
import { extractText } from "./extract.js";
import { createLibrary, listReportFiles, type CoreLibrary } from "./library.js";
import { parseReport } from "./parse/report.js";
import { Conversations, picked } from "./qa/conversation.js";
import { fileAdapter, openDb } from "./store/db.js";
import { fileRecordStore } from "./store/records.js";
import { acquireLock, lockHolder, LockedError } from "./store/lock.js";

interface Args {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

export function parseArgs(argv: string[]): Args {
  const [command = "help", ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith("--")) {
      const [k, v] = a.slice(2).split("=", 2) as [string, string | undefined];
      if (v !== undefined) flags.set(k, v);
      else if (["db", "data", "n", "seed", "sizes"].includes(k) && rest[i + 1] !== undefined) flags.set(k, rest[++i]!);
      else flags.set(k, true);
    } else positional.push(a);
  }
  return { command, positional, flags };
}

const USAGE = `nianbao — 政府信息公开工作年度报告问答

用法：npm run cli -- <命令>
  parse <文件> [--json]            解析一份报告，打印记录
  ingest <文件或目录…> [--db F]    导入报告（同一份只存一次）
  ask "<问题>" [--db F] [--json]   回答一个问题
  ask --jsonl [--db F]             从标准输入每行读一个问题，每行输出一个 JSON
  chat [--db F]                    本地对话
数据库：--db 或环境变量 NIANBAO_DB（默认 data/db.json）`;

export function dbPathOf(args: Args): string {
  const flag = args.flags.get("db");
  return resolve(typeof flag === "string" ? flag : process.env.NIANBAO_DB || "data/db.json");
}

/** Open the library; writers take the db lock, readers do not. */
export async function openLibrary(dbPath: string, opts: { write: boolean; corpusDir?: string }): Promise<{ lib: CoreLibrary; release: () => void }> {
  const release = opts.write ? acquireLock(dbPath) : () => {};
  try {
    mkdirSync(resolve(dbPath, ".."), { recursive: true });
    const db = await openDb(fileAdapter(dbPath), dbPath);
    // data/db.json → data/db.records/ (one file per report) and data/db.index (search index)
    const base = dbPath.replace(/\.json$/i, "");
    const lib = await createLibrary({
      db,
      records: fileRecordStore(`${base}.records`),
      indexPath: `${base}.index`,
      readOnly: !opts.write,
      ...(opts.corpusDir ? { corpusDir: opts.corpusDir } : {}),
    });
    return { lib, release };
  } catch (err) {
    release();
    throw err;
  }
}

function printAnswer(a: Answer, json: boolean): void {
  process.stdout.write(json ? JSON.stringify(a) + "\n" : a.text + "\n");
}

async function cmdParse(args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file) return fail("parse 需要一个文件：npm run cli -- parse <文件> [--json]");
  const extracted = await extractText(file, readFileSync(file));
  if (!extracted.ok) return fail(extracted.error);
  const parsed = parseReport(extracted.text, { name: basename(file) });
  if (!parsed.ok) return fail(parsed.error);
  const r = parsed.report;
  if (args.flags.has("json")) {
    process.stdout.write(JSON.stringify(r, null, 2) + "\n");
    return 0;
  }
  console.log(`${r.org}（${r.region}，${r.level}）${r.year ?? "年份不明"}年  格式 ${r.template}  数字 ${r.figures.length}  章节 ${r.sections.length}`);
  for (const f of r.figures.filter((x) => !x.slice || !/^[a-z_]+$/.test(x.slice))) {
    console.log(`  ${f.metric}${f.slice ? `[${f.slice}]` : ""} = ${f.value ?? "空"}${f.unit} (${f.source}${f.certain ? "" : ", 不确定"}) 第${f.evidence.line}行`);
  }
  for (const w of r.warnings) console.log(`  ⚠ ${w.message}`);
  return 0;
}

async function cmdIngest(args: Args): Promise<number> {
  if (args.positional.length === 0) return fail("ingest 需要文件或目录：npm run cli -- ingest data/reports");
  const dbPath = dbPathOf(args);
  const holder = lockHolder(dbPath);
  if (holder) {
    // The running bot owns the db: hand the files over through its inbox.
    const inbox = join(resolve(dbPath, ".."), "inbox");
    mkdirSync(inbox, { recursive: true });
    const files = listReportFiles(args.positional);
    for (const f of files) {
      // Copy under a name the watcher ignores, then rename: it never reads a half-written file.
      const name = `${Date.now()}-${basename(f)}`;
      copyFileSync(f, join(inbox, `.${name}.part`));
      renameSync(join(inbox, `.${name}.part`), join(inbox, name));
    }
    console.log(`数据库正由进程 ${holder} 使用：已把 ${files.length} 个文件放入 ${inbox}，由运行中的机器人导入。`);
    return 0;
  }
  const { lib, release } = await openLibrary(dbPath, { write: true });
  try {
    let added = 0;
    let dup = 0;
    let failed = 0;
    await lib.ingestPaths(args.positional, (file, res) => {
      if (!res.ok) {
        failed++;
        console.error(`✗ ${file}：${res.error}`);
      } else if (res.duplicate) dup++;
      else {
        added++;
        const r = res.report;
        console.error(`✓ ${file}：${r.org} ${r.year ?? "?"}年 ${r.template}，${res.figures} 个数字${res.warnings.length ? `，${res.warnings.length} 条提示` : ""}`);
      }
    });
    console.log(`导入 ${added} 份，已存在 ${dup} 份，失败 ${failed} 份；库中共 ${lib.size} 份。`);
    return 0;
  } finally {
    release();
  }
}

async function cmdAsk(args: Args): Promise<number> {
  const { lib } = await openLibrary(dbPathOf(args), { write: false });
  if (args.flags.has("jsonl")) {
    const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of rl) {
      let a: Answer;
      try {
        a = lib.ask(line);
      } catch (err) {
        a = { question: line, kind: "none", answers: [], hits: [], warnings: [], text: `出错了：${(err as Error).message}` };
      }
      process.stdout.write(JSON.stringify(a) + "\n");
    }
    return 0;
  }
  const q = args.positional.join(" ");
  if (!q) return fail('ask 需要一个问题：npm run cli -- ask "长寿区2018年行政复议多少件"');
  printAnswer(lib.ask(q), args.flags.has("json"));
  return 0;
}

const LOCAL_CHAT = "local";

/**
 * A local chat: one question a line; works piped (`echo 问题 | npm start`). It keeps the
 * conversation as the bot does: a fragment (那2019年呢) completes the last question, a number picks
 * a choice offered.
 */
export async function runChat(lib: Pick<CoreLibrary, "ask" | "size">, conversation = new Conversations()): Promise<void> {
  const tty = Boolean(process.stdin.isTTY);
  if (tty) console.log(`nianbao 本地对话：库中有 ${lib.size} 份报告。输入问题，例如“长寿区2018年行政复议多少件”；空行或 Ctrl-D 退出。`);
  const rl = createInterface({ input: process.stdin, output: tty ? process.stdout : undefined, terminal: tty, crlfDelay: Infinity });
  if (tty) rl.setPrompt("问> "), rl.prompt();
  for await (const line of rl) {
    if (!line.trim()) {
      if (tty) break;
      continue;
    }
    // A number picks one of the choices just offered; anything else is a question, read against the last one.
    const pending = conversation.pending(LOCAL_CHAT);
    const pick = pending && /^\s*\d{1,2}\s*$/.test(line) ? picked(pending, Number(line) - 1) : null;
    const a = lib.ask(pick ?? line, conversation.context(LOCAL_CHAT));
    conversation.remember(LOCAL_CHAT, a);
    if (pick) console.log(`❓ ${pick}`);
    console.log(a.text);
    if (a.choices?.length && a.choiceFor) console.log(`请回复序号选择：${a.choices.map((c, i) => `${i + 1}. ${c}`).join("  ")}`);
    if (tty) rl.prompt();
  }
  rl.close();
}

async function cmdChat(args: Args): Promise<number> {
  const { lib } = await openLibrary(dbPathOf(args), { write: false });
  await runChat(lib);
  return 0;
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  try {
    switch (args.command) {
      case "parse":
        return await cmdParse(args);
      case "ingest":
        return await cmdIngest(args);
      case "ask":
        return await cmdAsk(args);
      case "chat":
        return await cmdChat(args);
      case "bench": {
        const { runBench } = await import("./bench/bench.js");
        return await runBench(argv.slice(1));
      }
      default:
        console.log(USAGE);
        return args.command === "help" || args.command === "--help" ? 0 : 2;
    }
  } catch (err) {
    if (err instanceof LockedError) return fail(`${err.message}。请先停止该进程，或用 ingest 把文件交给它。`);
    return fail(`错误：${(err as Error).message}`);
  }
}

if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
