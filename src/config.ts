// Environment → validated, typed configuration. `createConfig` is pure (tests pass literal env
// objects); `loadConfig` reads process.env. Errors name the variable and the reason, never the
// value of a secret.
import { isIP } from "node:net";
import { inspect } from "node:util";
import { z } from "zod";

export interface WebhookConfig {
  /** Public HTTPS (or, with a self-hosted Bot API server, HTTP) URL Telegram posts updates to. */
  url: string;
  /** Sent back by Telegram in X-Telegram-Bot-Api-Secret-Token; required so updates cannot be forged. */
  secret: string;
}

export interface Config {
  /** TELEGRAM_BOT_TOKEN. Absent → no Telegram bot, the app runs a local chat instead. */
  token?: string;
  /** ADMIN_IDS: Telegram user ids allowed to run admin commands. */
  adminIds: number[];
  /** TELEGRAM_API_ROOT without a trailing slash, or the public Bot API root. */
  apiRoot: string;
  /** NIANBAO_DB */
  dbPath: string;
  /** NIANBAO_DATA_DIR */
  dataDir: string;
  /**
   * NIANBAO_STORE: where the catalog, records and full-text index live. Defaults to "sqlite" (one
   * file beside NIANBAO_DB, `data/db.sqlite`); "json" is the lowdb file, one file per record and
   * the FlexSearch index in memory (exported beside it).
   */
  store: StoreKind;
  /**
   * DATABASE_URL (postgres://user:pass@host:5432/db): the catalog, records, index, alert state and
   * update ids in PostgreSQL, shared by every bot process given the same URL (store/pg.ts);
   * NIANBAO_STORE is then not used. Absent → the embedded store.
   */
  databaseUrl?: string;
  /** WEBHOOK_URL + WEBHOOK_SECRET; absent → long polling. */
  webhook?: WebhookConfig;
  /**
   * WEBHOOK_HOST: the address the webhook server listens on. Defaults to 127.0.0.1, for a reverse
   * proxy on the same machine that terminates TLS; 0.0.0.0 or :: listen on every interface.
   */
  host: string;
  /** PORT the webhook server listens on (0 = any free port). */
  port: number;
  /** MAX_UPLOAD_MB: documents above this size are refused before downloading. */
  maxUploadMb: number;
  /** RATE_LIMIT_PER_MINUTE: handled updates per user and minute. */
  rateLimitPerMinute: number;
  /**
   * ALERT_DIGEST_HOUR (0–23, Asia/Shanghai, default 8), ALERT_DIGEST_WEEKDAY (0 = Sunday … 6,
   * default 1), ALERT_DEADLINES_PER_DAY (default 20): when digests go out, and how many
   * "未按时发布" alerts a day at most.
   */
  alerts: { digestHour: number; digestWeekday: number; deadlinesPerDay: number };
  /** How the bot rides out a slow or failing Bot API (see NetworkConfig). */
  network: NetworkConfig;
  /** PARSE_WORKER: read and segment files in a worker thread (1, the default) or on the main thread (0). */
  parseWorker: boolean;
}

/** Bounds on waiting for the Bot API: every retry is logged with its next time. */
export interface NetworkConfig {
  /**
   * REPLY_RETRY_SECONDS: how long one request (a reply, an alert attempt, a button's answer) is
   * retried after 5xx, 429 and network errors before it is given up and logged. Defaults to 60.
   */
  replyRetryMs: number;
  /** POLL_RETRY_MAX_SECONDS: longest pause between two failed getUpdates calls. Defaults to 5. */
  pollRetryMaxMs: number;
  /** ALERT_RETRY_SECONDS: an alert's first retry delay after a failed attempt (doubles after). Defaults to 5. */
  alertRetryMs: number;
  /** SHUTDOWN_SECONDS: SIGTERM/SIGINT exit within this time, lock released. Defaults to 5. */
  shutdownMs: number;
}

export const DEFAULT_API_ROOT = "https://api.telegram.org";

export const STORE_KINDS = ["sqlite", "json"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** NIANBAO_STORE as given ("" or unset: SQLite); throws naming the variable on another value. */
export function parseStoreKind(value: string | undefined): StoreKind {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "") return "sqlite";
  if ((STORE_KINDS as readonly string[]).includes(v)) return v as StoreKind;
  throw new Error(`Invalid config: NIANBAO_STORE must be ${STORE_KINDS.join(" or ")}, got "${value}"`);
}

// Loose on purpose: Telegram has changed the secret part's length before; the shape is what
// catches a pasted wrong value (a URL, a quoted string, a username).
const TOKEN_RE = /^\d+:[A-Za-z0-9_-]+$/;
// Telegram's own rule for secret_token.
const SECRET_RE = /^[A-Za-z0-9_-]{1,256}$/;

/** "" and whitespace count as unset: .env files and compose files often leave variables empty. */
function blankToUndefined(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

function httpUrl(what: string) {
  return z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return url.protocol === "http:" || url.protocol === "https:";
      } catch {
        return false;
      }
    },
    { message: `must be an http(s) URL (${what})` },
  );
}

function integer(min: number, max: number) {
  return z.string().transform((value, ctx) => {
    const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: "custom", message: `must be a whole number from ${min} to ${max}, got "${value}"` });
      return z.NEVER;
    }
    return n;
  });
}

const schema = z.object({
  TELEGRAM_BOT_TOKEN: optional(
    // The value itself is never echoed: a half-pasted token is still a secret.
    z.string().regex(TOKEN_RE, { message: "must look like 123456789:AAE… as given by @BotFather (value not shown)" }),
  ),
  ADMIN_IDS: optional(
    z.string().transform((value, ctx) => {
      const ids: number[] = [];
      for (const entry of value.split(",").map((part) => part.trim())) {
        if (entry === "") continue; // tolerate "1,2," and ", "
        if (!/^\d{1,15}$/.test(entry)) {
          ctx.addIssue({ code: "custom", message: `entry "${entry}" is not a numeric Telegram user id (expected e.g. ADMIN_IDS=12345,67890)` });
          return z.NEVER;
        }
        ids.push(Number(entry));
      }
      return [...new Set(ids)];
    }),
  ),
  TELEGRAM_API_ROOT: optional(httpUrl("e.g. http://127.0.0.1:8081 for a self-hosted Bot API server")),
  NIANBAO_DB: optional(z.string()),
  NIANBAO_DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z.string().refine((value) => /^postgres(ql)?:\/\/./.test(value), {
      message: "must be a PostgreSQL URL, postgres://user:password@host:5432/database (value not shown)",
    }),
  ),
  NIANBAO_STORE: optional(
    z
      .string()
      .toLowerCase()
      .pipe(z.enum(STORE_KINDS, { message: `must be ${STORE_KINDS.join(" or ")}` })),
  ),
  WEBHOOK_URL: optional(httpUrl("e.g. https://bot.example.org/telegram")),
  WEBHOOK_SECRET: optional(z.string().regex(SECRET_RE, { message: "must be 1-256 characters of A-Z, a-z, 0-9, _ and - (value not shown)" })),
  WEBHOOK_HOST: optional(
    z.string().refine((value) => isIP(value) !== 0 || /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(value), {
      message: "must be an IP address or a host name to listen on (e.g. 127.0.0.1, 0.0.0.0, ::)",
    }),
  ),
  PORT: optional(integer(0, 65535)),
  MAX_UPLOAD_MB: optional(
    z.string().transform((value, ctx) => {
      const n = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!(n > 0 && n <= 2000)) {
        ctx.addIssue({ code: "custom", message: `must be a number of megabytes above 0 and at most 2000, got "${value}"` });
        return z.NEVER;
      }
      return n;
    }),
  ),
  RATE_LIMIT_PER_MINUTE: optional(integer(1, 10_000)),
  ALERT_DIGEST_HOUR: optional(integer(0, 23)),
  ALERT_DIGEST_WEEKDAY: optional(integer(0, 6)),
  ALERT_DEADLINES_PER_DAY: optional(integer(0, 10_000)),
  REPLY_RETRY_SECONDS: optional(integer(0, 3600)),
  POLL_RETRY_MAX_SECONDS: optional(integer(1, 600)),
  ALERT_RETRY_SECONDS: optional(integer(1, 3600)),
  SHUTDOWN_SECONDS: optional(integer(1, 600)),
  PARSE_WORKER: optional(z.enum(["0", "1"], { message: "must be 1 (parse in a worker thread) or 0 (on the main thread)" })),
});

/** Build the configuration from an environment; throws `Invalid config: VAR …` on the first problems. */
export function createConfig(env: Record<string, string | undefined>): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`);
    throw new Error(`Invalid config: ${reasons.join("; ")}`);
  }
  const v = parsed.data;
  const problems: string[] = [];
  if (v.WEBHOOK_URL && !v.TELEGRAM_BOT_TOKEN) problems.push("WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is missing");
  // Without a secret anyone who finds the URL can post updates, including ones that claim to
  // come from an admin.
  if (v.WEBHOOK_URL && !v.WEBHOOK_SECRET) problems.push("WEBHOOK_URL is set but WEBHOOK_SECRET is missing (required so forged updates are rejected)");
  if (problems.length > 0) throw new Error(`Invalid config: ${problems.join("; ")}`);

  const config: Config = {
    token: v.TELEGRAM_BOT_TOKEN,
    adminIds: v.ADMIN_IDS ?? [],
    apiRoot: (v.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT).replace(/\/+$/, ""),
    dbPath: v.NIANBAO_DB ?? "data/db.json",
    dataDir: v.NIANBAO_DATA_DIR ?? "data",
    store: v.NIANBAO_STORE ?? "sqlite",
    databaseUrl: v.DATABASE_URL,
    webhook: v.WEBHOOK_URL && v.WEBHOOK_SECRET ? { url: v.WEBHOOK_URL, secret: v.WEBHOOK_SECRET } : undefined,
    host: v.WEBHOOK_HOST ?? "127.0.0.1",
    port: v.PORT ?? 8080,
    maxUploadMb: v.MAX_UPLOAD_MB ?? 20,
    rateLimitPerMinute: v.RATE_LIMIT_PER_MINUTE ?? 20,
    alerts: {
      digestHour: v.ALERT_DIGEST_HOUR ?? 8,
      digestWeekday: v.ALERT_DIGEST_WEEKDAY ?? 1,
      deadlinesPerDay: v.ALERT_DEADLINES_PER_DAY ?? 20,
    },
    network: {
      replyRetryMs: (v.REPLY_RETRY_SECONDS ?? 60) * 1000,
      pollRetryMaxMs: (v.POLL_RETRY_MAX_SECONDS ?? 5) * 1000,
      alertRetryMs: (v.ALERT_RETRY_SECONDS ?? 5) * 1000,
      shutdownMs: (v.SHUTDOWN_SECONDS ?? 5) * 1000,
    },
    parseWorker: v.PARSE_WORKER !== "0",
  };
  return hideSecrets(config);
}

/** `createConfig(process.env)`. */
export function loadConfig(): Config {
  return createConfig(process.env);
}

/**
 * Logging the config (pino, console.log, JSON.stringify) shows the token and webhook secret as
 * "[redacted]". The properties stay ordinary fields so `{ ...config }` and destructuring work.
 */
function hideSecrets(config: Config): Config {
  const redacted = () => ({
    ...config,
    token: config.token === undefined ? undefined : "[redacted]",
    webhook: config.webhook && { url: config.webhook.url, secret: "[redacted]" },
    databaseUrl: config.databaseUrl?.replace(/\/\/[^@/]*@/, "//[redacted]@"),
  });
  Object.defineProperty(config, "toJSON", { value: redacted, enumerable: false });
  Object.defineProperty(config, inspect.custom, { value: () => redacted(), enumerable: false });
  return config;
}
