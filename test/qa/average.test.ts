// 平均每月 / 日均 asked of a year's count: the count divided, said as computed (no report prints it);
// asked without 平均, no such line.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { depsOf } from "../helpers/deps.js";
import { load, PINGTAN } from "../helpers/reports.js";

const deps = depsOf([load(PINGTAN, "10_pingtan_2021.txt")]);

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
