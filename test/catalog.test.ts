// Names of the reports held: a zone's 管委会 is its government; short forms of zone names by rule.
import { describe, expect, it } from "vitest";
import { Catalog, governs, type ReportEntry, regionKey, shortForms } from "../src/catalog.js";

describe("governs", () => {
  const CASES: [string, string, "department" | "county", boolean][] = [
    ["平潭综合实验区管委会", "平潭综合实验区", "department", true],
    ["平潭综合实验区管理委员会", "平潭综合实验区", "department", true],
    ["小板桥街道办事处", "小板桥街道", "department", true],
    ["平潭综合实验区管委会办公室", "平潭综合实验区", "department", false],
    ["重庆市长寿区民政局", "长寿区", "department", false],
    ["平潭县人民政府", "平潭县", "county", true],
  ];
  for (const [org, region, level, want] of CASES) {
    it(`${org} → ${want}`, () => expect(governs({ org, region, fullRegion: region, level })).toBe(want));
  }

  it("files a 管委会 report under its zone, a department under itself", () => {
    expect(regionKey({ org: "平潭综合实验区管委会", region: "平潭综合实验区", fullRegion: "平潭综合实验区", level: "department" })).toBe("平潭综合实验区");
    expect(regionKey({ org: "重庆市长寿区民政局", region: "长寿区", fullRegion: "重庆市长寿区", level: "department" })).toBe("重庆市长寿区民政局");
  });
});

describe("shortForms", () => {
  const CASES: [string, string[]][] = [
    ["平潭综合实验区", ["平潭", "平潭实验区", "实验区", "平潭综合实验区管委会", "平潭实验区管委会"]],
    ["苏州工业园区", []],
    ["天津经济技术开发区", ["天津", "天津开发区", "开发区", "天津经济技术开发区管委会", "天津开发区管委会"]],
    ["滨海新区", ["滨海", "滨海新区管委会"]],
    ["长寿区", []],
  ];
  for (const [region, want] of CASES) it(region, () => expect(shortForms(region)).toEqual(want));
});

describe("Catalog.ofYears", () => {
  const entry = (id: string, year: number | null) =>
    ({
      id,
      org: `${id}县人民政府`,
      region: `${id}县`,
      fullRegion: `${id}县`,
      level: "county",
      year,
      aliases: [],
      columns: [],
      statLabels: [],
    }) as unknown as ReportEntry;

  it("gives a year's reports in the catalog's order, and follows additions and removals", () => {
    const c = new Catalog([entry("甲", 2019), entry("乙", 2020), entry("丙", 2019), entry("丁", null)]);
    expect(c.ofYears([2019]).map((e) => e.id)).toEqual(["甲", "丙"]);
    expect(c.ofYears([2020, 2019]).map((e) => e.id)).toEqual(["甲", "乙", "丙"]);
    c.add(entry("戊", 2019));
    c.remove("甲");
    expect(c.ofYears([2019]).map((e) => e.id)).toEqual(["丙", "戊"]);
    expect(c.ofYears([2018])).toEqual([]);
    // A copy: the caller may change it.
    c.ofYears([2019]).pop();
    expect(c.ofYears([2019])).toHaveLength(2);
  });
});

describe("Catalog.replace", () => {
  const entry = (id: string, region: string, year: number) =>
    ({ id, org: `${region}人民政府`, region, fullRegion: region, level: "county", year, aliases: [], columns: [], statLabels: [] }) as unknown as ReportEntry;
  const view = (c: Catalog) => ({
    all: c.all(),
    keys: c.keys(),
    lists: c.keys().map((k) => c.forKey(k)),
    years: c.ofYears([2019, 2021]),
    lexicon: c.lexicon(),
  });

  it("puts a rewritten entry in its place: the catalog is the one made afresh from the entries; not under another region or rank", () => {
    const list = [entry("a", "甲县", 2019), entry("b", "乙县", 2019), entry("c", "甲县", 2019), entry("d", "甲县", 2020)];
    const c = new Catalog(list);
    c.lexicon();
    for (const e of [entry("c", "甲县", 2019), { ...entry("d", "甲县", 2020), aliases: ["甲"] }, entry("b", "乙县", 2019)]) {
      expect(c.replace(e)).toBe(true);
      list[list.findIndex((x) => x.id === e.id)] = e;
      expect(view(c)).toEqual(view(new Catalog(list)));
      expect(c.get(e.id)).toBe(e);
    }
    expect(c.forKey("甲县").map((e) => e.id)).toEqual(["d", "a", "c"]);
    expect(c.lexicon().regions.find((r) => r.key === "甲县")?.names).toEqual(["甲"]);
    expect(c.replace(entry("a", "乙县", 2019))).toBe(false);
    expect(c.replace(entry("a", "甲县", 2021))).toBe(false);
    expect(c.replace(entry("x", "甲县", 2019))).toBe(false);
    expect(view(c)).toEqual(view(new Catalog(list)));
  });
});
