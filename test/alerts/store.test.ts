// The alert store on disk: operations appended and flushed per commit, replayed over the snapshot
// when opened again; a torn last line (a commit that never returned) is left out.
import { appendFileSync, mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EMPTY_FILTER } from "../../src/alerts/filter.js";
import { fileAlertStore, memoryAlertStore, type Outgoing } from "../../src/alerts/store.js";

const msg = (id: string, chatId: number): Outgoing => ({ id, chatId, text: id, keys: [`s1|${id}`], status: "pending", attempts: 0, queuedAt: 1 });

describe("fileAlertStore", () => {
  it("reopens to the same state: subscriptions, mutes, the outbox, what was seen", async () => {
    const base = join(mkdtempSync(join(tmpdir(), "nianbao-alerts-")), "db.alerts");
    const a = fileAlertStore(base, { compactEvery: 3 });
    await a.commit([{ op: "subscribe", sub: { id: "s1", chatId: 5, filter: EMPTY_FILTER, mode: "daily", createdAt: "t", text: "all 每日" } }]);
    await a.commit([
      { op: "queue", msg: msg("m1", 5) },
      { op: "queue", msg: msg("m2", 5) },
    ]);
    await a.commit([
      { op: "claim", ids: ["m1"], at: 10 },
      { op: "settle", id: "m1", status: "sent" },
    ]); // compacts
    await a.commit([
      { op: "mute", chatId: 5, until: 99 },
      { op: "deadline", key: "b|2025", day: "2026-04-01" },
    ]);
    const b = fileAlertStore(base);
    const s = b.read();
    expect(s.subscriptions.map((x) => x.id)).toEqual(["s1"]);
    expect([...s.outbox.values()].map((m) => `${m.id}:${m.status}`)).toEqual(["m1:sent", "m2:pending"]); // m1 sent within the last minute: kept for the limiter
    expect([...s.seen]).toEqual(["s1|m1", "s1|m2"]);
    expect(s.mutes.get(5)).toBe(99);
    expect(s.deadlines.has("b|2025")).toBe(true);
    expect(s.nextId).toBe(2);
    expect([s.queued, s.sent]).toEqual([2, 1]);
    expect(statSync(`${base}.json`).mode & 0o777).toBe(0o600);
    expect(statSync(`${base}.log`).mode & 0o777).toBe(0o600);
  });

  it("keeps only what is live in memory when it compacts: sent messages go, their count stays", async () => {
    const base = join(mkdtempSync(join(tmpdir(), "nianbao-alerts-")), "db.alerts");
    const a = fileAlertStore(base, { compactEvery: 2 });
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

  it("leaves out a torn last line", async () => {
    const base = join(mkdtempSync(join(tmpdir(), "nianbao-alerts-")), "db.alerts");
    const a = fileAlertStore(base);
    await a.commit([{ op: "queue", msg: msg("m1", 5) }]);
    appendFileSync(`${base}.log`, '[{"op":"queue","msg":{"id":"m2"');
    const b = fileAlertStore(base);
    expect([...b.read().outbox.keys()]).toEqual(["m1"]);
    expect(readFileSync(`${base}.log`, "utf8")).toBe(""); // compacted into the snapshot
  });

  it("a memory store's dump is what a restart loads; old sends are dropped from it, their keys kept while the subscription lasts", async () => {
    const a = memoryAlertStore();
    await a.commit([{ op: "subscribe", sub: { id: "s1", chatId: 5, filter: EMPTY_FILTER, mode: "immediate", createdAt: "t", text: "all" } }]);
    await a.commit([
      { op: "queue", msg: msg("old", 5) },
      { op: "claim", ids: ["old"], at: 0 },
      { op: "settle", id: "old", status: "sent" },
    ]);
    await a.commit([
      { op: "queue", msg: msg("new", 5) },
      { op: "claim", ids: ["new"], at: 120_000 },
      { op: "settle", id: "new", status: "sent" },
    ]);
    await a.commit([{ op: "queue", msg: { ...msg("gone", 6), keys: ["s9|gone"] } }]);
    const b = memoryAlertStore(a.dump());
    expect([...b.read().outbox.keys()]).toEqual(["new", "gone"]);
    expect([...b.read().seen]).toEqual(["s1|old", "s1|new"]); // s9 no longer exists: its key is not carried
  });
});
