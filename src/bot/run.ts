// Running the bot: long polling through @grammyjs/runner, or a webhook server when WEBHOOK_URL
// is set; plus command registration and the alert machinery. Everything talks to
// config.apiRoot, so a self-hosted Bot API server works for polling, webhooks and downloads.
import { createServer, type Server } from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { Update } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { BotStore, Library } from "../service.js";
import type { BotDeps } from "./context.js";
import { startAlertLoop, watchReports } from "./alerts.js";
import { createBot } from "./bot.js";
import { registerCommands } from "./commands.js";
import { describeError } from "./errors.js";
import type { UploadJournal } from "./journal.js";

export interface StartBotOptions {
  config: Config;
  library: Library;
  botStore: BotStore;
  logger: Logger;
  /** Uploads are kept here until handled and replayed at start (journal.ts). */
  journal?: UploadJournal;
  /** 原文/表格 buttons, /export, charts, /ingest by address (see BotDeps). */
  extras?: Pick<BotDeps, "reuse" | "chart" | "fetchReport">;
}

/** Starts that may try one journaled upload before it is given up (with a log line). */
const MAX_REPLAYS = 3;

/** The update types the bot handles (my_chat_member: learn when it is removed from a chat). */
export const ALLOWED_UPDATES = ["message", "edited_message", "callback_query", "inline_query", "my_chat_member"] as const;

/** Telegram's updates are small; anything bigger is not from Telegram. */
const MAX_WEBHOOK_BODY = 1024 * 1024;

/** Start the Telegram bot; resolves once it is receiving updates, to a function that stops it. */
export async function startBot({ config, library, botStore, logger, journal, extras }: StartBotOptions): Promise<() => Promise<void>> {
  const token = config.token;
  if (!token) throw new Error("startBot: TELEGRAM_BOT_TOKEN is not set");
  const bot = createBot(token, { library, botStore, logger, settings: config, ...(journal ? { journal } : {}), ...extras }, { apiRoot: config.apiRoot });
  if (journal) {
    // Uploads are written down before the getUpdates call that fetched them returns: the runner's
    // next call, which confirms them to Telegram, comes after.
    bot.api.config.use(async (prev, method, payload, signal) => {
      const res = await prev(method, payload, signal);
      if (method === "getUpdates" && res.ok) journal.record(res.result as unknown as Update[]);
      return res;
    });
  }
  await bot.init();
  logger.info({ username: bot.botInfo.username, apiRoot: config.apiRoot }, "telegram bot connected");

  try {
    const { failedAdminIds } = await registerCommands(bot, config);
    if (failedAdminIds.length > 0) {
      logger.warn({ failedAdminIds }, "admin command menu not set (has the admin opened a chat with the bot?)");
    }
  } catch (error) {
    logger.warn({ err: describeError(error, token) }, "setMyCommands failed; continuing without a command menu");
  }

  const loop = startAlertLoop({ api: bot.api, library, botStore, logger });
  const watcher = watchReports({ library, botStore, logger }, () => loop.kick());

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
      logger.info({ port: addressPort(server) }, "webhook server listening");
    } else {
      // A webhook left over from an earlier deployment would make getUpdates fail with 409.
      await bot.api.deleteWebhook();
      const runner: RunnerHandle = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
      logger.info("long polling started");
      stopReceiving = async () => {
        if (runner.isRunning()) await runner.stop();
      };
    }
  } catch (error) {
    // Leave nothing running behind a failed start.
    watcher.stop();
    await stopReceiving();
    await loop.stop();
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      watcher.stop();
      await stopReceiving();
      await loop.stop();
      logger.info("telegram bot stopped");
    })();
    return stopped;
  };
}

async function serveWebhook(bot: ReturnType<typeof createBot>, config: Config, logger: Logger): Promise<Server> {
  const webhook = config.webhook;
  if (!webhook) throw new Error("serveWebhook without webhook config");
  const path = new URL(webhook.url).pathname;
  // grammY compares X-Telegram-Bot-Api-Secret-Token in constant time and answers 401 otherwise.
  // Long handlers (ingest, reindex) keep running after Telegram got its 200, so it does not
  // resend the update.
  const handle = webhookCallback(bot, "http", {
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
      res.writeHead(413).end();
      return;
    }
    handle(req, res).catch((error: unknown) => {
      logger.error({ err: describeError(error, config.token ?? "") }, "webhook request failed");
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, () => {
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
