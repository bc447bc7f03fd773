// Running the bot: long polling through @grammyjs/runner, or a webhook server when WEBHOOK_URL
// is set; plus command registration and the alert machinery. Everything talks to
// config.apiRoot, so a self-hosted Bot API server works for polling, webhooks and downloads.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { RunnerHandle } from "@grammyjs/runner";
import { Api, GrammyError, webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import { createDelivery } from "../alerts/delivery.js";
import { createAlertEngine, legacyFilter } from "../alerts/engine.js";
import type { SharedAlertStore } from "../alerts/pg-store.js";
import { type AlertRunner, senderOnly, startAlertRunner } from "../alerts/run.js";
import { type AlertStore, memoryAlertStore } from "../alerts/store.js";
import type { Config } from "../config.js";
import { segment as jiebaSegment } from "../index/segment.js";
import type { BotStore, Library } from "../service.js";
import { createBot } from "./bot.js";
import { registerCommands } from "./commands.js";
import type { BotDeps } from "./context.js";
import { describeError } from "./errors.js";
import type { UploadJournal } from "./journal.js";
import { startPolling } from "./polling.js";
import { pause } from "./retry.js";
import type { UpdateClaims } from "./updates.js";

export interface StartBotOptions {
  config: Config;
  library: Library;
  botStore: BotStore;
  logger: Logger;
  /** Uploads are kept here until handled and replayed at start (journal.ts). */
  journal?: UploadJournal;
  /** 原文/表格 buttons, /export, charts, /ingest by address (see BotDeps). */
  extras?: Pick<BotDeps, "reuse" | "chart" | "fetchReport">;
  /**
   * Where subscriptions and the alert outbox live (src/alerts/store.ts); in memory by default.
   * Shared by several processes (alerts/pg-store.ts): one of them sends.
   */
  alertStore?: AlertStore | SharedAlertStore;
  /** Processes sharing one database: each update handled once among them (updates.ts). */
  updates?: UpdateClaims;
  /** Tokens for word filters; jieba by default. */
  segment?: (text: string) => string[];
  /**
   * Aborted when the process is asked to stop: a start still waiting for the Bot API gives up,
   * and requests waiting to be retried fail at once, so shutdown stays bounded.
   */
  shutdown?: AbortSignal;
}

/** Starts that may try one journaled upload before it is given up (with a log line). */
const MAX_REPLAYS = 3;

/** The update types the bot handles (my_chat_member: learn when it is removed from a chat). */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] as const;

/** Telegram's updates are small; anything bigger is not from Telegram. */
export const MAX_WEBHOOK_BODY = 1024 * 1024;
/** A webhook request (headers and body) must have arrived within this time. */
const WEBHOOK_REQUEST_TIMEOUT_MS = 30_000;

/** A webhook request answered with an error status before grammY saw an update (413, 400). */
class RejectedRequest extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The body as JSON, reading at most `limit` bytes whatever Content-Length says (a chunked body
 * has none): past the limit the request is answered 413 and its connection closed, so nothing
 * more is read.
 */
function readJsonBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Update> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off("data", onData);
      chunks.length = 0;
      res.writeHead(413, { Connection: "close" }).end();
      res.once("finish", () => req.destroy());
      reject(new RejectedRequest(413, `webhook body over ${limit} bytes`));
    };
    req.on("data", onData);
    req.once("error", reject);
    req.once("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks, size).toString("utf8")) as Update);
      } catch {
        res.writeHead(400).end();
        reject(new RejectedRequest(400, "webhook body is not JSON"));
      }
    });
  });
}

/**
 * grammY's "http" adapter with a bounded body: grammY compares the secret header first and only
 * then asks for the update, so a request without the secret is never read.
 */
function boundedHttpAdapter(limit: number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const secret = req.headers["x-telegram-bot-api-secret-token"];
    return {
      get update() {
        return readJsonBody(req, res, limit);
      },
      header: Array.isArray(secret) ? secret[0] : secret,
      end: () => void res.end(),
      respond: (json: string) => void res.writeHead(200, { "Content-Type": "application/json" }).end(json),
      unauthorized: () => void res.writeHead(401).end("secret token is wrong"),
      handlerReturn: undefined,
    };
  };
}

/** Start the Telegram bot; resolves once it is receiving updates, to a function that stops it. */
export async function startBot({
  config,
  library,
  botStore,
  logger,
  journal,
  extras,
  alertStore = memoryAlertStore(),
  segment = jiebaSegment,
  shutdown,
  updates,
}: StartBotOptions): Promise<() => Promise<void>> {
  const token = config.token;
  if (!token) throw new Error("startBot: TELEGRAM_BOT_TOKEN is not set");
  const network = config.network;
  let runner: AlertRunner | undefined;
  const alerts = createAlertEngine({ library, store: alertStore, segment, logger, settings: config.alerts, onQueued: () => runner?.kick() });
  await importLegacySubscriptions(botStore, alertStore, segment, logger);
  const bot = createBot(
    token,
    { library, botStore, logger, settings: config, alerts, ...(journal ? { journal } : {}), ...(updates ? { updates } : {}), ...extras },
    {
      apiRoot: config.apiRoot,
      retryBudgetMs: network.replyRetryMs,
      ...(shutdown ? { shutdown } : {}),
    },
  );
  if (journal) {
    // Uploads are written down before the getUpdates call that fetched them returns: the runner's
    // next call, which confirms them to Telegram, comes after.
    bot.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (method === "getUpdates" && res.ok) journal.record(res.result as unknown as Update[]);
      return res;
    });
  }
  await connect(bot, logger, network.pollRetryMaxMs, shutdown);
  logger.info({ username: bot.botInfo.username, apiRoot: config.apiRoot }, "telegram bot connected");

  try {
    const { failedAdminIds } = await registerCommands(bot, config);
    if (failedAdminIds.length > 0) {
      logger.warn({ failedAdminIds }, "admin command menu not set (has the admin opened a chat with the bot?)");
    }
  } catch (error) {
    logger.warn({ err: describeError(error, token) }, "setMyCommands failed; continuing without a command menu");
  }

  // Alerts get an Api of their own, without auto-retry: a 429 is scheduled by the delivery (the
  // chat waits, the others go on) instead of holding the whole pass.
  const makeDelivery = () => createDelivery({ store: alertStore, api: new Api(token, { apiRoot: config.apiRoot }), logger, backoffMs: network.alertRetryMs });
  const shared = "lead" in alertStore ? alertStore : undefined;
  const lead = shared ? () => shared.lead() : undefined;
  const delivery = lead ? senderOnly(makeDelivery, lead) : makeDelivery();
  runner = startAlertRunner({ library, engine: alerts, delivery, logger, ...(lead ? { lead } : {}) });
  // Another process queued (or compacted the store): the sender looks at once.
  shared?.watch((reset) => {
    if (reset) delivery.invalidate();
    runner?.kick();
  });
  const loop = runner;

  // Uploads received but not handled before the last stop: handled now, before anything new
  // (and after the alert watcher is listening, so what they add is announced as it is stored).
  if (journal) {
    for (const { update, tries } of journal.pending()) {
      if (tries >= MAX_REPLAYS) {
        logger.error({ updateId: update.update_id, tries }, "journaled upload failed at every start; given up");
        journal.done(update.update_id);
        continue;
      }
      logger.info({ updateId: update.update_id }, "replaying an upload received before the last stop");
      await bot.handleUpdate(update).catch((error: unknown) => logger.error({ err: describeError(error, token), updateId: update.update_id }, "replay failed"));
    }
  }

  let stopReceiving: () => Promise<void> = async () => undefined;
  try {
    if (config.webhook) {
      const server = await serveWebhook(bot, config, logger);
      stopReceiving = () => closeServer(server);
      await bot.api.setWebhook(config.webhook.url, {
        secret_token: config.webhook.secret,
        allowed_updates: [...ALLOWED_UPDATES],
      });
      logger.info({ host: config.host, port: addressPort(server) }, "webhook server listening");
    } else {
      // A webhook left over from an earlier deployment would make getUpdates fail with 409 (which
      // the poller logs and retries, so a failure here is not fatal).
      await bot.api.deleteWebhook().catch((error: unknown) => logger.warn({ err: describeError(error, token) }, "deleteWebhook failed; polling anyway"));
      const runner: RunnerHandle = startPolling(bot, { logger, allowedUpdates: ALLOWED_UPDATES, maxDelayMs: network.pollRetryMaxMs });
      logger.info("long polling started");
      stopReceiving = async () => {
        if (runner.isRunning()) await runner.stop();
      };
    }
  } catch (error) {
    // Leave nothing running behind a failed start.
    await stopReceiving();
    await loop.stop();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      await stopReceiving();
      await loop.stop();
      logger.info("telegram bot stopped");
    })();
    return stopped;
  };
}

/**
 * Subscriptions of the earlier kind (region, province, keyword or all, kept in the bot's state)
 * moved into the alert store as filters, once; their queued alerts are not carried over.
 */
async function importLegacySubscriptions(botStore: BotStore, store: AlertStore, segment: (t: string) => string[], logger: Logger): Promise<void> {
  const legacy = botStore.read().subscriptions;
  if (!legacy?.length) return;
  let next = store.read().nextId;
  await store.commit(
    legacy.map((l) => ({
      op: "subscribe" as const,
      sub: {
        id: `s${next++}`,
        chatId: l.chatId,
        filter: legacyFilter(l.kind, l.value, segment),
        mode: "immediate" as const,
        createdAt: l.createdAt || new Date().toISOString(),
        text: l.kind === "all" ? "all" : l.value,
      },
    })),
  );
  await botStore.update((s) => {
    s.subscriptions = [];
  });
  logger.info({ subscriptions: legacy.length }, "subscriptions moved to the alert store");
}

/**
 * getMe until it answers: the Bot API unreachable at start is logged at every attempt (with the
 * next one's time) instead of a silent hang. A refused token (401, 404) is fatal; so is shutdown.
 */
async function connect(bot: ReturnType<typeof createBot>, logger: Logger, maxDelayMs: number, shutdown?: AbortSignal): Promise<void> {
  let delay = Math.min(1000, maxDelayMs);
  for (let attempt = 1; ; attempt++) {
    try {
      await bot.init(shutdown as never);
      return;
    } catch (error) {
      if (shutdown?.aborted) throw error;
      if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) throw error;
      logger.warn(
        { err: describeError(error, bot.token), attempt, retryInMs: delay, retryAt: new Date(Date.now() + delay).toISOString() },
        "Bot API not reachable at start; will retry",
      );
      await pause(delay, shutdown);
      delay = Math.min(maxDelayMs * 6, delay * 2);
    }
  }
}

async function serveWebhook(bot: ReturnType<typeof createBot>, config: Config, logger: Logger): Promise<Server> {
  const webhook = config.webhook;
  if (!webhook) throw new Error("serveWebhook without webhook config");
  const path = new URL(webhook.url).pathname;
  // grammY compares X-Telegram-Bot-Api-Secret-Token in constant time and answers 401 otherwise.
  // Long handlers (ingest, reindex) keep running after Telegram got its 200, so it does not
  // resend the update.
  const handle = webhookCallback(bot, boundedHttpAdapter(MAX_WEBHOOK_BODY), {
    secretToken: webhook.secret,
    onTimeout: "return",
    timeoutMilliseconds: 8_000,
  });
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (req.method === "GET" && url.pathname === "/healthz") {
      res.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
      return;
    }
    if (req.method !== "POST" || url.pathname !== path) {
      res.writeHead(404).end();
      return;
    }
    if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BODY) {
      res.writeHead(413, { Connection: "close" }).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      if (error instanceof RejectedRequest) {
        logger.warn({ status: error.status, reason: error.message, remote: req.socket.remoteAddress }, "webhook request rejected");
        return;
      }
      logger.error({ err: describeError(error, config.token ?? "") }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  server.requestTimeout = WEBHOOK_REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return server;
}

function addressPort(server: Server): number | undefined {
  const address = server.address();
  return typeof address === "object" && address !== null ? address.port : undefined;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
