// The context every handler of the bot sees: grammY's Context plus the bot's dependencies and the
// command parsed from the message (if any).
import { type Api, Context } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { AlertEngine } from "../alerts/engine.js";
import type { ChartImage } from "../chart.js";
import type { Config } from "../config.js";
import type { Answer } from "../domain.js";
import type { FetchResult } from "../fetch-report.js";
import type { Conversations } from "../qa/conversation.js";
import type { Reuse } from "../reuse.js";
import type { BotStore, Library } from "../service.js";
import type { UploadJournal } from "./journal.js";
import type { PageStore } from "./pages.js";
import type { UpdateClaims } from "./updates.js";

/** The part of the configuration the handlers read. */
export type BotSettings = Pick<Config, "adminIds" | "maxUploadMb" | "rateLimitPerMinute">;

/** Fetch a Telegram file's bytes; the default goes through getFile and the Bot API file URL. */
export type Download = (fileId: string) => Promise<Uint8Array>;

export interface BotDeps {
  library: Library;
  botStore: BotStore;
  logger: Logger;
  settings: BotSettings;
  /** Injected in tests so no test touches the network. */
  download?: Download;
  /** Clock for the rate limiter and edit throttling; Date.now by default. */
  now?: () => number;
  /** Each chat's last question and the choices offered (a fresh one per bot by default). */
  conversations?: Conversations;
  /** Where uploads wait until handled (journal.ts); none in tests that do not need it. */
  journal?: UploadJournal;
  /** The original, the table of a figure, exports (src/reuse.ts). Without it: no 原文/表格 buttons, no /export. */
  reuse?: Reuse;
  /** Draws the chart of a trend, comparison or ranking answer. Without it: no charts. */
  chart?: (answer: Answer) => Promise<ChartImage | null>;
  /** Fetches a report by its address for `/ingest https://…`. Without it: /ingest takes documents only. */
  fetchReport?: (address: string) => Promise<FetchResult>;
  /** Subscriptions and alerts (src/alerts). Without it: /subscribe says the feature is off. */
  alerts?: AlertEngine;
  /** Result lists behind "更多" buttons. Defaults to a new in-memory store per bot. */
  pages?: PageStore;
  /** Processes sharing one database: an update is handled by the first to take its id (updates.ts). */
  updates?: UpdateClaims;
}

/** A command addressed to this bot: `/name@thisbot args` in a message, edited message or caption. */
export interface ParsedCommand {
  name: string;
  args: string;
}

export interface BotContextFlavor {
  readonly deps: BotDeps & { download: Download; now: () => number; pages: PageStore; conversations: Conversations };
  /** Set by the `parseCommand` middleware before any feature runs. */
  command?: ParsedCommand;
  /**
   * Set by a handler that is not done with this upload when it returns (a file of an album
   * waiting for the album's /ingest caption): the journal keeps it until `journal.done`.
   */
  journalKeep?: boolean;
}

export type BotContext = Context & BotContextFlavor;

/** grammY's way to give every context the same extra fields (see BotConfig.ContextConstructor). */
export function contextConstructor(deps: BotContextFlavor["deps"]) {
  return class extends Context implements BotContextFlavor {
    readonly deps = deps;
    command?: ParsedCommand;
    journalKeep?: boolean;
    constructor(update: Update, api: Api, me: UserFromGetMe) {
      super(update, api, me);
    }
  };
}
