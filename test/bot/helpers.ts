// Test doubles for the bot: a fake Library with canned answers, an in-memory BotStore, a
// recording fake Bot API (a grammY transformer, so no request ever leaves the process) and
// builders for literal Telegram updates.
import { createHash } from "node:crypto";
import type { Bot, Transformer } from "grammy";
import type { Message, Update, UserFromGetMe } from "grammy/types";
import { pino } from "pino";
import { type AlertEngine, createAlertEngine } from "../../src/alerts/engine.js";
import { memoryAlertStore } from "../../src/alerts/store.js";
import { createBot } from "../../src/bot/bot.js";
import { localBotInfo } from "../../src/bot/bot-info.js";
import type { BotContext, BotDeps } from "../../src/bot/context.js";
import type { Answer, AnswerItem, Report } from "../../src/domain.js";
import type { BotState, BotStore, IngestResult, Library, ReindexProgress, ReportSummary } from "../../src/service.js";

export const silentLogger = pino({ level: "silent" });

export const ADMIN_ID = 1001;
export const USER_ID = 2002;
export const GROUP_ID = -100777;

export const BOT_INFO: UserFromGetMe = localBotInfo("nianbao_bot");

// ---------------------------------------------------------------------------------------------
// Fake library

export const CHANGSHOU: ReportSummary = {
  id: "cs2018",
  org: "重庆市长寿区人民政府",
  region: "长寿区",
  fullRegion: "重庆市长寿区",
  province: "重庆市",
  year: 2018,
  template: "stat2016",
  figureCount: 42,
  warningCount: 1,
  sourceName: "000.txt",
};

export const ZIYANG: ReportSummary = {
  id: "zy2020",
  org: "益阳市资阳区人民政府",
  region: "资阳区",
  fullRegion: "益阳市资阳区",
  province: "湖南省",
  year: 2020,
  template: "gbf2019",
  figureCount: 60,
  warningCount: 0,
  sourceName: "001.txt",
};

export const XIHU: ReportSummary = {
  id: "xh2019",
  org: "南昌市西湖区人民政府",
  region: "西湖区",
  fullRegion: "南昌市西湖区",
  province: "江西省",
  year: 2019,
  template: "gbf2019",
  figureCount: 55,
  warningCount: 0,
  sourceName: "004.txt",
};

function answer(question: string, kind: Answer["kind"], text: string, extra: Partial<Answer> = {}): Answer {
  return { question, kind, answers: [], hits: [], warnings: [], text, ...extra };
}

export const REVIEW_ITEMS: AnswerItem[] = [
  {
    reportId: "cs2018",
    org: "重庆市长寿区人民政府",
    region: "长寿区",
    year: 2018,
    metric: "review.total",
    label: "行政复议数量",
    value: 3,
    unit: "件",
    source: "table",
    certain: true,
    evidence: "因政府信息公开申请行政复议数量 | 件 | 3",
    line: 57,
  },
  {
    reportId: "zy2020",
    org: "益阳市资阳区人民政府",
    region: "资阳区",
    year: 2020,
    metric: "review.total",
    label: "行政复议 总计",
    value: 0,
    unit: "件",
    source: "table",
    certain: false,
    note: "表格方向未经勾稽核对",
    evidence: "行政复议 | 结果维持 0 | 结果纠正 0 | 总计 0 <表四>",
    line: 88,
  },
];

/** A reply longer than one Telegram message: many lines, with characters that need escaping. */
export const LONG_TEXT = Array.from({ length: 120 }, (_, i) => `第${i + 1}条：长寿区依申请公开办理情况 & 说明 <详见原文> ${"数据".repeat(10)}`).join("\n");

export interface FakeLibrary extends Library {
  calls: { method: string; arg: string }[];
  reports: ReportSummary[];
  /** Announce a report to onReportAdded listeners (as a reindex or the inbox would). */
  announce(report: ReportSummary): void;
  /** Clock steps taken by reindex between progress reports (see `reindexSteps`). */
  reindexSteps: number;
  onReindexStep?: () => void;
}

/**
 * Canned answers by question:
 * - contains "长文" → a text > 4096 characters;
 * - contains "<" or "&" → the question echoed back inside the text, plus `<b>` and `&` of its own;
 * - contains "复议" or "对比" → two figures with evidence (one uncertain, with a note);
 * - contains "爆炸" → throws (an internal error);
 * - anything else → kind "none".
 */
export function fakeLibrary(initial: ReportSummary[] = [CHANGSHOU, ZIYANG]): FakeLibrary {
  const listeners = new Set<(r: ReportSummary) => void>();
  const lib: FakeLibrary = {
    calls: [],
    reports: [...initial],
    reindexSteps: 10,
    ask(question) {
      lib.calls.push({ method: "ask", arg: question });
      if (question.includes("爆炸")) throw new Error("index exploded");
      if (question.includes("长文")) return answer(question, "search", LONG_TEXT);
      if (/[<&]/.test(question)) {
        return answer(question, "none", `没有找到“${question}”。提示：A&B <b>不是标签</b>`);
      }
      if (/复议|对比/.test(question)) {
        return answer(question, "compare", "长寿区2018年行政复议 3 件；资阳区2020年 0 件。", {
          answers: REVIEW_ITEMS,
          warnings: ["资阳区：表格方向未经勾稽核对"],
        });
      }
      return answer(question, "none", "没有找到相关数字。");
    },
    search(words) {
      lib.calls.push({ method: "search", arg: words });
      return answer(words, "search", `找到 1 处“${words}”。`, {
        hits: [
          {
            reportId: "cs2018",
            org: "重庆市长寿区人民政府",
            region: "长寿区",
            year: 2018,
            section: "三、依申请公开",
            snippet: "全年共受理【依申请公开】申请 12 件 <全部办结>",
            line: 31,
            score: 3.2,
          },
        ],
      });
    },
    listReports() {
      return [...lib.reports];
    },
    reportCard(query) {
      lib.calls.push({ method: "reportCard", arg: query });
      return answer(query, "list", `重庆市长寿区 2018 年报告：主动公开 1234 条。`, { answers: [REVIEW_ITEMS[0]] });
    },
    getReport(id): Report | undefined {
      const s = lib.reports.find((r) => r.id === id);
      if (!s) return undefined;
      return {
        id: s.id,
        org: s.org,
        region: s.region,
        fullRegion: s.fullRegion,
        aliases: [s.region, s.region.replace(/[区县市]$/, ""), s.fullRegion, s.org],
        level: "county",
        province: s.province,
        year: s.year,
        template: s.template,
        title: `${s.fullRegion}${s.year}年政府信息公开工作年度报告`,
        figures: [],
        sections: [],
        warnings: [],
        sourceName: s.sourceName,
        chars: 1000,
      };
    },
    async ingestFile(name, data): Promise<IngestResult> {
      lib.calls.push({ method: "ingestFile", arg: name });
      const text = new TextDecoder().decode(data);
      if (text.startsWith("BAD")) return { ok: false, error: "无法识别的文件内容 <binary>" };
      const id = createHash("sha256").update(data).digest("hex").slice(0, 16);
      const existing = lib.reports.find((r) => r.id === id);
      const report: ReportSummary = existing ?? {
        ...CHANGSHOU,
        id,
        year: 2021,
        org: "重庆市长寿区人民政府",
        sourceName: name,
      };
      if (!existing) lib.reports.push(report);
      // Announce every time, duplicates included: the alert queue must not rely on the core
      // announcing a report only once.
      lib.announce(report);
      return { ok: true, status: existing ? "duplicate" : "added", duplicate: existing !== undefined, report, warnings: ["表三 合计 ≠ 各项之和"], figures: 42 };
    },
    async reindex(onProgress?: (p: ReindexProgress) => void) {
      lib.calls.push({ method: "reindex", arg: "" });
      for (let done = 1; done <= lib.reindexSteps; done++) {
        lib.onReindexStep?.();
        onProgress?.({ done, total: lib.reindexSteps });
        await Promise.resolve();
      }
      return { reports: lib.reports.length, added: [], changed: [], kept: [], held: 0, failed: ["broken <1>.pdf"] };
    },
    listHeld: () => [],
    async decideHeld() {
      return undefined;
    },
    onReportAdded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    announce(report) {
      for (const l of listeners) l(report);
    },
  };
  return lib;
}

// ---------------------------------------------------------------------------------------------
// In-memory BotStore

export interface MemoryBotStore extends BotStore {
  writes: number;
  /** The persisted state as JSON, as a restarted process would load it. */
  dump(): string;
}

export function emptyState(): BotState {
  return { subscriptions: [], alerts: [], stats: { questions: 0, failures: 0, ingested: 0 } };
}

export function memoryBotStore(initial: BotState = emptyState()): MemoryBotStore {
  let state = structuredClone(initial);
  const store: MemoryBotStore = {
    writes: 0,
    read: () => state,
    async update(mutate) {
      const draft = structuredClone(state);
      mutate(draft);
      state = draft;
      store.writes += 1;
    },
    dump: () => JSON.stringify(state),
  };
  return store;
}

export function restoredStore(from: MemoryBotStore): MemoryBotStore {
  return memoryBotStore(JSON.parse(from.dump()) as BotState);
}

// ---------------------------------------------------------------------------------------------
// Recording fake Bot API

export interface ApiCall {
  method: string;
  payload: Record<string, unknown>;
}

type Reply =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };

export interface Recorder {
  calls: ApiCall[];
  /** Calls of one method, in order. */
  of(method: string): ApiCall[];
  /** Texts sent with sendMessage (optionally to one chat). */
  sent(chatId?: number): string[];
  /** Queue replies for the next calls of `method` (consumed in order, then the default). */
  failNext(method: string, ...replies: Reply[]): void;
  transformer: Transformer;
}

let messageIds = 500;

function fakeMessage(payload: Record<string, unknown>): Message {
  const chatId = Number(payload.chat_id);
  return {
    message_id: ++messageIds,
    date: Math.floor(Date.now() / 1000),
    chat: chatId > 0 ? { id: chatId, type: "private", first_name: "User" } : { id: chatId, type: "supergroup", title: "Group" },
    from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
    text: String(payload.text ?? ""),
  } as Message;
}

function defaultResult(method: string, payload: Record<string, unknown>): unknown {
  switch (method) {
    case "getMe":
      return BOT_INFO;
    case "sendMessage":
    case "editMessageText":
      return fakeMessage(payload);
    case "getFile":
      return { file_id: payload.file_id, file_unique_id: "u1", file_size: 20, file_path: "documents/file_7.txt" };
    default:
      return true;
  }
}

export function recorder(): Recorder {
  const calls: ApiCall[] = [];
  const queued = new Map<string, Reply[]>();
  const rec: Recorder = {
    calls,
    of: (method) => calls.filter((c) => c.method === method),
    sent: (chatId) =>
      calls.filter((c) => c.method === "sendMessage" && (chatId === undefined || c.payload.chat_id === chatId)).map((c) => String(c.payload.text)),
    failNext(method, ...replies) {
      queued.set(method, [...(queued.get(method) ?? []), ...replies]);
    },
    transformer: (async (_prev, method, payload) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      calls.push({ method, payload: p });
      const next = queued.get(method)?.shift();
      return next ?? { ok: true, result: defaultResult(method, p) };
    }) as Transformer,
  };
  return rec;
}

// ---------------------------------------------------------------------------------------------
// A bot wired to fakes

export interface TestBot {
  bot: Bot<BotContext>;
  api: Recorder;
  library: FakeLibrary;
  store: MemoryBotStore;
  downloads: string[];
  clock: { now: number };
  /** The alert engine behind /subscribe (in memory, words split at spaces). */
  alerts: AlertEngine;
}

export function testBot(options: { library?: FakeLibrary; store?: MemoryBotStore; deps?: Partial<BotDeps>; rateLimitPerMinute?: number } = {}): TestBot {
  const library = options.library ?? fakeLibrary();
  const store = options.store ?? memoryBotStore();
  const api = recorder();
  const downloads: string[] = [];
  const clock = { now: 1_700_000_000_000 };
  const alerts = createAlertEngine({
    library,
    store: memoryAlertStore(),
    segment: (t) => t.split(/\s+/).filter(Boolean),
    logger: silentLogger,
    now: () => clock.now,
  });
  const bot = createBot(
    "123:TEST",
    {
      library,
      botStore: store,
      logger: silentLogger,
      settings: { adminIds: [ADMIN_ID], maxUploadMb: 1, rateLimitPerMinute: options.rateLimitPerMinute ?? 1000 },
      download: async (fileId) => {
        downloads.push(fileId);
        return new TextEncoder().encode(`报告内容 ${fileId}`);
      },
      now: () => clock.now,
      alerts,
      ...options.deps,
    },
    { botInfo: BOT_INFO },
  );
  bot.api.config.use(api.transformer);
  return { bot, api, library, store, downloads, clock, alerts: options.deps?.alerts ?? alerts };
}

// ---------------------------------------------------------------------------------------------
// Updates

let updateIds = 1;
let incomingIds = 1;

export interface MessageOptions {
  chatId?: number;
  userId?: number;
  chatType?: "private" | "group" | "supergroup";
  edited?: boolean;
  document?: { file_id: string; file_name?: string; file_size?: number };
  /** The album (media group) a document belongs to. */
  mediaGroup?: string;
  replyToDocument?: { file_id: string; file_name?: string; file_size?: number };
  /** The message replies to one of the bot's own messages (its text). */
  replyToBot?: string;
}

export function messageUpdate(text: string, o: MessageOptions = {}): Update {
  const userId = o.userId ?? USER_ID;
  const chatType = o.chatType ?? (o.chatId !== undefined && o.chatId < 0 ? "supergroup" : "private");
  const chatId = o.chatId ?? userId;
  const chat = chatType === "private" ? { id: chatId, type: "private" as const, first_name: "Tester" } : { id: chatId, type: chatType, title: "测试群" };
  const command = /^\/\S+/.exec(text);
  const entities = command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : undefined;
  const base = {
    message_id: ++incomingIds,
    date: Math.floor(Date.now() / 1000),
    chat,
    from: { id: userId, is_bot: false, first_name: "Tester" },
  };
  const body = o.document
    ? {
        document: { file_unique_id: `u-${o.document.file_id}`, ...o.document },
        ...(text ? { caption: text, caption_entities: entities } : {}),
        ...(o.mediaGroup ? { media_group_id: o.mediaGroup } : {}),
      }
    : { text, entities };
  const reply = o.replyToDocument
    ? {
        reply_to_message: {
          ...base,
          message_id: incomingIds - 1000,
          document: { file_unique_id: `u-${o.replyToDocument.file_id}`, ...o.replyToDocument },
        },
      }
    : o.replyToBot !== undefined
      ? {
          reply_to_message: {
            ...base,
            message_id: incomingIds - 1000,
            from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name, username: BOT_INFO.username },
            text: o.replyToBot,
          },
        }
      : {};
  const message = { ...base, ...body, ...reply, ...(o.edited ? { edit_date: base.date + 5 } : {}) } as Message;
  return o.edited ? ({ update_id: ++updateIds, edited_message: message } as Update) : ({ update_id: ++updateIds, message } as Update);
}

/** A getChatMember answer: the user has this status in the group. */
export function chatMember(status: "creator" | "administrator" | "member" | "left", userId = USER_ID) {
  return { ok: true as const, result: { status, user: { id: userId, is_bot: false, first_name: "Tester" } } };
}

export function callbackUpdate(data: string, o: { userId?: number; chatId?: number } = {}): Update {
  const userId = o.userId ?? USER_ID;
  const chatId = o.chatId ?? userId;
  return {
    update_id: ++updateIds,
    callback_query: {
      id: `cb${updateIds}`,
      from: { id: userId, is_bot: false, first_name: "Tester" },
      chat_instance: "ci",
      data,
      message: {
        message_id: 9,
        date: Math.floor(Date.now() / 1000),
        chat: chatId > 0 ? { id: chatId, type: "private", first_name: "Tester" } : { id: chatId, type: "supergroup", title: "测试群" },
        from: { id: BOT_INFO.id, is_bot: true, first_name: BOT_INFO.first_name },
        text: "earlier message",
      },
    },
  } as Update;
}

export function inlineUpdate(query: string, userId = USER_ID): Update {
  return {
    update_id: ++updateIds,
    inline_query: { id: `iq${updateIds}`, from: { id: userId, is_bot: false, first_name: "Tester" }, query, offset: "" },
  } as Update;
}
