import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { createConfig, DEFAULT_API_ROOT } from "../src/config.js";

const TOKEN = "123456789:AAE-very_secret_value";

describe("createConfig", () => {
  it("applies the defaults to an empty environment (no token: local chat)", () => {
    expect({ ...createConfig({}) }).toEqual({
      token: undefined,
      adminIds: [],
      apiRoot: DEFAULT_API_ROOT,
      dbPath: "data/db.json",
      dataDir: "data",
      store: "sqlite",
      webhook: undefined,
      host: "127.0.0.1",
      port: 8080,
      maxUploadMb: 20,
      rateLimitPerMinute: 20,
      alerts: { digestHour: 8, digestWeekday: 1, deadlinesPerDay: 20 },
      network: { replyRetryMs: 60_000, pollRetryMaxMs: 5000, alertRetryMs: 5000, shutdownMs: 5000 },
      parseWorker: true,
    });
  });

  it("reads every variable", () => {
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      ADMIN_IDS: " 12345, 67890,,12345 ",
      TELEGRAM_API_ROOT: "http://127.0.0.1:8081/",
      NIANBAO_DB: "/var/lib/nianbao/db.json",
      NIANBAO_DATA_DIR: "/var/lib/nianbao",
      NIANBAO_STORE: "JSON",
      WEBHOOK_URL: "https://bot.example.org/tg",
      WEBHOOK_SECRET: "abc_DEF-123",
      WEBHOOK_HOST: "::",
      PORT: "3000",
      MAX_UPLOAD_MB: "50",
      RATE_LIMIT_PER_MINUTE: "5",
      ALERT_DIGEST_HOUR: "20",
      ALERT_DIGEST_WEEKDAY: "0",
      ALERT_DEADLINES_PER_DAY: "3",
      REPLY_RETRY_SECONDS: "10",
      POLL_RETRY_MAX_SECONDS: "2",
      ALERT_RETRY_SECONDS: "1",
      SHUTDOWN_SECONDS: "3",
      PARSE_WORKER: "0",
    });
    expect({ ...config }).toEqual({
      token: TOKEN,
      adminIds: [12345, 67890],
      apiRoot: "http://127.0.0.1:8081",
      dbPath: "/var/lib/nianbao/db.json",
      dataDir: "/var/lib/nianbao",
      store: "json",
      webhook: { url: "https://bot.example.org/tg", secret: "abc_DEF-123" },
      host: "::",
      port: 3000,
      maxUploadMb: 50,
      rateLimitPerMinute: 5,
      alerts: { digestHour: 20, digestWeekday: 0, deadlinesPerDay: 3 },
      network: { replyRetryMs: 10_000, pollRetryMaxMs: 2000, alertRetryMs: 1000, shutdownMs: 3000 },
      parseWorker: false,
    });
  });

  it("treats empty variables as unset", () => {
    const config = createConfig({ TELEGRAM_BOT_TOKEN: "", ADMIN_IDS: " ", PORT: "" });
    expect(config.token).toBeUndefined();
    expect(config.adminIds).toEqual([]);
    expect(config.port).toBe(8080);
  });

  it.each([
    [{ ADMIN_IDS: "123,abc" }, /^Invalid config: ADMIN_IDS entry "abc" is not a numeric Telegram user id/],
    [{ ADMIN_IDS: "-5" }, /ADMIN_IDS entry "-5"/],
    [{ ALERT_DIGEST_HOUR: "24" }, /ALERT_DIGEST_HOUR must be a whole number from 0 to 23, got "24"/],
    [{ ALERT_DIGEST_WEEKDAY: "7" }, /ALERT_DIGEST_WEEKDAY must be a whole number from 0 to 6/],
    [{ TELEGRAM_API_ROOT: "localhost:8081" }, /^Invalid config: TELEGRAM_API_ROOT must be an http\(s\) URL/],
    [{ TELEGRAM_API_ROOT: "ftp://x" }, /TELEGRAM_API_ROOT must be an http\(s\) URL/],
    [{ PORT: "http" }, /^Invalid config: PORT must be a whole number from 0 to 65535, got "http"/],
    [{ WEBHOOK_HOST: "http://0.0.0.0" }, /^Invalid config: WEBHOOK_HOST must be an IP address or a host name/],
    [{ PORT: "70000" }, /PORT must be a whole number/],
    [{ MAX_UPLOAD_MB: "0" }, /^Invalid config: MAX_UPLOAD_MB must be a number of megabytes above 0/],
    [{ MAX_UPLOAD_MB: "20MB" }, /MAX_UPLOAD_MB/],
    [{ RATE_LIMIT_PER_MINUTE: "1.5" }, /^Invalid config: RATE_LIMIT_PER_MINUTE must be a whole number from 1/],
    [{ NIANBAO_STORE: "postgres" }, /^Invalid config: NIANBAO_STORE must be sqlite or json/],
    [{ DATABASE_URL: "mysql://u:pw@h/db" }, /^Invalid config: DATABASE_URL must be a PostgreSQL URL/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "https://x.org/tg" }, /^Invalid config: WEBHOOK_URL is set but WEBHOOK_SECRET is missing/],
    [{ WEBHOOK_URL: "https://x.org/tg", WEBHOOK_SECRET: "abc" }, /WEBHOOK_URL is set but TELEGRAM_BOT_TOKEN is missing/],
    [{ TELEGRAM_BOT_TOKEN: TOKEN, WEBHOOK_URL: "not a url", WEBHOOK_SECRET: "abc" }, /WEBHOOK_URL must be an http\(s\) URL/],
  ])("rejects %o with a message naming the variable", (env, message) => {
    expect(() => createConfig(env)).toThrow(message);
  });

  it("reports several problems at once", () => {
    expect(() => createConfig({ ADMIN_IDS: "x", PORT: "y" })).toThrow(/ADMIN_IDS .*; PORT /);
  });

  it("never echoes a token or a webhook secret, even a malformed one", () => {
    const badToken = "https://api.telegram.org/bot999:leaked";
    expect(() => createConfig({ TELEGRAM_BOT_TOKEN: badToken })).toThrow(/^Invalid config: TELEGRAM_BOT_TOKEN must look like/);
    let message = "";
    try {
      createConfig({ TELEGRAM_BOT_TOKEN: badToken, WEBHOOK_SECRET: "has spaces leaked" });
    } catch (error) {
      message = String(error);
    }
    expect(message).toMatch(/TELEGRAM_BOT_TOKEN .*; WEBHOOK_SECRET must be 1-256 characters/);
    expect(message).not.toContain("leaked");
  });

  it("redacts secrets when the config is logged or inspected, but keeps them usable", () => {
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      WEBHOOK_URL: "https://x.org/tg",
      WEBHOOK_SECRET: "topsecret",
      DATABASE_URL: "postgres://bot:dbsecret@db:5432/nianbao",
    });
    expect(config.token).toBe(TOKEN);
    expect(config.webhook?.secret).toBe("topsecret");
    expect(config.databaseUrl).toBe("postgres://bot:dbsecret@db:5432/nianbao");
    for (const shown of [JSON.stringify(config), inspect(config)]) {
      expect(shown).not.toContain("very_secret_value");
      expect(shown).not.toContain("topsecret");
      expect(shown).not.toContain("dbsecret");
      expect(shown).toContain("db:5432/nianbao");
      expect(shown).toContain("[redacted]");
    }
  });
});
