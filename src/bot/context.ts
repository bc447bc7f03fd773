// The context every handler of the bot sees: grammY's Context plus the bot's dependencies and the
// command parsed from the message (if any).
import { Context, type Api } from "grammy";
import type { Update, UserFromGetMe } from "grammy/types";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import type { Conversations } from "../qa/conversation.js";
import type { BotStore, Library } from "../service.js";

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
}

/** A command addressed to this bot: `/name@thisbot args` in a message, edited message or caption. */
export interface ParsedCommand {
  name: string;
  args: string;
}

export interface BotContextFlavor {
  readonly deps: BotDeps & { download: Download; now: () => number; conversations: Conversations };
  /** Set by the `parseCommand` middleware before any feature runs. */
  command?: ParsedCommand;
}

export type BotContext = Context & BotContextFlavor;

/** grammY's way to give every context the same extra fields (see BotConfig.ContextConstructor). */
export function contextConstructor(deps: BotContextFlavor["deps"]) {
  return class extends Context implements BotContextFlavor {
    readonly deps = deps;
    command?: ParsedCommand;
    constructor(update: Update, api: Api, me: UserFromGetMe) {
      super(update, api, me);
    }
  };
}
