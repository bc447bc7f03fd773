// The bot: grammY Bot with the Bot API root configured, bounded retries on its API, updates of one
// chat kept in order, and the features installed behind one error boundary.
import { sequentialize } from "@grammyjs/runner";
import { Bot, type BotError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import { DEFAULT_API_ROOT } from "../config.js";
import { Conversations } from "../qa/conversation.js";
import { parseCommand } from "./commands.js";
import { type BotContext, type BotDeps, contextConstructor } from "./context.js";
import { downloadTelegramFile } from "./download.js";
import { APOLOGY, describeError } from "./errors.js";
import { adminFeature } from "./features/admin.js";
import { askFeature } from "./features/ask.js";
import { compareFeature } from "./features/compare.js";
import { exportFeature } from "./features/export.js";
import { inlineFeature } from "./features/inline.js";
import { pagesFeature, staleButtonsFeature } from "./features/pages.js";
import { reportsFeature } from "./features/reports.js";
import { searchFeature } from "./features/search.js";
import { sourcesFeature } from "./features/sources.js";
import { startFeature } from "./features/start.js";
import { subscriptionsFeature } from "./features/subscriptions.js";
import { carriesUpload } from "./journal.js";
import { PageStore } from "./pages.js";
import { RateLimiter, rateLimit } from "./rate-limit.js";
import { boundedRetry, isDeliveryFailure } from "./retry.js";

export { registerCommands } from "./commands.js";
export type { BotContext, BotDeps } from "./context.js";

export interface CreateBotOptions {
  /** Skip getMe (tests, or a cached value). */
  botInfo?: UserFromGetMe;
  /** Bot API server root, e.g. a self-hosted server; default https://api.telegram.org. */
  apiRoot?: string;
  /** Total time one Bot API request is retried (5xx, 429, network). Defaults to 60 000 ms. */
  retryBudgetMs?: number;
  /** Aborted at shutdown: requests waiting to be retried fail at once. */
  shutdown?: AbortSignal;
}

/** Updates of one chat (or, for inline queries, one user) are handled one after another. */
function orderKey(ctx: BotContext): string | undefined {
  const id = ctx.chat?.id ?? ctx.from?.id;
  return id === undefined ? undefined : String(id);
}

export function createBot(token: string, deps: BotDeps, options: CreateBotOptions = {}): Bot<BotContext> {
  const apiRoot = (options.apiRoot ?? DEFAULT_API_ROOT).replace(/\/+$/, "");
  const maxBytes = deps.settings.maxUploadMb * 1024 * 1024;
  const fullDeps = {
    ...deps,
    now: deps.now ?? Date.now,
    conversations: deps.conversations ?? new Conversations({ now: deps.now ?? Date.now }),
    pages: deps.pages ?? new PageStore(),
    download: deps.download ?? ((fileId: string) => downloadTelegramFile(fileId, { api: bot.api, token, apiRoot, maxBytes })),
  };
  const bot: Bot<BotContext> = new Bot<BotContext>(token, {
    botInfo: options.botInfo,
    client: { apiRoot },
    ContextConstructor: contextConstructor(fullDeps),
  });

  // 429s, 5xx and network errors are retried inside the request, within a time budget, each
  // attempt logged; getUpdates is retried by the poller (polling.ts).
  bot.api.config.use(
    boundedRetry({
      logger: deps.logger,
      token,
      skip: ["getUpdates"],
      ...(options.retryBudgetMs !== undefined ? { budgetMs: options.retryBudgetMs } : {}),
      ...(options.shutdown ? { shutdown: options.shutdown } : {}),
    }),
  );

  const journal = deps.journal;
  // Replicas behind a load balancer: a copy another process took first is dropped. An upload this
  // process journaled (being replayed after a restart, or recorded by long polling) is its own.
  const updates = deps.updates;
  if (updates) {
    bot.use(async (ctx, next) => {
      const id = ctx.update.update_id;
      if (!journal?.holds?.(id) && !updates.claim(id)) return;
      await next();
    });
  }

  // An upload is forgotten by the journal only once handled; one handled before a restart and sent
  // again by Telegram (never confirmed) is not handled twice.
  if (journal) {
    bot.use(async (ctx, next) => {
      if (!carriesUpload(ctx.update)) return next();
      const id = ctx.update.update_id;
      if (journal.isDone(id)) return;
      journal.record([ctx.update]); // webhook mode (long polling recorded it already)
      try {
        await next();
      } finally {
        if (!ctx.journalKeep) journal.done(id);
      }
    });
  }

  bot.use(sequentialize(orderKey));
  bot.errorBoundary(
    (error) => onError(error, token),
    parseCommand,
    rateLimit(new RateLimiter(deps.settings.rateLimitPerMinute, 60_000, fullDeps.now)),
    startFeature(),
    adminFeature(),
    subscriptionsFeature(),
    reportsFeature(),
    searchFeature(),
    compareFeature(),
    sourcesFeature(),
    exportFeature(),
    pagesFeature(),
    askFeature(),
    inlineFeature(),
    staleButtonsFeature(),
  );

  // Only reached by errors outside the boundary (sequentialize); the runner reports them here.
  bot.catch((error) => {
    deps.logger.error({ err: describeError(error.error, token), updateId: error.ctx.update.update_id }, "unhandled bot error");
  });
  return bot;
}

/** Log (token scrubbed) and tell the user something went wrong, in whatever form the update allows. */
async function onError(error: BotError<BotContext>, token: string): Promise<void> {
  const { ctx } = error;
  if (isDeliveryFailure(error.error)) {
    // The Bot API could not be reached within the retry budget (each attempt is logged): an
    // apology would go the same way.
    ctx.deps.logger.error({ err: describeError(error.error, token), updateId: ctx.update.update_id, chatId: ctx.chat?.id }, "reply not delivered");
    return;
  }
  ctx.deps.logger.error(
    { err: describeError(error.error, token), updateId: ctx.update.update_id, chatId: ctx.chat?.id, userId: ctx.from?.id },
    "update failed",
  );
  try {
    if (ctx.inlineQuery) await ctx.answerInlineQuery([], { cache_time: 0 });
    else if (ctx.chat) await ctx.reply(APOLOGY);
    // A button may already have been answered before the failure; then this one is refused.
    if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: APOLOGY }).catch(() => undefined);
  } catch (replyError) {
    ctx.deps.logger.warn({ err: describeError(replyError, token) }, "could not send the apology");
  }
}
