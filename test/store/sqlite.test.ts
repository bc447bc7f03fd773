// The SQLite store: the catalog through lowdb's adapter (only what changed is written), records
// round-tripped compact, and the one-time migration from the JSON store.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toPassages } from "../../src/index/documents.js";
import { parseReport } from "../../src/parse/report.js";
import { DB_VERSION, fileAdapter, openDb, type StoredEntry } from "../../src/store/db.js";
import { migrateJsonStore } from "../../src/store/migrate.js";
import { fileRecordStore, sqliteRecordStore } from "../../src/store/records.js";
import { openSqlite, sqliteDbAdapter } from "../../src/store/sqlite.js";

const tmp = () => mkdtempSync(join(tmpdir(), "nianbao-sqlite-"));
const SEED = join(import.meta.dirname, "../fixtures/reports/seeds/000_2d63126c8570951a.txt");

function report() {
  const parsed = parseReport(readFileSync(SEED, "utf8"), { name: "000_2d63126c8570951a.txt" });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report;
}

const entry = (id: string, extra: Partial<StoredEntry> = {}): StoredEntry =>
  ({ id, org: `机关${id}`, region: "长寿区", fullRegion: "重庆市长寿区", year: 2018, addedAt: "2026-01-01", key: { "review.total": 15 }, ...extra }) as unknown as StoredEntry;

describe("sqliteDbAdapter", () => {
  it("starts empty, then round-trips entries in order, held texts, decisions and the bot state", async () => {
    const path = join(tmp(), "db.sqlite");
    const db = await openDb(sqliteDbAdapter(openSqlite(path)), path);
    expect(db.data).toMatchObject({ version: DB_VERSION, reports: [], held: [] });
    db.data.reports.push(entry("b"), entry("a"));
    db.data.held.push(entry("h", { missing: ["年份"] }));
    db.data.decisions.discarded.push("x.txt");
    db.data.bot = { subscriptions: [], alerts: [], stats: { questions: 0, failures: 0, ingested: 0 } };
    db.data.bot.subscriptions!.push({ chatId: 1, kind: "all", value: "", createdAt: "2026-01-01" });
    await db.write();
    const again = await openDb(sqliteDbAdapter(openSqlite(path)), path);
    expect(again.data.reports.map((e) => e.id)).toEqual(["b", "a"]);
    // The key figures are apart, read for every entry the first time one is asked.
    expect(again.data.reports[1]!.key).toEqual({ "review.total": 15 });
    expect(JSON.parse(JSON.stringify(again.data.reports[0]))).toEqual(JSON.parse(JSON.stringify(db.data.reports[0])));
    expect(again.data.held[0]).toMatchObject({ id: "h", missing: ["年份"] });
    expect(again.data.decisions.discarded).toEqual(["x.txt"]);
    expect(again.data.bot!.subscriptions![0]!.chatId).toBe(1);
  });

  it("writes the entries that changed (also in place), and deletes the ones gone", async () => {
    const path = join(tmp(), "db.sqlite");
    const sql = openSqlite(path);
    const db = await openDb(sqliteDbAdapter(sql), path);
    db.data.reports.push(entry("a", { announced: false }), entry("b"), entry("c"));
    await db.write();
    // A row changed behind the adapter's back stays as it is when its entry did not change.
    sql.prepare("UPDATE entry SET data = json_set(data, '$.org', '改过') WHERE id = 'b'").run();
    db.data.reports[0]!.announced = true; // in place, as the library marks an announcement
    db.data.reports.splice(2, 1);
    await db.write();
    const rows = sql.prepare("SELECT id, data FROM entry ORDER BY pos").all() as { id: string; data: string }[];
    expect(rows.map((r) => r.id)).toEqual(["a", "b"]);
    expect(JSON.parse(rows[0]!.data).announced).toBe(true);
    expect(JSON.parse(rows[1]!.data).org).toBe("改过");
  });
});

describe("sqliteRecordStore", () => {
  it("gives back the report, its sections and passages as written, in less than the text's size", () => {
    const sql = openSqlite(join(tmp(), "db.sqlite"));
    const records = sqliteRecordStore(sql, toPassages);
    const r = report();
    const passages = toPassages(r).map((p, i) => ({ reportId: r.id, ...p, tokens: `词${i} 公开` }));
    records.write({ report: r, passages });
    expect(records.readReport(r.id)).toEqual({ ...r, sections: [] });
    expect(records.readSections(r.id)).toEqual(r.sections);
    expect(records.readPassages(r.id)).toEqual(passages);
    // The passages are cut from the sections again: cut another way, they read as missing.
    expect(sqliteRecordStore(sql, (x) => toPassages(x).slice(1)).readPassages(r.id)).toBeUndefined();
    expect(records.has(r.id)).toBe(true);
    const bytes = sql.prepare("SELECT length(report) + length(text) FROM record").pluck().get() as number;
    expect(bytes).toBeLessThan(readFileSync(SEED).byteLength);
    records.remove(r.id);
    expect(records.readReport(r.id)).toBeUndefined();
    expect(records.has(r.id)).toBe(false);
  });
});

describe("migrateJsonStore", () => {
  it("copies the lowdb file and the record files once, and leaves them in place", async () => {
    const dir = tmp();
    const json = await openDb(fileAdapter(join(dir, "db.json")), join(dir, "db.json"));
    const r = report();
    json.data.reports.push(entry(r.id));
    json.data.bot = { stats: { questions: 7, failures: 0, ingested: 0 } };
    await json.write();
    const passages = toPassages(r).map((p, i) => ({ reportId: r.id, ...p, tokens: `词${i}` }));
    fileRecordStore(join(dir, "db.records")).write({ report: r, passages });

    const sql = openSqlite(join(dir, "db.sqlite"));
    expect(await migrateJsonStore(sql, join(dir, "db.json"), join(dir, "db.records"), toPassages)).toEqual({ reports: 1, held: 0, records: 1 });
    const db = await openDb(sqliteDbAdapter(sql), "db.sqlite");
    expect(db.data.reports.map((e) => e.id)).toEqual([r.id]);
    expect(db.data.bot!.stats!.questions).toBe(7);
    expect(sqliteRecordStore(sql, toPassages).readPassages(r.id)).toEqual(passages);
    expect(sqliteRecordStore(sql, toPassages).readReport(r.id)!.figures).toHaveLength(r.figures.length);
    expect(JSON.parse(readFileSync(join(dir, "db.json"), "utf8")).reports).toHaveLength(1);
    // Once: a catalog is there now.
    expect(await migrateJsonStore(sql, join(dir, "db.json"), join(dir, "db.records"), toPassages)).toBeUndefined();
  });

  it("does nothing without a JSON store, and refuses a malformed one by name", async () => {
    const dir = tmp();
    const sql = openSqlite(join(dir, "db.sqlite"));
    expect(await migrateJsonStore(sql, join(dir, "db.json"), join(dir, "db.records"), toPassages)).toBeUndefined();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(dir, "db.json"), "{ not json");
    await expect(migrateJsonStore(sql, join(dir, "db.json"), join(dir, "db.records"), toPassages)).rejects.toThrow(join(dir, "db.json"));
  });
});
