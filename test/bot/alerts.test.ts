// Alerts: matching, queueing once per (report, chat), delivery with retries, restarts.
import { afterEach, describe, expect, it } from "vitest";
import { queueAlerts, startAlertLoop, watchReports, type AlertLoop, type ReportWatcher } from "../../src/bot/alerts.js";
import { matchesSubscription, parseSubscription, type AlertTarget } from "../../src/bot/subscriptions.js";
import type { Subscription } from "../../src/service.js";
import {
  ADMIN_ID,
  CHANGSHOU,
  fakeLibrary,
  GROUP_ID,
  memoryBotStore,
  messageUpdate,
  restoredStore,
  silentLogger,
  testBot,
  USER_ID,
  ZIYANG,
  type MemoryBotStore,
  type TestBot,
} from "./helpers.js";

const running: { stop(): unknown }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.stop();
});

/** Queueing and delivery wired the way startBot wires them, with a controllable clock. */
function alerts(t: TestBot, store: MemoryBotStore = t.store, options: { perChatGapMs?: number; maxAttempts?: number } = {}) {
  const deps = { library: t.library, botStore: store, logger: silentLogger };
  const loop: AlertLoop = startAlertLoop({
    ...deps,
    api: t.bot.api,
    intervalMs: 60_000,
    perChatGapMs: options.perChatGapMs ?? 0,
    groupGapMs: 0,
    globalGapMs: 0,
    backoffMs: 5000,
    maxAttempts: options.maxAttempts,
    now: () => t.clock.now,
  });
  const watcher: ReportWatcher = watchReports(deps, () => loop.kick());
  running.push(loop, watcher);
  return {
    loop,
    watcher,
    async settle() {
      await watcher.settled();
      await loop.deliverDue();
    },
  };
}

const sub = (kind: Subscription["kind"], value: string, chatId = 1): Subscription => ({ chatId, kind, value, createdAt: "" });

const target: AlertTarget = {
  org: "重庆市长寿区人民政府",
  region: "长寿区",
  fullRegion: "重庆市长寿区",
  aliases: ["长寿区", "长寿", "重庆市长寿区"],
  province: "重庆市",
  title: "重庆市长寿区2018年政府信息公开年度工作报告",
};

describe("matching", () => {
  it("region: region, fullRegion or an alias contains the value", () => {
    expect(matchesSubscription(sub("region", "长寿区"), target)).toBe(true);
    expect(matchesSubscription(sub("region", "长寿"), target)).toBe(true);
    expect(matchesSubscription(sub("region", "重庆市长寿区"), target)).toBe(true);
    expect(matchesSubscription(sub("region", "资阳区"), target)).toBe(false);
  });
  it("province: by the stated province, any spelling; else by the full region's start", () => {
    expect(matchesSubscription(sub("province", "重庆市"), target)).toBe(true);
    expect(matchesSubscription(sub("province", "重庆"), target)).toBe(true);
    expect(matchesSubscription(sub("province", "湖南省"), target)).toBe(false);
    expect(matchesSubscription(sub("province", "重庆市"), { ...target, province: undefined })).toBe(true);
  });
  it("keyword: in org, region or title; all: everything", () => {
    expect(matchesSubscription(sub("keyword", "人民政府"), target)).toBe(true);
    expect(matchesSubscription(sub("keyword", "年度工作报告"), target)).toBe(true);
    expect(matchesSubscription(sub("keyword", "复议"), target)).toBe(false);
    expect(matchesSubscription(sub("all", ""), target)).toBe(true);
  });
  it("reads /subscribe arguments", () => {
    const known = ["长寿区", "重庆市长寿区"];
    expect(parseSubscription("长寿", known)).toEqual({ kind: "region", value: "长寿" });
    expect(parseSubscription("蚌埠市", known)).toEqual({ kind: "region", value: "蚌埠市" });
    expect(parseSubscription("吉林市", known)).toEqual({ kind: "region", value: "吉林市" });
    expect(parseSubscription("广西", known)).toEqual({ kind: "province", value: "广西壮族自治区" });
    expect(parseSubscription("复议", known)).toEqual({ kind: "keyword", value: "复议" });
    expect(parseSubscription("地区：西湖", known)).toEqual({ kind: "region", value: "西湖" });
    expect(parseSubscription("ALL", known)).toEqual({ kind: "all", value: "" });
    expect(parseSubscription("province:长寿区", known)).toMatchObject({ error: expect.any(String) });
  });
});

describe("queueing", () => {
  it("queues one alert per matching chat, however many of its subscriptions match", async () => {
    const store = memoryBotStore();
    await store.update((s) => {
      s.subscriptions.push(sub("region", "长寿区", 1), sub("keyword", "长寿", 1), sub("province", "湖南省", 2), sub("all", "", 3));
    });
    const deps = { library: fakeLibrary(), botStore: store, logger: silentLogger };
    expect(await queueAlerts(CHANGSHOU, deps)).toBe(2);
    expect(await queueAlerts(CHANGSHOU, deps)).toBe(0);
    expect(store.read().alerts).toEqual([
      { reportId: "cs2018", chatId: 1, status: "pending", attempts: 0 },
      { reportId: "cs2018", chatId: 3, status: "pending", attempts: 0 },
    ]);
    expect(await queueAlerts(ZIYANG, deps)).toBe(2); // chat 2 (湖南省) and chat 3 (all)
  });
});

describe("delivery", () => {
  it("an ingested report reaches a subscriber exactly once: ingest twice, restart, announce again", async () => {
    const t = testBot();
    await t.bot.handleUpdate(messageUpdate("/subscribe 长寿区"));
    await t.bot.handleUpdate(messageUpdate("/subscribe 湖南", { chatId: GROUP_ID }));
    const first = alerts(t);
    const doc = { file_id: "NEW", file_name: "长寿区2021.txt", file_size: 100 };

    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: doc }));
    await first.settle();
    const alertsTo = (chat: number) => t.api.sent(chat).filter((m) => m.startsWith("📄 <b>新报告</b>"));
    expect(alertsTo(USER_ID)).toHaveLength(1);
    expect(alertsTo(USER_ID)[0]).toContain("重庆市长寿区人民政府");
    expect(alertsTo(GROUP_ID)).toEqual([]); // 湖南 does not match 重庆

    // the same file again (the fake library announces it again)
    await t.bot.handleUpdate(messageUpdate("/ingest", { userId: ADMIN_ID, document: doc }));
    await first.settle();
    expect(alertsTo(USER_ID)).toHaveLength(1);

    // restart: a new process loads the persisted state and starts a new loop
    await first.loop.stop();
    first.watcher.stop();
    const restarted = restoredStore(t.store);
    const second = alerts(t, restarted);
    const added = t.library.reports.at(-1);
    if (added) t.library.announce(added);
    await second.settle();
    expect(alertsTo(USER_ID)).toHaveLength(1);
    expect(restarted.read().alerts).toMatchObject([{ chatId: USER_ID, status: "sent", attempts: 1 }]);
  });

  it("delivers alerts still pending from before a restart", async () => {
    const t = testBot();
    await t.store.update((s) => {
      s.subscriptions.push(sub("all", "", 77));
    });
    await queueAlerts(CHANGSHOU, { library: t.library, botStore: t.store, logger: silentLogger });
    expect(t.api.sent()).toEqual([]); // nothing was running

    const restarted = restoredStore(t.store);
    await alerts(t, restarted).loop.deliverDue();
    expect(t.api.sent(77)).toHaveLength(1);
    expect(restarted.read().alerts[0].status).toBe("sent");
  });

  it("retries a 429 after retry_after, then succeeds", async () => {
    const t = testBot();
    await t.store.update((s) => {
      s.subscriptions.push(sub("all", "", 77));
    });
    t.api.failNext("sendMessage", {
      ok: false,
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    const { loop } = alerts(t);
    await queueAlerts(CHANGSHOU, { library: t.library, botStore: t.store, logger: silentLogger });
    await loop.deliverDue();
    expect(t.api.of("sendMessage")).toHaveLength(1);
    const waiting = t.store.read().alerts[0];
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    expect(Date.parse(waiting.notBefore ?? "")).toBe(t.clock.now + 7000);

    t.clock.now += 6000; // too early
    await loop.deliverDue();
    expect(t.api.of("sendMessage")).toHaveLength(1);

    t.clock.now += 1000;
    await loop.deliverDue();
    expect(t.api.of("sendMessage")).toHaveLength(2);
    expect(t.store.read().alerts[0]).toMatchObject({ status: "sent", attempts: 1 });
  });

  it("a 403 drops the alert and removes that chat's subscriptions; others still get theirs", async () => {
    const t = testBot();
    await t.store.update((s) => {
      s.subscriptions.push(sub("all", "", 66), sub("region", "长寿", 66), sub("all", "", 77));
    });
    t.api.failNext("sendMessage", { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    const { loop } = alerts(t);
    await queueAlerts(CHANGSHOU, { library: t.library, botStore: t.store, logger: silentLogger });
    await loop.deliverDue();

    const state = t.store.read();
    expect(state.alerts.find((a) => a.chatId === 66)).toMatchObject({ status: "dropped", lastError: expect.stringContaining("blocked") });
    expect(state.alerts.find((a) => a.chatId === 77)).toMatchObject({ status: "sent" });
    expect(state.subscriptions.map((s) => s.chatId)).toEqual([77]);

    // no new alert is queued for the chat that blocked the bot
    await queueAlerts(ZIYANG, { library: t.library, botStore: t.store, logger: silentLogger });
    expect(t.store.read().alerts.filter((a) => a.chatId === 66)).toHaveLength(1);
  });

  it("retries 5xx with growing backoff and gives up after maxAttempts", async () => {
    const t = testBot();
    await t.store.update((s) => {
      s.subscriptions.push(sub("all", "", 77));
    });
    const badGateway = { ok: false as const, error_code: 502, description: "Bad Gateway" };
    t.api.failNext("sendMessage", badGateway, badGateway, badGateway);
    const { loop } = alerts(t, t.store, { maxAttempts: 3 });
    await queueAlerts(CHANGSHOU, { library: t.library, botStore: t.store, logger: silentLogger });

    await loop.deliverDue();
    let alert = t.store.read().alerts[0];
    expect(alert).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("Bad Gateway") });
    expect(Date.parse(alert.notBefore ?? "")).toBe(t.clock.now + 5000);

    t.clock.now += 5000;
    await loop.deliverDue();
    alert = t.store.read().alerts[0];
    expect(alert).toMatchObject({ status: "pending", attempts: 2 });
    expect(Date.parse(alert.notBefore ?? "")).toBe(t.clock.now + 10_000); // doubled

    t.clock.now += 10_000;
    await loop.deliverDue();
    expect(t.store.read().alerts[0]).toMatchObject({ status: "dropped", attempts: 3 });
    t.clock.now += 3_600_000;
    await loop.deliverDue();
    expect(t.api.of("sendMessage")).toHaveLength(3);
  });

  it("sends at most one message per chat per gap, other chats are not held up", async () => {
    const t = testBot();
    await t.store.update((s) => {
      s.subscriptions.push(sub("all", "", 66), sub("all", "", 77));
    });
    const { loop } = alerts(t, t.store, { perChatGapMs: 1000 });
    const deps = { library: t.library, botStore: t.store, logger: silentLogger };
    await queueAlerts(CHANGSHOU, deps);
    await queueAlerts(ZIYANG, deps);
    await loop.deliverDue();
    expect(t.api.sent(66)).toHaveLength(1);
    expect(t.api.sent(77)).toHaveLength(1);
    t.clock.now += 500;
    await loop.deliverDue();
    expect(t.api.of("sendMessage")).toHaveLength(2);
    t.clock.now += 500;
    await loop.deliverDue();
    expect(t.api.sent(66)).toHaveLength(2);
    expect(t.api.sent(77)).toHaveLength(2);
  });
});
