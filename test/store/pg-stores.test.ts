// The small stores on PostgreSQL, as two processes sharing the database use them: counters add up
// (neither overwrites the other's), original bytes and addresses are found by the other, a record
// reads back in its two parts, and an update id is taken once. Skipped, with a warning, without PostgreSQL.
import { afterAll, describe, expect, it } from "vitest";
import { pgUpdateClaims } from "../../src/bot/updates.js";
import { toPassages } from "../../src/index/documents.js";
import { indexPassages } from "../../src/index/passages.js";
import { prepareForStore } from "../../src/read-file.js";
import { openPg, type PgSync } from "../../src/store/pg.js";
import { pgAddressBook, pgBotState, pgOriginalStore, pgRecordStore } from "../../src/store/pg-stores.js";
import { dropTestDatabases, pgUnavailable, testDatabase } from "../helpers/pg.js";
import { load, SEED, SEEDS } from "../helpers/reports.js";

const unavailable = await pgUnavailable("the PostgreSQL store tests");

describe.skipIf(unavailable !== null)("the small stores on PostgreSQL", () => {
  const open: PgSync[] = [];
  afterAll(async () => {
    for (const db of open) await db.close();
    await dropTestDatabases();
  });
  const two = async () => {
    const a = openPg(await testDatabase());
    const b = openPg(a.url);
    open.push(a, b);
    return [a, b] as const;
  };

  it("counters from two processes add up", async () => {
    const [a, b] = await two();
    const sa = pgBotState(a, { delayMs: 1 });
    const sb = pgBotState(b, { delayMs: 1 });
    await Promise.all([sa.update((s) => void (s.stats.questions += 3)), sb.update((s) => void (s.stats.questions += 2))]);
    await sa.update((s) => void (s.stats.failures += 1));
    expect(sa.read().stats).toMatchObject({ questions: 5, failures: 1 });
    expect(pgBotState(b).read().stats).toMatchObject({ questions: 5, failures: 1, ingested: 0 });
  });

  it("original bytes, addresses and records written by one are read by the other; an update id is taken once", async () => {
    const [a, b] = await two();
    const bytes = new TextEncoder().encode("报告原文");
    const name = await pgOriginalStore(a).putAsync(bytes, "txt");
    expect(pgOriginalStore(b).read(name)).toEqual(bytes);
    expect(pgOriginalStore(b).list()).toEqual([name]);
    pgAddressBook(a).add([name, "r1"], { urls: ["https://example.gov.cn/a.html"], name: "a.html" });
    pgAddressBook(b).add(["r1"], { urls: ["https://example.gov.cn/b.pdf"] });
    expect(pgAddressBook(a).get([name, "r1"])).toEqual({ urls: ["https://example.gov.cn/a.html", "https://example.gov.cn/b.pdf"], names: ["a.html"] });

    const report = load(SEEDS, SEED.changshou);
    const passages = indexPassages(report);
    pgRecordStore(a, toPassages).write({ report, passages });
    const records = pgRecordStore(b, toPassages);
    expect(records.readReport(report.id)).toEqual({ ...report, sections: [] });
    expect(records.readSections(report.id)).toEqual(report.sections);
    expect(records.readPassages(report.id)).toEqual(passages);
    records.remove(report.id);
    expect(pgRecordStore(a, toPassages).has(report.id)).toBe(false);
    // Its parts packed already, as a reader's worker hands them over (plain Uint8Arrays): the same record.
    const { parts } = prepareForStore(report, passages);
    const plain = { report: new Uint8Array(parts.report), text: new Uint8Array(parts.text) };
    pgRecordStore(a, toPassages).write({ report, passages, packed: plain });
    expect(records.readReport(report.id)).toEqual({ ...report, sections: [] });
    expect(records.readPassages(report.id)).toEqual(passages);

    const [ca, cb] = [pgUpdateClaims(a), pgUpdateClaims(b)];
    expect([ca.claim(42), cb.claim(42), ca.claim(42), cb.claim(43)]).toEqual([true, false, false, true]);
  });
});
