// Full-text ranking over a small realistic set (sentences from the bundled reports), with the
// expected order explained per position; jieba segmentation of real sentences.
import { describe, expect, it } from "vitest";
import { createSearchIndex, scorePassage } from "../../src/index/search-index.js";
import { addWord, segment } from "../../src/index/segment.js";
import { PASSAGES } from "../helpers/passages.js";

function index() {
  const stored = new Map(
    PASSAGES.map((text, i) => [`r${i}`, [{ reportId: `r${i}`, text, section: "一、总体情况", line: i + 1, tokens: segment(text).join(" ") }]]),
  );
  const idx = createSearchIndex((id) => stored.get(id));
  for (const [id, passages] of stored) idx.add(id, passages);
  return idx;
}

describe("search ranking", () => {
  it("12345平台 诉求: the sentence with both words and the number, and not the one sharing only 平台", () => {
    const hits = index().search(segment("通过12345平台办理群众诉求多少件"), { wantsNumber: true });
    // 1. r0 has 12345, 平台, 办理, 群众, 诉求. r1 shares only 平台: under 40% of r0's score, left out.
    expect(hits.map((h) => h.passage.reportId)).toEqual(["r0"]);
  });

  it("电话: the contact sentence", () => {
    const hits = index().search(segment("政务公开办公室电话"));
    expect(hits[0]!.passage.reportId).toBe("r3");
  });

  it("三审三校: the sentence that names the system, above one that only says 制度", () => {
    const hits = index().search(segment("落实什么审校制度 三审三校"));
    // r4 has 落实, 制度 and 三审三校; r5 only 制度
    expect(hits[0]!.passage.reportId).toBe("r4");
  });

  it("restricted to some reports, scores only those", () => {
    const hits = index().search(segment("平台"), { reportIds: new Set(["r1", "r5"]) });
    expect(hits.map((h) => h.passage.reportId).sort()).toEqual(["r1", "r5"]);
  });

  it("removes a report's passages", () => {
    const idx = index();
    idx.remove("r0");
    expect(idx.search(segment("12345")).map((h) => h.passage.reportId)).not.toContain("r0");
  });

  it("exports and imports without re-segmenting", async () => {
    const idx = index();
    const data = JSON.parse(JSON.stringify(await idx.export()));
    const stored = new Map(PASSAGES.map((text, i) => [`r${i}`, [{ reportId: `r${i}`, text, section: "", line: 1, tokens: "" }]]));
    const again = createSearchIndex((id) => stored.get(id));
    expect(again.import(data)).toBe(true);
    expect(again.size).toBe(PASSAGES.length);
    expect(again.search(segment("宣传册"))[0]!.passage.reportId).toBe("r2");
    expect(again.import({ ...data, format: "other" })).toBe(false);
  });

  it("searches and exports across shards the same as one index", async () => {
    const stored = new Map(PASSAGES.map((text, i) => [`r${i}`, [{ reportId: `r${i}`, text, section: "", line: 1, tokens: segment(text).join(" ") }]]));
    const sharded = createSearchIndex((id) => stored.get(id), { shardPassages: 2 });
    for (const [id, passages] of stored) sharded.add(id, passages);
    const q = segment("12345平台办理群众诉求");
    expect(sharded.search(q).map((h) => h.passage.reportId)).toEqual(
      index()
        .search(q)
        .map((h) => h.passage.reportId),
    );
    const data = await sharded.export();
    expect(new Set(data.chunks.map(([k]) => k.split("/")[0])).size).toBe(3); // 6 passages, 2 per shard
    const again = createSearchIndex((id) => stored.get(id), { shardPassages: 2 });
    expect(again.import(JSON.parse(JSON.stringify(data)))).toBe(true);
    expect(again.search(segment("宣传册"))[0]!.passage.reportId).toBe("r2");
    sharded.remove("r2");
    expect(sharded.search(segment("宣传册"))).toEqual([]);
  });

  it("scores by the keywords found verbatim", () => {
    expect(scorePassage(["宣传册", "500"], PASSAGES[2]!)).toBeGreaterThan(scorePassage(["宣传册"], PASSAGES[2]!));
    expect(scorePassage(["不存在的词"], PASSAGES[2]!)).toBe(0);
  });
});

describe("segment", () => {
  it("keeps years and domain words whole", () => {
    expect(segment("长寿区2018年行政复议多少件")).toEqual(expect.arrayContaining(["长寿区", "2018", "行政复议"]));
  });
  it("learns names it is told", () => {
    addWord("小板桥街道");
    expect(segment("小板桥街道2018年主动公开")).toContain("小板桥街道");
  });
});
