// A department's short names by rule, and the name index built from held reports.
import { describe, expect, it } from "vitest";
import { Catalog, toEntry } from "../../src/catalog.js";
import { nearNames, parseQuestion } from "../../src/parse/question.js";
import { departmentForms, oneApart } from "../../src/qa/names.js";
import { EXTRA, EXTRA_FILES, load, PINGTAN, SEED, SEEDS } from "../helpers/reports.js";

describe("departmentForms", () => {
  it.each([
    ["发展和改革局", ["发改局", "发展改革局"]],
    ["交通与建设局", ["交建局", "交通建设局"]],
    ["发展和改革委员会", ["发改委"]],
    ["市场监督管理局", ["市场监管局", "市监局"]],
    ["地方税务局", ["地税局"]],
    ["科学技术委员会", ["科委", "科技委"]],
    ["国有资产监督管理委员会", ["国资委"]],
    ["国有资产监督管理局", ["国资局"]],
    ["人力资源和社会保障局", ["人社局"]],
    ["住房和城乡建设局", ["住建局"]],
    ["人民政府办公厅", ["政府办公厅", "政府办"]],
    ["人民政府办公室", ["政府办公室", "政府办"]],
    ["国土资源局", ["国土局"]],
    ["交通运输局", ["交通局", "交运局"]],
    ["市场监督管理局", ["市场局"]],
    ["交通运输厅", ["交通厅", "交运厅"]],
    ["自然资源厅", ["自然厅", "自资厅"]],
  ])("%s → %j", (own, forms) => {
    const out = departmentForms(own);
    for (const f of forms) expect(out).toContain(f);
    expect(out).not.toContain(own);
  });

  it("makes no one-character names but a committee's, and none for a one-word body", () => {
    expect(departmentForms("市场监督管理局")).not.toContain("市局");
    expect(departmentForms("民政局")).toEqual([]);
    expect(departmentForms("国有资产监督管理委员会")).not.toContain("国委");
    // 国资局 is the state-assets bureau's name, not the land-resources bureau's (its initials).
    expect(departmentForms("国土资源局")).not.toContain("国资局");
  });

  it("oneApart", () => {
    expect(oneApart("长受区", "长寿区")).toBe(true);
    expect(oneApart("长寿区", "长寿区")).toBe(false);
    expect(oneApart("长区", "长寿区")).toBe(false);
  });
});

describe("the catalog's names", () => {
  const catalog = new Catalog(
    [
      load(SEEDS, SEED.changshou),
      load(SEEDS, SEED.xihu),
      load(EXTRA, EXTRA_FILES.hongze2024),
      load(EXTRA, EXTRA_FILES.huaian2024),
      load(PINGTAN, "10_pingtan_2021.txt"),
    ].map((r) => toEntry(r, {})),
  );
  const lex = catalog.lexicon();

  it("a province covers the bodies inside it, and is no body of its own", () => {
    const m = parseQuestion("江苏省有哪些报告", lex).mentions[0]!;
    expect(m.areaOnly).toBe(true);
    expect(m.keys.sort()).toEqual(["淮安市", "淮安市洪泽区"]);
  });

  it("a city held as a body still covers its counties for a list", () => {
    const m = parseQuestion("淮安市有哪些报告", lex).mentions[0]!;
    expect(m.keys).toEqual(["淮安市"]);
    expect(m.area?.keys.sort()).toEqual(["淮安市", "淮安市洪泽区"]);
  });

  it("a city typed before its county only places it", () => {
    const pq = parseQuestion("江西南昌西湖区2019年行政复议多少件", lex);
    expect(pq.mentions.map((m) => m.keys)).toEqual([["南昌市西湖区"]]);
  });

  it("nearNames: one character from a held name, where a place is typed", () => {
    expect(nearNames("长受区2018年行政复议多少件", lex)).toEqual({ typed: "长受区", names: ["长寿区"] });
    // 信息 is one character from no name; a place the gazetteer holds (长春) is no slip.
    expect(nearNames("哪个地区信息公开工作人员最多", lex)).toBeNull();
    expect(nearNames("长春2018年行政复议多少件", lex)).toBeNull();
    // Words of asking and of time are no slips of a place (去年 is one character from no 去?).
    for (const q of ["去年行政复议多少件", "全部地区行政复议一共多少件", "请问有哪些报告"]) expect(nearNames(q, lex)).toBeNull();
  });
});
