// Crash safety of the SQLite store: a process killed with SIGKILL while ingesting or reindexing
// leaves a database that opens, answers, and recovers — each report wholly in or out, its alert
// queued once, a half-built index generation dropped (see crash.test.ts for the JSON store).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateReport } from "../src/bench/generate.js";
import { openLibrary } from "../src/cli.js";
import { toPassages } from "../src/index/documents.js";
import { sqliteRecordStore } from "../src/store/records.js";
import { openSqlite } from "../src/store/sqlite.js";
import { runIngestChild } from "./helpers/ingest-child.js";
import { storedCatalog } from "./helpers/stored.js";

const runChild = (dbPath: string, dir: string, killAfter?: number, env: Record<string, string> = {}) =>
  runIngestChild(dbPath, dir, killAfter, { STORE: "sqlite", ...env });

function corpus(n: number, seed: number): { dir: string; dbPath: string } {
  const work = mkdtempSync(join(tmpdir(), "nianbao-crash-sqlite-"));
  const dir = join(work, "in");
  mkdirSync(dir);
  for (let i = 0; i < n; i++) {
    const r = generateReport(seed, i);
    writeFileSync(join(dir, r.name), r.text);
  }
  return { dir, dbPath: join(work, "db.json") };
}

describe("SIGKILL, SQLite store", () => {
  it("during ingest: readable after each kill, every entry with its record; at the end each report once, alerted once, searchable", async () => {
    const N = 16;
    const { dir, dbPath } = corpus(N, 99);
    for (const killAfter of [3, 9]) {
      const run = await runChild(dbPath, dir, killAfter);
      expect(run.killed).toBe(true);
      const data = storedCatalog(dbPath);
      const records = sqliteRecordStore(openSqlite(dbPath.replace(/\.json$/, ".sqlite"), { readOnly: true }), toPassages);
      for (const e of data.reports) expect(records.readReport(e.id)?.id).toBe(e.id);
      expect(data.reports.length).toBeGreaterThanOrEqual(killAfter - 1);
    }
    const final = await runChild(dbPath, dir);
    expect(final.lines.at(-1)).toBe("done");
    const data = storedCatalog(dbPath);
    const ids = data.reports.map((e) => e.id);
    expect(new Set(ids).size).toBe(N);
    expect(data.reports.every((e) => e.announced !== false)).toBe(true);
    // the alerts queued, in the bot's own state file beside the catalog
    const bot = JSON.parse(readFileSync(dbPath.replace(/\.json$/, ".bot.json"), "utf8")) as { alerts: { chatId: number; reportId: string }[] };
    expect(
      bot.alerts
        .filter((a) => a.chatId === 1)
        .map((a) => a.reportId)
        .sort(),
    ).toEqual([...ids].sort());
    const { lib, release } = await openLibrary(dbPath, { write: true, store: "sqlite" });
    release();
    expect(lib.searchIndex().reports().sort()).toEqual([...ids].sort());
    const first = generateReport(99, 0).truth;
    expect(lib.ask(`${first.region}${first.year}年行政复议多少件`).kind).not.toBe("none");
  }, 180_000);

  it("during a bulk ingest (workers, a transaction per batch): each batch wholly in or out, every entry with its record and file; then the same as one clean run", async () => {
    const N = 150; // more than two batches
    const { dir, dbPath } = corpus(N, 7);
    const bulk = { BULK: "1" };
    // Killed while the second batch is read and stored (the first batch's lines are out).
    const run = await runChild(dbPath, dir, 64, bulk);
    expect(run.killed).toBe(true);
    const base = dbPath.replace(/\.json$/, "");
    const check = () => {
      const data = storedCatalog(dbPath);
      const records = sqliteRecordStore(openSqlite(`${base}.sqlite`, { readOnly: true }), toPassages);
      for (const e of data.reports) {
        expect(records.readReport(e.id)?.id).toBe(e.id);
        expect(existsSync(join(`${base}.originals`, e.original!.slice(0, 2), e.original!))).toBe(true);
      }
      return data;
    };
    expect(check().reports.length).toBeGreaterThan(0); // the first batch committed
    const final = await runChild(dbPath, dir, undefined, bulk);
    expect(final.lines.at(-1)).toBe("done");
    const data = check();
    // The same catalog as one run without a crash, in the same order.
    const clean = corpus(N, 7);
    expect((await runChild(clean.dbPath, clean.dir, undefined, bulk)).lines.at(-1)).toBe("done");
    const ids = data.reports.map((e) => e.id);
    expect(ids).toEqual(storedCatalog(clean.dbPath).reports.map((e) => e.id));
    const { lib, release } = await openLibrary(dbPath, { write: true, store: "sqlite" });
    release();
    expect(lib.searchIndex().reports().sort()).toEqual([...ids].sort());
  }, 300_000);

  it("during a reindex: the old catalog and index answer, the half-built generation is dropped, the next reindex completes", async () => {
    const { dir, dbPath } = corpus(10, 11);
    expect((await runChild(dbPath, dir)).lines.at(-1)).toBe("done");
    const before = storedCatalog(dbPath)
      .reports.map((e) => e.id)
      .sort();
    const killed = await runChild(dbPath, dir, undefined, { REINDEX: "1", REINDEX_KILL_AT: "5" });
    expect(killed.killed).toBe(true);
    expect(
      storedCatalog(dbPath)
        .reports.map((e) => e.id)
        .sort(),
    ).toEqual(before);
    const { lib, release } = await openLibrary(dbPath, { write: true, store: "sqlite" });
    release();
    expect(lib.size).toBe(10);
    expect(lib.searchIndex().reports().length).toBe(10);
    const sql = openSqlite(dbPath.replace(/\.json$/, ".sqlite"), { readOnly: true });
    expect(sql.prepare("SELECT name FROM sqlite_master WHERE name GLOB 'fts_doc_*'").pluck().all()).toEqual(["fts_doc_0"]);
    expect((await runChild(dbPath, dir, undefined, { REINDEX: "1" })).lines).toContain("reindexed 10");
  }, 180_000);
});
