// The column of a 第二十条 row counted in the unit asked: "行政许可事项多少项" of a 2019 report is its
// 上一年项目数量 (项) with the year's 本年增/减 beside it, not its 处理决定数量 (件), which it had
// answered; asked in 件, the decisions.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { depsOf } from "../helpers/deps.js";
import { load, SEED, SEEDS } from "../helpers/reports.js";

const deps = depsOf([load(SEEDS, SEED.ziyang)]);

describe("a 2019 第二十条 row asked in 项 or in 件", () => {
  it("多少项: last year's items, and the change", () => {
    const a = answer("资阳区2020年行政许可事项多少项", deps);
    expect(a.answers.map((x) => [x.metric, x.value])).toEqual([
      ["art20.licensing.prev_items", 19034],
      ["art20.licensing.delta", -9539],
    ]);
  });
  it("多少件: the decisions", () => {
    expect(answer("资阳区2020年行政许可多少件", deps).answers.map((x) => [x.metric, x.value])).toEqual([["art20.licensing.decisions", 9495]]);
  });
});
