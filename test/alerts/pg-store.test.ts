// The alert store on PostgreSQL: the file store's tests (the same state after reopening, only
// what is live kept at compaction), the alert load test, and what several processes sharing it
// need — one order of operations for all, subscription ids never given twice, an event queued or
// buffered once whoever matched it, one sender at a time. Skipped, with a warning, without PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "../../src/alerts/filter.js";
import { pgAlertStore } from "../../src/alerts/pg-store.js";
import type { Outgoing } from "../../src/alerts/store.js";
import { runAlertLoad } from "../../src/bench/alerts-load.js";
import { segment } from "../../src/index/segment.js";
import { openPg, type PgSync } from "../../src/store/pg.js";
import { dropTestDatabases, pgUnavailable, testDatabase } from "../helpers/pg.js";

const unavailable = await pgUnavailable("the PostgreSQL alert store tests");
const msg = (id: string, chatId: number): Outgoing => ({ id, chatId, text: id, keys: [`s1|${id}`], status: "pending", attempts: 0, queuedAt: 1 });
const sub = (id: string, chatId: number) => ({ id, chatId, filter: EMPTY_FILTER, mode: "immediate" as const, createdAt: "t", text: "all" });

describe.skipIf(unavailable !== null)("pgAlertStore", () => {
  const open: PgSync[] = [];
  /** A process's connection to a database of its own (or to `url`: another process on the same one). */
  const connect = async (url?: string) => {
    const db = openPg(url ?? (await testDatabase()));
    open.push(db);
    return db;
  };
  afterAll(async () => {
    for (const db of open) await db.close();
    await dropTestDatabases();
  });

  it("reopens to the same state: subscriptions, mutes, the outbox, what was seen", async () => {
    const db = await connect();
    const a = pgAlertStore(db, { compactEvery: 3 });
    await a.commit([{ op: "subscribe", sub: { ...sub("s1", 5), mode: "daily", text: "all 每日" } }]);
    await a.commit([
      { op: "queue", msg: msg("m1", 5) },
      { op: "queue", msg: msg("m2", 5) },
    ]);
    await a.commit([
      { op: "claim", ids: ["m1"], at: Date.now() },
      { op: "settle", id: "m1", status: "sent" },
    ]); // compacts
    await a.commit([
      { op: "mute", chatId: 5, until: 99 },
      { op: "deadline", key: "b|2025", day: "2026-04-01" },
    ]);
    const b = pgAlertStore(await connect(db.url));
    const s = b.read();
    expect(s.subscriptions.map((x) => x.id)).toEqual(["s1"]);
    expect([...s.outbox.values()].map((m) => `${m.id}:${m.status}`)).toEqual(["m1:sent", "m2:pending"]);
    expect([...s.seen]).toEqual(["s1|m1", "s1|m2"]);
    expect(s.mutes.get(5)).toBe(99);
    expect(s.deadlines.has("b|2025")).toBe(true);
    expect(s.nextId).toBe(2);
    expect([s.queued, s.sent]).toEqual([2, 1]);
    expect(db.query<{ n: number }>("SELECT count(*)::int AS n FROM alert_op")[0]!.n).toBe(1); // the rest is in the snapshot
  });

  it("keeps only what is live in memory when it compacts: sent messages go, their count stays", async () => {
    const a = pgAlertStore(await connect(), { compactEvery: 2 });
    await a.commit([
      { op: "queue", msg: msg("m1", 5) },
      { op: "claim", ids: ["m1"], at: 0 },
      { op: "settle", id: "m1", status: "sent" },
    ]);
    await a.commit([
      { op: "queue", msg: msg("m2", 5) },
      { op: "claim", ids: ["m2"], at: 120_000 },
      { op: "settle", id: "m2", status: "sent" },
    ]); // compacts
    expect([...a.read().outbox.keys()]).toEqual(["m2"]);
    expect(a.read().sent).toBe(2);
  });

  it("two processes: one order of operations, subscription ids never given twice, an event queued once, one sender", async () => {
    const dbA = await connect();
    const dbB = await connect(dbA.url);
    const a = pgAlertStore(dbA);
    const b = pgAlertStore(dbB);
    // Both pick s1 from the same state: the second is renumbered, in the object the caller holds.
    const fromB = sub("s1", 7);
    await a.commit([{ op: "subscribe", sub: sub("s1", 5) }]);
    await b.commit([{ op: "subscribe", sub: fromB }]);
    expect(fromB.id).toBe("s2");
    // Both matched the same report: queued once, its key seen once; a buffered item likewise.
    await a.commit([
      { op: "queue", msg: msg("5|new|r1", 5) },
      { op: "buffer", item: { key: "s2|r1", chatId: 7, subId: "s2", line: "x", dueAt: 1 } },
    ]);
    await b.commit([
      { op: "queue", msg: { ...msg("5|new|r1", 5), text: "again" } },
      { op: "buffer", item: { key: "s2|r1", chatId: 7, subId: "s2", line: "x", dueAt: 1 } },
    ]);
    await b.commit([{ op: "deadline", key: "b|2025", day: "d" }]);
    await a.commit([{ op: "deadline", key: "b|2025", day: "d" }]);
    for (const s of [a.read(), b.read()]) {
      expect(s.subscriptions.map((x) => `${x.id}:${x.chatId}`)).toEqual(["s1:5", "s2:7"]);
      expect([...s.outbox.values()].map((m) => `${m.id}:${m.text}:${m.seq}`)).toEqual(["5|new|r1:5|new|r1:1"]);
      expect(s.digest).toHaveLength(1);
      expect(s.deadlineDays.get("d")).toBe(1);
    }
    // One sender: the first to ask holds it until its connection ends.
    expect(a.lead()).toBe(true);
    expect(b.lead()).toBe(false);
    expect(a.lead()).toBe(true);
    await dbA.close();
    await new Promise((r) => setTimeout(r, 200)); // the server notices the closed connection
    expect(b.lead()).toBe(true);
  });

  it("a process that did not compact reads the snapshot when the operations it lacks are gone", async () => {
    const dbA = await connect();
    const b = pgAlertStore(await connect(dbA.url));
    const a = pgAlertStore(dbA, { compactEvery: 2 });
    const resets: boolean[] = [];
    b.watch((reset) => resets.push(reset));
    await a.commit([{ op: "subscribe", sub: sub("s1", 5) }]);
    await a.commit([{ op: "queue", msg: msg("m1", 5) }]); // compacts
    await a.commit([{ op: "queue", msg: msg("m2", 5) }]);
    await new Promise((r) => setTimeout(r, 300)); // the notifications
    expect([...b.read().outbox.keys()]).toEqual(["m1", "m2"]);
    expect(b.read().subscriptions.map((x) => x.id)).toEqual(["s1"]);
    expect(resets).toContain(true);
  });

  it("1,000 subscriptions × 40 reports: each alert once, within the limits, across 429s and a restart", async () => {
    const db = await connect();
    const r = await runAlertLoad({ subscriptions: 1000, reports: 40, segment, every429: 50, openStore: () => pgAlertStore(db, { compactEvery: 97 }) });
    expect(r.expectedKeys).toBeGreaterThan(1000);
    expect({ missing: r.missing, duplicated: r.duplicated, unexpected: r.unexpected }).toEqual({ missing: 0, duplicated: 0, unexpected: 0 });
    expect(r.violations).toEqual({ global: 0, chat: 0, group: 0 });
  }, 240_000);
});
