// The bot over a real library with the alert engine, delivery on a simulated clock, and the
// recording fake Bot API (test/bot/helpers.ts): what a subscriber receives, without the network.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDelivery, type Delivery, type Limits } from "../../src/alerts/delivery.js";
import { type AlertEngine, type AlertSettings, createAlertEngine } from "../../src/alerts/engine.js";
import { type AlertStore, memoryAlertStore } from "../../src/alerts/store.js";
import { segment } from "../../src/index/segment.js";
import { type CoreLibrary, createLibrary } from "../../src/library.js";
import { memoryAdapter, openDb } from "../../src/store/db.js";
import { type FakeLibrary, messageUpdate, silentLogger, type TestBot, testBot } from "../bot/helpers.js";
import { FIXTURES } from "../helpers/reports.js";

/** 2026-01-05 09:00 in Shanghai (a Monday). */
export const START = Date.UTC(2026, 0, 5, 1);

export interface AlertBot extends TestBot {
  lib: CoreLibrary;
  engine: AlertEngine;
  delivery: Delivery;
  alertStore: AlertStore & { dump(): string };
  /** Ingest a fixture file (path under test/fixtures/reports) or bytes under a name. */
  ingest(file: string, bytes?: Uint8Array): Promise<unknown>;
  /** Send until nothing is due, moving the clock to each next send time (digests flushed first). */
  deliverAll(): Promise<void>;
  /** /subscribe … in a chat (private unless the id is negative). */
  subscribe(chatId: number, words: string): Promise<void>;
  /** Texts sent to a chat that are alerts (not command replies). */
  alertsTo(chatId: number): string[];
}

export function fixture(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, file)));
}

export async function alertBot(options: { settings?: Partial<AlertSettings>; limits?: Limits; lib?: CoreLibrary } = {}): Promise<AlertBot> {
  const lib = options.lib ?? (await createLibrary({ db: await openDb(memoryAdapter()) }));
  const alertStore = memoryAlertStore();
  const clock = { now: START };
  const engine = createAlertEngine({ library: lib, store: alertStore, segment, logger: silentLogger, now: () => clock.now, settings: options.settings });
  const t = testBot({ library: lib as unknown as FakeLibrary, deps: { alerts: engine, now: () => clock.now } });
  t.clock.now = START;
  // One clock for the bot and the alerts.
  Object.defineProperty(t, "clock", { value: clock });
  const delivery = createDelivery({
    store: alertStore,
    api: t.bot.api,
    logger: silentLogger,
    now: () => clock.now,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  lib.onReportAdded((r) => engine.onReport(r));
  const ALERT = /^(?:📄|📝|⏰|📰)/;
  return {
    ...t,
    clock,
    lib,
    engine,
    delivery,
    alertStore,
    async ingest(file, bytes) {
      const res = await lib.ingestFile(file.split("/").pop()!, bytes ?? fixture(file));
      if (!res.ok) throw new Error(`${file}: ${res.error}`);
      return res;
    },
    async deliverAll() {
      await engine.flushDigests();
      for (let i = 0; i < 100_000; i++) {
        const next = await delivery.deliverDue();
        if (next === null) return;
        clock.now = Math.max(clock.now, next);
      }
      throw new Error("delivery did not finish");
    },
    async subscribe(chatId, words) {
      await t.bot.handleUpdate(messageUpdate(`/subscribe ${words}`, chatId < 0 ? { chatId, userId: 7 } : { chatId, userId: chatId }));
    },
    alertsTo: (chatId) => t.api.sent(chatId).filter((s) => ALERT.test(s)),
  };
}
