// The SQLite store: the catalog through lowdb's adapter (only what changed is written), records
// round-tripped compact, and the one-time migration from the JSON store.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { toPassages } from "../../src/index/documents.js";
import { parseReport } from "../../src/parse/report.js";
import { DB_VERSION, fileAdapter, openDb, type StoredEntry } from "../../src/store/db.js";
import { migrateJsonStore } from "../../src/store/migrate.js";
import { fileRecordStore, sqliteRecordStore } from "../../src/store/records.js";
import { entryCodec, openSqlite, sqliteDbAdapter } from "../../src/store/sqlite.js";

const tmp = () => mkdtempSync(join(tmpdir(), "nianbao-sqlite-"));
const SEED = join(import.meta.dirname, "../fixtures/reports/seeds/000_2d63126c8570951a.txt");

function report() {
  const parsed = parseReport(readFileSync(SEED, "utf8"), { name: "000_2d63126c8570951a.txt" });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report;
}

/** Where a field comes in an entry read back: id, the listed fields in their order, then the rest. */
const FIELD_ORDER = ["id", "org", "region", "fullRegion", "aliases", "year", "addedAt", "renditions", "missing"];
const order = (k: string) => (FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : 99);

const entry = (id: string, extra: Partial<StoredEntry> = {}): StoredEntry =>
  ({
    id,
    org: `机关${id}`,
    region: "长寿区",
    fullRegion: "重庆市长寿区",
    year: 2018,
    addedAt: "2026-01-01",
    key: { "review.total": 15 },
    ...extra,
  }) as unknown as StoredEntry;

describe("sqliteDbAdapter", () => {
  it("starts empty, then round-trips entries in order, held texts, decisions and the bot state", async () => {
    const path = join(tmp(), "db.sqlite");
    const db = await openDb(sqliteDbAdapter(openSqlite(path)), path);
    expect(db.data).toMatchObject({ version: DB_VERSION, reports: [], held: [] });
    db.data.reports.push(entry("b"), entry("a"));
    db.data.held.push(entry("h", { missing: ["年份"] }));
    db.data.decisions.discarded.push("x.txt");
    // (the bot state of an older db, carried until the bot's own file takes it)
    db.data.bot = { subscriptions: [{ chatId: 1, kind: "all", value: "", createdAt: "2026-01-01" }] };
    await db.write();
    const again = await openDb(sqliteDbAdapter(openSqlite(path)), path);
    expect(again.data.reports.map((e) => e.id)).toEqual(["b", "a"]);
    // The key figures are apart, read for every entry the first time one is asked.
    expect(again.data.reports[1]!.key).toEqual({ "review.total": 15 });
    expect(JSON.parse(JSON.stringify(again.data.reports[0]))).toEqual(JSON.parse(JSON.stringify(db.data.reports[0])));
    expect(again.data.held[0]).toMatchObject({ id: "h", missing: ["年份"] });
    expect(again.data.decisions.discarded).toEqual(["x.txt"]);
    expect(again.data.bot?.subscriptions?.[0]?.chatId).toBe(1);
  });

  it("writes the entries that changed (also in place), and deletes the ones gone", async () => {
    const path = join(tmp(), "db.sqlite");
    const sql = openSqlite(path);
    const db = await openDb(sqliteDbAdapter(sql), path);
    db.data.reports.push(entry("a", { announced: false }), entry("b"), entry("c"));
    await db.write();
    // A row changed behind the adapter's back stays as it is when its entry did not change.
    const { encode, decode } = entryCodec(sql);
    const b = sql.prepare("SELECT data FROM entry WHERE id = 'b'").pluck().get() as string;
    sql.prepare("UPDATE entry SET data = ? WHERE id = 'b'").run(encode({ ...decode("b", b), org: "改过" }));
    db.data.reports[0]!.announced = true; // in place, as the library marks an announcement
    db.data.reports.splice(2, 1);
    await db.write();
    const rows = sql.prepare("SELECT id, data FROM entry ORDER BY pos").all() as { id: string; data: string }[];
    expect(rows.map((r) => r.id)).toEqual(["a", "b"]);
    expect(decode("a", rows[0]!.data).announced).toBe(true);
    expect(decode("b", rows[1]!.data).org).toBe("改过");
    // The key figures of the entry gone went with it; the others were not rewritten.
    expect(sql.prepare("SELECT id FROM entry_key ORDER BY id").pluck().all()).toEqual(["a", "b"]);
  });

  it("keeps every field of an entry by position, absent ones absent, unknown ones too; each body once", () => {
    const sql = openSqlite(join(tmp(), "db.sqlite"));
    const { encode, decode } = entryCodec(sql);
    const e = entry("a", { missing: ["年份"], renditions: [], year: null, aliases: ["长寿区", "长寿"] } as Partial<StoredEntry>) as unknown as Record<
      string,
      unknown
    >;
    e.someday = { x: 1 };
    delete e.key;
    const data = encode(e as unknown as StoredEntry);
    const back = decode("a", data);
    expect(back).toEqual(e);
    expect(Object.keys(back)).toEqual(Object.keys(e).sort((x, y) => order(x) - order(y)));
    expect("province" in back).toBe(false);
    // The same body in another year: one body row, its names shared by both entries.
    const other = decode("b", encode({ ...(e as unknown as StoredEntry), id: "b", year: 2019 }));
    expect(sql.prepare("SELECT count(*) FROM body").pluck().get()).toBe(1);
    expect(other.aliases).toBe(back.aliases);
    // Another codec over the same file (a later start) reads it the same.
    expect(entryCodec(sql).decode("a", data)).toEqual(e);
  });

  it("moves a version-1 file (entries as JSON objects, key figures beside them) to version 2 once", async () => {
    const path = join(tmp(), "db.sqlite");
    const v1 = new Database(path);
    v1.exec(`
      CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO store_meta VALUES ('schema', '1'), ('version', '${DB_VERSION}');
      CREATE TABLE entry (id TEXT PRIMARY KEY, held INTEGER NOT NULL, pos INTEGER NOT NULL, data TEXT NOT NULL, key TEXT);
      CREATE TABLE record (id TEXT PRIMARY KEY, report BLOB NOT NULL, text BLOB NOT NULL);
    `);
    const { key, ...a } = entry("a");
    const put = v1.prepare("INSERT INTO entry VALUES (?, ?, ?, ?, ?)");
    put.run("b", 0, 1, JSON.stringify(entry("b", { key: { "review.total": 2 } })), null); // key still inside (before the column)
    put.run("a", 0, 0, JSON.stringify(a), JSON.stringify(key));
    v1.close();
    // A reader cannot move it, and says so.
    expect(() => openSqlite(path, { readOnly: true })).toThrow(/旧的格式/);
    const db = await openDb(sqliteDbAdapter(openSqlite(path)), path);
    expect(db.data.reports.map((e) => [e.id, e.org, e.key])).toEqual([
      ["a", "机关a", { "review.total": 15 }],
      ["b", "机关b", { "review.total": 2 }],
    ]);
    const again = await openDb(sqliteDbAdapter(openSqlite(path, { readOnly: true })), path);
    expect(again.data.reports.map((e) => e.id)).toEqual(["a", "b"]);
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
    json.data.bot = { stats: { questions: 7 } as NonNullable<typeof json.data.bot>["stats"] };
    await json.write();
    const passages = toPassages(r).map((p, i) => ({ reportId: r.id, ...p, tokens: `词${i}` }));
    fileRecordStore(join(dir, "db.records")).write({ report: r, passages });

    const sql = openSqlite(join(dir, "db.sqlite"));
    expect(await migrateJsonStore(sql, join(dir, "db.json"), join(dir, "db.records"), toPassages)).toEqual({ reports: 1, held: 0, records: 1 });
    const db = await openDb(sqliteDbAdapter(sql), "db.sqlite");
    expect(db.data.reports.map((e) => e.id)).toEqual([r.id]);
    expect(db.data.bot?.stats?.questions).toBe(7);
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
