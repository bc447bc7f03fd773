// The library on the SQLite store, as the CLI and the bot open it: the same answers as the JSON
// store, kept across a restart without rebuilding anything, through revisions, held texts and a
// reindex (which builds the full-text index beside the live one), and filled once from a JSON store.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../src/bot/features/start.js";
import { openLibrary } from "../src/cli.js";
import type { StoreKind } from "../src/config.js";
import { createFtsIndex } from "../src/index/fts-index.js";
import { IdsFingerprint } from "../src/index/search-index.js";
import { openSqlite } from "../src/store/sqlite.js";
import { SEED, SEEDS } from "./helpers/reports.js";

const work = () => join(mkdtempSync(join(tmpdir(), "nianbao-libsql-")), "db.json");
const QUESTIONS = [
  ...EXAMPLES,
  "长寿区2018年行政复议多少件",
  "资阳区2020年通过12345平台办理群众诉求多少件",
  "长寿区2018年存在哪些问题",
  "政务新媒体",
  "依申请公开 办理",
  "2019年哪个地区行政处罚最多",
];

async function opened(dbPath: string, store: StoreKind, write = true) {
  return openLibrary(dbPath, { write, store });
}

/** What a question gets, without what differs by store only in where it came from. */
const reply = (a: { text: string; answers: unknown[]; hits: { reportId: string; line: number }[] }) => ({
  text: a.text,
  answers: a.answers,
  hits: a.hits.map((h) => `${h.reportId}:${h.line}`),
});

describe("the library on the SQLite store", () => {
  it("answers as the JSON store does, and again after a restart without rebuilding the index", async () => {
    const jsonPath = work();
    const json = await opened(jsonPath, "json");
    await json.lib.ingestPaths([SEEDS]);
    json.release();
    const dbPath = work();
    const sqlite = await opened(dbPath, "sqlite");
    await sqlite.lib.ingestPaths([SEEDS]);
    sqlite.release();
    for (const q of QUESTIONS) expect(reply(sqlite.lib.ask(q)), q).toEqual(reply(json.lib.ask(q)));

    const db = openSqlite(dbPath.replace(/\.json$/, ".sqlite"));
    const passages = db.prepare("SELECT count(*) FROM fts_0").pluck().get();
    const reader = await opened(dbPath, "sqlite", false);
    expect(reader.lib.listReports()).toEqual(sqlite.lib.listReports());
    for (const q of QUESTIONS) expect(reply(reader.lib.ask(q)), q).toEqual(reply(sqlite.lib.ask(q)));
    expect(db.prepare("SELECT count(*) FROM fts_0").pluck().get()).toBe(passages);
  });

  it("keeps a revision, a held text and an admin's decision across a restart, and a reindex swaps the index generation", async () => {
    const dbPath = work();
    const first = await opened(dbPath, "sqlite");
    const text = readFileSync(join(SEEDS, SEED.changshou), "utf8");
    await first.lib.ingestFile("a.txt", new TextEncoder().encode(text));
    const revised = await first.lib.ingestFile(
      "b.txt",
      new TextEncoder().encode(text.replace("四、行政复议数量 |\n件 |\n15 |", "四、行政复议数量 |\n件 |\n16 |")),
    );
    expect(revised).toMatchObject({ status: "revision" });
    await first.lib.ingestFile("c.txt", new TextEncoder().encode(readFileSync(join(SEEDS, SEED.xihu), "utf8").replace(/2019/g, "")));
    expect(first.lib.listHeld()).toHaveLength(1);
    first.release();

    const second = await opened(dbPath, "sqlite");
    expect(second.lib.ask("长寿区2018年行政复议多少件").answers[0]).toMatchObject({ value: 16 });
    expect(second.lib.listHeld().map((h) => h.org)).toEqual(["南昌市西湖区人民政府"]);
    expect(await second.lib.decideHeld(second.lib.listHeld()[0]!.id, "confirm")).toMatchObject({ ok: true });
    const before = second.lib.ask("政务公开 监督保障");
    expect(await second.lib.reindex()).toMatchObject({ reports: 2, added: [], failed: [] });
    expect(reply(second.lib.ask("政务公开 监督保障"))).toEqual(reply(before));
    second.release();

    const db = openSqlite(dbPath.replace(/\.json$/, ".sqlite"));
    expect(db.prepare("SELECT value FROM fts_meta WHERE key = 'generation'").pluck().get()).toBe("1");
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name GLOB 'fts_doc_*'").pluck().all()).toEqual(["fts_doc_1"]);
    const third = await opened(dbPath, "sqlite", false);
    expect(third.lib.size).toBe(2);
    expect(third.lib.ask("长寿区2018年行政复议多少件").answers[0]).toMatchObject({ value: 16 });
    expect(reply(third.lib.ask("政务公开 监督保障"))).toEqual(reply(before));
  });

  it("finds at start an index that does not hold the catalog's reports (a crash between the two) and repairs it", async () => {
    const dbPath = work();
    const first = await opened(dbPath, "sqlite");
    await first.lib.ingestPaths([SEEDS]);
    first.release();
    const ids = first.lib
      .listReports()
      .map((r) => r.id)
      .sort();
    const gone = first.lib.ask("长寿区2018年行政复议多少件").answers[0]!.reportId;
    const before = reply(first.lib.ask("长寿区 政务新媒体"));
    // Behind the library's back: one report out of the index, one the catalog does not know in.
    const db = openSqlite(dbPath.replace(/\.json$/, ".sqlite"));
    const index = createFtsIndex(db, () => undefined);
    index.remove(gone);
    index.add("0123456789abcdef", [{ reportId: "0123456789abcdef", text: "政务新媒体 长寿区", section: "", line: 1, tokens: "政务新媒体 长寿区" }]);
    index.flush!();
    expect(index.fingerprint()).not.toBe(IdsFingerprint.of(ids).toString());

    const second = await opened(dbPath, "sqlite");
    second.release();
    expect(second.lib.searchIndex().reports().sort()).toEqual(ids);
    expect(second.lib.searchIndex().fingerprint!()).toBe(IdsFingerprint.of(ids).toString());
    expect(reply(second.lib.ask("长寿区 政务新媒体"))).toEqual(before);
  });

  it("is filled once from a JSON store beside it, which is left as it was", async () => {
    const dbPath = work();
    const json = await opened(dbPath, "json");
    await json.lib.ingestPaths([SEEDS]);
    await json.lib.botStore.update((s) => void s.subscriptions.push({ chatId: 7, kind: "all", value: "", createdAt: "2026-01-01" }));
    json.release();
    const before = readFileSync(dbPath, "utf8");

    const sqlite = await opened(dbPath, "sqlite");
    sqlite.release();
    expect(sqlite.lib.listReports()).toEqual(json.lib.listReports());
    expect(sqlite.lib.botStore.read().subscriptions.map((s) => s.chatId)).toEqual([7]);
    for (const q of QUESTIONS) expect(reply(sqlite.lib.ask(q)), q).toEqual(reply(json.lib.ask(q)));
    expect(readFileSync(dbPath, "utf8")).toBe(before);
  });
});
