// A bulk ingest whose files are read by several worker threads (issue 15): the same results,
// catalog, held texts, revisions and records as reading them one by one on the calling thread, in
// the files' order whichever worker finishes first; and a file's tokens cut knowing the names of
// every file given before it — not those after it — though another worker read those.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateReport } from "../src/bench/generate.js";
import { toPassages } from "../src/index/documents.js";
import { createFtsIndex } from "../src/index/fts-index.js";
import { createLibrary } from "../src/library.js";
import { createReader, type Reader } from "../src/reader.js";
import { memoryAdapter, openDb, type StoredEntry } from "../src/store/db.js";
import { memoryOriginalStore } from "../src/store/originals.js";
import { memoryRecordStore, sqliteRecordStore } from "../src/store/records.js";
import { openSqlite, sqliteDbAdapter } from "../src/store/sqlite.js";
import { sqliteWriteBatch } from "../src/store/sqlite-batch.js";
import { FIXTURES, PINGTAN, SEED, SEEDS } from "./helpers/reports.js";

/** Times differ from run to run; everything else must not. */
const timeless = (entries: StoredEntry[]) => JSON.parse(JSON.stringify(entries, (k, v) => (k === "addedAt" || k === "replacedAt" ? undefined : v)));

/** 平潭综合实验区 is not in jieba's dictionary: a file cuts it whole only once a report named it. */
const PINGTAN_NAME = "平潭综合实验区";

function corpus(): string {
  const dir = join(mkdtempSync(join(tmpdir(), "nianbao-pool-")), "reports");
  mkdirSync(dir);
  const changshou = readFileSync(join(SEEDS, SEED.changshou), "utf8");
  // A sentence of the first paragraph, after the title.
  const mentioning = (text: string) => text.replace("\n", `\n学习借鉴${PINGTAN_NAME}的做法。`);
  // Before the report that names it, and after it (read by another worker: several files apart).
  writeFileSync(join(dir, "a0-before.txt"), mentioning(changshou));
  cpSync(join(PINGTAN, "11_pingtan_2024.txt"), join(dir, "a1-pingtan.txt"));
  writeFileSync(join(dir, "a2-after.txt"), mentioning(readFileSync(join(SEEDS, SEED.xihu), "utf8")));
  // A copy (duplicate), a revision of a0, the same report as a saved page (a rendition), a text
  // lacking its year (held without --confirm), one that is no report, an empty file.
  cpSync(join(SEEDS, SEED.ziyang), join(dir, "b0-ziyang.txt"));
  cpSync(join(SEEDS, SEED.ziyang), join(dir, "b1-ziyang-copy.txt"));
  writeFileSync(join(dir, "b2-revision.txt"), mentioning(changshou).replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |"));
  cpSync(join(FIXTURES, "pingtan-2024-html/input.html"), join(dir, "b3-pingtan-page.html"));
  writeFileSync(
    join(dir, "b4-no-year.txt"),
    changshou
      .replace(/(?:19|20)\d{2}\s*年/g, "本年")
      .replace(/(?:19|20)\d{2}/g, "")
      .replace(/长寿区/g, "璧山区"),
  );
  cpSync(join(FIXTURES, "junk/banner.html"), join(dir, "b5-banner.html"));
  writeFileSync(join(dir, "b6-empty.txt"), "");
  for (let i = 0; i < 24; i++) {
    const r = generateReport(11, i);
    writeFileSync(join(dir, `c${String(i).padStart(2, "0")}-${r.name}`), r.text);
  }
  return dir;
}

async function ingest(dir: string, reader?: Reader) {
  const db = await openDb(memoryAdapter());
  const records = memoryRecordStore();
  const lib = await createLibrary({ db, records, originals: memoryOriginalStore(), ...(reader ? { reader } : {}) });
  const results = await lib.ingestPaths([dir]);
  await reader?.close();
  const ids = [...db.data.reports, ...db.data.held].flatMap((e) => [e.id, ...(e.revisions ?? []).map((r) => r.id)]);
  return {
    results,
    entries: timeless(db.data.reports),
    held: timeless(db.data.held),
    reports: ids.map((id) => records.readReport(id)),
    passages: new Map(ids.map((id) => [id, records.readPassages(id)?.map((p) => ({ ...p, tokens: p.tokens.split(" ") }))])),
  };
}

/** Ingest into a SQLite store; the rows it wrote (records, index, key figures), as stored. */
async function ingestSqlite(dir: string, reader?: Reader) {
  const sql = openSqlite(join(mkdtempSync(join(tmpdir(), "nianbao-pool-sqlite-")), "db.sqlite"));
  const lib = await createLibrary({
    db: await openDb(sqliteDbAdapter(sql)),
    records: sqliteRecordStore(sql, toPassages),
    createIndex: (passagesOf, { fresh }) => createFtsIndex(sql, passagesOf, { fresh }),
    writeBatch: sqliteWriteBatch(sql),
    originals: memoryOriginalStore(),
    ...(reader ? { reader } : {}),
  });
  const results = await lib.ingestPaths([dir]);
  await lib.flush();
  await reader?.close();
  const rows = (q: string) => sql.prepare(q).raw().all();
  return {
    results,
    records: rows("SELECT id, report, text FROM record ORDER BY id"),
    docs: rows("SELECT seq, id, n, passages FROM fts_doc_0 ORDER BY seq"),
    df: rows("SELECT term, n FROM fts_df_0 ORDER BY term"),
    meta: rows("SELECT key, value FROM fts_meta ORDER BY key"),
    keys: rows("SELECT id, key FROM entry_key ORDER BY id"),
  };
}

describe("a bulk ingest read by a pool of workers", () => {
  const dir = corpus();

  it("cuts a file's words with the names of the files before it, whichever worker read them", async () => {
    // First in this process: the main thread has been taught no report's names yet.
    const pool = await ingest(dir, createReader({ workers: 3 }));
    const tokensOf = (file: string) => {
      const res = pool.results.find((r) => r.ok && r.report.sourceName === file);
      if (!res?.ok) throw new Error(`${file} not stored`);
      return pool.passages.get(res.report.id)!.flatMap((p) => p.tokens);
    };
    expect(tokensOf("a2-after.txt")).toContain(PINGTAN_NAME); // read while a1 was, by another worker
    expect(tokensOf("a0-before.txt")).not.toContain(PINGTAN_NAME); // segmented before a1's names were known
    expect(tokensOf("a0-before.txt")).toContain("实验区");
  }, 180_000);

  it("stores what reading the files one by one on the calling thread stores, in the same order", async () => {
    const here = await ingest(dir);
    const pool = await ingest(dir, createReader({ workers: 2 }));
    expect(here.results.map((r) => (r.ok ? r.status : r.error))).toEqual([
      "added",
      "added",
      "added", // a0–a2
      "added",
      "duplicate",
      "revision",
      "rendition",
      "held",
      expect.any(String),
      expect.any(String), // b0–b6
      ...Array.from({ length: 24 }, () => expect.stringMatching(/^(added|revision|rendition)$/)),
    ]);
    expect(pool.results).toEqual(here.results);
    expect(pool.entries).toEqual(here.entries);
    expect(pool.held).toEqual(here.held);
    expect(pool.reports).toEqual(here.reports);
    expect(pool.passages).toEqual(here.passages);
  }, 180_000);

  it("into SQLite: the records, index rows and key figures the workers prepared are, byte for byte, those the main thread makes", async () => {
    // Every report's names taught first (as the tests before leave them): both cut alike.
    await ingestSqlite(dir);
    const here = await ingestSqlite(dir);
    const pool = await ingestSqlite(dir, createReader({ workers: 2, prepare: true }));
    expect(pool.results).toEqual(here.results);
    expect(here.records.length).toBeGreaterThan(25);
    expect(pool.records).toEqual(here.records);
    expect(pool.docs).toEqual(here.docs);
    expect(pool.df).toEqual(here.df);
    expect(pool.meta).toEqual(here.meta);
    expect(pool.keys).toEqual(here.keys);
  }, 180_000);
});
