// Real HTTP against a local fake Bot API: the configured API root is used for long polling,
// webhooks, file downloads and retries. Nothing leaves 127.0.0.1.

import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "../../src/alerts/filter.js";
import { memoryAlertStore } from "../../src/alerts/store.js";
import { createBot } from "../../src/bot/bot.js";
import { DownloadError, downloadTelegramFile } from "../../src/bot/download.js";
import { startBot } from "../../src/bot/run.js";
import { createConfig } from "../../src/config.js";
import { type FakeBotApi, startFakeBotApi } from "./fake-bot-api.js";
import { ADMIN_ID, BOT_INFO, CHANGSHOU, fakeLibrary, memoryBotStore, messageUpdate, silentLogger, USER_ID } from "./helpers.js";

const TOKEN = "123456:SECRET-part_of-the-token";

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function fakeApi(): Promise<FakeBotApi> {
  const api = await startFakeBotApi();
  cleanup.push(() => api.close());
  return api;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function capturingLogger() {
  const lines: string[] = [];
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  return { logger, lines };
}

describe("startBot with long polling", () => {
  it("polls the configured Bot API root through the runner, answers, registers commands, stops", async () => {
    const api = await fakeApi();
    const library = fakeLibrary();
    const botStore = memoryBotStore();
    const config = createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `${api.url}/`, ADMIN_IDS: String(ADMIN_ID) });
    const alertStore = memoryAlertStore();
    const stop = await startBot({ config, library, botStore, logger: silentLogger, alertStore, segment: (t) => t.split(/\s+/) });
    cleanup.push(stop);

    api.pushUpdate(messageUpdate("长寿区复议"));
    const [sent] = await api.waitFor("sendMessage");
    expect(sent.body).toMatchObject({ chat_id: USER_ID, parse_mode: "HTML" });
    expect(String(sent.body.text)).toContain("长寿区2018年行政复议 3 件");

    // every call went to the fake root, with the token in the path
    const getUpdates = api.of("getUpdates");
    expect(getUpdates.length).toBeGreaterThan(0);
    expect(getUpdates[0].body.allowed_updates).toEqual(["message", "edited_message", "callback_query", "inline_query", "my_chat_member"]);
    expect(new Set(api.requests.map((r) => r.token))).toEqual(new Set([TOKEN]));
    expect(api.of("getMe")).toHaveLength(1);
    expect(api.of("deleteWebhook")).toHaveLength(1);
    const menus = api.of("setMyCommands").map((r) => r.body.scope ?? "default");
    expect(menus).toEqual(["default", { type: "chat", chat_id: ADMIN_ID }]);

    // alerts go out to the same API root
    await alertStore.commit([{ op: "subscribe", sub: { id: "s1", chatId: 555, filter: EMPTY_FILTER, mode: "immediate", createdAt: "", text: "all" } }]);
    library.announce(CHANGSHOU);
    const alerts = await api.waitFor("sendMessage", 2);
    expect(alerts[1].body.chat_id).toBe(555);
    expect(String(alerts[1].body.text)).toContain("新报告");

    await stop();
    // A poll sent before the stop may still be arriving: wait until the count holds still, then
    // no new poll comes.
    let polls = -1;
    while (api.of("getUpdates").length !== polls) {
      polls = api.of("getUpdates").length;
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(api.of("getUpdates").length).toBe(polls);
  });

  it("moves subscriptions of the earlier kind into the alert store at start, as filters", async () => {
    const api = await fakeApi();
    const botStore = memoryBotStore();
    await botStore.update((s) => {
      s.subscriptions.push(
        { chatId: 555, kind: "province", value: "重庆市", createdAt: "2025-01-01T00:00:00.000Z" },
        { chatId: 556, kind: "all", value: "", createdAt: "" },
      );
    });
    const alertStore = memoryAlertStore();
    const config = createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url });
    const stop = await startBot({ config, library: fakeLibrary(), botStore, logger: silentLogger, alertStore, segment: (t) => t.split(/\s+/) });
    cleanup.push(stop);
    expect(alertStore.read().subscriptions.map((s) => [s.chatId, s.filter.places.map((p) => p.name), s.mode])).toEqual([
      [555, ["重庆市"], "immediate"],
      [556, [], "immediate"],
    ]);
    expect(botStore.read().subscriptions).toEqual([]);
  });

  it("refuses to start without a token", async () => {
    await expect(startBot({ config: createConfig({}), library: fakeLibrary(), botStore: memoryBotStore(), logger: silentLogger })).rejects.toThrow(
      /TELEGRAM_BOT_TOKEN/,
    );
  });
});

describe("startBot with a webhook", () => {
  it("sets the webhook with its secret and accepts only requests carrying it", async () => {
    const api = await fakeApi();
    const port = await freePort();
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      WEBHOOK_URL: `http://127.0.0.1:${port}/tg/hook`,
      WEBHOOK_SECRET: "s3cret_Value",
      PORT: String(port),
    });
    const stop = await startBot({ config, library: fakeLibrary(), botStore: memoryBotStore(), logger: silentLogger });
    cleanup.push(stop);

    const [setWebhook] = api.of("setWebhook");
    expect(setWebhook.body).toMatchObject({ url: `http://127.0.0.1:${port}/tg/hook`, secret_token: "s3cret_Value" });
    expect(api.of("getUpdates")).toEqual([]);

    const post = (secret: string | undefined, path = "/tg/hook") =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", ...(secret ? { "X-Telegram-Bot-Api-Secret-Token": secret } : {}) },
        body: JSON.stringify(messageUpdate("长寿区复议")),
      });

    expect((await post(undefined)).status).toBe(401);
    expect((await post("wrong")).status).toBe(401);
    expect((await post("s3cret_Value", "/other")).status).toBe(404);
    expect(api.of("sendMessage")).toEqual([]);

    expect((await post("s3cret_Value")).status).toBe(200);
    const [sent] = await api.waitFor("sendMessage");
    expect(sent.body.chat_id).toBe(USER_ID);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    await stop();
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

describe("the Bot API client", () => {
  it("downloads an /ingest document with getFile and the file URL of the configured root", async () => {
    const api = await fakeApi();
    api.files.set("documents/file_7.txt", new TextEncoder().encode("长寿区 2021 报告全文"));
    const library = fakeLibrary();
    const received: string[] = [];
    const ingest = library.ingestFile.bind(library);
    library.ingestFile = async (name, data) => {
      received.push(new TextDecoder().decode(data));
      return ingest(name, data);
    };
    const bot = createBot(
      TOKEN,
      { library, botStore: memoryBotStore(), logger: silentLogger, settings: { adminIds: [ADMIN_ID], maxUploadMb: 1, rateLimitPerMinute: 100 } },
      { botInfo: BOT_INFO, apiRoot: api.url },
    );
    await bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: { file_id: "DOC1", file_name: "../../报告.txt", file_size: 30 } }));
    expect(api.of("getFile")[0].body).toEqual({ file_id: "DOC1" });
    expect(api.fileRequests).toEqual([`${TOKEN}|documents/file_7.txt`]);
    expect(received).toEqual(["长寿区 2021 报告全文"]);
    const reply = String(api.of("sendMessage")[0].body.text);
    expect(reply).toContain("已导入");
    expect(reply).not.toContain(TOKEN);
  });

  it("reads the file from disk when a --local Bot API server answers getFile with an absolute path", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const dir = mkdtempSync(join(tmpdir(), "botapi-local-"));
    const path = join(dir, "documents", "file_9.txt");
    (await import("node:fs")).mkdirSync(join(dir, "documents"));
    writeFileSync(path, "长寿区 2018 报告");
    const api = await fakeApi();
    api.handle("getFile", (body) => ({ file_id: body.file_id, file_unique_id: "u", file_size: 20, file_path: path }));
    const bot = createBot(
      TOKEN,
      { library: fakeLibrary(), botStore: memoryBotStore(), logger: silentLogger, settings: { adminIds: [], maxUploadMb: 1, rateLimitPerMinute: 1 } },
      { botInfo: BOT_INFO, apiRoot: api.url },
    );
    const bytes = await downloadTelegramFile("X", { api: bot.api, token: TOKEN, apiRoot: api.url, maxBytes: 1000 });
    expect(new TextDecoder().decode(bytes)).toBe("长寿区 2018 报告");
    expect(api.fileRequests).toEqual([]);
  });

  it("stops a download that grows past the limit and never shows the URL", async () => {
    const api = await fakeApi();
    api.files.set("documents/file_7.txt", new Uint8Array(3000));
    const bot = createBot(
      TOKEN,
      { library: fakeLibrary(), botStore: memoryBotStore(), logger: silentLogger, settings: { adminIds: [], maxUploadMb: 1, rateLimitPerMinute: 1 } },
      { botInfo: BOT_INFO, apiRoot: api.url },
    );
    await expect(downloadTelegramFile("X", { api: bot.api, token: TOKEN, apiRoot: api.url, maxBytes: 1000 })).rejects.toThrow(/上限/);

    const failing = downloadTelegramFile("X", {
      api: bot.api,
      token: TOKEN,
      apiRoot: api.url,
      maxBytes: 1000,
      fetch: async (url) => {
        throw new TypeError(`Failed to parse URL from ${String(url)}`);
      },
    });
    await expect(failing).rejects.toBeInstanceOf(DownloadError);
    await failing.catch((error: Error) => {
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).not.toContain("SECRET");
    });
  });

  it("retries a 429 after retry_after (auto-retry on the bot's API), then delivers", async () => {
    const api = await fakeApi();
    api.respondOnce("sendMessage", { ok: false, error_code: 429, description: "Too Many Requests: retry after 1", parameters: { retry_after: 1 } });
    const bot = createBot(
      TOKEN,
      { library: fakeLibrary(), botStore: memoryBotStore(), logger: silentLogger, settings: { adminIds: [], maxUploadMb: 1, rateLimitPerMinute: 10 } },
      { botInfo: BOT_INFO, apiRoot: api.url },
    );
    const started = Date.now();
    await bot.handleUpdate(messageUpdate("长寿区复议"));
    expect(api.of("sendMessage")).toHaveLength(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("keeps the token out of the logs when a handler fails", async () => {
    const { logger, lines } = capturingLogger();
    const library = fakeLibrary();
    library.ask = () => {
      throw new Error(`could not reach https://example.org/bot${TOKEN}/x`);
    };
    const bot = createBot(
      TOKEN,
      { library, botStore: memoryBotStore(), logger, settings: { adminIds: [], maxUploadMb: 1, rateLimitPerMinute: 10 } },
      { botInfo: BOT_INFO, apiRoot: "http://127.0.0.1:9" },
    );
    const calls: string[] = [];
    bot.api.config.use(async (_prev, method) => {
      calls.push(method);
      return { ok: true, result: true } as never;
    });
    await bot.handleUpdate(messageUpdate("长寿区"));
    const log = lines.join("");
    expect(log).toContain("update failed");
    expect(log).toContain("[token]");
    expect(log).not.toContain(TOKEN);
    expect(log).not.toContain("SECRET-part_of-the-token");
    expect(calls).toEqual(["sendMessage"]); // the apology
  });
});

describe("the webhook server against hostile requests (issue 12)", () => {
  async function webhookBot(env: Record<string, string> = {}) {
    const api = await fakeApi();
    const port = await freePort();
    const { logger, lines } = capturingLogger();
    const config = createConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: api.url,
      WEBHOOK_URL: `https://bot.example.org/tg/hook`,
      WEBHOOK_SECRET: "s3cret_Value",
      PORT: String(port),
      ...env,
    });
    const stop = await startBot({ config, library: fakeLibrary(), botStore: memoryBotStore(), logger });
    cleanup.push(stop);
    return { api, port, lines };
  }

  /** POST to the hook from `host`, chunked (no Content-Length), until the server answers or `total` bytes are sent. */
  function postChunked(host: string, port: number, total: number): Promise<{ status?: number; sent: number; error?: string }> {
    return new Promise((resolve) => {
      let sent = 0;
      let status: number | undefined;
      const req = request({
        host,
        port,
        path: "/tg/hook",
        method: "POST",
        headers: { "X-Telegram-Bot-Api-Secret-Token": "s3cret_Value", "Content-Type": "application/json" },
      });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (status === undefined && sent < total) {
          sent += chunk.byteLength;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      req.on("response", (res) => {
        status = res.statusCode;
        res.resume();
        res.once("end", () => resolve({ status, sent }));
      });
      req.on("error", (err) => resolve({ status, sent, error: (err as NodeJS.ErrnoException).code ?? err.message }));
      req.write("{");
      pump();
    });
  }

  it("answers 413 to a chunked body past 1 MB and stops reading it", async () => {
    const { api, port, lines } = await webhookBot();
    const res = await postChunked("127.0.0.1", port, 100 * 1024 * 1024);
    expect(res.status).toBe(413);
    expect(res.sent).toBeLessThan(16 * 1024 * 1024); // what the sockets' buffers held when the answer came
    expect(lines.join("")).toContain("webhook request rejected");
    // and goes on serving
    const ok = await fetch(`http://127.0.0.1:${port}/tg/hook`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": "s3cret_Value" },
      body: JSON.stringify(messageUpdate("长寿区复议")),
    });
    expect(ok.status).toBe(200);
    await api.waitFor("sendMessage");
  });

  it("answers 400 to a body that is not JSON", async () => {
    const { port } = await webhookBot();
    const res = await fetch(`http://127.0.0.1:${port}/tg/hook`, {
      method: "POST",
      headers: { "X-Telegram-Bot-Api-Secret-Token": "s3cret_Value" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
  });

  it("listens on 127.0.0.1 unless WEBHOOK_HOST says otherwise", async () => {
    const local = await webhookBot();
    expect((await fetch(`http://127.0.0.1:${local.port}/healthz`)).status).toBe(200);
    // Linux routes all of 127.0.0.0/8 to the loopback device: a server on every interface answers 127.0.0.2 too.
    await expect(fetch(`http://127.0.0.2:${local.port}/healthz`)).rejects.toThrow();
    expect(local.lines.join("")).toContain('"host":"127.0.0.1"');
    const everywhere = await webhookBot({ WEBHOOK_HOST: "0.0.0.0" });
    expect((await fetch(`http://127.0.0.2:${everywhere.port}/healthz`)).status).toBe(200);
  });
});

describe("startBot under network faults (issue 12)", () => {
  const faultyConfig = (api: FakeBotApi) =>
    createConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.url, REPLY_RETRY_SECONDS: "3", POLL_RETRY_MAX_SECONDS: "1", ALERT_RETRY_SECONDS: "1" });
  const logged = (lines: string[], msg: string) => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === msg);

  it("a 409 Conflict on getUpdates is logged and retried; the bot goes on answering", async () => {
    const api = await fakeApi();
    const { logger, lines } = capturingLogger();
    api.fault("getUpdates", [
      { kind: "status", code: 409 },
      { kind: "status", code: 409 },
      { kind: "status", code: 409 },
    ]);
    const stop = await startBot({ config: faultyConfig(api), library: fakeLibrary(), botStore: memoryBotStore(), logger });
    cleanup.push(stop);
    api.pushUpdate(messageUpdate("长寿区复议"));
    await api.waitFor("sendMessage", 1, 15_000);
    const conflicts = logged(lines, "getUpdates conflict (another instance polling, or a webhook set); will retry");
    expect(conflicts).toHaveLength(3);
    expect(conflicts[2]).toMatchObject({ attempt: 3, retryInMs: 1000, retryAt: expect.any(String) }); // 250, 500, then the 1 s cap
    expect(logged(lines, "getUpdates recovered")).toHaveLength(1);
  });

  it("polling through 502s and dropped connections waits at most POLL_RETRY_MAX_SECONDS between attempts", async () => {
    const api = await fakeApi();
    const { logger, lines } = capturingLogger();
    const stop = await startBot({ config: faultyConfig(api), library: fakeLibrary(), botStore: memoryBotStore(), logger });
    cleanup.push(stop);
    api.fault(
      "getUpdates",
      [502, 502, 502].map((code) => ({ kind: "status" as const, code })).concat([{ kind: "drop" }, { kind: "drop" }, { kind: "drop" }] as never[]),
    );
    await api.waitUntil("six failed polls", () => (api.injected["502"] ?? 0) + (api.injected.drop ?? 0) >= 6, 15_000);
    api.pushUpdate(messageUpdate("长寿区复议"));
    await api.waitFor("sendMessage", 1, 15_000);
    const waits = logged(lines, "getUpdates failed; will retry").map((l) => l.retryInMs as number);
    expect(waits).toHaveLength(6);
    expect(Math.max(...waits)).toBeLessThanOrEqual(1000);
  });

  it("the Bot API unreachable at start: a log line per attempt, then it starts", async () => {
    const api = await fakeApi();
    const { logger, lines } = capturingLogger();
    api.outage({ kind: "drop" });
    const starting = startBot({ config: faultyConfig(api), library: fakeLibrary(), botStore: memoryBotStore(), logger });
    await api.waitUntil("two failed getMe", () => api.of("getMe").length >= 2, 15_000);
    expect(lines.join("")).toContain("Bot API request failed; will retry");
    api.outage(false);
    const stop = await starting;
    cleanup.push(stop);
    expect(lines.join("")).toContain("telegram bot connected");
  });

  it("shutdown while the start still waits for the Bot API ends the start at once", async () => {
    const api = await fakeApi();
    api.outage({ kind: "drop" });
    const shutdown = new AbortController();
    const starting = startBot({
      config: faultyConfig(api),
      library: fakeLibrary(),
      botStore: memoryBotStore(),
      logger: silentLogger,
      shutdown: shutdown.signal,
    });
    await api.waitFor("getMe", 1, 15_000);
    shutdown.abort();
    await expect(starting).rejects.toThrow();
  });

  it("a reply through 502s arrives; past the retry budget it is logged as not delivered, with no apology", async () => {
    const api = await fakeApi();
    const { logger, lines } = capturingLogger();
    const stop = await startBot({ config: faultyConfig(api), library: fakeLibrary(), botStore: memoryBotStore(), logger });
    cleanup.push(stop);
    // waits of 0.5 s and 1 s: within the 3 s budget
    api.fault("sendMessage", [
      { kind: "status", code: 502 },
      { kind: "status", code: 502 },
    ]);
    api.pushUpdate(messageUpdate("长寿区复议"));
    await api.waitUntil("the answer delivered", () => api.performed.some((r) => r.method === "sendMessage"), 15_000);
    expect(String(api.performed.find((r) => r.method === "sendMessage")!.body.text)).toContain("行政复议");

    // Every send to this chat dropped (its update itself is fetched as usual: an outage of the whole
    // API would also drop the poll, and whether the update arrived then hung on the poll's timing).
    api.fault(
      "sendMessage",
      Array.from({ length: 50 }, () => ({ kind: "drop" as const })),
      5150,
    );
    api.pushUpdate(messageUpdate("长寿区复议", { userId: 5150 }));
    await api.waitUntil("the failure logged", () => lines.some((l) => l.includes("reply not delivered")), 15_000);
    expect(logged(lines, "Bot API request failed; giving up").length).toBeGreaterThan(0);
    expect(lines.join("")).not.toContain("could not send the apology");
    expect(api.performed.filter((r) => r.body.chat_id === 5150)).toEqual([]);
  });

  it("one chat whose connection drops does not hold another chat's alert", async () => {
    const api = await fakeApi();
    const library = fakeLibrary();
    const botStore = memoryBotStore();
    // (subscriptions of the earlier kind, moved into the alert store at start)
    await botStore.update((s) => {
      s.subscriptions.push({ chatId: 601, kind: "all", value: "", createdAt: "" }, { chatId: 602, kind: "all", value: "", createdAt: "" });
    });
    const stop = await startBot({ config: faultyConfig(api), library, botStore, logger: silentLogger });
    cleanup.push(stop);
    api.fault(
      "sendMessage",
      Array.from({ length: 3 }, () => ({ kind: "drop" as const })),
      601,
    );
    library.announce(CHANGSHOU);
    await api.waitUntil("chat 602's alert", () => api.performed.some((r) => r.body.chat_id === 602), 15_000);
    expect(api.performed.some((r) => r.body.chat_id === 601)).toBe(false); // still failing
    // and 601's comes once its connection is back (bounded attempts, each logged)
    await api.waitUntil("chat 601's alert", () => api.performed.some((r) => r.body.chat_id === 601), 30_000);
  });
});
