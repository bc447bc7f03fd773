// A fragment read against the conversation's last question; the conversation's memory.
import { describe, expect, it } from "vitest";
import type { Answer, QueryContext } from "../../src/domain.js";
import { type Lexicon, parseQuestion } from "../../src/parse/question.js";
import { Conversations, picked } from "../../src/qa/conversation.js";
import { completeFollowUp, contextOf } from "../../src/qa/followup.js";

const lex: Lexicon = {
  regions: [
    { key: "重庆市长寿区", label: "重庆市长寿区", names: ["长寿区", "长寿", "重庆市长寿区"] },
    { key: "益阳市资阳区", label: "益阳市资阳区", names: ["资阳区", "资阳", "益阳市资阳区"] },
  ],
  sliceNames: [],
  newestYear: 2020,
};
const last: QueryContext = { regions: ["重庆市长寿区"], years: [2018], topic: "行政复议多少件", metric: "review.total" };

describe("completeFollowUp", () => {
  it.each([
    ["那2019年呢", "重庆市长寿区2019年行政复议多少件"],
    ["2020年呢？", "重庆市长寿区2020年行政复议多少件"],
    ["行政诉讼呢", "重庆市长寿区2018年行政诉讼"],
    ["那行政诉讼呢", "重庆市长寿区2018年行政诉讼"],
    ["占比呢", "重庆市长寿区2018年行政复议占比"],
    ["和资阳区比呢", "重庆市长寿区2018年和资阳区行政复议对比"],
    ["跟资阳区相比", "重庆市长寿区2018年和资阳区行政复议对比"],
    ["资阳区呢", "资阳区2018年行政复议多少件"],
    // A year to compare with (it had read "…2020年和比"), and the problems of the body just asked about.
    ["和2020年比呢", "重庆市长寿区2018年和2020年行政复议对比"],
    ["有哪些不足", "重庆市长寿区2018年有哪些不足"],
    ["存在什么问题", "重庆市长寿区2018年存在什么问题"],
    // About the report just asked about: its original, its date.
    ["原文在哪", "重庆市长寿区2018年原文在哪"],
    ["什么时候发布的", "重庆市长寿区2018年什么时候发布的"],
  ])("%s → %s", (fragment, want) => {
    expect(completeFollowUp(parseQuestion(fragment, lex), last)).toBe(want);
  });

  it.each([
    "资阳区2020年行政诉讼多少件",
    "哪个地区行政复议最多",
    "有哪些报告",
    "资阳区2020年存在哪些问题",
    "2019年全部地区行政复议一共多少件",
    "哪些地区存在问题",
    // A question of its own ending in 吗 (it had been read as "资阳区2018年行政复议多少件").
    "资阳区2020年政务公开栏更新了56期吗",
  ])("%s stands on its own", (q) => {
    expect(completeFollowUp(parseQuestion(q, lex), last)).toBeNull();
  });

  it("contextOf keeps the bodies by names that parse back, the years and the topic", () => {
    const pq = parseQuestion("长寿区2018年行政复议多少件", lex);
    expect(contextOf(pq, (k) => k)).toEqual(last);
    expect(contextOf(parseQuestion("你好", lex), (k) => k)).toBeNull();
  });

  it("a question about the report itself leaves its topic: 那2020年的呢 asks it of that year", () => {
    const about = contextOf(parseQuestion("资阳区2019年报告什么时候发布的", lex), (k) => k);
    expect(about).toEqual({ regions: ["益阳市资阳区"], years: [2019], topic: "报告什么时候发布的" });
    expect(completeFollowUp(parseQuestion("那2020年的呢", lex), about!)).toBe("益阳市资阳区2020年报告什么时候发布的");
  });
});

describe("Conversations", () => {
  const answer = (extra: Partial<Answer>): Answer => ({ question: "q", kind: "value", answers: [], hits: [], warnings: [], text: "", ...extra });

  it("keeps a chat's context for a while, apart from other chats", () => {
    const clock = { now: 0 };
    const c = new Conversations({ ttlMs: 1000, now: () => clock.now });
    c.remember("a", answer({ context: last }));
    expect(c.context("a")).toEqual(last);
    expect(c.context("b")).toBeUndefined();
    // An answer with nothing to keep (你好) keeps what the chat had.
    c.remember("a", answer({}));
    expect(c.context("a")).toEqual(last);
    clock.now = 1001;
    expect(c.context("a")).toBeUndefined();
  });

  it("holds a bounded number of chats, the longest idle going first", () => {
    const c = new Conversations({ max: 2 });
    for (const k of ["a", "b", "c"]) c.remember(k, answer({ context: last }));
    expect([c.context("a"), c.context("b") !== undefined, c.context("c") !== undefined]).toEqual([undefined, true, true]);
  });

  it("a pick puts the choice in place of the words it replaces", () => {
    const c = new Conversations();
    c.remember("a", answer({ question: "平潭2019年行政复议多少件", choices: ["平潭综合实验区", "福州市平潭县"], choiceFor: "平潭" }));
    expect(picked(c.pending("a")!, 1)).toBe("福州市平潭县2019年行政复议多少件");
    expect(picked(c.pending("a")!, 5)).toBeNull();
  });
});
