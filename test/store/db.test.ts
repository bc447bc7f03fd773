// The lowdb store: explicit adapters (lowdb's presets silently use memory under vitest), a real
// file round trip, malformed files refused with a message, and the single-owner lock.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { DB_VERSION, DbError, fileAdapter, memoryAdapter, openDb } from "../../src/store/db.js";
import { acquireLock, LockedError, lockHolder } from "../../src/store/lock.js";

const tmp = () => mkdtempSync(join(tmpdir(), "nianbao-db-"));

describe("openDb", () => {
  it("starts empty in memory", async () => {
    const db = await openDb(memoryAdapter());
    expect(db.data).toMatchObject({ version: DB_VERSION, reports: [], held: [] });
    expect(db.data.bot).toBeUndefined(); // the bot state has a file of its own (bot-state.ts)
  });

  it("round-trips through a real file", async () => {
    const path = join(tmp(), "db.json");
    const db = await openDb(fileAdapter(path), path);
    db.data.decisions.confirmed.push("abc.txt");
    await db.write();
    expect(JSON.parse(readFileSync(path, "utf8")).decisions.confirmed).toEqual(["abc.txt"]);
    const again = await openDb(fileAdapter(path), path);
    expect(again.data.decisions.confirmed).toEqual(["abc.txt"]);
  });

  it("refuses a malformed file with its name, and does not overwrite it", async () => {
    const path = join(tmp(), "db.json");
    writeFileSync(path, "{ not json");
    await expect(openDb(fileAdapter(path), path)).rejects.toThrow(DbError);
    await expect(openDb(fileAdapter(path), path)).rejects.toThrow(path);
    expect(readFileSync(path, "utf8")).toBe("{ not json");
    writeFileSync(path, JSON.stringify({ version: 1, reports: "nope" }));
    await expect(openDb(fileAdapter(path), path)).rejects.toThrow(/reports/);
  });
});

describe("lock", () => {
  it("lets one owner hold the db, says what it is, and frees it on release", () => {
    const path = join(tmp(), "db.json");
    const release = acquireLock(path, "ingest");
    expect(readFileSync(`${path}.lock`, "utf8")).toBe(`${process.pid}\ningest\n`);
    expect(() => acquireLock(path)).toThrow(LockedError); // not twice in one process either
    release();
    expect(lockHolder(path)).toBeNull();
    expect(readdirSync(dirname(path)).filter((n) => n.includes(".lock"))).toEqual([]); // no temporary files left
  });

  it("refuses while a live process holds it (naming its role), takes over a stale lock", () => {
    const path = join(tmp(), "db.json");
    writeFileSync(`${path}.lock`, "1\nbot\n"); // pid 1 is always alive
    expect(() => acquireLock(path)).toThrow(expect.objectContaining({ pid: 1, role: "bot" }));
    expect(lockHolder(path)).toEqual({ pid: 1, role: "bot" });
    writeFileSync(`${path}.lock`, "1"); // an older version's lock: a bare pid
    expect(lockHolder(path)).toEqual({ pid: 1, role: "unknown" });
    writeFileSync(`${path}.lock`, "999999999\ningest\n"); // no such process
    const release = acquireLock(path);
    expect(lockHolder(path)).toBeNull(); // ours
    release();
  });

  it("never takes an empty or unreadable lock for stale", () => {
    const path = join(tmp(), "db.json");
    writeFileSync(`${path}.lock`, "");
    expect(() => acquireLock(path)).toThrow(LockedError);
    expect(lockHolder(path)).toEqual({ pid: 0, role: "unknown" });
    writeFileSync(`${path}.lock`, "garbage");
    expect(() => acquireLock(path)).toThrow(/锁文件/);
    expect(readFileSync(`${path}.lock`, "utf8")).toBe("garbage"); // left for a person to look at
  });

  it("creates the db's folder when it is missing", () => {
    const path = join(tmp(), "new", "deeper", "db.json");
    const release = acquireLock(path);
    expect(existsSync(`${path}.lock`)).toBe(true);
    release();
  });
});

describe("search index export on disk", () => {
  it("round-trips, and a torn export reads as none", async () => {
    const { saveIndex, loadIndex } = await import("../../src/store/index-files.js");
    const dir = join(tmp(), "db.index");
    const data = {
      format: "f1",
      refs: [["a", 0], null, ["b", 3]] as ([string, number] | null)[],
      chunks: [
        ["1.map", '{"x":[1]}'],
        ["reg", "[]"],
      ] as [string, string][],
      df: [["政府", 2]] as [string, number][],
    };
    saveIndex(dir, data);
    expect(loadIndex(dir)).toEqual(data);
    saveIndex(dir, { ...data, refs: [["c", 1]] });
    expect(loadIndex(dir)!.refs).toEqual([["c", 1]]);
    writeFileSync(join(dir, "refs.bin"), Buffer.alloc(3));
    expect(loadIndex(dir)).toBeNull();
    expect(loadIndex(join(tmp(), "missing"))).toBeNull();
  });
});

describe("record files", () => {
  it("give back the report exactly, sections apart", async () => {
    const { fileRecordStore } = await import("../../src/store/records.js");
    const { load, SEEDS, SEED } = await import("../helpers/reports.js");
    const store = fileRecordStore(join(tmp(), "records"));
    for (const file of [SEED.changshou, SEED.bengbu, SEED.xihu]) {
      const report = load(SEEDS, file);
      const passages = [{ reportId: report.id, text: "一段", section: "一、总体情况", line: 3, tokens: "一段" }];
      store.write({ report, passages });
      expect(store.readReport(report.id)).toEqual({ ...report, sections: [] });
      expect(store.readSections(report.id)).toEqual(report.sections);
      expect(store.readPassages(report.id)).toEqual(passages);
    }
    expect(store.readReport("0123456789abcdef")).toBeUndefined();
    expect(store.readReport("../../etc/passwd")).toBeUndefined(); // ids are checked before any path is built
  });
});
