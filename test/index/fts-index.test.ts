// The FTS5 index on disk: the ranking set of search.test.ts gives the same hits as FlexSearch in
// memory (and as the PostgreSQL index, index/pg-index.ts, when a server is there); the index
// outlives the process; a reindex builds a generation beside the live one.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFtsIndex, FTS_FORMAT } from "../../src/index/fts-index.js";
import { createPgIndex } from "../../src/index/pg-index.js";
import { createSearchIndex, IdsFingerprint, type IndexedPassage, type SearchIndex } from "../../src/index/search-index.js";
import { segment } from "../../src/index/segment.js";
import { PER_REPORT, preparePassages } from "../../src/index/stored-passages.js";
import { openPg } from "../../src/store/pg.js";
import { openSqlite } from "../../src/store/sqlite.js";
import { sqliteWriteBatch } from "../../src/store/sqlite-batch.js";
import { PASSAGES } from "../helpers/passages.js";
import { dropTestDatabases, pgUnavailable, testDatabase } from "../helpers/pg.js";

const pgDb = (await pgUnavailable("the PostgreSQL full-text index tests")) === null ? openPg(await testDatabase()) : undefined;
afterAll(async () => {
  await pgDb?.close();
  await dropTestDatabases();
});
/** An empty PostgreSQL index (the tables emptied: one database for this file). */
const freshPg = () => {
  pgDb!.query("TRUNCATE fts_doc, fts_passage, fts_df, fts_meta");
  return createPgIndex(pgDb!, passagesOf);
};

const stored = new Map<string, IndexedPassage[]>(
  PASSAGES.map((text, i) => [`r${i}`, [{ reportId: `r${i}`, text, section: "一、总体情况", line: i + 1, tokens: segment(text).join(" ") }]]),
);
const passagesOf = (id: string) => stored.get(id);
const tmpDb = () => join(mkdtempSync(join(tmpdir(), "nianbao-fts-")), "db.sqlite");

function fill<T extends SearchIndex>(idx: T): T {
  for (const [id, passages] of stored) idx.add(id, passages);
  return idx;
}

const KINDS: [string, () => SearchIndex][] = [
  ["FlexSearch in memory", () => fill(createSearchIndex(passagesOf))],
  ["SQLite FTS5", () => fill(createFtsIndex(openSqlite(tmpDb()), passagesOf))],
  ...(pgDb ? [["PostgreSQL tsvector", () => fill(freshPg())] as [string, () => SearchIndex]] : []),
];

describe.each(KINDS)("search ranking: %s", (_name, make) => {
  const ids = (idx: SearchIndex, q: string, opts = {}) => idx.search(segment(q), opts).map((h) => h.passage.reportId);

  it("12345平台 诉求: the sentence with both words and the number, not the one sharing only 平台", () => {
    // r0 has 12345, 平台, 办理, 群众, 诉求; r1 shares only 平台 (under 40% of r0's score).
    expect(ids(make(), "通过12345平台办理群众诉求多少件", { wantsNumber: true })).toEqual(["r0"]);
  });

  it("电话: the contact sentence", () => {
    expect(ids(make(), "政务公开办公室电话")[0]).toBe("r3");
  });

  it("三审三校: the sentence naming the system above one that only says 制度", () => {
    expect(ids(make(), "落实什么审校制度 三审三校")[0]).toBe("r4");
  });

  it("restricted to some reports, scores only those", () => {
    expect(ids(make(), "平台", { reportIds: new Set(["r1", "r5"]) }).sort()).toEqual(["r1", "r5"]);
  });

  it("removes a report's passages", () => {
    const idx = make();
    idx.remove("r0");
    expect(ids(idx, "12345")).not.toContain("r0");
    expect(idx.has("r0")).toBe(false);
    expect(idx.size).toBe(PASSAGES.length - 1);
  });

  it("quotes the passage with its report, section and line", () => {
    const [hit] = make().search(segment("宣传册"));
    expect(hit!.passage).toMatchObject({ reportId: "r2", section: "一、总体情况", line: 3, text: PASSAGES[2] });
  });
});

describe("FTS5 index on disk", () => {
  it("is there after the database is opened again, without adding anything", () => {
    const path = tmpDb();
    fill(createFtsIndex(openSqlite(path), passagesOf));
    const again = createFtsIndex(openSqlite(path), passagesOf);
    expect(again.size).toBe(PASSAGES.length);
    expect(again.reports().sort()).toEqual([...stored.keys()].sort());
    expect(again.search(segment("宣传册"))[0]!.passage.reportId).toBe("r2");
    const reader = createFtsIndex(openSqlite(path, { readOnly: true }), passagesOf, { readOnly: true });
    expect(reader.search(segment("三审三校"))[0]!.passage.reportId).toBe("r4");
    expect(reader.size).toBe(PASSAGES.length);
    // The passage count and the reports' fingerprint are kept beside the index; one made before
    // they were counts them once.
    expect(again.fingerprint()).toBe(IdsFingerprint.of(stored.keys()).toString());
    const db = openSqlite(path);
    db.prepare("DELETE FROM fts_meta WHERE key GLOB 'passages_*' OR key GLOB 'reports_*'").run();
    const counted = createFtsIndex(db, passagesOf);
    expect(counted.size).toBe(PASSAGES.length);
    expect(counted.fingerprint()).toBe(IdsFingerprint.of(stored.keys()).toString());
    expect(db.prepare("SELECT value FROM fts_meta WHERE key = 'passages_0'").pluck().get()).toBe(String(PASSAGES.length));
    counted.remove("r2");
    expect(createFtsIndex(db, passagesOf).fingerprint()).toBe(IdsFingerprint.of([...stored.keys()].filter((id) => id !== "r2")).toString());
  });

  it("in an ingest's batch: the counts are written once, before it commits; a report that fails leaves no row; a rolled-back batch leaves nothing", async () => {
    const path = tmpDb();
    const db = openSqlite(path);
    const idx = createFtsIndex(db, passagesOf);
    const batch = sqliteWriteBatch(db);
    const counted = () => db.prepare("SELECT value FROM fts_meta WHERE key = 'passages_0'").pluck().get();
    const ids = [...stored.keys()];
    await batch(async () => {
      for (const id of ids.slice(0, 3)) idx.add(id, stored.get(id)!);
      expect(counted()).toBe("0"); // not yet: once, at the end of the batch
      // A report failing after its first rows were written (here its second passage is no text):
      // none of its rows stay.
      const good = stored.get(ids[3]!)![0]!;
      expect(() => idx.add("bad", [good, { ...good, tokens: {} as string }])).toThrow();
      idx.remove(ids[0]!);
    });
    expect(counted()).toBe(String(stored.get(ids[1]!)!.length + stored.get(ids[2]!)!.length));
    const again = createFtsIndex(openSqlite(path), passagesOf);
    expect(again.reports().sort()).toEqual(ids.slice(1, 3).sort());
    expect(again.fingerprint()).toBe(IdsFingerprint.of(ids.slice(1, 3)).toString());
    const rowsOf = (seq: number) =>
      db
        .prepare("SELECT count(*) FROM fts_0 WHERE rowid BETWEEN ? AND ?")
        .pluck()
        .get(seq * PER_REPORT, (seq + 1) * PER_REPORT - 1);
    expect(rowsOf(4)).toBe(0); // "bad"
    expect(rowsOf(1)).toBe(0); // ids[0], removed
    expect(rowsOf(2)).toBe(1);
    // Its postings went too (FTS5's 'delete' with the tokens it went in with, after the commit):
    // a word only it held matches no row.
    const others = new Set(ids.slice(1).flatMap((id) => stored.get(id)![0]!.tokens.split(" ")));
    const own = stored
      .get(ids[0]!)![0]!
      .tokens.split(" ")
      .filter((t) => /^[\u4e00-\u9fff]+$/.test(t) && !others.has(t));
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) expect(db.prepare("SELECT count(*) FROM fts_0 WHERE fts_0 MATCH ?").pluck().get(`"${t}"`)).toBe(0);
    const shared = stored
      .get(ids[1]!)![0]!
      .tokens.split(" ")
      .find((t) => /^[\u4e00-\u9fff]+$/.test(t))!;
    expect(db.prepare("SELECT count(*) FROM fts_0 WHERE fts_0 MATCH ?").pluck().get(`"${shared}"`)).toBeGreaterThan(0);
    await expect(
      batch(async () => {
        idx.add(ids[4]!, stored.get(ids[4]!)!);
        idx.remove(ids[1]!);
        throw new Error("the batch fails");
      }),
    ).rejects.toThrow("the batch fails");
    await batch(async () => {
      idx.add(ids[5]!, stored.get(ids[5]!)!);
      idx.remove(ids[2]!);
    });
    const after = createFtsIndex(openSqlite(path), passagesOf);
    expect(after.reports().sort()).toEqual([ids[1]!, ids[5]!].sort());
    expect(rowsOf(2)).toBe(1); // the removal rolled back with its batch
    expect(rowsOf(3)).toBe(0);
    expect(after.search(segment(PASSAGES[1]!)).map((h) => h.passage.reportId)).toContain(ids[1]);
  });

  it("a reindex builds a new generation beside the live one; the live one answers until the swap", () => {
    const path = tmpDb();
    const db = openSqlite(path);
    const live = fill(createFtsIndex(db, passagesOf));
    const next = createFtsIndex(db, passagesOf, { fresh: true });
    expect(next.generation).toBeGreaterThan(live.generation);
    next.add("r2", stored.get("r2")!);
    expect(live.search(segment("12345"))[0]!.passage.reportId).toBe("r0");
    next.activate();
    live.retire();
    const reopened = createFtsIndex(openSqlite(path), passagesOf);
    expect(reopened.generation).toBe(next.generation);
    expect(reopened.reports()).toEqual(["r2"]);
    expect(reopened.size).toBe(stored.get("r2")!.length);
    expect(reopened.search(segment("12345"))).toEqual([]);
  });

  it("drops a generation a reindex left unfinished, and starts empty on another format", () => {
    const path = tmpDb();
    const db = openSqlite(path);
    fill(createFtsIndex(db, passagesOf));
    createFtsIndex(db, passagesOf, { fresh: true }).add("r0", stored.get("r0")!); // never activated
    createFtsIndex(db, passagesOf);
    const tables = () => (db.prepare("SELECT name FROM sqlite_master WHERE name GLOB 'fts_doc_*'").pluck().all() as string[]).sort();
    expect(tables()).toEqual(["fts_doc_0"]);
    db.prepare("UPDATE fts_meta SET value = 'older' WHERE key = 'format'").run();
    const rebuilt = createFtsIndex(db, passagesOf);
    expect(rebuilt.size).toBe(0);
    expect(db.prepare("SELECT value FROM fts_meta WHERE key = 'format'").pluck().get()).toBe(FTS_FORMAT);
  });

  it("keeps words in most passages out of recall, and still finds a passage by its rare word", () => {
    const db = openSqlite(tmpDb());
    const many = new Map<string, IndexedPassage[]>();
    for (let i = 0; i < 300; i++) {
      const text = i === 7 ? "本机关全年办理政府信息公开申请，编印宣传册500份。" : `本机关全年办理政府信息公开申请${i}件。`;
      many.set(`m${i}`, [{ reportId: `m${i}`, text, section: "", line: 1, tokens: segment(text).join(" ") }]);
    }
    const idx = createFtsIndex(db, (id) => many.get(id));
    for (const [id, p] of many) idx.add(id, p);
    expect(idx.search(segment("办理申请 宣传册"))[0]!.passage.reportId).toBe("m7");
    idx.remove("m7");
    expect(idx.search(segment("宣传册"))).toEqual([]);
    idx.flush!(); // the counts are written in batches
    expect(db.prepare("SELECT count(*) FROM fts_df_0 WHERE term = '宣传册'").pluck().get()).toBe(0);
  });
});

describe.skipIf(!pgDb)("the PostgreSQL index proposes what FTS5 proposes", () => {
  it("the same hits for questions whose words are in hundreds of passages (both AND and OR recall), and after removals", () => {
    const many = new Map<string, IndexedPassage[]>();
    const base = [...PASSAGES, "本机关全年办理政府信息公开申请，编印宣传册500份。", "依申请公开办理情况良好，政务公开平台运行平稳。"];
    for (let i = 0; i < 120; i++) {
      const list = [0, 1, 2, 3].map((n) => {
        const text = `${base[(i + n) % base.length]}第${i}号，办理${n}件。`;
        return { reportId: `m${i}`, text, section: "一、总体情况", line: n + 1, tokens: segment(text).join(" ") };
      });
      many.set(`m${i}`, list);
    }
    const of = (id: string) => many.get(id);
    const fts = createFtsIndex(openSqlite(tmpDb()), of);
    pgDb!.query("TRUNCATE fts_doc, fts_passage, fts_df, fts_meta");
    const pgIdx = createPgIndex(pgDb!, of);
    // Half of them with their passages prepared, as a reader's worker hands them over (plain
    // Uint8Arrays), to one index or the other: the same hits.
    const prepared = (p: IndexedPassage[]) => {
      const r = preparePassages(p);
      return { ...r, packed: new Uint8Array(r.packed) };
    };
    for (const [i, [id, p]] of [...many].entries()) {
      if (i % 2) fts.add(id, p, prepared(p)), pgIdx.add(id, p);
      else fts.add(id, p), pgIdx.add(id, p, prepared(p));
    }
    const hits = (idx: SearchIndex, q: string, opts = {}) =>
      idx.search(segment(q), { limit: 30, ...opts }).map((h) => `${h.passage.reportId}:${h.passage.line}:${h.score}`);
    const questions = ["政务公开 监督保障", "办理申请 宣传册", "通过12345平台办理群众诉求多少件", "政务新媒体 平台 办理", "依申请公开 办理"];
    for (const q of questions) {
      expect(hits(pgIdx, q), q).toEqual(hits(fts, q));
      expect(hits(pgIdx, q, { reportIds: new Set([...many.keys()].slice(0, 250)) }), q).toEqual(
        hits(fts, q, { reportIds: new Set([...many.keys()].slice(0, 250)) }),
      );
    }
    expect(hits(fts, "办理申请 宣传册").length).toBeGreaterThan(5);
    for (const id of ["m3", "m50", "m51"]) fts.remove(id), pgIdx.remove(id);
    fts.flush!();
    pgIdx.flush!();
    for (const q of questions) expect(hits(pgIdx, q), q).toEqual(hits(fts, q));
    expect(pgIdx.size).toBe(fts.size);
  });
});
