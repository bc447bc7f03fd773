// parseQuestion on questions worded the way people talk (告, 办完, 手里没有, 下一步怎么改): the
// template's concept each means, with the same fixed lexicon style as question.test.ts.
import { describe, expect, it } from "vitest";
import type { Lexicon } from "../../src/parse/question.js";
import { parseQuestion, problemsAspect } from "../../src/parse/question.js";

const lexicon: Lexicon = {
  regions: [
    { key: "重庆市长寿区", label: "重庆市长寿区", names: ["长寿区", "重庆市长寿区", "长寿"] },
    { key: "益阳市资阳区", label: "益阳市资阳区", names: ["资阳区", "益阳市资阳区", "资阳"] },
    { key: "蚌埠市", label: "蚌埠市", names: ["蚌埠市", "蚌埠市人民政府", "蚌埠", "蚌埠市政府"] },
  ],
  sliceNames: ["市政府", "市直单位", "县区政府", "县区直属单位", "乡镇政府"],
  newestYear: 2020,
};
const ws = (s: string) => s.split(/\s+/).filter(Boolean);

/** [question, which half of 存在的主要问题及改进情况 it asks] */
const ASPECTS: [string, string][] = [
  ["资阳区2020年存在哪些问题", "problems"],
  ["资阳区2020年有什么不足", "problems"],
  ["资阳区2020年下一步怎么改进", "improvements"],
  ["资阳区2020年改进措施有哪些", "improvements"],
  ["资阳区2020年针对存在的问题有什么打算", "improvements"],
  ["资阳区2020年存在的主要问题及改进情况", "both"],
  ["资阳区2020年有哪些问题，打算怎么整改", "both"],
];

describe("problemsAspect", () => {
  for (const [q, want] of ASPECTS) {
    it(q, () => {
      expect(problemsAspect(q)).toBe(want);
      const pq = parseQuestion(q, lexicon, ws);
      expect(pq.asksProblems).toBe(true);
      expect(pq.problemsAspect).toBe(want);
    });
  }

  it("a number asked about the improvements' topic is no problems question", () => {
    expect(parseQuestion("长寿区2018年行政复议多少件", lexicon, ws).asksProblems).toBe(false);
  });
});
