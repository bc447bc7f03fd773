// The library on PostgreSQL (DATABASE_URL), as the CLI and the bot open it: every gold question and
// the examples get the same answer and the same full-text passages as on the SQLite store; it is
// kept across a restart without rebuilding anything, through revisions, held texts and a reindex;
// and two processes on one database see each other's ingests and never lose one, following each
// other by what changed (and a database of schema 1 is taken to schema 2). Skipped, with a
// warning, without PostgreSQL.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/bot/features/start.js";
import { openLibrary } from "../src/cli.js";
import type { StoredEntry } from "../src/store/db.js";
import { openPg } from "../src/store/pg.js";
import { openSqlite } from "../src/store/sqlite.js";
import { readGold } from "./helpers/gold.js";
import { dropTestDatabases, pgUnavailable, testDatabase } from "./helpers/pg.js";
import { EXTRA, GOLD, PINGTAN, SEED, SEEDS } from "./helpers/reports.js";

const unavailable = await pgUnavailable("the library tests on PostgreSQL");
const work = () => join(mkdtempSync(join(tmpdir(), "nianbao-libpg-")), "db.json");
const QUESTIONS = [...EXAMPLES, "长寿区2018年存在哪些问题", "政务新媒体", "依申请公开 办理", "2019年哪个地区行政处罚最多", "政务公开 监督保障", "12345 诉求"];

/** What a question gets, without what differs by store only in where it came from. */
const reply = (a: { text: string; answers: unknown[]; hits: { reportId: string; line: number }[] }) => ({
  text: a.text,
  answers: a.answers,
  hits: a.hits.map((h) => `${h.reportId}:${h.line}`),
});

describe.skipIf(unavailable !== null)("the library on PostgreSQL", () => {
  const closers: (() => Promise<void>)[] = [];
  const pg = async (url: string, write = true) => {
    const opened = await openLibrary(work(), { write, databaseUrl: url });
    closers.push(() => opened.pg!.close());
    return opened;
  };
  afterAll(async () => {
    for (const close of closers) await close();
    await dropTestDatabases();
  });

  it.each([
    ["seeds", SEEDS, "seeds-gold.jsonl"],
    ["extra", EXTRA, "extra-gold.jsonl"],
    ["real", PINGTAN, "real-gold.jsonl"],
  ])(
    "%s: every gold question and the examples answered as on SQLite, with the same passages; again after a restart",
    async (_set, dir, gold) => {
      const sqlitePath = work();
      const sqlite = await openLibrary(sqlitePath, { write: true, store: "sqlite" });
      await sqlite.lib.ingestPaths([dir]);
      sqlite.release();
      const url = await testDatabase();
      const first = await pg(url);
      await first.lib.ingestPaths([dir]);
      const questions = [...readGold(join(GOLD, gold)).map((g) => g.q), ...QUESTIONS];
      expect(first.lib.listReports()).toEqual(sqlite.lib.listReports());
      for (const q of questions) expect(reply(first.lib.ask(q)), q).toEqual(reply(sqlite.lib.ask(q)));
      const passages = openSqlite(sqlitePath.replace(/\.json$/, ".sqlite"))
        .prepare("SELECT count(*) FROM fts_0")
        .pluck()
        .get();
      expect(first.pg!.db.query<{ n: number }>("SELECT count(*)::int AS n FROM fts_passage")[0]!.n).toBe(passages);

      const reader = await pg(url, false);
      for (const q of questions) expect(reply(reader.lib.ask(q)), q).toEqual(reply(sqlite.lib.ask(q)));
      expect(reader.pg!.db.query<{ n: number }>("SELECT count(*)::int AS n FROM fts_passage")[0]!.n).toBe(passages);
    },
    180_000,
  );

  it("keeps a revision, a held text and an admin's decision across a restart, and a reindex swaps the index generation", async () => {
    const url = await testDatabase();
    const first = await pg(url);
    const text = readFileSync(join(SEEDS, SEED.changshou), "utf8");
    await first.lib.ingestFile("a.txt", new TextEncoder().encode(text));
    expect(
      await first.lib.ingestFile("b.txt", new TextEncoder().encode(text.replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |"))),
    ).toMatchObject({ status: "revision" });
    await first.lib.ingestFile("c.txt", new TextEncoder().encode(readFileSync(join(SEEDS, SEED.xihu), "utf8").replace(/2019/g, "")));
    expect(first.lib.listHeld()).toHaveLength(1);

    const second = await pg(url);
    expect(second.lib.ask("长寿区2018年行政复议多少件").answers[0]).toMatchObject({ value: 16 });
    expect(second.lib.listHeld().map((h) => h.org)).toEqual(["南昌市西湖区人民政府"]);
    expect(await second.lib.decideHeld(second.lib.listHeld()[0]!.id, "confirm")).toMatchObject({ ok: true });
    const before = reply(second.lib.ask("政务公开 监督保障"));
    expect(await second.lib.reindex()).toMatchObject({ reports: 2, added: [], failed: [] });
    expect(reply(second.lib.ask("政务公开 监督保障"))).toEqual(before);
    const generations = second.pg!.db.query<{ gen: number }>("SELECT DISTINCT gen FROM fts_doc").map((r) => r.gen);
    expect(generations).toEqual([1]);

    const third = await pg(url, false);
    expect(third.lib.size).toBe(2);
    expect(third.lib.ask("长寿区2018年行政复议多少件").answers[0]).toMatchObject({ value: 16 });
    expect(reply(third.lib.ask("政务公开 监督保障"))).toEqual(before);
  }, 120_000);

  it("two processes on one database: what one stores the other answers; ingests at once are all kept", async () => {
    const url = await testDatabase();
    const a = await pg(url);
    const b = await pg(url);
    const file = (name: string) => new TextEncoder().encode(readFileSync(join(SEEDS, name), "utf8"));
    // B listens (as the bot's alerts do), A does not (as `cli ingest`): B announces what A stored.
    const announced: string[] = [];
    b.lib.onReportAdded((r) => void announced.push(r.org));
    expect(await a.lib.ingestFile("changshou.txt", file(SEED.changshou))).toMatchObject({ status: "added" });
    // B is told (NOTIFY) and reads the catalog again.
    for (let i = 0; i < 100 && b.lib.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
    for (let i = 0; i < 100 && announced.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(announced).toEqual(["重庆市长寿区人民政府"]);
    expect(b.lib.ask("长寿区2018年行政复议多少件").answers[0]).toMatchObject({ value: 15 });
    expect(reply(b.lib.ask("政务公开 监督保障"))).toEqual(reply(a.lib.ask("政务公开 监督保障")));
    // Both at once, and the same file through both: each report stored once, none lost.
    const results = await Promise.all([
      a.lib.ingestFile("ziyang.txt", file(SEED.ziyang)),
      b.lib.ingestFile("bengbu.txt", file(SEED.bengbu)),
      b.lib.ingestFile("xihu.txt", file(SEED.xihu)),
      a.lib.ingestFile("xihu.txt", file(SEED.xihu)),
    ]);
    expect(results.map((r) => r.ok && r.status).sort()).toEqual(["added", "added", "added", "duplicate"]);
    const c = await pg(url, false);
    expect(c.lib.size).toBe(4);
    for (let i = 0; i < 100 && (a.lib.size < 4 || b.lib.size < 4); i++) await new Promise((r) => setTimeout(r, 50));
    expect([a.lib.size, b.lib.size]).toEqual([4, 4]);
    for (const lib of [a.lib, b.lib]) expect(lib.ask("蚌埠 2019 行政复议").text).toEqual(c.lib.ask("蚌埠 2019 行政复议").text);
    expect(a.pg!.db.query<{ n: number }>("SELECT count(*)::int AS n FROM fts_doc")[0]!.n).toBe(4);
    for (let i = 0; i < 100 && announced.length < 4; i++) await new Promise((r) => setTimeout(r, 50));
    expect(announced.sort()).toEqual(["南昌市西湖区人民政府", "益阳市资阳区人民政府", "蚌埠市人民政府", "重庆市长寿区人民政府"].sort());
  }, 120_000);

  type Opened = Awaited<ReturnType<typeof pg>>;
  const file = (name: string, edit = (t: string) => t) => new TextEncoder().encode(edit(readFileSync(join(SEEDS, name), "utf8")));
  const until = async (done: () => boolean) => {
    for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 25));
  };
  /** What a replica's catalog holds, in its order, and what it answers: as a process opening the store now. */
  const followed = async (replica: Opened, url: string) => {
    const fresh = await pg(url, false);
    const ids = (o: Opened) =>
      o.lib
        .catalog()
        .all()
        .map((e) => e.id);
    await until(() => JSON.stringify(ids(replica)) === JSON.stringify(ids(fresh)) && replica.lib.listHeld().length === fresh.lib.listHeld().length);
    expect(replica.lib.catalog().all()).toEqual(fresh.lib.catalog().all());
    expect(replica.lib.listHeld()).toEqual(fresh.lib.listHeld());
    for (const q of ["长寿区2018年行政复议多少件", "政务公开 监督保障", "资阳区 2019 依申请公开"])
      expect(reply(replica.lib.ask(q)), q).toEqual(reply(fresh.lib.ask(q)));
  };
  /** The catalog reads a process sends from now on. */
  const reads = (o: Opened) => {
    const sent: string[] = [];
    const tx = o.pg!.db.tx;
    o.pg!.db.tx = (queries) => (sent.push(...queries.map((q) => q.text).filter((t) => /FROM entry\b/.test(t))), tx(queries));
    return sent;
  };

  it("a replica follows another's add, revision, held text, confirmation and discard by what changed, and answers as a fresh process", async () => {
    const url = await testDatabase();
    const a = await pg(url);
    await a.lib.ingestFile("bengbu.txt", file(SEED.bengbu));
    const b = await pg(url);
    const announced: string[] = [];
    b.lib.onReportAdded((r) => void announced.push(r.org));
    await until(() => announced.length === 1); // what A stored before B listened
    const [readA, readB] = [reads(a), reads(b)];

    // Added; B announces it, and A follows B's rewrite of the entry in place (announced).
    expect(await a.lib.ingestFile("changshou.txt", file(SEED.changshou))).toMatchObject({ status: "added" });
    expect(await a.lib.ingestFile("ziyang.txt", file(SEED.ziyang))).toMatchObject({ status: "added" });
    const catalogA = a.lib.catalog();
    await until(
      () =>
        announced.length === 3 &&
        a.lib
          .catalog()
          .all()
          .every((e) => (e as StoredEntry).announced),
    );
    expect(a.lib.catalog()).toBe(catalogA); // the entries put in their places, not a catalog made again
    await followed(b, url);
    await followed(a, url);
    expect(
      a.lib
        .catalog()
        .all()
        .map((e) => (e as StoredEntry).announced),
    ).toEqual([true, true, true]);
    // A revision takes its predecessor's place, before a report stored after it.
    const revised = await a.lib.ingestFile(
      "b.txt",
      file(SEED.changshou, (t) => t.replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |")),
    );
    expect(revised).toMatchObject({ status: "revision" });
    // B announces the revision under the writer lock: a process opened after it sees the entry told.
    await until(() => announced.length === 4);
    await followed(b, url);
    expect(b.lib.ask("长寿区2018年行政复议多少件").answers[0]).toMatchObject({ value: 16 });
    // Held, then confirmed (held → reports); another held, then discarded (deleted).
    expect(
      await a.lib.ingestFile(
        "c.txt",
        file(SEED.xihu, (t) => t.replace(/2019/g, "")),
      ),
    ).toMatchObject({ status: "held" });
    await followed(b, url);
    expect(await a.lib.decideHeld(a.lib.listHeld()[0]!.id, "confirm")).toMatchObject({ ok: true });
    await until(() => announced.length === 5);
    await followed(b, url);
    expect(
      await a.lib.ingestFile(
        "d.txt",
        file(SEED.xiaobanqiao, (t) => t.replace(/20\d\d/g, "")),
      ),
    ).toMatchObject({ status: "held" });
    await followed(b, url);
    expect(await a.lib.decideHeld(a.lib.listHeld()[0]!.id, "discard")).toMatchObject({ ok: true, status: "discarded" });
    await followed(b, url);
    await followed(a, url);
    expect(announced).toEqual(["蚌埠市人民政府", "重庆市长寿区人民政府", "益阳市资阳区人民政府", "重庆市长寿区人民政府", "南昌市西湖区人民政府"]);
    // Neither read the whole catalog again: only the rows written since it last read.
    for (const sent of [readA, readB]) {
      expect(sent.some((t) => t.includes("WHERE rev >"))).toBe(true);
      expect(sent.filter((t) => t.includes("ORDER BY held, pos"))).toEqual([]);
    }
  }, 120_000);

  it("a database of schema 1 is taken to schema 2 and followed by change; a writer of schema 1 beside is followed by reading all; a newer schema is refused", async () => {
    const url = await testDatabase();
    const a = await pg(url);
    await a.lib.ingestFile("changshou.txt", file(SEED.changshou));
    // As a process of schema 1 left it.
    a.pg!.db.query(
      "ALTER TABLE entry DROP COLUMN rev; DROP TABLE entry_gone; DELETE FROM store_meta WHERE key = 'logged'; UPDATE store_meta SET value = '1' WHERE key = 'schema'",
    );
    const b = await pg(url);
    const schema = () => b.pg!.db.query<{ value: string }>("SELECT value FROM store_meta WHERE key = 'schema'")[0]!.value;
    expect(schema()).toBe("2");
    expect(b.pg!.db.query("SELECT 1 FROM pg_indexes WHERE indexname = 'entry_rev'")).toHaveLength(1);
    expect(b.pg!.db.query<{ rev: string }>("SELECT rev FROM entry").map((r) => Number(r.rev))).toEqual([0]);
    const readA = reads(a);
    expect(await b.lib.ingestFile("ziyang.txt", file(SEED.ziyang))).toMatchObject({ status: "added" });
    await followed(a, url);
    expect(readA.filter((t) => t.includes("ORDER BY held, pos"))).toEqual([]);
    // A process of schema 1 still running rewrites an entry without marking its row.
    const id = b.lib.catalog().all()[0]!.id;
    b.pg!.db.query(
      `UPDATE entry SET data = jsonb_set(data::jsonb, '{sourceName}', '"renamed.txt"')::text WHERE id = '${id}'; UPDATE store_meta SET value = (value::bigint + 1)::text WHERE key = 'revision'; SELECT pg_notify('nianbao_catalog', '')`,
    );
    await until(() => a.lib.catalog().get(id)?.sourceName === "renamed.txt");
    await followed(a, url);
    expect(a.lib.catalog().get(id)?.sourceName).toBe("renamed.txt");
    b.pg!.db.query("UPDATE store_meta SET value = '3' WHERE key = 'schema'");
    expect(() => openPg(url)).toThrow(/格式版本是 3，本程序使用 2/);
  }, 120_000);
});
