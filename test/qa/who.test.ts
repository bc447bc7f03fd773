// Who brought a review or a lawsuit: no form says, and the reply says so before the counts (it had
// given the results, 其中：结果维持…, as if they answered "是谁"). Who made the requests is what 表三's
// applicant columns say.
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { depsOf } from "../helpers/deps.js";
import { load, PINGTAN } from "../helpers/reports.js";

const deps = depsOf([load(PINGTAN, "10_pingtan_2021.txt")]);

describe("who is asked", () => {
  it.each(["平潭综合实验区2021年行政复议申请人是谁", "平潭综合实验区2021年行政诉讼是谁提起的"])("%s: not said by the report", (q) => {
    const a = answer(q, deps);
    expect(a.text.split("\n")[0]).toContain("的报告没有写明由谁申请复议或提起诉讼");
    expect(a.answers.length).toBeGreaterThan(0);
  });
  it("the requests: by applicant", () => {
    const a = answer("平潭综合实验区2021年收到的申请是哪些人提的", deps);
    expect(a.text).not.toContain("没有写明");
    expect(a.text).toContain("按申请人：自然人 64件");
  });
});
