// Crash safety: a process killed with SIGKILL in the middle of ingesting leaves a readable db;
// the next start recovers (each report fully in or fully absent, the index repaired from the
// records), a re-run adds the rest, and every report's alert is queued exactly once.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateReport } from "../src/bench/generate.js";
import { createLibrary } from "../src/library.js";
import type { BotState } from "../src/service.js";
import { fileAdapter, openDb } from "../src/store/db.js";
import { fileRecordStore } from "../src/store/records.js";
import { runIngestChild } from "./helpers/ingest-child.js";

const runChild = (dbPath: string, dir: string, killAfter?: number, env: Record<string, string> = {}) => runIngestChild(dbPath, dir, killAfter, env);

/** The bot state, written apart from the catalog (db.bot.json beside db.json). */
function botStateOf(dbPath: string): BotState {
  return JSON.parse(readFileSync(dbPath.replace(/\.json$/, ".bot.json"), "utf8")) as BotState;
}

function corpus(n: number, seed: number): { work: string; dir: string; dbPath: string } {
  const work = mkdtempSync(join(tmpdir(), "nianbao-crash-"));
  const dir = join(work, "in");
  mkdirSync(dir);
  for (let i = 0; i < n; i++) {
    const r = generateReport(seed, i);
    writeFileSync(join(dir, r.name), r.text);
  }
  return { work, dir, dbPath: join(work, "db.json") };
}

describe("SIGKILL during a reindex", () => {
  it("leaves the old db and index answering, and the next reindex completes", async () => {
    const { dir, dbPath, work } = corpus(10, 11);
    const first = await runChild(dbPath, dir);
    expect(first.lines.at(-1)).toBe("done");
    const before = JSON.parse(readFileSync(dbPath, "utf8"))
      .reports.map((e: { id: string }) => e.id)
      .sort();
    const killed = await runChild(dbPath, dir, undefined, { REINDEX: "1", REINDEX_KILL_AT: "5" });
    expect(killed.killed).toBe(true);
    // the swap never happened: the db still lists the same reports, each with its record
    const mid = JSON.parse(readFileSync(dbPath, "utf8"))
      .reports.map((e: { id: string }) => e.id)
      .sort();
    expect(mid).toEqual(before);
    const db = await openDb(fileAdapter(dbPath), dbPath);
    const lib = await createLibrary({ db, records: fileRecordStore(join(work, "db.records")), indexPath: join(work, "db.index") });
    expect(lib.size).toBe(10);
    expect(lib.searchIndex().reports().length).toBe(10);
    const again = await runChild(dbPath, dir, undefined, { REINDEX: "1" });
    expect(again.lines).toContain("reindexed 10");
  }, 120_000);
});

describe("SIGKILL during ingest", () => {
  it("a report stored but not yet announced is announced after the restart, once", async () => {
    const { dir, dbPath } = corpus(8, 5);
    const crashed = await runChild(dbPath, dir, undefined, { CRASH_AT_REPORT: "4" });
    expect(crashed.killed).toBe(true);
    const mid = JSON.parse(readFileSync(dbPath, "utf8"));
    expect(mid.reports).toHaveLength(4);
    expect(mid.reports.filter((e: { announced?: boolean }) => e.announced === false)).toHaveLength(1);
    expect(botStateOf(dbPath).alerts).toHaveLength(3); // the 4th report's alert was never queued
    const final = await runChild(dbPath, dir);
    expect(final.lines.at(-1)).toBe("done");
    const end = JSON.parse(readFileSync(dbPath, "utf8"));
    expect(end.reports).toHaveLength(8);
    expect(
      botStateOf(dbPath)
        .alerts.map((a: { reportId: string }) => a.reportId)
        .sort(),
    ).toEqual(end.reports.map((e: { id: string }) => e.id).sort());
  }, 120_000);

  it("leaves a readable db, recovers, and alerts each report exactly once", async () => {
    const work = mkdtempSync(join(tmpdir(), "nianbao-crash-"));
    const dir = join(work, "in");
    mkdirSync(dir);
    const N = 24;
    for (let i = 0; i < N; i++) {
      const r = generateReport(99, i);
      writeFileSync(join(dir, r.name), r.text);
    }
    const dbPath = join(work, "db.json");
    for (const killAfter of [3, 9, 15]) {
      const run = await runChild(dbPath, dir, killAfter);
      expect(run.killed).toBe(true);
      // readable after each kill: valid JSON, and every entry has its record
      const data = JSON.parse(readFileSync(dbPath, "utf8"));
      const records = fileRecordStore(join(work, "db.records"));
      for (const e of data.reports) expect(records.readReport(e.id)?.id).toBe(e.id);
      expect(data.reports.length).toBeGreaterThanOrEqual(killAfter - 1);
    }
    const final = await runChild(dbPath, dir);
    expect(final.lines.at(-1)).toBe("done");

    const db = await openDb(fileAdapter(dbPath), dbPath);
    const ids = db.data.reports.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(N);
    expect(db.data.reports.every((e) => e.announced !== false)).toBe(true);
    // one alert per report for the subscribed chat: none lost, none twice
    const alerts = botStateOf(dbPath)
      .alerts.filter((a) => a.chatId === 1)
      .map((a) => a.reportId)
      .sort();
    expect(alerts).toEqual([...ids].sort());
    // the index covers every report and answers
    const lib = await createLibrary({ db, records: fileRecordStore(join(work, "db.records")), indexPath: join(work, "db.index") });
    expect(lib.searchIndex().reports().length).toBe(N);
    const first = generateReport(99, 0).truth;
    expect(lib.ask(`${first.region}${first.year}年行政复议多少件`).kind).not.toBe("none");
  }, 120_000);
});
