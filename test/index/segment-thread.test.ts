// jieba in a thread of its own (startSegmenter): the main thread's cuts asked of it give the same
// words as jieba loaded on the main thread, taught the same names before and after it loaded.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";

type Segmenter = typeof import("../../src/index/segment.js");

/** A fresh copy of segment.ts (its own taught words and mode). */
async function fresh(): Promise<Segmenter> {
  vi.resetModules();
  return import("../../src/index/segment.js");
}

const TEXT = readFileSync(join(import.meta.dirname, "../fixtures/reports/seeds/000_2d63126c8570951a.txt"), "utf8");
const QUESTIONS = [
  "小板桥街道2019年行政复议多少件",
  "沭阳县发改局主动公开政府信息多少条",
  "各乡镇主动公开政府信息多少条",
  "粉丝 区块链 12345热线",
  "HELLO World 政务新媒体",
];

describe("startSegmenter", () => {
  it("cuts as jieba on this thread does, with the names taught before and after", async () => {
    const here = await fresh();
    here.addWord("小板桥街道");
    const expected = { q: QUESTIONS.map((q) => here.segment(q)), many: here.segmentMany(TEXT.split("\n")), whole: here.segment(TEXT) };
    here.addWord("沭阳县发改局");
    const after = here.segment(QUESTIONS[1]!);

    const there = await fresh();
    there.startSegmenter();
    there.addWord("小板桥街道");
    expect(QUESTIONS.map((q) => there.segment(q))).toEqual(expected.q);
    expect(there.segmentMany(TEXT.split("\n"))).toEqual(expected.many);
    expect(there.segment(TEXT)).toEqual(expected.whole);
    there.addWord("沭阳县发改局");
    expect(there.segment(QUESTIONS[1]!)).toEqual(after);
    expect(after).toContain("沭阳县发改局");
    expect(there.segmenterMode()).toBe("thread");
    expect(here.segmenterMode()).toBe("here");
  });
});
