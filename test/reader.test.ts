// Reading files in a worker thread (issue 12): the same report as on the calling thread, the
// passages cut with the names the main thread taught jieba, a file that fails said in words, and
// the worker ended by close().
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { indexPassages } from "../src/index/passages.js";
import { addWord, segment, segmenterMode } from "../src/index/segment.js";
import { createReader } from "../src/reader.js";
import { SEED, SEEDS } from "./helpers/reports.js";

describe("createReader", () => {
  const reader = createReader({ worker: true });
  afterAll(() => reader.close());

  it("reads a report in the worker as the calling thread does, passages segmented there", async () => {
    const bytes = new Uint8Array(readFileSync(join(SEEDS, SEED.changshou)));
    const [inWorker, here] = await Promise.all([reader.read("长寿区.txt", bytes), createReader({ worker: false }).read("长寿区.txt", bytes)]);
    expect(reader.mode).toBe("worker");
    if (!inWorker.ok || !here.ok) throw new Error("not read");
    expect(inWorker.report).toEqual(here.report);
    expect(inWorker.original).toBe(here.original);
    expect(here.passages).toBeUndefined(); // on the calling thread segmentation waits for the store
    expect(inWorker.passages).toEqual(indexPassages(here.report));
  }, 120_000);

  it("cuts names the main thread taught jieba after the worker started", async () => {
    addWord("甲乙丙丁戊己庚");
    const text = "某县人民政府2020年政府信息公开工作年度报告\n一、总体情况\n2020年，甲乙丙丁戊己庚主动公开政府信息120条。\n";
    const res = await reader.read("a.txt", new TextEncoder().encode(text));
    if (!res.ok) throw new Error(res.error);
    expect(res.passages!.flatMap((p) => p.tokens.split(" "))).toContain("甲乙丙丁戊己庚");
  }, 120_000);

  it("a file that cannot be read is refused with the reason, the worker lives on", async () => {
    const res = await reader.read("x.pdf", new TextEncoder().encode("%PDF-1.4 not really"));
    expect(res).toMatchObject({ ok: false, error: expect.any(String) });
    expect((await reader.read("长寿区.txt", new Uint8Array(readFileSync(join(SEEDS, SEED.changshou))))).ok).toBe(true);
  }, 120_000);
});

describe("createReader with several workers", () => {
  const files = [SEED.changshou, SEED.xihu, SEED.ziyang].map((f) => new Uint8Array(readFileSync(join(SEEDS, f))));

  it("cuts every file with the process's one jieba: no worker loads a dictionary of its own", async () => {
    const pool = createReader({ worker: true, workers: 2 });
    try {
      const results = await Promise.all(files.map((b, i) => pool.read(`${i}.txt`, b)));
      expect(results.map((r) => r.ok && r.cutIn)).toEqual(["jieba thread", "jieba thread", "jieba thread"]);
      expect(segmenterMode()).toBe("thread");
      for (const r of results) if (r.ok) expect(r.passages).toEqual(indexPassages(r.report));
    } finally {
      await pool.close();
    }
  }, 120_000);

  it("a worker that dies after its file's turn came does not hold up the files after it", async () => {
    const pool = createReader({ worker: true, workers: 2, entry: new URL("./helpers/dying-reader-worker.mjs", import.meta.url) });
    try {
      const first = await Promise.all([pool.read("a.txt", files[0]!), pool.read("die.txt", files[1]!), pool.read("b.txt", files[2]!)]);
      expect(first[1]).toMatchObject({ ok: false, error: expect.stringContaining("工作线程") });
      const after = await Promise.all(files.map((b, i) => pool.read(`c${i}.txt`, b)));
      expect(after.map((r) => r.ok && r.cutIn)).toEqual(["jieba thread", "jieba thread", "jieba thread"]);
      expect(segment("平潭综合实验区政府信息公开")).toContain("政府信息公开");
    } finally {
      await pool.close();
    }
  }, 120_000);
});

describe("createReader without a worker", () => {
  it("falls back to the calling thread when the worker cannot start, and says so once", async () => {
    const reasons: string[] = [];
    const reader = createReader({ worker: true, entry: new URL("./no-such-worker.mjs", import.meta.url), onFallback: (r) => reasons.push(r) });
    const bytes = new Uint8Array(readFileSync(join(SEEDS, SEED.changshou)));
    const [a, b] = await Promise.all([reader.read("长寿区.txt", bytes), reader.read("长寿区.txt", bytes)]);
    expect(a.ok && b.ok).toBe(true);
    expect(reader.mode).toBe("thread");
    expect(reasons).toHaveLength(1);
    await reader.close();
  }, 120_000);
});
