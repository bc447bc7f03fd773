// Command line: parse, ingest, ask (one question, --json, or --jsonl over stdin), chat, bench.
//   npm run cli -- parse data/reports/000_….txt --json
//   npm run cli -- ingest data/reports --db /tmp/db.json
//   npm run cli -- ask "长寿区2018年行政复议多少件" --json
//   echo 长寿区2018年行政复议多少件 | npm run cli -- ask --jsonl
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { cmdExport, cmdSource, writeChart } from "./cli-reuse.js";
import { parseStoreKind, type StoreKind } from "./config.js";
import type { Answer } from "./domain.js";
import { extractText, SUPPORTED_EXTENSIONS } from "./extract.js";
import { toPassages } from "./index/documents.js";
import { createFtsIndex } from "./index/fts-index.js";
import { startSegmenter } from "./index/segment.js";
import { type CoreLibrary, createLibrary } from "./library.js";
import { parseReport } from "./parse/report.js";
import { Conversations, picked } from "./qa/conversation.js";
import { bulkWorkers, createBulkReader, createReader, type Reader } from "./reader.js";
import { listReportFiles, readReportFile } from "./report-files.js";
import type { BotState, IngestResult } from "./service.js";
import { fileAddressBook } from "./store/addresses.js";
import { openBotState } from "./store/bot-state.js";
import { fileAdapter, openDb } from "./store/db.js";
import { ensureDir } from "./store/dirs.js";
import { durableJsonFile } from "./store/durable.js";
import { acquireLock, LockedError, type LockRole, lockHolder, ROLE_NAMES } from "./store/lock.js";
import { migrateJsonStore } from "./store/migrate.js";
import { createOriginalWriter } from "./store/original-writer.js";
import { fileOriginalStore } from "./store/originals.js";
import type { PgLibrary } from "./store/pg-library.js";
import { fileRecordStore, sqliteRecordStore } from "./store/records.js";
import { openSqlite, sqliteDbAdapter } from "./store/sqlite.js";
import { sqliteWriteBatch } from "./store/sqlite-batch.js";

export interface Args {
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
      else if (["db", "data", "n", "seed", "sizes", "chart", "out", "format", "workers"].includes(k) && rest[i + 1] !== undefined) flags.set(k, rest[++i]!);
      else flags.set(k, true);
    } else positional.push(a);
  }
  return { command, positional, flags };
}

const USAGE = `nianbao — 政府信息公开工作年度报告问答

用法：npm run cli -- <命令>
  parse <文件> [--json]            解析一份报告，打印记录
  ingest <文件或目录…> [--db F]    导入报告（同一份只存一次）；--verbose 逐个文件列出结果，
                                   --workers N 读文件的工作线程数（默认为核数减一，至少 1 个，最多 4 个）
  ask "<问题>" [--db F] [--json]   回答一个问题
  ask --jsonl [--db F]             从标准输入每行读一个问题，每行输出一个 JSON
  ask "<问题>" --chart out.png     同时把趋势、对比、排名画成图（PNG）
  source <报告编号|地区 年份|问题> [--out F]  报告原文：写出原文件，或给出网址
  export <指标> [地区] [年份] [--format csv|json] [--out F]  导出一个指标（默认 CSV 到标准输出）
  export <地区> <年份> [...]       导出一份报告的全部数字及出处
  chat [--db F]                    本地对话
数据库：--db 或环境变量 NIANBAO_DB（默认 data/db.json；默认存储 SQLite，即同目录的 db.sqlite，
      NIANBAO_STORE=json 用 JSON 文件）`;

export function dbPathOf(args: Args): string {
  const flag = args.flags.get("db");
  return resolve(typeof flag === "string" ? flag : process.env.NIANBAO_DB || "data/db.json");
}

/**
 * Open the library; writers take the db lock (saying what they are: the bot, an ingest, the local
 * chat), readers do not. The db's folder is created when missing.
 *
 * `data/db.json` names the store: the SQLite store is `data/db.sqlite` (catalog, records and the
 * full-text index; filled once from `data/db.json` and `data/db.records/` when those exist), the
 * JSON store `data/db.json` + `data/db.records/` + `data/db.index/`. Both keep the files as
 * received in `data/db.originals/` and the addresses in `data/db.addresses.json`.
 */
export async function openLibrary(
  dbPath: string,
  opts: {
    write: boolean;
    role?: LockRole;
    corpusDir?: string;
    store?: StoreKind;
    /**
     * PostgreSQL instead (postgres://…; DATABASE_URL when neither this nor `store` is given):
     * shared by every process that opens it, so only the bot takes the lock, and only for its data
     * folder (the upload journal, the inbox).
     */
    databaseUrl?: string;
    /** Read files in a worker thread (the bot); `onReaderFallback` hears when none can start. */
    parseWorker?: boolean;
    /** Read files in this many worker threads, ended when idle (a bulk ingest: bulkWorkers()). */
    readers?: number;
    /**
     * The process answers questions (the bot, chat, ask): jieba's dictionary, which answers need,
     * loads in a thread of its own from now on, while the catalog is read (index/segment.ts).
     */
    answering?: boolean;
    onReaderFallback?: (reason: string) => void;
  },
): Promise<{ lib: CoreLibrary; release: () => void; pg?: PgLibrary }> {
  if (opts.answering) startSegmenter();
  const store = opts.store ?? parseStoreKind(process.env.NIANBAO_STORE);
  const databaseUrl = "databaseUrl" in opts ? opts.databaseUrl : opts.store ? undefined : process.env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl) {
    const release = opts.write && opts.role === "bot" ? acquireLock(dbPath, "bot") : () => {};
    try {
      // Loaded only here: the embedded store never loads the PostgreSQL client.
      const { openPgLibrary } = await import("./store/pg-library.js");
      const pg = await openPgLibrary(databaseUrl, {
        cut: toPassages,
        ...(opts.parseWorker
          ? { reader: warmed(createReader({ worker: true, prepare: true, ...(opts.onReaderFallback ? { onFallback: opts.onReaderFallback } : {}) })) }
          : {}),
        readOnly: !opts.write,
        ...(opts.corpusDir ? { corpusDir: opts.corpusDir } : {}),
      });
      return { lib: pg.lib, release, pg };
    } catch (err) {
      release();
      throw err;
    }
  }
  const release = opts.write ? acquireLock(dbPath, opts.role ?? "writer") : () => {};
  let sqlite: ReturnType<typeof openSqlite> | undefined;
  try {
    ensureDir(resolve(dbPath, ".."));
    const base = dbPath.replace(/\.json$/i, "");
    const common = {
      // The bot reads files in a worker thread so questions are answered meanwhile; a command
      // that only ingests has nothing to keep answering.
      // The workers make what the SQLite store keeps of a report too (the JSON store keeps other forms).
      ...(opts.parseWorker
        ? {
            reader: warmed(
              createReader({ worker: true, prepare: store === "sqlite", ...(opts.onReaderFallback ? { onFallback: opts.onReaderFallback } : {}) }),
            ),
          }
        : {}),
      ...(opts.readers ? { reader: createBulkReader(opts.readers, { prepare: store === "sqlite" }) } : {}),
      // A bulk ingest writes the files' bytes from a thread of its own (the main thread stores every report).
      originals: fileOriginalStore(`${base}.originals`, opts.readers ? { writer: createOriginalWriter() } : {}),
      addresses: fileAddressBook(`${base}.addresses.json`),
      readOnly: !opts.write,
      ...(opts.corpusDir ? { corpusDir: opts.corpusDir } : {}),
    };
    let lib: CoreLibrary;
    if (store === "sqlite") {
      const db = (sqlite = openSqlite(`${base}.sqlite`, { readOnly: !opts.write }));
      if (opts.write) {
        const migrated = await migrateJsonStore(db, dbPath, `${base}.records`, toPassages);
        if (migrated) console.error(`已把 ${dbPath}（${migrated.reports} 份报告，${migrated.records} 条记录）迁入 ${base}.sqlite；原文件保留未动。`);
      }
      const catalogDb = await openDb(sqliteDbAdapter(db), `${base}.sqlite`);
      lib = await createLibrary({
        ...common,
        db: catalogDb,
        botState: await openBotStateOf(base, catalogDb, opts.write),
        records: sqliteRecordStore(db, toPassages),
        createIndex: (passagesOf, { fresh }) => createFtsIndex(db, passagesOf, { fresh, readOnly: !opts.write }),
        writeBatch: sqliteWriteBatch(db),
      });
    } else {
      const catalogDb = await openDb(fileAdapter(dbPath), dbPath);
      lib = await createLibrary({
        ...common,
        db: catalogDb,
        botState: await openBotStateOf(base, catalogDb, opts.write),
        records: fileRecordStore(`${base}.records`),
        indexPath: `${base}.index`,
      });
    }
    // The database stays open after the lock is released (the local chat answers on): the
    // process's exit closes it, and WAL replays anything not checkpointed at the next open.
    return { lib, release };
  } catch (err) {
    sqlite?.close();
    release();
    throw err;
  }
}

/** data/db.bot.json: the bot's counters, written apart from the catalog (an older db's field taken once). */
function openBotStateOf(base: string, db: Awaited<ReturnType<typeof openDb>>, write: boolean) {
  return openBotState(durableJsonFile<BotState>(`${base}.bot.json`), db.data.bot, { readOnly: !write });
}

/** Start the reader's worker in the background, so the first upload does not wait for it. */
function warmed(reader: Reader): Reader {
  void reader.warm();
  return reader;
}

function printAnswer(a: Answer, json: boolean): void {
  process.stdout.write(json ? JSON.stringify(a) + "\n" : a.text + "\n");
}

async function cmdParse(args: Args): Promise<number> {
  const file = args.positional[0];
  if (!file) return fail("parse 需要一个文件：npm run cli -- parse <文件> [--json]");
  const read = readReportFile(file);
  if (!read.ok) return fail(`${file}：${read.error}`);
  const extracted = await extractText(file, read.data);
  if (!extracted.ok) return fail(extracted.error);
  const parsed = parseReport(extracted.text, { name: basename(file), ...(extracted.warnings ? { inputWarnings: extracted.warnings } : {}) });
  if (!parsed.ok) return fail(parsed.error);
  const r = parsed.report;
  if (args.flags.has("json")) {
    process.stdout.write(JSON.stringify(r, null, 2) + "\n");
    return 0;
  }
  console.log(`${r.org}（${r.region}，${r.level}）${r.year ?? "年份不明"}年  格式 ${r.template}  数字 ${r.figures.length}  章节 ${r.sections.length}`);
  for (const f of r.figures.filter((x) => !x.slice || !/^[a-z_]+$/.test(x.slice))) {
    console.log(
      `  ${f.metric}${f.slice ? `[${f.slice}]` : ""} = ${f.value === null ? "空白" : `${f.value}${f.unit}`} (${f.source}${f.certain ? "" : ", 不确定"}) 第${f.evidence.line}行`,
    );
  }
  for (const w of r.warnings) console.log(`  ⚠ ${w.message}`);
  return 0;
}

/**
 * Whether a file's line is printed without --verbose: what the operator should look at (a failure,
 * a text held or stored with parts missing, a revision), not every file of a folder of thousands.
 */
export function worthALine(res: IngestResult): boolean {
  return !res.ok || res.status === "held" || res.status === "revision" || (res.status === "added" && !!res.missing?.length);
}

/** One line of the ingest output: "✓" only for what was stored as a report. */
export function ingestLine(file: string, res: IngestResult): string {
  if (!res.ok) return `✗ ${file}：${res.error}`;
  const r = res.report;
  const who = `${r.org || "（机关不明）"} ${r.year ?? "?"}年 ${r.template}，${res.figures} 个数字${res.warnings.length ? `，${res.warnings.length} 条提示` : ""}`;
  const of = res.of ? `${res.of.org} ${res.of.year ?? "?"}年` : "";
  switch (res.status) {
    case "added":
      return res.missing?.length ? `✓ ${file}：${who}——缺少${res.missing.join("、")}，已收录（命令行导入即管理员确认），不通知订阅者` : `✓ ${file}：${who}`;
    case "revision":
      return `✓ ${file}：${who}——${of}的修订版（${res.changed?.length ?? 0} 项数字不同），已存为新版本`;
    case "rendition":
      return res.answers ? `✓ ${file}：${who}——${of}的另一个文件，读得更好，改由它回答` : `= ${file}：${of}的另一个文件（数字相同），已记下，未重复保存`;
    case "duplicate":
      return `= ${file}：已经导入过（${of}），未重复保存`;
    case "held":
      return `⏸ ${file}：${who}——缺少${res.missing?.join("、")}，待管理员在机器人里确认后才收录`;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The running bot owns the db: hand the files to it through its inbox and wait (while it runs)
 * for what it did with each.
 */
async function handOver(files: string[], dbPath: string, pid: number, strict: boolean): Promise<number> {
  const inbox = join(resolve(dbPath, ".."), "inbox");
  mkdirSync(inbox, { recursive: true });
  console.error(`数据库正由运行中的机器人（pid ${pid}）使用：把 ${files.length} 个文件交给它导入（${inbox}）……`);
  const names = new Map<string, string>();
  files.forEach((f, i) => {
    // Copy under a name the watcher ignores, then rename: it never reads a half-written file.
    const name = `${Date.now()}-${process.pid}-${i}-${basename(f)}`;
    copyFileSync(f, join(inbox, `.${name}.part`));
    renameSync(join(inbox, `.${name}.part`), join(inbox, name));
    names.set(name, f);
  });
  let failed = 0;
  let stored = 0;
  while (names.size > 0) {
    for (const [name, file] of [...names]) {
      for (const dir of ["done", "failed"]) {
        const path = join(inbox, dir, `${name}.result.json`);
        if (!existsSync(path)) continue;
        let res: IngestResult;
        try {
          res = (JSON.parse(readFileSync(path, "utf8")) as { result: IngestResult }).result;
        } catch {
          continue; // being written
        }
        console.error(ingestLine(file, res));
        if (!res.ok) failed++;
        else if (res.status !== "duplicate") stored++;
        names.delete(name);
      }
    }
    if (names.size === 0) break;
    if (!lockHolder(dbPath)) {
      console.error(`机器人（pid ${pid}）已停止：其余 ${names.size} 个文件留在 ${inbox}，下次启动时导入。`);
      return 1;
    }
    await sleep(250);
  }
  console.log(`机器人已处理 ${files.length} 个文件：收录 ${stored} 个，失败 ${failed} 个。`);
  return failed === files.length || (failed > 0 && strict) ? 1 : 0;
}

async function cmdIngest(args: Args): Promise<number> {
  if (args.positional.length === 0) return fail("ingest 需要文件或目录：npm run cli -- ingest data/reports");
  const missing = args.positional.filter((p) => !existsSync(p));
  for (const p of missing) console.error(`✗ ${p}：路径不存在`);
  // Regular files only: links out of the folder, loops, FIFOs and devices are refused with a reason.
  const { files, refused } = listReportFiles(args.positional.filter((p) => existsSync(p)));
  for (const { path, reason } of refused) console.error(`✗ ${path}：${reason}`);
  if (files.length === 0) {
    if (missing.length === 0 && refused.length === 0) console.error(`没有找到可导入的文件（${SUPPORTED_EXTENSIONS.join(" ")}）：${args.positional.join(" ")}`);
    return 1;
  }
  const dbPath = dbPathOf(args);
  const workersFlag = Number(args.flags.get("workers"));
  const workers = Number.isInteger(workersFlag) && workersFlag > 0 ? workersFlag : bulkWorkers();
  const verbose = args.flags.has("verbose");
  // Take the db, or wait for whichever process has it; the bot is handed the files instead.
  let waitingFor = 0;
  let opened: Awaited<ReturnType<typeof openLibrary>> | undefined;
  while (!opened) {
    try {
      opened = await openLibrary(dbPath, { write: true, role: "ingest", readers: workers });
    } catch (err) {
      if (!(err instanceof LockedError) || err.pid === 0) throw err;
      if (err.role === "bot") return (await handOver(files, dbPath, err.pid, args.flags.has("strict"))) || (missing.length ? 1 : 0);
      if (waitingFor !== err.pid) {
        waitingFor = err.pid;
        console.error(`数据库正由进程 ${err.pid}（${ROLE_NAMES[err.role] || "另一个进程"}）使用：等它结束后再导入……`);
      }
      await sleep(200);
    }
  }
  const { lib, release } = opened;
  try {
    const counts = { added: 0, revision: 0, rendition: 0, duplicate: 0, held: 0, failed: 0 };
    await lib.ingestPaths(
      files,
      (file, res) => {
        if (!res.ok) counts.failed++;
        else counts[res.status]++;
        if (verbose || worthALine(res)) console.error(ingestLine(file, res));
      },
      { confirm: !args.flags.has("hold") },
    );
    console.log(
      `导入 ${counts.added} 份，修订 ${counts.revision} 份，同一报告的其他文件 ${counts.rendition} 个，已存在 ${counts.duplicate} 份，待确认 ${counts.held} 份，失败 ${counts.failed + refused.length + missing.length} 份；库中共 ${lib.size} 份。`,
    );
    // A folder of real reports holds some that are no report (a scanned page, a banner): they are
    // listed above and counted, and the library is still usable, so the run succeeds unless a
    // path was wrong, nothing at all could be read, or --strict asks for every file.
    const usable = files.length - counts.failed > 0;
    return missing.length > 0 || !usable || (counts.failed + refused.length > 0 && args.flags.has("strict")) ? 1 : 0;
  } finally {
    await lib.close();
    release();
  }
}

async function cmdAsk(args: Args): Promise<number> {
  const { lib } = await openLibrary(dbPathOf(args), { write: false, answering: true });
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
  const a = lib.ask(q);
  printAnswer(a, args.flags.has("json"));
  const chart = args.flags.get("chart");
  if (chart !== undefined) return writeChart(a, chart);
  return 0;
}

const LOCAL_CHAT = "local";

/**
 * A local chat: one question a line; works piped (`echo 问题 | npm start`). Ctrl-D ends it. It keeps
 * the conversation as the bot does: a fragment (那2019年呢) completes the last question, a number
 * picks a choice offered.
 */
export async function runChat(
  lib: Pick<CoreLibrary, "ask" | "size">,
  io: { input: NodeJS.ReadableStream & { isTTY?: boolean }; output: NodeJS.WritableStream } = { input: process.stdin, output: process.stdout },
  conversation = new Conversations(),
): Promise<void> {
  const tty = Boolean(io.input.isTTY);
  const say = (text: string) => void io.output.write(`${text}\n`);
  if (tty) say(`nianbao 本地对话：库中有 ${lib.size} 份报告。输入问题，例如“长寿区2018年行政复议多少件”；Ctrl-D 退出。`);
  const rl = createInterface({ input: io.input, output: tty ? io.output : undefined, terminal: tty, crlfDelay: Infinity });
  if (tty) rl.setPrompt("问> "), rl.prompt();
  for await (const line of rl) {
    // An empty line (an Enter too many) is no question, and no reason to leave.
    if (line.trim()) {
      // A number picks one of the choices just offered; anything else is a question, read against the last one.
      const pending = conversation.pending(LOCAL_CHAT);
      const pick = pending && /^\s*\d{1,2}\s*$/.test(line) ? picked(pending, Number(line) - 1) : null;
      const a = lib.ask(pick ?? line, conversation.context(LOCAL_CHAT));
      conversation.remember(LOCAL_CHAT, a);
      if (pick) say(`❓ ${pick}`);
      say(a.text);
      if (a.choices?.length && a.choiceFor) say(`请回复序号选择：${a.choices.map((c, i) => `${i + 1}. ${c}`).join("  ")}`);
    }
    if (tty) rl.prompt();
  }
  rl.close();
}

async function cmdChat(args: Args): Promise<number> {
  const { lib } = await openLibrary(dbPathOf(args), { write: false, answering: true });
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
      case "source":
        return await cmdSource(args, (await openLibrary(dbPathOf(args), { write: false })).lib);
      case "export":
        return await cmdExport(args, (await openLibrary(dbPathOf(args), { write: false })).lib);
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

/**
 * Output piped into a reader that stops early (`| head`): the rest is not wanted, so stop quietly
 * instead of crashing with EPIPE.
 */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

if (process.argv[1] && /cli\.(ts|js)$/.test(process.argv[1])) {
  process.umask(0o077); // what this process makes is its owner's only (see main.ts)
  quietOnClosedPipe();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
