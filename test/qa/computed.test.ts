// What a question computes from a figure: 平均每月 / 日均 (the count divided, said as computed: no
// report prints it; asked without 平均, no such line), and a yes or no (是不是15件, 有没有超过10件,
// 是不是26.8万条), said first, before the figure it rests on.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { depsOf } from "../helpers/deps.js";
import { load, PINGTAN, SEED, SEEDS } from "../helpers/reports.js";

const deps = depsOf([load(PINGTAN, "10_pingtan_2021.txt"), load(SEEDS, SEED.changshou), load(SEEDS, SEED.bengbu)]);

describe("an average asked of a year's count", () => {
  it("平均每月: the year's 70 over twelve months", () => {
    const a = answer("平潭综合实验区2021年收到申请平均每月多少", deps);
    expect(a.answers[0]?.value).toBe(70);
    expect(a.text).toContain("平均每月约 5.8件（70 ÷ 12");
  });
  it("日均: over the days of the year", () => {
    expect(answer("平潭综合实验区2021年日均收到多少申请", deps).text).toContain("平均每天约 0.2件（70 ÷ 365");
  });
  it("no average unless asked", () => {
    expect(answer("平潭综合实验区2021年收到多少申请", deps).text).not.toContain("平均");
  });
});

describe("a yes or no asked of a figure", () => {
  it.each([
    ["长寿区2018年行政复议是不是15件", "是的，报告为 15件。"],
    ["长寿区2018年行政复议是16件吗", "不是 16：报告为 15件。"],
    ["长寿区2018年行政复议有没有超过10件", "是的，超过 10：报告为 15件。"],
    ["长寿区2018年行政复议是否超过20件", "没有超过 20：报告为 15件。"],
    ["长寿区2018年行政复议少于20件吗", "是的，少于 20：报告为 15件。"],
    ["蚌埠市2019年主动公开政府信息是不是26.8万条", "是的，约 26.8万：报告为 267886条。"],
  ])("%s", (q, first) => {
    const a = answer(q, deps);
    expect(a.text.split("\n")[0]).toBe(first);
    expect(a.answers.length).toBeGreaterThan(0);
  });
  it("no verdict when none is asked", () => {
    expect(answer("长寿区2018年行政复议多少件", deps).text.split("\n")[0]).toBe("重庆市长寿区人民政府2018年行政复议：15件");
  });
});
