// Lists of the held reports as people ask for them: counted (报告有几份), of one kind of body (县级,
// 部门, 乡镇街道), and never a place made of the words of asking ("列出所有县" is no county).
import { describe, expect, it } from "vitest";
import { answer } from "../../src/answer.js";
import { depsOf } from "../helpers/deps.js";
import { EXTRA, EXTRA_FILES, FIXTURES, load, PINGTAN, SEED, SEEDS } from "../helpers/reports.js";

const reports = [
  load(SEEDS, SEED.changshou),
  load(SEEDS, SEED.xiaobanqiao),
  load(SEEDS, SEED.bengbu),
  load(EXTRA, EXTRA_FILES.hongze2024),
  load(PINGTAN, "09_pingtan_2017.txt"),
  load(PINGTAN, "10_pingtan_2021.txt"),
  load(`${FIXTURES}/names`, "pingtan_jiaojian_2021.txt"),
];
const deps = depsOf(reports);

describe("lists of reports", () => {
  it("counts a province's reports of a year (报告有几份 had been read as a figure asked)", () => {
    const a = answer("福建省2017年的报告有几份", deps);
    expect(a.kind).toBe("list");
    expect(a.text).toContain("2017年共1份报告");
  });

  it("lists one kind of body: 县级, 乡镇街道", () => {
    const county = answer("列出所有县级政府的报告", deps);
    expect(county.kind).toBe("list");
    expect(county.text).toContain("区县共");
    expect(county.text).toContain("重庆市长寿区");
    expect(county.text).not.toContain("小板桥街道");
    expect(county.text).not.toContain("蚌埠市");
    const towns = answer("哪个镇的报告", deps);
    expect(towns.text).toContain("小板桥街道");
    expect(towns.text).not.toContain("长寿区");
  });

  it("reads no place in the words of asking (列出所有县), nor a slip in 政府的报告 (政府公报)", () => {
    const a = answer("列出所有县的报告", deps);
    expect(a.text).not.toContain("没有“");
    expect(a.kind).toBe("list");
    expect(answer("列出所有县级政府的报告", deps).text).not.toContain("政府公报");
  });

  it("ranks one kind of body when asked (哪个部门…最多: not the government above it)", () => {
    const a = answer("2021年哪个部门主动公开最多", deps);
    expect(a.kind).toBe("rank");
    expect(a.answers.map((x) => x.org)).toEqual([load(`${FIXTURES}/names`, "pingtan_jiaojian_2021.txt").org]);
    expect(a.text).toContain("2021年部门的");
  });
});
