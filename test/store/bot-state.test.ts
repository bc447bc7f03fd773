// The bot state apart from the catalog: counters and the alert queue never rewrite db.json,
// changes of one moment share a write, delivered alerts are pruned, and an older db.json's `bot`
// field is taken once.
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openLibrary } from "../../src/cli.js";
import type { BotState } from "../../src/service.js";
import { openBotState } from "../../src/store/bot-state.js";
import { durableJsonFile } from "../../src/store/durable.js";
import { SEED, SEEDS } from "../helpers/reports.js";

const tmp = () => mkdtempSync(join(tmpdir(), "nianbao-botstate-"));

describe("openBotState", () => {
  it("batches the changes of one moment into one write", async () => {
    const path = join(tmp(), "db.bot.json");
    const store = await openBotState(durableJsonFile<BotState>(path), undefined, { delayMs: 20 });
    const updates = Array.from({ length: 200 }, () => store.update((s) => void (s.stats.questions += 1)));
    expect(store.read().stats.questions).toBe(200); // in memory at once
    await Promise.all(updates);
    expect(store.writes).toBe(1);
    expect(JSON.parse(readFileSync(path, "utf8")).stats.questions).toBe(200);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("prunes alerts delivered or dropped longer ago than the retention, keeps pending ones", async () => {
    const clock = { now: Date.parse("2026-03-01T00:00:00Z") };
    const store = await openBotState(null, undefined, { retentionMs: 3600_000, now: () => clock.now });
    await store.update((s) => {
      s.alerts.push({ reportId: "a", chatId: 1, status: "sent", attempts: 1 }, { reportId: "b", chatId: 1, status: "pending", attempts: 0 });
    });
    expect(store.read().alerts[0]!.settledAt).toBe("2026-03-01T00:00:00.000Z");
    clock.now += 3600_000 + 1;
    await store.update((s) => void (s.stats.questions += 1));
    expect(store.read().alerts.map((a) => a.reportId)).toEqual(["b"]);
  });

  it("takes an older db's bot field once, writing its own file before it resolves", async () => {
    const path = join(tmp(), "db.bot.json");
    const legacy = {
      subscriptions: [{ chatId: 7, kind: "all" as const, value: "", createdAt: "2025-01-01" }],
      stats: { questions: 41, failures: 1, ingested: 2 },
    };
    const store = await openBotState(durableJsonFile<BotState>(path), legacy);
    expect(store.read().subscriptions).toHaveLength(1);
    expect(JSON.parse(readFileSync(path, "utf8")).stats.questions).toBe(41);
    // the file wins from then on
    const again = await openBotState(durableJsonFile<BotState>(path), { stats: { questions: 0, failures: 0, ingested: 0 } });
    expect(again.read().stats.questions).toBe(41);
  });
});

describe("a library on disk with an older db.json", () => {
  it("moves the bot state out of the catalog, and questions never rewrite db.json", async () => {
    const dir = tmp();
    const dbPath = join(dir, "db.json");
    {
      const { lib, release } = await openLibrary(dbPath, { write: true, store: "json" });
      await lib.ingestFile("长寿区.txt", readFileSync(join(SEEDS, SEED.changshou)));
      await lib.close();
      release();
    }
    // an older file: the bot state inside the db
    const old = JSON.parse(readFileSync(dbPath, "utf8"));
    old.bot = {
      subscriptions: [{ chatId: 9, kind: "all", value: "", createdAt: "2025-01-01" }],
      alerts: [],
      stats: { questions: 5, failures: 0, ingested: 1 },
    };
    writeFileSync(dbPath, JSON.stringify(old));
    const { lib, release } = await openLibrary(dbPath, { write: true, store: "json" });
    try {
      expect(lib.botStore.read().subscriptions.map((s) => s.chatId)).toEqual([9]);
      const before = statSync(dbPath).mtimeMs;
      const catalog = readFileSync(dbPath, "utf8");
      for (let i = 0; i < 20; i++) await lib.botStore.update((s) => void (s.stats.questions += 1));
      await lib.close();
      expect(readFileSync(dbPath, "utf8")).toBe(catalog);
      expect(statSync(dbPath).mtimeMs).toBe(before);
      expect(JSON.parse(readFileSync(join(dir, "db.bot.json"), "utf8")).stats.questions).toBe(25);
    } finally {
      release();
    }
  });
});
